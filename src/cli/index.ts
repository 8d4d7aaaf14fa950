import type { Command } from 'commander';
import { agentCommands } from './agents.ts';
import { applyCommands } from './apply.ts';
import { auditCommands } from './audit-tail.ts';
import { connectCommand } from './connect.ts';
import { invokeCommand } from './invoke.ts';
import { loginCommands } from './login.ts';
import type { Output } from './output.ts';
import { serverCommands } from './servers.ts';
import { toolCommands } from './tools.ts';

/** The commands that talk to a running gateway through its API (never its database). */
export function clientCommands(program: Command, output: Output) {
  loginCommands(program, output);
  serverCommands(program, output);
  toolCommands(program, output);
  agentCommands(program, output);
  invokeCommand(program, output);
  auditCommands(program, output);
  connectCommand(program, output);
  applyCommands(program, output);
}
