// The sweep over vercel/ai's streaming transcripts (commit ed857f5, every `*.chunks.txt` one of
// llm-native's four protocols decodes; fixtures/README.md): each one streams from the same local
// server to the real ai@5 with the matching @ai-sdk provider and to llm-native's equivalent, with
// one fixed prompt and the tools the transcript calls (function tools by the names it calls,
// provider-defined tools where it has server tools). Every fullStream part, the result promises,
// response.messages and the request body must match. Where the two differ on purpose
// (docs/migration.md) or ai@5 itself misbehaves, EXPECTED turns ai@5's run into what llm-native
// must give (AI_TRANSCRIPT, the transcript ai@5 gets), with a comment naming why.
import { describe, it, expect, afterAll } from 'vitest';
import * as ai from 'ai';
import { createOpenAI as aiOpenAI } from '@ai-sdk/openai';
import { createOpenAICompatible as aiCompatible } from '@ai-sdk/openai-compatible';
import { createAnthropic as aiAnthropic } from '@ai-sdk/anthropic';
import { createGoogleGenerativeAI as aiGoogle } from '@ai-sdk/google';
import * as native from '../index.js';
import { startServer, fixtureBody, sendSse, collect, normalizeForDiff } from './helpers.mjs';

globalThis.AI_SDK_LOG_WARNINGS = false;

let body = '';
const server = await startServer((req, _b, res) => sendSse(res, body, { chunkSize: 97 }));
afterAll(() => server.close());

const LIBS = {
  ai: { lib: ai, openai: aiOpenAI, compatible: aiCompatible, anthropic: aiAnthropic, google: aiGoogle },
  native: { lib: native, openai: native.createOpenAI, compatible: native.createOpenAICompatible, anthropic: native.createAnthropic, google: native.createGoogleGenerativeAI },
};
const MODELS = {
  compatible: (l, id) => l.compatible({ name: 'local', baseURL: `${server.url}/v1`, apiKey: 'sk-sweep', includeUsage: true })(id),
  chat: (l, id) => l.openai({ baseURL: `${server.url}/v1`, apiKey: 'sk-sweep' }).chat(id),
  responses: (l, id) => l.openai({ baseURL: `${server.url}/v1`, apiKey: 'sk-sweep' }).responses(id),
  anthropic: (l, id) => l.anthropic({ baseURL: `${server.url}/v1`, apiKey: 'sk-ant-sweep' })(id),
  google: (l, id) => l.google({ baseURL: `${server.url}/v1beta`, apiKey: 'goog-sweep' })(id),
};
const PROVIDER = { compatible: 'openai', chat: 'openai', responses: 'openai', anthropic: 'anthropic', google: 'google' };

// Server tools @ai-sdk/anthropic 2.0.112 has no factory for: the same literal for both libraries.
const literal = (id, name, args = {}) => ({ type: 'provider-defined', id, name, args });

