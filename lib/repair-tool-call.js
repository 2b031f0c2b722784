'use strict';
// `experimental_repairToolCall` as in `ai@5`: a tool call that names no tool of the step
// (`NoSuchToolError`) or whose input is not valid JSON or fails the tool's schema
// (`InvalidToolInputError`) goes to the app's repair function; a call it returns replaces the bad
// one (and is parsed and validated like any), `null` keeps the bad one, and a throw makes it a
// `ToolCallRepairError`.
const { NoSuchToolError, InvalidToolInputError, ToolCallRepairError, TypeValidationError, errorMessage } = require('./errors.js');
const { toJsonSchema } = require('./tools.js');

/** The call as the model sent it (`LanguageModelV2ToolCall`): its input as JSON text. */
function modelToolCall(call) {
  const out = {
    type: 'tool-call',
    toolCallId: call.toolCallId,
    toolName: call.toolName,
    input: typeof call.input === 'string' ? call.input : JSON.stringify(call.input),
  };
  if (call.providerExecuted != null) out.providerExecuted = call.providerExecuted;
  if (call.providerMetadata != null) out.providerMetadata = call.providerMetadata;
  return out;
}

/**
 * Parses a repaired call (`input` as JSON text; empty is `{}`) against `tools`, with `validate`
 * (the step loop's schema check): `{ call }` valid, or — as the AI SDK has it — the original call
 * `base` still invalid, with the repaired call's error.
 */
async function parseCall(repaired, tools, validate, base) {
  const call = { ...base, type: 'tool-call', toolCallId: repaired.toolCallId ?? base.toolCallId, toolName: repaired.toolName };
  if (repaired.providerMetadata != null) call.providerMetadata = repaired.providerMetadata;
  const tool = tools?.[repaired.toolName];
  const text = typeof repaired.input === 'string' ? repaired.input : JSON.stringify(repaired.input ?? {});
  let input;
  try {
    input = text.trim() === '' ? {} : JSON.parse(text);
  } catch (cause) {
    return invalid(base, new InvalidToolInputError({
      toolName: call.toolName, toolInput: text, cause, message: `Invalid input for tool ${call.toolName}: ${cause.message}`,
    }));
  }
  if (tool == null) {
    const availableTools = Object.keys(tools ?? {});
    return invalid(base, new NoSuchToolError({
      toolName: call.toolName,
      availableTools,
      message: `Model tried to call unavailable tool '${call.toolName}'. Available tools: ${availableTools.join(', ')}.`,
    }));
  }
  const r = await validate(tool, input);
  if (!r.success) {
    const cause = new TypeValidationError({
      value: input, cause: r.error, message: `Type validation failed: Value: ${JSON.stringify(input)}.\nError message: ${errorMessage(r.error)}`,
    });
    return invalid(base, new InvalidToolInputError({
      toolName: call.toolName, toolInput: text, cause, message: `Invalid input for tool ${call.toolName}: ${cause.message}`,
    }));
  }
  delete call.invalid;
  delete call.error;
  if (tool.type !== 'dynamic') delete call.dynamic;
  return { call: { ...call, input: r.value } };
}

function invalid(call, error) {
  return { call: { ...call, dynamic: true, invalid: true, error }, error };
}

/** Whether `repairToolCall` is asked about `error` (the AI SDK's two classes). */
function repairable(error) {
  return NoSuchToolError.isInstance(error) || InvalidToolInputError.isInstance(error);
}

/**
 * Runs the app's `repair` for an invalid `call`: the call to use, as `{ call, error? }` (`error`
 * set while it is still invalid), or `null` when `repair` declined.
 */
async function repairToolCall(repair, call, { tools, system, messages, validate }) {
  let repaired;
  try {
    repaired = await repair({
      toolCall: modelToolCall(call),
      tools,
      inputSchema: ({ toolName }) => toJsonSchema(tools[toolName]?.inputSchema ?? tools[toolName]?.parameters, toolName),
      system,
      messages,
      error: call.error,
    });
  } catch (cause) {
    const error = new ToolCallRepairError({ cause, originalError: call.error, message: `Error repairing tool call: ${errorMessage(cause)}` });
    return invalid(call, error);
  }
  if (repaired == null) return null;
  return parseCall(repaired, tools, validate, call);
}

module.exports = { repairToolCall, repairable };
