import { BACKUP_FORMAT } from '../resolvers/system-backup/coverage.ts';
import { backupSystem, resetSystem, restoreSystem, type TableCount } from '../resolvers/system-backup/operations.ts';
import { builder } from './builder.ts';
import { inputMutation } from './common.ts';

const TableCountRef = builder.objectRef<TableCount>('SystemTableCount').implement({
  description: 'How many rows of one table of the control plane an operation restored or deleted.',
  fields: (t) => ({ table: t.exposeString('table'), rows: t.exposeInt('rows') }),
});

const BackupSystemPayload = builder.simpleObject('BackupSystemPayload', {
  fields: (t) => ({
    document: t.field({
      type: 'JSON',
      description: `Format "${BACKUP_FORMAT}": every table of the control plane, row by row, as stored (credentials as digests, passwords as hashes, upstream secrets sealed with this installation's key). As sensitive as the database.`,
    }),
  }),
});

builder.mutationField('backupSystem', (t) => t.field({
  type: BackupSystemPayload,
  description: 'The whole control plane as a document that restoreSystem takes (system administrators only). The audit log is not in it.',
  resolve: async (_root, _args, ctx) => ({ document: await backupSystem(ctx) }),
}));

const CountsPayload = (name: string, description: string) => builder.simpleObject(name, {
  fields: (t) => ({ counts: t.field({ type: [TableCountRef], description }) }),
});

inputMutation('restoreSystem', {
  input: builder.inputType('RestoreSystemInput', {
    fields: (t) => ({ document: t.field({ type: 'JSON', required: true, description: 'A document as backupSystem gives it; anything else is refused, naming where.' }) }),
  }),
  payload: CountsPayload('RestoreSystemPayload', 'The rows restored, per table.'),
  description:
    'Replaces the control plane with the document’s, in one transaction (system administrators only; the audit log is kept). Every instance drops what it held of the old one; sign-ins end.',
  resolve: async (input, ctx) => restoreSystem(ctx, input),
});

inputMutation('resetSystem', {
  input: builder.inputType('ResetSystemInput', { fields: (t) => ({ confirm: t.boolean({ required: true, description: 'Must be true.' }) }) }),
  payload: CountsPayload('ResetSystemPayload', 'The rows deleted, per table.'),
  description:
    'Deletes the control plane but the caller, the credential they used and the organizations it needs (system administrators only; the audit log is kept).',
  resolve: async (input, ctx) => resetSystem(ctx, input),
});
