"""Property tests of the caption and segment readers: any input either reads or raises
InputError (never another exception), and every cue's offsets index the rebuilt text."""

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from doculens.reading import SENTENCE_BREAK, InputError, captions_to_text, read_source

SETTINGS = settings(max_examples=200, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
SUFFIXES = (".srt", ".vtt", ".json", ".tsv")
TMP = Path(tempfile.mkdtemp(prefix="doculens-captions-"))

NAMES = st.sampled_from(["Ann Lee", "李明", "Speaker 1", "SPEAKER_00", "bob.kane", "Ann Lee (Host)",
                         "Bob (he/him)", "Note", "(SL)", "", " ", "a<b", "x:y"])
LINES = st.one_of(
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=40),
    st.sampled_from(["Yes.", "yes", "<i>hi</i>", "- Ann: hi", "李明：好。", "&amp; &lt;", "<v Bob>x</v>",
                     "<v Ann Lee (Host)>y", "hello<00:00:01.000><c> world</c>", "ANN LEE: Welcome.",
                     "first.last: hey", "Speaker 2: ok", " ", "-->", "WEBVTT", "1", "[Music]"]),
)
TIMES = st.floats(min_value=0, max_value=400_000, allow_nan=False, allow_infinity=False)


def _stamp(seconds: float, comma: bool) -> str:
    ms = int(round(seconds * 1000))
    h, ms = divmod(ms, 3_600_000)
    m, ms = divmod(ms, 60_000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{',' if comma else '.'}{ms:03d}"


@st.composite
def caption_files(draw):
    """Caption-shaped text in one of the four formats, sometimes damaged."""
    suffix = draw(st.sampled_from(SUFFIXES))
    cues = draw(st.lists(st.tuples(TIMES, st.floats(0, 30), st.one_of(st.none(), NAMES),
                                   st.lists(LINES, min_size=0, max_size=3)), min_size=1, max_size=6))
    cues = [(start, start + length, voice, lines) for start, length, voice, lines in cues]
    if suffix == ".srt":
        text = "\n\n".join(f"{i}\n{_stamp(a, True)} --> {_stamp(b, True)}\n"
                           + (f"{v}: " if v else "") + "\n".join(lines)
                           for i, (a, b, v, lines) in enumerate(cues, 1))
    elif suffix == ".vtt":
        text = "WEBVTT\n\n" + "\n\n".join(
            f"{_stamp(a, False)} --> {_stamp(b, False)}\n" + (f"<v {v}>" if v else "") + "\n".join(lines)
            for a, b, v, lines in cues)
    elif suffix == ".json":
        segments = [{"start": a, "end": b, "text": "\n".join(lines), **({"speaker": v} if v else {})}
                    for a, b, v, lines in cues]
        text = json.dumps(draw(st.sampled_from([{"segments": segments}, segments, {"segs": segments}])))
    else:
        text = "start\tend\ttext\n" + "\n".join(f"{round(a * 1000)}\t{round(b * 1000)}\t{' '.join(lines)}"
                                               for a, b, v, lines in cues)
    if draw(st.integers(0, 3)) == 0:  # damage: cut it, or splice in random text
        cut = draw(st.integers(0, len(text)))
        text = text[:cut] + draw(st.text(max_size=10)) + text[cut + draw(st.integers(0, 5)):]
    return suffix, text


def check_lossless(text: str, cues) -> None:
    """Cue spans index ``text``: in order, stripped and non-empty, and between them only the
    separators and ``Voice: `` labels that captions_to_text writes."""
    assert text.endswith("\n")
    position, previous_voice = 0, None
    for i, row in enumerate(cues.itertuples()):
        span = text[row.start:row.end]
        assert span and span == span.strip(), (span, text)
        gap = text[position:row.start]
        voice = row.voice if isinstance(row.voice, str) else None
        label = f"{voice}: " if voice is not None else ""
        if i == 0:
            assert gap == label
        elif gap in (" ", SENTENCE_BREAK):
            assert voice == previous_voice
        else:
            assert gap == "\n\n" + label, (gap, text)
        assert row.start_time <= row.end_time
        position, previous_voice = row.end, voice
    assert text[position:] == "\n"


def read_as(suffix: str, data: bytes):
    path = TMP / f"input{suffix}"
    path.write_bytes(data)
    try:
        return read_source(path)
    except InputError as err:
        assert "\n" not in str(err)
        return None


@SETTINGS
@given(caption_files())
def test_caption_shaped_text_reads_losslessly_or_raises_input_error(case):
    suffix, text = case
    source = read_as(suffix, text.encode("utf-8"))
    if source is not None:
        check_lossless(source.text, source.cues)


@SETTINGS
@given(st.sampled_from(SUFFIXES), st.one_of(st.binary(max_size=300), st.text(max_size=300).map(str.encode)))
def test_any_bytes_read_losslessly_or_raise_input_error(suffix, data):
    source = read_as(suffix, data)
    if source is not None:
        check_lossless(source.text, source.cues)


@SETTINGS
@given(st.lists(st.tuples(TIMES, TIMES, st.one_of(st.none(), NAMES), st.text(max_size=40)), max_size=12),
       st.booleans())
def test_captions_to_text_is_lossless(cues, rolling):
    cues = [(min(a, b), max(a, b), v, body) for a, b, v, body in cues]
    text, table = captions_to_text(cues, rolling=rolling)
    check_lossless(text, table)
    if not rolling:  # nothing dropped: every word of every cue, in order
        words = [w for *_, body in cues for line in body.split("\n") for w in line.split()]
        assert [w for row in table.itertuples() for w in text[row.start:row.end].split()] == words
