"""Text exports of transcription tools: each fixture holds the shared dialogue in one tool's
shape and must come out with the right speakers, turn texts and times."""

import hashlib
import importlib.util
import json
import math

import pandas as pd
import pytest

from conftest import FIXTURES
from doculens.exports import NO_LABELS_WARNING, normalise, parse_time
from doculens.reading import read_source
from doculens.segment import find_labels, header_block, split_documents, split_turns
from doculens.workbook import build

FORMATS = FIXTURES / "formats"
_spec = importlib.util.spec_from_file_location("text_dialogue", FORMATS / "text_dialogue.py")
dialogue = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(dialogue)
TURNS = dialogue.TURNS
SPEAKERS = [who for who, _, _ in TURNS]
TEXTS = [text for _, _, text in TURNS]
STARTS = [start for _, start, _ in TURNS]

# fixture -> (Source.kind, labels as the export writes them, times given to the second or
# exactly; None: the format has no times)
CASES = {
    "text_rev.txt": ("rev", SPEAKERS, "seconds"),
    "text_rev_speaker_n.txt": ("rev", [dialogue.DIARISED[w] for w in SPEAKERS], "seconds"),
    "text_otter.txt": ("otter", SPEAKERS, "seconds"),
    "text_timestamp_first.txt": ("timestamped", [dialogue.WHISPERX[w] for w in SPEAKERS], "seconds"),
    "text_bold_time.txt": ("timestamped", SPEAKERS, "exact"),
    "text_name_bracket_time.txt": ("timestamped", SPEAKERS, "seconds"),
    "md_bold.md": ("markdown", SPEAKERS, None),
    "text_bold.txt": ("markdown", SPEAKERS, None),
    "text_hearing.txt": ("hearing", [{"THE CHAIRMAN": "The Chairman", "Mr. LI": "Mr. Li",
                                      "Senator KANE": "Senator Kane"}[dialogue.HEARING[w]]
                                     for w in SPEAKERS], None),
    "text_header.txt": ("text", SPEAKERS, None),
}


def flat(text: str) -> str:
    return " ".join(text.split())


def turn_texts(wb, turns) -> list[str]:
    (text,) = wb.texts.values()
    return [flat(text[s:e]) for s, e in zip(turns["start"], turns["end"])]


def assert_spans_index_text(wb):
    (text,) = wb.texts.values()
    for row in wb.sentences.itertuples():
        assert text[row.start:row.end] == row.text
    for row in wb.turns.itertuples():
        assert 0 <= row.start <= row.end <= len(text)
    for row in wb.documents.itertuples():
        assert 0 <= row.start <= row.end <= len(text)


def test_fixtures_are_the_generated_dialogue():
    for name, content in dialogue.FIXTURES.items():
        assert (FORMATS / name).read_text(encoding="utf-8") == content, f"rerun text_dialogue.py ({name})"


@pytest.mark.parametrize("name", sorted(CASES))
def test_export_speakers_texts_and_times(name):
    kind, labels, times = CASES[name]
    source = read_source(FORMATS / name)
    assert source.kind == kind
    assert source.warnings == []
    wb = build([FORMATS / name])
    assert_spans_index_text(wb)
    turns = wb.turns[wb.turns["attribution"] == "labelled"]
    assert turns["label"].tolist() == labels
    assert turn_texts(wb, turns) == TEXTS
    assert (wb.turns["attribution"] != "continued").all()
    # nothing else became a speaker (header keys, the hearing's title block)
    assert set(wb.speakers["speaker"]) == set(turns["speaker"])
    assert not {"Title", "Date", "Source", "Note", "Speakers", "Transcribed by"} & set(wb.speakers["speaker"])
    if times is None:
        assert turns["start_time"].isna().all() and turns["end_time"].isna().all()
        return
    tolerance = 1.0 if times == "seconds" else 1e-9
    assert turns["start_time"].tolist() == pytest.approx(STARTS, abs=tolerance)
    # a turn ends where the next one starts; the last one's end is unknown
    assert turns["end_time"].tolist()[:-1] == pytest.approx(STARTS[1:], abs=tolerance)
    assert math.isnan(turns["end_time"].iloc[-1])
    sentences = wb.sentences.merge(turns[["turn_id", "start_time"]], on="turn_id", suffixes=("", "_turn"))
    assert len(sentences) == len(wb.sentences)
    assert (sentences["start_time"] == sentences["start_time_turn"]).all()
    assert len(wb.cues) == len(TURNS) and set(wb.cues["voice"]) == set(labels)