// [fixture, protocol, model id, function tool names, provider tools: (provider) => tools]
const FIXTURES = [
  ['alibaba__alibaba-reasoning.chunks.txt', 'compatible', 'qwen3-max'],
  ['alibaba__alibaba-text.chunks.txt', 'compatible', 'qwen3-max'],
  ['alibaba__alibaba-tool-call.chunks.txt', 'compatible', 'qwen3-max', ['weather']],
  ['azure__azure-deepseek-reasoning.1.chunks.txt', 'chat', 'deepseek-v4-pro'],
  ['deepseek__chat_deepseek-text.chunks.txt', 'compatible', 'deepseek-chat'],
  ['groq__groq-reasoning.chunks.txt', 'compatible', 'qwen/qwen3-32b'],
  ['groq__groq-text.chunks.txt', 'compatible', 'llama-3.3-70b-versatile'],
  ['mistral__mistral-incremental-tool-call.chunks.txt', 'compatible', 'zai-glm-5-2', ['webSearchTool']],
  ['mistral__mistral-reasoning.chunks.txt', 'compatible', 'magistral-medium-2507'],
  ['mistral__mistral-text.chunks.txt', 'compatible', 'mistral-small-latest'],
  ['mistral__mistral-tool-call.chunks.txt', 'compatible', 'mistral-small-latest', ['weather']],
  ['moonshotai__moonshotai-stream.chunks.txt', 'compatible', 'kimi-k3'],
  ['perplexity__perplexity-citations.chunks.txt', 'compatible', 'sonar'],
  ['perplexity__perplexity-text.chunks.txt', 'compatible', 'sonar'],
  ['xai__xai-text.chunks.txt', 'compatible', 'grok-3-mini'],
  ['xai__xai-tool-call.chunks.txt', 'compatible', 'grok-3-mini', ['weather']],

  ['azure__azure-code-interpreter-tool.1.chunks.txt', 'responses', 'gpt-5-mini', [], (p) => ({ code_interpreter: p.tools.codeInterpreter() })],
  ['azure__azure-image-generation-tool.1.chunks.txt', 'responses', 'gpt-4.1-mini', [], (p) => ({ image_generation: p.tools.imageGeneration() })],
  ['azure__azure-reasoning-encrypted-content.1.chunks.txt', 'responses', 'gpt-5.1-codex-max', ['calculator']],
  ['azure__azure-text.1.chunks.txt', 'responses', 'gpt-5.1'],
  ['azure__azure-tool-call.1.chunks.txt', 'responses', 'gpt-5.1', ['weather']],
  ['azure__azure-web-search-preview-tool.1.chunks.txt', 'responses', 'gpt-4.1-mini', [], (p) => ({ web_search_preview: p.tools.webSearchPreview({}) })],
  ['open-responses__responses_lmstudio-basic.1.chunks.txt', 'responses', 'gemma-7b-it'],
  ['open-responses__responses_lmstudio-tool-call.1.chunks.txt', 'responses', 'zai-org/glm-4.7-flash', ['weather']],
  ['open-responses__responses_lmstudio-tool-call.2.chunks.txt', 'responses', 'zai-org/glm-4.7-flash', ['weather']],
  ['open-responses__responses_openai-pdf-input-file.1.chunks.txt', 'responses', 'gpt-4.1-nano'],
  ['openai__responses_github-copilot-id-rotation.1.chunks.txt', 'responses', 'gpt-5.3-codex'],
  ['openai__responses_openai-apply-patch-tool-delete.1.chunks.txt', 'responses', 'gpt-5.1'],
  ['openai__responses_openai-apply-patch-tool.1.chunks.txt', 'responses', 'gpt-5.1'],
  ['openai__responses_openai-client-tool-search.1.chunks.txt', 'responses', 'gpt-5.4'],
  ['openai__responses_openai-client-tool-search.2.chunks.txt', 'responses', 'gpt-5.4', ['get_weather']],
  ['openai__responses_openai-compaction.1.chunks.txt', 'responses', 'gpt-5.2'],
  ['openai__responses_openai-custom-tool.1.chunks.txt', 'responses', 'gpt-5.2-codex', ['write_sql']],
  ['openai__responses_openai-mcp-tool-approval.2.chunks.txt', 'responses', 'gpt-5-mini'],
  ['openai__responses_openai-mcp-tool-approval.3.chunks.txt', 'responses', 'gpt-5-mini'],
  ['openai__responses_openai-mcp-tool-approval.4.chunks.txt', 'responses', 'gpt-5-mini'],
  ['openai__responses_openai-mcp-tool.1.chunks.txt', 'responses', 'gpt-5-mini'],
  ['openai__responses_openai-phase.1.chunks.txt', 'responses', 'gpt-5.3-codex'],
  ['openai__responses_openai-shell-container-multiturn.1.chunks.txt', 'responses', 'gpt-5.2'],
  ['openai__responses_openai-shell-container.1.chunks.txt', 'responses', 'gpt-5.2'],
  ['openai__responses_openai-shell-local-multiturn.1.chunks.txt', 'responses', 'gpt-5.2'],
  ['openai__responses_openai-shell-skills.1.chunks.txt', 'responses', 'gpt-5.2'],
  ['openai__responses_openai-shell-tool.1.chunks.txt', 'responses', 'gpt-5.1'],
  ['openai__responses_openai-tool-search.1.chunks.txt', 'responses', 'gpt-5.4', ['get_weather']],
  ['openai__responses_programmatic-tool-calling.1.chunks.txt', 'responses', 'gpt-5.6-sol', ['getInventory']],
  ['openai__responses_programmatic-tool-calling.2.chunks.txt', 'responses', 'gpt-5.6-sol', ['getDemand']],
  ['openai__responses_programmatic-tool-calling.3.chunks.txt', 'responses', 'gpt-5.6-sol'],
  ['xai__responses_xai-image-generation-tool.1.chunks.txt', 'responses', 'grok-4.5', [], (p) => ({ image_generation: p.tools.imageGeneration() })],
  ['xai__responses_xai-text-streaming.1.chunks.txt', 'responses', 'grok-code-fast-1'],
  ['xai__responses_xai-text-with-reasoning-streaming-store-false.1.chunks.txt', 'responses', 'grok-code-fast-1'],
  ['xai__responses_xai-text-with-reasoning-streaming.1.chunks.txt', 'responses', 'grok-code-fast-1'],
  ['xai__responses_xai-web-search-tool.1.chunks.txt', 'responses', 'grok-4-fast-reasoning', [], (p) => ({ web_search: p.tools.webSearch({}) })],
  ['xai__responses_xai-x-search-tool.chunks.txt', 'responses', 'grok-4-fast-reasoning', ['x_keyword_search', 'view_x_video'], (p) => ({ web_search: p.tools.webSearch({}) })],

  ['anthropic__anthropic-advisor-20250301.1.chunks.txt', 'anthropic', 'claude-sonnet-4-6', [], () => ({ advisor: literal('anthropic.advisor_20260301', 'advisor', { model: 'claude-opus-4-7' }) })],
  ['anthropic__anthropic-advisor-stop-reasons.chunks.txt', 'anthropic', 'claude-sonnet-4-6', [], () => ({ advisor: literal('anthropic.advisor_20260301', 'advisor', { model: 'claude-opus-4-7', maxTokens: 2048 }) })],
  ['anthropic__anthropic-clear-tool-uses.1.chunks.txt', 'anthropic', 'claude-haiku-4-5'],
  ['anthropic__anthropic-code-execution-20250825.pptx-skill.chunks.txt', 'anthropic', 'claude-sonnet-4-5', [], (p) => ({ code_execution: p.tools.codeExecution_20250825() })],
  ['anthropic__anthropic-code-execution-20260120-prompt-cache.1.chunks.txt', 'anthropic', 'claude-sonnet-5', [], (p) => ({ code_execution: p.tools.codeExecution_20260120() })],
  ['anthropic__anthropic-code-execution-file-upload.1.chunks.txt', 'anthropic', 'claude-sonnet-4-5', [], (p) => ({ code_execution: p.tools.codeExecution_20250825() })],
  ['anthropic__anthropic-combined-context-editing.1.chunks.txt', 'anthropic', 'claude-sonnet-4-5'],
  ['anthropic__anthropic-compaction.1.chunks.txt', 'anthropic', 'claude-opus-4-6'],
  ['anthropic__anthropic-fallback.chunks.txt', 'anthropic', 'claude-sonnet-4-5'],
  ['anthropic__anthropic-json-other-tool.1.chunks.txt', 'anthropic', 'claude-haiku-4-5', ['weather']],
  ['anthropic__anthropic-json-output-format.1.chunks.txt', 'anthropic', 'claude-sonnet-4-5'],
  ['anthropic__anthropic-json-tool.1.chunks.txt', 'anthropic', 'claude-haiku-4-5', ['json']],
  ['anthropic__anthropic-json-tool.2.chunks.txt', 'anthropic', 'claude-haiku-4-5', ['json']],
  ['anthropic__anthropic-mcp.1.chunks.txt', 'anthropic', 'claude-sonnet-4-5'],
  ['anthropic__anthropic-message-delta-input-tokens.chunks.txt', 'anthropic', 'claude-opus-4-5'],
  ['anthropic__anthropic-programmatic-tool-calling.1.chunks.txt', 'anthropic', 'claude-sonnet-4-5', ['rollDie'], (p) => ({ code_execution: p.tools.codeExecution_20250825() })],
  ['anthropic__anthropic-tool-search-bm25.1.chunks.txt', 'anthropic', 'claude-sonnet-4-5', ['get_weather'], () => ({ tool_search_tool_bm25: literal('anthropic.tool_search_bm25_20251119', 'tool_search_tool_bm25') })],
  ['anthropic__anthropic-tool-search-deferred-bm25.chunks.txt', 'anthropic', 'claude-sonnet-4-5', ['readNoteTree', 'executeEditorOperation'], () => ({ tool_search_tool_bm25: literal('anthropic.tool_search_bm25_20251119', 'tool_search_tool_bm25') })],
  ['anthropic__anthropic-tool-search-deferred-regex.chunks.txt', 'anthropic', 'claude-sonnet-4-5', ['readNoteTree', 'executeEditorOperation'], () => ({ tool_search_tool_regex: literal('anthropic.tool_search_regex_20251119', 'tool_search_tool_regex') })],
  ['anthropic__anthropic-tool-search-regex.1.chunks.txt', 'anthropic', 'claude-sonnet-4-5', ['get_temp_data'], () => ({ tool_search_tool_regex: literal('anthropic.tool_search_regex_20251119', 'tool_search_tool_regex') })],
  // (No web_fetch_20260209 factory in 2.0.112: the 20250910 one, same tool name.)
  ['anthropic__anthropic-web-fetch-tool-20260209.1.chunks.txt', 'anthropic', 'claude-sonnet-4-6', [], (p) => ({ web_fetch: p.tools.webFetch_20250910(), code_execution: p.tools.codeExecution_20260120() })],

  ['google__google-reasoning-gemini3.chunks.txt', 'google', 'gemini-3-pro-preview'],
  ['google__google-tool-call-gemini3.chunks.txt', 'google', 'gemini-3-pro-preview', ['weather']],
];

