import { readFileSync } from 'node:fs';

/** The package's version: what /health reports and what the MCP proxy calls itself on both sides. */
export const VERSION: string = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version;
