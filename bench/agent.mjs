// `npm run bench:agent`: the shape of a coding agent's step — a long history goes up, a short
// reply with a tool call comes back — for llm-native, the AI SDK v5 and a raw `fetch` POST of the
// same body. See bench/README.md ("Agent steps").
//
// Roles (picked by argv): the orchestrator (no flags), the server (`--server`), a client measuring
// single steps (`--steps <client>`), a client running one multi-step loop (`--loop <client>`), and
// one process alternating all three clients after a warm-up (`--warm`).
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import {
  BENCH_KEY, intEnv, median, runChild, startServerProcess, stopServerProcess, reportAndExit, machineInfo,
  progress, fmt, table,
} from './common.mjs';
import {
  REPLY_DELTAS, READ_FILE_SCHEMA, fileText, history, rawBody, rawAnthropicBody, rawResponsesBody, rawGoogleBody,
  replyBody, generateReplyBody, anthropicReplyBody, responsesReplyBody, googleReplyBody,
} from './agent-workload.mjs';

const SELF = fileURLToPath(import.meta.url);
const HERE = path.dirname(SELF);
const CLIENTS = ['llm-native', 'ai-sdk', 'raw-fetch'];

const config = {
  histories: [400, 1200], // over Chat Completions
  // The same 1,200-message step over the other protocols (`BENCH_AGENT_PROTOCOLS`, comma-separated;
  // `generate`: Chat Completions through `generateText`, not streamed).
  otherProtocols: (process.env.BENCH_AGENT_PROTOCOLS ?? 'anthropic,responses,google,generate').split(',').filter(Boolean),
  otherHistory: 1200,
  steps: intEnv('BENCH_AGENT_STEPS', 7), // measured steps per client process
  reps: intEnv('BENCH_AGENT_REPS', 3), // client processes per client and history
  loopSteps: intEnv('BENCH_AGENT_LOOP_STEPS', 30),
  loopRuns: intEnv('BENCH_AGENT_LOOP_RUNS', 5), // per-step medians over this many loops
  warmRounds: intEnv('BENCH_AGENT_WARM_ROUNDS', 7),
  replyDeltas: REPLY_DELTAS,
};

// --- server role ------------------------------------------------------------------------------

/** Each protocol's request path, reply, hand-built body, auth and the two SDKs' models. */
const PROTOCOLS = {
  openai: {
    api: 'Chat Completions', path: '/chat/completions', reply: replyBody, rawBody,
    auth: { authorization: `Bearer ${BENCH_KEY}` },
    model: async (lib, native, baseURL) => {
      const { createOpenAICompatible } = native ? lib : await import('@ai-sdk/openai-compatible');
      return createOpenAICompatible({ name: 'bench', baseURL, apiKey: BENCH_KEY, includeUsage: true })('m');
    },
  },
  anthropic: {
    api: 'Anthropic Messages', path: '/messages', reply: anthropicReplyBody, rawBody: rawAnthropicBody,
    auth: { 'x-api-key': BENCH_KEY, 'anthropic-version': '2023-06-01' },
    model: async (lib, native, baseURL) => {
      const { createAnthropic } = native ? lib : await import('@ai-sdk/anthropic');
      return createAnthropic({ baseURL, apiKey: BENCH_KEY })('claude-sonnet-4-5');
    },
  },
  generate: {
    // Under its own path, so the server (which never parses a body) knows to answer in JSON.
    // (llm-native's `generateText` streams under the hood, and is answered as a stream.)
    api: 'Chat Completions, generateText, not streamed', path: '/generate/chat/completions', reply: generateReplyBody,
    contentType: 'application/json', generate: true,
    rawBody: (messages) => {
      const { stream, stream_options: options, ...body } = rawBody(messages);
      return body;
    },
    auth: { authorization: `Bearer ${BENCH_KEY}` },
    model: async (lib, native, baseURL) => PROTOCOLS.openai.model(lib, native, `${baseURL}/generate`),
  },
  responses: {
    api: 'OpenAI Responses', path: '/responses', reply: responsesReplyBody, rawBody: rawResponsesBody,
    auth: { authorization: `Bearer ${BENCH_KEY}` },
    model: async (lib, native, baseURL) => {
      const { createOpenAI } = native ? lib : await import('@ai-sdk/openai');
      return createOpenAI({ baseURL, apiKey: BENCH_KEY }).responses('gpt-4o');
    },
  },
  google: {
    api: 'Gemini', path: '/models/gemini-2.5-flash:streamGenerateContent?alt=sse', reply: googleReplyBody, rawBody: rawGoogleBody,
    auth: { 'x-goog-api-key': BENCH_KEY },
    model: async (lib, native, baseURL) => {
      const { createGoogleGenerativeAI } = native ? lib : await import('@ai-sdk/google');
      return createGoogleGenerativeAI({ baseURL, apiKey: BENCH_KEY })('gemini-2.5-flash');
    },
  },
};

