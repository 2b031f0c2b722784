#!/usr/bin/env node
// Regenerates the compiled-in model catalogue (crates/core/src/catalog/models.json) from the
// models.dev database (https://models.dev, MIT licence). No dependencies.
//
//   node scripts/catalog-from-models-dev.mjs <api.json> [options]
//   node scripts/catalog-from-models-dev.mjs --from-repo <dir> [options]
//   node scripts/catalog-from-models-dev.mjs --check [models.json]
//
// Input, one of:
//   <api.json>          https://models.dev/api.json, or a file of the same shape (see README.md
//                       next to models.json for that shape).
//   --from-repo <dir>   a models.dev repository: a checked-out tree (with providers/ and models/)
//                       or a git directory (read at HEAD with git ls-tree / cat-file, no checkout).
//                       The api.json-shaped object is built from its TOML files the way the
//                       models.dev build (packages/core/src/generate.ts) builds it: base_model
//                       inheritance from models/, base_model_omit, the cost.tiers normalisation.
// Options:
//   --out <file>          where to write (default: crates/core/src/catalog/models.json)
//   --current <file>      the catalogue whose ids and aliases are kept (default: the --out file)
//   --date YYYY-MM-DD     snapshot date (default with --from-repo on git: the HEAD commit date)
//   --commit <sha>        snapshot commit (default with --from-repo on git: HEAD)
//   --write-api <file>    also write the api.json-shaped input (useful with --from-repo)
//   --dry-run             print the summary, write nothing
//   --check [file]        validate a catalogue (default: the --out file) and exit; also run
//                         after every generation, before writing.
//
// Rules (per provider in PROVIDERS below):
// - every model of the provider is taken, except: models.dev `status = "deprecated"`; models
//   without text output (image / video / speech generators); embedding models (family or id
//   contains "embed"); models without a context window (limit.context 0: image generators with
//   text output, transcription); models with a context window below 8,192 tokens (guard models
//   and a few old chat models; the Rust tests require >= 8,192). An id the current catalogue has
//   (as id or alias) is always kept, whatever these rules say;
// - an id of the current catalogue that models.dev no longer lists keeps its old entry; if
//   models.dev lists one of its aliases instead, that model's data is used under the old id;
// - the current catalogue's aliases are kept; a models.dev model whose id is such an alias is
//   folded into the aliased entry (it is not an entry of its own). No new aliases are made:
//   resolving an alias sends the catalogue id, and a dated snapshot is not the same model as
//   the moving name once the name moves on;
// - contextWindow = limit.context, maxOutputTokens = limit.output (0 or absent: null);
// - cost = cost.{input, output, cache_read → cacheRead, cache_write → cacheWrite}, base tier
//   only (cost.tiers / context_over_200k / experimental modes are not modelled); no cost for
//   providers marked `noCost` (GitHub Copilot: a subscription);
// - capabilities: tools = tool_call; reasoning = reasoning; imageInput = modalities.input
//   includes "image" (attachment when modalities are missing); structuredOutput =
//   structured_output when models.dev says, else tool_call (a model that calls tools can be made
//   to answer in a JSON schema through a forced tool, which is what the AI SDK falls back to);
// - name = models.dev's name, spaces collapsed, without a trailing " (latest)" (models.dev marks
//   moving ids so).
// Output: providers in PROVIDERS order, models sorted by id (code-point order), one per line.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DEFAULT_OUT = path.join(ROOT, 'crates/core/src/catalog/models.json');

/** models.dev provider id → ours. Order = output order. */
const PROVIDERS = [
  { ours: 'openai', dev: 'openai' },
  { ours: 'anthropic', dev: 'anthropic' },
  { ours: 'google', dev: 'google' },
  { ours: 'deepseek', dev: 'deepseek' },
  { ours: 'openrouter', dev: 'openrouter' },
  { ours: 'groq', dev: 'groq' },
  { ours: 'xai', dev: 'xai' },
  { ours: 'mistral', dev: 'mistral' },
  { ours: 'moonshot', dev: 'moonshotai' }, // api.moonshot.ai (moonshotai-cn is api.moonshot.cn)
  { ours: 'zhipu', dev: 'zhipuai' }, // open.bigmodel.cn (zai is api.z.ai)
  { ours: 'qwen', dev: 'alibaba' }, // dashscope-intl (alibaba-cn is dashscope.aliyuncs.com)
  { ours: 'minimax', dev: 'minimax' }, // api.minimax.io (minimax-cn is minimaxi.com)
  { ours: 'together', dev: 'togetherai' },
  { ours: 'fireworks', dev: 'fireworks-ai' },
  { ours: 'cerebras', dev: 'cerebras' },
  { ours: 'github-copilot', dev: 'github-copilot', noCost: true },
  // Built-ins added after the last regeneration (their entries arrive with the next one):
  { ours: 'zai', dev: 'zai' },
  { ours: 'zai-coding-plan', dev: 'zai-coding-plan', noCost: true },
  { ours: 'zhipu-coding-plan', dev: 'zhipuai-coding-plan', noCost: true },
  { ours: 'moonshot-cn', dev: 'moonshotai-cn' },
  { ours: 'kimi-coding', dev: 'kimi-for-coding', noCost: true },
  { ours: 'alibaba-cn', dev: 'alibaba-cn' },
  { ours: 'zenmux', dev: 'zenmux' },
  { ours: 'vercel', dev: 'vercel' },
];

