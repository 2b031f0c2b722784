// The llm-native command in child processes: keys, help and exit codes, custom providers, models,
// did-you-mean, the no-keychain message, chat (local model and a registered provider), Ctrl-C, and
// the terminal paths (hidden key prompt, colours, progress) in a pseudo-terminal via script(1).
import { describe, it, expect, afterAll } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { configureAuth, hasApiKey } from '../index.js';
import { startServer, sendSse, openaiTextDeltasBody } from './helpers.mjs';

const bin = path.resolve('bin/llm-native.mjs');
const { version } = JSON.parse(fs.readFileSync('package.json', 'utf8'));
const service = `llm-native-cli-test-${process.pid}`;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'llm-native-cli-'));
configureAuth({ keychainService: service });
const keychain = await hasApiKey('probe').then(() => true, () => false);
// Without a reachable keychain the CLI is pointed at the opt-in file store instead.
const env = {
  ...process.env,
  LLM_NATIVE_KEYCHAIN_SERVICE: service,
  LLM_NATIVE_CONFIG_DIR: path.join(dir, 'config'),
  ...(keychain ? {} : { LLM_NATIVE_FALLBACK_STORE: 'file' }),
};
// Colour is decided by the terminal alone here: Node reports 2 colours under `CI` and
// NODE_DISABLE_COLORS, which CI machines set.
for (const name of ['FORCE_COLOR', 'NO_COLOR', 'NODE_DISABLE_COLORS', 'CI']) delete env[name];
const cli = (args, { input, extraEnv = {} } = {}) =>
  spawnSync(process.execPath, [bin, ...args], { env: { ...env, ...extraEnv }, input, encoding: 'utf8' });
