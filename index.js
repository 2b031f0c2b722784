'use strict';
// llm-native: AI SDK v5-compatible streaming, implemented natively. Swap `from 'ai'` /
// `from '@ai-sdk/openai'` for `from 'llm-native'`.
const errors = require('./lib/errors.js');
const providers = require('./lib/providers.js');
const tools = require('./lib/tools.js');
const { streamText } = require('./lib/stream-text.js');

exports.streamText = streamText;
exports.createOpenAI = providers.createOpenAI;
exports.createOpenAICompatible = providers.createOpenAICompatible;
exports.openai = providers.openai;
exports.createAnthropic = providers.createAnthropic;
exports.anthropic = providers.anthropic;
exports.createGoogleGenerativeAI = providers.createGoogleGenerativeAI;
exports.google = providers.google;
exports.tool = tools.tool;
exports.jsonSchema = tools.jsonSchema;
exports.AISDKError = errors.AISDKError;
exports.APICallError = errors.APICallError;
exports.InvalidPromptError = errors.InvalidPromptError;
exports.InvalidArgumentError = errors.InvalidArgumentError;
exports.LoadAPIKeyError = errors.LoadAPIKeyError;
exports.UnsupportedFunctionalityError = errors.UnsupportedFunctionalityError;
exports.JSONParseError = errors.JSONParseError;
exports.InvalidResponseDataError = errors.InvalidResponseDataError;
exports.TypeValidationError = errors.TypeValidationError;
exports.NoSuchToolError = errors.NoSuchToolError;
exports.InvalidToolInputError = errors.InvalidToolInputError;
exports.NoSuchModelError = errors.NoSuchModelError;
exports.NoOutputGeneratedError = errors.NoOutputGeneratedError;
exports.RetryError = errors.RetryError;
exports.ConnectTimeoutError = errors.ConnectTimeoutError;
exports.FirstByteTimeoutError = errors.FirstByteTimeoutError;
exports.IdleTimeoutError = errors.IdleTimeoutError;
