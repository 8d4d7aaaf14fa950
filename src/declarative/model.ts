import type { ToolPrefixMode, Transport } from '../client/gql/graphql.ts';

/** Where a value sits in the file, as zod and the yaml package both name it. */
export type Path = readonly (string | number)[];

/** A secret's value, and where it came from: an environment variable, or the file itself (Claude Desktop). */
export interface Secret {
  name: string;
  value: string;
  fromEnv: string | null;
}

interface Declared {
  /** Where the object is in the file: problems found later (references) are reported at its line. */
  path: Path;
  organization: string;
  name: string;
  description?: string;
}

export interface DeclaredOrganization {
  path: Path;
  slug: string;
  name: string;
  planTier?: string;
  publicMcpGuidesEnabled?: boolean;
}

export interface DeclaredServer extends Declared {
  transport: Transport;
  command?: string;
  args?: string[];
  url?: string;
  env?: Secret[];
  headers?: Secret[];
  displayName?: string;
  tags?: string[];
  status?: 'VALIDATED' | 'PUBLISHED';
}

export interface DeclaredToolset extends Declared {
  toolPrefix?: ToolPrefixMode;
  servers?: { server: string; tools: string[] | null; description: string | null; path: Path; serverPath: Path }[];
}

export interface DeclaredGroup extends Declared {
  members?: string[];
  servers?: string[];
}

export interface DeclaredAgent extends Declared {
  allowList?: string[];
  toolset?: string;
  toolPrefix?: ToolPrefixMode;
  token?: Secret;
}

/** A file, checked and with its secrets read: what the plan compares with the gateway. */
export interface Declaration {
  organizations: DeclaredOrganization[];
  servers: DeclaredServer[];
  toolsets: DeclaredToolset[];
  groups: DeclaredGroup[];
  agents: DeclaredAgent[];
  /** Said with the plan: what the file's format implies (Claude Desktop's literal values, ignored settings). */
  warnings: string[];
  /** `file:line` of a path, for problems found after parsing. */
  locate(path: Path): string;
}
