import type { Run } from '../client/api-client.ts';
import { applyPlan, type Applied } from './apply.ts';
import { changeCount, planJson } from './format.ts';
import { parseDeclaration, type ParseOptions } from './parse.ts';
import { planDeclaration } from './plan.ts';
import type { Plan } from './steps.ts';

export interface ApplyOptions extends ParseOptions {
  /** Show the plan and change nothing. */
  dryRun?: boolean;
  /** Send every declared secret again, though its names are unchanged (the API never shows values to compare). */
  reseal?: boolean;
  /** Called with the plan before anything is applied: people see what will change first. */
  onPlan?: (plan: Plan) => void;
}

export interface ApplyResult {
  plan: Plan;
  /** Null on a dry run, and when nothing changes. */
  applied: Applied | null;
}

/**
 * A configuration file applied through the API as `run` authenticates: read and checked whole (lines and
 * fields named), compared with the gateway, then the differences applied. A second apply changes nothing.
 */
export async function applyConfiguration(run: Run, text: string, options: ApplyOptions): Promise<ApplyResult> {
  const declaration = parseDeclaration(text, options);
  const plan = await planDeclaration(run, declaration, { reseal: options.reseal });
  options.onPlan?.(plan);
  if (options.dryRun || !changeCount(plan)) return { plan, applied: null };
  return { plan, applied: await applyPlan(run, plan) };
}

/** The result as data (`--json`): the plan, and what was applied (tokens of new agents included, once). */
export const resultJson = ({ plan, applied }: ApplyResult, dryRun: boolean) => ({ ...planJson(plan), dryRun, applied });

export { appliedText, planText, summary } from './format.ts';
export { ConfigError, INVALID_CONFIG } from './problems.ts';
