// What the benchmarks share: child processes that print one JSON line, medians, the machine
// description and the tables, the streamed text, and the short calls of the per-call benches.
import { spawn, execFileSync } from 'node:child_process';
import { once } from 'node:events';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { openaiTextDeltasBody } from '../scripts/fixture-server.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const CHILD_TIMEOUT_MS = 10 * 60_000; // a hung child must not hang the benchmark

/** A key as long as real ones (so the work that keeps keys out of JS is measured too). */
export const BENCH_KEY = 'sk-bench-0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJ';

/** The workload's model from an SDK's provider factory (llm-native's or the AI SDK's). */
export const openaiModel = (createOpenAICompatible) => (baseURL) =>
  createOpenAICompatible({ name: 'bench', baseURL, apiKey: BENCH_KEY, includeUsage: true })('m');
export const anthropicModel = (createAnthropic) => (baseURL) => createAnthropic({ baseURL, apiKey: BENCH_KEY })('claude-sonnet-4-5');

/** The floor: read the response bytes of the workload's endpoint and do nothing with them. */
export const rawFetchClient = (workload) => (baseURL) => {
  const url = `${baseURL}${workload === 'anthropic' ? '/messages' : '/chat/completions'}`;
  return async () => {
    const t0 = performance.now();
    const res = await fetch(url, {
      method: 'POST',
      body: '{}',
      headers: { 'content-type': 'application/json' },
    });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    let firstMs = 0;
    let bytes = 0;
    for await (const chunk of res.body) {
      if (bytes === 0) firstMs = performance.now() - t0;
      bytes += chunk.length;
    }
    return { bytes, firstMs };
  };
};

export function intEnv(name, fallback) {
  const v = process.env[name];
  if (v === undefined || v === '') return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, got ${v}`);
  return n;
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Runs `script` in a fresh Node process and returns the JSON line it prints last. */
export async function runChild(script, args) {
  const child = spawn(process.execPath, [script, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
    timeout: CHILD_TIMEOUT_MS,
    killSignal: 'SIGKILL',
  });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (d) => { out += d; });
  const [code, signal] = await once(child, 'close');
  if (code !== 0) throw new Error(`child ${args.join(' ')} failed (${signal ?? `exit ${code}`})`);
  return JSON.parse(out.trim().split('\n').pop());
}

/** Starts `script --server` and waits for the line describing its endpoints. */
export async function startServerProcess(script) {
  const child = spawn(process.execPath, [script, '--server'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = readline.createInterface({ input: child.stdout });
  const first = await Promise.race([
    once(lines, 'line'),
    once(child, 'exit').then(([code]) => { throw new Error(`server exited (${code}) before listening`); }),
  ]);
  return { child, target: JSON.parse(first[0]) };
}

export async function stopServerProcess(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  await exited;
}

/** Prints a client's result line and exits (a pooled keep-alive connection must not keep it alive). */
export function reportAndExit(result) {
  process.stdout.write(`${JSON.stringify(result)}\n`, () => process.exit(0));
}

export function machineInfo() {
  let commit = null;
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: HERE, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: HERE, encoding: 'utf8' }).trim();
    if (dirty) commit += '-dirty';
  } catch { /* not a git checkout */ }
  return {
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    totalMemGB: +(os.totalmem() / 2 ** 30).toFixed(1),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    commit,
    date: new Date().toISOString(),
  };
}

export const progress = (line) => process.stderr.write(`  ${line}\n`);
export const fmt = (x, digits = 0) => x.toFixed(digits);
export const table = (rows) => {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  return rows.map((r) => r.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('   ')).join('\n');
};

// Model output is mostly short word pieces with their leading space, plus punctuation, newlines
// and some non-ASCII; cycling through this paragraph's tokens gives deltas of that shape.
const PARAGRAPH = `Streaming a reply token by token keeps the interface responsive: the first words appear while the
model is still thinking about the rest. Each delta is small — usually one word, or part of one.

Some replies contain code, like \`const x = await fetch(url);\`, and some quote prices (€12.50), names
such as Zoë, Ångström or Dvořák, CJK text like 東京 and 你好世界, and the odd emoji 🚀✨.
The decoder must keep every byte intact, whatever the chunk boundaries.
`;

/** `n` text deltas of that shape (the streamed text of the 100k-delta runs). */
export function makeDeltas(n) {
  const tokens = PARAGRAPH.match(/ ?[\p{L}\p{N}'’]+| ?[^\s\p{L}\p{N}]+|\s+/gu);
  return Array.from({ length: n }, (_, i) => tokens[i % tokens.length]);
}

/**
 * The `--server` role of the per-call benches (ledger, credentials): every request gets the same
 * short Chat Completions stream (20 deltas, `token 0 ` first); with `authorization`, a request
 * without that header gets a 401. Prints its URL for `startServerProcess`.
 */
export function serveShortReplies({ authorization } = {}) {
  const body = openaiTextDeltasBody(Array.from({ length: 20 }, (_, i) => `token ${i} `));
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const ok = authorization === undefined || req.headers.authorization === authorization;
      res.writeHead(ok ? 200 : 401, { 'content-type': ok ? 'text/event-stream' : 'application/json' });
      res.end(ok ? body : '{"error":{"message":"bad key"}}');
    });
  });
  server.listen(0, '127.0.0.1', () => console.log(JSON.stringify({ url: `http://127.0.0.1:${server.address().port}/v1` })));
  process.on('SIGTERM', () => process.exit(0));
}

/** `calls` awaited runs of `run`, one after another: per-call wall and main-thread busy time (ms). */
export async function perCall(calls, run) {
  const elu = performance.eventLoopUtilization();
  const start = performance.now();
  for (let i = 0; i < calls; i++) await run();
  const wall = performance.now() - start;
  const busy = performance.eventLoopUtilization(elu).active;
  return { wall: wall / calls, busy: busy / calls };
}
