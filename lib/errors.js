'use strict';
// Error classes with the AI SDK v5 names and fields. `X.isInstance(e)` uses the same global
// `Symbol.for('vercel.ai.error.*')` markers as the AI SDK, so its own checks recognise ours too.

const MARKER = Symbol.for('vercel.ai.error');

class AISDKError extends Error {
  constructor({ name, message, cause }) {
    super(message);
    this.name = name;
    if (cause !== undefined) this.cause = cause;
    this[MARKER] = true;
  }

  static isInstance(error) {
    return AISDKError.hasMarker(error, MARKER);
  }

  static hasMarker(error, marker) {
    return error != null && typeof error === 'object' && error[marker] === true;
  }
}

/** Defines an error class `AI_<Name>` whose instances carry the listed fields. */
function defineError(className, fields, defaultMessage, Parent = AISDKError) {
  const name = `AI_${className}`;
  const marker = Symbol.for(`vercel.ai.error.${name}`);
  const cls = {
    [className]: class extends Parent {
      constructor(options = {}) {
        super({ ...options, name, message: options.message ?? defaultMessage ?? name, cause: options.cause });
        this.name = name;
        this[marker] = true;
        for (const f of fields) if (f in options) this[f] = options[f];
      }

      static isInstance(error) {
        return AISDKError.hasMarker(error, marker);
      }
    },
  }[className];
  return cls;
}

const APICallError = defineError('APICallError', [
  'url', 'requestBodyValues', 'statusCode', 'responseHeaders', 'responseBody', 'isRetryable', 'data',
]);
const InvalidPromptError = defineError('InvalidPromptError', ['prompt']);
const InvalidArgumentError = defineError('InvalidArgumentError', ['argument', 'parameter', 'value']);
const LoadAPIKeyError = defineError('LoadAPIKeyError', []);
const UnsupportedFunctionalityError = defineError('UnsupportedFunctionalityError', ['functionality']);
const JSONParseError = defineError('JSONParseError', ['text']);
const InvalidResponseDataError = defineError('InvalidResponseDataError', ['data']);
const TypeValidationError = defineError('TypeValidationError', ['value']);
const NoSuchToolError = defineError('NoSuchToolError', ['toolName', 'availableTools']);
const InvalidToolInputError = defineError('InvalidToolInputError', ['toolName', 'toolInput']);
const NoSuchModelError = defineError('NoSuchModelError', ['modelId', 'modelType']);
// As in the AI SDK, a missing provider is also a NoSuchModelError.
const NoSuchProviderError = defineError('NoSuchProviderError', ['providerId', 'availableProviders'], undefined, NoSuchModelError);
const LoadSettingError = defineError('LoadSettingError', []);
const NoOutputGeneratedError = defineError('NoOutputGeneratedError', [], 'No output generated.');
const RetryError = defineError('RetryError', ['reason', 'errors', 'lastError']);
// llm-native's own: which wait ran out (see src/timeouts.rs).
const ConnectTimeoutError = defineError('ConnectTimeoutError', ['timeoutMs', 'url', 'isRetryable']);
const FirstByteTimeoutError = defineError('FirstByteTimeoutError', ['timeoutMs', 'url', 'isRetryable']);
const IdleTimeoutError = defineError('IdleTimeoutError', ['timeoutMs', 'url', 'isRetryable']);
const FirstContentTimeoutError = defineError('FirstContentTimeoutError', ['timeoutMs', 'url', 'isRetryable']);
const StepTimeoutError = defineError('StepTimeoutError', ['timeoutMs', 'url', 'isRetryable']);
const TotalTimeoutError = defineError('TotalTimeoutError', ['timeoutMs', 'url', 'isRetryable']);
// A tool's `execute` ran past its `toolMs` (a `tool-error`; the tool's abortSignal fires).
const ToolTimeoutError = defineError('ToolTimeoutError', ['toolName', 'toolCallId', 'timeoutMs']);
// Credential store / OAuth failures; `reason`: keychain-unavailable, store, state-mismatch,
// login-required, oauth, timeout.
const AuthError = defineError('AuthError', ['reason']);
// A bug in llm-native (a panic in the Rust task of a call), reported instead of a silent end.
const InternalError = defineError('InternalError', []);
// `experimental_repairToolCall` threw; `cause` is what it threw, `originalError` the call's error.
const ToolCallRepairError = defineError('ToolCallRepairError', ['originalError']);
// `queryUsage` could not read `<configDir>/usage.sqlite` (writes never throw).
const UsageLedgerError = defineError('UsageLedgerError', ['path']);
// `updateCatalog` refused a catalogue (bad hash, format or entry) or could not get it.
const CatalogUpdateError = defineError('CatalogUpdateError', []);
// `generateObject` / `streamObject` / `experimental_output` got no valid object (ai@5 fields).
const NoObjectGeneratedError = defineError('NoObjectGeneratedError', ['text', 'response', 'usage', 'finishReason'], 'No object generated.');
const NoOutputSpecifiedError = defineError('NoOutputSpecifiedError', [], 'No output specified.');
// `convertToModelMessages` met a message it cannot convert (`originalMessage`), as in ai@5.
const MessageConversionError = defineError('MessageConversionError', ['originalMessage']);
// A prompt URL that a model without native support for it needed downloaded could not be, as in ai@5.
const DownloadError = defineError('DownloadError', ['url', 'statusCode', 'statusText']);

