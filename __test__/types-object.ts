// Types of structured output as an ai@5 app writes them (checked by tsc in types.test.mjs).
import { z } from 'zod';
import { generateObject, streamObject, generateText, streamText, Output, createOpenAICompatible, NoObjectGeneratedError } from 'llm-native';

const model = createOpenAICompatible({ name: 'local', baseURL: 'http://127.0.0.1:1/v1' })('m');
const person = z.object({ name: z.string(), age: z.number() });

export async function app() {
  const { object } = await generateObject({ model, schema: person, prompt: 'p' });
  const name: string = object.name;
  const s = streamObject({ model, schema: person, prompt: 'p' });
  for await (const partial of s.partialObjectStream) {
    const maybe: string | undefined = partial.name;
    void maybe;
  }
  const list = streamObject({ model, output: 'array', schema: person, prompt: 'p' });
  for await (const element of list.elementStream) {
    const age: number = element.age;
    void age;
  }
  const mood = await generateObject({ model, output: 'enum', enum: ['happy', 'sad'], prompt: 'p' });
  const m: 'happy' | 'sad' = mood.object;
  const r = await generateText({ model, prompt: 'p', experimental_output: Output.object({ schema: person }) });
  const age: number = r.experimental_output.age;
  const st = streamText({ model, prompt: 'p', experimental_output: Output.object({ schema: person }) });
  for await (const partial of st.experimental_partialOutputStream) {
    const n: number | undefined = partial.age;
    void n;
  }
  try { await generateObject({ model, schema: person, prompt: 'p' }); } catch (e) {
    if (NoObjectGeneratedError.isInstance(e)) console.log(e.text, e.usage?.inputTokens);
  }
  // @ts-expect-error: `nam` is not a field of the object
  void object.nam;
  return [name, m, age];
}
