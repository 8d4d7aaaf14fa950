import type { Command } from 'commander';
import { loginCommands } from './login.ts';
import type { Output } from './output.ts';

/** The commands that talk to a running gateway through its API (never its database). */
export function clientCommands(program: Command, output: Output) {
  loginCommands(program, output);
}
