// The usage ledger (crates/core/src/ledger/): every step of every process sharing a config
// directory lands in <configDir>/usage.sqlite; queryUsage totals them; a ledger that cannot be
// written never fails a stream. Servers on 127.0.0.1 only.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it, expect, afterAll } from 'vitest';
import {
  streamText, generateText, createOpenAICompatible, configure, addModels, queryUsage, costExceeds, tool, jsonSchema,
  InvalidArgumentError, UsageLedgerError,
} from '../index.js';
import { startServer, sendSse, collect, openaiTextDeltasBody, leaveConfigDir } from './helpers.mjs';

const child = path.join(path.dirname(fileURLToPath(import.meta.url)), 'support/ledger-child.mjs');
const dirs = [];
const tempDir = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'llm-native-ledger-'));
  dirs.push(d);
  return d;
};

let respond = (_req, _body, res) => sendSse(res, openaiTextDeltasBody(['a', 'b', 'c'], { model: 'priced' }));
const server = await startServer((req, body, res) => respond(req, body, res), { record: false });
afterAll(async () => {
  await server.close();
  await leaveConfigDir(...dirs);
});
addModels([{ provider: 'ledger', id: 'priced', name: 'priced', cost: { input: 3, output: 15 } }]);
const model = createOpenAICompatible({ name: 'ledger', baseURL: `${server.url}/v1`, apiKey: 'k', includeUsage: true })('priced');

function runChild(env) {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [child], { env: { ...process.env, ...env } });
    let out = '';
    let err = '';
    p.stdout.on('data', (d) => { out += d; });
    p.stderr.on('data', (d) => { err += d; });
    p.on('close', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`child ${code}: ${err}`))));
  });
}

