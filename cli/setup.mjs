// Configuration every command shares: where the config and credentials live (environment and
// --file-store), the provider ids the user can name, and CLI wording for credential errors.
import * as llm from '../index.js';
import { UsageError } from './usage.mjs';
import { didYouMean } from './suggest.mjs';

let configDir;
let fileStore = false;

/** Points the registry and the credential store at the user's config (env, `--file-store`). */
export function configure(options = {}) {
  const env = process.env;
  fileStore = Boolean(options.fileStore) || env.LLM_NATIVE_FALLBACK_STORE === 'file';
  ({ configDir } = llm.configure(env.LLM_NATIVE_CONFIG_DIR ? { configDir: env.LLM_NATIVE_CONFIG_DIR } : {}));
  llm.configureAuth({
    keychainService: env.LLM_NATIVE_KEYCHAIN_SERVICE || undefined,
    fallbackStore: fileStore ? 'file' : undefined,
    configDir,
  });
}

/** Where keys go, in words. */
export const storeName = () => (fileStore ? 'credential store' : 'keychain');

/** `id` if it is a built-in or registered provider, else a usage error suggesting the nearest. */
export function knownProvider(id) {
  const ids = llm.listProviders().map((p) => p.id);
  if (!ids.includes(id)) throw new UsageError(`unknown provider ${id}${didYouMean(id, ids)}; see llm-native providers list`);
  return id;
}

const LIBRARY_ADVICE = "opt in to the file store with configureAuth({ fallbackStore: 'file', configDir })";

/**
 * An error's message for a CLI user: the library's advice to call `configureAuth` (for apps)
 * becomes the flag and variable a CLI user has.
 */
export function cliMessage(error) {
  const message = String(error?.message ?? error);
  return message.replace(
    LIBRARY_ADVICE,
    `keep credentials in a file: add --file-store (or set LLM_NATIVE_FALLBACK_STORE=file) to use ${configDir}/credentials.json (mode 0600)`,
  );
}
