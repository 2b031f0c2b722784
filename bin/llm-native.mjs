#!/usr/bin/env node
// The llm-native command: API keys in the OS keychain, OAuth logins, the model catalogue, and a
// streaming chat. Keys are read from a hidden prompt or stdin, never from the command line (argv
// is visible to other processes).
import { createRequire } from 'node:module';
import readline from 'node:readline';

const require = createRequire(import.meta.url);
// The package entry (which installs the Node host), as an app would load it.
const llm = require('../index.js');
const auth = llm;
const registry = llm;
const { streamText } = llm;

const USAGE = `usage: llm-native <command>

  keys set <provider>      store an API key (hidden prompt, or piped on stdin)
  keys list                providers with a stored key (no values)
  keys delete <provider>   remove a stored key
  login <provider>         log in: anthropic (Claude Pro/Max), openai (ChatGPT), github-copilot
  logout <provider>        forget an OAuth login
  models [--available]     the model catalogue; --available: models of providers with credentials,
                           merged with the providers' live lists
  chat -m <provider/model> "prompt"
                           stream a reply (reasoning dimmed), then a usage and cost line

environment:
  LLM_NATIVE_KEYCHAIN_SERVICE   keychain service name (default llm-native)
  LLM_NATIVE_FALLBACK_STORE     'file': use <config dir>/credentials.json (0600) when no keychain is reachable
  LLM_NATIVE_CONFIG_DIR         config dir (default $XDG_CONFIG_HOME/llm-native or ~/.config/llm-native)
`;

class UsageError extends Error {}

function configure() {
  const env = process.env;
  if (env.LLM_NATIVE_CONFIG_DIR) registry.configure({ configDir: env.LLM_NATIVE_CONFIG_DIR });
  auth.configureAuth({
    keychainService: env.LLM_NATIVE_KEYCHAIN_SERVICE || undefined,
    fallbackStore: env.LLM_NATIVE_FALLBACK_STORE === 'file' ? 'file' : undefined,
    configDir: env.LLM_NATIVE_CONFIG_DIR || undefined,
  });
}

async function readStdin() {
  const chunks = [];
  for await (const c of process.stdin) chunks.push(c);
  return Buffer.concat(chunks).toString('utf8').trim();
}

/** Reads a line from the terminal without echoing it. */
function hiddenPrompt(question) {
  return new Promise((resolve, reject) => {
    const { stdin, stderr } = process;
    stderr.write(question);
    stdin.setRawMode(true);
    stdin.resume();
    let value = '';
    const done = (result, error) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      stderr.write('\n');
      if (error) reject(error); else resolve(result);
    };
    const onData = (buf) => {
      for (const ch of buf.toString('utf8')) {
        if (ch === '\r' || ch === '\n') return done(value.trim());
        if (ch === '\u0003') return done(null, new UsageError('cancelled'));
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else value += ch;
      }
    };
    stdin.on('data', onData);
  });
}

async function promptLine(question) {
  const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
  try {
    return (await new Promise((resolve) => rl.question(question, resolve))).trim();
  } finally {
    rl.close();
  }
}

function need(arg, what) {
  if (!arg) throw new UsageError(`missing ${what}\n\n${USAGE}`);
  return arg;
}

async function keys(sub, provider) {
  switch (sub) {
    case 'set': {
      need(provider, '<provider>');
      const key = process.stdin.isTTY ? await hiddenPrompt(`API key for ${provider}: `) : await readStdin();
      if (!key) throw new UsageError('no key given');
      await auth.setApiKey(provider, key);
      console.log(`stored the ${provider} API key in the ${process.env.LLM_NATIVE_FALLBACK_STORE === 'file' ? 'credential store' : 'keychain'}`);
      return;
    }
    case 'list': {
      const found = [];
      for (const { id } of registry.listProviders()) if (await auth.hasApiKey(id)) found.push(id);
      console.log(found.length ? found.join('\n') : '(no stored keys)');
      return;
    }
    case 'delete':
      need(provider, '<provider>');
      console.log((await auth.deleteApiKey(provider)) ? `deleted the ${provider} API key` : `no ${provider} API key was stored`);
      return;
    default:
      throw new UsageError(USAGE);
  }
}

