"""Segmentation of the seed and of the other transcript formats."""

import re

import pytest

from conftest import FIXTURES, ROOT, SEED
from doculens.segment import count_words, find_labels, split_documents, split_turns
from doculens.workbook import build

SEED_TITLES = [
    ("Documentary", "Xi Jinping’s Plan of Dominating the World Using Big Data and Artificial Intelligence", ""),
    ("Doc", "Xi’s Path to Dictatorship for Life?", "Zooming In with Simone Gao"),
    ("In-depth", "Military and Xinjiang behind China’s Solar Industry", ""),
    ("Documentary", "Will Xi’s Support for Putin Cost His Third Term as Party Leader?", "Zooming In"),
]
# Every label in the seed as written, with the canonical speaker it must resolve to.
SEED_LABELS = {
    "Simone": "Simone Gao", "Keith Krach": "Keith Krach", "Li Jun": "Li Jun",
    "Tianliang Zhang": "Zhang Tianliang", "Jiang Feng": "Jiang Feng", "Wang Yi": "Wang Yi",
    "Qin Gang": "Qin Gang", "Narration": "Narrator", "Tang Jingyuan": "Tang Jingyuan",
    "Jingyuan Tang": "Tang Jingyuan", "Joe Biden": "Joe Biden", "James": "James Qiu",
    "CCTV Anchor": "CCTV Anchor",
}


def test_seed_fixture_is_the_seed():
    assert (FIXTURES / "seed.txt").read_bytes() == SEED.read_bytes()
    shared = ROOT.parent / "shared" / "seeds" / SEED.name
    if shared.exists():
        assert shared.read_bytes() == SEED.read_bytes()


def test_seed_has_four_documents_with_their_titles(seed_workbook, seed_text):
    docs = seed_workbook.documents
    assert list(zip(docs["kind"], docs["title"], docs["series"])) == SEED_TITLES
    assert docs["doc_id"].tolist() == [1, 2, 3, 4]
    # each document starts at its heading and they tile the file
    for row in docs.itertuples():
        assert seed_text[row.start:].startswith(f"{row.kind} | {row.title}")
    assert (docs["start"].iloc[1:].to_numpy() > docs["end"].iloc[:-1].to_numpy()).all()
    assert docs["n_sentences"].sum() == len(seed_workbook.sentences)


def test_every_labelled_line_of_the_seed_is_a_turn_of_its_speaker(seed_workbook, seed_text):
    turns = seed_workbook.turns.set_index("start")
    expected = 0
    for match in re.finditer(r"^([A-Z][A-Za-z]*(?: [A-Z][A-Za-z]*){0,3}):[ \t]*", seed_text, re.M):
        label = match.group(1)
        if label not in SEED_LABELS:
            continue
        expected += 1
        start = match.end()
        if seed_text.startswith("Narration: ", start):  # "Simone: Narration: ..."
            start += len("Narration: ")
        assert start in turns.index, f"no turn starts after label {label!r} at {match.start()}"
        turn = turns.loc[start]
        assert turn["speaker"] == SEED_LABELS[label]
        assert turn["attribution"] == "labelled"
    labelled = seed_workbook.turns[seed_workbook.turns["attribution"] == "labelled"]
    assert len(labelled) == expected == 72


def test_name_orders_merge_and_first_names_resolve(seed_workbook):
    roster = seed_workbook.speakers.set_index("speaker")
    assert "Jingyuan Tang" not in roster.index
    assert "Jingyuan Tang" in roster.loc["Tang Jingyuan", "aliases"]
    assert "Tianliang Zhang" not in roster.index
    assert "Simone" not in roster.index and "Simone" in roster.loc["Simone Gao", "aliases"]
    assert "James" not in roster.index and roster.loc["James Qiu", "aliases"] == "James"
    speakers = set(seed_workbook.turns["speaker"])
    assert {"Simone", "James", "Jingyuan Tang", "Tianliang Zhang"}.isdisjoint(speakers)
    assert roster.loc["Simone Gao", "docs"] == "2;3;4"


