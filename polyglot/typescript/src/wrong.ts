// Wrong usages the spec's types must reject: each line under `@ts-expect-error` has to fail to
// type-check, and tsc fails (TS2578) on a directive whose line does type-check. Compiled, never run.
import createClient from "openapi-fetch";
import type { components, paths } from "./generated/openapi.js";

type Schemas = components["schemas"];
const MODEL = "google/gemini-2.5-flash-lite-preview";
const client = createClient<paths, "application/json">({ baseUrl: "http://127.0.0.1:1" });

export async function wrongRequests(): Promise<void> {
  // @ts-expect-error unknown path
  await client.POST("/v1/chat/complete", { body: { model: MODEL, messages: [] } });
  // @ts-expect-error GET is not an operation of this path
  await client.GET("/v1/chat/completions", {});
  // @ts-expect-error the model is an enum of the documented model(s)
  await client.POST("/v1/chat/completions", { body: { model: "gpt-4o", messages: [] } });
  // @ts-expect-error messages is required
  await client.POST("/v1/chat/completions", { body: { model: MODEL } });
  // @ts-expect-error a misspelt option is an excess property
  await client.POST("/v1/chat/completions", { body: { model: MODEL, messages: [], temprature: 0.5 } });
  // @ts-expect-error stream is a boolean
  await client.POST("/v1/chat/completions", { body: { model: MODEL, messages: [], stream: "yes" } });
  await client.POST("/v1/chat/completions", {
    body: {
      model: MODEL,
      messages: [
        // @ts-expect-error a tool message needs tool_call_id
        { role: "tool", content: "42" },
        // @ts-expect-error no such role in this API
        { role: "robot", content: "Be brief." },
        {
          role: "user",
          content: [
            // @ts-expect-error a text part needs its text
            { type: "text" },
            // @ts-expect-error the wire name is file_data (camelCase is a typescript-fetch model field)
            { type: "file", file: { fileData: "data:application/pdf;base64,JVBERi0=" } },
            // @ts-expect-error an unknown part type
            { type: "image", text: "x" },
          ],
        },
      ],
    },
  });
}

export async function wrongReads(): Promise<void> {
  const { data } = await client.POST("/v1/chat/completions", { body: { model: MODEL, messages: [] } });
  // @ts-expect-error data is undefined until the error branch is excluded
  console.log(data.id);
  if (data === undefined) return;
  // @ts-expect-error created is a number
  const created: string = data.created;
  // @ts-expect-error content is null when the model answers with tool calls
  const content: string | undefined = data.choices[0]?.message.content;
  // @ts-expect-error noUncheckedIndexedAccess: there may be no first choice
  const index: number = data.choices[0].index;
  // @ts-expect-error finish_reason is open: any string or null, not only the known values
  const finish: Schemas["FinishReason"] | null | undefined = data.choices[0]?.finish_reason;
  // @ts-expect-error usage may be absent
  const total: number = data.usage.total_tokens;
  console.log(created, content, index, finish, total);
}

export function wrongChunk(chunk: Schemas["ChatCompletionChunk"]): string {
  // @ts-expect-error the usage chunk has no choices, so choices[0] may be undefined
  const delta = chunk.choices[0].delta;
  // @ts-expect-error a delta's content may be null
  const piece: string | undefined = chunk.choices[0]?.delta?.content;
  // @ts-expect-error a chunk's role is open (the known roles, any string, null)
  const role: Schemas["ChoiceDeltaRole"] | null | undefined = chunk.choices[0]?.delta?.role;
  return `${String(delta)}${piece}${String(role)}`;
}
