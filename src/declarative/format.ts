import type { Applied } from './apply.ts';
import { stepLabel, type Change, type Plan } from './steps.ts';

const MARK = { create: '+', update: '~', unchanged: '=' } as const;

const shown = (value: unknown): string => {
  if (value === null || value === undefined) return '(none)';
  if (Array.isArray(value)) return value.length ? value.map(String).join(', ') : '[]';
  return String(value);
};
function changeLine({ field, from, to }: Change, created: boolean) {
  if (created) return `${field}: ${shown(to)}`;
  // Only secrets are sent again unchanged (--reseal): their names are all the plan can show.
  return JSON.stringify(from) === JSON.stringify(to) ? `${field}: ${shown(to)} (sent again)` : `${field}: ${shown(from)} → ${shown(to)}`;
}

/** How many objects change: zero is "no changes". */
export const changeCount = (plan: Plan) => plan.steps.filter((s) => s.action !== 'unchanged').length;

/** The plan as data, for `--json` and scripts: never a secret's value, only its name and where it comes from. */
export function planJson(plan: Plan) {
  return {
    changes: changeCount(plan),
    warnings: plan.warnings,
    steps: plan.steps.map(({ kind, organization, name, action, changes, notes }) => ({ kind, organization, name, action, changes, notes })),
  };
}

/** The plan for people: one line per object (`+` create, `~` update, `=` unchanged), the fields that change under it. */
export function planText(plan: Plan, file: string): string {
  const lines = [`${file}:`];
  for (const warning of plan.warnings) lines.push(`  ! ${warning}`);
  for (const step of plan.steps) {
    lines.push(`  ${MARK[step.action]} ${step.action} ${step.kind} ${stepLabel(step)}`);
    if (step.action === 'unchanged') continue;
    for (const change of step.changes) lines.push(`      ${changeLine(change, step.action === 'create')}`);
    for (const note of step.notes) lines.push(`      · ${note}`);
  }
  lines.push(summary(plan));
  return lines.join('\n');
}

export function summary(plan: Plan): string {
  const count = (action: string) => plan.steps.filter((s) => s.action === action).length;
  if (!changeCount(plan)) return `no changes: ${plan.steps.length} object${plan.steps.length === 1 ? ' is' : 's are'} as the file declares`;
  return `${count('create')} to create, ${count('update')} to update, ${count('unchanged')} unchanged`;
}

/** What was done, and each generated agent token, which is shown only here. */
export function appliedText(applied: Applied): string {
  const lines = [`applied: ${applied.created} created, ${applied.updated} updated, ${applied.unchanged} unchanged`];
  for (const { organization, agent, token } of applied.tokens) lines.push(`agent ${organization}/${agent}: its token, shown only this once: ${token}`);
  return lines.join('\n');
}
