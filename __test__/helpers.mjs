// Shared test helpers: the local provider server and part collection.
export * from '../scripts/fixture-server.mjs';
import fs from 'node:fs';

export async function collect(iterable) {
  const out = [];
  for await (const x of iterable) out.push(x);
  return out;
}

/** Settles a promise into `{ value }` / `{ error }`, or `'pending'` after `ms` (to catch hangs). */
export function settle(promise, ms = 2000) {
  return Promise.race([
    promise.then((value) => ({ value }), (error) => ({ error })),
    new Promise((resolve) => setTimeout(() => resolve('pending'), ms)),
  ]);
}

/** Every string reachable from a value (own enumerable props, errors' message/stack/cause). */
export function allStrings(value, seen = new Set()) {
  if (value == null) return [];
  if (typeof value === 'string') return [value];
  if (typeof value !== 'object' || seen.has(value)) return [];
  seen.add(value);
  const out = [];
  if (value instanceof Error) out.push(String(value.message), String(value.stack), ...allStrings(value.cause, seen));
  for (const k of Reflect.ownKeys(value)) {
    const v = value[k];
    if (typeof k === 'string') out.push(k);
    out.push(...allStrings(v, seen));
  }
  return out;
}

/**
 * Streams from `start(signal)` against a server that trickles deltas, aborts after three text
 * deltas, and returns what the caller asserts on: the parts, the settled `text`, and whether the
 * server saw its socket close within two seconds.
 */
export async function abortAfterThreeDeltas(server, start) {
  const controller = new AbortController();
  const closedBefore = server.closedSockets.length;
  const result = start(controller.signal);
  const parts = [];
  for await (const p of result.fullStream) {
    parts.push(p);
    if (parts.filter((x) => x.type === 'text-delta').length === 3) controller.abort();
  }
  const text = await settle(result.text);
  const end = Date.now() + 2000;
  while (server.closedSockets.length === closedBefore && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
  return { parts, text, socketClosed: server.closedSockets.length > closedBefore };
}


/**
 * JSON-normal form for comparing llm-native with the AI SDK: drops undefined, errors become
 * `{ name, message }`, and what legitimately differs between two runs is replaced: the server's
 * Date header, timestamps, generated response ids (`aitxt-…`), and with `mapIds` every other
 * generated id (tool calls of providers that send none, UI message ids) by first appearance.
 * With `parserWording`, JSON-parse and schema errors keep their message up to "Error message:"
 * (the rest is V8's or zod's wording there, serde's here) and their text or value.
 */
export function normalizeForDiff(value, { mapIds = false, parserWording = false } = {}) {
  const ids = new Map();
  const idFor = (v) => {
    if (!ids.has(v)) ids.set(v, `id-${ids.size}`);
    return ids.get(v);
  };
  return JSON.parse(JSON.stringify(value, (key, v) => {
    if (v instanceof Error && parserWording && v.name === 'AI_JSONParseError') {
      return { name: v.name, message: v.message.split('Error message:')[0], text: v.text };
    }
    if (v instanceof Error && parserWording && v.name === 'AI_TypeValidationError') {
      return { name: v.name, message: v.message.split('Error message:')[0], value: v.value };
    }
    if (v instanceof Error) return { name: v.name, message: v.message };
    if (key === 'headers' && v && typeof v === 'object') {
      const { date, ...rest } = v;
      return rest;
    }
    if (key === 'timestamp') return 'normalized';
    // llm-native's addition (the catalogue price of a step); the AI SDK has no such field.
    if (key === 'cost' || key === 'totalCost') return undefined;
    if (mapIds && key === 'body' && typeof v === 'string' && v.startsWith('{')) return JSON.parse(v);
    if (key === 'id' && typeof v === 'string' && v.startsWith('aitxt-')) return 'response-id';
    if (mapIds && (key === 'toolCallId' || key === 'tool_call_id' || key === 'call_id' || key === 'messageId' || (key === 'id' && !/^\d+$/.test(v))) && typeof v === 'string') return idFor(v);
    return v;
  }));
}

/**
 * Leaves temporary config directories: this process's ledger rows are written first (a row written
 * while `rm -r` walks a directory fails it with ENOTEMPTY), the default directory comes back (so
 * later steps do not recreate one), then they are removed.
 */
export async function leaveConfigDir(...dirs) {
  const { queryUsage, configure } = await import('../index.js');
  await queryUsage().catch(() => {});
  configure({});
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
}