@pytest.mark.parametrize("name", ["text_rev.txt", "text_otter.txt", "text_bold_time.txt",
                                  "md_bold.md", "text_hearing.txt"])
def test_named_exports_resolve_to_the_dialogue_speakers(name):
    wb = build([FORMATS / name])
    turns = wb.turns[wb.turns["attribution"] == "labelled"]
    if name == "text_hearing.txt":  # titles are dropped from canonical names, as for any label
        expected = [{"Ann Lee": "The Chairman", "李明": "Li", "Bob Kane": "Kane"}[w] for w in SPEAKERS]
    else:
        expected = SPEAKERS
    assert turns["speaker"].tolist() == expected
    assert set(wb.speakers["speaker"]) == set(expected)


def test_diarised_labels_are_kept_as_written():
    wb = build([FORMATS / "text_rev_speaker_n.txt"])
    assert set(wb.turns["speaker"]) == {"Speaker 1", "李明", "Speaker 2"}
    wb = build([FORMATS / "text_timestamp_first.txt"])
    assert set(wb.turns["label"]) == {"SPEAKER_00", "SPEAKER_01", "SPEAKER_02"}
    assert set(wb.turns["speaker"]) == {"SPEAKER_00", "SPEAKER_01", "SPEAKER_02"}
    assert set(wb.speakers["speaker"]) == {"SPEAKER_00", "SPEAKER_01", "SPEAKER_02"}


def test_rebuilt_export_is_a_plain_transcript():
    source = read_source(FORMATS / "text_rev.txt")
    assert source.text == "".join(f"{who}: {text}\n\n" for who, _, text in TURNS)[:-1]
    again = normalise(source.text)
    assert again.kind == "text" and again.text == source.text and again.cues is None
    # each cue is one label's text in the rebuilt transcript
    assert [source.text[s:e] for s, e in zip(source.cues["start"], source.cues["end"])] == TEXTS


def test_header_lines_are_document_metadata():
    wb = build([FORMATS / "text_header.txt"])
    doc = wb.documents.iloc[0]
    assert doc["title"] == "Solar prices"
    assert doc["meta"] == ("Title: Solar prices; Date: 2024-06-12; Source: Harbour Radio, evening "
                           "programme; Speakers: Ann Lee, 李明, Bob Kane; Note: edited for length")
    assert (wb.turns["attribution"] == "labelled").all() and len(wb.turns) == len(TURNS)
    assert wb.documents.iloc[0]["n_sentences"] == len(wb.sentences)
    # the Otter credit line and the Markdown title go there too
    assert build([FORMATS / "text_otter.txt"]).documents["meta"].tolist() == [
        "Transcribed by: https://otter.ai"]
    md = build([FORMATS / "md_bold.md"]).documents.iloc[0]
    assert (md["title"], md["meta"]) == ("Solar prices", "Title: Solar prices")
    # a plain transcript has no metadata
    assert build([FIXTURES / "debate.txt"]).documents["meta"].tolist() == [""]


def test_header_above_a_heading_belongs_to_its_document():
    text = "Date: 2024-06-12\n\nDoc | Solar | Series\n\nAnn: Hi.\n\nDoc | Wind | Series\n\nNote: x\nBob: Yo.\n"
    docs = split_documents(text)
    assert docs[["title", "meta"]].values.tolist() == [["Solar", "Date: 2024-06-12"], ["Wind", "Note: x"]]
    turns = split_turns(text, docs)
    assert [text[s:e] for s, e in zip(turns["start"], turns["end"])] == ["Hi.", "Yo."]
    assert turns["label"].tolist() == ["Ann", "Bob"]


def test_front_matter_is_metadata():
    text = "---\ntitle: Solar\nrecorded: 2024\n---\n\nAnn: Hi.\n"
    assert header_block(text)[1] == [("title", "Solar"), ("recorded", "2024")]
    docs = split_documents(text)
    assert docs[["title", "meta"]].values.tolist() == [["Solar", "title: Solar; recorded: 2024"]]
    assert split_turns(text, docs)["label"].tolist() == ["Ann"]


def test_text_without_labels_is_one_unknown_speaker():
    source = read_source(FORMATS / "text_unlabelled.txt")
    assert source.kind == "text" and source.warnings == [NO_LABELS_WARNING]
    wb = build([FORMATS / "text_unlabelled.txt"])
    assert_spans_index_text(wb)
    assert wb.turns["attribution"].tolist() == ["unknown"]
    assert wb.turns["speaker"].tolist() == [""]
    assert flat(" ".join(wb.sentences["text"])) == flat(" ".join(TEXTS))
    assert wb.speakers.empty
    # the older fixture, once refused, reads the same way
    wb = build([FIXTURES / "nolabels.txt"], strict=True)
    assert set(wb.turns["attribution"]) == {"unknown"}


