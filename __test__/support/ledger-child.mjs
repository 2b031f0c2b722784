// A process that streams `COUNT` calls (4 at a time) through llm-native against `BASE_URL`, with
// its config (and so its usage ledger) in `CONFIG_DIR`; prints the sums of its finish-step
// costs and tokens as JSON. ledger.test.mjs runs two at once and compares with queryUsage.
import { streamText, createOpenAICompatible, configure, addModels } from '../../index.js';

const { CONFIG_DIR, BASE_URL, COUNT } = process.env;
configure({ configDir: CONFIG_DIR });
addModels([{ provider: 'ledger', id: 'priced', name: 'priced', cost: { input: 3, output: 15 } }]);
const model = createOpenAICompatible({ name: 'ledger', baseURL: BASE_URL, apiKey: 'k', includeUsage: true })('priced');

let cost = 0;
let inputTokens = 0;
let outputTokens = 0;
async function one() {
  const result = streamText({ model, prompt: 'hi' });
  for await (const part of result.fullStream) {
    if (part.type === 'finish-step') {
      cost += part.cost.total;
      inputTokens += part.usage.inputTokens;
      outputTokens += part.usage.outputTokens;
    }
  }
}
let next = 0;
await Promise.all([0, 1, 2, 3].map(async () => {
  while (next++ < Number(COUNT)) await one();
}));
process.stdout.write(JSON.stringify({ cost, inputTokens, outputTokens }));
