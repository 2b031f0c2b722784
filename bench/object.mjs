// `streamObject` over a long JSON answer (#15): a 1 MB object (an array of records) streamed in
// 10,000 text deltas, read through `partialObjectStream`, llm-native against ai@5 +
// @ai-sdk/openai-compatible on the same local server. Each run is a fresh process (its peak RSS
// is the run's); wall time from the call to the last partial object. `npm run bench:object`.
import { openaiTextDeltasBody } from '../scripts/fixture-server.mjs';
import { runChild, startServerProcess, stopServerProcess, reportAndExit, machineInfo, median, intEnv, fmt, table, progress, BENCH_KEY } from './common.mjs';
import http from 'node:http';
import { fileURLToPath } from 'node:url';

const SELF = fileURLToPath(import.meta.url);
const DELTAS = intEnv('BENCH_OBJECT_DELTAS', 10_000);
const BYTES = intEnv('BENCH_OBJECT_BYTES', 1_000_000);
const RUNS = intEnv('BENCH_OBJECT_RUNS', 3);

/** The answer: `{"items":[{id, title, body, tags, done}, …]}` of about BYTES, cut into DELTAS pieces. */
function answer() {
  const items = [];
  let size = 12;
  for (let i = 0; size < BYTES; i++) {
    const item = { id: i, title: `Item ${i}`, body: 'lorem ipsum dolor sit amet '.repeat(3), tags: ['a', 'b'], done: i % 2 === 0 };
    size += JSON.stringify(item).length + 1;
    items.push(item);
  }
  const text = JSON.stringify({ items });
  const step = Math.ceil(text.length / DELTAS);
  const deltas = [];
  for (let i = 0; i < text.length; i += step) deltas.push(text.slice(i, i + step));
  return { text, deltas };
}

async function serverRole() {
  const { deltas } = answer();
  const body = Buffer.from(openaiTextDeltasBody(deltas));
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => { res.writeHead(200, { 'content-type': 'text/event-stream' }); res.end(body); });
  });
  server.listen(0, '127.0.0.1', () => console.log(JSON.stringify({ url: `http://127.0.0.1:${server.address().port}/v1` })));
}

async function clientRole(name, url) {
  const { z } = await import('zod');
  const schema = z.object({ items: z.array(z.object({ id: z.number(), title: z.string(), body: z.string(), tags: z.array(z.string()), done: z.boolean() })) });
  let lib;
  let model;
  if (name === 'ai') {
    lib = await import('ai');
    const { createOpenAICompatible } = await import('@ai-sdk/openai-compatible');
    model = createOpenAICompatible({ name: 'local', baseURL: url, apiKey: BENCH_KEY, supportsStructuredOutputs: true })('m');
  } else {
    lib = await import('../index.js');
    model = lib.createOpenAICompatible({ name: 'local', baseURL: url, apiKey: BENCH_KEY, supportsStructuredOutputs: true })('m');
  }
  const start = performance.now();
  const r = lib.streamObject({ model, schema, prompt: 'p' });
  let partials = 0;
  let last;
  for await (const p of r.partialObjectStream) { partials++; last = p; }
  const object = await r.object;
  const ms = performance.now() - start;
  if (object.items.length !== last.items.length) throw new Error('last partial object differs from the object');
  reportAndExit({ ms, partials, items: object.items.length, peakRssMb: process.resourceUsage().maxRSS / 1024 });
}

async function orchestrate() {
  const { child, target } = await startServerProcess(SELF);
  const results = { ai: [], native: [] };
  try {
    for (let i = 0; i < RUNS; i++) {
      for (const name of ['native', 'ai']) {
        const r = await runChild(SELF, ['--client', name, target.url]);
        progress(`${name} run ${i + 1}: ${fmt(r.ms)} ms, ${r.partials} partial objects, peak RSS ${fmt(r.peakRssMb)} MB`);
        results[name].push(r);
      }
    }
  } finally {
    await stopServerProcess(child);
  }
  const m = (name, k) => median(results[name].map((r) => r[k]));
  const machine = machineInfo();
  console.log(`\nstreamObject, ${fmt(BYTES / 1e6, 1)} MB JSON in ${DELTAS} deltas, medians of ${RUNS} fresh processes (${machine.cpu}, Node ${machine.node}, ${machine.commit})\n`);
  console.log(table([
    ['', 'wall ms', 'partial objects', 'peak RSS MB'],
    ['llm-native', fmt(m('native', 'ms')), String(m('native', 'partials')), fmt(m('native', 'peakRssMb'))],
    ['AI SDK v5', fmt(m('ai', 'ms')), String(m('ai', 'partials')), fmt(m('ai', 'peakRssMb'))],
    ['ratio', `${fmt(m('ai', 'ms') / m('native', 'ms'), 1)}×`, '', `${fmt(m('ai', 'peakRssMb') / m('native', 'peakRssMb'), 1)}×`],
  ]));
}

const [role, ...rest] = process.argv.slice(2);
if (role === '--server') await serverRole();
else if (role === '--client') await clientRole(...rest);
else await orchestrate();
