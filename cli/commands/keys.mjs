// llm-native keys set|list|delete: API keys in the keychain (values never printed or taken from argv).
import * as llm from '../../index.js';
import { UsageError, badSubcommand, none, single } from '../usage.mjs';
import { hiddenPrompt, readStdin } from '../terminal.mjs';
import { knownProvider, storeName } from '../setup.mjs';

const providerArg = (args) => knownProvider(single('keys', args, '<provider>'));

export async function keys([sub, ...args]) {
  switch (sub) {
    case 'set': {
      const id = providerArg(args);
      const key = process.stdin.isTTY ? await hiddenPrompt(`API key for ${id}: `) : await readStdin();
      if (!key) throw new UsageError('no key given');
      await llm.setApiKey(id, key);
      console.log(`stored the ${id} API key in the ${storeName()}`);
      return;
    }
    case 'list': {
      none('keys', args);
      const found = [];
      for (const { id } of llm.listProviders()) if (await llm.hasApiKey(id)) found.push(id);
      console.log(found.length ? found.join('\n') : '(no stored keys)');
      return;
    }
    case 'delete': {
      const id = providerArg(args);
      const deleted = await llm.deleteApiKey(id);
      console.log(deleted ? `deleted the ${id} API key` : `no ${id} API key was stored`);
      return;
    }
    default:
      throw badSubcommand('keys', sub, ['set', 'list', 'delete']);
  }
}