async function login(provider) {
  switch (need(provider, '<provider>')) {
    case 'anthropic': {
      const { url, state } = await auth.startOAuth('anthropic');
      console.log(`Open this URL, approve, and paste the code shown:\n\n  ${url}\n`);
      const code = await promptLine('Code: ');
      await auth.completeOAuth('anthropic', { code, state });
      break;
    }
    case 'openai': {
      const { url, state } = await auth.startOAuth('openai');
      console.log(`Open this URL in a browser on this machine; waiting for it to come back:\n\n  ${url}\n`);
      await auth.completeOAuth('openai', { state });
      break;
    }
    case 'github-copilot': {
      const flow = await auth.startDeviceFlow('github-copilot');
      console.log(`Go to ${flow.verificationUri} and enter the code ${flow.userCode}\nWaiting for approval…`);
      await auth.pollDeviceFlow('github-copilot');
      break;
    }
    default:
      throw new UsageError(`no login for ${provider} (anthropic, openai, github-copilot)`);
  }
  console.log(`logged in to ${provider}`);
}

const perMillion = (usd) => (usd == null ? '-' : `$${usd}`);

async function models(args) {
  const available = args.includes('--available');
  const { models: list, errors = [] } = available ? await registry.listAvailableModels() : { models: registry.listModels() };
  for (const m of list) {
    // Catalogue entries, or available models (`provider/model` id, live flag, catalogue entry).
    const entry = available ? m.catalog ?? {} : m;
    const id = available ? m.id : `${m.provider}/${m.id}`;
    const prices = entry.cost ? `${perMillion(entry.cost.input)}/${perMillion(entry.cost.output)} per M` : '';
    const context = entry.contextWindow ? `${Math.round(entry.contextWindow / 1000)}k ctx` : '';
    const name = m.name && m.name !== m.modelId ? m.name : '';
    console.log([id, name, context, prices, available && m.live ? 'live' : ''].filter(Boolean).join('  '));
  }
  for (const e of errors) console.error(`(${e.providerId}: live list unavailable: ${e.message})`);
}

function formatUsd(usd) {
  return usd < 0.01 ? `$${usd.toFixed(6)}` : `$${usd.toFixed(4)}`;
}

async function chat(args) {
  let modelId;
  const words = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '-m' || args[i] === '--model') modelId = args[++i];
    else words.push(args[i]);
  }
  need(modelId, '-m <provider/model>');
  const prompt = words.join(' ') || (process.stdin.isTTY ? '' : await readStdin());
  if (!prompt) throw new UsageError('missing prompt');
  const dim = process.stdout.isTTY ? (t) => `\x1b[2m${t}\x1b[22m` : (t) => t;
  let failed;
  const result = streamText({ model: modelId, prompt, onError: ({ error }) => { failed = error; } });
  let inReasoning = false;
  let cost;
  for await (const part of result.fullStream) {
    if (part.type === 'reasoning-delta') {
      process.stdout.write(dim(part.text));
      inReasoning = true;
    } else if (part.type === 'text-delta') {
      if (inReasoning) process.stdout.write('\n\n');
      inReasoning = false;
      process.stdout.write(part.text);
    } else if (part.type === 'finish') {
      cost = part.totalCost;
      const u = part.totalUsage;
      const line = `${u.inputTokens ?? 0} in / ${u.outputTokens ?? 0} out tokens${cost ? `, ${formatUsd(cost.total)}` : ''}`;
      process.stdout.write(`\n${dim(`[${modelId}: ${line}]`)}\n`);
    }
  }
  if (failed) throw failed;
}

async function main([command, ...args]) {
  configure();
  switch (command) {
    case 'keys': return keys(args[0], args[1]);
    case 'login': return login(args[0]);
    case 'models': return models(args);
    case 'chat': return chat(args);
    case 'logout':
      console.log((await auth.logout(need(args[0], '<provider>'))) ? `logged out of ${args[0]}` : `not logged in to ${args[0]}`);
      return undefined;
    case undefined: case 'help': case '--help': case '-h':
      console.log(USAGE);
      return undefined;
    default:
      throw new UsageError(`unknown command ${command}\n\n${USAGE}`);
  }
}

main(process.argv.slice(2)).then(
  () => process.exit(0),
  (e) => {
    console.error(`llm-native: ${e.message}`);
    process.exit(e instanceof UsageError ? 2 : 1);
  },
);
