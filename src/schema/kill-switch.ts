import { builder } from './builder.ts';

interface Switchable {
  killedAt?: Date | null;
  killReason?: string | null;
  killedBy?: string | null;
}

export const KillSwitchRef = builder.objectRef<Switchable>('KillSwitch').implement({
  description: 'The emergency stop of a server or tool: while active, calls are refused with the reason.',
  fields: (t) => ({
    active: t.boolean({ resolve: (s) => !!s.killedAt }),
    reason: t.string({ nullable: true, resolve: (s) => s.killReason ?? null }),
    at: t.field({ type: 'DateTime', nullable: true, resolve: (s) => s.killedAt ?? null }),
    by: t.string({ nullable: true, description: 'Who switched it on.', resolve: (s) => s.killedBy ?? null }),
  }),
});

export const KillSwitchInput = builder.inputType('KillSwitchInput', {
  fields: (t) => ({
    id: t.id({ required: true }),
    active: t.boolean({ required: true }),
    reason: t.string({ description: 'Shown to callers while the switch is on.' }),
  }),
});
