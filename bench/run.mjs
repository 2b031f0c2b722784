// `npm run bench`: llm-native vs. the AI SDK v5 vs. a raw `fetch` byte read, all streaming the same
// large OpenAI Chat Completions SSE body from a local server. See bench/README.md.
//
// One file, three roles (picked by argv): the orchestrator (no flags), the server (`--server`), and a
// client (`--client <name>`). The server and every client measurement run in their own processes
// so that the server's CPU is never billed to a client and each client's peak RSS is its own.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  intEnv, median, rawFetchClient, openaiModel, anthropicModel, runChild as runScript, startServerProcess as startServer, stopServerProcess,
  reportAndExit, machineInfo, progress, fmt, table, makeDeltas,
} from './common.mjs';

const SELF = fileURLToPath(import.meta.url);
const HERE = path.dirname(SELF);
const CLIENTS = ['llm-native', 'ai-sdk', 'raw-fetch'];
// `--warm` also times the native stream's batches read and dropped (no JSON.parse, no parts): the
// Rust side's share of llm-native's wall time.
const WARM_CLIENTS = [...CLIENTS, 'native-batches'];
const WORKLOADS = ['openai', 'anthropic'];

const config = {
  reps: intEnv('BENCH_REPS', 5),
  // Warm rounds are cheap next to fresh processes, and the raw read moves ±30% between rounds.
  warmReps: intEnv('BENCH_WARM_REPS', 11),
  deltas: intEnv('BENCH_DELTAS', 100_000),
  ttfpReps: intEnv('BENCH_TTFP_REPS', 20),
  ttfpDeltas: 10,
  concurrent: intEnv('BENCH_CONCURRENT', 1000),
  concurrentDeltas: 200,
};

// Informational targets printed next to the ratios; the run never fails on them.
const RATIOS = [
  { label: 'AI SDK wall / llm-native wall', of: (m) => m['ai-sdk'].wallMs / m['llm-native'].wallMs, target: '≥ 10×', met: (r) => r >= 10 },
  { label: 'llm-native wall / raw wall', of: (m) => m['llm-native'].wallMs / m['raw-fetch'].wallMs, target: '≤ 1.5×', met: (r) => r <= 1.5 },
  { label: 'llm-native CPU / AI SDK CPU', of: (m) => m['llm-native'].cpuMs / m['ai-sdk'].cpuMs, target: '≤ 0.2× (1/5)', met: (r) => r <= 0.2 },
];

/** What a client must see for a body of `deltas`: part count, UTF-16 text length, body bytes. */
function expectation(deltas, body) {
  return { n: deltas.length, chars: deltas.reduce((sum, d) => sum + d.length, 0), bytes: body.length };
}

// --- server role ------------------------------------------------------------------------------

/** `--server`: serves the prebuilt bodies until the orchestrator kills it or its stdin closes. */
async function serverRole() {
  const { startServer, sendSse, openaiTextDeltasBody, anthropicTextDeltasBody } = await import('../scripts/fixture-server.mjs');
  const build = (n, format = openaiTextDeltasBody) => {
    const deltas = makeDeltas(n);
    const body = Buffer.from(format(deltas), 'utf8'); // encoded once, not per request
    return { body, expect: expectation(deltas, body) };
  };
  const big = build(config.deltas);
  const small = build(config.ttfpDeltas);
  const medium = build(config.concurrentDeltas);
  const anthropicBig = build(config.deltas, anthropicTextDeltasBody);
  const anthropicSmall = build(config.ttfpDeltas, anthropicTextDeltasBody);
  const routes = new Map([
    ['/v1/chat/completions', big.body],
    ['/small/v1/chat/completions', small.body],
    ['/medium/v1/chat/completions', medium.body],
    ['/anthropic/v1/messages', anthropicBig.body],
    ['/anthropic-small/v1/messages', anthropicSmall.body],
  ]);
  const server = await startServer((req, _body, res) => {
    const body = routes.get(req.url);
    if (!body) { res.writeHead(404).end(); return; }
    sendSse(res, body); // no chunkSize: a single res.end(body), so the server is never the bottleneck
  });
  // Stdin closes when the orchestrator dies, even if it could not kill us.
  process.stdin.on('close', () => process.exit(0)).resume();
  console.log(JSON.stringify({
    big: { baseURL: `${server.url}/v1`, ...big.expect },
    small: { baseURL: `${server.url}/small/v1`, ...small.expect },
    medium: { baseURL: `${server.url}/medium/v1`, ...medium.expect },
    anthropic: { baseURL: `${server.url}/anthropic/v1`, ...anthropicBig.expect },
    anthropicSmall: { baseURL: `${server.url}/anthropic-small/v1`, ...anthropicSmall.expect },
  }));
}

