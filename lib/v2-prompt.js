'use strict';
// A step's prompt (`system` and `prompt` / `messages`, ai@5 ModelMessages) as the
// LanguageModelV2Prompt a model's `doStream` / `doGenerate` takes, as ai@5's `standardizePrompt`
// and `convertToLanguageModelPrompt` make it: image parts become file parts with a sniffed media
// type, data URLs are split, URLs the model does not support are downloaded.
const { InvalidPromptError, AISDKError, DownloadError } = require('./errors.js');
const { sniffImage } = require('./image-media-type.js');

/** `data` as LanguageModelV2 data content: bytes, base64 text or a URL, and a data URL's media type. */
function dataContent(content) {
  if (content instanceof Uint8Array) return { data: content };
  if (content instanceof ArrayBuffer) return { data: new Uint8Array(content) };
  if (typeof content === 'string') {
    try {
      content = new URL(content);
    } catch {
      return { data: content }; // base64
    }
  }
  if (content instanceof URL && content.protocol === 'data:') {
    const [header, base64] = content.toString().split(',');
    const mediaType = header.split(';')[0].split(':')[1];
    if (!mediaType || base64 == null) {
      throw new AISDKError({ name: 'InvalidDataContentError', message: `Invalid data URL format in content ${content}` });
    }
    return { data: base64, mediaType };
  }
  return { data: content };
}

/** provider-utils `isUrlSupported`: a pattern of the model's for the media type matches the URL. */
function isUrlSupported(url, mediaType, supportedUrls) {
  const type = mediaType.toLowerCase();
  return Object.entries(supportedUrls ?? {})
    .filter(([key]) => key === '*' || key === '*/*' || type.startsWith(key.toLowerCase().replace(/\*/, '')))
    .some(([, patterns]) => patterns.some((p) => p.test(url.toLowerCase())));
}

async function download(url, abortSignal) {
  let response;
  try {
    response = await fetch(url, { signal: abortSignal });
  } catch (cause) {
    throw new DownloadError({ url, cause, message: `Failed to download ${url}: ${cause}` });
  }
  if (!response.ok) {
    throw new DownloadError({ url, statusCode: response.status, statusText: response.statusText, message: `Failed to download ${url}: ${response.status} ${response.statusText}` });
  }
  return { data: new Uint8Array(await response.arrayBuffer()), mediaType: response.headers.get('content-type') ?? undefined };
}

/** The user messages' file and image URLs the model does not take, downloaded (url → { data, mediaType }). */
async function downloadAssets(messages, supportedUrls, abortSignal) {
  const wanted = [];
  for (const m of messages) {
    if (m.role !== 'user' || !Array.isArray(m.content)) continue;
    for (const part of m.content) {
      if (part.type !== 'image' && part.type !== 'file') continue;
      const mediaType = part.mediaType ?? (part.type === 'image' ? 'image/*' : undefined);
      const { data } = dataContent(part.type === 'image' ? part.image : part.data);
      if (data instanceof URL && !(mediaType != null && isUrlSupported(data.toString(), mediaType, supportedUrls))) wanted.push(data.toString());
    }
  }
  const files = await Promise.all(wanted.map((url) => download(url, abortSignal)));
  return new Map(wanted.map((url, i) => [url, files[i]]));
}

/** A user message's image or file part as a V2 file part. */
function userFilePart(part, downloaded) {
  const original = part.type === 'image' ? part.image : part.data;
  const converted = dataContent(original);
  let { data } = converted;
  let mediaType = converted.mediaType ?? part.mediaType;
  let originalUrl = typeof original === 'string' && data instanceof URL && data.toString() !== original ? original : undefined;
  const file = data instanceof URL ? downloaded.get(data.toString()) : undefined;
  if (file) {
    data = file.data;
    mediaType ??= file.mediaType;
    originalUrl = undefined;
  }
  if (part.type === 'image') {
    if (data instanceof Uint8Array || typeof data === 'string') mediaType = sniffImage(data) ?? mediaType;
    mediaType ??= 'image/*';
  } else if (mediaType == null) {
    throw new Error('Media type is missing for file part');
  }
  return {
    type: 'file', mediaType, filename: part.type === 'file' ? part.filename : undefined, data, providerOptions: part.providerOptions,
    ...(originalUrl != null ? { originalUrl } : {}),
  };
}

function assistantPart(part) {
  const providerOptions = part.providerOptions;
  switch (part.type) {
    case 'file': {
      const { data, mediaType } = dataContent(part.data);
      return { type: 'file', data, filename: part.filename, mediaType: mediaType ?? part.mediaType, providerOptions };
    }
    case 'tool-call':
      return { type: 'tool-call', toolCallId: part.toolCallId, toolName: part.toolName, input: part.input, providerExecuted: part.providerExecuted, providerOptions };
    case 'tool-result':
      return { type: 'tool-result', toolCallId: part.toolCallId, toolName: part.toolName, output: part.output, providerOptions };
    default: // text, reasoning
      return { type: part.type, text: part.text, providerOptions };
  }
}

function convertMessage(message, downloaded) {
  const { role, content, providerOptions } = message;
  const text = typeof content === 'string' ? [{ type: 'text', text: content }] : null;
  switch (role) {
    case 'system':
      return { role, content, providerOptions };
    case 'user':
      return {
        role,
        content: text ?? content
          .map((p) => (p.type === 'text' ? { type: 'text', text: p.text, providerOptions: p.providerOptions } : userFilePart(p, downloaded)))
          .filter((p) => p.type !== 'text' || p.text !== ''),
        providerOptions,
      };
    case 'assistant':
      return {
        role,
        content: text ?? content.filter((p) => p.type !== 'text' || p.text !== '' || p.providerOptions != null).map(assistantPart),
        providerOptions,
      };
    case 'tool':
      return { role, content: content.map(assistantPart), providerOptions };
    default:
      throw new AISDKError({ name: 'AI_InvalidMessageRoleError', message: `Invalid message role: '${role}'. Must be one of: "system", "user", "assistant", "tool".` });
  }
}

/** ai@5 `standardizePrompt`: the message list of `prompt` or `messages`. */
function standardize(prompt, messages) {
  const fail = (message) => new InvalidPromptError({ prompt: prompt ?? messages, message: `Invalid prompt: ${message}` });
  if (prompt == null && messages == null) throw fail('prompt or messages must be defined');
  if (prompt != null && messages != null) throw fail('prompt and messages cannot be defined at the same time');
  const list = typeof prompt === 'string' ? [{ role: 'user', content: prompt }] : prompt ?? messages;
  if (list.length === 0) throw fail('messages must not be empty');
  return list;
}

/**
 * The call's prompt as a LanguageModelV2Prompt. `supportedUrls`: the model's (URLs it lacks are
 * downloaded); `null`: keep every URL (the native protocols send them themselves).
 */
async function toV2Prompt({ system, prompt, messages }, { supportedUrls = null, abortSignal } = {}) {
  const list = standardize(prompt, messages);
  const downloaded = supportedUrls === null ? new Map() : await downloadAssets(list, supportedUrls, abortSignal);
  return [...(system != null ? [{ role: 'system', content: system }] : []), ...list.map((m) => convertMessage(m, downloaded))];
}

module.exports = { toV2Prompt };
