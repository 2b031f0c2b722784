// Compiled by types.test.mjs with `tsc --noEmit`: AI SDK v5-style app code must type-check
// against llm-native's index.d.ts.
import {
  streamText, createOpenAICompatible, createOpenAI, tool, jsonSchema, APICallError,
  configure, registerProvider, updateProvider, listProviders, listAvailableModels, languageModelFromId, resolveModel,
  estimateCost, addModels, withFallbacks, type ProviderInfo, type ModelCost, type FallbackMetadata,
  updateCatalog, queryUsage, costExceeds, UsageLedgerError, CatalogUpdateError, type UsageTotals, type CatalogUpdate,
  embed, embedMany, cosineSimilarity, createGoogleGenerativeAI, type EmbeddingModel, ToolCallRepairError,
  type ModelMessage, type TextStreamPart, type LanguageModelUsage, type FinishReason, type StreamTextResult,
} from '../index.js';

const provider = createOpenAICompatible({ name: 'local', baseURL: 'http://127.0.0.1:1/v1', apiKey: 'k', includeUsage: true });
const openai = createOpenAI({ apiKey: 'k' });
const history: ModelMessage[] = [
  { role: 'system', content: 'be brief' },
  { role: 'user', content: [{ type: 'text', text: 'hi' }, { type: 'image', image: new Uint8Array([1]) }] },
  { role: 'assistant', content: [{ type: 'tool-call', toolCallId: 'c', toolName: 'weather', input: { location: 'x' } }] },
  { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'c', toolName: 'weather', output: { type: 'json', value: { t: 1 } } }] },
];

export async function app(signal: AbortSignal): Promise<string> {
  const result: StreamTextResult<{ weather: Tool<{ location: string }> }> = streamText({
    model: Math.random() > 0.5 ? provider('m') : openai.chat('gpt-4o'),
    messages: history,
    tools: { weather: tool({ description: 'w', inputSchema: jsonSchema<{ location: string }>({ type: 'object' }) }) },
    toolChoice: { type: 'tool', toolName: 'weather' },
    maxOutputTokens: 100,
    abortSignal: signal,
    onError: ({ error }) => { if (APICallError.isInstance(error)) console.log(error.statusCode, error.isRetryable); },
  });
  for await (const part of result.fullStream) {
    const p: TextStreamPart = part;
    if (p.type === 'text-delta') process.stdout.write(p.text);
    if (p.type === 'finish') { const u: LanguageModelUsage = p.totalUsage; void u; }
  }
  for await (const t of result.textStream) process.stdout.write(t);
  const reason: FinishReason = await result.finishReason;
  const usage = await result.usage;
  return `${reason} ${usage.totalTokens ?? 0} ${await result.text}`;
}

