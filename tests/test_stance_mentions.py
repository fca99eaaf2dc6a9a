"""doculens.stance.mentions: who each name, "you", "he"/"she" and role noun stands for.

Every rule is tested both ways: cases that must resolve and cases that must not. The
sentences are short and invented; the people are those of tests/fixtures/debate_stance.txt
(moderator Dana Cruz; candidates Alice Moreno and Robert Kline; running mates Tom Reyes and
Linda Park) plus namesakes and strangers (Bill Moreno, Sam Ortiz).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from doculens import workbook
from doculens.stance import MENTION_COLUMNS, VIA, discover_targets, find_mentions

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "debate_stance.txt"
SEP = " "
PEOPLE = {"Alice Moreno": ["Alice Moreno"], "Robert Kline": ["Robert Kline"],
          "Tom Reyes": ["Tom Reyes"], "Linda Park": ["Linda Park"]}
# the moderator opens every exchange: mostly questions, so she is found as the moderator
OPENING = ("Dana Cruz", ["Welcome to the debate.", "What is your plan for the mills?",
                         "Why should voters trust it?"])


def table(*turns, doc_id: int = 1) -> tuple[pd.DataFrame, str]:
    """A sentences table from ``(speaker, sentence or [sentences])`` turns, and its source."""
    rows, parts, pos, sid = [], [], 0, 1
    for turn_id, (speaker, texts) in enumerate(turns, start=1):
        for text in [texts] if isinstance(texts, str) else texts:
            rows.append({"sentence_id": sid, "doc_id": doc_id, "turn_id": turn_id,
                         "speaker": speaker, "start": pos, "end": pos + len(text), "text": text,
                         "is_question": text.rstrip().endswith("?")})
            parts.append(text)
            pos += len(text) + len(SEP)
            sid += 1
    return pd.DataFrame(rows), SEP.join(parts)


def mentions(*turns, targets=None, **kwargs) -> pd.DataFrame:
    sentences, _ = table(*turns)
    return find_mentions(sentences, targets=PEOPLE if targets is None else targets, **kwargs)


def rows(m: pd.DataFrame, via: str | None = None) -> list[list]:
    """``[speaker, target, alias, sentence_id]`` of the mentions (of one ``via``)."""
    if via is not None:
        m = m[m["via"] == via]
    return m[["speaker", "target", "alias", "sentence_id"]].values.tolist()


def last_sentence(m: pd.DataFrame, via: str) -> list[list]:
    """The mentions of one ``via`` in the last sentence of the table."""
    last = m["sentence_id"].max() if len(m) else None
    return rows(m[m["sentence_id"] == last], via)


# --------------------------------------------------------------------------------------
# The table
# --------------------------------------------------------------------------------------


def test_columns_and_offsets_trace_back_to_the_source():
    sentences, source = table(OPENING, ("Alice Moreno", ["Robert, you failed the workers.",
                                                         "Kline never listens."]))
    m = find_mentions(sentences, targets=PEOPLE)
    assert list(m.columns) == MENTION_COLUMNS
    assert len(m) == 3
    for r in m.itertuples():
        assert source[r.start:r.end] == r.alias
        assert source[r.sentence_start:r.sentence_end] == r.sentence
        assert r.via in VIA
    assert m["vocative"].dtype == bool


def test_nobody_mentions_themself():
    m = mentions(OPENING, ("Robert Kline", ["Robert Kline will fix the mills.", "Kline keeps his word."]),
                 ("Alice Moreno", "Taxes went up."))
    assert m.empty


def test_an_alias_is_found_by_alias_and_the_name_by_name():
    m = mentions(OPENING, ("Alice Moreno", ["Bobby broke the promise.", "Robert Kline broke it."]),
                 targets={"Robert Kline": ["Robert Kline", "Bobby"]})
    assert m[["alias", "via"]].values.tolist() == [["Bobby", "alias"], ["Robert Kline", "name"]]


def test_resolve_false_finds_only_names_and_aliases():
    turns = (OPENING, ("Robert Kline", "Taxes went up."),
             ("Alice Moreno", ["Robert, you raised taxes.", "He broke his word."]))
    assert set(mentions(*turns)["via"]) == {"name", "address", "pronoun"}
    assert set(mentions(*turns, resolve=False)["via"]) == {"name"}


# --------------------------------------------------------------------------------------
# Names: namesakes, family and institutions are not the person
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize("text, alias", [
    ("Moreno raised taxes.", "Moreno"),
    ("I disagree with Moreno.", "Moreno"),
    ("Moreno's plan raised taxes.", "Moreno"),
    ("When Moreno spoke, taxes went up.", "Moreno"),
    ("Alice raised taxes.", "Alice"),
    ("Alice Moreno raised taxes.", "Alice Moreno"),
])
def test_the_name_forms_of_a_person(text, alias):
    m = mentions(("Robert Kline", text), targets={"Alice Moreno": ["Alice Moreno"]})
    assert rows(m) == [["Robert Kline", "Alice Moreno", alias, 1]]
    assert m["via"].tolist() == ["name"]


@pytest.mark.parametrize("text", [
    "Bill Moreno raised taxes.",               # a namesake, or family
    "I met Bill Moreno yesterday.",
    "The Moreno campaign raised money.",       # the name as a modifier
    "I disagree with the Moreno campaign.",
    "The Moreno Foundation raised money.",     # an institution named after her
    "I gave to the Moreno Foundation.",
])
def test_namesakes_and_institutions_are_not_the_person(text):
    assert mentions(("Robert Kline", text), targets={"Alice Moreno": ["Alice Moreno"]}).empty


def test_a_title_before_the_surname_belongs_to_the_mention_when_it_is_hers():
    m = mentions(OPENING, ("Robert Kline", ["Senator Moreno raised taxes.", "I said so to Senator Moreno."]),
                 ("Alice Moreno", "No."), targets={"Alice Moreno": ["Alice Moreno"]})
    assert m["alias"].tolist() == ["Senator Moreno", "Senator Moreno"]


SHE_MORENO = ["Moreno says she cares.", "Moreno is wrong, and she knows it.",
              "Moreno and her team failed."]


def test_mr_is_not_a_woman_whose_pronouns_are_she():
    m = mentions(("Robert Kline", SHE_MORENO + ["Mr. Moreno runs a bakery."]),
                 targets={"Alice Moreno": ["Alice Moreno"]})
    assert 4 not in set(m["sentence_id"])
    assert len(m[m["via"] == "name"]) == 3


def test_mr_is_the_target_when_her_gender_is_unknown_or_his():
    m = mentions(("Robert Kline", ["Moreno raised taxes.", "Mr. Moreno runs a bakery."]),
                 targets={"Alice Moreno": ["Alice Moreno"]})
    assert m["alias"].tolist() == ["Moreno", "Mr. Moreno"]  # nothing says she is a woman


def test_an_honorific_alias_gives_the_gender():
    m = mentions(("Robert Kline", ["Ms. Moreno raised taxes.", "Mr. Moreno runs a bakery.",
                                   "Mrs. Moreno agrees."]),
                 targets={"Alice Moreno": ["Alice Moreno", "Ms. Moreno"]})
    assert m["sentence_id"].tolist() == [1, 3]


def test_mr_is_not_a_woman_whose_pronouns_follow_her_title():
    m = mentions(OPENING, ("Robert Kline", ["Senator " + s for s in SHE_MORENO]
                           + ["Mr. Moreno runs a bakery."]),
                 ("Alice Moreno", "No."), targets={"Alice Moreno": ["Alice Moreno"]})
    assert "Mr. Moreno" not in set(m["alias"])


# --------------------------------------------------------------------------------------
# "you": the person addressed
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "You know, the mills closed.",
    "The mills closed, you know.",
    "If you look at the numbers, the mills closed.",
    "I want to thank all of you for coming.",
    "Thank you for the question.",
    "Let me tell you, the mills closed.",
])
def test_generic_you_is_not_resolved(text):
    # after a candidate's turn "you" would be that candidate; in these phrases it is nobody
    m = mentions(OPENING, ("Robert Kline", "Taxes went up."), ("Alice Moreno", text))
    assert m[m["via"] == "address"].empty


def test_you_is_the_previous_speaker_when_that_is_a_candidate():
    m = mentions(OPENING, ("Robert Kline", "Taxes went up."),
                 ("Alice Moreno", ["You raised them.", "Your plan failed, and you know it."]))
    assert rows(m, "address") == [["Alice Moreno", "Robert Kline", "You", 5],
                                  ["Alice Moreno", "Robert Kline", "Your", 6]]  # "you know": generic


def test_you_is_the_vocative_rather_than_the_previous_speaker():
    m = mentions(OPENING, ("Robert Kline", "Taxes went up."),
                 ("Alice Moreno", "Tom, you were right about the mills."))
    assert rows(m, "address") == [["Alice Moreno", "Tom Reyes", "you", 5]]
    assert m.loc[m["alias"] == "Tom", "vocative"].tolist() == [True]


def test_a_vocative_names_the_addressee_of_the_next_sentences_too():
    # after the moderator's turn only the vocative can say who "you" is
    m = mentions(OPENING, ("Alice Moreno", ["Robert, your plan failed.", "You raised taxes.",
                                            "Mills closed.", "Clinics closed.", "Schools closed.",
                                            "You did nothing."]))
    assert rows(m, "address") == [["Alice Moreno", "Robert Kline", "your", 4],
                                  ["Alice Moreno", "Robert Kline", "You", 5]]  # 9: out of reach


def test_a_name_opening_a_sentence_without_you_is_no_vocative():
    m = mentions(OPENING, ("Alice Moreno", ["Robert, as always, is late.", "You raised taxes."]))
    assert m["vocative"].tolist() == [False] and m[m["via"] == "address"].empty


def test_a_vocative_after_the_moderator_resolves():
    m = mentions(OPENING, ("Alice Moreno", "Robert, you raised taxes."))
    assert rows(m, "address") == [["Alice Moreno", "Robert Kline", "you", 4]]


def test_you_after_the_moderator_is_nobody():
    # the previous turn is the moderator's: "you" has no one to stand for
    m = mentions(OPENING, ("Robert Kline", "Taxes went up."), ("Dana Cruz", "Senator?"),
                 ("Alice Moreno", "You asked a fair question."),
                 targets=PEOPLE | {"Dana Cruz": ["Dana Cruz"]})
    assert m[m["via"] == "address"].empty


def test_you_is_never_the_moderator_even_named_as_a_vocative():
    m = mentions(OPENING, ("Robert Kline", "Taxes went up."),
                 ("Alice Moreno", "Dana, you asked a fair question."),
                 targets=PEOPLE | {"Dana Cruz": ["Dana Cruz"]})
    assert m[m["via"] == "address"].empty
    assert rows(m) == [["Alice Moreno", "Dana Cruz", "Dana", 5]]  # the name is still hers


def test_the_moderator_speaking_to_a_candidate_by_name():
    m = mentions(OPENING, ("Robert Kline", "Taxes went up."),
                 ("Dana Cruz", "Senator Moreno, your answer?"), ("Alice Moreno", "No."))
    assert rows(m, "address") == [["Dana Cruz", "Alice Moreno", "your", 5]]


def test_a_title_alone_as_a_vocative():
    m = mentions(("Dana Cruz", ["Welcome, Senator Moreno and Governor Kline.",
                                "What is the plan?", "Senator, your answer?"]),
                 ("Alice Moreno", "No."), ("Robert Kline", "Yes."))
    assert m.loc[m["sentence_id"] == 3, ["target", "via", "alias"]].values.tolist() == [
        ["Alice Moreno", "role", "Senator"], ["Alice Moreno", "address", "your"]]


def test_a_title_vocative_survives_the_title_used_as_a_common_noun():
    m = mentions(("Dana Cruz", ["Welcome, Senator Moreno and Governor Kline.",
                                "The senator has the floor.", "Senator, your answer?"]),
                 ("Alice Moreno", "No."), ("Robert Kline", "Yes."))
    assert rows(m, "address") == [["Dana Cruz", "Alice Moreno", "your", 3]]


# --------------------------------------------------------------------------------------
# "he"/"she": the one compatible person named lately
# --------------------------------------------------------------------------------------


def test_a_pronoun_with_one_candidate_resolves():
    m = mentions(("Alice Moreno", ["Tom Reyes is a doctor.", "He knows this state.",
                                   "I trust him."]))
    assert rows(m, "pronoun") == [["Alice Moreno", "Tom Reyes", "He", 2],
                                  ["Alice Moreno", "Tom Reyes", "him", 3]]


def test_a_pronoun_in_the_same_sentence_resolves():
    m = mentions(("Alice Moreno", "Tom Reyes knows this state, and he loves it."))
    assert rows(m, "pronoun") == [["Alice Moreno", "Tom Reyes", "he", 1]]


def test_a_pronoun_with_two_candidate_targets_of_unknown_gender_is_left_alone():
    m = mentions(("Alice Moreno", ["Tom Reyes met Robert Kline.", "He knows this state."]))
    assert m[m["via"] == "pronoun"].empty


def test_a_pronoun_with_a_second_person_who_is_not_a_target_is_left_alone():
    m = mentions(("Alice Moreno", ["Tom Reyes met Sam Ortiz.", "He knows this state."]))
    assert m[m["via"] == "pronoun"].empty


def test_a_second_person_named_in_a_sentence_with_a_comma_blocks_the_pronoun():
    m = mentions(("Alice Moreno", ["Tom Reyes met Sam Ortiz, a farmer.", "He knows this state."]))
    assert m[m["via"] == "pronoun"].empty


def test_gender_picks_between_two_candidates():
    targets = {"Alice Moreno": ["Alice Moreno", "Mrs. Moreno"], "Tom Reyes": ["Tom Reyes", "Mr. Reyes"]}
    m = mentions(("Robert Kline", ["Tom Reyes praised Alice Moreno.", "She raised taxes.",
                                   "Tom Reyes praised Alice Moreno.", "He was wrong."]),
                 targets=targets)
    assert rows(m, "pronoun") == [["Robert Kline", "Alice Moreno", "She", 2],
                                  ["Robert Kline", "Tom Reyes", "He", 4]]


def test_a_pronoun_of_the_other_gender_is_not_the_person():
    m = mentions(("Alice Moreno", ["Tom Reyes says he cares.", "Tom Reyes is here, and he knows it.",
                                   "Tom Reyes and his team won.", "She was wrong."]))
    assert rows(m, "pronoun") == [["Alice Moreno", "Tom Reyes", "he", 1],
                                  ["Alice Moreno", "Tom Reyes", "he", 2],
                                  ["Alice Moreno", "Tom Reyes", "his", 3]]  # his pronouns: he


def test_a_pronoun_does_not_reach_across_turns():
    m = mentions(OPENING, ("Alice Moreno", "Tom Reyes is a doctor."),
                 ("Robert Kline", "He knows nothing."))
    assert m[m["via"] == "pronoun"].empty
    m = mentions(OPENING, ("Alice Moreno", "Tom Reyes is a doctor."),
                 ("Dana Cruz", "Does he know the mills?"))
    assert m[m["via"] == "pronoun"].empty


def test_a_pronoun_with_nobody_named_lately_is_not_the_rival_on_stage():
    # "she" may be the absent running mate as well as the other candidate
    m = mentions(OPENING, ("Alice Moreno", "Taxes went up."),
                 ("Robert Kline", ["She raised them.", "She is wrong."]),
                 targets={"Alice Moreno": ["Alice Moreno", "Ms. Moreno"],
                          "Linda Park": ["Linda Park", "Ms. Park"]})
    assert m[m["via"] == "pronoun"].empty


def test_a_pronoun_does_not_reach_past_its_window():
    m = mentions(("Alice Moreno", ["Tom Reyes is a doctor.", "Taxes went up.", "Mills closed.",
                                   "He knows this state."]))
    assert m[m["via"] == "pronoun"].empty


# --------------------------------------------------------------------------------------
# Roles: "my opponent", "the governor", "my running mate"
# --------------------------------------------------------------------------------------


def test_my_opponent_is_the_one_other_debater():
    m = mentions(OPENING, ("Robert Kline", "My opponent raised taxes."),
                 ("Alice Moreno", "My opponent cut the clinics."))
    assert rows(m, "role") == [["Robert Kline", "Alice Moreno", "My opponent", 4],
                               ["Alice Moreno", "Robert Kline", "My opponent", 5]]


def test_my_opponent_with_two_other_debaters_is_nobody():
    m = mentions(OPENING, ("Robert Kline", "My opponent raised taxes."),
                 ("Alice Moreno", "Taxes went up."), ("Tom Reyes", "Taxes went down."))
    assert m[m["via"] == "role"].empty


def test_the_moderator_has_no_opponent():
    m = mentions(OPENING, ("Robert Kline", "Taxes went up."), ("Alice Moreno", "No."),
                 ("Dana Cruz", "Is my opponent here?"))
    assert m[m["via"] == "role"].empty


def test_the_governor_is_the_one_person_the_document_calls_governor():
    m = mentions(OPENING, ("Robert Kline", "Taxes went up."),
                 ("Alice Moreno", ["Governor Kline, you raised taxes.",
                                   "I disagree with the governor."]))
    assert rows(m, "role") == [["Alice Moreno", "Robert Kline", "the governor", 6]]


def test_the_governor_with_two_governors_is_nobody():
    m = mentions(OPENING, ("Robert Kline", "Taxes went up."),
                 ("Alice Moreno", ["Governor Kline and Governor Ortiz raised taxes.",
                                   "I disagree with the governor."]))
    assert m[m["via"] == "role"].empty


def test_the_governor_with_no_governor_named_is_nobody():
    m = mentions(OPENING, ("Robert Kline", "Taxes went up."),
                 ("Alice Moreno", "I disagree with the governor."))
    assert m[m["via"] == "role"].empty


def test_the_governor_as_the_subject_of_a_sentence():
    m = mentions(OPENING, ("Robert Kline", "Taxes went up."),
                 ("Alice Moreno", ["Governor Kline, you raised taxes.",
                                   "The governor failed the workers."]))
    assert rows(m, "role") == [["Alice Moreno", "Robert Kline", "The governor", 6]]


def test_my_running_mate_is_the_partner_the_speaker_named():
    m = mentions(OPENING, ("Alice Moreno", ["My running mate, Tom Reyes, knows the mills.",
                                            "My running mate will fix them."]),
                 ("Robert Kline", "My running mate disagrees."))
    assert rows(m, "role") == [["Alice Moreno", "Tom Reyes", "My running mate", 4],
                               ["Alice Moreno", "Tom Reyes", "My running mate", 5]]


def test_a_partner_named_after_the_noun():
    m = mentions(("Robert Kline", ["Linda Park, my running mate, ran a factory.",
                                   "My running mate knows business."]))
    assert rows(m, "role") == [["Robert Kline", "Linda Park", "my running mate", 1],
                               ["Robert Kline", "Linda Park", "My running mate", 2]]


def test_my_running_mate_never_named_is_nobody():
    m = mentions(OPENING, ("Alice Moreno", ["My running mate knows the mills.",
                                            "Tom Reyes grew up there."]))
    assert m[m["via"] == "role"].empty


# --------------------------------------------------------------------------------------
# The debate fixture
# --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def debate_mentions():
    wb = workbook.build([FIXTURE])
    found = discover_targets(wb.sentences, speakers=wb.speakers)
    spec = {r.target: r.aliases.split("; ") for r in found.itertuples()}
    spec["Linda Park"] = ["Linda Park"]  # not discovered automatically (see test_stance_targets)
    return find_mentions(wb.sentences, targets=spec, speakers=wb.speakers), wb


def _at(m, text: str) -> pd.DataFrame:
    return m[m["sentence"] == text]


def test_fixture_mentions_use_every_resolution_path(debate_mentions):
    m, wb = debate_mentions
    source = wb.texts["debate_stance.txt"]
    assert set(m["via"]) <= set(VIA)
    assert {"name", "address", "pronoun", "role"} <= set(m["via"])
    assert (m["target"] != m["speaker"]).all()
    assert all(source[r.start:r.end] == r.alias for r in m.itertuples())


def test_fixture_roles(debate_mentions):
    m, _ = debate_mentions
    roles = m[m["via"] == "role"]
    got = set(zip(roles["speaker"], roles["alias"].str.lower(), roles["target"]))
    assert got >= {("Alice Moreno", "my running mate", "Tom Reyes"),
                   ("Robert Kline", "my running mate", "Linda Park"),
                   ("Alice Moreno", "my opponent", "Robert Kline"),
                   ("Robert Kline", "my opponent", "Alice Moreno")}


def test_fixture_pronouns_and_vocatives(debate_mentions):
    m, _ = debate_mentions
    assert _at(m, "She voted against every plan to save them.")[["via", "target"]].values.tolist() == [
        ["pronoun", "Alice Moreno"]]
    robert = _at(m, "Robert, you are not telling the truth about my record.")
    assert robert[["via", "alias", "target", "vocative"]].values.tolist() == [
        ["name", "Robert", "Robert Kline", True], ["address", "you", "Robert Kline", False]]
    tom = _at(m, "I trust Tom, and I am proud to run with him.")
    assert set(tom["target"]) == {"Tom Reyes"} and set(tom["via"]) == {"name", "pronoun"}


def test_fixture_generic_you_and_the_moderators_you(debate_mentions):
    m, _ = debate_mentions
    assert "address" not in set(_at(m, "If you look at the numbers, the deficit doubled on his watch.")["via"])
    assert _at(m, "And thank you all for watching.").empty
    assert _at(m, "Tom Reyes and I will tell you the truth.")["target"].tolist() == ["Tom Reyes"]


def test_fixture_he_is_never_alice_moreno(debate_mentions):
    m, _ = debate_mentions
    pronouns = m[m["via"] == "pronoun"]
    he = pronouns["alias"].str.lower().isin(["he", "him", "his", "himself"])
    assert not (he & (pronouns["target"] == "Alice Moreno")).any()


def test_fixture_the_moderators_senator_is_alice_moreno(debate_mentions):
    m, _ = debate_mentions
    asked = _at(m, "Senator, would you like to respond?")
    assert set(asked["target"]) == {"Alice Moreno"}
