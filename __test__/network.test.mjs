// Per-provider network settings: client-side rate limits, an explicit proxy, extra CA roots.
import { describe, it, expect, afterAll } from 'vitest';
import http from 'node:http';
import https from 'node:https';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { streamText, createOpenAICompatible, APICallError, InvalidArgumentError } from '../index.js';
import { startServer, sendSse, openaiTextDeltasBody, collect } from './helpers.mjs';

let inFlight = 0;
let maxInFlight = 0;
const server = await startServer(async (req, _b, res) => {
  inFlight++;
  maxInFlight = Math.max(maxInFlight, inFlight);
  await new Promise((r) => setTimeout(r, 150));
  await sendSse(res, openaiTextDeltasBody(['ok']));
  inFlight--;
});
afterAll(() => server.close());

describe('rate limits', () => {
  it('maxConcurrentStreams caps the streams open at once; the rest wait and complete', async () => {
    maxInFlight = 0;
    const p = createOpenAICompatible({ name: 'l', baseURL: server.url, apiKey: 'k', rateLimit: { maxConcurrentStreams: 2 } });
    const texts = await Promise.all(Array.from({ length: 6 }, () => streamText({ model: p('m'), prompt: 'hi' }).text));
    expect(texts).toEqual(Array(6).fill('ok'));
    expect(maxInFlight).toBe(2);
  });

  it('maxRequests per interval spaces requests out', async () => {
    const p = createOpenAICompatible({ name: 'l', baseURL: server.url, apiKey: 'k', rateLimit: { maxRequests: 2, intervalMs: 400 } });
    const before = server.requests.length;
    const started = Date.now();
    await Promise.all(Array.from({ length: 3 }, () => streamText({ model: p('m'), prompt: 'hi' }).text));
    expect(server.requests.length - before).toBe(3);
    expect(Date.now() - started).toBeGreaterThanOrEqual(400); // the third had to wait for the window
  });

  it('invalid limits are rejected when the provider is created', () => {
    expect(() => createOpenAICompatible({ name: 'l', baseURL: server.url, rateLimit: { maxConcurrentStreams: 0 } })).toThrow(InvalidArgumentError);
  });
});

describe('proxy', () => {
  it('an explicit proxy carries the requests', async () => {
    const seen = [];
    // A forward proxy for plain-HTTP targets (absolute-form request line).
    const proxy = http.createServer((req, res) => {
      seen.push(req.url);
      const target = new URL(req.url);
      const upstream = http.request(target, { method: req.method, headers: req.headers }, (up) => {
        res.writeHead(up.statusCode, up.headers);
        up.pipe(res);
      });
      req.pipe(upstream);
    });
    await new Promise((r) => proxy.listen(0, '127.0.0.1', r));
    try {
      const p = createOpenAICompatible({
        name: 'l', baseURL: `${server.url}/v1`, apiKey: 'k', proxy: `http://127.0.0.1:${proxy.address().port}`,
      });
      expect(await streamText({ model: p('m'), prompt: 'hi' }).text).toBe('ok');
      expect(seen).toEqual([`${server.url}/v1/chat/completions`]);
    } finally {
      proxy.close();
    }
  });

  it('a malformed proxy URL is an InvalidArgumentError at creation', () => {
    expect(() => createOpenAICompatible({ name: 'l', baseURL: server.url, proxy: 'http://[::1' })).toThrow(InvalidArgumentError);
  });
});

describe('custom CA', () => {
  it('a server with a private CA is trusted only with caCertificates', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'llm-native-ca-'));
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=llm-native test CA',
      '-addext', 'subjectAltName=IP:127.0.0.1', '-addext', 'basicConstraints=critical,CA:FALSE',
      '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
    ], { stdio: 'ignore' });
    const cert = readFileSync(join(dir, 'cert.pem'), 'utf8');
    const tls = https.createServer({ key: readFileSync(join(dir, 'key.pem')), cert }, (req, res) => {
      req.resume();
      req.on('end', () => sendSse(res, openaiTextDeltasBody(['secure'])));
    });
    await new Promise((r) => tls.listen(0, '127.0.0.1', r));
    const baseURL = `https://127.0.0.1:${tls.address().port}/v1`;
    try {
      const trusted = createOpenAICompatible({ name: 'l', baseURL, apiKey: 'k', caCertificates: [cert] });
      expect(await streamText({ model: trusted('m'), prompt: 'hi' }).text).toBe('secure');

      const untrusted = createOpenAICompatible({ name: 'l', baseURL, apiKey: 'k' });
      const parts = await collect(streamText({ model: untrusted('m'), prompt: 'hi', maxRetries: 0, onError: () => {} }).fullStream);
      const error = parts.find((p) => p.type === 'error').error;
      expect(error).toBeInstanceOf(APICallError);
      expect(error.message).toMatch(/certificate|UnknownIssuer|invalid peer/i);
    } finally {
      tls.close();
    }
  });

  it('a malformed certificate is an InvalidArgumentError at creation', () => {
    expect(() => createOpenAICompatible({ name: 'l', baseURL: server.url, caCertificates: ['not a pem'] })).toThrow(InvalidArgumentError);
  });
});
