"""Captions from the tools people use: Zoom's names in cue text, WebVTT voice tags with
diarised and non-Latin names, three speakers voting "Yes." in turn, YouTube's automatic
captions. Every fixture in tests/fixtures/formats/ holds the same dialogue."""

import pytest

from conftest import FIXTURES
from doculens.reading import (NO_SPEAKERS_WARNING, SENTENCE_BREAK, _cue_speaker_name,
                              _split_cue_speakers, captions_to_text, read_source, speaker_name)
from doculens.sentences import split_sentences
from doculens.workbook import build

FORMATS = FIXTURES / "formats"

# The dialogue: (speaker index, sentence, start_time, end_time). Turn 1 spans two cues, and its
# second sentence runs across them.
SENTENCES = [
    (0, "Welcome back.", 0.0, 2.0),
    (0, "Today we ask whether solar panels got cheaper.", 0.0, 5.0),
    (1, "They did.", 5.8, 9.0),
    (1, "Prices fell by half since 2015.", 5.8, 9.0),
    (2, "I agree with that figure.", 9.8, 12.5),
    (0, "Do we all agree?", 13.3, 15.0),
    (1, "Yes.", 15.8, 16.4),
    (2, "Yes.", 17.2, 17.8),
    (0, "Yes.", 18.6, 19.2),
]
TURNS = [(0, 0.0, 5.0), (1, 5.8, 9.0), (2, 9.8, 12.5), (0, 13.3, 15.0), (1, 15.8, 16.4),
         (2, 17.2, 17.8), (0, 18.6, 19.2)]


def assert_lossless(wb):
    """Every sentence, turn and cue span indexes its source text."""
    (text,) = wb.texts.values()
    for row in wb.sentences.itertuples():
        assert text[row.start:row.end] == row.text
    for row in wb.turns.itertuples():
        assert text[row.start:row.end] == text[row.start:row.end].strip() != ""
    for row in wb.cues.itertuples():
        assert text[row.start:row.end] == text[row.start:row.end].strip() != ""


def times_of(table) -> list[float]:
    """start_time, end_time, start_time, ... of a table's rows."""
    return table[["start_time", "end_time"]].to_numpy().ravel().tolist()


def assert_dialogue(wb, names, *, times=True):
    """The dialogue's turns and sentences, spoken by ``names`` (one per speaker index)."""
    assert_lossless(wb)
    assert wb.turns["speaker"].tolist() == [names[who] for who, *_ in TURNS]
    assert (wb.turns["attribution"] == "labelled").all()
    assert wb.sentences["text"].tolist() == [s for _, s, *_ in SENTENCES]
    assert wb.sentences["speaker"].tolist() == [names[who] for who, *_ in SENTENCES]
    assert wb.sentences["is_question"].sum() == 1
    if times:
        assert times_of(wb.turns) == pytest.approx([t for _, start, end in TURNS for t in (start, end)])
        assert times_of(wb.sentences) == pytest.approx(
            [t for *_, start, end in SENTENCES for t in (start, end)])
    assert sorted(wb.speakers["speaker"]) == sorted(set(names))


# --- Zoom -----------------------------------------------------------------------------------------

def test_zoom_names_in_cue_text_are_speakers_without_their_notes():
    source = read_source(FORMATS / "cap_zoom.vtt")
    # "Ann Lee (Host)", "Ann Lee (SL)", "李明 (he/him)" and the user name "bob.kane"
    assert source.cues["voice"].tolist() == ["Ann Lee", "Ann Lee", "李明", "Bob Kane", "Ann Lee",
                                             "李明", "Bob Kane", "Ann Lee"]
    assert "(Host)" not in source.text and "he/him" not in source.text and "bob.kane" not in source.text
    assert source.text.startswith("Ann Lee: Welcome back. Today we ask whether solar panels got cheaper.\n\n"
                                  "李明: They did.")
    assert source.warnings == []


def test_zoom_dialogue_builds_with_speakers_texts_and_times():
    assert_dialogue(build([FORMATS / "cap_zoom.vtt"]), ["Ann Lee", "李明", "Bob Kane"])


# --- WebVTT voice tags ------------------------------------------------------------------------------

def test_voice_tags_diarised_and_non_latin_names_are_kept():
    source = read_source(FORMATS / "cap_voice_tags.vtt")
    assert source.cues["voice"].tolist() == ["Ann Lee", "Ann Lee", "李明", "Speaker 1", "Ann Lee",
                                             "李明", "Speaker 1", "Ann Lee"]
    assert "\n\n李明: Yes.\n\n" in source.text  # the name in the cue text, not left in the sentence


def test_voice_tag_dialogue_builds_with_speakers_texts_and_times():
    assert_dialogue(build([FORMATS / "cap_voice_tags.vtt"]), ["Ann Lee", "李明", "Speaker 1"])


# --- SRT: three votes -------------------------------------------------------------------------------

def test_identical_lines_of_different_speakers_are_all_kept():
    source = read_source(FORMATS / "cap_votes.srt")
    votes = source.cues[source.cues["start_time"] >= 15.8]
    assert votes["voice"].tolist() == ["李明", "BOB KANE", "ANN LEE"]
    assert [source.text[r.start:r.end] for r in votes.itertuples()] == ["Yes."] * 3
    # ... while the same speaker's rolling caption still drops its repeated line
    assert source.text.count("Today we ask") == 1


