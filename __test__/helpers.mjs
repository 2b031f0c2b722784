// Shared test helpers: the local provider server and part collection.
export * from '../scripts/fixture-server.mjs';

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
