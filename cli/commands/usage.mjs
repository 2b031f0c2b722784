// llm-native usage [--since] [--until] [--provider] [--model] [--json]: the usage ledger's totals
// per day and model, as a table (or queryUsage's answer as JSON).
import { parseArgs } from 'node:util';
import * as llm from '../../index.js';
import { table } from '../terminal.mjs';

const usd = (n) => (n == null ? '-' : `$${n.toFixed(4)}`);

export async function usage(args) {
  const { values } = parseArgs({
    args,
    options: {
      since: { type: 'string' }, until: { type: 'string' }, provider: { type: 'string' }, model: { type: 'string' },
      json: { type: 'boolean' },
    },
  });
  const { json, ...filters } = values;
  const totals = await llm.queryUsage({ ...filters, groupBy: ['day', 'model'] });
  if (json) {
    console.log(JSON.stringify(totals, null, 2));
    return;
  }
  if (totals.total.steps === 0) {
    console.log('no steps recorded');
    return;
  }
  const row = (day, model, t) => [
    day, model, String(t.steps), String(t.inputTokens), String(t.outputTokens),
    String(t.cacheReadTokens + t.cacheWriteTokens), usd(t.costUsd), String(t.errors),
  ];
  const rows = [
    ['day', 'model', 'steps', 'input', 'output', 'cache', 'cost', 'errors'],
    ...totals.groups.map((g) => row(g.day, `${g.provider}/${g.model}`, g)),
    row('total', '', totals.total),
  ];
  for (const line of table(rows)) console.log(line);
}
