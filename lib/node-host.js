'use strict';
// The Node host: the N-API addon, as `lib/host.js` describes hosts.
const native = require('../binding.js');

module.exports = {
  ...native,
  createProvider: (initJson) => new native.NativeProvider(initJson),
};
