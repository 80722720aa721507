// The `data` of each Server-Sent Event in a fetch body, as it arrives (WHATWG "event stream
// interpretation", only the parts a chat stream uses: data lines, comments, LF/CR/CRLF line ends).
// Written here because the point is to read the stream with nothing but the spec's types; a real
// program may prefer a package such as eventsource-parser.

export async function* sseData(body: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const reader = body.getReader();
  const decoder = new TextDecoder(); // drops a leading BOM, as the SSE standard asks
  let buffer = "";
  let data: string[] = [];
  for (;;) {
    const { value, done } = await reader.read();
    buffer += decoder.decode(value, { stream: !done });
    // A CR at the very end may be the first half of a CRLF: keep it until more text or the end.
    const cut = done || !buffer.endsWith("\r") ? buffer.length : buffer.length - 1;
    const lines = buffer.slice(0, cut).split(/\r\n|\r|\n/);
    buffer = (lines.pop() ?? "") + buffer.slice(cut);
    for (const line of lines) {
      if (line === "") {
        if (data.length > 0) yield data.join("\n");
        data = [];
      } else if (line.startsWith("data:")) {
        data.push(line.slice(line.startsWith("data: ") ? 6 : 5));
      } // comments (": keep-alive") and other fields (event, id, retry) carry no chunk
    }
    if (done) break; // an event without its blank line at the end is discarded, as the standard says
  }
}
