'use strict';
// The stdio transport (`Experimental_StdioMCPTransport`, `{ type: 'stdio', … }`): the server is
// a child process speaking newline-delimited JSON-RPC on stdin/stdout. The child comes from the
// host (Node's spawns it; a webview's host has none, and this file loads no Node built-in), and
// is supervised: `close()` ends it (SIGTERM, then SIGKILL) and waits for it, one that exits on
// its own closes the transport with an MCPClientError quoting its last stderr lines.
const { host } = require('../host.js');
const { MCPClientError } = require('./errors.js');
const { parseJSONRPCMessage } = require('./json-rpc.js');

const STDERR_KEPT = 4000; // characters of the server's stderr kept for the crash message
const STDERR_LINES = 20;
const KILL_GRACE_MS = 2000;

class StdioMCPTransport {
  #config;
  #child = null;
  #exited = null; // resolves when the child has closed
  #stdout = '';
  #stderr = '';
  #closing = false;

  constructor(server) {
    this.#config = server;
  }

  async start() {
    if (this.#child) throw new MCPClientError({ message: 'StdioMCPTransport already started.' });
    const spawn = host().spawnStdioServer;
    if (typeof spawn !== 'function') {
      throw new MCPClientError({ message: 'The stdio MCP transport needs a host that can start processes (Node.js); in a webview, use an `http` or `sse` transport.' });
    }
    const failed = (error) => new MCPClientError({ message: `Failed to start the MCP server \`${this.#config.command}\`: ${error.message}`, cause: error });
    let child;
    try {
      child = spawn(this.#config);
    } catch (error) {
      throw failed(error); // (arguments spawn refuses at once)
    }
    this.#child = child;
    this.#exited = new Promise((resolve) => child.once('close', resolve));
    await new Promise((resolve, reject) => {
      let spawned = false;
      child.once('spawn', () => { spawned = true; resolve(); });
      child.on('error', (error) => {
        if (spawned) return this.onerror?.(error);
        this.#child = null;
        reject(failed(error));
      });
    });
    const stdout = new TextDecoder();
    child.stdout.on('data', (chunk) => this.#readStdout(stdout.decode(chunk, { stream: true })));
    child.stdout.on('error', (error) => this.onerror?.(error));
    child.stdin.on('error', (error) => this.onerror?.(error));
    if (child.stderr) {
      const stderr = new TextDecoder();
      child.stderr.on('data', (chunk) => { this.#stderr = (this.#stderr + stderr.decode(chunk, { stream: true })).slice(-STDERR_KEPT); });
    }
    child.once('close', (code, signal) => this.#closed(code, signal));
  }

  async close() {
    this.#closing = true;
    const child = this.#child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    child.stdin.end();
    child.kill();
    const timer = setTimeout(() => child.kill('SIGKILL'), KILL_GRACE_MS);
    timer.unref?.();
    await this.#exited;
    clearTimeout(timer);
  }

  send(message) {
    const stdin = this.#child?.stdin;
    if (!stdin || this.#closing || !stdin.writable) {
      return Promise.reject(new MCPClientError({ message: 'StdioClientTransport not connected' }));
    }
    return new Promise((resolve) => {
      if (stdin.write(`${JSON.stringify(message)}\n`)) resolve();
      else stdin.once('drain', resolve);
    });
  }

  #readStdout(text) {
    const lines = (this.#stdout + text).split('\n');
    this.#stdout = lines.pop();
    for (const raw of lines) {
      const line = raw.replace(/\r$/, '');
      if (line.trim() === '') continue;
      let message;
      try {
        message = parseJSONRPCMessage(line);
      } catch (error) {
        this.onerror?.(new MCPClientError({ message: `MCP stdio server wrote a line that is not a JSON-RPC message: ${line.slice(0, 200)}`, cause: error }));
        continue;
      }
      this.onmessage?.(message);
    }
  }

  #closed(code, signal) {
    this.#child = null;
    if (this.#closing) return this.onclose?.();
    const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
    const tail = this.#stderr.trimEnd().split('\n').slice(-STDERR_LINES).join('\n');
    const error = new MCPClientError({
      message: `MCP stdio server \`${this.#config.command}\` ${how}${tail ? `; its last stderr output:\n${tail}` : ''}`,
      data: { exitCode: code, signal, stderr: tail },
    });
    this.onerror?.(error);
    this.onclose?.(error);
  }
}

module.exports = { StdioMCPTransport };
