'use strict';
// `experimental_partialOutputStream` of `streamText` with `experimental_output` (ai@5's output
// transform): the first text block's deltas are held until the output they parse to changes, then
// go out as one `text-delta` that carries the new partial output (read with `partialOutputOf`).
// `Output.object` values come from Rust's `$partial-json` edits (lib/partial-json-value.js).
const { PartialJsonValue } = require('./partial-json-value.js');

const partials = new WeakMap(); // published text-delta part → the partial output it carries

/** The partial output a `text-delta` part published, if any. */
const partialOutputOf = (part) => partials.get(part);

/** `source` (`{ next() → parts | null }`) with its text re-chunked around partial outputs. */
function withPartialOutput(source, output) {
  const json = output.type === 'object' ? new PartialJsonValue() : null;
  let firstId;
  let text = '';
  let chunk = '';
  const publish = (out, partial) => {
    const part = { type: 'text-delta', id: firstId, text: chunk };
    if (partial !== undefined) partials.set(part, partial);
    out.push(part);
    chunk = '';
  };
  const transform = (parts) => {
    const out = [];
    for (const part of parts) {
      const { type } = part;
      if (type === '$partial-json') {
        if (json?.take(part)) publish(out, json.snapshot());
        continue;
      }
      if (type === 'finish-step' && chunk.length > 0) publish(out);
      if (type !== 'text-delta' && type !== 'text-start' && type !== 'text-end') {
        out.push(part);
        continue;
      }
      if (firstId === undefined) firstId = part.id;
      else if (part.id !== firstId) {
        out.push(part);
        continue;
      }
      if (type === 'text-start') out.push(part);
      else if (type === 'text-end') {
        if (chunk.length > 0) publish(out);
        out.push(part);
      } else {
        text += part.text;
        chunk += part.text;
        if (part.text.length === 0 && part.providerMetadata != null) out.push(part);
        else if (!json && part.text.length > 0) publish(out, text);
      }
    }
    return out;
  };
  return {
    async next() {
      const parts = await source.next();
      return parts === null ? null : transform(parts);
    },
  };
}

module.exports = { withPartialOutput, partialOutputOf };
