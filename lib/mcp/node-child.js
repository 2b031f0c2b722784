'use strict';
// Node only, reached through the Node host (`lib/node-host.js`'s `spawnStdioServer`), so the
// rest of lib/ and the webview build never load `node:child_process`: starts a stdio MCP
// server's process, and kills the ones still running when this process exits.
const { spawn } = require('node:child_process');

// The environment a server gets besides its `env`: the MCP SDK's default set, not the whole of
// ours (API keys stay here).
const INHERITED = process.platform === 'win32'
  ? ['APPDATA', 'HOMEDRIVE', 'HOMEPATH', 'LOCALAPPDATA', 'PATH', 'PROCESSOR_ARCHITECTURE', 'SYSTEMDRIVE', 'SYSTEMROOT', 'TEMP', 'USERNAME', 'USERPROFILE']
  : ['HOME', 'LOGNAME', 'PATH', 'SHELL', 'TERM', 'USER'];

function environment(custom) {
  const env = {};
  for (const key of INHERITED) {
    const value = process.env[key];
    // (Bash exported functions start with "()": a security risk, as the MCP SDK says.)
    if (value !== undefined && !value.startsWith('()')) env[key] = value;
  }
  return { ...env, ...custom };
}

const live = new Set();
let hooked = false;

/** One `exit` listener for all children, installed with the first (no listener per client). */
function killOnExit(child) {
  live.add(child);
  child.once('exit', () => live.delete(child));
  if (hooked) return;
  hooked = true;
  process.on('exit', () => {
    for (const c of live) {
      try { c.kill(); } catch { /* already gone */ }
    }
  });
}

/**
 * Spawns `{ command, args, env, cwd, stderr }`. The server's stderr is read here unless it goes
 * to a stream or descriptor of the app's: shown on ours for `'inherit'` (the default), and in
 * every case kept by the transport, whose error for a crash quotes its last lines.
 */
function spawnStdioServer({ command, args = [], env, cwd, stderr = 'inherit' }) {
  const read = stderr === 'inherit' || stderr === 'pipe' || stderr === 'ignore';
  const child = spawn(command, args, {
    env: environment(env),
    stdio: ['pipe', 'pipe', read ? 'pipe' : stderr],
    shell: false,
    windowsHide: process.platform === 'win32',
    cwd,
  });
  if (stderr === 'inherit') child.stderr.on('data', (chunk) => process.stderr.write(chunk));
  killOnExit(child);
  return child;
}

module.exports = { spawnStdioServer, environment };
