// llm-native status [provider]: which credentials each provider has (never their values).
import * as llm from '../../index.js';
import { table, style } from '../terminal.mjs';
import { cliMessage, knownProvider } from '../setup.mjs';

export async function status(args) {
  const only = args[0] && knownProvider(args[0]);
  const { dim } = style(process.stdout);
  const rows = [['provider', 'environment', 'keychain', 'login']];
  let unreachable;
  for (const p of llm.listProviders().filter((x) => !only || x.id === only)) {
    // The environment still answers when the keychain does not.
    const stored = await llm.authStatus(p.id).catch((e) => {
      if (e?.reason !== 'keychain-unavailable') throw e;
      unreachable = e;
      return undefined;
    });
    const envSet = Boolean(p.apiKeyEnvVar && process.env[p.apiKeyEnvVar]);
    const envCell = p.apiKeyEnvVar ? `${p.apiKeyEnvVar}${envSet ? ' (set)' : ''}` : p.oauth ? '-' : '(no key needed)';
    const cell = (has) => (stored ? (has ? 'yes' : '-') : '?');
    rows.push([p.id, envCell, cell(stored?.apiKey), cell(stored?.oauth)]);
  }
  const [head, ...body] = table(rows);
  console.log(dim(head));
  for (const line of body) console.log(line);
  if (unreachable) console.error(`(keychain: ${cliMessage(unreachable)})`);
}
