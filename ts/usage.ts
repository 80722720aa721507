// A TypeScript client's view of openapi.json: `nox -s typescript` generates ./generated/openapi.d.ts
// with openapi-typescript and type-checks this file against it (tsc --noEmit, strict). A spec fix
// that helps the Python generator but changes what other languages see breaks this file.
import type { operations } from "./generated/openapi";

type Operation = operations["_v1_chat_completions"];
type ChatCompletionRequest = NonNullable<Operation["requestBody"]>["content"]["application/json"];
type ChatCompletion = Operation["responses"][200]["content"]["application/json"];
type ChatCompletionChunk = Operation["responses"][200]["content"]["text/event-stream"];
type ErrorResponse = Operation["responses"][429]["content"]["application/json"];
type Message = ChatCompletionRequest["messages"][number];

// Building a request: text and file content parts, a tool and its result, sampling options.
const messages: Message[] = [
  {
    role: "user",
    content: [
      { type: "text", text: "Summarise this file." },
      { type: "file", file: { filename: "a.pdf", file_data: "data:application/pdf;base64,JVBERi0=" } },
    ],
  },
  {
    role: "assistant",
    content: "Looking it up.",
    tool_calls: [{ id: "call_1", type: "function", function: { name: "lookup", arguments: "{}" } }],
  },
  { role: "tool", tool_call_id: "call_1", content: "{\"ok\": true}" },
];

export const request: ChatCompletionRequest = {
  model: "google/gemini-2.5-flash-lite-preview",
  messages,
  temperature: 0.7,
  max_tokens: 256,
  stream: false,
  stream_options: { include_usage: true },
  tools: [
    {
      type: "function",
      function: { name: "lookup", description: "Look a word up.", parameters: { type: "object" } },
    },
  ],
  tool_choice: "auto",
  reasoning_effort: "low",
};

// @ts-expect-error the model is an enum of the one documented model
export const wrongModel: ChatCompletionRequest = { model: "gpt-4o", messages };
// @ts-expect-error messages is required
export const noMessages: ChatCompletionRequest = { model: "google/gemini-2.5-flash-lite-preview" };

// Reading a response: content is null when the assistant answers with tool calls (a declared fix).
export function answerText(completion: ChatCompletion): string {
  const choice = completion.choices[0];
  if (choice === undefined) return "";
  const content: string | null = choice.message.content;
  // @ts-expect-error content may be null, so it is not a plain string
  const notNullable: string = choice.message.content;
  void notNullable;
  // finish_reason is an open enum: the known values, or any other string a provider sends, or null
  const finish: "stop" | "length" | "content_filter" | "tool_calls" | string | null = choice.finish_reason;
  // @ts-expect-error an unlisted value ("error" from gateways) is not one of the known four
  const closed: "stop" | "length" | "content_filter" | "tool_calls" | null = choice.finish_reason;
  void closed;
  const calls = choice.message.tool_calls ?? [];
  const names = calls.map((call) => ("function" in call ? call.function.name : call.custom.name));
  const created: number = completion.created;
  // usage may be absent (a declared fix), so reading it needs a check
  const tokens: number = completion.usage?.total_tokens ?? 0;
  return `${content ?? names.join(",")} ${finish ?? "?"} ${created} ${tokens}`;
}

// Reading a stream chunk: delta, its content and finish_reason may be null; tool-call deltas after
// the first carry only index and arguments; the final usage chunk has no choices.
export function chunkText(chunk: ChatCompletionChunk): string {
  let text = "";
  for (const choice of chunk.choices) {
    const delta = choice.delta;
    if (delta == null) continue;
    const piece: string | null | undefined = delta.content;
    text += piece ?? "";
    for (const call of delta.tool_calls ?? []) {
      const index: number = call.index;
      const args: string | undefined = call.function?.arguments;
      text += `${index}:${call.id ?? ""}:${args ?? ""}`;
    }
    const finish: string | null = choice.finish_reason;
    text += finish ?? "";
  }
  if (chunk.usage) text += String(chunk.usage.total_tokens);
  return text;
}

// Reading an error body, shared by every non-2xx answer.
export function errorMessage(body: ErrorResponse): string {
  const code: string | number | null | undefined = body.error.code;
  return `${body.error.message} (${body.error.type ?? "unknown"}, ${code ?? "-"})`;
}
