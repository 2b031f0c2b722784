'use strict';
// llm-native: AI SDK v5-compatible streaming, implemented natively. Swap `from 'ai'` /
// `from '@ai-sdk/openai'` for `from 'llm-native'`.
// The Node host (the N-API addon), then the exports (lib/index.js), which reach Rust through it.
require('./lib/host.js').setHost(require('./lib/node-host.js'));
module.exports = require('./lib/index.js');