// --- client role ------------------------------------------------------------------------------

/**
 * The same code for both SDKs (that is the drop-in claim). `open(baseURL)` sets up a provider;
 * the returned function makes one call and reports what it saw, and the time from `streamText`
 * to the first text delta.
 */
function sdkClient(streamText, makeModel) {
  return (baseURL) => {
    const model = makeModel(baseURL);
    return async () => {
      const t0 = performance.now();
      let firstMs = 0;
      let parts = 0;
      let chars = 0;
      const result = streamText({ model, prompt: 'hi' });
      for await (const part of result.fullStream) {
        if (part.type === 'error') throw part.error;
        if (part.type !== 'text-delta') continue;
        if (parts++ === 0) firstMs = performance.now() - t0;
        chars += part.text.length;
      }
      return { parts, chars, firstMs };
    };
  };
}

/** A client for a workload: `openai` (Chat Completions) or `anthropic` (Messages). */
async function loadClient(name, workload) {
  const anthropic = workload === 'anthropic';
  switch (name) {
    case 'llm-native': {
      const lib = await import('../index.js');
      return sdkClient(lib.streamText, anthropic ? anthropicModel(lib.createAnthropic) : openaiModel(lib.createOpenAICompatible));
    }
    case 'ai-sdk': {
      const { streamText } = await import('ai');
      if (anthropic) return sdkClient(streamText, anthropicModel((await import('@ai-sdk/anthropic')).createAnthropic));
      return sdkClient(streamText, openaiModel((await import('@ai-sdk/openai-compatible')).createOpenAICompatible));
    }
    case 'raw-fetch':
      return rawFetchClient(workload);
    case 'native-batches': {
      const lib = await import('../index.js');
      const model = (anthropic ? anthropicModel(lib.createAnthropic) : openaiModel(lib.createOpenAICompatible));
      return (baseURL) => {
        const m = model(baseURL);
        const options = JSON.stringify({ prompt: 'hi' });
        return async () => {
          const stream = m[Symbol.for('llm-native.provider')].stream(m.modelId, options);
          let batches = 0;
          let failed = false;
          for (let b = await stream.next(); b != null; b = await stream.next()) {
            batches++;
            failed ||= b.includes('"type":"error"');
          }
          return { batches, failed };
        };
      };
    }
    default:
      throw new Error(`unknown client ${name}; expected one of ${CLIENTS.join(', ')}`);
  }
}

function verify(name, got, expect) {
  const ok = name === 'raw-fetch'
    ? got.bytes === expect.bytes
    : name === 'native-batches' ? got.batches > 0 && !got.failed
      : got.parts === expect.n && got.chars === expect.chars;
  if (!ok) {
    const { baseURL: _, ...want } = expect;
    throw new Error(`${name}: wrong result: got ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`);
  }
}

/**
 * `--client <name>`: one throughput measurement (default) or, with `--ttfp <k>`, k time-to-first-part
 * calls on the small body. Prints one JSON line.
 */
async function clientRole({ client, target, ttfp, concurrent, workload }) {
  const t = JSON.parse(target);
  const { medium } = t;
  const [big, small] = workload === 'anthropic' ? [t.anthropic, t.anthropicSmall] : [t.big, t.small];
  const open = await loadClient(client, workload);

  // Warm-up call on the small body: loads what loads lazily on first use (undici, the Rust runtime
  // and HTTP client) and opens the pooled connection, so neither is counted below. Its
  // time-to-first-part is the "cold" number.
  const callSmall = open(small.baseURL);
  const warm = await callSmall();
  verify(client, warm, small);

  if (ttfp) {
    const samples = [];
    for (let i = 0; i < ttfp; i++) {
      const got = await callSmall();
      verify(client, got, small);
      samples.push(got.firstMs);
    }
    return { coldMs: warm.firstMs, medianMs: median(samples), samples };
  }

  const callBig = open(concurrent ? medium.baseURL : big.baseURL);
  const rssBeforeMB = process.memoryUsage.rss() / 2 ** 20;
  const cpu0 = process.cpuUsage(); // whole process, all threads (includes the Rust worker threads)
  const t0 = performance.now();
  // `--concurrent k`: k streams of the medium body at once; otherwise one stream of the big body.
  const results = await Promise.all(Array.from({ length: concurrent || 1 }, () => callBig()));
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  for (const got of results) verify(client, got, concurrent ? medium : big);
  return {
    wallMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    peakRssMB: process.resourceUsage().maxRSS / 1024, // maxRSS is in KiB
    rssBeforeMB,
  };
}

