"""Reading: encodings, captions and the one-line errors for bad input."""

import pytest

from conftest import FIXTURES
from doculens.reading import InputError, captions_to_text, decode, expand_inputs, read_source
from doculens.workbook import build

EXPECTED = "Doc | Caf\u00e9 \u201cTalk\u201d | Series\n\nAnn: Na\u00efve r\u00e9sum\u00e9s cost \u20ac5 \u2014 really.\nBob: Yes.\n"


@pytest.mark.parametrize("name, encoding", [
    ("cp1252.txt", "cp1252"),
    ("utf16.txt", "utf-16"),
    ("utf8_bom_crlf.txt", "utf-8-sig"),
])
def test_encodings_decode_to_the_same_text(name, encoding):
    source = read_source(FIXTURES / name)
    assert source.encoding == encoding
    assert source.text == EXPECTED  # BOM dropped, CRLF normalised to \n


def test_offsets_index_the_normalised_text():
    wb = build([FIXTURES / "utf8_bom_crlf.txt"])
    text = wb.texts["utf8_bom_crlf.txt"]
    assert "\r" not in text
    for row in wb.sentences.itertuples():
        assert text[row.start:row.end] == row.text
    assert wb.sentences["text"].tolist() == ["Na\u00efve r\u00e9sum\u00e9s cost \u20ac5 \u2014 really.", "Yes."]


def test_latin1_fallback_for_bytes_cp1252_leaves_undefined():
    text, encoding = decode("Ann: caf\u00e9 ".encode("latin-1") + b"\x81\n")
    assert encoding == "latin-1" and text.startswith("Ann: caf\u00e9")


@pytest.mark.parametrize("name, problem", [
    ("empty.txt", "the file is empty"),
    ("whitespace.txt", "the file holds only whitespace"),
    ("binary.txt", "looks binary"),
    ("utf16_nobom.txt", "UTF-16 without a byte-order mark"),
    ("bad_timestamp.vtt", "malformed WebVTT captions (bad timestamp on line 6"),
    ("bad_timestamp.srt", "malformed SRT captions (bad timestamp on line 2"),
])
def test_bad_input_names_file_and_problem(name, problem):
    with pytest.raises(InputError) as err:
        read_source(FIXTURES / name)
    message = str(err.value)
    assert message.startswith(str(FIXTURES / name) + ": ")
    assert problem in message
    assert "\n" not in message


def test_text_without_speaker_labels_is_one_unknown_speaker_with_a_warning():
    wb = build([FIXTURES / "nolabels.txt"], strict=True)
    assert set(wb.turns["attribution"]) == {"unknown"} and set(wb.turns["speaker"].fillna("")) == {""}
    assert len(wb.sentences) > 0
    warnings = [w for s in wb.meta["sources"] for w in s.get("warnings", [])]
    assert warnings == ["no speaker labels: read as one unknown speaker"]


def test_missing_file_and_empty_folder(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_source(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="holds no .txt, .srt or .vtt"):
        expand_inputs([tmp_path])


def test_one_bad_file_among_several_is_listed_and_the_rest_processed():
    wb = build([FIXTURES / "debate.txt", FIXTURES / "empty.txt", FIXTURES / "bad_timestamp.srt"])
    assert set(wb.texts) == {"debate.txt"}
    assert wb.failures["path"].tolist() == [str(FIXTURES / "empty.txt"), str(FIXTURES / "bad_timestamp.srt")]
    assert wb.failures["problem"].str.contains("empty|timestamp").all()
    assert len(wb.sentences) > 0


def test_folder_input_reads_supported_files_in_name_order(tmp_path):
    (tmp_path / "b.txt").write_text("Bob: Hi.\n")
    (tmp_path / "a.vtt").write_text("WEBVTT\n\n00:00.000 --> 00:01.000\n<v Ann>Hello.\n")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    assert [p.name for p in expand_inputs([tmp_path])] == ["a.vtt", "b.txt"]


def test_vtt_voices_rolling_lines_and_times():
    source = read_source(FIXTURES / "talk.vtt")
    assert source.text == ("Ann Lee: Welcome back to the show. Today we talk about solar panels and prices.\n\n"
                           "Bob Kane: Prices fell by half.\n\nAnn Lee: Really? Laughter\n\n"
                           "Bob Kane: Yes. Since 2010, they fell by half.\n")
    # "Welcome back to the show." appears in two cues but once in the text
    assert source.text.count("Welcome back") == 1
    cues = source.cues
    assert cues["voice"].tolist() == ["Ann Lee", "Ann Lee", "Ann Lee", "Bob Kane", "Ann Lee", "Bob Kane"]
    assert cues["end_time"].iloc[-1] == pytest.approx(12.25)
    for row in cues.itertuples():
        assert source.text[row.start:row.end].strip() == source.text[row.start:row.end]


def test_vtt_sentences_carry_cue_times():
    wb = build([FIXTURES / "talk.vtt"])
    s = wb.sentences.set_index("text")
    assert s.loc["Today we talk about solar panels and prices.", "start_time"] == pytest.approx(2.0)
    assert s.loc["Today we talk about solar panels and prices.", "end_time"] == pytest.approx(6.5)
    assert s.loc["Since 2010, they fell by half.", "speaker"] == "Bob Kane"
    turns = wb.turns
    assert turns["speaker"].tolist() == ["Ann Lee", "Bob Kane", "Ann Lee", "Bob Kane"]
    assert turns["start_time"].tolist() == [0.0, 6.5, 6.5, 9.0]


def test_srt_speaker_prefix_and_cues_joined_into_sentences():
    wb = build([FIXTURES / "talk.srt"])
    assert wb.turns["speaker"].tolist() == ["Ann Lee", "Bob Kane"]
    assert wb.sentences["text"].tolist() == [
        "Welcome to the show.", "Today we talk about solar panels.",  # two cues, one sentence
        "Thanks, Ann.", "Prices fell by half.", "Is that right?"]
    assert wb.sentences["is_question"].tolist() == [False, False, False, False, True]
    row = wb.sentences.iloc[1]
    assert (row.start_time, row.end_time) == (3.6, 6.0)


def test_cue_line_dropped_only_when_rolled_from_previous_cue():
    text, cues = captions_to_text([(0, 1, "A", "one\ntwo"), (1, 2, "A", "two\nthree"), (2, 3, "A", "one")])
    assert text == "A: one two three one\n"
    assert len(cues) == 3