/** The protocol a request's URL is for. */
const protocolOf = (url) => Object.values(PROTOCOLS).find((p) => p !== PROTOCOLS.openai && url.endsWith(p.path)) ?? PROTOCOLS.openai;

/**
 * `--server`: reads each request body (counting its bytes, never parsing it, so a long body costs
 * the server the same for every client) and answers with the reply. `x-request-bytes` on the
 * response tells the client what it sent.
 */
async function serverRole() {
  let step = 0;
  const server = http.createServer((req, res) => {
    let bytes = 0;
    let last = '';
    req.on('data', (c) => { bytes += c.length; last = c; });
    req.on('end', () => {
      let protocol = protocolOf(req.url);
      // A `generateText` that streams under the hood (llm-native's) is answered as a stream; its
      // body ends with the stream fields, so the last chunk tells.
      if (protocol.generate && String(last).includes('"stream":true')) protocol = PROTOCOLS.openai;
      res.writeHead(200, { 'content-type': protocol.contentType ?? 'text/event-stream', 'x-request-bytes': String(bytes) });
      res.end(protocol.reply(step++));
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  process.stdin.resume().on('end', () => process.exit(0));
  console.log(JSON.stringify({ baseURL: `http://127.0.0.1:${server.address().port}/v1` }));
}

// --- clients ----------------------------------------------------------------------------------

/** The library's functions and the benchmark model on `baseURL` (the same code for both SDKs). */
async function sdk(name, baseURL, protocol = 'openai') {
  const native = name === 'llm-native';
  const lib = native ? await import('../index.js') : await import('ai');
  const model = await PROTOCOLS[protocol].model(lib, native, baseURL);
  const { streamText, generateText, stepCountIs, tool, jsonSchema } = lib;
  return { streamText, generateText, stepCountIs, tool, jsonSchema, model };
}

/** `step(messages)` runs one agent step and reports what the server read. */
async function stepClient(name, baseURL, protocol = 'openai') {
  if (name === 'raw-fetch') {
    const { path: route, auth, rawBody: body } = PROTOCOLS[protocol];
    const url = `${baseURL}${route}`;
    return async (messages) => {
      const res = await fetch(url, { method: 'POST', body: JSON.stringify(body(messages)), headers: { 'content-type': 'application/json', ...auth } });
      await res.text();
      return { requestBytes: Number(res.headers.get('x-request-bytes')), toolCalls: 1 };
    };
  }
  const { streamText, generateText, tool, jsonSchema, model } = await sdk(name, baseURL, protocol);
  const tools = { read_file: tool({ description: 'Reads a file', inputSchema: jsonSchema(READ_FILE_SCHEMA) }) };
  // The server says what it read (the SDK's own request is sent, unchanged).
  const requestBytes = (response) => Number(response.headers?.['x-request-bytes'] ?? 0);
  if (PROTOCOLS[protocol].generate) {
    return async (messages) => {
      const result = await generateText({ model, messages, tools });
      return { requestBytes: requestBytes(result.response), toolCalls: result.toolCalls.length };
    };
  }
  return async (messages) => {
    const result = streamText({ model, messages, tools });
    let toolCalls = 0;
    for await (const part of result.fullStream) {
      if (part.type === 'error') throw part.error;
      if (part.type === 'tool-call') toolCalls++;
    }
    return { requestBytes: requestBytes(await result.response), toolCalls };
  };
}

/** Wall and main-thread busy time (event-loop utilisation) of one awaited call. */
async function timed(fn) {
  const elu0 = performance.eventLoopUtilization();
  const t0 = performance.now();
  const out = await fn();
  const wallMs = performance.now() - t0;
  const busyMs = performance.eventLoopUtilization(elu0).active;
  return { wallMs, busyMs, ...out };
}

function checkStep(name, got) {
  if (got.toolCalls !== 1 || !(got.requestBytes > 0)) throw new Error(`${name}: wrong step result ${JSON.stringify(got)}`);
}

/** `--steps <client>`: a warm-up step, then `config.steps` measured steps on the same history. */
async function stepsRole(name, baseURL, n, protocol) {
  const messages = history(n);
  const step = await stepClient(name, baseURL, protocol);
  checkStep(name, await step(messages));
  const samples = [];
  for (let i = 0; i < config.steps; i++) {
    const got = await timed(() => step(messages));
    checkStep(name, got);
    samples.push(got);
  }
  return summarise(samples);
}

const summarise = (samples) => ({
  wallMs: median(samples.map((s) => s.wallMs)),
  busyMs: median(samples.map((s) => s.busyMs)),
  requestBytes: median(samples.map((s) => s.requestBytes)),
});

/**
 * `--warm`: one long-lived process (a desktop app): every client warmed up, then rounds that
 * alternate llm-native, the AI SDK and the raw POST on the same history.
 */
async function warmRole(baseURL, n, protocol) {
  const messages = history(n);
  const steps = {};
  for (const name of CLIENTS) {
    steps[name] = await stepClient(name, baseURL, protocol);
    for (let i = 0; i < 3; i++) checkStep(name, await steps[name](messages));
  }
  const samples = Object.fromEntries(CLIENTS.map((c) => [c, []]));
  for (let round = 0; round < config.warmRounds; round++) {
    for (const name of CLIENTS) {
      const got = await timed(() => steps[name](messages));
      checkStep(name, got);
      samples[name].push(got);
    }
  }
  return Object.fromEntries(CLIENTS.map((c) => [c, summarise(samples[c])]));
}

/**
 * `--loop <client>`: one `streamText` call of `config.loopSteps` steps from a 400-message history,
 * with a tool that returns a 4 KB file each step; main-thread busy time per step, by step number
 * (medians over `config.loopRuns` loops).
 */
async function loopRole(name, baseURL) {
  const { streamText, stepCountIs, tool, jsonSchema, model } = await sdk(name, baseURL);
  let calls = 0;
  const tools = {
    read_file: tool({ description: 'Reads a file', inputSchema: jsonSchema(READ_FILE_SCHEMA), execute: async () => fileText(100_000 + calls++) }),
  };
  const run = async (steps) => {
    const busy = [];
    const wall = [];
    let elu = performance.eventLoopUtilization();
    let t = performance.now();
    const result = streamText({
      model, messages: history(400), tools, stopWhen: stepCountIs(steps),
      onStepFinish: () => {
        busy.push(performance.eventLoopUtilization(elu).active);
        wall.push(performance.now() - t);
        elu = performance.eventLoopUtilization();
        t = performance.now();
      },
    });
    for await (const part of result.fullStream) if (part.type === 'error') throw part.error;
    if (busy.length !== steps) throw new Error(`${name}: ${busy.length} steps, expected ${steps}`);
    return { busy, wall };
  };
  await run(2); // warm-up
  // One loop's step k is one sample of a few milliseconds: the median of a few loops per step.
  const runs = [];
  for (let i = 0; i < config.loopRuns; i++) runs.push(await run(config.loopSteps));
  const perStep = (key) => runs[0][key].map((_, k) => median(runs.map((r) => r[key][k])));
  return { busy: perStep('busy'), wall: perStep('wall') };
}

// --- orchestrator -----------------------------------------------------------------------------

async function orchestrate() {
  const machine = machineInfo();
  const server = await startServerProcess(SELF);
  const { baseURL } = server.target;
  const results = { machine, config, steps: {}, warm: {}, loop: {} };
  try {
    // Chat Completions at each history size, then the other protocols at one (keyed `<protocol>-<n>`).
    const runs = [...config.histories.map((n) => ({ n, protocol: 'openai', key: n })),
      ...config.otherProtocols.map((protocol) => ({ n: config.otherHistory, protocol, key: `${protocol}-${config.otherHistory}` }))];
    for (const { n, protocol, key } of runs) {
      const args = ['--base-url', baseURL, '--history', String(n), '--protocol', protocol];
      const samples = Object.fromEntries(CLIENTS.map((c) => [c, []]));
      for (let rep = 1; rep <= config.reps; rep++) {
        for (const name of CLIENTS) {
          const r = await runChild(SELF, ['--steps', name, ...args]);
          samples[name].push(r);
          progress(`${key} messages rep ${rep}/${config.reps} ${name.padEnd(10)} ${fmt(r.wallMs, 1)} ms wall, ${fmt(r.busyMs, 1)} ms busy, ${r.requestBytes} B`);
        }
      }
      results.steps[key] = Object.fromEntries(CLIENTS.map((c) => [c, summarise(samples[c])]));
      results.warm[key] = await runChild(SELF, ['--warm', ...args]);
      progress(`${key} messages warm: ${CLIENTS.map((c) => `${c} ${fmt(results.warm[key][c].wallMs, 1)}/${fmt(results.warm[key][c].busyMs, 1)} ms`).join(', ')}`);
    }
    for (const name of CLIENTS.filter((c) => c !== 'raw-fetch')) {
      results.loop[name] = await runChild(SELF, ['--loop', name, '--base-url', baseURL]);
      progress(`loop ${name}: step 2 ${fmt(results.loop[name].busy[1], 1)} ms busy, step ${config.loopSteps} ${fmt(results.loop[name].busy.at(-1), 1)} ms`);
    }
  } finally {
    await stopServerProcess(server.child);
  }
  report(results);
  const file = path.join(HERE, 'agent-results-latest.json');
  fs.writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\nwrote ${path.relative(process.cwd(), file)}`);
}

function report({ machine, steps, warm, loop }) {
  console.log(`\nllm-native agent benchmark — ${machine.cpu} (${machine.cores} cores), Node ${machine.node}, ${machine.commit ?? ''}`);
  for (const n of Object.keys(steps)) {
    const raw = steps[n]['raw-fetch'];
    const [protocol, size] = String(n).includes('-') ? n.split('-') : ['openai', n];
    const { api } = PROTOCOLS[protocol];
    console.log(`\none step on a ${size}-message history (${api}, ${(raw.requestBytes / 2 ** 20).toFixed(2)} MB request), reply of ${config.replyDeltas} deltas + a tool call; medians of ${config.reps} processes × ${config.steps} steps\n`);
    console.log(table([
      ['client', 'wall ms', 'busy ms', '× raw wall', '× raw busy', 'warm wall ms', 'warm busy ms', 'request B'],
      ...CLIENTS.map((c) => [c, fmt(steps[n][c].wallMs, 1), fmt(steps[n][c].busyMs, 1), fmt(steps[n][c].wallMs / raw.wallMs, 2),
        fmt(steps[n][c].busyMs / raw.busyMs, 2), fmt(warm[n][c].wallMs, 1), fmt(warm[n][c].busyMs, 1), steps[n][c].requestBytes]),
    ]));
  }
  console.log(`\n${config.loopSteps}-step loop from a 400-message history (a 4 KB tool result per step): main-thread busy ms per step, medians of ${config.loopRuns} loops\n`);
  const at = [...new Set([1, 2, 5, 10, 20, config.loopSteps])].filter((s) => s <= config.loopSteps);
  // One step's figure can be a GC pause: also the last five steps' median over steps 2–6's.
  const growth = (busy) => median(busy.slice(-5)) / median(busy.slice(1, 6));
  console.log(table([
    ['client', ...at.map((s) => `step ${s}`), `step ${config.loopSteps} / step 2`, 'last 5 / steps 2–6'],
    ...Object.entries(loop).map(([c, { busy }]) => [c, ...at.map((s) => fmt(busy[s - 1], 1)), fmt(busy.at(-1) / busy[1], 2), fmt(growth(busy), 2)]),
  ]));
}

// --- entry ------------------------------------------------------------------------------------

const { values: args } = parseArgs({
  options: {
    server: { type: 'boolean' },
    steps: { type: 'string' },
    loop: { type: 'string' },
    warm: { type: 'boolean' },
    'base-url': { type: 'string' },
    history: { type: 'string', default: '400' },
    protocol: { type: 'string', default: 'openai' },
  },
});

try {
  const baseURL = args['base-url'];
  if (args.server) await serverRole();
  else if (args.steps) reportAndExit(await stepsRole(args.steps, baseURL, Number(args.history), args.protocol));
  else if (args.warm) reportAndExit(await warmRole(baseURL, Number(args.history), args.protocol));
  else if (args.loop) reportAndExit(await loopRole(args.loop, baseURL));
  else await orchestrate();
} catch (error) {
  console.error(error);
  process.exit(1);
}
