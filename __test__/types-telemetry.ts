// Type-checked by __test__/types.test.mjs: `experimental_telemetry` takes what ai@5's
// `TelemetrySettings` takes, an OpenTelemetry SDK tracer or the API's global one included.
import { trace, type AttributeValue, type Tracer } from '@opentelemetry/api';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import { streamText, generateText, createOpenAICompatible, type TelemetrySettings } from '../index.js';

const model = createOpenAICompatible({ name: 'local', baseURL: 'http://127.0.0.1:1/v1' })('m');
const sdkTracer = new BasicTracerProvider().getTracer('app');
const apiTracer: Tracer = trace.getTracer('app');

/** ai@5's `TelemetrySettings`, field for field (its own declarations need @types/json-schema). */
type AiTelemetrySettings = {
  isEnabled?: boolean; recordInputs?: boolean; recordOutputs?: boolean; functionId?: string;
  metadata?: Record<string, AttributeValue>; tracer?: Tracer;
};

export async function app(aiSettings: AiTelemetrySettings): Promise<string> {
  const settings: TelemetrySettings = { isEnabled: true, functionId: 'chat', metadata: { userId: 'u-1', tier: 3, tags: ['a', 'b'] }, tracer: sdkTracer };
  streamText({ model, prompt: 'hi', experimental_telemetry: settings });
  streamText({ model, prompt: 'hi', experimental_telemetry: { isEnabled: true, recordInputs: false, recordOutputs: false, tracer: apiTracer } });
  // Settings written for ai@5 pass as they are.
  const result = await generateText({ model, prompt: 'hi', experimental_telemetry: aiSettings });
  return result.text;
}

// @ts-expect-error metadata values are OpenTelemetry attribute values
export const wrong: TelemetrySettings = { metadata: { nested: { a: 1 } } };