const MIN_CONTEXT = 8192;

const COMMENT =
  'Model catalogue compiled into the addon, generated from models.dev (https://models.dev, MIT licence) by ' +
  'scripts/catalog-from-models-dev.mjs; see README.md here. Prices in USD per million tokens (cost.cacheRead / ' +
  'cacheWrite where the provider bills them differently; absent = billed as input). Base tier only: long-context ' +
  'surcharges are not modelled. Copilot models are covered by the subscription (no cost). null = not known.';

// ---------------------------------------------------------------------------------------------
// TOML (the subset models.dev uses, and a little more): tables, arrays of tables, dotted and
// quoted keys, basic / literal / multi-line strings, integers with _, floats, booleans, dates
// (kept as strings), arrays over several lines, inline tables.

export function parseToml(src, file = '<toml>') {
  const root = {};
  let cur = root;
  let i = 0;
  const fail = (msg) => {
    const line = src.slice(0, i).split('\n').length;
    throw new Error(`${file}:${line}: ${msg}`);
  };
  const ws = () => { while (src[i] === ' ' || src[i] === '\t') i++; };
  const comment = () => { if (src[i] === '#') while (i < src.length && src[i] !== '\n') i++; };
  const blank = () => { // whitespace, newlines, comments
    for (;;) {
      ws(); comment();
      if (src[i] === '\n') i++;
      else if (src[i] === '\r' && src[i + 1] === '\n') i += 2;
      else return;
    }
  };
  const endOfLine = () => {
    ws(); comment();
    if (i >= src.length) return;
    if (src[i] === '\n') { i++; return; }
    if (src[i] === '\r' && src[i + 1] === '\n') { i += 2; return; }
    fail(`unexpected ${JSON.stringify(src[i])}`);
  };
  const escape = () => {
    const c = src[i++];
    const simple = { b: '\b', t: '\t', n: '\n', f: '\f', r: '\r', '"': '"', '\\': '\\', e: '\x1b' };
    if (c in simple) return simple[c];
    if (c === 'u' || c === 'U') {
      const n = c === 'u' ? 4 : 8;
      const hex = src.slice(i, i + n);
      if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== n) fail('bad unicode escape');
      i += n;
      return String.fromCodePoint(parseInt(hex, 16));
    }
    fail(`bad escape \\${c}`);
  };
  const string = () => {
    if (src.startsWith('"""', i)) {
      i += 3;
      if (src[i] === '\n') i++; else if (src.startsWith('\r\n', i)) i += 2;
      let out = '';
      for (;;) {
        if (i >= src.length) fail('unterminated string');
        if (src.startsWith('"""', i)) {
          let q = 3; while (src[i + q] === '"' && q < 5) q++;
          out += '"'.repeat(q - 3); i += q; return out;
        }
        if (src[i] === '\\') {
          i++;
          if (/[ \t\r\n]/.test(src[i])) { // line-ending backslash
            while (/[ \t\r\n]/.test(src[i])) i++;
          } else out += escape();
        } else out += src[i++];
      }
    }
    if (src.startsWith("'''", i)) {
      i += 3;
      if (src[i] === '\n') i++; else if (src.startsWith('\r\n', i)) i += 2;
      const end = src.indexOf("'''", i);
      if (end < 0) fail('unterminated string');
      let q = 3; while (src[end + q] === "'" && q < 5) q++;
      const out = src.slice(i, end) + "'".repeat(q - 3);
      i = end + q; return out;
    }
    if (src[i] === "'") {
      const end = src.indexOf("'", i + 1);
      if (end < 0 || src.slice(i + 1, end).includes('\n')) fail('unterminated string');
      const out = src.slice(i + 1, end); i = end + 1; return out;
    }
    i++; // "
    let out = '';
    for (;;) {
      const c = src[i];
      if (c === undefined || c === '\n') fail('unterminated string');
      if (c === '"') { i++; return out; }
      if (c === '\\') { i++; out += escape(); } else { out += c; i++; }
    }
  };
  const key = () => { // dotted key → parts
    const parts = [];
    for (;;) {
      ws();
      if (src[i] === '"' || src[i] === "'") parts.push(string());
      else {
        const m = /^[A-Za-z0-9_-]+/.exec(src.slice(i, i + 200));
        if (!m) fail('expected a key');
        parts.push(m[0]); i += m[0].length;
      }
      ws();
      if (src[i] === '.') { i++; continue; }
      return parts;
    }
  };
  const isTable = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
  const descend = (table, parts, create) => { // walks to the table named by parts
    let t = table;
    for (const p of parts) {
      if (!(p in t)) t[p] = {};
      else if (!create && Array.isArray(t[p])) { t = t[p].at(-1); continue; }
      const next = Array.isArray(t[p]) ? t[p].at(-1) : t[p];
      if (!isTable(next)) fail(`key ${p} is not a table`);
      t = next;
    }
    return t;
  };
  const assign = (table, parts, value) => {
    const t = descend(table, parts.slice(0, -1), false);
    const last = parts.at(-1);
    if (last in t) fail(`duplicate key ${parts.join('.')}`);
    t[last] = value;
  };
  const value = () => {
    const c = src[i];
    if (c === '"' || c === "'") return string();
    if (c === '[') {
      i++;
      const arr = [];
      for (;;) {
        blank();
        if (src[i] === ']') { i++; return arr; }
        arr.push(value());
        blank();
        if (src[i] === ',') { i++; continue; }
        if (src[i] === ']') { i++; return arr; }
        fail('expected , or ] in an array');
      }
    }
    if (c === '{') {
      i++;
      const t = {};
      ws();
      if (src[i] === '}') { i++; return t; }
      for (;;) {
        const k = key();
        if (src[i] !== '=') fail('expected =');
        i++; ws();
        assign(t, k, value());
        ws();
        if (src[i] === ',') { i++; ws(); continue; }
        if (src[i] === '}') { i++; return t; }
        fail('expected , or } in an inline table');
      }
    }
    const m = /^[0-9A-Za-z_+\-.:]+(?:[ T][0-9]{2}:[0-9]{2}[0-9A-Za-z_+\-.:]*)?/.exec(src.slice(i, i + 100));
    if (!m) fail('expected a value');
    const tok = m[0];
    i += tok.length;
    if (tok === 'true') return true;
    if (tok === 'false') return false;
    if (/^\d{4}-\d{2}-\d{2}/.test(tok) || /^\d{2}:\d{2}/.test(tok)) return tok; // dates: strings
    const num = tok.replace(/_/g, '');
    if (/^[+-]?inf$/.test(num)) return num.startsWith('-') ? -Infinity : Infinity;
    if (/^[+-]?nan$/.test(num)) return NaN;
    if (/^0x[0-9a-fA-F]+$/.test(num)) return parseInt(num.slice(2), 16);
    if (/^0o[0-7]+$/.test(num)) return parseInt(num.slice(2), 8);
    if (/^0b[01]+$/.test(num)) return parseInt(num.slice(2), 2);
    if (/^[+-]?(\d+)(\.\d+)?([eE][+-]?\d+)?$/.test(num)) return Number(num);
    fail(`bad value ${tok}`);
  };
  for (;;) {
    blank();
    if (i >= src.length) return root;
    if (src.startsWith('[[', i)) {
      i += 2;
      const parts = key();
      if (!src.startsWith(']]', i)) fail('expected ]]');
      i += 2;
      const parent = descend(root, parts.slice(0, -1), false);
      const last = parts.at(-1);
      if (!(last in parent)) parent[last] = [];
      if (!Array.isArray(parent[last])) fail(`${parts.join('.')} is not an array of tables`);
      cur = {};
      parent[last].push(cur);
    } else if (src[i] === '[') {
      i++;
      const parts = key();
      if (src[i] !== ']') fail('expected ]');
      i++;
      cur = descend(root, parts, true);
    } else {
      const k = key();
      if (src[i] !== '=') fail('expected =');
      i++; ws();
      assign(cur, k, value());
    }
    endOfLine();
  }
}

