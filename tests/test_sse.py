"""Unit tests for the incremental SSE decoder (aiml_chat._sse)."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aiml_chat._sse import ServerSentEvent, SSEDecoder, SSELimitError

BOM = b"\xef\xbb\xbf"


def decode(*chunks: bytes) -> list[ServerSentEvent]:
    dec = SSEDecoder()
    events: list[ServerSentEvent] = []
    for chunk in chunks:
        events += dec.feed(chunk)
    events += dec.close()
    return events


def one_byte_chunks(raw: bytes) -> list[bytes]:
    return [raw[i : i + 1] for i in range(len(raw))]


# --------------------------------------------------------------------------------------------
# Property test: generated valid streams, arbitrary chunking
# --------------------------------------------------------------------------------------------

_chars = st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\n")
_values = st.one_of(
    st.text(_chars, max_size=12),
    st.sampled_from(
        ["", " ", "  lead", "a:b", "héllo wörld", "日本語テキスト", "🙂👍🏽🇩🇪", "\ufeffx", '{"a": 1}']
    ),
)
_id_values = _values.filter(lambda s: "\x00" not in s)


@dataclass
class Stream:
    raw: bytes
    events: list[ServerSentEvent]
    dispatch_at: list[int]  # byte offset after which each event must have been emitted
    block_ends: list[int]  # byte offset after each blank line: where a server's write would end


def _field_line(draw: st.DrawFn, name: str, value: str) -> str:
    forms = [f"{name}: {value}"]
    if not value.startswith(" "):
        forms.append(f"{name}:{value}")
    if value == "":
        forms.append(name)
    return draw(st.sampled_from(forms))


@st.composite
def sse_streams(draw: st.DrawFn) -> Stream:
    eol = draw(st.sampled_from(["\n", "\r", "\r\n"]))
    out = bytearray(BOM if draw(st.booleans()) else b"")
    events: list[ServerSentEvent] = []
    dispatch_at: list[int] = []
    block_ends: list[int] = []
    last_id: str | None = None
    for _ in range(draw(st.integers(0, 5))):
        items: list[tuple[str, str]] = [("data", v) for v in draw(st.lists(_values, max_size=3))]
        items += [("event", v) for v in draw(st.lists(_values, max_size=2))]
        items += [("id", v) for v in draw(st.lists(_id_values, max_size=2))]
        items += [("retry", str(v)) for v in draw(st.lists(st.integers(0, 10**9), max_size=1))]
        items += [(":", v) for v in draw(st.lists(_values, max_size=2))]
        items += [("x-unknown", v) for v in draw(st.lists(_values, max_size=1))]
        items = draw(st.permutations(items))
        data: list[str] = []
        event_type = ""
        retry: int | None = None
        for name, value in items:
            line = ":" + value if name == ":" else _field_line(draw, name, value)
            if name == "data":
                data.append(value)
            elif name == "event":
                event_type = value
            elif name == "id":
                last_id = value
            elif name == "retry":
                retry = int(value)
            out += (line + eol).encode()
        # The terminating blank line: the event is due as soon as its first byte arrives.
        if data:
            events.append(ServerSentEvent(event_type or "message", "\n".join(data), last_id, retry))
            dispatch_at.append(len(out) + 1)
        out += eol.encode()
        block_ends.append(len(out))
    return Stream(bytes(out), events, dispatch_at, block_ends)


def _check_chunked(stream: Stream, cuts: list[int]) -> None:
    dec = SSEDecoder()
    got: list[ServerSentEvent] = []
    bounds = [0, *cuts, len(stream.raw)]
    for start, end in itertools.pairwise(bounds):
        got += dec.feed(stream.raw[start:end])
        # Emitted exactly when the blank line arrives: never later, never earlier.
        assert len(got) == sum(1 for pos in stream.dispatch_at if pos <= end)
    assert dec.close() == []
    assert not dec.pending
    assert got == stream.events


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(stream=sse_streams(), data=st.data())
def test_any_chunking_yields_intended_events(stream: Stream, data: st.DataObject) -> None:
    n = len(stream.raw)
    # whole, every byte separately, and an arbitrary split
    _check_chunked(stream, [])
    _check_chunked(stream, list(range(1, n)))
    cuts = data.draw(st.lists(st.integers(1, max(1, n - 1)), max_size=20)) if n > 1 else []
    _check_chunked(stream, sorted(set(cuts)))
    # cut only at blank lines, as servers write: whole events per chunk (the decoder's fast path)
    ends = [end for end in stream.block_ends if 0 < end < n]
    _check_chunked(stream, ends)
    some = data.draw(st.lists(st.sampled_from(ends), max_size=5)) if ends else []
    _check_chunked(stream, sorted(set(some)))


@given(stream=sse_streams())
def test_empty_chunks_are_harmless(stream: Stream) -> None:
    dec = SSEDecoder()
    got: list[ServerSentEvent] = []
    for chunk in one_byte_chunks(stream.raw):
        got += dec.feed(b"") + dec.feed(chunk) + dec.feed(b"")
    assert got == stream.events


# --------------------------------------------------------------------------------------------
# Case tests
# --------------------------------------------------------------------------------------------


def test_bytes_splitlines_splits_only_on_sse_line_terminators() -> None:
    # The decoder relies on this; str.splitlines would also split on \v, \f, \x1c.., \x85, \u2028.
    splitters = [i for i in range(256) if len((b"a" + bytes([i]) + b"b").splitlines()) > 1]
    assert splitters == [0x0A, 0x0D]
    assert b"a\r\nb\rc\nd".splitlines() == [b"a", b"b", b"c", b"d"]


def test_other_unicode_line_breaks_stay_in_data() -> None:
    weird = "a\x0bb\x0cc\x1cd\x85e\u2028f\u2029g"
    assert decode(f"data: {weird}\n\n".encode()) == [ServerSentEvent(data=weird)]


def test_defaults() -> None:
    assert decode(b"data: x\n\n") == [ServerSentEvent(event="message", data="x", id=None, retry=None)]


def test_leading_bom_dropped() -> None:
    assert decode(BOM + b"data: x\n\n") == [ServerSentEvent(data="x")]


def test_bom_dropped_only_once() -> None:
    # The second BOM becomes part of the field name "\ufeffdata", an unknown field.
    assert decode(BOM + BOM + b"data: x\n\n") == []
    assert decode(BOM + b"data: \xef\xbb\xbfx\n\n") == [ServerSentEvent(data="\ufeffx")]
    assert decode(b"data: a\n\n" + BOM + b"data: b\n\n") == [ServerSentEvent(data="a")]


@pytest.mark.parametrize(
    "chunks",
    [
        [b"\xef", b"\xbb", b"\xbfdata: x\n\n"],
        [b"\xef\xbb", b"\xbfdata: x\n\n"],
        [b"\xef", b"\xbb\xbfdata: x\n\n"],
        [b"\xef", b"", b"\xbb", b"", b"\xbf", b"data: x\n", b"\n"],
        [b"\xef\xbb\xbf", b"data: x\n\n"],
    ],
)
def test_bom_split_over_chunks(chunks: list[bytes]) -> None:
    assert decode(*chunks) == [ServerSentEvent(data="x")]


def test_short_first_chunks_without_bom() -> None:
    assert decode(b"d", b"a", b"ta: x\n", b"\n") == [ServerSentEvent(data="x")]
    assert decode(b"\n", b"data: x\n\n") == [ServerSentEvent(data="x")]


def test_partial_bom_then_eof_is_pending() -> None:
    dec = SSEDecoder()
    assert dec.feed(b"\xef\xbb") == []
    assert dec.close() == []
    assert dec.pending


@pytest.mark.parametrize("comment", [b": OPENROUTER PROCESSING", b": keep-alive", b":", b"::x", b":data: no"])
def test_comment_lines_ignored(comment: bytes) -> None:
    dec = SSEDecoder()
    assert dec.feed(comment + b"\n\n") == []
    assert dec.feed(comment + b"\ndata: x\n" + comment + b"\n\n") == [ServerSentEvent(data="x")]
    assert dec.feed(comment + b"\n") == []
    assert dec.close() == []
    assert not dec.pending  # a trailing comment is not a truncated event


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (b"data:x", "x"),
        (b"data: x", "x"),
        (b"data:  x", " x"),
        (b"data:\tx", "\tx"),
        (b"data: x ", "x "),
        (b"data: a:b: c", "a:b: c"),
        (b"data:", ""),
        (b"data: ", ""),
        (b"data", ""),
    ],
)
def test_data_value_leading_space(line: bytes, expected: str) -> None:
    assert decode(line + b"\n\n") == [ServerSentEvent(data=expected)]


def test_multiple_data_lines_joined_with_lf() -> None:
    assert decode(b"data: a\ndata:\ndata: b\n\n") == [ServerSentEvent(data="a\n\nb")]
    assert decode(b"data\ndata\n\n") == [ServerSentEvent(data="\n")]


def test_event_id_retry() -> None:
    raw = b"event: update\nid: 42\nretry: 1500\ndata: x\n\n"
    assert decode(raw) == [ServerSentEvent(event="update", data="x", id="42", retry=1500)]


def test_empty_event_type_means_message_and_type_resets() -> None:
    assert decode(b"event:\ndata: x\n\n") == [ServerSentEvent(data="x")]
    assert decode(b"event: a\nevent: b\ndata: x\n\ndata: y\n\n") == [
        ServerSentEvent(event="b", data="x"),
        ServerSentEvent(data="y"),
    ]


def test_id_persists_across_events_and_can_be_reset() -> None:
    raw = b"id: 7\ndata: a\n\ndata: b\n\nid\ndata: c\n\nid: 8\n\ndata: d\n\n"
    assert [(e.data, e.id) for e in decode(raw)] == [("a", "7"), ("b", "7"), ("c", ""), ("d", "8")]


def test_id_with_nul_ignored() -> None:
    raw = b"id: 1\ndata: a\n\nid: 2\x003\ndata: b\n\n"
    assert [(e.data, e.id) for e in decode(raw)] == [("a", "1"), ("b", "1")]


def test_last_event_id_and_retry_properties() -> None:
    dec = SSEDecoder()
    assert dec.last_event_id is None
    assert dec.retry is None
    dec.feed(b"id: 5\nretry: 300\n\n")  # no data: nothing dispatched, but the buffers are updated
    assert dec.last_event_id == "5"
    assert dec.retry == 300
    assert dec.feed(b"data: x\n\n") == [ServerSentEvent(data="x", id="5", retry=None)]


@pytest.mark.parametrize(
    "value", [b"1.5", b"-1", b"+1", b"", b"  10", b"10 ", b"1_000", b"1e3", "٣".encode(), b"0x10"]
)
def test_invalid_retry_ignored(value: bytes) -> None:
    assert decode(b"retry:" + value + b"\ndata: x\n\n") == [ServerSentEvent(data="x")]


def test_retry_ascii_digits() -> None:
    assert decode(b"retry:0010\ndata: x\n\n") == [ServerSentEvent(data="x", retry=10)]


def test_event_without_data_not_dispatched() -> None:
    assert decode(b"event: ping\n\n") == []
    assert decode(b"retry: 10\n\n") == []
    assert decode(b"id: 1\n\n\n\n") == []
    # extra blank lines after an event (id buffer set) do not produce empty events
    assert decode(b"id: 1\ndata: x\n\n\n\n") == [ServerSentEvent(data="x", id="1")]
    # data buffer and type are reset, so nothing leaks into the next event
    assert decode(b"event: ping\n\ndata: y\n\n") == [ServerSentEvent(data="y")]


def test_unknown_fields_and_case_sensitivity() -> None:
    assert decode(b"foo: bar\nData: no\nDATA: no\ndata : no\n\n") == []
    assert decode(b"foo: bar\ndata: x\n\n") == [ServerSentEvent(data="x")]


def test_dispatch_at_blank_line_not_before() -> None:
    dec = SSEDecoder()
    assert dec.feed(b"data: x\n") == []
    assert dec.pending
    assert dec.feed(b"data: y\n") == []
    assert dec.feed(b"\n") == [ServerSentEvent(data="x\ny")]
    assert not dec.pending


def test_chunk_ending_in_double_lf_emits_immediately() -> None:
    dec = SSEDecoder()
    assert dec.feed(b"data: a\n\ndata: b\n\n") == [ServerSentEvent(data="a"), ServerSentEvent(data="b")]


@pytest.mark.parametrize("eol", [b"\n", b"\r", b"\r\n"])
def test_line_endings(eol: bytes) -> None:
    raw = b"event: e" + eol + b"data: a" + eol + b"data: b" + eol + eol + b"data: c" + eol + eol
    expected = [ServerSentEvent(event="e", data="a\nb"), ServerSentEvent(data="c")]
    assert decode(raw) == expected
    assert decode(*one_byte_chunks(raw)) == expected


def test_cr_at_end_of_chunk_dispatches_immediately() -> None:
    dec = SSEDecoder()
    assert dec.feed(b"data: x\r") == []
    assert dec.feed(b"\r") == [ServerSentEvent(data="x")]
    assert dec.feed(b"\n") == []  # completes the CRLF; not a further line
    assert not dec.pending
    dec2 = SSEDecoder()
    assert dec2.feed(b"data: x\r\r") == [ServerSentEvent(data="x")]


def test_lf_after_chunk_final_cr_is_swallowed_exactly_once() -> None:
    # If the LF were taken as a blank line, "a" and "b" would be two events.
    assert decode(b"data: a\r", b"\ndata: b\n\n") == [ServerSentEvent(data="a\nb")]
    # ...but only one LF: the second one is a blank line.
    assert decode(b"data: a\r", b"\n\ndata: b\n\n") == [ServerSentEvent(data="a"), ServerSentEvent(data="b")]
    # an empty chunk in between does not lose the pending CR
    assert decode(b"data: a\r", b"", b"\ndata: b\n\n") == [ServerSentEvent(data="a\nb")]


def test_crlf_split_between_chunks_and_mixed_endings() -> None:
    assert decode(b"data: a\r", b"\n\r", b"\n") == [ServerSentEvent(data="a")]
    assert decode(b"data: a\r\ndata: b\rdata: c\n\r\n") == [ServerSentEvent(data="a\nb\nc")]


def test_multibyte_utf8_split_anywhere() -> None:
    raw = "data: héllo 日本 🙂👍🏽\n\n".encode()
    for i in range(1, len(raw)):
        assert decode(raw[:i], raw[i:]) == [ServerSentEvent(data="héllo 日本 🙂👍🏽")]
    assert decode(*one_byte_chunks(raw)) == [ServerSentEvent(data="héllo 日本 🙂👍🏽")]


def test_invalid_utf8_replaced() -> None:
    assert decode(b"data: a\xffb\xf0\x9f\n\n") == [ServerSentEvent(data="a\ufffdb\ufffd")]
    assert decode(b"event: \xff\ndata: x\n\n") == [ServerSentEvent(event="\ufffd", data="x")]


def test_long_line_across_many_chunks() -> None:
    payload = b"x" * 100_000
    raw = b"data: " + payload + b"\n\n"
    chunks = [raw[i : i + 1000] for i in range(0, len(raw), 1000)]
    assert decode(*chunks) == [ServerSentEvent(data=payload.decode())]


@pytest.mark.parametrize(
    "tail",
    [b"data: x\n", b"data: x", b"data: x\r", b"event: e\n", b"id: 3\n", b"retry: 5\n", b"d"],
)
def test_pending_at_close_for_truncated_event(tail: bytes) -> None:
    dec = SSEDecoder()
    assert dec.feed(b"data: done\n\n" + tail) == [ServerSentEvent(data="done")]
    assert dec.close() == []  # per spec the incomplete event is discarded
    assert dec.pending


def test_not_pending_after_complete_stream() -> None:
    dec = SSEDecoder()
    dec.feed(b"data: x\r\n\r\n")
    assert dec.close() == []
    assert not dec.pending
    fresh = SSEDecoder()
    assert fresh.close() == []
    assert not fresh.pending


def test_feed_after_close_raises() -> None:
    dec = SSEDecoder()
    dec.close()
    with pytest.raises(ValueError, match="after close"):
        dec.feed(b"data: x\n\n")


def test_openai_style_stream() -> None:
    raw = (
        b": OPENROUTER PROCESSING\n\n"
        b'data: {"choices":[{"delta":{"content":"Hel"}}]}\n\n'
        b'data: {"choices":[{"delta":{"content":"lo"}}]}\n\n'
        b"data: [DONE]\n\n"
    )
    expected = [
        '{"choices":[{"delta":{"content":"Hel"}}]}',
        '{"choices":[{"delta":{"content":"lo"}}]}',
        "[DONE]",
    ]
    for size in (1, 2, 3, 7, 64, len(raw)):
        chunks = [raw[i : i + size] for i in range(0, len(raw), size)]
        assert [e.data for e in decode(*chunks)] == expected


def test_event_is_frozen() -> None:
    ev = ServerSentEvent(data="x")
    with pytest.raises(AttributeError):
        ev.data = "y"  # type: ignore[misc]


def test_internal_fast_constructor_matches_dataclass() -> None:
    from aiml_chat._sse import _new_event

    for args in [("message", "x", None, None), ("e", "", "", 0), ("ü", "a\nb", "7", 1500)]:
        fast, normal = _new_event(*args), ServerSentEvent(*args)
        assert fast == normal
        assert hash(fast) == hash(normal)
        assert repr(fast) == repr(normal)
        assert type(fast) is ServerSentEvent


@pytest.mark.parametrize(
    ("chunks", "datas"),
    [
        ([b"data: a\n\n", b": hi\n\ndata: b\n\n", b"\n\n\n\ndata: c\ndata: d\n\n"], ["a", "b", "c\nd"]),
        ([b"data: a\n\n", b"event: e\ndata: b\nid: 7\nretry: 5\n\n", b"data: c\n\n"], ["a", "b", "c"]),
        ([b"data: a\n\n", b"data: b\n", b"\n", b"data: c\n\n"], ["a", "b", "c"]),
        ([b"data: a\n\n", b"data:b\n\ndata:  c\n\n"], ["a", "b", " c"]),
        ([b"data: a\n\n", b"data: b\r\n\r\n", b"\ndata: c\n\n"], ["a", "b", "c"]),
        ([b"data: a\n\n", b"data: b\n\n\n", b"data: c\n\n"], ["a", "b", "c"]),
    ],
)
def test_whole_event_chunks_match_byte_by_byte_decoding(chunks: list[bytes], datas: list[str]) -> None:
    # chunks that end at a blank line take the block-splitting path; one byte at a time never does
    events = decode(*chunks)
    assert events == decode(*one_byte_chunks(b"".join(chunks)))
    assert [event.data for event in events] == datas


@pytest.mark.parametrize(
    "chunk",
    [
        b"data: " + b"x" * 2000 + b"\n\n",  # one whole event in one read (the LF fast path's shape)
        b"data: " + b"x" * 900 + b"\r\ndata: " + b"y" * 900 + b"\r\n\r\n",  # CRLF, two data lines
        b"data: small\n\ndata: " + b"z" * 2000 + b"\n\n",  # a small event, then a large one
    ],
)
def test_an_event_over_the_limit_is_refused_even_when_it_arrives_whole(chunk: bytes) -> None:
    decoder = SSEDecoder(max_event_bytes=1024)
    assert decoder.feed(b"data: first\n\n")[0].data == "first"  # at an event boundary: fast path open
    with pytest.raises(SSELimitError):
        decoder.feed(chunk)


def test_an_event_at_the_limit_passes_whole() -> None:
    decoder = SSEDecoder(max_event_bytes=1024)
    [event] = decoder.feed(b"data: " + b"x" * 1024 + b"\n\n")
    assert len(event.data) == 1024
