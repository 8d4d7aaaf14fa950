import { z } from 'zod';
import { Credential, credentialStatus } from '../db/credential.entity.ts';
import { Toolset } from '../db/toolset.entity.ts';
import type { Ctx } from './context.ts';
import { fields, parseInput } from './input.ts';
import { mutate } from './mutation.ts';
import { loadProject, projectMembers, projectTarget } from './projects.ts';
import { toolsetDocument } from './toolset-documents.ts';

export const PROJECT_FORMAT = 'switchboard.project/1';

/** A project as a document: its toolset (as `exportToolset` gives it), its members, and its keys' metadata, never a secret. */
export async function exportProject(ctx: Ctx, input: { id: string }) {
  return mutate(ctx, { type: 'project_exported', changesAccess: false }, async (em) => {
    const project = await loadProject(ctx, em, parseInput(z.object({ id: fields.id }), input), 'project.write');
    const toolset = project.toolset ? await em.findOneOrFail(Toolset, project.toolset.id) : null;
    const keys = await em.find(Credential, { project }, { populate: ['user'], orderBy: { createdAt: 'asc', id: 'asc' } });
    const document = {
      format: PROJECT_FORMAT,
      name: project.name,
      description: project.description ?? null,
      toolset: toolset && (await toolsetDocument(ctx, em, toolset)),
      members: (await projectMembers(em, project)).map((u) => ({ id: u.id, username: u.username, email: u.email ?? null })),
      keys: keys.map((k) => ({
        id: k.id, name: k.name, maskedToken: k.masked, user: k.user?.username ?? null, status: credentialStatus(k),
        createdAt: k.createdAt.toISOString(), lastUsedAt: k.lastUsedAt?.toISOString() ?? null, expiresAt: k.expiresAt?.toISOString() ?? null,
      })),
    };
    return { result: document, target: projectTarget(project), orgId: project.org.id };
  });
}