// ---------------------------------------------------------------------------------------------
// A models.dev repository → the api.json shape (as packages/core/src/generate.ts builds it).

function readRepo(dir) {
  // → { files: Map<path, text>, date, commit, warnings }
  const warnings = [];
  if (existsSync(path.join(dir, 'providers'))) {
    const files = new Map();
    const walk = (rel) => {
      for (const name of readdirSync(path.join(dir, rel))) {
        const r = rel ? `${rel}/${name}` : name;
        const full = path.join(dir, r);
        if (!existsSync(full)) { warnings.push(`${r}: dangling symbolic link, skipped`); continue; }
        if (statSync(full).isDirectory()) walk(r);
        else if (name.endsWith('.toml')) files.set(r, readFileSync(full, 'utf8'));
      }
    };
    walk('providers');
    if (existsSync(path.join(dir, 'models'))) walk('models');
    let date, commit;
    try {
      const out = execFileSync('git', ['-C', dir, 'log', '-1', '--format=%H %cs'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
      [commit, date] = out.trim().split(' ');
    } catch { /* not a git work tree */ }
    return { files, date, commit, warnings };
  }
  // A git directory: read HEAD.
  const git = (args, input) => {
    const r = spawnSync('git', ['--git-dir', dir, ...args], { input, maxBuffer: 1 << 30 });
    if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
    return r.stdout;
  };
  const [commit, date] = git(['log', '-1', '--format=%H %cs', 'HEAD']).toString().trim().split(' ');
  // Entries "<mode> blob <sha>\t<path>"; mode 120000 is a symbolic link (models.dev links some
  // provider models to another provider's file), whose blob is the target path.
  const entries = git(['ls-tree', '-r', '-z', 'HEAD', '--', 'providers', 'models']).toString().split('\0')
    .filter(Boolean).map((line) => {
      const [meta, p] = line.split('\t');
      const [mode, , sha] = meta.split(' ');
      return { mode, sha, p };
    }).filter((e) => e.p.endsWith('.toml'));
  const out = git(['cat-file', '--batch'], entries.map((e) => `${e.sha}\n`).join(''));
  const blobs = new Map();
  let at = 0;
  for (const e of entries) {
    const nl = out.indexOf(10, at);
    const header = out.subarray(at, nl).toString();
    const [, type, size] = header.split(' ');
    if (type !== 'blob') throw new Error(`git cat-file: ${header} (${e.p})`);
    blobs.set(e.p, { mode: e.mode, text: out.subarray(nl + 1, nl + 1 + Number(size)).toString('utf8') });
    at = nl + 1 + Number(size) + 1;
  }
  const files = new Map();
  for (const p of blobs.keys()) {
    let q = p;
    for (let hops = 0; blobs.get(q)?.mode === '120000'; hops++) {
      if (hops > 8) throw new Error(`${p}: symbolic link loop`);
      q = path.posix.normalize(path.posix.join(path.posix.dirname(q), blobs.get(q).text.trim()));
    }
    if (!blobs.has(q)) { warnings.push(`${p}: dangling symbolic link to ${q}, skipped`); continue; }
    files.set(p, blobs.get(q).text);
  }
  return { files, date, commit, warnings };
}

const isPlainObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

function mergeDeep(dest, source) { // remeda's mergeDeep: plain objects merge, the rest replaces
  const out = { ...dest };
  for (const [k, v] of Object.entries(source)) {
    out[k] = isPlainObject(v) && isPlainObject(out[k]) ? mergeDeep(out[k], v) : v;
  }
  return out;
}

function applyOmit(target, paths) { // generate.ts applyOmit: deletes a dotted path, then empty parents
  for (const omit of paths) {
    const parts = omit.split('.');
    const parents = [];
    let cur = target;
    let ok = true;
    for (const part of parts.slice(0, -1)) {
      if (!isPlainObject(cur[part])) { ok = false; break; }
      parents.push([cur, part]);
      cur = cur[part];
    }
    if (!ok || !(parts.at(-1) in cur)) continue;
    delete cur[parts.at(-1)];
    for (const [parent, k] of parents.reverse()) {
      if (!isPlainObject(parent[k]) || Object.keys(parent[k]).length > 0) break;
      delete parent[k];
    }
  }
}

function normalizeCost(model) { // generate.ts normalizeCost (+ zod's default tier.type)
  const cost = model.cost;
  if (!isPlainObject(cost) || !Array.isArray(cost.tiers)) return model;
  for (const t of cost.tiers) if (isPlainObject(t?.tier) && t.tier.type === undefined) t.tier = { type: 'context', ...t.tier };
  if (cost.tiers.length !== 1) return model;
  const over = cost.tiers.find((t) => isPlainObject(t?.tier) && t.tier.type === 'context' && typeof t.tier.size === 'number' && t.tier.size >= 200_000);
  if (!over) return model;
  const { tier: _tier, ...legacy } = over;
  return { ...model, cost: { ...cost, context_over_200k: legacy } };
}

// zod (models.dev's schema) drops keys its non-strict objects do not know: cost fields like
// `cached_input` some TOML files have do not reach api.json.
const COST_KEYS = ['input', 'output', 'reasoning', 'cache_read', 'cache_write', 'input_audio', 'output_audio'];
const pick = (o, keys) => Object.fromEntries(keys.filter((k) => o[k] !== undefined).map((k) => [k, o[k]]));
function stripModel(model) {
  const strip = (c) => {
    if (!isPlainObject(c)) return c;
    const out = pick(c, COST_KEYS);
    if (Array.isArray(c.tiers)) out.tiers = c.tiers.map((t) => ({ tier: t.tier, ...pick(t, COST_KEYS) }));
    if (isPlainObject(c.context_over_200k)) out.context_over_200k = pick(c.context_over_200k, COST_KEYS);
    return out;
  };
  if (model.cost !== undefined) model.cost = strip(model.cost);
  for (const mode of Object.values(model.experimental?.modes ?? {})) {
    if (isPlainObject(mode) && mode.cost !== undefined) mode.cost = strip(mode.cost);
  }
  if (isPlainObject(model.provider)) model.provider = pick(model.provider, ['npm', 'api', 'shape', 'body', 'headers']);
  return model;
}

export function apiFromRepo(dir) {
  const { files, date, commit, warnings } = readRepo(dir);
  const models = {}; // models/ metadata, by path id
  for (const [p, text] of files) {
    if (!p.startsWith('models/')) continue;
    const id = p.slice('models/'.length, -'.toml'.length);
    models[id] = { ...parseToml(text, p), id };
  }
  const providers = {};
  for (const [p, text] of [...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const m = /^providers\/([^/]+)\/provider\.toml$/.exec(p);
    if (!m) continue;
    providers[m[1]] = { id: m[1], ...parseToml(text, p), models: {} };
  }
  for (const [p, text] of files) {
    const m = /^providers\/([^/]+)\/models\/(.+)\.toml$/.exec(p);
    if (!m || !providers[m[1]]) continue;
    const [, providerId, modelId] = m;
    let model = { ...parseToml(text, p), id: modelId };
    if (model.base_model !== undefined) {
      const base = models[model.base_model];
      if (!base) throw new Error(`${p}: unable to resolve base_model ${model.base_model}`);
      const { id: _i, benchmarks: _b, license: _l, links: _k, weights: _w, ...inherited } = base;
      const { base_model: _bm, base_model_omit: omit, ...overrides } = model;
      model = structuredClone(mergeDeep(inherited, overrides));
      applyOmit(model, omit ?? []);
    }
    providers[providerId].models[modelId] = stripModel(normalizeCost(model));
  }
  for (const prov of Object.values(providers)) { // models in id order, as a stable file
    prov.models = Object.fromEntries(Object.entries(prov.models).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }
  return { api: providers, date, commit, warnings };
}

// ---------------------------------------------------------------------------------------------
// api.json → our catalogue.

const cmp = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
const num = (v) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

function entryFrom(ours, model, { noCost }) {
  const limit = model.limit ?? {};
  const e = {
    provider: ours,
    id: model.id,
    name: String(model.name ?? model.id).replace(/\s+/g, ' ').trim().replace(/ \(latest\)$/, ''),
    contextWindow: num(limit.context) > 0 ? limit.context : null,
    maxOutputTokens: num(limit.output) > 0 ? limit.output : null,
  };
  const c = model.cost;
  if (!noCost && isPlainObject(c) && num(c.input) !== undefined && num(c.output) !== undefined) {
    e.cost = { input: c.input, output: c.output };
    if (num(c.cache_read) !== undefined) e.cost.cacheRead = c.cache_read;
    if (num(c.cache_write) !== undefined) e.cost.cacheWrite = c.cache_write;
  }
  const inputs = model.modalities?.input;
  const tools = model.tool_call === true;
  e.capabilities = {
    tools,
    reasoning: model.reasoning === true,
    imageInput: Array.isArray(inputs) ? inputs.includes('image') : model.attachment === true,
    structuredOutput: typeof model.structured_output === 'boolean' ? model.structured_output : tools,
  };
  const protocol = servedProtocol(ours, model.id);
  if (protocol) e.protocol = protocol;
  return e;
}

/**
 * The protocol a model is served through when not its provider's: GitHub Copilot serves GPT-5
 * and later (but gpt-5-mini) through the Responses API only. The same rule as
 * crates/core/src/catalog/models_dev.rs `served_protocol`.
 */
function servedProtocol(provider, id) {
  const major = /^gpt-(\d+)/.exec(id)?.[1];
  return provider === 'github-copilot' && Number(major) >= 5 && !id.startsWith('gpt-5-mini') ? 'openai-responses' : undefined;
}

function skipReason(model, id) {
  if (model.status === 'deprecated') return 'deprecated';
  const out = model.modalities?.output;
  if (Array.isArray(out) && !out.includes('text')) return `no text output (${out.join(', ')})`;
  if (/embed/i.test(model.family ?? '') || /embed/i.test(id)) return 'embedding model';
  const ctx = model.limit?.context;
  if (!(typeof ctx === 'number' && ctx > 0)) return 'no context window (image generation, transcription)';
  if (ctx < MIN_CONTEXT) return `context ${ctx} < ${MIN_CONTEXT}`;
  return null;
}

export function buildCatalog(api, current, meta) {
  const models = [];
  const report = { perProvider: {}, keptOld: [], keptAgainstRules: [], viaAlias: [], folded: [], skipped: [], missingProvider: [] };
  const currentProviders = new Set(current.models.map((m) => m.provider));
  for (const p of currentProviders) if (!PROVIDERS.some((x) => x.ours === p)) throw new Error(`current catalogue provider ${p} has no models.dev mapping in PROVIDERS`);
  for (const spec of PROVIDERS) {
    const dev = api[spec.dev];
    const old = current.models.filter((m) => m.provider === spec.ours);
    if (!dev) report.missingProvider.push(spec.dev);
    const devModels = dev?.models ?? {};
    const oldAliasOf = new Map(); // alias → old entry
    for (const o of old) for (const a of o.aliases ?? []) oldAliasOf.set(a, o);
    const oldById = new Map(old.map((o) => [o.id, o]));
    const out = new Map(); // id → entry
    // 1. The current catalogue's entries: refreshed, or kept as they are.
    for (const o of old) {
      let src = devModels[o.id];
      if (!src) {
        const alias = (o.aliases ?? []).find((a) => devModels[a]);
        if (alias) { src = devModels[alias]; report.viaAlias.push(`${o.provider}/${o.id} ← models.dev ${spec.dev}/${alias}`); }
      }
      if (!src) { out.set(o.id, o); report.keptOld.push(`${o.provider}/${o.id}`); continue; }
      const why = skipReason(src, o.id);
      if (why) report.keptAgainstRules.push(`${o.provider}/${o.id} (${why})`);
      const e = entryFrom(spec.ours, { ...src, id: o.id }, spec);
      if (o.aliases?.length) e.aliases = [...o.aliases];
      out.set(o.id, e);
    }
    // 2. models.dev's other models.
    for (const [id, m] of Object.entries(devModels)) {
      if (oldById.has(id)) continue;
      if (oldAliasOf.has(id)) { report.folded.push(`${spec.ours}/${id} → alias of ${oldAliasOf.get(id).id}`); continue; }
      const why = skipReason(m, id);
      if (why) { report.skipped.push(`${spec.ours}/${id} (${why})`); continue; }
      out.set(id, entryFrom(spec.ours, { ...m, id }, spec));
    }
    const list = [...out.values()].sort((a, b) => cmp(a.id, b.id));
    report.perProvider[spec.ours] = { before: old.length, after: list.length };
    models.push(...list);
  }
  const file = {
    _comment: COMMENT,
    version: 1,
    updated: meta.date,
    date: meta.date,
    source: 'models.dev',
    ...(meta.commit ? { sourceCommit: meta.commit } : {}),
    models,
  };
  return { file, report };
}

const ENTRY_KEYS = ['provider', 'id', 'name', 'contextWindow', 'maxOutputTokens', 'cost', 'capabilities', 'aliases', 'protocol'];

export function formatCatalog(file) {
  const head = Object.entries(file).filter(([k]) => k !== 'models').map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)},`);
  const compact = (v) => (Array.isArray(v)
    ? `[${v.map(compact).join(', ')}]`
    : isPlainObject(v)
      ? `{${Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}: ${compact(x)}`).join(', ')}}`
      : JSON.stringify(v));
  const line = (e) => {
    const o = {};
    for (const k of ENTRY_KEYS) if (e[k] !== undefined && !(k === 'aliases' && e[k].length === 0)) o[k] = e[k];
    return `    ${compact(o)}`;
  };
  return `{\n${head.join('\n')}\n  "models": [\n${file.models.map(line).join(',\n')}\n  ]\n}\n`;
}

// ---------------------------------------------------------------------------------------------
// Checks (what the Rust side needs: entries.rs deny_unknown_fields / validate, builtin.rs tests).

export function checkCatalog(file, { builtinPath } = {}) {
  const errors = [];
  const err = (m) => errors.push(m);
  if (!isPlainObject(file) || !Array.isArray(file.models)) return ['the file needs a top-level object with a models array'];
  const isFiniteNonNeg = (v) => typeof v === 'number' && Number.isFinite(v) && v >= 0;
  const isU64 = (v) => Number.isSafeInteger(v) && v >= 0;
  const seen = new Map(); // provider → Map<name, what>
  file.models.forEach((e, n) => {
    const at = `models[${n}]${isPlainObject(e) && typeof e.id === 'string' ? ` (${e.provider}/${e.id})` : ''}`;
    if (!isPlainObject(e)) return err(`${at}: not an object`);
    for (const k of Object.keys(e)) if (!ENTRY_KEYS.includes(k)) err(`${at}: unknown field ${k}`);
    if (typeof e.provider !== 'string' || !e.provider.trim()) err(`${at}: empty provider`);
    if (typeof e.id !== 'string' || !e.id.trim()) err(`${at}: empty id`);
    if (typeof e.name !== 'string') err(`${at}: name must be a string`);
    for (const k of ['contextWindow', 'maxOutputTokens']) if (e[k] != null && !isU64(e[k])) err(`${at}: ${k} must be a non-negative integer or null`);
    if (e.contextWindow != null && e.contextWindow < MIN_CONTEXT) err(`${at}: contextWindow ${e.contextWindow} < ${MIN_CONTEXT}`);
    if (e.cost != null) {
      if (!isPlainObject(e.cost)) err(`${at}: cost must be an object`);
      else {
        for (const k of Object.keys(e.cost)) if (!['input', 'output', 'cacheRead', 'cacheWrite'].includes(k)) err(`${at}: unknown cost field ${k}`);
        for (const k of ['input', 'output']) if (!isFiniteNonNeg(e.cost[k])) err(`${at}: cost.${k} must be a finite, non-negative number`);
        for (const k of ['cacheRead', 'cacheWrite']) if (e.cost[k] != null && !isFiniteNonNeg(e.cost[k])) err(`${at}: cost.${k} must be a finite, non-negative number`);
      }
    }
    if (e.capabilities !== undefined) {
      if (!isPlainObject(e.capabilities)) err(`${at}: capabilities must be an object`);
      else for (const [k, v] of Object.entries(e.capabilities)) {
        if (!['tools', 'reasoning', 'imageInput', 'structuredOutput'].includes(k)) err(`${at}: unknown capability ${k}`);
        else if (typeof v !== 'boolean') err(`${at}: capabilities.${k} must be a boolean`);
      }
    }
    if (e.aliases !== undefined && (!Array.isArray(e.aliases) || e.aliases.some((a) => typeof a !== 'string' || !a.trim()))) err(`${at}: aliases must be non-empty strings`);
    if (typeof e.provider !== 'string' || typeof e.id !== 'string') return;
    if (!seen.has(e.provider)) seen.set(e.provider, new Map());
    const names = seen.get(e.provider);
    for (const [name, what] of [[e.id, 'id'], ...(Array.isArray(e.aliases) ? e.aliases : []).map((a) => [a, 'alias'])]) {
      if (names.has(name)) err(`${at}: ${what} ${name} is already ${names.get(name)}`);
      else names.set(name, `${what} of ${e.provider}/${e.id}`);
    }
  });
  if (builtinPath && existsSync(builtinPath)) {
    const builtin = JSON.parse(readFileSync(builtinPath, 'utf8')).providers;
    const ids = new Set(builtin.map((p) => p.id));
    for (const p of seen.keys()) if (!ids.has(p)) err(`provider ${p} is no built-in provider (${path.relative(ROOT, builtinPath)})`);
    for (const p of builtin) for (const m of p.defaultModels ?? []) if (!seen.get(p.id)?.has(m)) err(`${p.id}: default model ${m} is not in the catalogue`);
  }
  return errors;
}

// ---------------------------------------------------------------------------------------------

function main(argv) {
  const opt = { out: DEFAULT_OUT };
  const rest = [];
  for (let k = 0; k < argv.length; k++) {
    const a = argv[k];
    const val = () => { if (k + 1 >= argv.length) throw new Error(`${a} needs a value`); return argv[++k]; };
    if (a === '--from-repo') opt.repo = val();
    else if (a === '--out') opt.out = path.resolve(val());
    else if (a === '--current') opt.current = path.resolve(val());
    else if (a === '--date') opt.date = val();
    else if (a === '--commit') opt.commit = val();
    else if (a === '--write-api') opt.writeApi = path.resolve(val());
    else if (a === '--dry-run') opt.dryRun = true;
    else if (a === '--check') opt.check = true;
    else if (a === '-h' || a === '--help') { process.stdout.write(readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\nimport ')[0].replace(/^\/\/ ?/gm, '') + '\n'); return 0; }
    else if (a.startsWith('--')) throw new Error(`unknown option ${a}`);
    else rest.push(a);
  }
  const builtinFor = (catalogPath) => path.join(path.dirname(catalogPath), '../providers/builtin.json');
  if (opt.check) {
    const target = path.resolve(rest[0] ?? opt.out);
    const errors = checkCatalog(JSON.parse(readFileSync(target, 'utf8')), { builtinPath: builtinFor(target) });
    for (const e of errors) console.error(`error: ${e}`);
    if (errors.length) return 1;
    console.log(`${path.relative(process.cwd(), target)}: ok`);
    return 0;
  }
  let api, date = opt.date, commit = opt.commit;
  if (opt.repo) {
    const r = apiFromRepo(path.resolve(opt.repo));
    api = r.api; date ??= r.date; commit ??= r.commit;
    for (const w of r.warnings) console.warn(`warning: ${w}`);
  } else {
    if (rest.length !== 1) throw new Error('usage: catalog-from-models-dev.mjs <api.json> | --from-repo <dir> | --check [file]  (--help)');
    api = JSON.parse(readFileSync(rest[0], 'utf8'));
  }
  if (!date || !/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new Error('give the snapshot date: --date YYYY-MM-DD');
  if (opt.writeApi) writeFileSync(opt.writeApi, JSON.stringify(api));
  const current = JSON.parse(readFileSync(opt.current ?? opt.out, 'utf8'));
  const { file, report } = buildCatalog(api, current, { date, commit });
  const text = formatCatalog(file);
  const errors = checkCatalog(JSON.parse(text), { builtinPath: builtinFor(opt.out) });
  const say = (title, list) => { if (list.length) console.log(`${title} (${list.length}):\n  ${list.join('\n  ')}`); };
  console.log(`models.dev snapshot ${date}${commit ? ` (${commit})` : ''}`);
  console.log('provider              before  after');
  for (const [p, { before, after }] of Object.entries(report.perProvider)) console.log(`${p.padEnd(20)} ${String(before).padStart(7)} ${String(after).padStart(6)}`);
  console.log(`${'total'.padEnd(20)} ${String(current.models.length).padStart(7)} ${String(file.models.length).padStart(6)}`);
  say('models.dev providers missing from the input', report.missingProvider);
  say('kept from the current catalogue (models.dev no longer lists them)', report.keptOld);
  say('refreshed from the models.dev entry of an alias', report.viaAlias);
  say('kept although the skip rules would drop them (the current catalogue has them)', report.keptAgainstRules);
  say('models.dev ids folded into an existing entry as its alias', report.folded);
  say('skipped', report.skipped);
  for (const e of errors) console.error(`error: ${e}`);
  if (errors.length) return 1;
  if (opt.dryRun) return 0;
  writeFileSync(opt.out, text);
  console.log(`wrote ${path.relative(process.cwd(), opt.out)} (${file.models.length} models, ${text.length} bytes)`);
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try { process.exitCode = main(process.argv.slice(2)); } catch (e) { console.error(`error: ${e.message}`); process.exitCode = 1; }
}
