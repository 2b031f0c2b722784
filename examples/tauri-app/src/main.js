// The app's frontend: the same AI SDK-shaped code an app runs on Node, with `llm-native` resolved
// to its webview build (the `browser` export condition), talking to the llm-native Tauri plugin.
import { invoke } from '@tauri-apps/api/core';
import { createOpenAICompatible, streamText, stepCountIs, tool, jsonSchema } from 'llm-native';

const $ = (id) => document.getElementById(id);

async function run() {
  const { baseUrl } = await invoke('e2e_config');
  const local = createOpenAICompatible({ name: 'local', baseURL: baseUrl, apiKey: 'sk-e2e-never-leaves-rust' });

  // 1. A reply with a tool call: the tool runs here, in the webview, between two native streams.
  const result = streamText({
    model: local('local-model'),
    prompt: 'What is in README.md?',
    stopWhen: stepCountIs(3),
    tools: {
      read_file: tool({
        description: 'Read a file of the project',
        inputSchema: jsonSchema({ type: 'object', properties: { path: { type: 'string' } }, required: ['path'] }),
        execute: async ({ path }) => `# ${path}\nA Tauri app streaming through llm-native.`,
      }),
    },
  });
  const types = [];
  for await (const part of result.fullStream) {
    types.push(part.type);
    if (part.type === 'text-delta') $('reply').textContent += part.text;
    if (part.type === 'tool-result') {
      const li = document.createElement('li');
      li.textContent = `${part.toolName}(${JSON.stringify(part.input)}) → ${JSON.stringify(part.output)}`;
      $('tools').append(li);
    }
  }
  const usage = await result.totalUsage;

  // 2. A stream aborted from the page: the plugin closes its HTTP connection.
  const controller = new AbortController();
  const slow = streamText({ model: createOpenAICompatible({ name: 'local', baseURL: `${baseUrl}/slow` })('m'), prompt: 'go on', abortSignal: controller.signal });
  let deltas = 0;
  for await (const part of slow.fullStream) {
    if (part.type === 'text-delta' && ++deltas === 3) controller.abort();
  }
  $('status').textContent = `done: ${(await result.steps).length} steps, ${usage.totalTokens} tokens; aborted after ${deltas} deltas`;
  // Each step's `request.body`, as ai@5 gives it: the JSON the plugin sent, parsed here when read.
  const requestBodies = (await result.steps).map((step) => step.request.body);
  return { types, steps: (await result.steps).length, aborted: deltas, requestBodies };
}

async function main() {
  const config = await invoke('e2e_config');
  if (config.mode === 'bench') {
    const { runBench } = await import('./bench.js');
    return runBench(config.baseUrl);
  }
  return run();
}

main()
  .then((summary) => invoke('report', { report: { ok: true, summary, dom: document.body.innerText } }))
  .catch((e) => invoke('report', { report: { ok: false, error: String(e?.stack ?? e), dom: document.body.innerText } }));
