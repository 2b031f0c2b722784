// docs/migration.md's list of what is not there is current (regenerating gives the same text), and
// every name shared with ai@5 and the provider packages is a real ESM named export of llm-native.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { missingExports, updatedDoc, PACKAGES } from '../scripts/missing-exports.mjs';

const require = createRequire(import.meta.url);
const doc = readFileSync(new URL('../docs/migration.md', import.meta.url), 'utf8');

describe('missing exports', () => {
  it('docs/migration.md lists them as the script measures (run scripts/missing-exports.mjs)', () => {
    expect(updatedDoc(doc)).toBe(doc);
    expect(doc).toContain('<!-- missing-exports:begin');
  });

  it('no longer lists the helpers llm-native now has', () => {
    const ai = Object.entries(missingExports()).find(([pkg]) => pkg.startsWith('ai@'))[1];
    for (const name of ['safeValidateTypes', 'parsePartialJson', 'generateId', 'createIdGenerator', 'zodSchema', 'asSchema',
      'convertToModelMessages', 'dynamicTool', 'simulateReadableStream', 'createUIMessageStream', 'createUIMessageStreamResponse',
      'pipeUIMessageStreamToResponse', 'MessageConversionError', 'streamText', 'tool']) {
      expect(ai).not.toContain(name);
    }
  });

  it('gives every shared name as an ESM named export', async () => {
    const esm = await import('llm-native');
    const shared = PACKAGES.flatMap((pkg) => Object.keys(require(pkg))).filter((n) => n !== 'default' && n in require('../index.js'));
    expect(shared.length).toBeGreaterThan(40);
    for (const name of shared) expect(esm[name], name).toBe(require('../index.js')[name]);
  });
});
