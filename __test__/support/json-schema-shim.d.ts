// `@ai-sdk/provider`'s types import `json-schema`, whose types (@types/json-schema) are not
// installed; the interop type check (__test__/types-interop.ts) needs them only as opaque types.
declare module 'json-schema' {
  export type JSONSchema7 = Record<string, unknown>;
  export type JSONSchema7Definition = JSONSchema7 | boolean;
}
