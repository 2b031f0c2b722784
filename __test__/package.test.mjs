// The package as npm users get it: per-platform packages that match `napi.targets`, the
// `optionalDependencies` that `napi prepublish` writes for them, and `npm pack` of the root and
// the linux-x64-gnu package installed into an empty project (registry only, no network beyond it),
// used from CommonJS, ESM and TypeScript (`nodenext` and `bundler`).
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it, expect, afterAll } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'llm-native-pack-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));
const napi = path.join(root, 'node_modules/.bin/napi');
const tsc = path.join(root, 'node_modules/typescript/bin/tsc');

/** napi-rs's platform directory for a target triple. */
function suffix(triple) {
  const [arch, , system, abi] = triple.split('-');
  const cpu = { x86_64: 'x64', aarch64: 'arm64' }[arch];
  const platform = { linux: 'linux', darwin: 'darwin', windows: 'win32' }[system];
  if (platform === 'linux') return `linux-${cpu}-${abi}`;
  return platform === 'win32' ? `win32-${cpu}-${abi}` : `darwin-${cpu}`;
}

function run(cmd, args, cwd, env = {}) {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 180_000 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

describe('per-platform packages', () => {
  it('npm/ has one package per napi target, named, versioned and constrained as napi-rs does', () => {
    expect(pkg.napi.targets).toContain('x86_64-unknown-linux-musl');
    expect(pkg.napi.targets).toContain('aarch64-unknown-linux-musl');
    const dirs = fs.readdirSync(path.join(root, 'npm')).sort();
    expect(dirs).toEqual(pkg.napi.targets.map(suffix).sort());
    for (const triple of pkg.napi.targets) {
      const s = suffix(triple);
      const p = JSON.parse(fs.readFileSync(path.join(root, 'npm', s, 'package.json'), 'utf8'));
      expect(p.name).toBe(`llm-native-${s}`);
      expect(p.version).toBe(pkg.version);
      expect(p.main).toBe(`llm-native.${s}.node`);
      expect(p.files).toEqual([`llm-native.${s}.node`]);
      expect(p.os).toEqual([s.split('-')[0]]);
      expect(p.cpu).toEqual([s.split('-')[1]]);
      if (s.startsWith('linux')) expect(p.libc).toEqual([s.endsWith('musl') ? 'musl' : 'glibc']);
    }
    expect(pkg.scripts.prepublishOnly).toBe('napi prepublish -t npm');
    expect(pkg.license).toBe('MIT');
    expect(fs.existsSync(path.join(root, 'LICENSE'))).toBe(true);
    for (const k of ['repository', 'homepage', 'keywords']) expect(pkg[k]).toBeTruthy();
  });

  it('the release workflow builds every target', () => {
    const workflow = fs.readFileSync(path.join(root, '.github/workflows/release.yml'), 'utf8');
    for (const triple of pkg.napi.targets) expect(workflow).toContain(`target: ${triple}`);
    expect(workflow).toMatch(/napi prepublish -t npm/);
  });
});

let packed = null;

/** A copy of the package as `napi prepublish` leaves it (placeholder binaries for the targets not built here). */
function prepublished() {
  if (packed) return packed;
  const dir = path.join(work, 'package');
  fs.mkdirSync(dir);
  for (const f of [...pkg.files, 'package.json', 'README.md', 'LICENSE', 'npm']) {
    fs.cpSync(path.join(root, f), path.join(dir, f), { recursive: true });
  }
  for (const triple of pkg.napi.targets) {
    const s = suffix(triple);
    const local = path.join(root, `llm-native.${s}.node`);
    const target = path.join(dir, 'npm', s, `llm-native.${s}.node`);
    if (fs.existsSync(local)) fs.copyFileSync(local, target);
    else fs.writeFileSync(target, '');
  }
  execFileSync('git', ['init', '-q'], { cwd: dir });
  run(napi, ['pre-publish', '-t', 'npm', '--skip-optional-publish', '--no-gh-release'], dir);
  packed = dir;
  return dir;
}

describe('napi prepublish', () => {
  it('writes optionalDependencies with the exact version of every target package', () => {
    const written = JSON.parse(fs.readFileSync(path.join(prepublished(), 'package.json'), 'utf8'));
    const expected = Object.fromEntries(pkg.napi.targets.map((t) => [`llm-native-${suffix(t)}`, pkg.version]));
    expect(written.optionalDependencies).toEqual(expected);
  }, 120_000);
});

const linuxX64Gnu = process.platform === 'linux' && process.arch === 'x64' && process.report.getReport().header.glibcVersionRuntime;

describe.runIf(linuxX64Gnu)('npm pack + install into an empty project', () => {
  const app = path.join(work, 'app');

  it('installs from the two tarballs and streams from CommonJS and ESM', async () => {
    const dir = prepublished();
    run('npm', ['pack', '--silent', '--pack-destination', work], dir);
    run('npm', ['pack', '--silent', '--pack-destination', work], path.join(dir, 'npm/linux-x64-gnu'));
    fs.mkdirSync(app);
    fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'app', private: true }));
    run('npm', ['install', '--no-audit', '--no-fund', path.join(work, `llm-native-${pkg.version}.tgz`), path.join(work, `llm-native-linux-x64-gnu-${pkg.version}.tgz`)], app);
    const server = `
      const http = require('node:http');
      const body = 'data: {"id":"c","created":1,"model":"m","choices":[{"index":0,"delta":{"content":"packed"},"finish_reason":"stop"}]}\\n\\ndata: [DONE]\\n\\n';
      const s = http.createServer((q, r) => { q.resume(); q.on('end', () => { r.writeHead(200, { 'content-type': 'text/event-stream' }); r.end(body); }); });`;
    fs.writeFileSync(path.join(app, 'cjs.cjs'), `${server}
      const { streamText, createOpenAICompatible } = require('llm-native');
      s.listen(0, '127.0.0.1', async () => {
        const m = createOpenAICompatible({ name: 'l', baseURL: 'http://127.0.0.1:' + s.address().port + '/v1' })('m');
        console.log(await streamText({ model: m, prompt: 'hi' }).text); s.close();
      });`);
    fs.writeFileSync(path.join(app, 'esm.mjs'), `import { createRequire } from 'node:module';
      const require = createRequire(import.meta.url);
      ${server}
      import { streamText, createOpenAICompatible } from 'llm-native';
      s.listen(0, '127.0.0.1', async () => {
        const m = createOpenAICompatible({ name: 'l', baseURL: 'http://127.0.0.1:' + s.address().port + '/v1' })('m');
        console.log(await streamText({ model: m, prompt: 'hi' }).text); s.close();
      });`);
    expect(run(process.execPath, ['cjs.cjs'], app).trim()).toBe('packed');
    expect(run(process.execPath, ['esm.mjs'], app).trim()).toBe('packed');
    // The command is in the package too (bin/ and cli/), and its local model needs nothing else.
    expect(run(path.join(app, 'node_modules/.bin/llm-native'), ['--version'], app).trim()).toBe(`llm-native ${pkg.version}`);
    expect(run(path.join(app, 'node_modules/.bin/llm-native'), ['chat', 'packed?'], app)).toContain('You said: "packed?"');
  }, 180_000);

  it('type-checks with moduleResolution nodenext and bundler', () => {
    fs.writeFileSync(path.join(app, 'main.ts'), `import { streamText, createOpenAI, tool, jsonSchema, type LanguageModel } from 'llm-native';
      const model: LanguageModel = createOpenAI({ apiKey: 'k' })('gpt-4o');
      const result = streamText({ model, prompt: 'hi', tools: { t: tool({ inputSchema: jsonSchema<{ a: string }>({ type: 'object' }) }) } });
      export const text: Promise<string> = result.text;
    `);
    for (const [module, resolution] of [['nodenext', 'nodenext'], ['esnext', 'bundler']]) {
      run(process.execPath, [tsc, '--noEmit', '--strict', '--skipLibCheck', 'false', '--module', module, '--moduleResolution', resolution, '--target', 'es2022', '--types', 'node', '--typeRoots', path.join(root, 'node_modules/@types'), 'main.ts'], app);
    }
  }, 120_000);

  it('without the platform package, the error says which package is missing', () => {
    fs.rmSync(path.join(app, 'node_modules/llm-native-linux-x64-gnu'), { recursive: true });
    const r = spawnSync(process.execPath, ['-e', "require('llm-native')"], { cwd: app, encoding: 'utf8' });
    expect(r.status).not.toBe(0);
    const message = r.stderr.split('\n').find((l) => l.startsWith('Error: llm-native'));
    expect(message).toMatch(/the platform package llm-native-linux-x64-gnu \(os linux, cpu x64, libc glibc\) is not installed/);
    // napi-rs's loader blames npm; its error is only the cause.
    expect(message).not.toMatch(/npm has a bug/);
  });
});

describe('a source checkout without a build', () => {
  it('says to run npm run build', () => {
    const checkout = path.join(work, 'checkout');
    fs.mkdirSync(checkout);
    for (const f of ['package.json', 'index.js', 'binding.js', 'lib', 'Cargo.toml']) fs.cpSync(path.join(root, f), path.join(checkout, f), { recursive: true });
    const r = spawnSync(process.execPath, ['-e', "require('./index.js')"], { cwd: checkout, encoding: 'utf8' });
    expect(r.stderr).toMatch(/this checkout's native addon is not built \(no llm-native\.linux-x64-gnu\.node|this checkout's native addon is not built/);
    expect(r.stderr).toMatch(/npm run build/);
  });
});