def test_narration_is_not_a_speaker_name_and_quotes_are_not_labels(seed_workbook, seed_text):
    speakers = set(seed_workbook.speakers["speaker"])
    assert not any("Putin" in s or s.startswith("He ") for s in speakers)
    assert "Narration" not in speakers and "Narrator" in speakers
    # "He even said to Putin: “I feel ...”" continues Simone's narration
    at = seed_text.index("He even said to Putin:")
    turn = seed_workbook.turns.query("start <= @at < end").iloc[0]
    assert turn["speaker"] == "Simone Gao" and turn["attribution"] == "continued"
    # "Simone: Narration: Cooking pancakes" is Simone, and the turn starts after both markers
    at = seed_text.index("Cooking pancakes together")
    turn = seed_workbook.turns.query("start == @at").iloc[0]
    assert turn["speaker"] == "Simone Gao" and turn["label"] == "Simone"


@pytest.mark.parametrize("phrase, speaker", [
    ("This is Beidaihe, a coastal resort town", "Simone Gao"),            # after "Simone: The Party’s conclave"
    ("So under such dire circumastance", "Li Jun"),                        # Li Jun's second paragraph
    ("the third indicator is that when Li Keqiang", "Tang Jingyuan"),      # "Jingyuan Tang:" paragraphs
    ("Secondly, the labor cost in Xinjiang", "Zhang Tianliang"),
    ("In 2016, only 9% of the world’s solar-grade", "Keith Krach"),        # hard-wrapped line in a turn
    ("Militarily, The Times reported on April 1", "Jiang Feng"),
    ("Thanks for everyone’s help, support and care.", "Narrator"),
])
def test_unlabelled_paragraphs_continue_the_right_speaker(seed_workbook, seed_text, phrase, speaker):
    at = seed_text.index(phrase)
    turn = seed_workbook.turns.query("start <= @at < end").iloc[0]
    assert turn["speaker"] == speaker


def test_text_before_the_first_label_is_unknown(seed_workbook, seed_text):
    first = seed_workbook.turns.iloc[0]
    assert seed_text[first.start:].startswith("This is TikTok.")
    assert first["attribution"] == "unknown" and first["speaker"] == ""


def test_labels_inside_a_paragraph_and_without_space_start_turns(seed_workbook, seed_text):
    at = seed_text.index("Thank you Mr. Krach")  # "Simone:Thank you"
    assert seed_workbook.turns.query("start == @at")["speaker"].tolist() == ["Simone Gao"]
    at = seed_text.index("Government does have a role")  # "Keith Krach:Government"
    assert seed_workbook.turns.query("start == @at")["speaker"].tolist() == ["Keith Krach"]
    # "...solar energy industry\nSimone: China is on track": a label after a hard wrap
    at = seed_text.index("China is on track to gain a monopoly")
    assert seed_workbook.turns.query("start == @at")["speaker"].tolist() == ["Simone Gao"]


def test_sentences_are_lossless_and_inside_their_turns(seed_workbook, seed_text):
    s = seed_workbook.sentences.merge(seed_workbook.turns[["turn_id", "start", "end"]],
                                      on="turn_id", suffixes=("", "_turn"))
    assert all(seed_text[a:b] == t for a, b, t in zip(s["start"], s["end"], s["text"]))
    assert ((s["start"] >= s["start_turn"]) & (s["end"] <= s["end_turn"])).all()
    assert s["sentence_id"].is_unique and s["sentence_id"].is_monotonic_increasing
    assert list(seed_workbook.sentences.columns)[:8] == [
        "sentence_id", "doc_id", "turn_id", "speaker", "start", "end", "text", "is_question"]


def test_seed_sentence_edges(seed_workbook):
    texts = seed_workbook.sentences["text"].tolist()
    assert "Keith Krach: China, Inc. controls 80-90% of the market." not in texts
    assert "China, Inc. controls 80-90% of the market." in texts
    assert any(t.startswith("On September 28th, Judge Carl Nichols of the U.S. District Court in Washington, D.C revoked")
               for t in texts)
    assert any(t.startswith("It has been downloaded more than 2 billion times") for t in texts)
    questions = seed_workbook.sentences.query("is_question")["text"].tolist()
    assert "What’s the significance of this meeting?" in questions
    assert "Are we okay with this?" in questions


