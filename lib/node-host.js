'use strict';
// The Node host: the N-API addon, as `lib/host.js` describes hosts.
const fs = require('node:fs');
const path = require('node:path');

/**
 * The suffix of the platform package (`linux-x64-gnu`, `darwin-arm64`, `win32-x64-msvc`) and, on
 * Linux, the libc it is for.
 */
function platformPackage() {
  const { platform, arch } = process;
  if (platform === 'linux') {
    const glibc = process.report?.getReport?.().header?.glibcVersionRuntime;
    return { suffix: `${platform}-${arch}-${glibc ? 'gnu' : 'musl'}`, libc: glibc ? 'glibc' : 'musl' };
  }
  return { suffix: platform === 'win32' ? `${platform}-${arch}-msvc` : `${platform}-${arch}` };
}

/** What is really missing when the addon does not load (napi-rs's message blames npm). */
function explain() {
  const root = path.join(__dirname, '..');
  const { suffix, libc } = platformPackage();
  if (fs.existsSync(path.join(root, 'Cargo.toml'))) {
    return `llm-native: this checkout's native addon is not built (no llm-native.${suffix}.node): run \`npm run build\` (it needs a Rust toolchain).`;
  }
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const name = `llm-native-${suffix}`;
  const built = Object.keys(pkg.optionalDependencies ?? {}).map((n) => n.replace('llm-native-', ''));
  if (!built.includes(suffix)) {
    return `llm-native: there is no prebuilt binary for ${suffix} (published for: ${built.join(', ') || 'none'}). Build from source: clone the repository and run \`npm run build\`.`;
  }
  return `llm-native: the platform package ${name} (os ${process.platform}, cpu ${process.arch}${libc ? `, libc ${libc}` : ''}) is not installed. ` +
    'It is an optional dependency of llm-native: install without `--no-optional` / `--omit=optional`, on this platform ' +
    "(a node_modules or lockfile made on another OS, CPU or libc lacks it). The loader's own error is this error's `cause`.";
}

function loadBinding() {
  try {
    return require('../binding.js');
  } catch (error) {
    throw new Error(explain(), { cause: error });
  }
}

const native = loadBinding();

// Steps still queued for the usage ledger are written before the process goes (a CLI that exits
// right after its stream loses none).
process.once('exit', () => native.flushUsage());

module.exports = {
  ...native,
  createProvider: (initJson) => new native.NativeProvider(initJson),
  createFallback: (policyJson, members) => {
    const chain = native.createFallbackChain(policyJson);
    for (const [provider, modelId] of members) chain.addFallback(provider, modelId);
    return chain;
  },
  // The processes of stdio MCP servers (lib/mcp/stdio-transport.js), loaded on first use.
  spawnStdioServer: (config) => require('./mcp/node-child.js').spawnStdioServer(config),
};
