// Drop-in proof for the step loop: the real `ai@5` and llm-native run the same agent loops
// (tools with `execute`, several steps, errors in tools, preliminary results, schema failures,
// `prepareStep`, `activeTools`, `smoothStream`, UI message streams) against the same local
// server, which answers a first request with a recorded tool-call transcript and a follow-up (one
// whose history ends in tool results) with a recorded text transcript. Parts, step results,
// response messages and every request body must match after normalising generated ids/dates.
import { describe, it, expect, afterAll } from 'vitest';
import * as ai from 'ai';
import { z } from 'zod';
import { createOpenAICompatible as aiCompatible } from '@ai-sdk/openai-compatible';
import { createAnthropic as aiAnthropic } from '@ai-sdk/anthropic';
import { createGoogleGenerativeAI as aiGoogle } from '@ai-sdk/google';
import * as native from '../index.js';
import { startServer, fixtureBody, sendSse, collect, normalizeForDiff } from './helpers.mjs';

/** Per wire format: the factory pair, the two transcripts, and how to spot a follow-up request. */
const PROVIDERS = {
  'openai-compatible': {
    make: (lib, url) => (lib === ai ? aiCompatible : native.createOpenAICompatible)({ name: 'local', baseURL: `${url}/v1`, apiKey: 'sk-diff', includeUsage: true })('m'),
    tool: 'deepseek__chat_deepseek-tool-call.chunks.txt',
    text: 'openai__chat_openai-text.chunks.txt',
    followUp: (body) => body.messages.at(-1).role === 'tool',
  },
  anthropic: {
    make: (lib, url) => (lib === ai ? aiAnthropic : native.createAnthropic)({ baseURL: `${url}/v1`, apiKey: 'sk-ant-diff' })('claude-sonnet-4-5'),
    tool: 'anthropic__anthropic-tool-no-args.chunks.txt',
    text: 'anthropic__anthropic-text.chunks.txt',
    followUp: (body) => body.messages.at(-1).content.some?.((c) => c.type === 'tool_result'),
    toolName: 'updateIssueList',
  },
  google: {
    make: (lib, url) => (lib === ai ? aiGoogle : native.createGoogleGenerativeAI)({ baseURL: `${url}/v1beta`, apiKey: 'g-diff' })('gemini-2.5-flash'),
    tool: 'google__google-tool-call.chunks.txt',
    text: 'google__google-text.chunks.txt',
    followUp: (body) => body.contents.at(-1).parts.some((p) => p.functionResponse),
  },
};

let provider = PROVIDERS['openai-compatible'];
const server = await startServer((req, body, res) => {
  const followUp = provider.followUp(typeof body === "string" ? JSON.parse(body) : body);
  return sendSse(res, fixtureBody(followUp ? provider.text : provider.tool), { chunkSize: 61 });
});
afterAll(() => server.close());

/** Runs one library through the loop and returns everything observable, normalised. */
async function run(lib, options, { ui } = {}) {
  const before = server.requests.length;
  const events = [];
  const result = lib.streamText({
    model: provider.make(lib, server.url),
    onError: () => {},
    onStepFinish: (step) => events.push({ onStepFinish: step.finishReason, toolResults: step.toolResults.length }),
    ...options(lib),
  });
  const parts = ui ? await collect(result.toUIMessageStream(ui)) : await collect(result.fullStream);
  const steps = await result.steps;
  const settled = {
    text: await result.text,
    finishReason: await result.finishReason,
    totalUsage: await result.totalUsage,
    toolResults: await result.toolResults,
    steps: steps.map((s) => ({
      content: s.content, finishReason: s.finishReason, usage: s.usage, toolCalls: s.toolCalls,
      toolResults: s.toolResults, messages: s.response.messages,
    })),
    messages: (await result.response).messages,
  };
  const requests = server.requests.slice(before).map((r) => r.body);
  return normalizeForDiff({ parts, settled, events, requests }, { mapIds: true });
}

