// `npm run bench:credentials`: what a key kept in the OS keychain costs a call. Short streams
// against a server process on 127.0.0.1, in one process, rounds alternating: the key passed as
// `apiKey`, the key stored in the keychain (`setApiKey`), and a keychain read alone
// (`hasApiKey`, the read every stored-key call made before `auth/recent_reads.rs`); then an app's
// start: a key another process stored, nothing read yet, one call and 20 at once. Runs under
// scripts/with-keyring.sh (a private gnome-keyring). See bench/README.md ("Credentials").
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import {
  BENCH_KEY, intEnv, median, startServerProcess, stopServerProcess, machineInfo, fmt, table, serveShortReplies, perCall,
} from './common.mjs';

const SELF = fileURLToPath(import.meta.url);
const CALLS = intEnv('BENCH_CREDENTIALS_CALLS', 50); // calls per round
const ROUNDS = intEnv('BENCH_CREDENTIALS_ROUNDS', 7); // rounds per setting, alternating
const AT_ONCE = intEnv('BENCH_CREDENTIALS_AT_ONCE', 20); // an app's start: calls at once

/** Stores the bench key under keychain service `service` from another process (as the CLI would). */
function storeFromAnotherProcess(service) {
  const script = `const l = require(${JSON.stringify(fileURLToPath(new URL('../index.js', import.meta.url)))});
l.configureAuth({ keychainService: ${JSON.stringify(service)}, fallbackStore: 'none' });
l.setApiKey('bench', ${JSON.stringify(BENCH_KEY)}).catch((e) => { console.error(e); process.exit(1); });`;
  execFileSync(process.execPath, ['-e', script], { stdio: 'inherit' });
}

if (process.argv.includes('--server')) {
  serveShortReplies({ authorization: `Bearer ${BENCH_KEY}` });
} else {
  const llm = await import('../index.js');
  llm.configureAuth({ keychainService: `llm-native-bench-${process.pid}`, fallbackStore: 'none' });
  const reachable = await llm.hasApiKey('bench').then(() => true, (e) => e.message);
  if (reachable !== true) {
    console.error(`bench:credentials needs an OS keychain (run it through scripts/with-keyring.sh): ${reachable}`);
    process.exit(1);
  }
  const { child, target } = await startServerProcess(SELF);
  await llm.setApiKey('bench', BENCH_KEY);
  const explicit = llm.createOpenAICompatible({ name: 'bench', baseURL: target.url, apiKey: BENCH_KEY })('m');
  const stored = llm.createOpenAICompatible({ name: 'bench', baseURL: target.url, credentialProviderId: 'bench' })('m');
  const call = async (model) => {
    let text = '';
    for await (const t of llm.streamText({ model, prompt: 'hi', maxRetries: 0 }).textStream) text += t;
    if (!text.startsWith('token 0')) throw new Error(`unexpected reply: ${text.slice(0, 80)}`);
  };
  const settings = {
    'apiKey': () => call(explicit),
    'stored in the keychain': () => call(stored),
    'keychain read alone': () => llm.hasApiKey('bench'),
  };

  const round = (run) => perCall(CALLS, run);

  for (const run of Object.values(settings)) await round(run); // warm-up
  const names = Object.keys(settings);
  const results = Object.fromEntries(names.map((n) => [n, []]));
  for (let r = 0; r < ROUNDS; r++) {
    const order = r % 2 ? [...names].reverse() : names;
    for (const name of order) results[name].push(await round(settings[name]));
  }
  await llm.deleteApiKey('bench');

  // An app's start: nothing read yet (a fresh keychain service each time), one call or many at once.
  const start = Object.fromEntries([1, AT_ONCE].map((n) => [n, []]));
  for (let r = 0; r < ROUNDS; r++) {
    for (const n of r % 2 ? [AT_ONCE, 1] : [1, AT_ONCE]) {
      const service = `llm-native-bench-${process.pid}-start-${r}-${n}`;
      storeFromAnotherProcess(service);
      llm.configureAuth({ keychainService: service, fallbackStore: 'none' });
      const model = llm.createOpenAICompatible({ name: 'bench', baseURL: target.url, credentialProviderId: 'bench' })('m');
      const t0 = performance.now();
      await Promise.all(Array.from({ length: n }, () => call(model)));
      start[n].push(performance.now() - t0);
      await llm.deleteApiKey('bench');
    }
  }
  await stopServerProcess(child);

  const wall = (name) => median(results[name].map((x) => x.wall));
  const row = (name) => [name, fmt(wall(name), 3), fmt(median(results[name].map((x) => x.busy)), 3)];
  console.log(JSON.stringify(machineInfo()));
  console.log(`${CALLS} calls per round, ${ROUNDS} rounds per setting, 20 text deltas per call`);
  console.log(table([['key', 'wall ms/call', 'busy ms/call'], ...names.map(row)]));
  console.log(`stored / apiKey, wall: ${fmt(wall('stored in the keychain') / wall('apiKey'), 3)}×; ` +
    `a call that read the keychain each time would be about ${fmt(wall('apiKey') + wall('keychain read alone'), 2)} ms`);
  console.log(`an app's start, key stored by another process, nothing read yet (${ROUNDS} rounds, medians): ` +
    `1 call ${fmt(median(start[1]), 1)} ms, ${AT_ONCE} calls at once ${fmt(median(start[AT_ONCE]), 1)} ms (all of them)`);
}
