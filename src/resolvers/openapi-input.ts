import { z } from 'zod';
import { UPSTREAM_AUTH_TYPES } from '../db/openapi-spec.entity.ts';
import { MAX_SPEC_BYTES } from '../openapi/parse.ts';
import { fields } from './input.ts';
import { serverName } from './server-input.ts';

const httpUrl = z.url({ protocol: /^https?$/ }).max(2_048);
const token = z.string().regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,128}$/, 'not a valid header, query or cookie name');

export const UpstreamAuthInput = z.object({
  type: z.enum(UPSTREAM_AUTH_TYPES),
  in: z.enum(['header', 'query', 'cookie']).nullish(),
  name: token.nullish(),
  username: z.string().max(512).nullish(),
  tokenUrl: httpUrl.nullish(),
  scopes: z.array(z.string().min(1).max(200)).max(50).nullish(),
  /** Write-only: sealed, never returned. */
  secret: z.string().min(1).max(8_192).nullish(),
}).superRefine((a, ctx) => {
  const required: Record<typeof a.type, (keyof typeof a)[]> = {
    none: [], api_key: ['in', 'name', 'secret'], bearer: ['secret'], basic: ['username', 'secret'], oauth2_client_credentials: ['tokenUrl', 'username', 'secret'],
  };
  for (const field of required[a.type]) if (a[field] == null) ctx.addIssue({ code: 'custom', path: [field], message: `required for ${a.type}` });
});

/** A spec given inline (JSON or YAML text, with its file name) or by URL: exactly one. */
const SpecFields = z.object({
  spec: z.string().min(1).max(MAX_SPEC_BYTES).nullish(),
  fileName: z.string().trim().min(1).max(255).nullish(),
  specUrl: httpUrl.nullish(),
});
const oneSpec = (s: z.infer<typeof SpecFields>, ctx: z.RefinementCtx) => {
  if (!s.spec === !s.specUrl) ctx.addIssue({ code: 'custom', path: ['spec'], message: 'give either spec (the text) or specUrl' });
};

export const CreateOpenApiServerInput = SpecFields.extend({
  organizationId: fields.id.nullish(),
  name: serverName,
  displayName: z.string().trim().min(1).max(200).nullish(),
  description: z.string().max(5_000).nullish(),
  tags: z.array(z.string().trim().min(1).max(50)).max(20).nullish(),
  baseUrl: httpUrl.nullish(),
  auth: UpstreamAuthInput.nullish(),
}).superRefine(oneSpec);

export const ReplaceOpenApiSpecInput = SpecFields.extend({ id: fields.id, baseUrl: httpUrl.nullish() }).superRefine(oneSpec);
export const SetOpenApiAuthInput = z.object({ id: fields.id, auth: UpstreamAuthInput });
export const SetOpenApiEndpointsInput = z.object({ id: fields.id, enabled: z.array(z.string().min(1).max(1_000)).max(500) });