const weather = (lib, execute) => lib.tool({
  description: 'Get the weather',
  inputSchema: lib.jsonSchema({ type: 'object', properties: { location: { type: 'string' } } }),
  execute,
});

async function compare(options, extra) {
  const expected = await run(ai, options, extra);
  const actual = await run(native, options, extra);
  expect(actual.requests).toEqual(expected.requests);
  expect(actual.parts).toEqual(expected.parts);
  expect(actual.settled).toEqual(expected.settled);
  expect(actual.events).toEqual(expected.events);
  return actual;
}

const toolsFor = (name, execute) => (lib) => ({ [name]: weather(lib, execute) });

for (const [wire, p] of Object.entries(PROVIDERS)) {
  const name = p.toolName ?? 'weather';
  describe(`tool loop over ${wire}: llm-native matches ai@5`, () => {
    it('executes the tool, sends its result back and streams the answer (two steps)', async () => {
      provider = p;
      const actual = await compare((lib) => ({
        prompt: 'What is the weather?', tools: toolsFor(name, async ({ location }) => ({ location, temperature: 21 }))(lib),
        stopWhen: lib.stepCountIs(5),
      }));
      expect(actual.requests).toHaveLength(2);
      expect(actual.settled.steps).toHaveLength(2);
      expect(actual.parts.filter((x) => x.type === 'tool-result')).toHaveLength(1);
    });

    it('a tool that throws becomes a tool-error part and an error-text result', async () => {
      provider = p;
      const actual = await compare((lib) => ({
        prompt: 'What is the weather?',
        tools: toolsFor(name, () => { throw new Error('station offline'); })(lib),
        stopWhen: lib.stepCountIs(3),
      }));
      expect(actual.parts.find((x) => x.type === 'tool-error').error).toEqual({ name: 'Error', message: 'station offline' });
    });

    it('stops after one step by default, with the tool result in the messages', async () => {
      provider = p;
      const actual = await compare((lib) => ({ prompt: 'Weather?', tools: toolsFor(name, () => 'sunny')(lib) }));
      expect(actual.requests).toHaveLength(1);
      expect(actual.settled.messages.map((m) => m.role)).toEqual(['assistant', 'tool']);
    });
  });
}

