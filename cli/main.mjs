// The llm-native command: parses the global options, runs one command, maps the outcome to an exit
// code (0 done, 1 failed, 2 usage, 130 interrupted; see usage.mjs).
import fs from 'node:fs';
import { USAGE, COMMANDS, UsageError, helpFor } from './usage.mjs';
import { didYouMean } from './suggest.mjs';
import { interrupted, onInterrupt } from './interrupt.mjs';
import { keys } from './commands/keys.mjs';
import { login, logout } from './commands/login.mjs';
import { status } from './commands/status.mjs';
import { models } from './commands/models.mjs';
import { providers } from './commands/providers.mjs';
import { chat } from './commands/chat.mjs';
import { usage } from './commands/usage.mjs';
import { configure, cliMessage } from './setup.mjs';

const RUN = { keys, login, logout, status, models, providers, chat, usage };

function version() {
  const { version: v } = JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  return `llm-native ${v}`;
}

/** Takes the options every command accepts out of `argv`. */
function globalOptions(argv) {
  const options = { fileStore: false, help: false, version: false };
  const rest = [];
  for (const arg of argv) {
    if (arg === '--file-store') options.fileStore = true;
    else if (arg === '--no-color') process.env.NO_COLOR = '1';
    else if (arg === '-h' || arg === '--help') options.help = true;
    else if (arg === '-V' || arg === '--version') options.version = true;
    else rest.push(arg);
  }
  return { options, rest };
}

async function main(argv) {
  const { options, rest: [command, ...args] } = globalOptions(argv);
  if (options.version) return console.log(version());
  if (command === undefined || command === 'help') {
    const topic = command === 'help' ? args[0] : undefined;
    if (topic && !COMMANDS[topic]) throw new UsageError(`no command ${topic}${didYouMean(topic, Object.keys(COMMANDS))}; llm-native help lists them`);
    return console.log(topic ? helpFor(topic) : USAGE);
  }
  if (!RUN[command]) throw new UsageError(`unknown command ${command}${didYouMean(command, Object.keys(RUN))}; llm-native help lists them`);
  if (options.help) return console.log(helpFor(command));
  configure(options);
  return RUN[command](args);
}

/** Exits once stdout and stderr have taken what was written (pipes are asynchronous on macOS). */
function exit(code) {
  let pending = 2;
  const done = () => { if (--pending === 0) process.exit(code); };
  process.stdout.write('', done);
  process.stderr.write('', done);
}

onInterrupt();
main(process.argv.slice(2)).then(
  () => exit(interrupted.signal.aborted ? 130 : 0),
  (e) => {
    if (interrupted.signal.aborted) return exit(130);
    // node:util parseArgs' errors (unknown option, missing value) are usage errors.
    const usage = e instanceof UsageError || String(e?.code).startsWith('ERR_PARSE_ARGS');
    console.error(`llm-native: ${cliMessage(e)}`);
    return exit(usage ? (e.exitCode ?? 2) : 1);
  },
);
