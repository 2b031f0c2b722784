// Migration proof: examples/coding-agent.mjs, an app written against the AI SDK v5, runs on
// llm-native after changing only its import lines. The test derives the AI SDK version by
// rewriting those lines, runs both against the example's local server and compares the output.
import { describe, it, expect, afterAll } from 'vitest';
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startExampleServer } from '../examples/local-server.mjs';

const run = promisify(execFile);
const app = fileURLToPath(new URL('../examples/coding-agent.mjs', import.meta.url));
const aiVariant = fileURLToPath(new URL('../examples/.coding-agent.ai-sdk.mjs', import.meta.url));
const server = await startExampleServer();
afterAll(() => {
  rmSync(aiVariant, { force: true });
  return server.close();
});

describe('examples/coding-agent.mjs', () => {
  it("differs from its AI SDK version only in the import lines, and prints the same", async () => {
    const source = readFileSync(app, 'utf8');
    const imports = source.split('\n').filter((l) => l.startsWith('import '));
    expect(imports).toEqual([
      "import { streamText, generateText, tool, jsonSchema, stepCountIs } from 'llm-native';",
      "import { createOpenAICompatible } from 'llm-native';",
    ]);
    writeFileSync(aiVariant, source
      .replace(imports[0], imports[0].replace("'llm-native'", "'ai'"))
      .replace(imports[1], imports[1].replace("'llm-native'", "'@ai-sdk/openai-compatible'")));
    const env = { ...process.env, LLM_BASE_URL: `${server.url}/v1` };
    const [ours, theirs] = await Promise.all([run('node', [app], { env }), run('node', [aiVariant], { env })]);
    expect(ours.stdout).toBe(theirs.stdout);
    expect(ours.stdout).toContain('[tool] read_file({"path":"src/parse.js"})');
    expect(ours.stdout).toContain('[agent] 3 steps');
    expect(ours.stdout).toContain('[title] Empty input crashes parse');
    expect(ours.stdout).toContain('[history] user assistant tool assistant tool assistant');
    expect(ours.stderr).toBe('');
  });
});