def test_srt_votes_dialogue_builds_with_speakers_texts_and_times():
    # "ANN LEE" in captions reads as "Ann Lee"; "李明：" (a full-width colon) names 李明
    assert_dialogue(build([FORMATS / "cap_votes.srt"]), ["Ann Lee", "李明", "Bob Kane"])


def test_rolled_line_dropped_only_for_the_same_speaker():
    text, cues = captions_to_text([(0, 1, "A", "Yes."), (1, 2, "B", "Yes."), (2, 3, None, "Yes."),
                                   (3, 4, "A", "Yes.\nNo.")])
    # B's vote is B's; the unnamed repeat continues B's caption and rolls; A's "Yes." starts a
    # new caption of A's, not a repeat of B's line
    assert text == "A: Yes.\n\nB: Yes.\n\nA: Yes. No.\n"
    assert cues["voice"].tolist() == ["A", "B", "A"]


def test_pieces_of_one_cue_are_not_rolling_repeats():
    # one cue, two speakers saying the same line (dash style with names)
    text, _ = captions_to_text([(0, 1, "A", "Yes."), (0, 1, "B", "Yes."), (1, 2, None, "Yes.\nGood.")])
    assert text == "A: Yes.\n\nB: Yes. Good.\n"


@pytest.mark.parametrize("line, name", [
    ("Ann Lee (Host): Hi.", "Ann Lee"),
    ("Ann Lee (she/her): Hi.", "Ann Lee"),
    ("Ann Lee (SL): Hi.", "Ann Lee"),
    ("first.last: Hi.", "First Last"),
    ("Speaker 1: Hi.", "Speaker 1"),
    ("SPEAKER_00: Hi.", "SPEAKER_00"),
    ("李明: Hi.", "李明"),
    ("李明：你好。", "李明"),
    ("- Mary: Hi.", "Mary"),
    ("Note: it was cut.", None),
    ("The answer: no.", None),
    ("so here it is: yes", None),
    ("At 10:30 we met.", None),
])
def test_names_at_the_start_of_a_cue_line(line, name):
    ((voice, body),) = _split_cue_speakers(line)
    assert voice == name
    if name:
        assert body == line.split(":" if ":" in line else "：", 1)[1].strip()
    else:
        assert body == line


def test_speaker_names_keep_diarised_labels_and_drop_notes():
    assert speaker_name("Ann Lee (Host) (he/him)") == "Ann Lee"
    assert speaker_name("SPEAKER_00") == "SPEAKER_00"
    assert speaker_name("Speaker 1") == "Speaker 1"
    assert speaker_name("  李明  ") == "李明"
    assert speaker_name("(Host)") is None
    assert _cue_speaker_name("这是一个很长的句子") is None  # a clause, not a name


# --- YouTube automatic captions ---------------------------------------------------------------------

def test_youtube_autocaptions_rolling_lines_read_once():
    source = read_source(FORMATS / "yt_autocaptions.vtt")
    words = ("welcome back today we ask whether solar panels got cheaper they did prices fell by "
             "half since 2015 i agree with that figure do we all agree yes yes yes").split()
    assert source.text.split() == words  # every word once, in order
    assert "<" not in source.text
    assert source.cues["voice"].isna().all()
    assert source.warnings == [NO_SPEAKERS_WARNING]


def test_youtube_autocaptions_are_cut_into_sentences():
    wb = build([FORMATS / "yt_autocaptions.vtt"])
    assert_lossless(wb)
    text = wb.texts["yt_autocaptions.vtt"]
    # no punctuation: a sentence ends at the first cue boundary after 15 words
    assert wb.sentences["text"].tolist() == [
        "welcome back today we ask whether solar panels got cheaper they did prices fell by half since 2015",
        "i agree with that figure do we all agree yes yes yes"]
    assert text.count(SENTENCE_BREAK) == 1
    assert times_of(wb.sentences) == pytest.approx([0.0, 9.79, 9.8, 19.2])
    assert wb.turns["attribution"].tolist() == ["unknown"]  # one unknown speaker, one turn


def test_unpunctuated_captions_break_at_pauses():
    cues = [(0.0, 1.0, None, "so we went"), (1.0, 2.0, None, "to the market"),
            (3.0, 4.0, None, "it was closed"), (4.1, 5.0, None, "again")]
    text, _ = captions_to_text(cues)
    assert text == f"so we went to the market{SENTENCE_BREAK}it was closed again\n"
    assert split_sentences(text)["text"].tolist() == ["so we went to the market", "it was closed again"]


def test_punctuated_captions_are_not_cut_at_pauses():
    text, _ = captions_to_text([(0.0, 1.0, None, "So we went."), (5.0, 6.0, None, "It was closed.")])
    assert SENTENCE_BREAK not in text


def test_captions_without_any_text_are_refused(tmp_path):
    from doculens.reading import InputError

    path = tmp_path / "empty_cues.vtt"
    path.write_text("WEBVTT\n\n00:00.000 --> 00:01.000\n<i> </i>\n")
    with pytest.raises(InputError, match="the captions hold no text"):
        read_source(path)
