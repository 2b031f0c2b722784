'use strict';
// Credentials: API keys in the OS keychain and OAuth logins (Claude Pro/Max, ChatGPT, GitHub
// Copilot). Keys and tokens go into Rust and stay there; nothing here returns one.
const os = require('node:os');
const path = require('node:path');
const native = require('../binding.js');
const { callNative, callNativeAsync, InvalidArgumentError } = require('./errors.js');

function str(value, argument) {
  if (typeof value !== 'string' || value.length === 0) {
    throw new InvalidArgumentError({ argument, message: `${argument} must be a non-empty string` });
  }
  return value;
}

/** The default directory of the opt-in credentials file: `$XDG_CONFIG_HOME/llm-native` or `~/.config/llm-native`. */
function defaultConfigDir() {
  return path.join(process.env.XDG_CONFIG_HOME || path.join(os.homedir(), '.config'), 'llm-native');
}

/**
 * `configureAuth({ fallbackStore: 'file', configDir, keychainService, refreshSkewMs, loopbackTimeoutMs, oauth })`.
 * `fallbackStore: 'file'` opts in to a 0600 JSON file (`<configDir>/credentials.json`) used only
 * when no OS keychain is reachable.
 */
function configureAuth(options = {}) {
  const opts = { ...options };
  if (opts.fallbackStore === 'file') opts.configDir ??= defaultConfigDir();
  callNative(() => native.configureAuth(JSON.stringify(opts)));
}

const setApiKey = (providerId, key) =>
  callNativeAsync(() => native.setApiKey(str(providerId, 'providerId'), str(key, 'key')));
const hasApiKey = (providerId) => callNativeAsync(() => native.hasApiKey(str(providerId, 'providerId')));
const deleteApiKey = (providerId) => callNativeAsync(() => native.deleteApiKey(str(providerId, 'providerId')));
const authStatus = (providerId) => callNativeAsync(() => native.authStatus(str(providerId, 'providerId')));
const hasOAuth = (providerId) => callNativeAsync(() => native.hasOAuth(str(providerId, 'providerId')));
const logout = (providerId) => callNativeAsync(() => native.logout(str(providerId, 'providerId')));
const startOAuth = (providerId, options) =>
  callNativeAsync(() => native.startOAuth(str(providerId, 'providerId'), JSON.stringify(options ?? {})));
const completeOAuth = (providerId, options) =>
  callNativeAsync(() => native.completeOAuth(str(providerId, 'providerId'), JSON.stringify(options ?? {})));
const startDeviceFlow = (providerId) => callNativeAsync(() => native.startDeviceFlow(str(providerId, 'providerId')));
const pollDeviceFlow = (providerId) => callNativeAsync(() => native.pollDeviceFlow(str(providerId, 'providerId')));

module.exports = {
  configureAuth, setApiKey, hasApiKey, deleteApiKey, authStatus, hasOAuth, logout,
  startOAuth, completeOAuth, startDeviceFlow, pollDeviceFlow, defaultConfigDir,
};