def test_notes_are_not_dialogue():
    source = read_source(FORMATS / "md_notes.md")
    assert source.kind == "text" and source.warnings == [NO_LABELS_WARNING]
    assert find_labels(source.text) == []
    wb = build([FORMATS / "md_notes.md"])
    assert_spans_index_text(wb)
    assert wb.speakers.empty and set(wb.turns["attribution"]) == {"unknown"}
    assert wb.documents.iloc[0]["title"] == "Solar notes"


@pytest.mark.parametrize("line", [
    "Todo: buy milk", "Question: why?", "Answer: because.", "Idea: more tests", "Title: x",
    "Date: 2024-01-01", "Next: the budget", "Table 2: prices", "Figure 1: a map",
])
def test_note_words_and_header_keys_are_no_labels(line):
    assert find_labels(line + "\n") == []


@pytest.mark.parametrize("line, name", [
    ("Speaker 1: Hello.", "Speaker 1"), ("SPEAKER_00: Hello.", "SPEAKER_00"),
    ("李明: Yes.", "李明"), ("Ольга Петрова: Да.", "Ольга Петрова"),
])
def test_diarised_and_non_latin_labels(line, name):
    assert [n for _, _, n in find_labels(line)] == [name]


def test_one_odd_line_does_not_decide_the_shape():
    text = "Ann: Hello.\n\nBob: Hi.\n\n[00:00:09] Ann: a line pasted from elsewhere\n\nBob: Bye.\n"
    out = normalise(text)
    assert (out.kind, out.text, out.cues) == ("text", text, None)
    rev = "Ann: (00:00:01)\nHello.\n\nBob: (00:00:04)\nHi.\n\nAnn: by the way: no.\n"
    out = normalise(rev)
    assert out.kind == "rev"
    assert out.text == "Ann: Hello.\n\nBob: Hi.\n\nAnn: by the way: no.\n"


def test_hearing_labels_open_paragraphs_only():
    text = ("    The CHAIRMAN. The committee will come to order.\n"
            "    Mr. McCONNELL. Thank you. I yield to\nMr. SMITH. He will speak.\n"
            "    Ms. JACKSON LEE. Thank you.\n")
    out = normalise(text)
    assert out.kind == "hearing"
    assert out.cues["voice"].tolist() == ["The Chairman", "Mr. McCONNELL", "Ms. Jackson Lee"]
    assert "I yield to\nMr. SMITH. He will speak." in out.text


def test_times():
    assert parse_time("0:03") == 3 and parse_time("01:02:03") == 3723
    assert parse_time("00:00:02,500") == 2.5 and parse_time("0:00:12.6") == pytest.approx(12.6)


# --- the seed and the plain transcripts are read exactly as before ------------------------------

# Turns (doc_id, label, attribution, start, end) and sentences (turn_id, start, end, text) of
# these files as the code before the export normaliser segmented them (commit 666c6bb).
BEFORE = {"seed.txt": "ab0e491351a61ca9", "debate.txt": "55149181798f8724",
          "debate_stance.txt": "c7dbf89d5faf0d29"}


def _fingerprint(wb) -> str:
    turns = wb.turns[["doc_id", "label", "attribution", "start", "end"]].values.tolist()
    sentences = wb.sentences[["turn_id", "start", "end", "text"]].values.tolist()
    return hashlib.sha256(json.dumps([turns, sentences]).encode()).hexdigest()[:16]


@pytest.mark.parametrize("name", sorted(BEFORE))
def test_plain_transcripts_are_unchanged(name):
    source = read_source(FIXTURES / name)
    text = source.text
    out = normalise(text)
    assert (out.kind, out.text, out.cues, out.warnings) == ("text", text, None, [])
    assert source.kind == "text" and source.cues.empty
    wb = build([FIXTURES / name])
    assert _fingerprint(wb) == BEFORE[name]
    plain = split_turns(text, split_documents(text))
    pd.testing.assert_frame_equal(
        wb.turns[["doc_id", "label", "attribution", "start", "end"]].reset_index(drop=True),
        plain[["doc_id", "label", "attribution", "start", "end"]].reset_index(drop=True))
    assert wb.documents["meta"].eq("").all()
