// The llm-native command in a child process: keys set (from stdin), list, delete.
import { describe, it, expect, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { configureAuth, hasApiKey } from '../index.js';

const bin = path.resolve('bin/llm-native.mjs');
const service = `llm-native-cli-test-${process.pid}`;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'llm-native-cli-'));
configureAuth({ keychainService: service });
const keychain = await hasApiKey('probe').then(() => true, () => false);
// Without a reachable keychain the CLI is pointed at the opt-in file store instead.
const env = {
  ...process.env,
  LLM_NATIVE_KEYCHAIN_SERVICE: service,
  ...(keychain ? {} : { LLM_NATIVE_FALLBACK_STORE: 'file', LLM_NATIVE_CONFIG_DIR: dir }),
};
const cli = (args, input) => spawnSync(process.execPath, [bin, ...args], { env, input, encoding: 'utf8' });
const KEY = 'sk-cli-0123456789abcdef';

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('llm-native CLI', () => {
  it('keys set (stdin) / list / delete, never printing the key', () => {
    const outputs = [];
    const run = (args, input) => { const r = cli(args, input); outputs.push(r.stdout, r.stderr); return r; };
    expect(run(['keys', 'list']).stdout).toBe('(no stored keys)\n');
    const set = run(['keys', 'set', 'deepseek'], `${KEY}\n`);
    expect(set.status).toBe(0);
    expect(set.stdout).toMatch(/^stored the deepseek API key in the (keychain|credential store)\n$/);
    run(['keys', 'set', 'groq'], 'gsk-cli-0123456789\n');
    expect(run(['keys', 'list']).stdout).toBe('deepseek\ngroq\n');
    expect(run(['keys', 'delete', 'deepseek']).stdout).toBe('deleted the deepseek API key\n');
    expect(run(['keys', 'delete', 'deepseek']).stdout).toBe('no deepseek API key was stored\n');
    expect(run(['keys', 'list']).stdout).toBe('groq\n');
    run(['keys', 'delete', 'groq']);
    const empty = run(['keys', 'set', 'groq'], '');
    expect(empty.status).toBe(2);
    expect(empty.stderr).toBe('llm-native: no key given\n');
    const usage = run(['nope']);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toMatch(/^llm-native: unknown command nope/);
    const all = outputs.join('\n');
    expect(all.includes(KEY) || all.includes('gsk-cli-0123456789')).toBe(false);
  });
});

describe('llm-native models / chat', () => {
  it('models lists the catalogue with context and prices', () => {
    const r = cli(['models']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^anthropic\/claude-sonnet-4-5 {2}Claude Sonnet 4\.5 {2}\d+k ctx {2}\$3\/\$15 per M$/m);
  });

  it('models --available merges a live list; chat streams through a registered provider with a usage line', async () => {
    const { startServer, sendSse, openaiTextDeltasBody } = await import('./helpers.mjs');
    const { configure, registerProvider } = await import('../index.js');
    const server = await startServer((req, _b, res) => {
      if (req.url.endsWith('/models')) {
        res.writeHead(200, { 'content-type': 'application/json' });
        return res.end(JSON.stringify({ object: 'list', data: [{ id: 'live-model-1', object: 'model' }] }));
      }
      return sendSse(res, openaiTextDeltasBody(['Hello', ' from', ' chat']));
    });
    const configDir = fs.mkdtempSync(path.join(dir, 'registry-'));
    configure({ configDir });
    await registerProvider({ id: 'clitest', name: 'CLI Test', baseURL: `${server.url}/v1`, apiKeyEnvVar: 'CLITEST_KEY', includeUsage: true });
    const cliEnv = { ...env, LLM_NATIVE_CONFIG_DIR: configDir, CLITEST_KEY: 'sk-clitest-1' };
    // Asynchronously: the local server runs in this process and must answer while the CLI waits.
    const { execFile } = await import('node:child_process');
    const run = (args) => new Promise((resolve) => {
      execFile(process.execPath, [bin, ...args], { env: cliEnv, encoding: 'utf8' }, (error, stdout, stderr) => {
        resolve({ status: error ? error.code : 0, stdout, stderr });
      });
    });

    const available = await run(['models', '--available']);
    expect(available.status).toBe(0);
    expect(available.stdout.split('\n')).toContain('clitest/live-model-1  live');

    const chat = await run(['chat', '-m', 'clitest/m1', 'say', 'hello']);
    expect(chat.stderr).toBe('');
    expect(chat.status).toBe(0);
    expect(chat.stdout).toBe('Hello from chat\n[clitest/m1: 10 in / 3 out tokens]\n');
    const request = server.requests.find((r) => r.body?.messages);
    expect(request.body.messages).toEqual([{ role: 'user', content: 'say hello' }]);
    expect(request.headers.authorization).toBe('Bearer sk-clitest-1');

    const missing = await run(['chat', 'no model']);
    expect(missing.status).toBe(2);
    await server.close();
  });
});
