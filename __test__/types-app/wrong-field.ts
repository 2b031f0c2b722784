// Must NOT type-check (types.test.mjs expects exactly these errors): `execute` reads a field its
// zod schema does not have, as the AI SDK's `tool()` rejects.
import { tool } from '../../index.js';
import { z } from 'zod';
import { z as z3 } from 'zod3';

export const weather = tool({
  inputSchema: z.object({ location: z.string() }),
  execute: async ({ city }) => city,
});
export const legacy = tool({
  inputSchema: z3.object({ location: z3.string() }),
  execute: async ({ town }) => town,
});