describe('step loop features: llm-native matches ai@5 (OpenAI-compatible wire)', () => {
  it('async-iterable execute streams preliminary results, the last one is final', () => {
    provider = PROVIDERS['openai-compatible'];
    return compare((lib) => ({
      prompt: 'Weather?', stopWhen: lib.stepCountIs(2),
      tools: toolsFor('weather', async function* stream() { yield { status: 'loading' }; yield { status: 'done', t: 20 }; })(lib),
    }));
  });

  it('input failing a zod schema marks the call invalid with a tool-error; the loop continues', async () => {
    provider = PROVIDERS['openai-compatible'];
    let executed = 0;
    const actual = await compare((lib) => ({
      prompt: 'Weather?', stopWhen: lib.stepCountIs(3),
      tools: { weather: lib.tool({ inputSchema: z.object({ location: z.number() }), execute: () => { executed++; } }) },
    }));
    expect(executed).toBe(0);
    expect(actual.parts.find((x) => x.type === 'tool-call').invalid).toBe(true);
  });

  it('hasToolCall stops the loop after the named tool ran', () => {
    provider = PROVIDERS['openai-compatible'];
    return compare((lib) => ({ prompt: 'Weather?', stopWhen: lib.hasToolCall('weather'), tools: toolsFor('weather', () => 1)(lib) }));
  });

  it('prepareStep changes tool choice, system and active tools per step', () => {
    provider = PROVIDERS['openai-compatible'];
    return compare((lib) => ({
      prompt: 'Weather?', stopWhen: lib.stepCountIs(3),
      tools: { ...toolsFor('weather', () => 'rain')(lib), other: weather(lib, () => 'x') },
      activeTools: ['weather'],
      prepareStep: ({ stepNumber, steps, messages }) => (stepNumber === 0
        ? { toolChoice: 'required' }
        : { system: `step ${stepNumber} after ${steps.length} with ${messages.length} messages`, activeTools: [] }),
    }));
  });

  it('response.messages fed back as history give the same next request', async () => {
    provider = PROVIDERS['openai-compatible'];
    const history = {};
    for (const lib of [ai, native]) {
      const r = lib.streamText({ model: provider.make(lib, server.url), prompt: 'Weather?', tools: toolsFor('weather', () => 'hail')(lib) });
      await r.consumeStream();
      history[lib === ai ? 'ai' : 'native'] = [{ role: 'user', content: 'Weather?' }, ...(await r.response).messages];
    }
    expect(normalizeForDiff(history.native)).toEqual(normalizeForDiff(history.ai));
    await compare((lib) => ({ messages: history[lib === ai ? 'ai' : 'native'], tools: toolsFor('weather', () => 'hail')(lib) }));
  });

  it('smoothStream re-chunks text by word and keeps every other part', () => {
    provider = PROVIDERS['openai-compatible'];
    return compare((lib) => ({ prompt: 'Hi', experimental_transform: lib.smoothStream({ delayInMs: null }) }));
  });

  it('toUIMessageStream yields the same UI chunks over a tool loop', () => {
    provider = PROVIDERS['openai-compatible'];
    return compare(
      (lib) => ({ prompt: 'Weather?', stopWhen: lib.stepCountIs(3), tools: toolsFor('weather', () => ({ t: 3 }))(lib) }),
      { ui: { generateMessageId: () => 'msg-1', sendReasoning: true } },
    );
  });
});

describe('includeRawChunks: llm-native matches ai@5', () => {
  for (const wire of ['openai-compatible', 'anthropic']) {
    it(`${wire}: every provider event as a raw part, before the parts decoded from it`, async () => {
      provider = PROVIDERS[wire];
      const actual = await compare((lib) => ({ prompt: 'Hi', includeRawChunks: true, tools: toolsFor(provider.toolName ?? 'weather', () => 1)(lib) }));
      expect(actual.parts.filter((x) => x.type === 'raw').length).toBeGreaterThan(3);
    });
  }
});

describe('tool input hooks: llm-native matches ai@5', () => {
  it('onInputStart, onInputDelta and onInputAvailable are called in the same order with the same data', async () => {
    provider = PROVIDERS['openai-compatible'];
    const calls = { ai: [], native: [] };
    const hooked = (lib) => {
      const log = calls[lib === ai ? 'ai' : 'native'];
      return {
        weather: lib.tool({
          inputSchema: lib.jsonSchema({ type: 'object', properties: { location: { type: 'string' } } }),
          onInputStart: ({ toolCallId, messages }) => log.push(['start', toolCallId, messages.length]),
          onInputDelta: ({ inputTextDelta }) => log.push(['delta', inputTextDelta]),
          onInputAvailable: ({ input }) => log.push(['available', input]),
        }),
      };
    };
    await compare((lib) => ({ prompt: 'Weather?', tools: hooked(lib) }));
    expect(calls.native).toEqual(calls.ai);
    expect(calls.native.map((c) => c[0])).toContain('available');
  });
});

describe('smoothStream keeps reasoning signatures: llm-native matches ai@5', () => {
  it('Anthropic thinking with its signature passes through smoothStream untouched', async () => {
    provider = { ...PROVIDERS.anthropic, tool: 'anthropic__anthropic-clear-thinking.1.chunks.txt' };
    const actual = await compare((lib) => ({ prompt: 'Think', experimental_transform: lib.smoothStream({ delayInMs: null }) }));
    const signed = actual.parts.filter((p) => p.providerMetadata?.anthropic?.signature);
    expect(signed.length).toBeGreaterThan(0);
    expect(actual.settled.steps[0].content.find((c) => c.type === 'reasoning').providerMetadata.anthropic.signature)
      .toBe(signed[0].providerMetadata.anthropic.signature);
  });
});

