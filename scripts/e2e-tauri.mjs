// `npm run e2e:tauri`: the Tauri host in a real webview. Builds examples/tauri-app (its Vite
// frontend imports `llm-native`, resolved to the webview build; the app runs the llm-native
// plugin), runs it under Xvfb (WebKitGTK) against a local model server, and checks what the page
// reports: the streamed reply with a tool call rendered in the DOM, and a stream aborted from the
// page whose connection the server sees closed. Saves a screenshot of the window.
//
// Needs (Debian): libwebkit2gtk-4.1-dev, xvfb, dbus (dbus-run-session); `.ci/run` installs them.
import path from 'node:path';
import { startServer, sendSse, trickle } from './fixture-server.mjs';
import { root, buildApp, runApp, waitFor } from './tauri-app-harness.mjs';

const started = Date.now();
const KEY = 'sk-e2e-never-leaves-rust';
const REPLY = ['README', '.md', ' describes', ' a Tauri', ' app', ' streaming', ' through', ' llm-native', '.'];

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

async function main() {
  const binary = buildApp({ step });
  step('run under Xvfb');
  const server = await modelServer();
  const png = path.join(root, 'target/e2e/tauri-app.png');
  try {
    const problems = [];
    const expect = (ok, what) => { if (!ok) problems.push(what); };
    const { report, stderr } = await runApp(binary, {
      env: { LLM_NATIVE_E2E_BASE_URL: `${server.url}/v1` },
      screenshot: png,
      // While the app runs: its closing the socket, not its exit, must end the aborted stream.
      whileRunning: () => waitFor('the aborted stream\'s socket to close', 5_000, () => server.slowSockets.closed >= 1)
        .catch(() => expect(false, 'abort from the page closes the server\'s socket')),
    });
    console.log(`screenshot: ${path.relative(root, png)}`);
    console.log(`page report: ${JSON.stringify(report)}`);

    expect(report.ok, `the page failed: ${report.error}`);
    expect(report.dom?.includes(REPLY.join('')), 'the streamed reply is in the DOM');
    expect(report.dom?.includes('read_file({"path":"README.md"})'), 'the tool result is in the DOM');
    expect(report.summary?.steps === 2, 'two steps (tool call, then the reply)');
    for (const t of ['start', 'tool-call', 'tool-result', 'text-delta', 'finish']) expect(report.summary?.types?.includes(t), `a ${t} part`);
    expect(report.summary?.aborted === 3, 'the slow stream was aborted after three deltas');
    const chats = server.requests.filter((r) => r.url === '/v1/chat/completions');
    expect(chats.length === 2, 'two model requests');
    expect(chats.every((r) => r.headers.authorization === `Bearer ${KEY}`), 'the key reached the server from Rust');
    expect(JSON.stringify(chats[1]?.body.messages).includes('A Tauri app streaming through llm-native.'), 'the tool result went back to the model');
    expect(JSON.stringify(report.summary?.requestBodies) === JSON.stringify(chats.map((r) => r.body)), "each step's request.body in the page is the body the server got");
    if (problems.length > 0) throw new Error(`e2e failed:\n- ${problems.join('\n- ')}\n--- app stderr ---\n${stderr.text.slice(-4000)}`);
    console.log(`e2e:tauri passed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await server.close();
  }
}

main().then(() => process.exit(0), (e) => {
  console.error(e.stack ?? e);
  process.exit(1);
});
