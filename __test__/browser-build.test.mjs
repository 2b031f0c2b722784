// A bundler building for the browser (a Tauri webview) resolves `import { streamText } from
// 'llm-native'` to the webview build, and what it bundles holds no `.node` file, no Node built-in
// and nothing of the Node host; `llm-native/tauri` is the same build.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it, expect, afterAll } from 'vitest';
import * as esbuild from 'esbuild';
import { exportNames } from '../scripts/build-browser.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const app = fs.mkdtempSync(path.join(os.tmpdir(), 'llm-native-browser-app-'));
fs.mkdirSync(path.join(app, 'node_modules'));
// The app depends on llm-native as an installed package would (resolved through its `exports`).
fs.symlinkSync(root, path.join(app, 'node_modules', 'llm-native'), 'dir');
afterAll(() => fs.rmSync(app, { recursive: true, force: true }));

async function bundle(source) {
  fs.writeFileSync(path.join(app, 'main.js'), source);
  const result = await esbuild.build({
    entryPoints: [path.join(app, 'main.js')],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    metafile: true,
    // The app's own dependency; a webview app bundles it from its node_modules.
    external: ['@tauri-apps/api', '@tauri-apps/api/*', 'zod', 'zod/*', 'zod-to-json-schema'],
    logLevel: 'silent',
  });
  return { inputs: Object.keys(result.metafile.inputs), code: result.outputFiles[0].text, imports: Object.values(result.metafile.outputs)[0].imports };
}

describe('the browser build', () => {
  for (const specifier of ['llm-native', 'llm-native/tauri']) {
    it(`${specifier} bundles without Node`, async () => {
      const { inputs, code, imports } = await bundle(`import { streamText, createOpenAI, setApiKey } from '${specifier}';\nconsole.log(streamText, createOpenAI, setApiKey);\n`);
      expect(inputs.some((i) => i.endsWith('dist/browser.mjs'))).toBe(true);
      for (const input of inputs) {
        expect(input).not.toMatch(/\.node$|binding\.js$|node-host\.js$|index\.js$/);
      }
      for (const i of imports) expect(i.path).toMatch(/^@tauri-apps\/api|^zod|^zod-to-json-schema/);
      // (`globalThis.Buffer` is used only when present.)
      expect(code).not.toMatch(/from ["']node:|require\(["']node:|process\.env|(?<!globalThis\.)Buffer\.from\(/);
    });
  }

  it('exports every name the Node entry exports', async () => {
    const web = fs.readFileSync(path.join(root, 'dist/browser.mjs'), 'utf8');
    const node = Object.keys(await import('../index.js')).filter((k) => k !== 'default').sort();
    expect(exportNames().sort()).toEqual(node);
    for (const name of node) expect(web).toMatch(new RegExp(`\\b${name}\\b`));
  });
});
