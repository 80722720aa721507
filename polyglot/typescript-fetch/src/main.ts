// A client made by openapi-generator's typescript-fetch from openapi.json, used as its models intend.
// `nox -s polyglot` generates ../generated, compiles this with tsc --strict and runs it against the
// local server: node dist/src/main.js BASE_URL PDF_PATH
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import {
  type ChatCompletionRequest,
  Configuration,
  DefaultApi,
  type FilePart,
  FilePartToJSON,
  ResponseError,
  type TextPart,
  TextPartToJSON,
} from "../generated/index.js";

const [baseUrl, pdfPath] = process.argv.slice(2);
if (baseUrl === undefined || pdfPath === undefined) throw new Error("usage: node dist/src/main.js BASE_URL PDF_PATH");

const api = new DefaultApi(new Configuration({ basePath: baseUrl, accessToken: "test-key" }));
const pdf = readFileSync(pdfPath);
const sha256 = createHash("sha256").update(pdf).digest("hex");

// The parts, built through the typed models (camelCase fields, enum constants).
const text: TextPart = { type: "text", text: "Summarise the file." };
const file: FilePart = {
  type: "file",
  file: { filename: "doc.pdf", fileData: `data:application/pdf;base64,${pdf.toString("base64")}` },
};

function request(content: object[]): ChatCompletionRequest {
  return { model: "google/gemini-2.5-flash-lite-preview", messages: [{ role: "user", content }] };
}

// A user message's `content` is `anyOf: [string, array of parts]`, which typescript-fetch 7.26.0
// types as `{}` and sends as it is: the parts go through their own ToJSON (fileData -> file_data).
const completion = await api.v1ChatCompletions({
  chatCompletionRequest: request([TextPartToJSON(text), FilePartToJSON(file)]),
});
const reply = completion.choices[0]?.message.content ?? "";
assert.ok(reply.includes(`file doc.pdf: ${pdf.length} bytes sha256=${sha256}`), `PDF reached the server intact: ${reply}`);
assert.equal(completion.choices[0]?.finishReason, "stop");
console.log(`typescript-fetch: PDF part ${pdf.length} bytes sha256=${sha256.slice(0, 12)}... reached the server intact`);

// The same parts passed as they are type-check too, but go out with the model's camelCase field
// name. Kept as a check so that a generator that fixes this is noticed (then drop the ToJSON calls).
try {
  await api.v1ChatCompletions({ chatCompletionRequest: request([text, file]) });
  assert.fail("typescript-fetch now serialises content parts itself: the ToJSON calls above can go");
} catch (error) {
  if (!(error instanceof ResponseError)) throw error;
  assert.equal(error.response.status, 400);
  const body = await error.response.text();
  assert.ok(body.includes("file_data"), body);
  console.log("typescript-fetch: known limit confirmed: raw FilePart in `content` sends fileData -> 400");
}

// An answer with an unlisted finish_reason, nulls and extra keys parses through the models.
const weird = await api.v1ChatCompletions(
  { chatCompletionRequest: { model: "google/gemini-2.5-flash-lite-preview", messages: [{ role: "user", content: "Be weird" }] } },
  async ({ init }) => ({ headers: { ...init.headers, "X-Mock-Fault": "weird=1" } }),
);
assert.equal(weird.choices[0]?.finishReason, "error");
assert.equal(weird.choices[0]?.message.content, "Echo: Be weird");
console.log("typescript-fetch: weird answer parsed (finish_reason error)");
