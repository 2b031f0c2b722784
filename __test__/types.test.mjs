// index.d.ts matches what ships: every runtime export is declared (and vice versa), and AI SDK
// v5-style app code type-checks against it.
import { describe, it, expect } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const root = new URL('..', import.meta.url).pathname;

/** `tsc --strict --noEmit` over the files; its output ('' when they type-check). */
function tsc(...files) {
  const args = [require.resolve('typescript/bin/tsc'), '--noEmit', '--strict', '--target', 'es2022', '--module', 'nodenext',
    '--moduleResolution', 'nodenext', '--types', 'node', '--skipLibCheck', 'false', ...files];
  try {
    execFileSync(process.execPath, args, { cwd: root, encoding: 'utf8' });
    return '';
  } catch (e) {
    return `${e.stdout}${e.stderr}`;
  }
}

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
    expect(tsc('__test__/types-usage.ts', '__test__/types-telemetry.ts', '__test__/types-mcp.ts', '__test__/types-object.ts')).toBe('');
  });

  it('type-checks a realistic ai@5 app after the import swap (zod-typed tools, generic results, UI messages, fetch)', () => {
    expect(tsc('__test__/types-app/agent.ts')).toBe('');
  });

  it('rejects a wrong field in a zod-typed execute (zod 4 and zod 3), as the AI SDK does', () => {
    expect(tsc('__test__/types-app/wrong-field.ts').trim().split('\n')).toEqual([
      "__test__/types-app/wrong-field.ts(9,21): error TS2339: Property 'city' does not exist on type '{ location: string; }'.",
      "__test__/types-app/wrong-field.ts(13,21): error TS2339: Property 'town' does not exist on type '{ location: string; }'.",
    ]);
  });
});