/** Asynchronous, for runs that talk to a server in this process. */
const run = (args, extraEnv = {}) => new Promise((resolve) => {
  const child = spawn(process.execPath, [bin, ...args], { env: { ...env, ...extraEnv } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => { stdout += d; });
  child.stderr.on('data', (d) => { stderr += d; });
  child.on('close', (status) => resolve({ status, stdout, stderr }));
  child.stdin.end();
});
const KEY = 'sk-cli-0123456789abcdef';
const ANSI = /\x1b\[\d+m/;

/**
 * Runs the CLI in a pseudo-terminal (script -qec). `script` forwards what `respond(output)`
 * returns as keystrokes, once the output so far ends as expected (so nothing is typed before the
 * program put the terminal in the mode it wants).
 */
function inTerminal(args, { extraEnv = {}, respond } = {}) {
  const command = [process.execPath, bin, ...args].map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(' ');
  return new Promise((resolve) => {
    const child = spawn('script', ['-qec', command, '/dev/null'], { env: { ...env, TERM: 'xterm-256color', ...extraEnv } });
    let output = '';
    child.stdout.on('data', (d) => {
      output += d;
      const keys = respond?.(output);
      if (keys) child.stdin.write(keys);
    });
    child.on('close', (status) => resolve({ status, output }));
  });
}

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('llm-native keys', () => {
  it('set (stdin) / list / delete, never printing the key', () => {
    const outputs = [];
    const runKeys = (args, input) => { const r = cli(args, { input }); outputs.push(r.stdout, r.stderr); return r; };
    expect(runKeys(['keys', 'list']).stdout).toBe('(no stored keys)\n');
    const set = runKeys(['keys', 'set', 'deepseek'], `${KEY}\n`);
    expect(set.status).toBe(0);
    expect(set.stdout).toMatch(/^stored the deepseek API key in the (keychain|credential store)\n$/);
    runKeys(['keys', 'set', 'groq'], 'gsk-cli-0123456789\n');
    expect(runKeys(['keys', 'list']).stdout).toBe('deepseek\ngroq\n');
    expect(runKeys(['keys', 'delete', 'deepseek']).stdout).toBe('deleted the deepseek API key\n');
    expect(runKeys(['keys', 'delete', 'deepseek']).stdout).toBe('no deepseek API key was stored\n');
    expect(runKeys(['keys', 'list']).stdout).toBe('groq\n');
    runKeys(['keys', 'delete', 'groq']);
    const empty = runKeys(['keys', 'set', 'groq'], '');
    expect(empty.status).toBe(2);
    expect(empty.stderr).toBe('llm-native: no key given\n');
    const all = outputs.join('\n');
    expect(all.includes(KEY) || all.includes('gsk-cli-0123456789')).toBe(false);
  });

  it('a typo in a provider id gets a suggestion and exit 2; a bad subcommand too', () => {
    const typo = cli(['keys', 'set', 'opena'], { input: 'sk-x\n' });
    expect(typo.status).toBe(2);
    expect(typo.stderr).toBe('llm-native: unknown provider opena (did you mean openai?); see llm-native providers list\n');
    const sub = cli(['keys', 'lst']);
    expect(sub.status).toBe(2);
    expect(sub.stderr).toMatch(/^llm-native: unknown keys command lst \(did you mean list\?\)\n\nusage: llm-native keys set/);
    expect(cli(['keys', 'set']).stderr).toMatch(/^llm-native: missing <provider>\n/);
  });

  it('with no keychain the message names --file-store, which then works', () => {
    const noKeychain = { DBUS_SESSION_BUS_ADDRESS: `unix:path=${path.join(dir, 'no-bus')}`, LLM_NATIVE_FALLBACK_STORE: '', LLM_NATIVE_CONFIG_DIR: path.join(dir, 'nokeychain') };
    const list = cli(['keys', 'list'], { extraEnv: noKeychain });
    expect(list.status).toBe(1);
    expect(list.stderr).toMatch(/^llm-native: No OS keychain is reachable \(.*\)\. Start a Secret Service \(e\.g\. gnome-keyring\) or keep credentials in a file: add --file-store \(or set LLM_NATIVE_FALLBACK_STORE=file\) to use .*nokeychain\/credentials\.json \(mode 0600\)\.\n$/);
    expect(list.stderr).not.toContain('configureAuth');
    const set = cli(['--file-store', 'keys', 'set', 'openai'], { input: `${KEY}\n`, extraEnv: noKeychain });
    expect(set.stdout).toBe('stored the openai API key in the credential store\n');
    expect(cli(['keys', 'list', '--file-store'], { extraEnv: noKeychain }).stdout).toBe('openai\n');
    const file = path.join(dir, 'nokeychain', 'credentials.json');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    // status still shows the environment when the keychain cannot answer.
    const status = cli(['status', 'openai'], { extraEnv: { ...noKeychain, OPENAI_API_KEY: 'x' } });
    expect(status.stdout).toBe('provider  environment           keychain  login\nopenai    OPENAI_API_KEY (set)  ?         ?\n');
    expect(status.stderr).toMatch(/^\(keychain: No OS keychain is reachable/);
  });
});

describe('llm-native help, version, exit codes', () => {
  it('--version, help, per-command --help (models --help is help, not the catalogue)', () => {
    expect(cli(['--version']).stdout).toBe(`llm-native ${version}\n`);
    expect(cli(['-V']).stdout).toBe(`llm-native ${version}\n`);
    const top = cli([]);
    expect(top.status).toBe(0);
    expect(top.stdout).toMatch(/^usage: llm-native <command> \[options\]\n/);
    expect(top.stdout).toContain('130  interrupted (Ctrl-C)');
    for (const command of ['keys', 'login', 'logout', 'status', 'models', 'providers', 'chat']) {
      const help = cli([command, '--help']);
      expect(help.status).toBe(0);
      expect(help.stdout).toMatch(new RegExp(`^usage: llm-native ${command}`));
      expect(help.stdout).toContain('exit codes:');
      expect(cli(['help', command]).stdout).toBe(help.stdout);
    }
    const models = cli(['models', '--help']).stdout;
    expect(models).not.toContain('claude-sonnet-4-5');
    expect(models.split('\n').length).toBeLessThan(30);
  });

  it('unknown commands and options are usage errors (exit 2) with a suggestion', () => {
    const unknown = cli(['modles']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toBe('llm-native: unknown command modles (did you mean models?); llm-native help lists them\n');
    expect(cli(['nope']).stderr).toBe('llm-native: unknown command nope; llm-native help lists them\n');
    const option = cli(['models', '--availabel']);
    expect(option.status).toBe(2);
    expect(option.stderr).toMatch(/^llm-native: Unknown option '--availabel'/);
    expect(cli(['help', 'chta']).stderr).toBe('llm-native: no command chta (did you mean chat?); llm-native help lists them\n');
    expect(cli(['login', 'antropic']).stderr).toBe('llm-native: no login for antropic (did you mean anthropic?); logins: anthropic, openai, github-copilot\n');
  });
});

describe('llm-native providers and models', () => {
  it('providers add / list / remove, persisted in the config dir', () => {
    const extraEnv = { LLM_NATIVE_CONFIG_DIR: path.join(dir, 'providers') };
    const add = cli(['providers', 'add', 'acme', '--base-url', 'http://127.0.0.1:9/v1', '--name', 'Acme AI', '--api-key-env', 'ACME_KEY', '--models', 'a1, a2'], { extraEnv });
    expect(add.stderr).toBe('');
    expect(add.stdout).toBe('added acme (openai-chat, http://127.0.0.1:9/v1); its models are acme/<model>\n');
    const saved = JSON.parse(fs.readFileSync(path.join(dir, 'providers', 'providers.json'), 'utf8'));
    expect(JSON.stringify(saved)).toContain('"defaultModels":["a1","a2"]');
    const list = cli(['providers', 'list'], { extraEnv }).stdout.split('\n');
    // Aligned: every column starts where the header's does.
    const header = list[0];
    const acme = list.find((l) => l.startsWith('acme '));
    for (const column of ['name', 'protocol', 'base URL', 'credentials']) {
      const at = header.indexOf(column);
      expect(acme.slice(at - 2, at)).toBe('  ');
      expect(acme[at]).not.toBe(' ');
    }
    expect(acme).toMatch(/^acme +Acme AI +openai-chat +http:\/\/127\.0\.0\.1:9\/v1 +- +custom$/);
    expect(list.find((l) => l.startsWith('openai '))).toMatch(/^openai +OpenAI +openai-responses +https:\/\/api\.openai\.com\/v1 +-$/);
    expect(cli(['providers', 'add', 'acme2'], { extraEnv }).stderr).toMatch(/^llm-native: missing --base-url <url>/);
    const bad = cli(['providers', 'add', 'bad id', '--base-url', 'http://x'], { extraEnv });
    expect(bad.status).toBe(2);
    expect(cli(['providers', 'remove', 'openai'], { extraEnv }).stderr).toBe('llm-native: openai is built in; only custom providers can be removed\n');
    expect(cli(['providers', 'remove', 'acme'], { extraEnv }).stdout).toBe('removed acme\n');
    expect(cli(['providers', 'list'], { extraEnv }).stdout).not.toMatch(/^acme /m);
    expect(cli(['providers', 'remove', 'acme'], { extraEnv }).status).toBe(2);
  });

  it('models: the catalogue as an aligned table, filtered by provider, with no colour in a pipe', () => {
    const r = cli(['models']);
    expect(r.status).toBe(0);
    expect(r.stdout).not.toMatch(ANSI);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.find((l) => l.startsWith('anthropic/claude-sonnet-4-5 '))).toMatch(/^anthropic\/claude-sonnet-4-5 +Claude Sonnet 4\.5 +\d+k ctx +\$3\/\$15 per M$/);
    // The name column starts at the same place on every line.
    const nameAt = (l) => l.search(/ {2}\S/) + 2;
    expect(new Set(lines.map(nameAt)).size).toBe(1);
    const anthropic = cli(['models', 'anthropic']).stdout.trimEnd().split('\n');
    expect(anthropic.length).toBeGreaterThan(1);
    expect(anthropic.every((l) => l.startsWith('anthropic/'))).toBe(true);
    const typo = cli(['models', 'antropic']);
    expect(typo.status).toBe(2);
    expect(typo.stderr).toContain('did you mean anthropic?');
    expect(cli(['models'], { extraEnv: { FORCE_COLOR: '1' } }).stdout).toMatch(ANSI);
  });

  it('models --available merges a live list; chat streams through a registered provider; Ctrl-C exits 130 and closes the connection', async () => {
    let hang = false;
    const server = await startServer((req, _b, res) => {
      if (req.url.endsWith('/models')) {
        res.writeHead(200, { 'content-type': 'application/json' });
        return res.end(JSON.stringify({ object: 'list', data: [{ id: 'live-model-1', object: 'model' }] }));
      }
      if (hang) {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        return res.write(openaiTextDeltasBody(['Hello']).split('\n\n').slice(0, 2).join('\n\n') + '\n\n');
      }
      return sendSse(res, openaiTextDeltasBody(['Hello', ' from', ' chat']));
    });
    const configDir = path.join(dir, 'registry');
    const extraEnv = { LLM_NATIVE_CONFIG_DIR: configDir, CLITEST_KEY: 'sk-clitest-1' };
    expect((await run(['providers', 'add', 'clitest', '--base-url', `${server.url}/v1`, '--api-key-env', 'CLITEST_KEY'], extraEnv)).status).toBe(0);

    const available = await run(['models', '--available', 'clitest'], extraEnv);
    expect(available.status).toBe(0);
    expect(available.stdout).toBe('clitest/live-model-1  live\n');
    expect(available.stderr).toBe('fetching live model lists…\n');

    const chat = await run(['chat', '-m', 'clitest/m1', 'say', 'hello'], extraEnv);
    expect(chat.stderr).toBe('');
    expect(chat.status).toBe(0);
    expect(chat.stdout).toBe('Hello from chat\n[clitest/m1: 10 in / 3 out tokens]\n');
    const request = server.requests.find((r) => r.body?.messages);
    expect(request.body.messages).toEqual([{ role: 'user', content: 'say hello' }]);
    expect(request.headers.authorization).toBe('Bearer sk-clitest-1');

    const piped = spawnSync(process.execPath, [bin, 'chat', '-m'], { env, encoding: 'utf8' });
    expect(piped.status).toBe(2);
    expect(piped.stderr).toBe("llm-native: Option '-m, --model <value>' argument missing\n");

    // Ctrl-C while the reply streams: the connection is closed and the exit code is 130.
    hang = true;
    const closedBefore = server.closedSockets.length;
    const child = spawn(process.execPath, [bin, 'chat', '-m', 'clitest/m1', 'hi'], { env: { ...env, ...extraEnv } });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      if (out.includes('Hello')) child.kill('SIGINT');
    });
    const status = await new Promise((resolve) => child.on('close', resolve));
    expect(out).toBe('Hello');
    expect(status).toBe(130);
    await expect.poll(() => server.closedSockets.length).toBeGreaterThan(closedBefore);
    await server.close();
  });
});

describe('llm-native chat on the local model', () => {
  it('with no configuration uses the local scripted model and says how to add a real one', () => {
    const r = cli(['chat', 'hello', 'there'], { extraEnv: { LLM_NATIVE_CONFIG_DIR: path.join(dir, 'empty') } });
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('llm-native keys set openai');
    expect(r.stdout).toMatch(/^No tools were offered, so I answer directly\.\n\nI am llm-native's local scripted model, .*You said: "hello there"\n\[local\/scripted-1: \d+ in \/ \d+ out tokens \(\d+ reasoning\), \$0\.\d+\]\n$/);
    const piped = cli(['chat'], { input: 'from stdin' });
    expect(piped.stdout).toContain('You said: "from stdin"');
  });
});

describe('llm-native usage and models --update', () => {
  it('usage shows the steps of earlier processes (each flushed at exit) per day and model', () => {
    const extraEnv = { LLM_NATIVE_CONFIG_DIR: path.join(dir, 'ledger') };
    expect(cli(['usage'], { extraEnv }).stdout).toBe('no steps recorded\n');
    for (let i = 0; i < 2; i++) expect(cli(['chat', 'hi'], { extraEnv }).status).toBe(0);
    const json = JSON.parse(cli(['usage', '--json'], { extraEnv }).stdout);
    expect(json.total.steps).toBe(2);
    expect(json.groups).toEqual([expect.objectContaining({ provider: 'llm-native-local', model: 'scripted-1', steps: 2, day: new Date().toISOString().slice(0, 10) })]);
    const lines = cli(['usage', '--since', '2000-01-01'], { extraEnv }).stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^day +model +steps +input +output +cache +cost +errors$/);
    expect(lines[1]).toMatch(/^\d{4}-\d{2}-\d{2} +llm-native-local\/scripted-1 +2 +\d+ +\d+ +\d+ +\$\d\.\d{4} +0$/);
    expect(lines[2]).toMatch(/^total +2 /);
    expect(cli(['usage', '--since', 'yesterday-ish'], { extraEnv }).status).toBe(1);
  });

  it('models --update loads a catalogue file (checked against --sha256) that later runs list', () => {
    const extraEnv = { LLM_NATIVE_CONFIG_DIR: path.join(dir, 'catalog') };
    const file = path.join(dir, 'catalog-update.json');
    fs.writeFileSync(file, JSON.stringify({ updated: '2026-12-01', models: [{ provider: 'openai', id: 'gpt-cli', name: 'GPT CLI' }] }));
    const wrong = cli(['models', '--update', '--file', file, '--sha256', '00'], { extraEnv });
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toContain('SHA-256');
    const r = cli(['models', '--update', '--file', file], { extraEnv });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('catalogue of 2026-12-01: 1 models from');
    expect(cli(['models', 'openai'], { extraEnv }).stdout).toContain('openai/gpt-cli');
  });
});

describe('llm-native in a terminal', () => {
  it('keys set reads the key from a hidden prompt (never echoed)', async () => {
    const { status, output } = await inTerminal(['keys', 'set', 'mistral'], {
      respond: (o) => (o.endsWith('API key for mistral: ') ? `${KEY}\r` : undefined),
    });
    expect(status).toBe(0);
    expect(output).not.toContain(KEY);
    expect(output.replaceAll('\r', '')).toMatch(/^API key for mistral: \nstored the mistral API key in the (keychain|credential store)\n$/);
    expect(cli(['keys', 'list']).stdout).toContain('mistral');
    cli(['keys', 'delete', 'mistral']);
  });

  it('colours in a terminal, none with NO_COLOR or --no-color', async () => {
    expect((await inTerminal(['models', 'anthropic'])).output).toMatch(ANSI);
    expect((await inTerminal(['models', 'anthropic'], { extraEnv: { NO_COLOR: '1' } })).output).not.toMatch(ANSI);
    expect((await inTerminal(['models', 'anthropic', '--no-color'])).output).not.toMatch(ANSI);
    const chat = await inTerminal(['chat', 'hi']);
    // Reasoning dimmed.
    expect(chat.output).toContain('\x1b[2mNo \x1b[22m');
  });

  it('a spinner while the live model lists load; a conversation on the local model', async () => {
    const server = await startServer(async (req, _b, res) => {
      await new Promise((r) => setTimeout(r, 600));
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ object: 'list', data: [{ id: 'slow-1', object: 'model' }] }));
    });
    const extraEnv = { LLM_NATIVE_CONFIG_DIR: path.join(dir, 'slow') };
    cli(['providers', 'add', 'slow', '--base-url', `${server.url}/v1`], { extraEnv });
    const { status, output } = await inTerminal(['models', '--available', 'slow'], { extraEnv });
    expect(status).toBe(0);
    expect(output).toMatch(/⠋.*fetching live model lists…/);
    expect(output).toContain('\r\x1b[2K');
    expect(output).toMatch(/slow\/slow-1.*live/);
    await server.close();

    let sent = 0;
    const talk = await inTerminal(['chat'], {
      respond: (o) => {
        const prompts = o.split('› ').length - 1;
        if (prompts === 1 && sent === 0) { sent++; return 'first question\r'; }
        if (prompts === 2 && sent === 1) { sent++; return 'second one\r'; }
        if (prompts === 3 && sent === 2) { sent++; return '\r'; }
        return undefined;
      },
    });
    expect(talk.status).toBe(0);
    expect(talk.output).toContain('You said: "first question"');
    expect(talk.output).toContain('You said: "second one"');
    // Ctrl-C at the prompt ends the conversation with 130.
    let interrupted = false;
    const quit = await inTerminal(['chat'], {
      respond: (o) => {
        if (interrupted || !o.includes('› ')) return undefined;
        interrupted = true;
        return '\x03';
      },
    });
    expect(quit.status).toBe(130);
  });
});