describe('a cache breakpoint per step: llm-native matches ai@5 + @ai-sdk/anthropic', () => {
  it('six steps, each tool result marked: past four breakpoints the extras are dropped with a warning', async () => {
    // Tool calls until the history holds five tool results, then text: six requests in all.
    const results = (body) => body.messages.flatMap((m) => (Array.isArray(m.content) ? m.content : []))
      .filter((c) => c.type === 'tool_result').length;
    provider = { ...PROVIDERS.anthropic, followUp: (body) => results(body) >= 5 };
    const ephemeral = { anthropic: { cacheControl: { type: 'ephemeral' } } };
    const actual = await compare((lib) => ({
      prompt: 'Update the list', stopWhen: lib.stepCountIs(10),
      tools: toolsFor('updateIssueList', () => 'ok')(lib),
      prepareStep: ({ messages }) => ({
        messages: messages.map((m) => (m.role === 'tool' ? { ...m, providerOptions: ephemeral } : m)),
      }),
    }));
    const breakpoints = (body) => JSON.stringify(body).split('"cache_control"').length - 1;
    expect(actual.requests.map(breakpoints)).toEqual([0, 1, 2, 3, 4, 4]);
    const warnings = actual.parts.filter((p) => p.type === 'start-step').map((p) => p.warnings);
    expect(warnings.at(-1)).toEqual([{
      type: 'unsupported-setting', setting: 'cacheControl',
      details: 'Maximum 4 cache breakpoints exceeded (found 5). This breakpoint will be ignored.',
    }]);
    expect(warnings.slice(0, 5)).toEqual([[], [], [], [], []]);
  });
});

describe('providerOptions.openaiCompatible on messages and parts: llm-native matches ai@5', () => {
  it('a DeepSeek tool loop sends reasoning_content and cache_control back as the AI SDK does', async () => {
    provider = PROVIDERS['openai-compatible'];
    const compat = (extra) => ({ openaiCompatible: extra });
    const actual = await compare((lib) => ({
      system: 'be brief',
      messages: [
        { role: 'user', content: [
          { type: 'text', text: 'Weather?', providerOptions: compat({ cache_control: { type: 'ephemeral' } }) },
          { type: 'image', image: 'iVBORw0KGgo=', mediaType: 'image/png', providerOptions: compat({ detail: 'low' }) },
        ], providerOptions: compat({ name: 'me' }) },
      ],
      stopWhen: lib.stepCountIs(3),
      tools: toolsFor('weather', () => 'sun')(lib),
      // As DeepSeek apps do: the previous turn's reasoning goes back on the assistant message,
      // tool results and calls carry their own fields.
      prepareStep: ({ messages }) => ({
        messages: messages.map((m) => {
          if (m.role === 'assistant') {
            return { ...m, providerOptions: compat({ reasoning_content: 'thought about it' }),
              content: m.content.map((c) => (c.type === 'tool-call' ? { ...c, providerOptions: compat({ index: 0 }) } : c)) };
          }
          if (m.role === 'tool') return { ...m, content: m.content.map((c) => ({ ...c, providerOptions: compat({ name: 'weather' }) })) };
          return m;
        }),
      }),
    }));
    expect(actual.requests).toHaveLength(2);
    const [first, second] = actual.requests;
    expect(first.messages[1]).toMatchObject({ role: 'user', name: 'me', content: [
      { type: 'text', text: 'Weather?', cache_control: { type: 'ephemeral' } }, { type: 'image_url', detail: 'low' }] });
    expect(second.messages[2]).toMatchObject({ role: 'assistant', reasoning_content: 'thought about it', tool_calls: [{ index: 0 }] });
    expect(second.messages[3]).toMatchObject({ role: 'tool', name: 'weather', content: 'sun' });
  });
});
