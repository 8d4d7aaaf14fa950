import { ambassador } from './ambassador/index.ts';
import { apitraffic } from './apitraffic.ts';
import { enkrypt } from './enkrypt/index.ts';
import { jungle } from './jungle.ts';
import { mcpstack } from './mcpstack/index.ts';
import type { Dialect } from './route.ts';

/** The REST dialects served, each under its own roots. */
export const DIALECTS: readonly Dialect[] = [jungle, apitraffic, mcpstack, enkrypt, ambassador];
