'use strict';
// Credentials: API keys in the OS keychain and OAuth logins (Claude Pro/Max, ChatGPT, GitHub
// Copilot). Keys and tokens go into Rust and stay there; nothing here returns one.
const { host } = require('./host.js');
const { callNative, callNativeAsync, InvalidArgumentError, jsonArgument, optionsObject } = require('./errors.js');

function str(value, argument) {
  if (typeof value !== 'string' || value.length === 0) {
    throw new InvalidArgumentError({ argument, message: `${argument} must be a non-empty string` });
  }
  return value;
}

/**
 * `configureAuth({ fallbackStore: 'file', configDir, keychainService, refreshSkewMs, loopbackTimeoutMs, oauth })`.
 * `fallbackStore: 'file'` opts in to a 0600 JSON file (`<configDir>/credentials.json`) used only
 * when no OS keychain is reachable.
 */
function configureAuth(options = {}) {
  // Without `configDir` the file goes to the OS config directory (chosen in Rust).
  callNative(() => host().configureAuth(jsonArgument('options', optionsObject('options', options))));
}

const setApiKey = (providerId, key) =>
  callNativeAsync(() => host().setApiKey(str(providerId, 'providerId'), str(key, 'key')));
const hasApiKey = (providerId) => callNativeAsync(() => host().hasApiKey(str(providerId, 'providerId')));
const deleteApiKey = (providerId) => callNativeAsync(() => host().deleteApiKey(str(providerId, 'providerId')));
const authStatus = (providerId) => callNativeAsync(() => host().authStatus(str(providerId, 'providerId')));
const hasOAuth = (providerId) => callNativeAsync(() => host().hasOAuth(str(providerId, 'providerId')));
const logout = (providerId) => callNativeAsync(() => host().logout(str(providerId, 'providerId')));
const startOAuth = (providerId, options) =>
  callNativeAsync(() => host().startOAuth(str(providerId, 'providerId'), jsonArgument('options', optionsObject('options', options))));
const completeOAuth = (providerId, options) =>
  callNativeAsync(() => host().completeOAuth(str(providerId, 'providerId'), jsonArgument('options', optionsObject('options', options))));
const startDeviceFlow = (providerId) => callNativeAsync(() => host().startDeviceFlow(str(providerId, 'providerId')));
const pollDeviceFlow = (providerId) => callNativeAsync(() => host().pollDeviceFlow(str(providerId, 'providerId')));

module.exports = {
  configureAuth, setApiKey, hasApiKey, deleteApiKey, authStatus, hasOAuth, logout,
  startOAuth, completeOAuth, startDeviceFlow, pollDeviceFlow,
};