// --- Where llm-native must differ from ai@5's run --------------------------------------------

// (b) migration.md, Differences that remain, "A chunk that is JSON but not of the provider's
// schema": "Anthropic, Gemini and Responses events are read leniently: an event of a type
// llm-native does not know is skipped (the AI SDK's schemas make it a `TypeValidationError` part)."
const withoutSchemaErrors = (r) => ({ ...r, parts: r.parts.filter((p) => !(p.type === 'error' && p.error?.name === 'AI_TypeValidationError')) });

// (b) migration.md, Provider tools: "The factories' tools have no `inputSchema`: the provider
// checks what its server tools get [...]" — ai@5 fails a server tool call whose input its zod
// schema refuses (an invalid dynamic call, a `tool-error`, an `error-text` tool message) although
// the provider ran it and sent its result; llm-native has the provider-executed call ai@5 gives
// for an input its schema takes (and the result carries that input).
function providerCallsValid(r) {
  const resultIds = new Set(r.parts.filter((p) => p.type === 'tool-result' && p.providerExecuted).map((p) => p.toolCallId));
  const inputs = new Map();
  for (const p of r.parts) if (p.type === 'tool-call' && p.invalid && resultIds.has(p.toolCallId)) inputs.set(p.toolCallId, p.input);
  const fixed = (list) => list.flatMap((p) => {
    if (!inputs.has(p.toolCallId)) return [p];
    if (p.type === 'tool-call') return [{ type: p.type, toolCallId: p.toolCallId, toolName: p.toolName, input: p.input, providerExecuted: true }];
    if (p.type === 'tool-error') return [];
    if (p.type === 'tool-result') return [{ ...p, input: inputs.get(p.toolCallId) }];
    return [p];
  });
  const messages = r.settled.responseMessages.flatMap((m) => {
    const content = m.content.flatMap((c) => {
      if (!inputs.has(c.toolCallId)) return [c];
      if (m.role === 'tool') return [];
      return [c.type === 'tool-call' ? { ...c, providerExecuted: true } : c];
    });
    return m.role === 'tool' && content.length === 0 ? [] : [{ ...m, content }];
  });
  const { settled } = r;
  return { ...r, parts: fixed(r.parts), settled: { ...settled, content: fixed(settled.content), toolCalls: fixed(settled.toolCalls), toolResults: fixed(settled.toolResults), responseMessages: messages } };
}