const byName = new Map(
  [
    APICallError, InvalidPromptError, InvalidArgumentError, LoadAPIKeyError, UnsupportedFunctionalityError,
    JSONParseError, InvalidResponseDataError, TypeValidationError, NoSuchToolError, InvalidToolInputError,
    NoSuchModelError, NoSuchProviderError, LoadSettingError, NoOutputGeneratedError, RetryError,
    ConnectTimeoutError, FirstByteTimeoutError, IdleTimeoutError, FirstContentTimeoutError, StepTimeoutError,
    TotalTimeoutError, ToolTimeoutError, AuthError, InternalError, UsageLedgerError, CatalogUpdateError,
    ToolCallRepairError, MessageConversionError,
  ].map((cls) => [`AI_${cls.name}`, cls]),
);

/**
 * `value` (as `prepare(value)`, if given) as JSON text for Rust. What JSON cannot hold (a cycle, a
 * BigInt, a symbol, a getter that throws) is an InvalidArgumentError naming `argument`, not a
 * TypeError.
 */
function jsonArgument(argument, value, prepare) {
  let text;
  try {
    text = JSON.stringify(prepare ? prepare(value) : value);
  } catch (cause) {
    throw new InvalidArgumentError({ argument, message: `Invalid argument for parameter ${argument}: it cannot be sent as JSON (${cause?.message ?? cause})`, cause });
  }
  if (text === undefined) {
    throw new InvalidArgumentError({ argument, message: `Invalid argument for parameter ${argument}: expected JSON data, got ${typeof value}` });
  }
  return text;
}

function checkString(argument, value) {
  if (typeof value !== 'string') {
    throw new InvalidArgumentError({ argument, message: `Invalid argument for parameter ${argument}: expected a string` });
  }
}

/** Options objects: `undefined` / `null` mean none; anything else must be an object. */
function optionsObject(argument, value) {
  if (value == null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new InvalidArgumentError({ argument, message: `Invalid argument for parameter ${argument}: expected an object` });
  }
  return value;
}

/** What an error (or thrown value) says, as the AI SDK's `getErrorMessage` words it. */
function errorMessage(error) {
  if (error == null) return 'unknown error';
  if (typeof error === 'string') return error;
  if (error instanceof Error) return error.message;
  return JSON.stringify(error);
}

/** Rebuilds an error object that came from Rust (`{ name: 'AI_…', message, …fields }`). */
function fromNative(obj) {
  if (obj == null || typeof obj !== 'object' || obj instanceof Error) return obj;
  const cls = typeof obj.name === 'string' ? byName.get(obj.name) : undefined;
  if (cls === RetryError) {
    const errors = (obj.errors ?? []).map(fromNative);
    return new RetryError({ ...obj, errors, lastError: errors[errors.length - 1] });
  }
  return cls ? new cls(obj) : obj; // provider error objects pass through as plain data, as in the AI SDK
}

/** A native error (message = JSON of the AI SDK error object) as its error class; others unchanged. */
function nativeError(e) {
  if (e && typeof e.message === 'string' && e.message.startsWith('{"')) {
    try { return fromNative(JSON.parse(e.message)); } catch { return e; }
  }
  return e;
}

/**
 * Runs a host call, turning its thrown JSON error into the matching error class. A host call that
 * returns a promise (over Tauri IPC every call does) gets the same treatment for its rejection.
 */
function callNative(fn) {
  let result;
  try {
    result = fn();
  } catch (e) {
    throw nativeError(e);
  }
  if (result != null && typeof result.then === 'function') {
    return result.then(undefined, (e) => {
      throw nativeError(e);
    });
  }
  return result;
}

/** `callNative` for native functions that return a promise. */
async function callNativeAsync(fn) {
  try {
    return await fn();
  } catch (e) {
    throw nativeError(e);
  }
}

module.exports = {
  AISDKError, APICallError, InvalidPromptError, InvalidArgumentError, LoadAPIKeyError,
  UnsupportedFunctionalityError, JSONParseError, InvalidResponseDataError, TypeValidationError,
  NoSuchToolError, InvalidToolInputError, NoSuchModelError, NoSuchProviderError, LoadSettingError,
  NoOutputGeneratedError, RetryError, ConnectTimeoutError, FirstByteTimeoutError, IdleTimeoutError,
  FirstContentTimeoutError, StepTimeoutError, TotalTimeoutError, ToolTimeoutError, AuthError, InternalError, UsageLedgerError, CatalogUpdateError, ToolCallRepairError, MessageConversionError, DownloadError, NoObjectGeneratedError, NoOutputSpecifiedError, fromNative,
  callNative, callNativeAsync, jsonArgument, optionsObject, checkString, errorMessage,
};
