'use strict';
// The providers' own tools (`google.tools.googleSearch()`, `anthropic.tools.webSearch_20250305()`,
// `openai.tools.webSearch()`, …), as the AI SDK's provider packages define them: `provider-defined`
// tools whose `id` tells Rust which wire tool to send; the provider runs them and its results
// come back as `tool-call` / `tool-result` parts with `providerExecuted: true`.

/** A factory as provider-utils' `createProviderDefinedToolFactory` makes: options are the tool's `args`. */
function providerTool(id, name) {
  return (options) => {
    const { execute, outputSchema, toModelOutput, onInputStart, onInputDelta, onInputAvailable, ...args } = options ?? {};
    return { type: 'provider-defined', id, name, args, outputSchema, execute, toModelOutput, onInputStart, onInputDelta, onInputAvailable };
  };
}

/** `tools` of `createGoogleGenerativeAI()` / `google` (@ai-sdk/google 2's `googleTools`). */
const googleTools = {
  googleSearch: providerTool('google.google_search', 'google_search'),
  enterpriseWebSearch: providerTool('google.enterprise_web_search', 'enterprise_web_search'),
  googleMaps: providerTool('google.google_maps', 'google_maps'),
  urlContext: providerTool('google.url_context', 'url_context'),
  fileSearch: providerTool('google.file_search', 'file_search'),
  codeExecution: providerTool('google.code_execution', 'code_execution'),
  vertexRagStore: providerTool('google.vertex_rag_store', 'vertex_rag_store'),
};

/** `tools` of `createAnthropic()` / `anthropic` (@ai-sdk/anthropic 2's `anthropicTools`). */
const anthropicTools = {
  webSearch_20250305: providerTool('anthropic.web_search_20250305', 'web_search'),
  webFetch_20250910: providerTool('anthropic.web_fetch_20250910', 'web_fetch'),
  codeExecution_20250522: providerTool('anthropic.code_execution_20250522', 'code_execution'),
  codeExecution_20250825: providerTool('anthropic.code_execution_20250825', 'code_execution'),
  codeExecution_20260120: providerTool('anthropic.code_execution_20260120', 'code_execution'),
  bash_20241022: providerTool('anthropic.bash_20241022', 'bash'),
  bash_20250124: providerTool('anthropic.bash_20250124', 'bash'),
  computer_20241022: providerTool('anthropic.computer_20241022', 'computer'),
  computer_20250124: providerTool('anthropic.computer_20250124', 'computer'),
  computerToolset_20260801: providerTool('anthropic.computer_toolset_20260801', 'computer'),
  memory_20250818: providerTool('anthropic.memory_20250818', 'memory'),
  textEditor_20241022: providerTool('anthropic.text_editor_20241022', 'str_replace_editor'),
  textEditor_20250124: providerTool('anthropic.text_editor_20250124', 'str_replace_editor'),
  textEditor_20250429: providerTool('anthropic.text_editor_20250429', 'str_replace_based_edit_tool'),
  textEditor_20250728: providerTool('anthropic.text_editor_20250728', 'str_replace_based_edit_tool'),
};

/** `tools` of `createOpenAI()` / `openai` (@ai-sdk/openai 2's `openaiTools`, for the Responses API). */
const openaiTools = {
  codeInterpreter: providerTool('openai.code_interpreter', 'code_interpreter'),
  fileSearch: providerTool('openai.file_search', 'file_search'),
  imageGeneration: providerTool('openai.image_generation', 'image_generation'),
  localShell: providerTool('openai.local_shell', 'local_shell'),
  webSearchPreview: providerTool('openai.web_search_preview', 'web_search_preview'),
  webSearch: providerTool('openai.web_search', 'web_search'),
};

module.exports = { providerTool, googleTools, anthropicTools, openaiTools };
