// The addon in worker threads: loaded first in a worker that then exits, loaded again in new
// workers and the main thread, in every order, streaming each time. (With mimalloc v3 as the
// allocator, the second load segfaulted the process: a thread-local heap of the first, dead
// thread.) Each scenario runs in a child process so a crash is a failed test, not a dead suite.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it, expect, afterAll } from 'vitest';
import { startServer, sendSse, openaiTextDeltasBody } from './helpers.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const server = await startServer((req, b, res) => sendSse(res, openaiTextDeltasBody(['w', 'o', 'r', 'k'])));
afterAll(() => server.close());

const scenario = path.join(root, '__test__/support/worker-scenario.mjs');

/** Runs a child process (async: this process's server answers it meanwhile). */
function child(args, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('exit', (status, signal) => {
      clearTimeout(timer);
      resolve({ status, signal, stdout, stderr });
    });
  });
}

describe('the addon in worker threads', () => {
  for (const order of ['ww', 'wm', 'mw', 'wwm', 'wmw', 'mww', 'pwp', 'wpmp']) {
    it(`order ${order}`, async () => {
      const r = await child([scenario], { LLM_NATIVE_TEST_URL: `${server.url}/v1`, LLM_NATIVE_TEST_ORDER: order });
      expect(r.signal, r.stderr).toBe(null);
      expect(r.status, r.stderr).toBe(0);
      const texts = JSON.parse(r.stdout.trim().split('\n').at(-1));
      expect(texts.length).toBe([...order].reduce((n, c) => n + (c === 'p' ? 3 : 1), 0));
      expect(new Set(texts)).toEqual(new Set(['work']));
    });
  }

  // (Suites that set `process.env` for Rust to read do not fit worker threads: a worker's
  // `process.env` is its own copy, which native code does not see.)
  it('a vitest run with pool: threads (the addon loaded in each worker thread)', async () => {
    const vitest = path.join(root, 'node_modules/vitest/vitest.mjs');
    const r = await child([vitest, 'run', '--pool=threads', '--maxWorkers=2', '--reporter=dot', '__test__/abort.test.mjs', '__test__/google.test.mjs', '__test__/anthropic.test.mjs']);
    expect(r.signal, r.stderr).toBe(null);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Test Files\s+.*3 passed/);
  }, 120_000);
});
