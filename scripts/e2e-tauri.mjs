// `npm run e2e:tauri`: the Tauri host in a real webview. Builds examples/tauri-app (its Vite
// frontend imports `llm-native`, resolved to the webview build; the app runs the llm-native
// plugin), runs it under Xvfb (WebKitGTK) against a local model server, and checks what the page
// reports: the streamed reply with a tool call rendered in the DOM, and a stream aborted from the
// page whose connection the server sees closed. Saves a screenshot of the window.
//
// Needs (Debian): libwebkit2gtk-4.1-dev, xvfb, dbus (dbus-run-session); `.ci/run` installs them.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, sendSse, trickle } from './fixture-server.mjs';
import { xwdToPng } from './xwd-to-png.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const appDir = path.join(root, 'examples/tauri-app');
const started = Date.now();
const KEY = 'sk-e2e-never-leaves-rust';
const REPLY = ['README', '.md', ' describes', ' a Tauri', ' app', ' streaming', ' through', ' llm-native', '.'];

function run(cmd, args, options = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...options });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status ?? r.signal})`);
}

function step(what) {
  console.log(`== ${what} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

const chunk = (delta, finish = null) =>
  `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 1770000000, model: 'local-model', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;

/** The local model: a tool call first, then (with its result in the history) the reply. */
function modelServer() {
  const slowSockets = { opened: 0, closed: 0 };
  const slow = trickle('', (i) => chunk({ content: `t${i} ` }));
  return startServer(async (req, body, res) => {
    if (req.url.startsWith('/v1/slow/')) {
      slowSockets.opened++;
      req.socket.once('close', () => slowSockets.closed++);
      return slow(req, body, res);
    }
    const answered = body.messages.at(-1).role === 'tool';
    let sse = chunk({ role: 'assistant', content: '' });
    if (answered) {
      for (const w of REPLY) sse += chunk({ content: w });
      sse += chunk({}, 'stop');
    } else {
      sse += chunk({ tool_calls: [{ index: 0, id: 'call_readme', type: 'function', function: { name: 'read_file', arguments: '{"path":"README.md"}' } }] });
      sse += chunk({}, 'tool_calls');
    }
    sse += `data: ${JSON.stringify({ id: 'c', created: 1770000000, model: 'local-model', choices: [], usage: { prompt_tokens: 20, completion_tokens: 9, total_tokens: 29 } })}\n\ndata: [DONE]\n\n`;
    return sendSse(res, sse, { chunkSize: 40, delayMs: 2 });
  }).then((server) => Object.assign(server, { slowSockets }));
}

function freeDisplay() {
  for (let n = 90; n < 200; n++) if (!fs.existsSync(`/tmp/.X11-unix/X${n}`) && !fs.existsSync(`/tmp/.X${n}-lock`)) return n;
  throw new Error('no free X display number');
}

async function waitFor(what, ms, cond) {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function main() {
  step('frontend: npm install + vite build');
  // `install`, not `ci`: the lock holds llm-native as a link whose metadata follows the checkout.
  if (!fs.existsSync(path.join(appDir, 'node_modules/vite'))) run('npm', ['install', '--no-audit', '--no-fund'], { cwd: appDir });
  run('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: appDir });

  step('app: cargo build');
  run('cargo', ['build', '--manifest-path', path.join(appDir, 'src-tauri/Cargo.toml')], {
    env: { ...process.env, CARGO_TARGET_DIR: path.join(root, 'target') },
  });
  const binary = path.join(root, 'target/debug/llm-native-tauri-example');

  step('run under Xvfb');
  const server = await modelServer();
  const display = freeDisplay();
  const fbdir = fs.mkdtempSync(path.join(root, 'target/xvfb-'));
  const xvfb = spawn('Xvfb', [`:${display}`, '-screen', '0', '1000x700x24', '-fbdir', fbdir, '-nolisten', 'tcp'], { stdio: 'ignore' });
  const outDir = path.join(root, 'target/e2e');
  fs.mkdirSync(outDir, { recursive: true });
  let app;
  try {
    await waitFor('Xvfb', 10_000, () => fs.existsSync(`/tmp/.X11-unix/X${display}`));
    const env = {
      ...process.env,
      DISPLAY: `:${display}`,
      LLM_NATIVE_E2E_BASE_URL: `${server.url}/v1`,
      // WebKitGTK under Xvfb in a container: no GPU, no compositing, no accessibility bus.
      WEBKIT_DISABLE_COMPOSITING_MODE: '1',
      WEBKIT_DISABLE_DMABUF_RENDERER: '1',
      LIBGL_ALWAYS_SOFTWARE: '1',
      NO_AT_BRIDGE: '1',
    };
    app = spawn('dbus-run-session', ['--', binary], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    app.stdout.on('data', (d) => { out += d; });
    app.stderr.on('data', (d) => { err += d; });
    const exited = new Promise((resolve) => app.once('exit', (code, signal) => resolve({ code, signal })));
    const report = await Promise.race([
      waitFor('the page report', 120_000, () => out.includes('LLM_NATIVE_E2E_REPORT ') && out.slice(out.indexOf('LLM_NATIVE_E2E_REPORT ')).includes('\n'))
        .then(() => JSON.parse(out.slice(out.indexOf('LLM_NATIVE_E2E_REPORT ') + 22).split('\n')[0])),
      exited.then((e) => { throw new Error(`the app exited before reporting (${JSON.stringify(e)}):\n${err.slice(-4000)}`); }),
    ]);
    // Let the last frame paint, then the screenshot from Xvfb's framebuffer file.
    await new Promise((r) => setTimeout(r, 800));
    const png = path.join(outDir, 'tauri-app.png');
    fs.writeFileSync(png, xwdToPng(fs.readFileSync(path.join(fbdir, 'Xvfb_screen0'))));
    console.log(`screenshot: ${path.relative(root, png)}`);
    console.log(`page report: ${JSON.stringify(report)}`);

    const problems = [];
    const expect = (ok, what) => { if (!ok) problems.push(what); };
    expect(report.ok, `the page failed: ${report.error}`);
    expect(report.dom?.includes(REPLY.join('')), 'the streamed reply is in the DOM');
    expect(report.dom?.includes('read_file({"path":"README.md"})'), 'the tool result is in the DOM');
    expect(report.summary?.steps === 2, 'two steps (tool call, then the reply)');
    for (const t of ['start', 'tool-call', 'tool-result', 'text-delta', 'finish']) expect(report.summary?.types?.includes(t), `a ${t} part`);
    expect(report.summary?.aborted === 3, 'the slow stream was aborted after three deltas');
    await waitFor('the aborted stream\'s socket to close', 5_000, () => server.slowSockets.closed >= 1).catch(() => expect(false, 'abort from the page closes the server\'s socket'));
    const chats = server.requests.filter((r) => r.url === '/v1/chat/completions');
    expect(chats.length === 2, 'two model requests');
    expect(chats.every((r) => r.headers.authorization === `Bearer ${KEY}`), 'the key reached the server from Rust');
    expect(JSON.stringify(chats[1]?.body.messages).includes('A Tauri app streaming through llm-native.'), 'the tool result went back to the model');
    if (problems.length > 0) throw new Error(`e2e failed:\n- ${problems.join('\n- ')}\n--- app stderr ---\n${err.slice(-4000)}`);
    console.log(`e2e:tauri passed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    app?.kill('SIGTERM');
    xvfb.kill('SIGTERM');
    await server.close();
    fs.rmSync(fbdir, { recursive: true, force: true });
  }
}

main().then(() => process.exit(0), (e) => {
  console.error(e.stack ?? e);
  process.exit(1);
});
