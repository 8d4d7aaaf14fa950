import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { ApiError } from '../client/api-client.ts';
import { appliedText, applyConfiguration, ConfigError, planText, resultJson, type ApplyResult } from '../declarative/index.ts';
import { readStdin, type Output } from './output.ts';
import { loggedInClient } from './session-store.ts';

async function readConfiguration(file: string): Promise<string> {
  if (file === '-') return readStdin();
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new ApiError('BAD_USER_INPUT', `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

interface ApplyFlags {
  file: string;
  dryRun?: boolean;
  org?: string;
  reseal?: boolean;
}

export function applyCommands(program: Command, output: Output) {
  program
    .command('apply')
    .description('make the gateway what a file declares (organizations, servers, toolsets, groups, agents): shows the plan, then applies it')
    .requiredOption('-f, --file <file>', 'YAML or JSON, or a Claude Desktop config with mcpServers ("-" reads standard input)')
    .option('--dry-run', 'show the plan and change nothing')
    .option('--org <slug>', 'the organization of what names none, and of a Claude Desktop file\'s servers (default: default)')
    .option('--reseal', 'send every declared secret again: values are write-only, so a changed value alone is not seen')
    .action(async (flags: ApplyFlags) => {
      const text = await readConfiguration(flags.file);
      const run = loggedInClient().run;
      let result: ApplyResult;
      try {
        result = await applyConfiguration(run, text, {
          file: flags.file, env: process.env, organization: flags.org, dryRun: flags.dryRun, reseal: flags.reseal,
          // People see the plan before anything changes; scripts get one JSON document at the end.
          onPlan: output.json ? undefined : (plan) => output.line(null, planText(plan, flags.file)),
        });
      } catch (error) {
        // The failure line names the first problem; a file with several lists them all first.
        if (error instanceof ConfigError && error.problems.length > 1 && !output.json) process.stderr.write(`${error.problems.join('\n')}\n`);
        throw error;
      }
      const human = result.applied ? appliedText(result.applied) : flags.dryRun ? 'dry run: nothing was changed' : 'no changes';
      output.done(resultJson(result, flags.dryRun ?? false), human);
    });
}
