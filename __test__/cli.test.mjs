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
