// `npm run bench:latency`: the latency a client adds to a request, in the form gateways publish it
// (p50/p99 over the raw request at a fixed request rate), and the time from the server's first
// byte to the first part an app sees. See bench/README.md ("Added latency").
//
// Roles (picked by argv): the orchestrator (no flags), the server (`--server`), a client under an
// open-loop load (`--load <client> --mode stream|generate --rps R`), and a client timing first byte
// → first part (`--first-byte <client>`). Every client run is a fresh process.
import path from 'node:path';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  BENCH_KEY, intEnv, median, runChild, startServerProcess, stopServerProcess, reportAndExit, machineInfo,
  progress, fmt, table,
} from './common.mjs';

const SELF = fileURLToPath(import.meta.url);
const HERE = path.dirname(SELF);
const CLIENTS = ['llm-native', 'ai-sdk', 'raw-fetch'];
const MODES = ['stream', 'generate'];

const config = {
  rates: [100, 1000],
  seconds: intEnv('BENCH_LATENCY_SECONDS', 5), // measured seconds per client, mode and rate
  warmupSeconds: 1,
  firstByteReps: intEnv('BENCH_FIRST_BYTE_REPS', 50),
  // An open-loop client that cannot keep up would queue without bound; past this many requests in
  // flight it is reported as saturated instead.
  maxInFlight: 2000,
  deltas: 10,
};

const MODEL = 'gpt-4o-mini';
const TEXT = Array.from({ length: config.deltas }, (_, i) => ` word${i}`);
const PROMPT = 'Say ten words.';

// --- server role ------------------------------------------------------------------------------

/** A Chat Completions JSON answer (the AI SDK's generateText asks for one; llm-native streams). */
function completionJson() {
  return JSON.stringify({
    id: 'chatcmpl-latency', object: 'chat.completion', created: 1770000000, model: MODEL,
    choices: [{ index: 0, message: { role: 'assistant', content: TEXT.join('') }, finish_reason: 'stop' }],
    usage: { prompt_tokens: 10, completion_tokens: config.deltas, total_tokens: 10 + config.deltas },
  });
}

/** `--server`: answers by the request's `stream` field; `/first-byte/…` stamps its first event. */
async function serverRole() {
  const { startServer, sendSse, openaiTextDeltasBody } = await import('../scripts/fixture-server.mjs');
  const sse = Buffer.from(openaiTextDeltasBody(TEXT, { model: MODEL }), 'utf8');
  const json = Buffer.from(completionJson(), 'utf8');
  const server = await startServer(async (req, body, res) => {
    if (req.url.startsWith('/first-byte/')) {
      // Headers first, then a pause (the model "thinks"), then one event whose text is the
      // monotonic clock at the moment of writing: process.hrtime is CLOCK_MONOTONIC, the same
      // clock in every process on the machine, so the client can subtract it from its own.
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      await new Promise((r) => setTimeout(r, 20));
      const head = `{"id":"chatcmpl-fb","object":"chat.completion.chunk","created":1770000000,"model":"${MODEL}","choices":[{"index":0,"delta":`;
      res.write(`data: ${head}{"role":"assistant","content":"${process.hrtime.bigint()}"},"finish_reason":null}]}\n\n`);
      res.end(`data: ${head}{},"finish_reason":"stop"}]}\n\ndata: [DONE]\n\n`);
      return;
    }
    if (body?.stream) { sendSse(res, sse); return; }
    res.writeHead(200, { 'content-type': 'application/json' }).end(json);
  }, { record: false });
  process.stdin.on('close', () => process.exit(0)).resume();
  console.log(JSON.stringify({ baseURL: `${server.url}/v1`, firstByteURL: `${server.url}/first-byte/v1`, text: TEXT.join('') }));
}

// --- clients ----------------------------------------------------------------------------------

/** `streamText`/`generateText` and a model for an SDK client: the same code for both SDKs. */
async function sdk(client, baseURL) {
  const [lib, provider] = client === 'llm-native'
    ? await import('../index.js').then((m) => [m, m])
    : [await import('ai'), await import('@ai-sdk/openai-compatible')];
  return { lib, model: provider.createOpenAICompatible({ name: 'bench', baseURL, apiKey: BENCH_KEY, includeUsage: true })(MODEL) };
}

/**
 * One request of `mode` for `client`; resolves to `{ firstMs, text }` where `firstMs` is when the
 * first text arrived (stream mode) relative to `t0`. The SDK clients run the same code.
 */
