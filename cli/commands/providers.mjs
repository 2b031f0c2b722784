// llm-native providers list|add|remove: the built-in providers and the user's custom ones
// (persisted in providers.json by the registry).
import { parseArgs } from 'node:util';
import * as llm from '../../index.js';
import { UsageError, badSubcommand, helpFor, none, single } from '../usage.mjs';
import { table, style } from '../terminal.mjs';
import { knownProvider } from '../setup.mjs';

function list() {
  const { dim } = style(process.stdout);
  const rows = [['id', 'name', 'protocol', 'base URL', 'credentials', '']];
  for (const p of llm.listProviders()) {
    rows.push([p.id, p.name, p.protocol, p.baseURL, p.hasCredentials ? 'yes' : '-', p.builtin ? '' : 'custom']);
  }
  const [head, ...body] = table(rows);
  console.log(dim(head));
  for (const line of body) console.log(line);
}

async function add(args) {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      'base-url': { type: 'string' },
      name: { type: 'string' },
      protocol: { type: 'string' },
      'api-key-env': { type: 'string' },
      models: { type: 'string' },
    },
  });
  const id = single('providers', positionals, '<id>');
  if (!values['base-url']) throw new UsageError(`missing --base-url <url>\n\n${helpFor('providers')}`);
  const config = {
    id,
    baseURL: values['base-url'],
    ...(values.name && { name: values.name }),
    ...(values.protocol && { protocol: values.protocol }),
    ...(values['api-key-env'] && { apiKeyEnvVar: values['api-key-env'] }),
    ...(values.models && { defaultModels: values.models.split(',').map((m) => m.trim()).filter(Boolean) }),
  };
  // The registry's InvalidArgumentError names the field; for the CLI that is a usage error.
  const info = await llm.registerProvider(config).catch((e) => {
    throw e?.name === 'AI_InvalidArgumentError' ? new UsageError(e.message) : e;
  });
  console.log(`added ${info.id} (${info.protocol}, ${info.baseURL}); its models are ${info.id}/<model>`);
}

async function remove(args) {
  const id = single('providers', args, '<id>');
  const provider = llm.listProviders().find((p) => p.id === knownProvider(id));
  if (provider.builtin) throw new UsageError(`${id} is built in; only custom providers can be removed`);
  await llm.removeProvider(id);
  console.log(`removed ${id}`);
}

export async function providers([sub, ...args]) {
  switch (sub) {
    case 'list':
      none('providers', args);
      return list();
    case 'add':
      return add(args);
    case 'remove':
      return remove(args);
    default:
      throw badSubcommand('providers', sub, ['list', 'add', 'remove']);
  }
}
