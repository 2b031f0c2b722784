'use strict';
// Server-sent events from a `fetch` body (the SSE and Streamable HTTP transports read their
// messages from these): `{ event, data, id }` per event, as the WHATWG parser dispatches them.

/** The events of `body` (a ReadableStream of bytes); leaving the loop cancels the body. */
async function* sseEvents(body) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let rest = '';
  let data = [];
  let event;
  let id;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      let text = rest + (done ? decoder.decode() : decoder.decode(value, { stream: true }));
      // A chunk ending in '\r' may be the first half of '\r\n': keep it for the next one.
      const held = !done && text.endsWith('\r') ? '\r' : '';
      if (held) text = text.slice(0, -1);
      const lines = text.split(/\r\n|\r|\n/);
      rest = done ? '' : lines.pop() + held;
      for (const line of lines) {
        if (line === '') {
          if (data.length > 0) yield { event, data: data.join('\n'), id };
          data = [];
          event = undefined;
          continue;
        }
        if (line.startsWith(':')) continue;
        const colon = line.indexOf(':');
        const field = colon === -1 ? line : line.slice(0, colon);
        const raw = colon === -1 ? '' : line.slice(colon + 1);
        const v = raw.startsWith(' ') ? raw.slice(1) : raw;
        if (field === 'data') data.push(v);
        else if (field === 'event') event = v;
        else if (field === 'id' && !v.includes('\0')) id = v;
      }
      if (done) return;
    }
  } finally {
    reader.cancel().catch(() => {});
  }
}

module.exports = { sseEvents };