// (c) ai@5 crashes: GitHub Copilot's Responses API gives every event its own item id, and
// 2.0.131 keys its items by item_id (`activeReasoning[item_id].summaryParts`: a TypeError out of
// fullStream). llm-native correlates the events by output_index, as @ai-sdk/openai does since this
// fixture was recorded: ai@5 gets the transcript with the ids of each output_item.added restored.
function unrotatedItemIds(sse) {
  const ids = new Map();
  return sse.replace(/^data: (.*)$/gm, (line, json) => {
    const e = JSON.parse(json);
    if (e.type === 'response.output_item.added') ids.set(e.output_index, e.item.id);
    else if (ids.has(e.output_index)) {
      if (e.item_id != null) e.item_id = ids.get(e.output_index);
      if (e.type === 'response.output_item.done') e.item.id = ids.get(e.output_index);
    }
    return `data: ${JSON.stringify(e)}`;
  });
}
const AI_TRANSCRIPT = { 'openai__responses_github-copilot-id-rotation.1.chunks.txt': unrotatedItemIds };

const EXPECTED = {
  'anthropic__anthropic-advisor-20250301.1.chunks.txt': withoutSchemaErrors, // advisor_tool_result blocks
  'anthropic__anthropic-advisor-stop-reasons.chunks.txt': withoutSchemaErrors,
  // migration.md, Provider tools: "An Anthropic `mcp_tool_use` / `mcp_tool_result` block is skipped
  // (ai@5: two `TypeValidationError` parts)".
  'anthropic__anthropic-mcp.1.chunks.txt': withoutSchemaErrors,
  'anthropic__anthropic-tool-search-bm25.1.chunks.txt': withoutSchemaErrors, // tool_search_tool_result blocks
  'anthropic__anthropic-tool-search-deferred-bm25.chunks.txt': withoutSchemaErrors,
  'anthropic__anthropic-tool-search-deferred-regex.chunks.txt': withoutSchemaErrors,
  'anthropic__anthropic-tool-search-regex.1.chunks.txt': withoutSchemaErrors,
  // text_editor_code_execution str_replace input; programmatic `{ code }` input of code_execution_20250825.
  'anthropic__anthropic-code-execution-20250825.pptx-skill.chunks.txt': providerCallsValid,
  'anthropic__anthropic-programmatic-tool-calling.1.chunks.txt': providerCallsValid,
  // code_execution_20260120 `{ code }` input; a web_fetch server_tool_use with no input deltas ({}).
  'anthropic__anthropic-web-fetch-tool-20260209.1.chunks.txt': providerCallsValid,
};

