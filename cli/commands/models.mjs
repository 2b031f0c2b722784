// llm-native models [provider] [--available] [--refresh]: the catalogue, or what the user's
// credentials can use (merged with the providers' live lists), as an aligned table.
// llm-native models --update [--url <url> | --file <path>] [--sha256 <hex>]: a newer catalogue.
import { parseArgs } from 'node:util';
import * as llm from '../../index.js';
import { table, style, withProgress } from '../terminal.mjs';
import { knownProvider } from '../setup.mjs';

const perMillion = (usd) => (usd == null ? '-' : `$${usd}`);

/** The cells of one model: id, name, context, prices (each may be empty). */
function cells(id, entry, name) {
  const prices = entry?.cost ? `${perMillion(entry.cost.input)}/${perMillion(entry.cost.output)} per M` : '';
  const context = entry?.contextWindow ? `${Math.round(entry.contextWindow / 1000)}k ctx` : '';
  return [id, name ?? '', context, prices];
}

export async function models(args) {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      available: { type: 'boolean' }, refresh: { type: 'boolean' },
      update: { type: 'boolean' }, url: { type: 'string' }, file: { type: 'string' }, sha256: { type: 'string' },
    },
  });
  if (values.update) return update(values);
  const provider = positionals[0] && knownProvider(positionals[0]);
  let rows;
  if (values.available) {
    const options = { refresh: values.refresh, providers: provider ? [provider] : undefined };
    const { models: list, errors } = await withProgress('fetching live model lists', () => llm.listAvailableModels(options));
    rows = list.map((m) => [...cells(m.id, m.catalog, m.name !== m.modelId ? m.name : ''), m.live ? 'live' : '']);
    for (const e of errors) console.error(`(${e.providerId}: live list unavailable: ${e.message})`);
  } else {
    rows = llm.listModels().filter((m) => !provider || m.provider === provider).map((m) => cells(`${m.provider}/${m.id}`, m, m.name));
  }
  // Columns empty in every row are left out, so no run of spaces ends a line.
  const used = rows[0]?.map((_, i) => rows.some((r) => r[i])) ?? [];
  const { cyan } = style(process.stdout);
  for (const line of table(rows.map((r) => r.filter((_, i) => used[i])))) {
    const id = line.split(' ', 1)[0];
    console.log(cyan(id) + line.slice(id.length));
  }
}

/** The models.dev database, which `--update` reads when neither `--url` nor `--file` is given. */
const MODELS_DEV = 'https://models.dev/api.json';

async function update({ url, file, sha256 }) {
  const source = file ? { file } : { url: url ?? MODELS_DEV };
  const done = await withProgress('updating the model catalogue', () => llm.updateCatalog({ ...source, sha256 }));
  console.log(`catalogue of ${done.date}: ${done.models} models from ${done.source} (sha256 ${done.sha256})`);
  console.log(`kept in ${done.file}`);
}
