'use strict';
// ai@5's built-in language model middleware: `defaultSettingsMiddleware`,
// `extractReasoningMiddleware` (`<think>` tags in text become reasoning) and
// `simulateStreamingMiddleware` (a generated answer as a stream), with ai@5's behaviour part
// for part. Only the first is params-only, so an llm-native model under it keeps its native stream.
const { optionsObject } = require('./errors.js');
const { generateResultToStream } = require('./v2-stream-content.js');

const isMergeable = (v) => v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date) && !(v instanceof RegExp);

/** ai@5 `mergeObjects`: `overrides` deep over `base`; undefined overrides nothing; no prototype keys. */
function mergeObjects(base, overrides) {
  if (base === undefined) return overrides;
  if (overrides === undefined) return base;
  const result = { ...base };
  for (const key of Object.keys(overrides)) {
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') continue;
    const value = overrides[key];
    if (value === undefined) continue;
    result[key] = isMergeable(value) && isMergeable(base[key]) ? mergeObjects(base[key], value) : value;
  }
  return result;
}

/** `defaultSettingsMiddleware({ settings })`: call options the call itself does not set. */
function defaultSettingsMiddleware(options) {
  const { settings } = optionsObject('options', options);
  return { middlewareVersion: 'v2', transformParams: async ({ params }) => mergeObjects(settings, params) };
}

/** ai@5 `getPotentialStartIndex`: where `searched` starts in `text`, or a suffix of `text` could begin it. */
function potentialStartIndex(text, searched) {
  if (searched.length === 0) return null;
  const direct = text.indexOf(searched);
  if (direct !== -1) return direct;
  for (let i = text.length - 1; i >= 0; i--) if (searched.startsWith(text.substring(i))) return i;
  return null;
}

/** A generated answer's text parts with the tagged spans as reasoning parts before them. */
function extractFromContent(content, { openingTag, closingTag, separator, startWithReasoning }) {
  const out = [];
  for (const part of content) {
    if (part.type !== 'text') {
      out.push(part);
      continue;
    }
    const text = startWithReasoning ? openingTag + part.text : part.text;
    const matches = [...text.matchAll(new RegExp(`${openingTag}(.*?)${closingTag}`, 'gs'))];
    if (matches.length === 0) {
      out.push(part);
      continue;
    }
    let rest = text;
    for (let i = matches.length - 1; i >= 0; i--) {
      const before = rest.slice(0, matches[i].index);
      const after = rest.slice(matches[i].index + matches[i][0].length);
      rest = before + (before.length > 0 && after.length > 0 ? separator : '') + after;
    }
    out.push({ type: 'reasoning', text: matches.map((m) => m[1]).join(separator) }, { type: 'text', text: rest });
  }
  return out;
}

/** The streaming side: text deltas split at the tags into reasoning blocks (ids `reasoning-<n>`). */
function extractFromStream(stream, { openingTag, closingTag, separator, startWithReasoning }) {
  const extractions = new Map();
  let delayedTextStart;
  return stream.pipeThrough(new TransformStream({
    transform(chunk, controller) {
      if (chunk.type === 'text-start') {
        delayedTextStart = chunk;
        return;
      }
      if (chunk.type === 'text-end' && delayedTextStart) {
        controller.enqueue(delayedTextStart);
        delayedTextStart = undefined;
      }
      if (chunk.type !== 'text-delta') {
        controller.enqueue(chunk);
        return;
      }
      if (!extractions.has(chunk.id)) {
        extractions.set(chunk.id, { isFirstReasoning: true, isFirstText: true, afterSwitch: false, isReasoning: startWithReasoning, buffer: '', idCounter: 0, textId: chunk.id });
      }
      const x = extractions.get(chunk.id);
      x.buffer += chunk.delta;
      const publish = (text) => {
        if (text.length === 0) return;
        const prefix = x.afterSwitch && (x.isReasoning ? !x.isFirstReasoning : !x.isFirstText) ? separator : '';
        if (x.isReasoning) {
          if (x.afterSwitch || x.isFirstReasoning) controller.enqueue({ type: 'reasoning-start', id: `reasoning-${x.idCounter}` });
          controller.enqueue({ type: 'reasoning-delta', delta: prefix + text, id: `reasoning-${x.idCounter}` });
          x.isFirstReasoning = false;
        } else {
          if (delayedTextStart) {
            controller.enqueue(delayedTextStart);
            delayedTextStart = undefined;
          }
          controller.enqueue({ type: 'text-delta', delta: prefix + text, id: x.textId });
          x.isFirstText = false;
        }
        x.afterSwitch = false;
      };
      for (;;) {
        const tag = x.isReasoning ? closingTag : openingTag;
        const start = potentialStartIndex(x.buffer, tag);
        if (start == null) {
          publish(x.buffer);
          x.buffer = '';
          break;
        }
        publish(x.buffer.slice(0, start));
        if (start + tag.length > x.buffer.length) {
          x.buffer = x.buffer.slice(start); // maybe a tag: wait for more
          break;
        }
        x.buffer = x.buffer.slice(start + tag.length);
        if (x.isReasoning) controller.enqueue({ type: 'reasoning-end', id: `reasoning-${x.idCounter++}` });
        x.isReasoning = !x.isReasoning;
        x.afterSwitch = true;
      }
    },
  }));
}

/** `extractReasoningMiddleware({ tagName, separator = '\n', startWithReasoning = false })` */
function extractReasoningMiddleware(options) {
  const { tagName, separator = '\n', startWithReasoning = false } = optionsObject('options', options);
  const tags = { openingTag: `<${tagName}>`, closingTag: `</${tagName}>`, separator, startWithReasoning };
  return {
    middlewareVersion: 'v2',
    wrapGenerate: async ({ doGenerate }) => {
      const { content, ...rest } = await doGenerate();
      return { content: extractFromContent(content, tags), ...rest };
    },
    wrapStream: async ({ doStream }) => {
      const { stream, ...rest } = await doStream();
      return { stream: extractFromStream(stream, tags), ...rest };
    },
  };
}

/** `simulateStreamingMiddleware()`: `doStream` answered by `doGenerate`, streamed whole. */
function simulateStreamingMiddleware() {
  return { middlewareVersion: 'v2', wrapStream: async ({ doGenerate }) => generateResultToStream(await doGenerate()) };
}

module.exports = { defaultSettingsMiddleware, extractReasoningMiddleware, simulateStreamingMiddleware };
