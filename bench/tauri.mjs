// `npm run bench:tauri`: the Tauri host in its real webview (WebKitGTK under Xvfb), timed from
// the page: the 100k-delta Anthropic stream and an agent step over a 1,200-message history,
// through the llm-native plugin, against the page's own `fetch` of the same bytes. Builds
// examples/tauri-app in release (its first build takes minutes). See bench/README.md ("Tauri").
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { anthropicTextDeltasBody } from '../scripts/fixture-server.mjs';
import { root, buildApp, runApp } from '../scripts/tauri-app-harness.mjs';
import { intEnv, makeDeltas, machineInfo, fmt, table, progress } from './common.mjs';
import { READ_FILE_SCHEMA, history, rawBody, replyBody } from './agent-workload.mjs';

const DELTAS = intEnv('BENCH_DELTAS', 100_000);
const ROUNDS = intEnv('BENCH_TAURI_ROUNDS', 11);
const AI_ROUNDS = intEnv('BENCH_TAURI_AI_ROUNDS', 3);
const MESSAGES = intEnv('BENCH_TAURI_MESSAGES', 1200);

const streamBody = Buffer.from(anthropicTextDeltasBody(makeDeltas(DELTAS)), 'utf8');
const messages = history(MESSAGES);
const raw = rawBody(messages);
const rawBytes = Buffer.byteLength(JSON.stringify(raw));
const setup = JSON.stringify({ deltas: DELTAS, streamBytes: streamBody.length, rounds: ROUNDS, aiRounds: AI_ROUNDS, messages, rawBody: raw, readFileSchema: READ_FILE_SCHEMA });

/** The model server: the plugin's requests under /v1, the page's own under /raw and the AI SDK's
 * in the page under /ai/v1 (with CORS, and its preflights answered). */
function startServer() {
  let step = 0;
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const cors = { 'access-control-allow-origin': '*' };
      if (req.method === 'OPTIONS') {
        res.writeHead(204, { ...cors, 'access-control-allow-headers': '*', 'access-control-allow-methods': 'POST' });
        return res.end();
      }
      const url = req.url.replace(/^\/(v1|raw|ai\/v1)/, '');
      if (req.url === '/bench/setup') {
        res.writeHead(200, { ...cors, 'content-type': 'application/json' });
        return res.end(setup);
      }
      if (url === '/messages') {
        res.writeHead(200, { ...cors, 'content-type': 'text/event-stream' });
        return res.end(streamBody);
      }
      if (url === '/chat/completions') {
        res.writeHead(200, { ...cors, 'content-type': 'text/event-stream' });
        return res.end(replyBody(step++));
      }
      res.writeHead(404, cors);
      res.end();
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const binary = buildApp({ release: true, step: progress });
const server = await startServer();
try {
  progress(`run under Xvfb: ${DELTAS} deltas, ${MESSAGES} messages, ${ROUNDS} rounds`);
  const { report, stderr } = await runApp(binary, {
    env: { LLM_NATIVE_E2E_BASE_URL: `http://127.0.0.1:${server.address().port}/v1`, LLM_NATIVE_E2E_MODE: 'bench' },
    timeoutMs: 20 * 60_000,
  });
  if (!report.ok) throw new Error(`the page failed: ${report.error}\n--- app stderr ---\n${stderr.text.slice(-4000)}`);
  const { stream, step, userAgent } = report.summary;
  const result = { machine: machineInfo(), userAgent, config: { deltas: DELTAS, messages: MESSAGES, rounds: ROUNDS, aiRounds: AI_ROUNDS }, stream, step };
  fs.writeFileSync(path.join(root, 'bench/tauri-results-latest.json'), `${JSON.stringify(result, null, 2)}\n`);
  const { phases, ...steps } = step;
  const NO_BODY = 'llm-native, requestBody: false';
  const ratio = (a, b) => (a == null ? '' : `${fmt(a / b, 2)}×`);
  const row = (name, m) => [
    name, fmt(m['llm-native'], 1), m[NO_BODY] == null ? '' : fmt(m[NO_BODY], 1), fmt(m['ai@5'], 1), fmt(m['raw-fetch'], 1),
    ratio(m['llm-native'], m['raw-fetch']), ratio(m[NO_BODY], m['raw-fetch']), ratio(m['ai@5'], m['llm-native']),
  ];
  console.log(JSON.stringify(result.machine));
  console.log(`the page's medians of ${ROUNDS} alternating rounds after a warm-up (the AI SDK's stream: ${AI_ROUNDS}) (WebKitGTK: ${userAgent})`);
  console.log(table([
    ['workload', 'llm-native ms', 'requestBody: false ms', 'ai@5 in the page ms', 'page fetch ms', 'llm-native / fetch', 'requestBody: false / fetch', 'ai@5 / llm-native'],
    row(`Anthropic stream, ${DELTAS} deltas (${fmt(streamBody.length / 2 ** 20, 1)} MB)`, stream),
    row(`agent step, ${MESSAGES} messages (${fmt(rawBytes / 2 ** 20, 2)} MB)`, steps),
  ]));
  console.log(`the agent step in the page: ${Object.entries(phases).map(([k, v]) => `${k} ${fmt(v, 1)} ms`).join(', ')}`);
  console.log('wrote bench/tauri-results-latest.json');
} finally {
  server.close();
}
// The page's keep-alive connections would keep this process alive.
process.exit(0);