def test_debate_format_with_labels_on_their_own_lines():
    wb = build([FIXTURES / "debate.txt"])
    assert wb.turns["speaker"].tolist() == ["Jane Park", "Tom Reyes", "Ana Silva", "Jane Park", "Tom Reyes"]
    assert wb.turns["label"].tolist()[:3] == ["Moderator Jane Park", "Senator Tom Reyes", "Governor Ana Silva"]
    ana = wb.sentences.query("speaker == 'Ana Silva'")["text"].tolist()
    assert ana == ["Thank you.", "I want to talk about jobs.", "We created 40,000 jobs last year."]
    # "Here is the truth: nobody believes it." is inside a turn, not a label
    assert "Here is the truth" not in set(wb.speakers["speaker"])
    roles = wb.speakers.set_index("speaker")["role"]
    assert roles["Tom Reyes"] == "Senator"


def test_file_without_headings_is_one_document():
    docs = split_documents("Ann: Hi there.\n\nBob: Hello.\n", source="x.txt")
    assert docs[["doc_id", "source", "kind", "title", "start", "end"]].values.tolist() == [[1, "x.txt", "", "", 0, 27]]


def test_label_rules():
    text = ("Dr. Ann Lee: One.\nThis is what I learned: two.\nNote: three.\nCCTV Anchor:Four.\n"
            "Jean de La Fontaine: five.\nhttp://example.com\nAt 10:30 we met.\n")
    assert [name for _, _, name in find_labels(text)] == ["Dr. Ann Lee", "CCTV Anchor", "Jean de La Fontaine"]


def test_turns_and_attribution_on_a_small_text():
    text = "Ann: One.\nTwo.\n\nThree.\n\nBob:\nFour.\n"
    turns = split_turns(text, split_documents(text))
    assert turns[["speaker", "attribution"]].values.tolist() == [
        ["Ann", "labelled"], ["Ann", "continued"], ["Bob", "labelled"]]
    assert [text[s:e] for s, e in zip(turns["start"], turns["end"])] == ["One.\nTwo.", "Three.", "Four."]


def test_count_words():
    assert count_words("Xi’s third term, in the U.S. — 2,000 words?") == 8


SHARED_TRANSCRIPTS = ROOT.parent / "shared" / "benchmarks" / "transcripts"


@pytest.mark.skipif(not SHARED_TRANSCRIPTS.exists(), reason="../shared/benchmarks is absent")
def test_public_debate_transcript_labels_on_their_own_lines():
    wb = build([SHARED_TRANSCRIPTS / "us_presidential_debate_2020-09-29_part1.txt"])
    speakers = wb.speakers.set_index("speaker")
    assert {"Chris Wallace", "Donald J. Trump", "Joe Biden"} <= set(speakers.index)
    assert set(wb.turns["speaker"]) == {"Chris Wallace", "Donald J. Trump", "Joe Biden"}
    assert (wb.turns["attribution"] == "labelled").all()
    assert "Vice President Joe Biden" in speakers.loc["Joe Biden", "aliases"]
    first = wb.sentences.iloc[0]
    assert first["speaker"] == "Chris Wallace" and first["text"].startswith("Good evening from the Health")


@pytest.mark.skipif(not SHARED_TRANSCRIPTS.exists(), reason="../shared/benchmarks is absent")
def test_public_vtt_with_voice_tags():
    wb = build([SHARED_TRANSCRIPTS / "cycle_collector_talk.vtt"])
    assert set(wb.turns["speaker"]) == {"Kyle Huey", "Chris Pearce"}
    assert wb.sentences["start_time"].notna().all()
    assert wb.sentences["start_time"].is_monotonic_increasing


def test_split_sentences_is_exposed_by_segment():
    from doculens import segment

    frame = segment.split_sentences("Mr. Krach said no. Did he? Yes.")
    assert list(frame.columns) == ["start", "end", "text"]
    assert frame["text"].tolist() == ["Mr. Krach said no.", "Did he?", "Yes."]