export async function registryApp(): Promise<number> {
  configure({ configDir: '/tmp/app' });
  const acme: ProviderInfo = await registerProvider({ id: 'acme', baseURL: 'http://127.0.0.1:1/v1', apiKeyEnvVar: 'ACME_KEY' });
  await updateProvider(acme.id, { apiKeyEnvVar: null, headers: { 'x-app': '1' } });
  addModels([{ provider: 'acme', id: 'acme-1', name: 'Acme 1', cost: { input: 1, output: 2 } }]);
  const ready = listProviders().filter((p) => p.hasCredentials).map((p) => p.id);
  const { models, errors } = await listAvailableModels({ refresh: true });
  try {
    resolveModel('nope/x');
  } catch (e) {
    if (NoSuchProviderError.isInstance(e)) console.log(e.providerId, e.availableProviders, e.modelId);
  }
  const chain = withFallbacks([languageModelFromId('acme/acme-1'), 'openai/gpt-4o'], {
    fallbackOn: ['rate-limit', 'overloaded'],
    cooldownMs: 10_000,
    onFallback: ({ errorClass, modelId }) => console.log(errorClass, modelId),
  });
  const result = streamText({ model: Math.random() > 0.5 ? chain : languageModelFromId(models[0]?.id ?? 'acme/acme-1'), prompt: 'hi' });
  const usage = await result.usage;
  const served = (await result.providerMetadata)?.llmNative?.fallback as FallbackMetadata | undefined;
  console.log(served?.index, served?.attempts[0]?.errorClass);
  const updated: CatalogUpdate = await updateCatalog({ url: 'https://models.dev/api.json', sha256: 'ab' }).catch((e) => {
    if (CatalogUpdateError.isInstance(e)) console.log(e.message);
    return updateCatalog({ file: '/tmp/catalog.json' });
  });
  const spent = await queryUsage({ since: new Date(Date.now() - 86_400_000), groupBy: ['day', 'model'] }).catch((e) => {
    if (UsageLedgerError.isInstance(e)) console.log(e.path);
    return null;
  });
  const total: UsageTotals | undefined = spent?.total;
  console.log(updated.models, total?.costUsd, spent?.groups[0]?.day, configure({ usageLedger: false }).usageLedger);
  await generateText({ model: chain, prompt: 'hi', stopWhen: [costExceeds(0.5), stepCountIs(5)] });
  const embedder: EmbeddingModel<string> = openai.textEmbeddingModel('text-embedding-3-small');
  const { embedding, usage: used } = await embed({ model: embedder, value: 'sunny day', providerOptions: { openai: { dimensions: 256 } } });
  const { embeddings } = await embedMany({ model: createGoogleGenerativeAI().embedding('gemini-embedding-001'), values: ['a', 'b'], maxParallelCalls: 2 });
  console.log(cosineSimilarity(embedding, embeddings[0] ?? []), used.tokens ?? 0);
  const repaired = streamText({
    model: provider('m'),
    prompt: 'hi',
    tools: { weather: tool({ inputSchema: jsonSchema<{ location: string }>({ type: 'object' }) }) },
    experimental_repairToolCall: async ({ toolCall, inputSchema, error }) => {
      if (ToolCallRepairError.isInstance(error)) return null;
      console.log(inputSchema({ toolName: toolCall.toolName }));
      return { ...toolCall, input: JSON.stringify({ location: 'Berlin' }) };
    },
  });
  await repaired.text;
  const cost: ModelCost | null = estimateCost('acme/acme-1', usage);
  return ready.length + errors.length + (cost?.total ?? 0);
}

// The step loop, generateText, registries, transforms and HTTP helpers, as AI SDK v5 apps use them.
import {
  generateText, stepCountIs, hasToolCall, smoothStream, createProviderRegistry, customProvider, NoSuchProviderError,
  type Tool, type StepResult, type GenerateTextResult,
} from '../index.js';
import type { ServerResponse } from 'node:http';

const readFile: Tool<{ path: string }, string> = tool({
  description: 'read',
  inputSchema: jsonSchema<{ path: string }>({ type: 'object', properties: { path: { type: 'string' } } }),
  execute: async ({ path }, { toolCallId, abortSignal }) => `${path} ${toolCallId} ${abortSignal?.aborted}`,
});

export async function agent(res: ServerResponse): Promise<void> {
  const registry = createProviderRegistry({ local: provider, fast: customProvider({ languageModels: { m: provider('m') } }) });
  const result = streamText({
    model: registry.languageModel('local:m'),
    prompt: 'go',
    tools: { readFile },
    stopWhen: [stepCountIs(5), hasToolCall('readFile')],
    prepareStep: ({ stepNumber }) => (stepNumber > 0 ? { activeTools: ['readFile'], toolChoice: 'auto' } : undefined),
    experimental_transform: smoothStream({ delayInMs: 5, chunking: 'line' }),
    onStepFinish: (step: StepResult<{ readFile: typeof readFile }>) => { console.log(step.finishReason, step.toolResults.length); },
    onFinish: ({ steps, totalUsage }) => { console.log(steps.length, totalUsage.totalTokens); },
  });
  result.pipeUIMessageStreamToResponse(res, { sendReasoning: true, onFinish: ({ messages }) => { console.log(messages.length); } });
  const r: GenerateTextResult = await generateText({ model: 'openai/gpt-4o-mini', prompt: 'title', maxRetries: 1 });
  console.log(r.text, r.steps.length, r.response.messages.length, r.totalUsage.inputTokens);
  try { registry.languageModel('x:y'); } catch (e) { if (NoSuchProviderError.isInstance(e)) console.log(e.providerId); }
}
