// One process of __test__/multiprocess.test.mjs: LLM_NATIVE_TASK says what it does with the shared
// config directory LLM_NATIVE_DIR — register providers, store keys (file store: the test gives it
// no D-Bus, so no keychain), log in to a local OAuth server, or stream with that login.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const llm = await import(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../index.js'));
const { LLM_NATIVE_TASK: task, LLM_NATIVE_DIR: dir, LLM_NATIVE_N: n, LLM_NATIVE_TAG: tag, LLM_NATIVE_URL: url } = process.env;
const count = Number(n ?? 0);

llm.configureAuth({
  fallbackStore: 'file',
  configDir: dir,
  oauth: { anthropic: { clientId: 'mp-client', tokenUrl: `${url}/oauth/token`, redirectUri: 'https://local.test/cb', authorizeUrl: 'https://local.test/authorize' } },
});

const out = {};
if (task === 'register') {
  llm.configure({ configDir: dir });
  for (let i = 0; i < count; i++) await llm.registerProvider({ id: `p-${tag}-${i}`, baseURL: 'http://127.0.0.1:9/v1' });
} else if (task === 'keys') {
  for (let i = 0; i < count; i++) await llm.setApiKey(`k-${tag}-${i}`, `sk-mp-${tag}-${i}-0123456789`);
} else if (task === 'login') {
  const { state } = await llm.startOAuth('anthropic');
  await llm.completeOAuth('anthropic', { code: `code#${state}`, state });
} else if (task === 'stream') {
  const model = llm.createAnthropic({ baseURL: `${url}/v1`, oauth: true })('claude-sonnet-4-5');
  const result = llm.streamText({ model, prompt: 'hi', onError: () => {} });
  out.text = await result.text.catch((e) => `error: ${e.message} ${e.cause?.message ?? ''}`);
}
console.log(JSON.stringify(out));
