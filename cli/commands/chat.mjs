// llm-native chat [-m provider/model] [prompt…]: one streamed reply, or a conversation in a
// terminal. Without -m, llm-native's local scripted model (no key, no network).
import { parseArgs } from 'node:util';
import readline from 'node:readline';
import * as llm from '../../index.js';
import { UsageError } from '../usage.mjs';
import { readStdin, style } from '../terminal.mjs';
import { renderStream } from '../render-stream.mjs';
import { startLocalLanguageModel } from '../local-model.mjs';
import { didYouMean } from '../suggest.mjs';
import { interrupted } from '../interrupt.mjs';

/** `-m`'s model id, checked against the registry (did-you-mean for a mistyped provider or model). */
function registryModel(modelId) {
  let resolved;
  try {
    resolved = llm.resolveModel(modelId);
  } catch (e) {
    if (e?.name !== 'AI_NoSuchProviderError' && e?.name !== 'AI_NoSuchModelError') throw e;
    const [provider] = modelId.split('/');
    const ids = modelId.includes('/') ? llm.listProviders().map((p) => p.id) : llm.listModels().map((m) => `${m.provider}/${m.id}`);
    throw new UsageError(`${e.message}${didYouMean(modelId.includes('/') ? provider : modelId, ids)}`);
  }
  if (!resolved.model) {
    const known = llm.listModels().filter((m) => m.provider === resolved.provider.id).map((m) => m.id);
    const hint = didYouMean(resolved.modelId, known);
    if (hint) process.stderr.write(`note: ${resolved.modelId} is not in the catalogue${hint}; sending it to ${resolved.provider.id} as is\n`);
  }
  return { model: modelId, label: modelId, close: async () => {} };
}

async function localModel() {
  const local = await startLocalLanguageModel();
  const { dim } = style(process.stderr);
  process.stderr.write(dim('(llm-native\'s local scripted model: no key needed. For a real one: llm-native keys set openai,\n then llm-native chat -m openai/gpt-4o-mini; llm-native models lists the others)\n'));
  return local;
}

async function reply(model, label, messages) {
  // Errors are printed once, by the caller (no onError: ai@5's default would log them too).
  const result = llm.streamText({ model, messages, abortSignal: interrupted.signal, onError: () => {} });
  const failed = await renderStream(result, label);
  if (failed) throw failed;
  return (await result.response).messages;
}

/** A conversation on the terminal; an empty line or Ctrl-D ends it. */
async function conversation(model, label) {
  const rl = readline.createInterface({ input: process.stdin, output: process.stderr, prompt: '› ' });
  // Ctrl-C ends the reply being streamed (its connection closed) and the conversation; readline
  // sees it as a key in raw mode, the process as a signal otherwise.
  rl.on('SIGINT', () => interrupted.abort());
  interrupted.signal.addEventListener('abort', () => rl.close());
  const messages = [];
  try {
    rl.prompt();
    for await (const line of rl) {
      if (!line.trim()) break;
      messages.push({ role: 'user', content: line });
      rl.pause();
      messages.push(...(await reply(model, label, messages)));
      rl.resume();
      rl.prompt();
    }
  } finally {
    rl.close();
  }
}

export async function chat(args) {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { model: { type: 'string', short: 'm' } } });
  let prompt = positionals.join(' ');
  if (!prompt && !process.stdin.isTTY) prompt = await readStdin();
  if (!prompt && !process.stdin.isTTY) throw new UsageError('missing prompt');
  const { model, label, close } = values.model ? registryModel(values.model) : await localModel();
  try {
    if (prompt) await reply(model, label, [{ role: 'user', content: prompt }]);
    else await conversation(model, label);
  } finally {
    await close();
  }
}
