"""Properties of the label parser and the export normaliser on any text.

No exception on any ``str``, and spans are lossless: labels, cues, turns and sentences index
the (normalised) text, so ``text[start:end]`` is always the span a row describes.
"""

import math

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from doculens.exports import normalise, text_source
from doculens.segment import (_with_cue_labels, find_labels, header_block, sentences_for_turns,
                              split_documents, split_turns)
from doculens.workbook import segment_source

SETTINGS = settings(max_examples=300, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

NAMES = st.sampled_from(["Ann Lee", "李明", "Speaker 1", "SPEAKER_00", "Dr. O’Brien", "Todo",
                         "Title", "Narration", "the host", "Ann (host)", "A", "Ольга"])
TIMES = st.sampled_from(["0:03", "00:01:23", "1:02:03", "0:00:12.6", "00:00:02,500", "99:99"])
WORDS = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=30)


@st.composite
def export_line(draw):
    """One line in the shape of some export, a plain label, a header or free text."""
    name, time, words = draw(NAMES), draw(TIMES), draw(WORDS)
    return draw(st.sampled_from([
        f"{name}: ({time})", f"{name} ({time}): {words}", f"{name}  {time}",
        f"[{time}] {name}: {words}", f"{time} **{name}**", f"{name} [{time}]", f"{name} [{time}]: {words}",
        f"**{name}:** {words}", f"**{name}**: {words}", f"    MR. {name.upper()}. {words}",
        f"THE CHAIRMAN. {words}", f"{name}: {words}", f"{name}:", "Date: 2024", "# Title",
        "---", "Doc | A Title | Series", "Transcribed by https://otter.ai", "", words,
    ]))


TEXTS = st.one_of(st.text(), st.lists(export_line(), max_size=25).map("\n".join))


def check_spans(text, rows):
    for start, end in rows:
        assert 0 <= start <= end <= len(text)


@SETTINGS
@given(TEXTS)
def test_label_parser_spans_lie_within_the_text(text):
    labels = find_labels(text)
    check_spans(text, [(s, e) for s, e, _ in labels])
    assert all(name and s < e for s, e, name in labels)
    assert [s for s, _, _ in labels] == sorted(s for s, _, _ in labels)
    end, pairs = header_block(text)
    assert 0 <= end <= len(text) and all(isinstance(k, str) and isinstance(v, str) for k, v in pairs)


@SETTINGS
@given(TEXTS)
def test_normaliser_is_lossless(text):
    out = normalise(text)
    assert isinstance(out.text, str)
    if out.cues is None:  # read as it is
        assert out.text == text and out.kind == "text"
        return
    rebuilt = out.text
    cues = out.cues
    check_spans(rebuilt, zip(cues["start"], cues["end"]))
    assert cues["start"].is_monotonic_increasing and (cues["start"] < cues["end"]).all()
    assert (cues["end"].iloc[:-1].values <= cues["start"].iloc[1:].values).all()
    for row in cues.itertuples():
        body = rebuilt[row.start:row.end]
        assert body == body.strip() and body
        assert rebuilt[:row.start].endswith(f"{row.voice}: ")
        if not (math.isnan(row.start_time) or math.isnan(row.end_time)):
            assert row.end_time >= row.start_time


@SETTINGS
@given(TEXTS)
def test_turns_and_sentences_index_the_normalised_text(text):
    out = normalise(text)
    rebuilt = out.text
    documents = split_documents(rebuilt)
    check_spans(rebuilt, zip(documents["start"], documents["end"]))
    turns = split_turns(rebuilt, documents, cues=out.cues)
    check_spans(rebuilt, zip(turns["start"], turns["end"]))
    sentences = sentences_for_turns(rebuilt, turns, cues=out.cues)
    spans = turns.set_index("turn_id")
    for row in sentences.itertuples():
        assert rebuilt[row.start:row.end] == row.text
        assert spans.at[row.turn_id, "start"] <= row.start <= row.end <= spans.at[row.turn_id, "end"]
    if out.cues is not None:  # every label the export wrote is read as a label
        labels = _with_cue_labels(find_labels(rebuilt), rebuilt, out.cues)
        check_spans(rebuilt, [(s, e) for s, e, _ in labels])
        starts = {s for s, _, _ in labels}
        for row in out.cues.itertuples():
            assert row.start - len(row.voice) - 2 in starts


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(export_line(), min_size=1, max_size=12).map("\n".join))
def test_a_whole_source_segments_losslessly(text):
    if not text.strip():
        return
    source = text_source(text, path="x.txt", name="x.txt", encoding="utf-8", sha256="")
    tables = segment_source(source)
    for row in tables["sentences"].itertuples():
        assert source.text[row.start:row.end] == row.text
    check_spans(source.text, zip(tables["turns"]["start"], tables["turns"]["end"]))
    if not (tables["turns"]["attribution"] == "labelled").any():
        assert "no speaker labels: read as one unknown speaker" in source.warnings
