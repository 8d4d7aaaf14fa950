import { describe, expect, it } from 'vitest';
import { paramHeaders, paramMismatch, scanParams } from '../src/mcp/param-headers.ts';

const schema = (properties: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ type: 'object', properties, ...extra });
const declared = (header: unknown, type: unknown = 'string') => ({ type, 'x-mcp-header': header });

describe('x-mcp-header declarations (2026-07-28, SEP-2243)', () => {
  it('are found through properties at any depth', () => {
    const scan = scanParams(schema({ region: declared('Region'), where: schema({ zone: declared('Zone', 'integer') }), plain: { type: 'number' } }));
    expect(scan).toEqual({ valid: true, declarations: [
      { header: 'Region', path: ['region'], type: 'string' },
      { header: 'Zone', path: ['where', 'zone'], type: 'integer' },
    ] });
  });

  it.each([
    ['an empty name', schema({ v: declared('') })],
    ['a name with a space', schema({ v: declared('My Region') })],
    ['a name with a colon', schema({ v: declared('Region:Primary') })],
    ['a non-ASCII name', schema({ v: declared('Région') })],
    ['a control character', schema({ v: declared('Region\t1') })],
    ['a name that is not a string', schema({ v: declared(7) })],
    ['an object property', schema({ v: declared('Data', 'object') })],
    ['an array property', schema({ v: declared('Items', 'array') })],
    ['a null property', schema({ v: declared('Nil', 'null') })],
    ['a number property', schema({ v: declared('Score', 'number') })],
    ['the same name twice', schema({ a: declared('Region'), b: declared('Region') })],
    ['the same name in another case', schema({ a: declared('MyField'), b: declared('myfield') })],
    ['the root', { type: 'string', 'x-mcp-header': 'Root' }],
    ['under items', schema({ list: { type: 'array', items: declared('Item') } })],
    ['under anyOf', schema({ v: { anyOf: [declared('Either')] } })],
    ['under $defs', schema({}, { $defs: { hidden: declared('Hidden') } })],
  ])('make the tool invalid on %s', (_, inputSchema) => {
    expect(scanParams(inputSchema)).toMatchObject({ valid: false, reason: expect.stringContaining('x-mcp-header') });
  });
});

describe('Mcp-Param-* headers', () => {
  const scan = scanParams(schema({
    region: declared('Region'), priority: declared('Priority', 'integer'), verbose: declared('Verbose', 'boolean'), query: { type: 'string' },
  }));
  const declarations = scan.valid ? scan.declarations : [];

  it('carry the declared arguments that have a value, encoded when not plain ASCII', () => {
    expect(paramHeaders(declarations, { region: ' Zürich', priority: 1, verbose: null, query: 'SELECT 1' })).toEqual({
      'mcp-param-region': `=?base64?${Buffer.from(' Zürich').toString('base64')}?=`, 'mcp-param-priority': '1',
    });
  });

  it('agree with the arguments, or say which one does not', () => {
    const sent = (headers: Record<string, string>) => (name: string) => headers[name];
    const args = { region: 'eu', priority: 42, verbose: true };
    expect(paramMismatch(declarations, args, sent({ 'mcp-param-region': 'eu', 'mcp-param-priority': '42.0', 'mcp-param-verbose': 'true' }))).toBeNull();
    expect(paramMismatch(declarations, { region: 'eu' }, sent({ 'mcp-param-region': '=?base64?ZXU=?=' }))).toBeNull();
    expect(paramMismatch(declarations, args, sent({ 'mcp-param-region': 'eu', 'mcp-param-priority': '42' }))).toEqual({ header: 'Mcp-Param-Verbose', reason: expect.stringMatching(/is missing/) });
    expect(paramMismatch(declarations, args, sent({ 'mcp-param-region': 'us', 'mcp-param-priority': '42', 'mcp-param-verbose': 'true' }))).toMatchObject({ header: 'Mcp-Param-Region', reason: expect.stringMatching(/Mcp-Param-Region does not match/) });
    expect(paramMismatch(declarations, { region: 'eu' }, sent({ 'mcp-param-region': '=?base64?ZXU?=' }))).toMatchObject({ header: 'Mcp-Param-Region', reason: expect.stringMatching(/not valid base64/) });
    expect(paramMismatch(declarations, { region: 'eu' }, sent({ 'mcp-param-region': '=?base64?/w==?=' }))).toMatchObject({ header: 'Mcp-Param-Region', reason: expect.stringMatching(/not valid base64 UTF-8/) });
  });
});
