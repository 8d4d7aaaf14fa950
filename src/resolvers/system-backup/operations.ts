import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { assert } from '../../auth/policy.ts';
import { Credential } from '../../db/credential.entity.ts';
import { DEFAULT_ORG_SLUG, Organization } from '../../db/organization.entity.ts';
import { badInput } from '../../errors.ts';
import { SYSTEM_REPLACED_SIGNAL } from '../../events/signals.ts';
import type { Ctx } from '../context.ts';
import { parseInput } from '../input.ts';
import { mutate } from '../mutation.ts';
import { BACKUP_FORMAT } from './coverage.ts';
import { parseBackup, type BackupDocument } from './document.ts';
import { deleteRows, insertRows, readRows } from './rows.ts';
import { backupTables, type Table } from './tables.ts';

export interface TableCount {
  table: string;
  rows: number;
}

const SYSTEM_TARGET = { type: 'System', id: 'system', name: 'control plane' };

/** The whole control plane as one JSON document; secrets only as stored (digests, hashes, ciphertext). */
export async function backupSystem(ctx: Ctx): Promise<BackupDocument> {
  return mutate(ctx, { type: 'system_backed_up', changesAccess: false }, async (em) => {
    assert(ctx.principal, 'system.backup');
    const tables: BackupDocument['tables'] = {};
    for (const t of backupTables(ctx.services.orm)) tables[t.name] = await readRows(em, t);
    const document: BackupDocument = { format: BACKUP_FORMAT, createdAt: new Date().toISOString(), tables };
    return { result: document, target: SYSTEM_TARGET, details: { counts: countsOf(document) } };
  });
}

const countsOf = (document: BackupDocument): TableCount[] => Object.entries(document.tables).map(([table, rows]) => ({ table, rows: rows.length }));

/**
 * Every instance drops what it holds of the old control plane: `mutate` has every cache read again and
 * live subscribers checked again; this signal stops every running upstream, also sent on commit only.
 */
async function replacing<T>(ctx: Ctx, type: string, run: (em: EntityManager, tables: Table[]) => Promise<T & { counts: TableCount[] }>) {
  const result = await mutate(ctx, { type }, async (em) => {
    const outcome = await run(em, backupTables(ctx.services.orm));
    await ctx.services.signals.announce(em, SYSTEM_REPLACED_SIGNAL);
    return { result: outcome, target: SYSTEM_TARGET, details: { counts: outcome.counts } };
  });
  ctx.services.signals.emit(SYSTEM_REPLACED_SIGNAL);
  return result;
}

/** Replaces the control plane with the document's, in one transaction: a document that does not hold changes nothing. */
export async function restoreSystem(ctx: Ctx, input: { document?: unknown }) {
  return replacing(ctx, 'system_restored', async (em, tables) => {
    assert(ctx.principal, 'system.restore');
    const document = parseBackup(tables, input.document, ctx.services.secrets);
    const admins = document.tables.user!.filter((u) => u.system_role === 'admin' && u.active);
    if (!admins.length) throw badInput('tables.user: no active system administrator: nobody could administer the restored installation', { path: 'tables.user' });
    for (const t of [...tables].reverse()) await deleteRows(em, t);
    for (const t of tables) await insertRows(em, t, document.tables[t.name]!);
    return { counts: countsOf(document) };
  });
}

/**
 * Deletes the control plane but the acting system administrator, the credential they used and the
 * organizations it needs (its own, and the default one the seeds' dialects act in), so nobody is locked out.
 */
export async function resetSystem(ctx: Ctx, input: { confirm: boolean }) {
  return replacing(ctx, 'system_reset', async (em, tables) => {
    assert(ctx.principal, 'system.reset');
    parseInput(z.object({ confirm: z.literal(true, 'must be true: a reset deletes every organization, user, server and key but yours') }), input);
    const credential = await em.findOneOrFail(Credential, ctx.principal.credentialId);
    const defaultOrg = await em.findOne(Organization, { slug: DEFAULT_ORG_SLUG });
    const keep: Record<string, Record<string, string[]>> = {
      user: { id: [ctx.principal.id] },
      credential: { id: [credential.id] },
      organization: { id: [credential.org.id, ...(defaultOrg ? [defaultOrg.id] : [])] },
    };
    const counts: TableCount[] = [];
    for (const t of [...tables].reverse()) counts.unshift({ table: t.name, rows: await deleteRows(em, t, keep[t.name]) });
    return { counts };
  });
}
