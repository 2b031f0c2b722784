// What the real-webview runs share (scripts/e2e-tauri.mjs, bench/tauri.mjs): building
// examples/tauri-app (the Vite frontend, then the app into the workspace's target directory) and
// running it under Xvfb (WebKitGTK) until its page reports one JSON line.
//
// Needs (Debian): libwebkit2gtk-4.1-dev, xvfb, dbus (dbus-run-session); `.ci/run` installs them.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { xwdToPng } from './xwd-to-png.mjs';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const appDir = path.join(root, 'examples/tauri-app');
const REPORT = 'LLM_NATIVE_E2E_REPORT ';

function run(cmd, args, options = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...options });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status ?? r.signal})`);
}

/** Builds the frontend and the app (`release`: optimised, for timings); returns the binary. */
export function buildApp({ release = false, step = () => {} } = {}) {
  step('frontend: npm install + vite build');
  // `install`, not `ci`: the lock holds llm-native as a link whose metadata follows the checkout.
  if (!fs.existsSync(path.join(appDir, 'node_modules/vite'))) run('npm', ['install', '--no-audit', '--no-fund'], { cwd: appDir });
  run('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: appDir });

  step(`app: cargo build${release ? ' --release' : ''}`);
  run('cargo', ['build', ...(release ? ['--release'] : []), '--manifest-path', path.join(appDir, 'src-tauri/Cargo.toml')], {
    env: { ...process.env, CARGO_TARGET_DIR: path.join(root, 'target') },
  });
  return path.join(root, `target/${release ? 'release' : 'debug'}/llm-native-tauri-example`);
}

function freeDisplay() {
  for (let n = 90; n < 200; n++) if (!fs.existsSync(`/tmp/.X11-unix/X${n}`) && !fs.existsSync(`/tmp/.X${n}-lock`)) return n;
  throw new Error('no free X display number');
}

export async function waitFor(what, ms, cond) {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Runs `binary` under Xvfb with `env` added and returns the page's report (the JSON of the
 * app's `LLM_NATIVE_E2E_REPORT` line) and the app's stderr; with `screenshot`, saves the window
 * there as a PNG once the report is in. `whileRunning(report)` runs before the app is stopped
 * (checks that need it alive). The app and Xvfb are stopped either way.
 */
export async function runApp(binary, { env: extra = {}, timeoutMs = 120_000, screenshot, whileRunning } = {}) {
  const display = freeDisplay();
  const fbdir = fs.mkdtempSync(path.join(root, 'target/xvfb-'));
  const xvfb = spawn('Xvfb', [`:${display}`, '-screen', '0', '1000x700x24', '-fbdir', fbdir, '-nolisten', 'tcp'], { stdio: 'ignore' });
  let app;
  try {
    await waitFor('Xvfb', 10_000, () => fs.existsSync(`/tmp/.X11-unix/X${display}`));
    const env = {
      ...process.env,
      ...extra,
      DISPLAY: `:${display}`,
      // WebKitGTK under Xvfb in a container: no GPU, no compositing, no accessibility bus.
      WEBKIT_DISABLE_COMPOSITING_MODE: '1',
      WEBKIT_DISABLE_DMABUF_RENDERER: '1',
      LIBGL_ALWAYS_SOFTWARE: '1',
      NO_AT_BRIDGE: '1',
    };
    app = spawn('dbus-run-session', ['--', binary], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const stderr = { text: '' };
    app.stdout.on('data', (d) => { out += d; });
    app.stderr.on('data', (d) => { stderr.text += d; });
    const exited = new Promise((resolve) => app.once('exit', (code, signal) => resolve({ code, signal })));
    const reported = () => out.includes(REPORT) && out.slice(out.indexOf(REPORT)).includes('\n');
    const report = await Promise.race([
      waitFor('the page report', timeoutMs, reported).then(() => JSON.parse(out.slice(out.indexOf(REPORT) + REPORT.length).split('\n')[0])),
      exited.then((e) => { throw new Error(`the app exited before reporting (${JSON.stringify(e)}):\n${stderr.text.slice(-4000)}`); }),
    ]);
    if (screenshot) {
      // Let the last frame paint, then the screenshot from Xvfb's framebuffer file.
      await new Promise((r) => setTimeout(r, 800));
      fs.mkdirSync(path.dirname(screenshot), { recursive: true });
      fs.writeFileSync(screenshot, xwdToPng(fs.readFileSync(path.join(fbdir, 'Xvfb_screen0'))));
    }
    await whileRunning?.(report);
    return { report, stderr };
  } finally {
    app?.kill('SIGTERM');
    xvfb.kill('SIGTERM');
    fs.rmSync(fbdir, { recursive: true, force: true });
  }
}
