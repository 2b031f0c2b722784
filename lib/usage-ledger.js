'use strict';
// The usage ledger lives in Rust (crates/core/src/ledger/): every step is recorded there, off the
// hot path. This file asks it for totals, and holds `costExceeds`, a `stopWhen` condition.
const { host } = require('./host.js');
const { callNativeAsync, InvalidArgumentError, jsonArgument, optionsObject } = require('./errors.js');

function invalid(argument, message) {
  return new InvalidArgumentError({ argument, message: `Invalid argument for parameter ${argument}: ${message}` });
}

/** A time bound as ms since the epoch: a Date, a number of ms, or a date string. */
function epochMs(argument, value) {
  if (value == null) return undefined;
  const ms = value instanceof Date ? value.getTime() : typeof value === 'string' ? Date.parse(value) : value;
  if (typeof ms !== 'number' || !Number.isFinite(ms)) throw invalid(argument, 'expected a Date, a time in ms or a date string');
  return Math.trunc(ms);
}

/**
 * `queryUsage({ since, until, provider, model, groupBy })` → `{ total, groups }`: steps, tokens
 * (input, output, reasoning, cache read, cache write), `costUsd`, `durationMs`, `errors` and
 * `aborted` over the steps recorded in `<configDir>/usage.sqlite`, by all processes.
 * `groupBy`: 'provider' | 'model' | 'day' (UTC), or several of them.
 */
async function queryUsage(options) {
  const o = optionsObject('options', options);
  const query = { ...o, since: epochMs('since', o.since), until: epochMs('until', o.until) };
  return JSON.parse(await callNativeAsync(() => host().queryUsage(jsonArgument('options', query))));
}

/** `stopWhen` condition: stop once the steps of this call cost more than `usd` (catalogue prices). */
function costExceeds(usd) {
  if (typeof usd !== 'number' || !Number.isFinite(usd) || usd < 0) throw invalid('usd', 'expected a non-negative number');
  return ({ steps }) => steps.reduce((sum, step) => sum + (step.cost?.total ?? 0), 0) > usd;
}

module.exports = { queryUsage, costExceeds };