async function loadCall(client, mode, baseURL) {
  if (client === 'raw-fetch') return rawCall(mode, baseURL);
  const { lib, model } = await sdk(client, baseURL);
  if (mode === 'generate') {
    return async () => ({ text: (await lib.generateText({ model, prompt: PROMPT })).text });
  }
  return async (t0) => {
    let text = '';
    let firstMs;
    for await (const part of lib.streamText({ model, prompt: PROMPT }).fullStream) {
      if (part.type === 'error') throw part.error;
      if (part.type !== 'text-delta') continue;
      firstMs ??= performance.now() - t0;
      text += part.text;
    }
    return { text, firstMs };
  };
}

/** The raw request: the same JSON body, `fetch`, the answer read (stream) or parsed (generate). */
function rawCall(mode, baseURL) {
  const stream = mode === 'stream';
  const body = JSON.stringify({
    model: MODEL, messages: [{ role: 'user', content: PROMPT }],
    ...(stream ? { stream: true, stream_options: { include_usage: true } } : {}),
  });
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${BENCH_KEY}` };
  return async (t0) => {
    const res = await fetch(`${baseURL}/chat/completions`, { method: 'POST', body, headers });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    if (!stream) return { text: (await res.json()).choices[0].message.content };
    let firstMs;
    let bytes = 0;
    for await (const chunk of res.body) {
      firstMs ??= performance.now() - t0;
      bytes += chunk.length;
    }
    return { bytes, firstMs };
  };
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/**
 * `--load`: requests issued on a fixed schedule (open loop: request i is due at i/R seconds, and
 * its latency is counted from then, so a client that falls behind pays for it), first a warm-up
 * second, then `config.seconds` measured.
 */
async function loadRole({ client, mode, rps, target }) {
  const { baseURL, text } = JSON.parse(target);
  const call = await loadCall(client, mode, baseURL);
  const first = await call(performance.now()); // loads what loads lazily; opens the pool
  if (client !== 'raw-fetch' && first.text !== text) throw new Error(`${client}: wrong text ${JSON.stringify(first.text)}`);

  const run = (seconds) => new Promise((resolve, reject) => {
    const total = Math.round(rps * seconds);
    const gapMs = 1000 / rps;
    const latencies = [];
    const firsts = [];
    let issued = 0;
    let done = 0;
    let inFlight = 0;
    let saturated = false;
    const start = performance.now();
    const finishOne = () => {
      inFlight--;
      if (++done === total) resolve({ latencies, firsts, saturated, wallMs: performance.now() - start });
    };
    const tick = () => {
      const due = Math.min(total, Math.floor((performance.now() - start) / gapMs) + 1);
      for (; issued < due; issued++) {
        if (inFlight >= config.maxInFlight) { saturated = true; done++; continue; }
        const scheduled = start + issued * gapMs;
        inFlight++;
        call(scheduled).then((got) => {
          latencies.push(performance.now() - scheduled);
          if (got.firstMs !== undefined) firsts.push(got.firstMs);
          finishOne();
        }, reject);
      }
      if (issued < total) setTimeout(tick, Math.max(0, start + issued * gapMs - performance.now()));
      else if (done === total) resolve({ latencies, firsts, saturated, wallMs: performance.now() - start });
    };
    tick();
  });

  await run(config.warmupSeconds);
  const r = await run(config.seconds);
  const lat = [...r.latencies].sort((a, b) => a - b);
  const fst = [...r.firsts].sort((a, b) => a - b);
  return {
    requests: lat.length,
    saturated: r.saturated,
    achievedRps: lat.length / (r.wallMs / 1000),
    p50: percentile(lat, 50), p99: percentile(lat, 99),
    firstP50: fst.length ? percentile(fst, 50) : null, firstP99: fst.length ? percentile(fst, 99) : null,
  };
}

/** `--first-byte`: the server stamps its first event with its clock; the client subtracts. */
async function firstByteRole({ client, target }) {
  const { firstByteURL } = JSON.parse(target);
  const sinceStamp = (stamp) => Number(process.hrtime.bigint() - BigInt(stamp)) / 1e6;
  let once;
  if (client === 'raw-fetch') {
    once = async () => {
      const res = await fetch(`${firstByteURL}/chat/completions`, { method: 'POST', body: '{"stream":true}', headers: { 'content-type': 'application/json' } });
      let ms;
      for await (const chunk of res.body) ms ??= sinceStamp(Buffer.from(chunk).toString('utf8').match(/"content":"(\d+)"/)[1]);
      return ms;
    };
  } else {
    const { lib, model } = await sdk(client, firstByteURL);
    once = async () => {
      let ms;
      for await (const part of lib.streamText({ model, prompt: PROMPT }).fullStream) {
        if (part.type === 'text-delta') ms ??= sinceStamp(part.text);
      }
      return ms;
    };
  }
  await once(); // warm-up
  const samples = [];
  for (let i = 0; i < config.firstByteReps; i++) samples.push(await once());
  const sorted = [...samples].sort((a, b) => a - b);
  return { medianMs: median(samples), p99Ms: percentile(sorted, 99), maxMs: sorted.at(-1) };
}

// --- orchestrator -----------------------------------------------------------------------------

async function orchestrate() {
  const machine = machineInfo();
  const server = await startServerProcess(SELF);
  const target = JSON.stringify(server.target);
  try {
    const firstByte = {};
    for (const client of CLIENTS) {
      firstByte[client] = await runChild(SELF, ['--first-byte', client, '--target', target]);
      progress(`first byte → first part ${client.padEnd(10)} median ${fmt(firstByte[client].medianMs, 3)} ms, p99 ${fmt(firstByte[client].p99Ms, 3)} ms`);
    }
    const load = {};
    for (const mode of MODES) {
      for (const rps of config.rates) {
        const key = `${mode}@${rps}`;
        load[key] = {};
        for (const client of CLIENTS) {
          const r = await runChild(SELF, ['--load', client, '--mode', mode, '--rps', String(rps), '--target', target]);
          load[key][client] = r;
          progress(`${mode} ${rps} rps ${client.padEnd(10)} p50 ${fmt(r.p50, 2)} ms, p99 ${fmt(r.p99, 2)} ms, ${fmt(r.achievedRps)} rps${r.saturated ? ' (saturated)' : ''}`);
        }
      }
    }
    report({ machine, firstByte, load });
    const file = path.join(HERE, 'latency-results-latest.json');
    fs.writeFileSync(file, `${JSON.stringify({ machine, config, firstByte, load }, null, 2)}\n`);
    console.log(`\nwrote ${path.relative(process.cwd(), file)}`);
  } finally {
    await stopServerProcess(server.child);
  }
}

function report({ machine, firstByte, load }) {
  console.log(`\nllm-native added latency — ${machine.cpu} (${machine.cores} cores), Node ${machine.node}, ${machine.commit ?? ''}`);
  console.log(`\nfirst byte → first part (server clock stamp in the first event; ${config.firstByteReps} calls after a warm-up)\n`);
  console.log(table([
    ['client', 'median ms', 'p99 ms', 'max ms'],
    ...CLIENTS.map((c) => [c === 'raw-fetch' ? 'raw-fetch (first chunk)' : c, fmt(firstByte[c].medianMs, 3), fmt(firstByte[c].p99Ms, 3), fmt(firstByte[c].maxMs, 3)]),
  ]));
  console.log(`\nadded latency over the raw request (open loop, ${config.seconds} s per row after ${config.warmupSeconds} s warm-up; ${config.deltas}-delta reply;` +
    ' stream = to the last part, first = to the first text part; generate = generateText)\n');
  const added = (r, raw, k) => (r[k] === null ? '' : fmt(r[k] - raw[k], 2));
  console.log(table([
    ['mode', 'rps', 'client', 'p50 ms', 'p99 ms', 'added p50', 'added p99', 'first p50', 'added first p50', 'achieved rps'],
    ...Object.entries(load).flatMap(([key, rows]) => {
      const [mode, rps] = key.split('@');
      const raw = rows['raw-fetch'];
      return CLIENTS.map((c) => {
        const r = rows[c];
        return [mode, rps, c, fmt(r.p50, 2), fmt(r.p99, 2), c === 'raw-fetch' ? '' : added(r, raw, 'p50'), c === 'raw-fetch' ? '' : added(r, raw, 'p99'),
          r.firstP50 === null ? '' : fmt(r.firstP50, 2), c === 'raw-fetch' || r.firstP50 === null ? '' : added(r, raw, 'firstP50'),
          `${fmt(r.achievedRps)}${r.saturated ? ' (saturated)' : ''}`];
      });
    }),
  ]));
}

// --- entry ------------------------------------------------------------------------------------

const { values: args } = parseArgs({
  options: {
    server: { type: 'boolean' },
    load: { type: 'string' },
    'first-byte': { type: 'string' },
    mode: { type: 'string', default: 'stream' },
    rps: { type: 'string' },
    target: { type: 'string' },
  },
});

try {
  if (args.server) await serverRole();
  else if (args.load) reportAndExit(await loadRole({ client: args.load, mode: args.mode, rps: Number(args.rps), target: args.target }));
  else if (args['first-byte']) reportAndExit(await firstByteRole({ client: args['first-byte'], target: args.target }));
  else await orchestrate();
} catch (error) {
  console.error(error);
  process.exit(1);
}
