// Run by __test__/workers.test.mjs in a child process: LLM_NATIVE_TEST_ORDER says what loads
// the addon and streams, in order — 'w' a worker thread that then exits, 'p' three workers at
// once, 'm' the main thread. Prints the streamed texts as JSON.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

const index = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../index.js');
const url = process.env.LLM_NATIVE_TEST_URL;
const inWorkerCode = `
  const { createOpenAICompatible, streamText } = require(${JSON.stringify(index)});
  const model = createOpenAICompatible({ name: 'local', baseURL: ${JSON.stringify(url)} })('m');
  streamText({ model, prompt: 'hi' }).text.then((t) => require('node:worker_threads').parentPort.postMessage(t));
`;

function inWorker() {
  return new Promise((resolve, reject) => {
    const w = new Worker(inWorkerCode, { eval: true });
    let text = null;
    w.on('message', (t) => { text = t; });
    w.on('error', reject);
    w.on('exit', (code) => (code === 0 && text !== null ? resolve(text) : reject(new Error(`worker exit ${code}`))));
  });
}

const out = [];
for (const step of process.env.LLM_NATIVE_TEST_ORDER) {
  if (step === 'w') out.push(await inWorker());
  else if (step === 'p') out.push(...(await Promise.all([inWorker(), inWorker(), inWorker()])));
  else {
    const { createOpenAICompatible, streamText } = await import(index);
    out.push(await streamText({ model: createOpenAICompatible({ name: 'local', baseURL: url })('m'), prompt: 'hi' }).text);
  }
}
console.log(JSON.stringify(out));
