'use strict';
// Call options both ways between a step's call (what lib/steps.js sends Rust: `system` and
// `prompt` / `messages`, tools as a JSON list, `toolChoice` as streamText takes it) and
// `LanguageModelV2CallOptions` (what a model's `doStream` / `doGenerate` and middleware take).
const { toV2Prompt } = require('./v2-prompt.js');

const SETTINGS = ['maxOutputTokens', 'temperature', 'topP', 'topK', 'presencePenalty', 'frequencyPenalty', 'stopSequences', 'seed'];
const PASSED = [...SETTINGS, 'responseFormat', 'providerOptions', 'headers'];

const pick = (object, keys) => Object.fromEntries(keys.map((k) => [k, object[k]]));

/** ai@5 `prepareToolsAndToolChoice`: no tools, no choice; `auto` by default. */
function v2Tools(call, toolSet) {
  if (!(call.tools?.length > 0)) return { tools: undefined, toolChoice: undefined };
  const tools = call.tools.map(({ name, description, inputSchema, providerOptions }) => {
    const tool = toolSet?.[name];
    return tool?.type === 'provider-defined'
      ? { type: 'provider-defined', name, id: tool.id, args: tool.args }
      : { type: 'function', name, description, inputSchema, providerOptions };
  });
  const choice = call.toolChoice;
  return { tools, toolChoice: choice == null ? { type: 'auto' } : typeof choice === 'string' ? { type: choice } : { type: 'tool', toolName: choice.toolName } };
}

/**
 * A step's call as LanguageModelV2CallOptions (no `abortSignal`: the caller adds it).
 * `supportedUrls`: see `toV2Prompt`; `generate`: for `doGenerate`, which takes no `includeRawChunks`.
 */
async function toV2CallOptions(call, { toolSet, supportedUrls = null, abortSignal, generate = false } = {}) {
  return {
    ...pick(call, SETTINGS),
    ...v2Tools(call, toolSet),
    responseFormat: call.responseFormat,
    prompt: await toV2Prompt(call, { supportedUrls, abortSignal }),
    providerOptions: call.providerOptions,
    headers: call.headers,
    ...(generate ? {} : { includeRawChunks: call.includeRawChunks === true }),
  };
}

/**
 * LanguageModelV2CallOptions as the call Rust takes: the prompt (system messages included) as
 * `messages`, function tools (Rust has no provider-defined ones). `base` holds what V2 has no
 * field for (retries, timeouts).
 */
function fromV2CallOptions(options, base = {}) {
  const { prompt, tools, toolChoice, includeRawChunks } = options;
  return {
    ...base,
    ...pick(options, PASSED),
    messages: prompt,
    tools: (tools ?? []).filter((t) => t.type === 'function')
      .map(({ name, description, inputSchema, providerOptions }) => ({ name, description, inputSchema, providerOptions })),
    toolChoice: toolChoice == null ? undefined : toolChoice.type === 'tool' ? toolChoice : toolChoice.type,
    includeRawChunks: includeRawChunks || undefined,
  };
}

module.exports = { toV2CallOptions, fromV2CallOptions };