describe('usage ledger', () => {
  it('two processes writing at once: the totals are the sum of every finish-step, and survive a restart', async () => {
    const dir = tempDir();
    const env = { CONFIG_DIR: dir, BASE_URL: `${server.url}/v1`, COUNT: '40' };
    const [a, b] = await Promise.all([runChild(env), runChild(env)]);
    configure({ configDir: dir }); // this process reads what the two (now gone) wrote
    const { total, groups } = await queryUsage({ groupBy: 'model' });
    expect(total.steps).toBe(80);
    expect(total.inputTokens).toBe(a.inputTokens + b.inputTokens);
    expect(total.outputTokens).toBe(a.outputTokens + b.outputTokens);
    expect(total.costUsd).toBeCloseTo(a.cost + b.cost, 9);
    expect(total.errors).toBe(0);
    expect(groups).toEqual([expect.objectContaining({ provider: 'ledger', model: 'priced', steps: 80 })]);
    expect(fs.statSync(path.join(dir, 'usage.sqlite')).mode & 0o777).toBe(0o600);
  });

  it("records this process's finished, failed and aborted steps, filtered and grouped", async () => {
    const dir = tempDir();
    configure({ configDir: dir });
    const before = Date.now();
    await collect(streamText({ model, prompt: 'hi' }).fullStream);
    respond = (_req, _body, res) => { res.writeHead(429, { 'content-type': 'application/json' }); res.end('{"error":{"message":"slow"}}'); };
    await collect(streamText({ model, prompt: 'hi', maxRetries: 0, onError: () => {} }).fullStream);
    respond = (_req, _body, res) => { res.writeHead(200, { 'content-type': 'text/event-stream' }); res.write(': open\n\n'); };
    const controller = new AbortController();
    const stream = streamText({ model, prompt: 'hi', abortSignal: controller.signal, onError: () => {} });
    setTimeout(() => controller.abort(), 200);
    await collect(stream.fullStream);
    respond = (_req, _body, res) => sendSse(res, openaiTextDeltasBody(['a', 'b', 'c'], { model: 'priced' }));
    await new Promise((r) => setTimeout(r, 100)); // the aborted task is dropped on the runtime
    const { total, groups } = await queryUsage({ since: new Date(before), groupBy: ['day', 'model'] });
    expect(total).toMatchObject({ steps: 3, errors: 1, aborted: 1, inputTokens: 10, outputTokens: 3 });
    expect(total.costUsd).toBeCloseTo((10 * 3 + 3 * 15) / 1e6, 12);
    expect(groups).toHaveLength(1);
    expect(groups[0].day).toBe(new Date().toISOString().slice(0, 10));
    expect((await queryUsage({ provider: 'nobody' })).total.steps).toBe(0);
    expect((await queryUsage({ until: before })).total.steps).toBe(0);
  });

  it('a finished or failed step is counted by a queryUsage right after its last part', async () => {
    const dir = tempDir();
    configure({ configDir: dir });
    for (let i = 1; i <= 20; i++) {
      const failing = i % 2 === 0;
      respond = failing
        ? (_req, _body, res) => { res.writeHead(500); res.end('{}'); }
        : (_req, _body, res) => sendSse(res, openaiTextDeltasBody(['a'], { model: 'priced' }));
      await collect(streamText({ model, prompt: 'hi', maxRetries: 0, onError: () => {} }).fullStream);
      expect((await queryUsage()).total).toMatchObject({ steps: i, errors: i >> 1 });
    }
    respond = (_req, _body, res) => sendSse(res, openaiTextDeltasBody(['a', 'b', 'c'], { model: 'priced' }));
  });

  it('usageLedger: false records nothing; true again records', async () => {
    const dir = tempDir();
    configure({ configDir: dir });
    expect(configure({ usageLedger: false }).usageLedger).toBe(null);
    expect(configure({ usageLedger: false }).configDir).toBe(dir);
    await collect(streamText({ model, prompt: 'hi' }).fullStream);
    expect((await queryUsage()).total.steps).toBe(0);
    expect(configure({ usageLedger: true }).usageLedger).toBe(path.join(dir, 'usage.sqlite'));
    await collect(streamText({ model, prompt: 'hi' }).fullStream);
    expect((await queryUsage()).total.steps).toBe(1);
  });

  it('a ledger that cannot be written (a directory in its place, a corrupt file) never fails a stream', async () => {
    const blocked = tempDir();
    fs.mkdirSync(path.join(blocked, 'usage.sqlite'));
    configure({ configDir: blocked });
    const result = streamText({ model, prompt: 'hi' });
    expect(await result.text).toBe('abc');
    await expect(queryUsage()).rejects.toBeInstanceOf(UsageLedgerError);

    const corrupt = tempDir();
    fs.writeFileSync(path.join(corrupt, 'usage.sqlite'), 'this is not a database'.repeat(100));
    configure({ configDir: corrupt });
    expect((await generateText({ model, prompt: 'hi' })).text).toBe('abc');
    const e = await queryUsage().catch((x) => x);
    expect(e).toBeInstanceOf(UsageLedgerError);
    expect(e.message).toContain('usage.sqlite');
  });

  it('bad queries are typed errors', async () => {
    await expect(queryUsage({ since: 'not a date' })).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(queryUsage({ groupBy: 'week' })).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(queryUsage({ since: 10, until: 5 })).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(queryUsage({ costs: true })).rejects.toBeInstanceOf(InvalidArgumentError);
    expect(() => costExceeds(-1)).toThrow(InvalidArgumentError);
  });
});

describe('costExceeds', () => {
  it('stops a tool loop once its own steps cost more than the limit', async () => {
    configure({ configDir: tempDir() });
    let calls = 0;
    respond = (_req, _body, res) => {
      calls++;
      sendSse(res, 'data: {"id":"c","object":"chat.completion.chunk","created":1,"model":"priced","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"look","arguments":"{}"}}]},"finish_reason":"tool_calls"}]}\n\n' +
        'data: {"id":"c","object":"chat.completion.chunk","created":1,"model":"priced","choices":[],"usage":{"prompt_tokens":1000,"completion_tokens":100,"total_tokens":1100}}\n\ndata: [DONE]\n\n');
    };
    // Each step: 1,000 × $3/M + 100 × $15/M = $0.0045.
    const result = await generateText({
      model, prompt: 'look around',
      tools: { look: tool({ inputSchema: jsonSchema({ type: 'object' }), execute: async () => 'nothing' }) },
      stopWhen: [costExceeds(0.01)],
    });
    expect(result.steps).toHaveLength(3);
    expect(calls).toBe(3);
    respond = (_req, _body, res) => sendSse(res, openaiTextDeltasBody(['a', 'b', 'c'], { model: 'priced' }));
  });
});
