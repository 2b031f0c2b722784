// Soak: many streams in one process against a local server. Reports RSS at start and end (after
// GC), open sockets on both sides, and that every part arrived. `node --expose-gc bench/soak.mjs`
// (npm run soak). Env: SOAK_SEQUENTIAL (10000), SOAK_CONCURRENT (1000), SOAK_DELTAS (50).
import { streamText, createOpenAICompatible } from '../index.js';
import { startServer, sendSse, openaiTextDeltasBody } from '../scripts/fixture-server.mjs';

const SEQUENTIAL = Number(process.env.SOAK_SEQUENTIAL ?? 10_000);
const CONCURRENT = Number(process.env.SOAK_CONCURRENT ?? 1_000);
const DELTAS = Number(process.env.SOAK_DELTAS ?? 50);

const words = Array.from({ length: DELTAS }, (_, i) => `w${i} `);
const expected = words.join('');
const body = openaiTextDeltasBody(words);
const server = await startServer((req, _b, res) => sendSse(res, body, { chunkSize: 512 }), { record: false });
const provider = createOpenAICompatible({ name: 'soak', baseURL: `${server.url}/v1`, apiKey: 'k', includeUsage: true });

const mb = (n) => (n / 1024 / 1024).toFixed(1);
function rss() {
  globalThis.gc?.();
  return process.memoryUsage().rss;
}

async function oneStream() {
  const result = streamText({ model: provider('m'), prompt: 'hi' });
  let text = '';
  let deltas = 0;
  for await (const part of result.fullStream) {
    if (part.type === 'text-delta') {
      text += part.text;
      deltas++;
    } else if (part.type === 'error') {
      throw part.error;
    }
  }
  if (text !== expected || deltas !== DELTAS) throw new Error(`stream lost parts: ${deltas}/${DELTAS}`);
}

async function phase(name, run) {
  const before = rss();
  const started = performance.now();
  await run();
  const seconds = (performance.now() - started) / 1000;
  await new Promise((r) => setTimeout(r, 500)); // let closed sockets settle
  const after = rss();
  console.log(
    `${name}: ${seconds.toFixed(1)} s, RSS ${mb(before)} → ${mb(after)} MB, ` +
      `server-side open sockets ${server.sockets.size}, total connections ${server.closedSockets.length + server.sockets.size}`,
  );
  return { before, after };
}

if (!globalThis.gc) console.log('(run with --expose-gc for RSS after GC)');
console.log(`soak: ${SEQUENTIAL} sequential + ${CONCURRENT} concurrent streams of ${DELTAS} deltas`);
await oneStream(); // warm-up: runtime, client, pool
const seq = await phase(`${SEQUENTIAL} sequential`, async () => {
  for (let i = 0; i < SEQUENTIAL; i++) await oneStream();
});
const conc = await phase(`${CONCURRENT} concurrent`, () => Promise.all(Array.from({ length: CONCURRENT }, oneStream)));
const again = await phase(`${SEQUENTIAL} sequential again`, async () => {
  for (let i = 0; i < SEQUENTIAL; i++) await oneStream();
});
await server.close();
// Flat memory: once warm, a further 10,000 streams must not grow the process.
const growth = again.after - again.before;
console.log(`RSS growth over the second sequential run: ${mb(growth)} MB (process start ${mb(seq.before)}, end ${mb(again.after)})`);
void conc;
process.exit(growth > 16 * 1024 * 1024 ? 1 : 0);
