// `npm run bench:ledger`: what recording every step in the usage ledger costs a call. Short
// streams (the case where a per-step cost shows most) against a server process on 127.0.0.1,
// alternating rounds with the ledger on and off in one process; per-call wall and main-thread
// busy time, medians of the rounds. See bench/README.md ("Usage ledger").
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  BENCH_KEY, intEnv, median, startServerProcess, stopServerProcess, machineInfo, fmt, table, serveShortReplies, perCall,
} from './common.mjs';

const SELF = fileURLToPath(import.meta.url);
const CALLS = intEnv('BENCH_LEDGER_CALLS', 200); // calls per round
const ROUNDS = intEnv('BENCH_LEDGER_ROUNDS', 9); // rounds per setting, alternating

if (process.argv.includes('--server')) {
  serveShortReplies();
} else {
  const { child, target } = await startServerProcess(SELF);
  const llm = await import('../index.js');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'llm-native-bench-ledger-'));
  llm.configure({ configDir: dir });
  const model = llm.createOpenAICompatible({ name: 'bench', baseURL: target.url, apiKey: BENCH_KEY, includeUsage: true })('m');

  /** One round: `CALLS` calls one after another; per-call wall and busy time (ms). */
  async function round(ledger) {
    llm.configure({ usageLedger: ledger });
    return perCall(CALLS, async () => {
      for await (const _ of llm.streamText({ model, prompt: 'hi' }).textStream);
    });
  }

  await round(true); // warm-up
  const results = { on: [], off: [] };
  for (let r = 0; r < ROUNDS; r++) {
    for (const setting of r % 2 ? ['off', 'on'] : ['on', 'off']) results[setting].push(await round(setting === 'on'));
  }
  const steps = (await llm.queryUsage()).total.steps;
  await stopServerProcess(child);
  fs.rmSync(dir, { recursive: true, force: true });

  const row = (name) => [
    name, fmt(median(results[name].map((x) => x.wall)), 3), fmt(median(results[name].map((x) => x.busy)), 3),
  ];
  const on = median(results.on.map((x) => x.wall));
  const off = median(results.off.map((x) => x.wall));
  const m = machineInfo();
  console.log(JSON.stringify(m));
  console.log(`${CALLS} calls per round, ${ROUNDS} rounds per setting, 20 text deltas per call; ${steps} steps recorded`);
  console.log(table([['ledger', 'wall ms/call', 'busy ms/call'], row('on'), row('off')]));
  console.log(`ledger on / off, wall: ${fmt(on / off, 3)}× (${fmt((on - off) * 1000, 0)} µs per call)`);
}
