'use strict';
// `llm-native/test`: test doubles of the same shape as `ai/test` (lib/test-helpers.js).
module.exports = require('./lib/test-helpers.js');
