// What the CLI does with the terminal: colours (only where the stream supports them), aligned
// tables, a progress spinner, and prompts. Node's own tty checks decide colour: `hasColors()`
// honours NO_COLOR, FORCE_COLOR, NODE_DISABLE_COLORS and TERM=dumb, so no colour package is needed.
import readline from 'node:readline';
import { UsageError } from './usage.mjs';

/** Whether `stream` gets ANSI colours. A pipe gets none unless FORCE_COLOR asks for them. */
export function colorsOn(stream) {
  if (stream.isTTY) return stream.hasColors();
  const force = process.env.FORCE_COLOR;
  return force !== undefined && force !== '0' && force !== 'false' && !('NO_COLOR' in process.env);
}

const SGR = { dim: [2, 22], bold: [1, 22], red: [31, 39], green: [32, 39], yellow: [33, 39], cyan: [36, 39] };

/** `style(stream).dim('x')` etc.: the text, wrapped in SGR codes when `stream` has colours. */
export function style(stream) {
  const on = colorsOn(stream);
  return Object.fromEntries(
    Object.entries(SGR).map(([name, [open, close]]) => [name, (t) => (on ? `\x1b[${open}m${t}\x1b[${close}m` : String(t))]),
  );
}

/** Rows of cells as lines with every column padded to its widest cell (the last one unpadded). */
export function table(rows) {
  const widths = [];
  for (const row of rows) row.forEach((cell, i) => { widths[i] = Math.max(widths[i] ?? 0, String(cell).length); });
  return rows.map((row) => row.map((cell, i) => (i === row.length - 1 ? String(cell) : String(cell).padEnd(widths[i]))).join('  ').trimEnd());
}

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/**
 * Runs `work()` with a spinner and `label` on stderr when it is a terminal (a pipe gets the label
 * once, so logs still say what was waited for). The line is cleared when the work settles.
 */
export async function withProgress(label, work) {
  const { stderr } = process;
  if (!stderr.isTTY) {
    stderr.write(`${label}…\n`);
    return work();
  }
  const { cyan } = style(stderr);
  let frame = 0;
  const draw = () => stderr.write(`\r${cyan(FRAMES[frame++ % FRAMES.length])} ${label}…`);
  draw();
  const timer = setInterval(draw, 80);
  try {
    return await work();
  } finally {
    clearInterval(timer);
    stderr.write('\r\x1b[2K');
  }
}

export async function readStdin() {
  const chunks = [];
  for await (const c of process.stdin) chunks.push(c);
  return Buffer.concat(chunks).toString('utf8').trim();
}

/** Reads a line from the terminal without echoing it (for keys). Ctrl-C cancels. */
export function hiddenPrompt(question) {
  return new Promise((resolve, reject) => {
    const { stdin, stderr } = process;
    // Echo off before the question shows: a key typed or pasted the moment it appears must not be
    // echoed by the terminal.
    stdin.setRawMode(true);
    stderr.write(question);
    stdin.resume();
    let value = '';
    const done = (result, error) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      stderr.write('\n');
      if (error) reject(error);
      else resolve(result);
    };
    const onData = (buf) => {
      for (const ch of buf.toString('utf8')) {
        if (ch === '\r' || ch === '\n') return done(value.trim());
        if (ch === '\u0003') return done(null, new UsageError('cancelled', 130));
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else value += ch;
      }
      return undefined;
    };
    stdin.on('data', onData);
  });
}

/** One line from stdin (echoed), prompt on stderr. */
export async function promptLine(question) {
  const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
  try {
    return (await new Promise((resolve) => rl.question(question, resolve))).trim();
  } finally {
    rl.close();
  }
}
