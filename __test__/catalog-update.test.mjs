// updateCatalog (crates/core/src/catalog/update.rs): a newer catalogue from a file or a URL (a
// server on 127.0.0.1), in models.json's format or models.dev's, checked against its SHA-256, kept
// under configDir for later processes; a bad or unverifiable one changes nothing.
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it, expect, afterAll } from 'vitest';
import { updateCatalog, configure, resolveModel, listModels, CatalogUpdateError, InvalidArgumentError } from '../index.js';
import { startServer, leaveConfigDir } from './helpers.mjs';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'llm-native-catalog-'));
let served = '';
const server = await startServer((_req, _body, res) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(served);
});
afterAll(async () => {
  await server.close();
  await leaveConfigDir(dir);
});

const sha = (text) => crypto.createHash('sha256').update(text).digest('hex');
const ours = JSON.stringify({
  updated: '2026-11-30',
  models: [
    { provider: 'openai', id: 'gpt-9', name: 'GPT-9', contextWindow: 2000000, maxOutputTokens: 200000, cost: { input: 1, output: 4, cacheRead: 0.1 }, capabilities: { tools: true, reasoning: true, imageInput: true, structuredOutput: true } },
    { provider: 'anthropic', id: 'claude-sonnet-4-5', name: 'Claude Sonnet 4.5 (new price)', contextWindow: 1000000, cost: { input: 2, output: 10 } },
  ],
});
const modelsDev = JSON.stringify({
  openai: { id: 'openai', name: 'OpenAI', models: { 'gpt-10': { id: 'gpt-10', name: 'GPT-10', limit: { context: 4000000, output: 100000 }, cost: { input: 2, output: 8, cache_read: 0.2 }, tool_call: true, reasoning: true, attachment: true, modalities: { input: ['text', 'image'], output: ['text'] } } } },
  'not-ours': { id: 'not-ours', models: { x: { id: 'x', name: 'X', limit: { context: 1, output: 1 } } } },
});
const file = path.join(dir, 'incoming.json');
const known = (id) => listModels().some((m) => m.id === id);

describe('updateCatalog', () => {
  it('a file with the right hash becomes the catalogue, kept for later processes', async () => {
    configure({ configDir: dir });
    fs.writeFileSync(file, ours);
    expect(await updateCatalog({ file, sha256: sha(ours) })).toEqual({
      date: '2026-11-30', source: file, sha256: sha(ours), models: 2, file: path.join(dir, 'catalog.json'),
    });
    expect(resolveModel('gpt-9').model).toMatchObject({ provider: 'openai', contextWindow: 2000000, cost: { input: 1, output: 4, cacheRead: 0.1 } });
    // A compiled-in model it lists is replaced (its aliases kept); the ones it lacks stay.
    const sonnet = resolveModel('claude-sonnet-4-5-20250929').model;
    expect([sonnet.name, sonnet.cost.input]).toEqual(['Claude Sonnet 4.5 (new price)', 2]);
    expect(known('gpt-4o')).toBe(true);
    // A new process with the same config directory starts with it.
    const script = `const m = require(${JSON.stringify(path.resolve('index.js'))}); m.configure({ configDir: ${JSON.stringify(dir)} }); console.log(m.resolveModel('gpt-9').model.name)`;
    expect(execFileSync(process.execPath, ['-e', script]).toString().trim()).toBe('GPT-9');
  });

  it('a wrong hash, a bad entry or a file that is no catalogue changes nothing and says why', async () => {
    configure({ configDir: dir });
    const other = JSON.stringify({ models: [{ provider: 'openai', id: 'gpt-11', name: 'GPT-11' }] });
    fs.writeFileSync(file, other);
    const wrong = await updateCatalog({ file, sha256: sha('something else') }).catch((e) => e);
    expect(wrong).toBeInstanceOf(CatalogUpdateError);
    expect(wrong.message).toContain(`its SHA-256 is ${sha(other)}`);
    fs.writeFileSync(file, JSON.stringify({ models: [{ provider: 'openai', id: 'gpt-11', name: 'x', cost: { input: -1, output: 1 } }] }));
    await expect(updateCatalog({ file })).rejects.toThrow(/not negative/);
    fs.writeFileSync(file, '{"hello": 1}');
    await expect(updateCatalog({ file })).rejects.toThrow(/neither models.json's format nor models.dev's/);
    fs.writeFileSync(file, 'not json');
    await expect(updateCatalog({ file })).rejects.toThrow(/not JSON/);
    await expect(updateCatalog({ file: path.join(dir, 'missing.json') })).rejects.toBeInstanceOf(CatalogUpdateError);
    expect(known('gpt-11')).toBe(false);
    expect(known('gpt-9')).toBe(true); // the last good catalogue is still the one in use
    await expect(updateCatalog({})).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(updateCatalog({ file, url: 'http://x' })).rejects.toBeInstanceOf(InvalidArgumentError);
  });

  it("models.dev's format from a URL: our providers' models, mapped", async () => {
    configure({ configDir: dir });
    served = modelsDev;
    const installed = await updateCatalog({ url: `${server.url}/api.json`, sha256: sha(modelsDev).toUpperCase() });
    expect(installed).toMatchObject({ source: `${server.url}/api.json`, models: 1 });
    expect(installed.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(resolveModel('gpt-10').model).toEqual({
      provider: 'openai', id: 'gpt-10', name: 'GPT-10', contextWindow: 4000000, maxOutputTokens: 100000,
      cost: { input: 2, output: 8, cacheRead: 0.2, cacheWrite: null },
      capabilities: { tools: true, reasoning: true, imageInput: true, structuredOutput: true }, aliases: [],
    });
    expect(known('x')).toBe(false);
    // Another directory without a cached catalogue: the compiled-in one again.
    configure({ configDir: fs.mkdtempSync(path.join(os.tmpdir(), 'llm-native-catalog-empty-')) });
    expect(known('gpt-10')).toBe(false);
  });
});