const SETTLED = ['text', 'reasoningText', 'finishReason', 'usage', 'totalUsage', 'toolCalls', 'toolResults', 'sources', 'content'];

async function run(side, protocol, modelId, fnTools = [], providerTools) {
  const l = LIBS[side];
  const before = server.requests.length;
  const provider = l[PROVIDER[protocol]]({ apiKey: 'x' });
  const tools = {
    ...Object.fromEntries(fnTools.map((name) => [name, l.lib.tool({ description: name, inputSchema: l.lib.jsonSchema({ type: 'object', additionalProperties: true }) })])),
    ...providerTools?.(provider),
  };
  const result = l.lib.streamText({
    model: MODELS[protocol](l, modelId), prompt: 'Go ahead.', onError: () => {},
    ...(Object.keys(tools).length ? { tools } : {}),
  });
  const parts = await collect(result.fullStream);
  const settled = {};
  for (const k of SETTLED) settled[k] = await result[k].then((v) => v, (e) => ({ rejected: e.name, message: e.message }));
  settled.responseMessages = await result.response.then((r) => r.messages, (e) => ({ rejected: e.name }));
  const request = server.requests.slice(before).at(-1);
  return { parts, settled, request: request?.body, url: request?.url };
}

const normalize = (r) => normalizeForDiff(r, { mapIds: true, parserWording: true });

describe('vercel/ai streaming transcripts (ed857f5): llm-native matches ai@5 part for part', () => {
  for (const [fixture, protocol, modelId, fnTools, providerTools] of FIXTURES) {
    it(`${fixture} (${protocol} ${modelId})`, async () => {
      const transcript = (body = fixtureBody(fixture));
      if (AI_TRANSCRIPT[fixture]) {
        await expect(run('ai', protocol, modelId, fnTools, providerTools)).rejects.toThrow(TypeError); // what ai@5 does, recorded
        body = AI_TRANSCRIPT[fixture](transcript);
      }
      const expected = normalize((EXPECTED[fixture] ?? ((r) => r))(await run('ai', protocol, modelId, fnTools, providerTools)));
      body = transcript;
      const actual = normalize(await run('native', protocol, modelId, fnTools, providerTools));
      expect(actual.url).toEqual(expected.url);
      expect(actual.parts).toEqual(expected.parts);
      expect(actual.settled).toEqual(expected.settled);
      expect(actual.request).toEqual(expected.request);
    });
  }
});