/**
 * `--warm`: one long-lived process, as a desktop app is: every client loaded and warmed up on the
 * big body, then `config.warmReps` rounds alternating llm-native, the AI SDK and the raw read.
 */
async function warmRole({ target, workload }) {
  const t = JSON.parse(target);
  const big = workload === 'anthropic' ? t.anthropic : t.big;
  const calls = {};
  for (const client of WARM_CLIENTS) {
    calls[client] = (await loadClient(client, workload))(big.baseURL);
    for (let i = 0; i < 2; i++) verify(client, await calls[client](), big);
  }
  const samples = Object.fromEntries(WARM_CLIENTS.map((c) => [c, []]));
  for (let round = 0; round < config.warmReps; round++) {
    for (const client of WARM_CLIENTS) {
      const t0 = performance.now();
      verify(client, await calls[client](), big);
      samples[client].push(performance.now() - t0);
    }
  }
  return Object.fromEntries(WARM_CLIENTS.map((c) => [c, { wallMs: median(samples[c]), samples: samples[c] }]));
}

// --- orchestrator -----------------------------------------------------------------------------

const runChild = (args) => runScript(SELF, args);
const startServerProcess = () => startServer(SELF);

/** Throughput: every repetition runs each client once, interleaved so drift hits all alike. */
async function measureThroughput(target, workload) {
  const samples = Object.fromEntries(CLIENTS.map((c) => [c, []]));
  for (let rep = 1; rep <= config.reps; rep++) {
    for (const client of CLIENTS) {
      const r = await runChild(['--client', client, '--target', JSON.stringify(target), '--workload', workload]);
      samples[client].push(r);
      progress(`${workload} rep ${rep}/${config.reps} ${client.padEnd(10)} ${fmt(r.wallMs)} ms wall, ${fmt(r.cpuMs)} ms CPU, ${fmt(r.peakRssMB, 1)} MB peak RSS`);
    }
  }
  const medians = {};
  for (const client of CLIENTS) {
    const s = samples[client];
    medians[client] = Object.fromEntries(
      ['wallMs', 'cpuMs', 'peakRssMB', 'rssBeforeMB'].map((k) => [k, median(s.map((r) => r[k]))]),
    );
  }
  return { medians, samples };
}

/** `config.concurrent` streams at once per client process; medians over up to 3 repetitions. */
async function measureConcurrent(target) {
  const reps = Math.min(config.reps, 3);
  const samples = Object.fromEntries(CLIENTS.map((c) => [c, []]));
  for (let rep = 1; rep <= reps; rep++) {
    for (const client of CLIENTS) {
      const r = await runChild(['--client', client, '--target', JSON.stringify(target), '--concurrent', String(config.concurrent)]);
      samples[client].push(r);
      progress(`concurrent rep ${rep}/${reps} ${client.padEnd(10)} ${fmt(r.wallMs)} ms wall, ${fmt(r.cpuMs)} ms CPU, ${fmt(r.peakRssMB, 1)} MB peak RSS`);
    }
  }
  return Object.fromEntries(CLIENTS.map((c) => [c, Object.fromEntries(
    ['wallMs', 'cpuMs', 'peakRssMB'].map((k) => [k, median(samples[c].map((r) => r[k]))]),
  )]));
}

async function measureTtfp(target) {
  const ttfp = {};
  for (const client of CLIENTS) {
    ttfp[client] = await runChild(['--client', client, '--target', JSON.stringify(target), '--ttfp', String(config.ttfpReps)]);
    progress(`ttfp ${client.padEnd(10)} median ${fmt(ttfp[client].medianMs, 2)} ms, cold ${fmt(ttfp[client].coldMs, 2)} ms`);
  }
  return ttfp;
}

