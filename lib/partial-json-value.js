'use strict';
// The value of a JSON text while it streams, kept up to date from Rust's edits (`$partial-json`
// parts; crates/core/src/partial_json). Each `value` handed out is a fresh object where it
// changed and shares what did not (a snapshot an app keeps never changes under it); the cost
// per edit is the width of the containers on the open path, not the size of the value.

const { parsePartialJsonText } = require('./provider-utils.js');

class PartialJsonValue {
  root = undefined;
  #open = []; // the open containers, outermost first: #open[d] is what edits at depth d touch
  #lastKey = []; // per open object, the key last put
  #fresh = []; // per open container, whether it is already a copy not yet handed out

  /** Applies `[kind, depth, value, key?]` edits (see partial_json/mod.rs). */
  apply(edits) {
    for (const [kind, depth, value, key] of edits) {
      if (depth < 0) {
        this.root = kind === 2 ? this.root + value : value;
        this.#open.length = 0;
        if (isContainer(value)) this.#opened(0, value);
        continue;
      }
      this.#own(depth);
      const container = this.#open[depth];
      const array = Array.isArray(container);
      if (kind === 0) {
        this.#open.length = depth + 1;
        if (array) container.push(value);
        else {
          container[key] = value;
          this.#lastKey[depth] = key;
        }
        if (isContainer(value)) this.#opened(depth + 1, value);
      } else {
        const at = array ? container.length - 1 : this.#lastKey[depth];
        container[at] = kind === 2 ? container[at] + value : value;
      }
    }
  }

  /** A `$partial-json` part: Rust's edits, or (from a model that is not llm-native's) the whole value. `true` if it changed. */
  take(part) {
    if (part.edits === undefined) {
      if (!part.changed) return false;
      this.root = part.value;
      this.#open.length = 0;
      return true;
    }
    this.apply(part.edits);
    return part.edits.length > 0;
  }

  /** The current value; later edits copy what they change instead of changing it. */
  snapshot() {
    this.#fresh.fill(false);
    return this.root;
  }

  #opened(depth, value) {
    this.#open[depth] = value;
    this.#fresh[depth] = true;
    this.#fresh.length = depth + 1;
  }

  /** Makes the open containers down to `depth` copies of their own (once per snapshot). */
  #own(depth) {
    for (let d = 0; d <= depth; d++) {
      if (this.#fresh[d]) continue;
      const old = this.#open[d];
      const copy = Array.isArray(old) ? old.slice() : { ...old };
      this.#open[d] = copy;
      this.#fresh[d] = true;
      if (d === 0) this.root = copy;
      else {
        const parent = this.#open[d - 1];
        if (Array.isArray(parent)) parent[parent.length - 1] = copy;
        else parent[this.#lastKey[d - 1]] = copy;
      }
    }
  }
}

const isContainer = (v) => v !== null && typeof v === 'object';

/**
 * The same parts for a model whose stream does not come from Rust (any other `LanguageModelV2`):
 * the text re-parsed on every delta as ai@5 does (`parsePartialJson`, deep comparison), so
 * `streamObject` and partial outputs behave alike whatever the model.
 */
class ReparsedPartialJson {
  #text = '';
  #last;
  #complete = false;

  /** A text delta; a `$partial-json` part `{ value, complete, changed }` when the value or completeness changed. */
  push(delta) {
    this.#text += delta;
    const { value, state } = parsePartialJsonText(this.#text);
    if (value === undefined) return undefined;
    const complete = state === 'successful-parse';
    const changed = !isDeepEqualData(this.#last, value);
    const completed = complete && !this.#complete;
    this.#complete = complete;
    if (!changed && !completed) return undefined;
    this.#last = value;
    return { type: '$partial-json', value, complete, changed };
  }
}

/** ai@5's `isDeepEqualData`. */
function isDeepEqualData(a, b) {
  if (a === b) return true;
  if (a == null || b == null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && isDeepEqualData(a[k], b[k]));
}

module.exports = { PartialJsonValue, ReparsedPartialJson };
