// The JS-only floor of delivering 100k text-delta parts: the batches llm-native's format would
// carry (a part, then bare-text continuations, ~64 KiB each) parsed and handed out through an async
// iterator, with no Rust and no socket. `node bench/js-floor.mjs`; see bench/RESULTS.md.
const deltas = Array.from({ length: 100000 }, (_, i) => ` w${i % 97}`);
const batches = [];
let cur = [];
let bytes = 0;
for (let i = 0; i < deltas.length; i++) {
  const s = i % 8000 === 0 ? JSON.stringify({ type: 'text-delta', id: '0', text: deltas[i] }) : JSON.stringify(deltas[i]);
  cur.push(s); bytes += s.length;
  if (bytes > 65536) { batches.push(`[${cur.join(',')}]`); cur = []; bytes = 0; cur.push(JSON.stringify({ type: 'text-delta', id: '0', text: 'x' })); }
}
batches.push(`[${cur.join(',')}]`);
function expand(items) { for (let i = 1; i < items.length; i++) { const t = items[i]; if (typeof t !== 'string') continue; const { type, id } = items[i - 1]; items[i] = { type, id, text: t }; } return items; }
async function once() {
  let q = [], h = 0, b = 0;
  const it = { next() { if (h >= q.length) { if (b >= batches.length) return Promise.resolve({ done: true, value: undefined }); q = expand(JSON.parse(batches[b++])); h = 0; } return Promise.resolve({ value: q[h++], done: false }); }, [Symbol.asyncIterator]() { return this; } };
  const t0 = performance.now(); let n = 0;
  for await (const p of it) if (p.type === 'text-delta') n++;
  return performance.now() - t0;
}
for (let i = 0; i < 3; i++) await once();
const s = []; for (let i = 0; i < 9; i++) s.push(await once());
s.sort((a, b) => a - b); console.log('batches', batches.length, 'median ms', s[4].toFixed(1), s.map((x) => x.toFixed(1)).join(' '));
