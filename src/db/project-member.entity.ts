import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { newId } from './ids.ts';
import { Project } from './project.entity.ts';
import { User } from './user.entity.ts';

/** A person in a project: a member of its organization, who may hold keys scoped to it. */
export const ProjectMember = defineEntity({
  name: 'ProjectMember',
  uniques: [{ properties: ['project', 'user'] }],
  properties: {
    id: p.string().primary().onCreate(() => newId('pjm')),
    project: () => p.manyToOne(Project).deleteRule('cascade'),
    user: () => p.manyToOne(User).deleteRule('cascade'),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});

export type ProjectMember = InferEntity<typeof ProjectMember>;
