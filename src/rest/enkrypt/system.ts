import { z } from 'zod';
import { badInput } from '../../errors.ts';
import { graphql } from '../gql/index.ts';
import { route } from '../route.ts';
import { done, envelope, refusePath } from './envelope.ts';

const Backup = graphql(`mutation EnkryptBackupSystem { backupSystem { document } }`);
const Restore = graphql(`mutation EnkryptRestoreSystem($document: JSON!) { restoreSystem(input: { document: $document }) { counts { table rows } } }`);
const Reset = graphql(`mutation EnkryptResetSystem($confirm: Boolean!) { resetSystem(input: { confirm: $confirm }) { counts { table rows } } }`);

const Counts = z.array(z.object({ table: z.string(), rows: z.number() }));
/** A backup outgrows an ordinary body (tools carry their schemas); /graphql takes at most 1 MB. */
const MAX_BACKUP_BYTES = 16 * 1024 * 1024;

/** Seed 003's system operations: the document travels in the body and the response, never through a file. */
export const systemRoutes = [
  route({
    method: 'POST', path: '/api/v1/system/backup', summary: 'The whole control plane as a document (system administrators only; as sensitive as the database)',
    body: z.object({ output_file: z.string().optional() }).optional(), response: envelope(z.unknown()),
    handle: async ({ run, body }) => {
      refusePath('output_file', body?.output_file);
      return done('System backup created successfully', (await run(Backup, {})).backupSystem.document);
    },
  }),
  route({
    method: 'POST', path: '/api/v1/system/restore', summary: 'Replace the control plane with a backup’s (system administrators only)',
    body: z.object({ backup: z.unknown().optional(), input_file: z.string().optional() }), response: envelope(z.object({ restored: Counts })), bodyLimit: MAX_BACKUP_BYTES,
    handle: async ({ run, body }) => {
      refusePath('input_file', body.input_file);
      if (body.backup === undefined) throw badInput('backup: give the document, as backup gives it in data', { field: 'backup' });
      return done('System restored successfully', { restored: (await run(Restore, { document: body.backup })).restoreSystem.counts });
    },
  }),
  route({
    method: 'POST', path: '/api/v1/system/reset', summary: 'Delete the control plane but the caller and their credential (system administrators only)',
    body: z.object({ confirm: z.boolean().optional() }), response: envelope(z.object({ deleted: Counts })),
    handle: async ({ run, body }) => done('System reset successfully', { deleted: (await run(Reset, { confirm: body.confirm ?? false })).resetSystem.counts }),
  }),
];