function report({ machine, target, throughput, warm, ttfp, ratios, concurrent }) {
  console.log(`\nllm-native benchmark — ${machine.cpu} (${machine.cores} cores), Node ${machine.node}, ${machine.commit ?? ''}`);
  for (const workload of WORKLOADS) {
    const { medians } = throughput[workload];
    const bytes = workload === 'anthropic' ? target.anthropic.bytes : target.big.bytes;
    console.log(`\n${workload}: ${config.deltas} text deltas, ${(bytes / 2 ** 20).toFixed(1)} MB SSE body; medians of ${config.reps} runs, each client in a fresh process\n`);
    console.log(table([
      ['client', 'wall ms', 'CPU ms', 'peak RSS MB', 'RSS before MB'],
      ...CLIENTS.map((c) => [c, fmt(medians[c].wallMs), fmt(medians[c].cpuMs), fmt(medians[c].peakRssMB, 1), fmt(medians[c].rssBeforeMB, 1)]),
    ]));
    console.log('');
    console.log(table([
      ['ratio', 'value', 'target', ''],
      ...ratios[workload].map((r) => [r.label, `${r.value.toFixed(2)}×`, r.target, r.met ? 'met' : 'not met']),
    ]));
    const w = warm[workload];
    console.log(`\nwarm (one process, every client warmed up, ${config.warmReps} alternating rounds): llm-native ${fmt(w['llm-native'].wallMs)} ms, ` +
      `AI SDK ${fmt(w['ai-sdk'].wallMs)} ms, raw ${fmt(w['raw-fetch'].wallMs)} ms; llm-native / raw ${(w['llm-native'].wallMs / w['raw-fetch'].wallMs).toFixed(2)}×, ` +
      `AI SDK / llm-native ${(w['ai-sdk'].wallMs / w['llm-native'].wallMs).toFixed(1)}×; ` +
      `native batches only (the Rust side) ${fmt(w['native-batches'].wallMs)} ms`);
  }
  console.log(`\ntime to first text part (${config.ttfpDeltas}-delta body; median of ${config.ttfpReps} calls after a warm-up call; cold = the warm-up call)\n`);
  console.log(table([
    ['client', 'median ms', 'cold ms'],
    ...CLIENTS.map((c) => [c === 'raw-fetch' ? 'raw-fetch (first byte)' : c, fmt(ttfp[c].medianMs, 2), fmt(ttfp[c].coldMs, 2)]),
  ]));
  console.log(`\n${config.concurrent} concurrent streams of ${config.concurrentDeltas} deltas in one process (median of ${Math.min(config.reps, 3)})\n`);
  console.log(table([
    ['client', 'wall ms', 'CPU ms', 'peak RSS MB'],
    ...CLIENTS.map((c) => [c, fmt(concurrent[c].wallMs), fmt(concurrent[c].cpuMs), fmt(concurrent[c].peakRssMB, 1)]),
  ]));
}

async function orchestrate() {
  const machine = machineInfo();
  const server = await startServerProcess();
  try {
    const { target } = server;
    progress(`server ${target.big.baseURL}: ${config.deltas} deltas, ${target.big.bytes} bytes`);
    const throughput = {};
    const warm = {};
    for (const workload of WORKLOADS) {
      throughput[workload] = await measureThroughput(target, workload);
      warm[workload] = await runChild(['--warm', '--target', JSON.stringify(target), '--workload', workload]);
      progress(`${workload} warm: ${CLIENTS.map((c) => `${c} ${fmt(warm[workload][c].wallMs)} ms`).join(', ')}`);
    }
    const ttfp = await measureTtfp(target);
    const concurrent = await measureConcurrent(target);
    const ratios = Object.fromEntries(WORKLOADS.map((workload) => [workload, RATIOS.map(({ label, of, target: goal, met }) => {
      const value = of(throughput[workload].medians);
      return { label, value, target: goal, met: met(value) };
    })]));
    const results = { machine, config: { ...config, bodyBytes: target.big.bytes }, throughput, warm, ratios, ttfp, concurrent };
    report({ machine, target, throughput, warm, ttfp, ratios, concurrent });
    const file = path.join(HERE, 'results-latest.json');
    fs.writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
    console.log(`\nwrote ${path.relative(process.cwd(), file)}`);
  } finally {
    await stopServerProcess(server.child);
  }
}

// --- entry ------------------------------------------------------------------------------------

const { values: args } = parseArgs({
  options: {
    server: { type: 'boolean' },
    client: { type: 'string' },
    target: { type: 'string' },
    ttfp: { type: 'string' },
    concurrent: { type: 'string' },
    workload: { type: 'string', default: 'openai' },
    warm: { type: 'boolean' },
  },
});

try {
  if (args.server) {
    await serverRole();
  } else if (args.warm) {
    reportAndExit(await warmRole({ target: args.target, workload: args.workload }));
  } else if (args.client) {
    const result = await clientRole({
      client: args.client, target: args.target, ttfp: args.ttfp && Number(args.ttfp), concurrent: args.concurrent && Number(args.concurrent),
      workload: args.workload,
    });
    reportAndExit(result);
  } else {
    await orchestrate();
  }
} catch (error) {
  console.error(error);
  process.exit(1);
}
