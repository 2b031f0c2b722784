// Every public function called with hostile arguments: whatever it is given, it returns, or it
// throws / rejects / reports (an `error` part) one of the AI SDK error classes — never a plain
// TypeError, a napi error, a crash or a hang.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it, expect, afterAll } from 'vitest';
import * as llm from '../index.js';
import { startServer, sendSse, openaiTextDeltasBody, settle, leaveConfigDir } from './helpers.mjs';

const server = await startServer((req, _b, res) => sendSse(res, openaiTextDeltasBody(['ok'])));
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'llm-native-hostile-'));
llm.configure({ configDir: dir });
llm.configureAuth({ keychainService: `llm-native-hostile-${process.pid}`, fallbackStore: 'file', configDir: dir });
afterAll(async () => {
  await server.close();
  await leaveConfigDir(dir);
});

const circular = { a: 1 };
circular.self = circular;
const HOSTILE = {
  undefined, null: null, zero: 0, negative: -1, NaN, Infinity, huge: 1e308, emptyString: '', string: 'x',
  longString: 'a'.repeat(1 << 20), nul: '\u0000\r\n', true: true, emptyArray: [], array: [1, 'x'], emptyObject: {},
  object: { a: 1 }, symbol: Symbol('s'), function: () => {}, bigint: 1n, date: new Date(0), nullProto: Object.create(null),
  circular, throwingProxy: new Proxy({}, { get() { throw new Error('trap'); }, ownKeys() { throw new Error('trap'); } }),
  throwingToString: { toString() { throw new Error('toString'); } }, uint8: new Uint8Array([1, 2]),
};

/**
 * An outcome the AI SDK's error discipline allows: one of its error classes — or the caller's
 * own exception (a throwing getter or `toString` of the hostile value), passed through unchanged.
 */
function acceptable(error) {
  return llm.AISDKError.isInstance(error) || ['trap', 'toString'].includes(error?.message);
}

function describeError(e) {
  return `${e?.constructor?.name}: ${e?.name} ${String(e?.message).slice(0, 200)}`;
}

/** Calls `fn(...args)`; a promise or a stream result is awaited (bounded) too. */
/** Exported classes (a transport) are constructed, as apps do. */
const isClass = (fn) => /^class[\s{]/.test(Function.prototype.toString.call(fn));

async function outcome(fn, args) {
  let value;
  try {
    value = isClass(fn) ? new fn(...args) : fn(...args);
  } catch (e) {
    return { error: e };
  }
  // (A function may hand a hostile argument back, as `tool(x)` does: inspecting it may throw.)
  let thenable = false;
  let stream = false;
  try {
    thenable = value != null && typeof value.then === 'function';
    stream = !thenable && value != null && typeof value === 'object' && 'fullStream' in value;
  } catch {
    return { value };
  }
  if (thenable) {
    const r = await settle(value, 5000);
    if (r === 'pending') return { hang: true };
    return r;
  }
  if (stream) {
    const parts = [];
    const read = (async () => {
      for await (const p of value.fullStream) parts.push(p);
    })();
    const r = await settle(read, 5000);
    if (r === 'pending') return { hang: true };
    if ('error' in r) return { error: r.error };
    const err = parts.find((p) => p.type === 'error')?.error;
    for (const k of ['text', 'finishReason']) {
      const r = await settle(value[k], 5000);
      if (r === 'pending') return { hang: true };
    }
    return err ? { error: err } : { value };
  }
  return { value };
}

const functions = Object.entries(llm).filter(([name, v]) => typeof v === 'function' && !/Error$/.test(name));
const model = () => llm.createOpenAICompatible({ name: 'local', baseURL: `${server.url}/v1` })('m');

describe('hostile arguments', () => {
  it('every public function, each argument position, every hostile value', async () => {
    const failures = [];
    let calls = 0;
    for (const [name, fn] of functions) {
      if (['pollDeviceFlow', 'startOAuth', 'completeOAuth', 'startDeviceFlow'].includes(name)) continue; // below, with a local server
      for (const position of [0, 1]) {
        for (const [label, hostile] of Object.entries(HOSTILE)) {
          const args = position === 0 ? [hostile] : ['openai', hostile];
          calls++;
          const r = await outcome(fn, args);
          if (r.hang) failures.push(`${name}(${position}: ${label}) hangs`);
          else if (r.error !== undefined && !acceptable(r.error)) failures.push(`${name}(${position}: ${label}) → ${describeError(r.error)}`);
        }
      }
    }
    expect(calls).toBeGreaterThan(1000);
    expect(failures).toEqual([]);
  }, 300_000);

  it('streamText / generateText options with hostile fields', async () => {
    const failures = [];
    const fields = ['prompt', 'messages', 'system', 'tools', 'toolChoice', 'maxOutputTokens', 'temperature', 'topP', 'topK', 'seed',
      'stopSequences', 'headers', 'providerOptions', 'maxRetries', 'timeouts', 'stopWhen', 'activeTools', 'abortSignal', 'experimental_transform'];
    for (const fn of [llm.streamText, llm.generateText]) {
      for (const field of fields) {
        for (const [label, hostile] of Object.entries(HOSTILE)) {
          const options = { model: model(), prompt: 'hi', onError: () => {}, [field]: hostile };
          if (field === 'messages') delete options.prompt;
          const r = await outcome(fn, [options]);
          if (r.hang) failures.push(`${fn.name}({ ${field}: ${label} }) hangs`);
          else if (r.error !== undefined && !acceptable(r.error)) failures.push(`${fn.name}({ ${field}: ${label} }) → ${describeError(r.error)}`);
        }
      }
    }
    expect(failures).toEqual([]);
  }, 300_000);

  it('provider factory settings with hostile fields', async () => {
    const failures = [];
    const factories = ['createOpenAI', 'createOpenAICompatible', 'createAnthropic', 'createGoogleGenerativeAI'];
    const fields = ['name', 'baseURL', 'apiKey', 'headers', 'timeouts', 'rateLimit', 'proxy', 'caCertificates', 'includeUsage', 'credentialProviderId', 'oauth'];
    for (const factory of factories) {
      for (const field of fields) {
        for (const [label, hostile] of Object.entries(HOSTILE)) {
          const settings = { name: 'local', baseURL: `${server.url}/v1`, [field]: hostile };
          const r = await outcome(() => {
            const provider = llm[factory](settings);
            return llm.streamText({ model: provider('m'), prompt: 'hi', onError: () => {}, maxRetries: 0 });
          }, []);
          if (r.hang) failures.push(`${factory}({ ${field}: ${label} }) hangs`);
          else if (r.error !== undefined && !acceptable(r.error)) failures.push(`${factory}({ ${field}: ${label} }) → ${describeError(r.error)}`);
        }
      }
    }
    expect(failures).toEqual([]);
  }, 300_000);
});
