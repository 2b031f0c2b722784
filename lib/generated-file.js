'use strict';
// A file a model generated (Gemini images, Responses image generation), as ai@5 hands it out.
const { bytesToBase64 } = require('./base64.js');

/** A model-generated file (ai@5 `DefaultGeneratedFileWithType`, its fields too): bytes or base64, the other form made on first use. */
class GeneratedFile {
  constructor({ data, mediaType }) {
    const bytes = data instanceof Uint8Array;
    this.base64Data = bytes ? undefined : data;
    this.uint8ArrayData = bytes ? data : undefined;
    this.mediaType = mediaType;
    this.type = 'file';
  }

  get base64() {
    this.base64Data ??= bytesToBase64(this.uint8ArrayData);
    return this.base64Data;
  }

  get uint8Array() {
    this.uint8ArrayData ??= Uint8Array.from(atob(this.base64Data), (c) => c.charCodeAt(0));
    return this.uint8ArrayData;
  }
}

module.exports = { GeneratedFile };
