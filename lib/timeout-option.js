'use strict';
// The `ai@6` `timeout` call option: a number (the whole call) or `{ totalMs, stepMs, chunkMs,
// firstContentMs, toolMs, tools: { <toolName>Ms } }`. The waits inside a step (chunks, first
// content, the step itself, what is left of the total) are timed in Rust, next to the socket;
// only tools, which run here, are timed here.
const { InvalidArgumentError, ToolTimeoutError } = require('./errors.js');

const FIELDS = ['totalMs', 'stepMs', 'chunkMs', 'firstContentMs', 'toolMs'];

function positive(name, value) {
  if (value == null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new InvalidArgumentError({
      argument: 'timeout', value, message: `Invalid argument for parameter timeout: ${name} must be a positive number of milliseconds`,
    });
  }
  return Math.ceil(value);
}

/** The option as `{ totalMs, stepMs, chunkMs, firstContentMs, toolMs, tools }`, checked. */
function timeoutLimits(timeout) {
  if (timeout == null) return {};
  if (typeof timeout === 'number') return { totalMs: positive('timeout', timeout) };
  if (typeof timeout !== 'object' || Array.isArray(timeout)) {
    throw new InvalidArgumentError({ argument: 'timeout', value: timeout, message: 'Invalid argument for parameter timeout: timeout must be a number or an object' });
  }
  const limits = {};
  for (const f of FIELDS) limits[f] = positive(f, timeout[f]);
  if (timeout.tools != null) {
    if (typeof timeout.tools !== 'object' || Array.isArray(timeout.tools)) {
      throw new InvalidArgumentError({ argument: 'timeout', value: timeout, message: 'Invalid argument for parameter timeout: tools must be an object of <toolName>Ms limits' });
    }
    limits.tools = {};
    for (const [k, v] of Object.entries(timeout.tools)) limits.tools[k] = positive(`tools.${k}`, v);
  }
  return limits;
}

const remainingMs = (deadline) => Math.max(0, Math.ceil(deadline - Date.now()));

/**
 * The Rust-side limits of one step: the call's `timeouts`, the `timeout` option's, and what is
 * left of `totalMs` (`stepMs` / `totalMs` come only from `timeout`).
 */
function stepTimeouts(timeouts, limits, deadline) {
  const { chunkMs, firstContentMs, stepMs } = limits;
  return {
    ...timeouts,
    ...(chunkMs != null ? { idleMs: chunkMs } : {}),
    ...(firstContentMs != null ? { firstContentMs } : {}),
    stepMs,
    totalMs: deadline != null ? remainingMs(deadline) : undefined,
  };
}

/** A tool's limit: `tools.<name>Ms`, else `toolMs`, and never past what is left of `totalMs`. */
function toolTimeoutMs(limits, toolName, deadline) {
  const own = limits.tools?.[`${toolName}Ms`] ?? limits.toolMs;
  if (deadline == null) return own;
  return own == null ? remainingMs(deadline) : Math.min(own, remainingMs(deadline));
}

/**
 * Runs `iterate(abortSignal)` (an async iterable of a tool's results) with `ms` as its limit: past
 * it the iteration throws a ToolTimeoutError and the signal given to the tool fires.
 */
async function* withToolTimeout(ms, call, outerSignal, iterate) {
  if (ms == null) {
    yield* iterate(outerSignal);
    return;
  }
  const controller = new AbortController();
  const error = new ToolTimeoutError({
    message: `Tool ${call.toolName} timed out after ${ms} ms`, toolName: call.toolName, toolCallId: call.toolCallId, timeoutMs: ms,
  });
  let fire;
  const expired = new Promise((_, reject) => { fire = () => { controller.abort(error); reject(error); }; });
  expired.catch(() => {}); // observed through the race below
  const timer = setTimeout(fire, ms);
  const onOuterAbort = () => controller.abort(outerSignal.reason);
  outerSignal?.addEventListener('abort', onOuterAbort, { once: true });
  if (outerSignal?.aborted) controller.abort(outerSignal.reason);
  const it = iterate(controller.signal)[Symbol.asyncIterator]();
  try {
    for (;;) {
      const { value, done } = await Promise.race([it.next(), expired]);
      if (done) return;
      yield value;
    }
  } catch (e) {
    if (e === error) it.return?.().catch(() => {});
    throw e;
  } finally {
    clearTimeout(timer);
    outerSignal?.removeEventListener('abort', onOuterAbort);
  }
}

module.exports = { timeoutLimits, stepTimeouts, toolTimeoutMs, withToolTimeout };
