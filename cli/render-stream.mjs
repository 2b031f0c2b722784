// Prints a streamText result to the terminal as it arrives: reasoning dimmed, text live, tool
// calls and results on their own lines, then a usage and cost line. Shared by `llm-native chat`
// and `npm run demo`.
import { style } from './terminal.mjs';

function formatUsd(usd) {
  return usd < 0.01 ? `$${usd.toFixed(6)}` : `$${usd.toFixed(4)}`;
}

const preview = (value, max = 80) => {
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? '';
  const line = text.replace(/\s+/g, ' ');
  return line.length > max ? `${line.slice(0, max)}…` : line;
};

/** The usage line: `N in / M out tokens[ (R reasoning)][, $cost]`. */
export function usageLine(usage, cost) {
  const reasoning = usage.reasoningTokens ? ` (${usage.reasoningTokens} reasoning)` : '';
  return `${usage.inputTokens ?? 0} in / ${usage.outputTokens ?? 0} out tokens${reasoning}${cost ? `, ${formatUsd(cost.total)}` : ''}`;
}

/**
 * Writes `result.fullStream` to stdout, ending with `[label: usage]`. Resolves to the error the
 * stream reported, if any (the caller decides the exit code).
 */
export async function renderStream(result, label) {
  const out = process.stdout;
  const { dim, cyan, red } = style(out);
  let open; // 'reasoning' | 'text' | undefined: what the current line holds
  let failed;
  const separate = (next) => {
    if (open && open !== next) out.write(open === 'reasoning' ? '\n\n' : '\n');
    open = next;
  };
  for await (const part of result.fullStream) {
    switch (part.type) {
      case 'reasoning-delta':
        separate('reasoning');
        out.write(dim(part.text));
        break;
      case 'text-delta':
        separate('text');
        out.write(part.text);
        break;
      case 'tool-call':
        separate(undefined);
        out.write(cyan(`→ ${part.toolName}(${preview(part.input)})\n`));
        break;
      case 'tool-result':
        out.write(dim(`← ${preview(part.output)}\n`));
        break;
      case 'tool-error':
        out.write(red(`← ${part.toolName} failed: ${part.error?.message ?? part.error}\n`));
        break;
      case 'error':
        failed = part.error;
        break;
      case 'finish':
        separate(undefined);
        out.write(`${dim(`[${label}: ${usageLine(part.totalUsage, part.totalCost)}]`)}\n`);
        break;
      default:
    }
  }
  return failed;
}
