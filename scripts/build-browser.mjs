// Builds the webview (Tauri) build of llm-native: dist/browser.mjs, an ES module with the same
// named exports as the Node entry, reaching Rust through the Tauri plugin instead of the addon.
// `@tauri-apps/api` stays an import (the app's own copy); nothing Node-only is bundled, which
// `__test__/browser-build.test.mjs` checks. Run by `npm run build`.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The names `lib/index.js` exports (`exports.<name> = …`), so the ES module can name them. */
export function exportNames() {
  const text = fs.readFileSync(path.join(root, 'lib/index.js'), 'utf8');
  return [...text.matchAll(/^exports\.(\w+) =/gm)].map((m) => m[1]);
}

export async function buildBrowser({ outfile = path.join(root, 'dist/browser.mjs'), metafile = false } = {}) {
  const names = exportNames();
  const entry = `
import hostModule from './lib/host.js';
import { host as tauri } from './lib/tauri-host.mjs';
import lib from './lib/index.js';
hostModule.setHost(tauri);
export const { ${names.join(', ')} } = lib;
export default lib;
`;
  return esbuild.build({
    stdin: { contents: entry, resolveDir: root, sourcefile: 'browser-entry.mjs', loader: 'js' },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['es2022'],
    // The app's own copies; zod only for the schema shapes that need its converter. (Telemetry's
    // default tracer, @opentelemetry/api, is not bundled: a webview passes its `tracer`.)
    external: ['@tauri-apps/api', '@tauri-apps/api/*', 'zod', 'zod/*', 'zod-to-json-schema', '@opentelemetry/api'],
    outfile,
    metafile,
    legalComments: 'none',
    logLevel: 'warning',
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildBrowser();
}
