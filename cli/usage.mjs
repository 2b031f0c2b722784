// The CLI's help texts, one per command, and the error that means "the command line was wrong".
import { didYouMean } from './suggest.mjs';

/** A bad command line (exit 2), or a cancelled prompt (exit 130). */
export class UsageError extends Error {
  constructor(message, exitCode = 2) {
    super(message);
    this.exitCode = exitCode;
  }
}

export const EXIT_CODES = `exit codes:
  0    done
  1    the command failed (network, provider, credential store)
  2    usage error (unknown command or option, missing argument, unknown provider)
  130  interrupted (Ctrl-C)`;

const GLOBAL_OPTIONS = `options (every command):
  --file-store     keep credentials in <config dir>/credentials.json (mode 0600) when no OS
                   keychain is reachable (same as LLM_NATIVE_FALLBACK_STORE=file)
  --no-color       no colours (also: NO_COLOR=1; FORCE_COLOR=1 forces them into a pipe)
  -h, --help       help for the command
  -V, --version    the llm-native version`;

export const COMMANDS = {
  keys: `usage: llm-native keys set <provider>      store an API key (hidden prompt, or piped on stdin)
       llm-native keys list                providers with a stored key (never the value)
       llm-native keys delete <provider>   remove a stored key

Keys go to the OS keychain (service llm-native, or LLM_NATIVE_KEYCHAIN_SERVICE). A key is never
read from the command line: argv is visible to other processes.`,
  login: `usage: llm-native login <provider>

  anthropic        Claude Pro/Max: open the URL shown, approve, paste the code
  openai           ChatGPT Plus/Pro: open the URL; a listener on 127.0.0.1:1455 takes the redirect
  github-copilot   GitHub device flow: enter the code shown at github.com/login/device

The tokens go to the OS keychain and are refreshed when they expire.`,
  logout: `usage: llm-native logout <provider>

Forgets the OAuth login of <provider> (anthropic, openai, github-copilot).`,
  status: `usage: llm-native status [provider]

Which credentials each provider has: a key in its environment variable, a key in the keychain,
an OAuth login. A call uses the first of: the apiKey setting, the keychain key, the environment
variable, the OAuth login (GitHub Copilot: only its login).`,
  models: `usage: llm-native models [provider] [--available] [--refresh]

  provider      only this provider's models
  --available   models of providers with credentials, merged with each provider's live list
  --refresh     with --available: fetch the live lists again (they are cached for 5 minutes)

Columns: provider/model id, name, context window, price per million input/output tokens.

usage: llm-native models --update [--url <url> | --file <path>] [--sha256 <hex>]

  --update      load a newer catalogue (models.json's format or models.dev's; default
                https://models.dev/api.json), checked, kept in <config dir>/catalog.json
  --sha256      refuse it unless its SHA-256 is this`,
  usage: `usage: llm-native usage [--since <date>] [--until <date>] [--provider <id>] [--model <id>] [--json]

Steps recorded in <config dir>/usage.sqlite (by every app and process using llm-native), one row
per day and model: steps, input/output/cache tokens, cost (catalogue prices), errors.
  --since, --until   dates or times (e.g. 2026-12-01), --until exclusive
  --json             the totals as JSON (queryUsage's answer)`,
  providers: `usage: llm-native providers list
       llm-native providers add <id> --base-url <url> [--name <name>] [--protocol <protocol>]
                                [--api-key-env <VAR>] [--models <id,id,…>]
       llm-native providers remove <id>

  --protocol      openai-chat (default: any OpenAI-compatible server), anthropic-messages,
                  openai-responses, google-generative-ai
  --api-key-env   the environment variable holding its key (or store one: keys set <id>)

Custom providers are kept in <config dir>/providers.json; models are then "<id>/<model>".`,
  chat: `usage: llm-native chat [-m <provider/model>] [prompt…]

  -m, --model   the model, e.g. openai/gpt-4o-mini or anthropic/claude-sonnet-4-5
                (default: llm-native's local scripted model, no key or network needed)

With a prompt (or one piped on stdin) prints one reply; in a terminal with no prompt, a
conversation (empty line or Ctrl-D ends it). Reasoning is dimmed; a usage and cost line follows.`,
};

export const USAGE = `usage: llm-native <command> [options]

commands:
  keys set|list|delete     API keys in the OS keychain
  login <provider>         log in with a subscription: anthropic, openai, github-copilot
  logout <provider>        forget an OAuth login
  status [provider]        which credentials each provider has
  models [provider]        the model catalogue (--available: what your credentials can use;
                           --update: load a newer one)
  usage [--json]           steps, tokens and cost recorded, per day and model
  providers list|add|remove
                           custom (OpenAI- or Anthropic-compatible) providers
  chat [-m model] [prompt] stream a reply; without -m, the local scripted model
  help [command]           this text, or a command's

${GLOBAL_OPTIONS}

environment:
  LLM_NATIVE_CONFIG_DIR         config dir (default $XDG_CONFIG_HOME/llm-native or ~/.config/llm-native)
  LLM_NATIVE_KEYCHAIN_SERVICE   keychain service name (default llm-native)
  LLM_NATIVE_FALLBACK_STORE     'file': the file store when no keychain is reachable
  OPENAI_API_KEY, ANTHROPIC_API_KEY, GOOGLE_GENERATIVE_AI_API_KEY, …   provider keys

${EXIT_CODES}`;

/** The help of `command`, with the options every command takes. */
export function helpFor(command) {
  return `${COMMANDS[command]}\n\n${GLOBAL_OPTIONS}\n\n${EXIT_CODES}`;
}

/** The usage error for a missing or unknown subcommand of `command` (one of `subcommands`). */
export function badSubcommand(command, sub, subcommands) {
  const what = sub ? `unknown ${command} command ${sub}${didYouMean(sub, subcommands)}` : `missing ${command} command`;
  return new UsageError(`${what}\n\n${helpFor(command)}`);
}

/** A usage error if `command` was given arguments it does not take. */
export function none(command, args) {
  if (args.length) throw new UsageError(`unexpected ${args.join(' ')}\n\n${helpFor(command)}`);
}

/** The one positional argument `what` of `command`; a usage error when it is missing or followed by more. */
export function single(command, args, what) {
  const [value, ...extra] = args;
  if (!value) throw new UsageError(`missing ${what}\n\n${helpFor(command)}`);
  none(command, extra);
  return value;
}
