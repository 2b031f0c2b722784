// Several processes sharing one config directory: registrations, stored keys and rotated OAuth
// refresh tokens are changed under OS file locks, so none is lost (before the locks, 2 × 100
// registrations kept 129 and 4 × 60 keys kept 116–166).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it, expect, afterAll } from 'vitest';
import { startServer, sendSse, anthropicTextDeltasBody } from './helpers.mjs';

const child = path.join(path.dirname(fileURLToPath(import.meta.url)), 'support/multiprocess-child.mjs');
const dirs = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function tempDir() {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'llm-native-mp-'));
  dirs.push(d);
  return d;
}

/** Runs the child with `env`; no D-Bus session, so the credential store is the file store. */
function run(env) {
  const { DBUS_SESSION_BUS_ADDRESS: _dbus, ...rest } = process.env;
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [child], { env: { ...rest, ...env } });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => { stdout += d; });
    p.stderr.on('data', (d) => { stderr += d; });
    p.on('exit', (code) => (code === 0 ? resolve(JSON.parse(stdout.trim().split('\n').at(-1))) : reject(new Error(`child exit ${code}: ${stderr}`))));
  });
}

describe('processes sharing a config directory lose no update', () => {
  it('2 processes × 100 registrations: all 200 kept', async () => {
    const dir = tempDir();
    await Promise.all(['a', 'b'].map((tag) => run({ LLM_NATIVE_TASK: 'register', LLM_NATIVE_DIR: dir, LLM_NATIVE_N: '100', LLM_NATIVE_TAG: tag })));
    const file = JSON.parse(fs.readFileSync(path.join(dir, 'providers.json'), 'utf8'));
    expect(file.providers.length).toBe(200);
    expect(fs.statSync(path.join(dir, 'providers.json')).mode & 0o777).toBe(0o600);
  }, 120_000);

  it('4 processes × 60 stored keys (file store): all 240 kept', async () => {
    const dir = tempDir();
    await Promise.all(['a', 'b', 'c', 'd'].map((tag) => run({ LLM_NATIVE_TASK: 'keys', LLM_NATIVE_DIR: dir, LLM_NATIVE_N: '60', LLM_NATIVE_TAG: tag })));
    const file = JSON.parse(fs.readFileSync(path.join(dir, 'credentials.json'), 'utf8'));
    expect(Object.keys(file.entries).length).toBe(240);
  }, 120_000);

  it('an expired OAuth session used by 4 processes at once is refreshed once, the rotation kept', async () => {
    const dir = tempDir();
    const state = { issued: 0, refreshes: 0, refresh: null, valid: new Set(), expiresIn: 1 };
    const issue = () => {
      state.issued += 1;
      const t = { access_token: `at-mp-${state.issued}`, refresh_token: `rt-mp-${state.issued}`, expires_in: state.expiresIn };
      state.valid.add(t.access_token);
      state.refresh = t.refresh_token;
      return t;
    };
    const server = await startServer(async (req, body, res) => {
      const json = (status, v) => { res.writeHead(status, { 'content-type': 'application/json' }); res.end(JSON.stringify(v)); };
      if (req.url === '/oauth/token' && body.grant_type === 'authorization_code') return json(200, issue());
      if (req.url === '/oauth/token' && body.grant_type === 'refresh_token') {
        state.refreshes += 1;
        await new Promise((r) => setTimeout(r, 100)); // a slow endpoint widens the race
        // Rotation: a refresh token works once.
        if (body.refresh_token !== state.refresh) return json(400, { error: 'invalid_grant' });
        return json(200, issue());
      }
      if (req.url === '/v1/messages') {
        const token = (req.headers.authorization ?? '').replace('Bearer ', '');
        if (!state.valid.has(token)) return json(401, { type: 'error', error: { type: 'authentication_error', message: 'invalid token' } });
        return sendSse(res, anthropicTextDeltasBody(['ok']));
      }
      json(404, {});
    });
    const env = { LLM_NATIVE_DIR: dir, LLM_NATIVE_URL: server.url };
    await run({ ...env, LLM_NATIVE_TASK: 'login' });
    state.expiresIn = 3600;
    await new Promise((r) => setTimeout(r, 1100)); // the session expires
    const outs = await Promise.all([1, 2, 3, 4].map(() => run({ ...env, LLM_NATIVE_TASK: 'stream' })));
    await server.close();
    expect(outs.map((o) => o.text)).toEqual(['ok', 'ok', 'ok', 'ok']);
    expect(state.refreshes).toBe(1);
    // The rotated refresh token is the one stored.
    const stored = JSON.parse(fs.readFileSync(path.join(dir, 'credentials.json'), 'utf8')).entries['oauth:anthropic'];
    expect(JSON.parse(stored).refresh).toBe(state.refresh);
  }, 120_000);
});
