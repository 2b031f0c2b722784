// The JS-only floor of delivering 100k text-delta parts to a `for await`: batches in llm-native's
// format (a part, then its continuations as lengths into the batch's text pool, ~64 KiB each;
// crates/core/src/engine/batch.rs) parsed and expanded by lib/native-stream.js, then handed out
// by a minimal async iterator. See bench/README.md ("The JS floor") and bench/RESULTS.md.
//
// `node bench/js-floor.mjs`: synthetic batches, no Rust, no socket.
// `node bench/js-floor.mjs --stream [anthropic|openai]`: one warm process against the benchmark's
// server, alternating the raw `fetch` read, the floor over llm-native's real native batches, and
// `streamText`'s `fullStream`; wall and main-thread busy medians (`eventLoopUtilization`).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import {
  anthropicModel, intEnv, median, openaiModel, rawFetchClient, startServerProcess, stopServerProcess,
} from './common.mjs';

const { batchParts } = createRequire(import.meta.url)('../lib/native-stream.js');

const ROUNDS = intEnv('BENCH_REPS', 15);

/** The least an async iterator over batches can do per part: one resolved promise. */
function floorIterator(nextBatch) {
  let q = [];
  let h = 0;
  let done = false;
  const refill = (batch) => {
    if (batch == null) { done = true; return { done: true, value: undefined }; }
    q = batchParts(batch); // JSON.parse, then continuations made parts (lib/native-stream.js)
    h = 0;
    return { value: q[h++], done: false };
  };
  return {
    next() {
      if (h < q.length) return Promise.resolve({ value: q[h++], done: false });
      if (done) return Promise.resolve({ done: true, value: undefined });
      const b = nextBatch();
      return typeof b?.then === 'function' ? b.then(refill) : Promise.resolve(refill(b));
    },
    [Symbol.asyncIterator]() { return this; },
  };
}

async function countDeltas(iterable) {
  let n = 0;
  for await (const p of iterable) if (p.type === 'text-delta') n++;
  return n;
}

function syntheticBatches() {
  const deltas = Array.from({ length: 100000 }, (_, i) => ` w${i % 97}`);
  const batches = [];
  let cur = [];
  let pool = '';
  const end = () => batches.push(`[${[...cur, ...(pool ? [JSON.stringify(pool)] : [])].join(',')}]`);
  for (let i = 0; i < deltas.length; i++) {
    if (cur.length === 0) {
      cur.push(JSON.stringify({ type: 'text-delta', id: '0', text: deltas[i] }));
      continue;
    }
    cur.push(String(deltas[i].length));
    pool += deltas[i];
    if (cur.length > 10_000) { // about 64 KiB of the SSE it came from
      end();
      cur = [];
      pool = '';
    }
  }
  end();
  return batches;
}

async function synthetic() {
  const batches = syntheticBatches();
  const once = async () => {
    let b = 0;
    const t0 = performance.now();
    await countDeltas(floorIterator(() => (b < batches.length ? batches[b++] : null)));
    return performance.now() - t0;
  };
  for (let i = 0; i < 3; i++) await once();
  const s = [];
  for (let i = 0; i < ROUNDS; i++) s.push(await once());
  console.log(`synthetic: ${batches.length} batches, floor ${median(s).toFixed(1)} ms median of ${ROUNDS}`);
}

async function stream(workload) {
  const runScript = path.join(path.dirname(fileURLToPath(import.meta.url)), 'run.mjs');
  const server = await startServerProcess(runScript);
  try {
    const anthropic = workload === 'anthropic';
    const target = anthropic ? server.target.anthropic : server.target.big;
    const lib = await import('../index.js');
    const model = (anthropic ? anthropicModel(lib.createAnthropic) : openaiModel(lib.createOpenAICompatible))(target.baseURL);
    const rawRead = rawFetchClient(workload)(target.baseURL);
    const native = model[Symbol.for('llm-native.provider')];
    const options = JSON.stringify({ prompt: 'hi' });
    const clients = {
      raw: async () => (await rawRead()).bytes === target.bytes,
      floor: async () => {
        const s = native.stream(model.modelId, options);
        return (await countDeltas(floorIterator(() => s.next()))) === target.n;
      },
      fullStream: async () => (await countDeltas(lib.streamText({ model, prompt: 'hi' }).fullStream)) === target.n,
    };
    const names = Object.keys(clients);
    for (const name of names) for (let i = 0; i < 3; i++) await clients[name]();
    const wall = Object.fromEntries(names.map((n) => [n, []]));
    const busy = Object.fromEntries(names.map((n) => [n, []]));
    for (let r = 0; r < ROUNDS; r++) {
      for (const name of names) {
        const e0 = performance.eventLoopUtilization();
        const t0 = performance.now();
        if (!(await clients[name]())) throw new Error(`${name}: wrong result`);
        wall[name].push(performance.now() - t0);
        busy[name].push(performance.eventLoopUtilization(e0).active);
      }
    }
    console.log(`${workload}, ${target.n} deltas, ${ROUNDS} alternating rounds (medians):`);
    for (const name of names) {
      console.log(`  ${name.padEnd(10)} wall ${median(wall[name]).toFixed(1)} ms, main thread busy ${median(busy[name]).toFixed(1)} ms`);
    }
  } finally {
    await stopServerProcess(server.child);
  }
}

const i = process.argv.indexOf('--stream');
if (i < 0) await synthetic();
else await stream(process.argv[i + 1] ?? 'anthropic');
process.exit(0);
