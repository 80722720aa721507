// A TypeScript team's program against openapi.json: openapi-typescript types + openapi-fetch.
// Every request and response value has the type openapi-fetch INFERS from the spec: no casts, no
// `any` (tsc --strict, exactOptionalPropertyTypes, noUncheckedIndexedAccess). `nox -s polyglot`
// runs it against the local server: node dist/main.js BASE_URL PDF_PATH
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import createClient from "openapi-fetch";
import type { components, paths } from "./generated/openapi.js";
import { sseData } from "./sse.js";

type Schemas = components["schemas"];
type ChatCompletion = paths["/v1/chat/completions"]["post"]["responses"][200]["content"]["application/json"];

const [baseUrl, pdfPath] = process.argv.slice(2);
if (baseUrl === undefined || pdfPath === undefined) throw new Error("usage: node dist/main.js BASE_URL PDF_PATH");

const MODEL = "google/gemini-2.5-flash-lite-preview";
// The 200 has two media types (JSON, event stream); openapi-fetch types `data` as the JSON one.
const client = createClient<paths, "application/json">({ baseUrl, headers: { Authorization: "Bearer test-key" } });

// Compile-time proof that `data` is the inferred ChatCompletion, not `any`.
type IsAny<T> = 0 extends 1 & T ? true : false;
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

async function plainCall(): Promise<void> {
  const { data, error, response } = await client.POST("/v1/chat/completions", {
    body: { model: MODEL, messages: [{ role: "user", content: "Say hi" }], max_tokens: 50 },
  });
  if (error !== undefined) throw new Error(`HTTP ${response.status}: ${error.error.message}`);
  const inferred: Equal<typeof data, ChatCompletion> = true;
  const notAny: IsAny<typeof data> = false;
  void [inferred, notAny];
  const choice = data.choices[0];
  assert.ok(choice, "one choice");
  const text: string | null = choice.message.content;
  const finish: Schemas["FinishReason"] | string | null = choice.finish_reason;
  const tokens: number | undefined = data.usage?.total_tokens;
  assert.equal(text, "Echo: Say hi");
  assert.equal(finish, "stop");
  assert.equal(typeof tokens, "number");
  console.log(`plain: ${data.id} ${JSON.stringify(text)} finish=${finish} tokens=${tokens}`);
}

async function pdfPart(): Promise<void> {
  const pdf = readFileSync(pdfPath ?? "");
  const { data, error, response } = await client.POST("/v1/chat/completions", {
    body: {
      model: MODEL,
      messages: [
        {
          role: "user",
          content: [
            { type: "text", text: "Summarise the file." },
            { type: "file", file: { filename: "doc.pdf", file_data: `data:application/pdf;base64,${pdf.toString("base64")}` } },
          ],
        },
      ],
    },
  });
  if (error !== undefined) throw new Error(`HTTP ${response.status}: ${error.error.message}`);
  const sha256 = createHash("sha256").update(pdf).digest("hex");
  const reply = data.choices[0]?.message.content ?? "";
  // The local server decodes every file part and reports its size and sha256 in the reply.
  assert.ok(reply.includes(`file doc.pdf: ${pdf.length} bytes sha256=${sha256}`), `PDF reached the server intact: ${reply}`);
  console.log(`pdf: ${pdf.length} bytes sha256=${sha256.slice(0, 12)}... reached the server intact`);
}

function isChunk(value: unknown): value is Schemas["ChatCompletionChunk"] {
  // The wire is untyped: check the required fields before trusting the spec's type.
  return (
    typeof value === "object" &&
    value !== null &&
    "object" in value &&
    value.object === "chat.completion.chunk" &&
    "id" in value &&
    typeof value.id === "string" &&
    "created" in value &&
    typeof value.created === "number" &&
    "model" in value &&
    typeof value.model === "string" &&
    "choices" in value &&
    Array.isArray(value.choices)
  );
}

async function stream(fault: string): Promise<void> {
  const { data, error, response } = await client.POST("/v1/chat/completions", {
    body: {
      model: MODEL,
      messages: [{ role: "user", content: "Stream a few words" }],
      stream: true,
      stream_options: { include_usage: true },
    },
    headers: fault === "" ? {} : { "X-Mock-Fault": fault },
    parseAs: "stream",
  });
  if (error !== undefined) throw new Error(`HTTP ${response.status}: ${error.error.message}`);
  // parseAs "stream" leaves the body unread. openapi-fetch 0.17.0 still types `data` as the JSON
  // ChatCompletion here (its Init inference misses parseAs), so the typed `response.body` is read.
  void data;
  assert.ok(response.body, "a stream body");
  let text = "";
  let finish: Schemas["ChunkFinishReason"] | string | null = null;
  let tier: Schemas["ServiceTier"] | string | null | undefined;
  let tokens: number | undefined;
  let chunks = 0;
  for await (const payload of sseData(response.body)) {
    if (payload === "[DONE]") break;
    const value: unknown = JSON.parse(payload);
    assert.ok(isChunk(value), `a chat.completion.chunk: ${payload}`);
    chunks += 1;
    tier = value.service_tier;
    const choice = value.choices[0];
    if (choice !== undefined) {
      const piece: string | null | undefined = choice.delta?.content;
      text += piece ?? "";
      finish = choice.finish_reason ?? finish;
    }
    tokens = value.usage?.total_tokens ?? tokens;
  }
  assert.equal(text, "Echo: Stream a few words");
  assert.equal(typeof tokens, "number");
  if (fault.includes("weird=1")) {
    assert.equal(finish, "error"); // an unlisted finish reason still type-checks and parses
    assert.equal(tier, "on_demand");
  } else {
    assert.equal(finish, "stop");
  }
  console.log(`stream${fault ? ` (${fault})` : ""}: ${chunks} chunks, ${JSON.stringify(text)} finish=${finish} tokens=${tokens}`);
}

async function weirdAnswer(): Promise<void> {
  // weird=1: finish_reason "error", service_tier "on_demand", explicit nulls, provider extra keys.
  const { data, error, response } = await client.POST("/v1/chat/completions", {
    body: { model: MODEL, messages: [{ role: "user", content: "Be weird" }] },
    headers: { "X-Mock-Fault": "weird=1" },
  });
  if (error !== undefined) throw new Error(`HTTP ${response.status}: ${error.error.message}`);
  const choice = data.choices[0];
  assert.ok(choice, "one choice");
  const finish: Schemas["FinishReason"] | string | null = choice.finish_reason;
  const known: readonly string[] = ["stop", "length", "content_filter", "tool_calls"] satisfies Schemas["FinishReason"][];
  assert.ok(finish !== null && !known.includes(finish), "an unlisted finish reason");
  assert.equal(finish, "error");
  assert.equal(choice.message.annotations, null);
  assert.equal(choice.message.audio, null);
  assert.equal(choice.message.tool_calls, null);
  assert.equal(choice.logprobs, null);
  assert.equal(data.usage?.completion_tokens_details, null);
  // Keys the spec does not list are there to read, typed `unknown` after an `in` check.
  assert.ok("reasoning_content" in choice.message && typeof choice.message.reasoning_content === "string");
  assert.ok("provider" in data && data.provider === "Mock");
  assert.ok("service_tier" in data && data.service_tier === "on_demand");
  console.log(`weird: finish=${finish} provider=${data.provider} extra keys readable`);
}

await plainCall();
await pdfPart();
await stream("");
await stream("weird=1;keepalive=1;eol=crlf;bom=1");
await weirdAnswer();
console.log("openapi-fetch program: all checks passed");
