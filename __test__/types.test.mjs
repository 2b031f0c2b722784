// index.d.ts matches what ships: every runtime export is declared (and vice versa), and AI SDK
// v5-style app code type-checks against it.
import { describe, it, expect } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const root = new URL('..', import.meta.url).pathname;

describe('index.d.ts', () => {
  it('declares exactly the runtime exports', () => {
    const dts = readFileSync(`${root}index.d.ts`, 'utf8');
    const declared = new Set(
      [...dts.matchAll(/^export declare (?:function|class|const) (\w+)/gm)].map((m) => m[1]),
    );
    const runtime = new Set(Object.keys(require('../index.js')));
    expect([...runtime].sort()).toEqual([...declared].sort());
  });

  it('type-checks AI SDK-style app code', () => {
    const tsc = require.resolve('typescript/bin/tsc');
    const args = [tsc, '--noEmit', '--strict', '--target', 'es2022', '--module', 'nodenext', '--moduleResolution', 'nodenext',
      '--types', 'node', '--skipLibCheck', 'false', `${root}__test__/types-usage.ts`, `${root}__test__/types-telemetry.ts`];
    let output = '';
    try {
      execFileSync(process.execPath, args, { cwd: root, encoding: 'utf8' });
    } catch (e) {
      output = `${e.stdout}${e.stderr}`;
    }
    expect(output).toBe('');
  });
});
