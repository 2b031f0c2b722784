#!/usr/bin/env node
// The llm-native command: API keys in the OS keychain and OAuth logins. Keys are read from a
// hidden prompt or stdin, never from the command line (argv is visible to other processes).
import { createRequire } from 'node:module';
import readline from 'node:readline';

const require = createRequire(import.meta.url);
const auth = require('../lib/auth.js');

// Well-known provider ids `keys list` checks (the provider registry will supply these later).
const KNOWN_PROVIDERS = [
  'openai', 'anthropic', 'google', 'deepseek', 'openrouter', 'groq', 'xai', 'mistral', 'moonshot', 'zhipu',
  'qwen', 'minimax', 'together', 'fireworks', 'cerebras',
];

const USAGE = `usage: llm-native <command>

  keys set <provider>      store an API key (hidden prompt, or piped on stdin)
  keys list                providers with a stored key (no values)
  keys delete <provider>   remove a stored key
  login <provider>         log in: anthropic (Claude Pro/Max), openai (ChatGPT), github-copilot
  logout <provider>        forget an OAuth login

environment:
  LLM_NATIVE_KEYCHAIN_SERVICE   keychain service name (default llm-native)
  LLM_NATIVE_FALLBACK_STORE     'file': use <config dir>/credentials.json (0600) when no keychain is reachable
  LLM_NATIVE_CONFIG_DIR         config dir (default $XDG_CONFIG_HOME/llm-native or ~/.config/llm-native)
`;

class UsageError extends Error {}

function configure() {
  const env = process.env;
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
      for (const id of KNOWN_PROVIDERS) if (await auth.hasApiKey(id)) found.push(id);
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

async function main([command, ...args]) {
  configure();
  switch (command) {
    case 'keys': return keys(args[0], args[1]);
    case 'login': return login(args[0]);
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
