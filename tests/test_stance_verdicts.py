"""doculens.stance.verdicts on hand-made scored mentions, and ``analyse`` end to end on the
debate fixture (tests/fixtures/debate_stance.txt).

In the fixture a careful reader finds: Alice Moreno against Robert Kline (and Linda Park)
and for her running mate Tom Reyes; Robert Kline against Alice Moreno (and Tom Reyes) and
for his running mate Linda Park; the moderator, Dana Cruz, for and against no one.
"""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

from doculens import stance, workbook
from doculens.stance import (DOCUMENT_COLUMNS, EVIDENCE_COLUMNS, INSUFFICIENT, MIN_SENTENCES,
                             SCORED_COLUMNS, SPEAKER_COLUMNS, TARGET_COLUMNS, VIA, evidence,
                             label_of, stance_by_document, stance_by_speaker)
from doculens.stance.verdicts import sentence_scores, t_critical

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "debate_stance.txt"


def scored(*mentions) -> pd.DataFrame:
    """Scored mentions from ``(speaker, target, sentence_id, score)`` or
    ``(speaker, target, sentence_id, score, via)`` or ``(..., via, doc_id)`` tuples; each
    sentence is 100 characters long, each mention a word in it."""
    rows = []
    for k, m in enumerate(mentions):
        speaker, target, sid, score = m[:4]
        via = m[4] if len(m) > 4 else "name"
        doc_id = m[5] if len(m) > 5 else 1
        rows.append({"target": target, "via": via, "alias": target.split()[-1], "doc_id": doc_id,
                     "sentence_id": sid, "turn_id": sid, "speaker": speaker,
                     "start": 100 * sid + k % 50, "end": 100 * sid + k % 50 + 1,
                     "sentence_start": 100 * sid, "sentence_end": 100 * sid + 99,
                     "sentence": f"sentence {sid}", "vocative": False,
                     "kind": "evaluation" if score else "none", "score": float(score),
                     "stance": label_of(score), "cues": "cue" if score else "",
                     "reported": ""})
    return pd.DataFrame(rows, columns=SCORED_COLUMNS)


def pair(table: pd.DataFrame, speaker: str, target: str) -> pd.Series:
    got = table[(table["speaker"] == speaker) & (table["target"] == target)]
    assert len(got) == 1, got
    return got.iloc[0]


AGAINST_T = [("A", "Tess Vale", 1, -0.5), ("A", "Tess Vale", 2, -0.4), ("A", "Tess Vale", 3, -0.6)]
FOR_U = [("A", "Uri Moss", 4, 0.3), ("A", "Uri Moss", 5, 0.4), ("A", "Uri Moss", 6, 0.5)]


# --------------------------------------------------------------------------------------
# The verdict from the interval
# --------------------------------------------------------------------------------------


def test_columns_and_types():
    v = stance_by_speaker(scored(*AGAINST_T, *FOR_U))
    assert list(v.columns) == SPEAKER_COLUMNS
    assert {f"n_{via}" for via in VIA} <= set(v.columns)
    assert v["n_mentions"].dtype == "int64" and v["mean"].dtype == "float64"
    empty = stance_by_speaker(scored())
    assert empty.empty and list(empty.columns) == SPEAKER_COLUMNS


def test_against_when_the_whole_interval_is_below_zero():
    row = pair(stance_by_speaker(scored(*AGAINST_T)), "A", "Tess Vale")
    assert row["stance"] == "against" and row["n_sentences"] == 3
    # mean -0.5, sd 0.1, t(2) = 4.303: -0.5 -/+ 4.303 * 0.1 / sqrt(3)
    assert (row["mean"], row["ci_low"], row["ci_high"]) == pytest.approx((-0.5, -0.7484, -0.2516))
    assert t_critical(2) == 4.303


def test_favor_when_the_whole_interval_is_above_zero():
    row = pair(stance_by_speaker(scored(*FOR_U)), "A", "Uri Moss")
    assert row["stance"] == "favor"
    assert (row["mean"], row["ci_low"], row["ci_high"]) == pytest.approx((0.4, 0.1516, 0.6484))


def test_neutral_when_the_interval_straddles_zero():
    row = pair(stance_by_speaker(scored(("A", "Tess Vale", 1, -0.5), ("A", "Tess Vale", 2, 0.5),
                                        ("A", "Tess Vale", 3, -0.1))), "A", "Tess Vale")
    assert row["stance"] == "neutral" and row["ci_low"] < 0 < row["ci_high"]
    assert row["mean"] == pytest.approx(-0.0333)


def test_neutral_when_every_sentence_scores_zero():
    row = pair(stance_by_speaker(scored(*[("A", "Tess Vale", i, 0.0) for i in (1, 2, 3, 4)])),
               "A", "Tess Vale")
    assert row["stance"] == "neutral" and row["mean"] == 0.0


def test_insufficient_under_min_sentences():
    assert MIN_SENTENCES == 3
    two = scored(("A", "Tess Vale", 1, -0.9), ("A", "Tess Vale", 2, -0.8))
    row = pair(stance_by_speaker(two), "A", "Tess Vale")
    assert row["stance"] == INSUFFICIENT and row["n_sentences"] == 2
    one = pair(stance_by_speaker(scored(("A", "Tess Vale", 1, -0.9))), "A", "Tess Vale")
    assert one["stance"] == INSUFFICIENT and math.isnan(one["ci_low"])


def test_many_mentions_in_two_sentences_are_still_insufficient():
    rows = [("A", "Tess Vale", sid, -0.8, via) for sid in (1, 2)
            for via in ("name", "address", "pronoun")]
    row = pair(stance_by_speaker(scored(*rows)), "A", "Tess Vale")
    assert row["stance"] == INSUFFICIENT and row["n_mentions"] == 6 and row["n_sentences"] == 2


# --------------------------------------------------------------------------------------
# One sentence counts once
# --------------------------------------------------------------------------------------


def test_a_sentence_with_several_mentions_counts_once():
    data = scored(("A", "Tess Vale", 1, 0.0, "name"), ("A", "Tess Vale", 1, -0.5, "address"),
                  ("A", "Tess Vale", 1, -0.2, "pronoun"), ("A", "Tess Vale", 2, -0.4),
                  ("A", "Tess Vale", 3, -0.6, "role"), ("A", "Tess Vale", 3, 0.1, "alias"))
    per = sentence_scores(data)
    # the sentence scores the mean of its mentions that carry a cue (the name with score 0
    # says nothing) and shows its most telling one
    assert per[["sentence_id", "score", "via", "mention_score", "n_in_sentence"]].values.tolist() == [
        [1, -0.35, "address", -0.5, 3], [2, -0.4, "name", -0.4, 1], [3, -0.25, "role", -0.6, 2]]
    row = pair(stance_by_speaker(data), "A", "Tess Vale")
    assert row["n_mentions"] == 6 and row["n_sentences"] == 3
    assert row["mean"] == pytest.approx((-0.35 - 0.4 - 0.25) / 3, abs=1e-4)
    assert [row[f"n_{via}"] for via in VIA] == [2, 1, 1, 1, 1]  # name alias address pronoun role
    assert (row["share_against"], row["share_neutral"], row["share_favor"]) == pytest.approx(
        (4 / 6, 1 / 6, 1 / 6), abs=1e-4)


def test_repeating_a_target_in_one_sentence_adds_no_weight():
    once = stance_by_speaker(scored(*AGAINST_T, ("A", "Tess Vale", 4, 0.5)))
    thrice = stance_by_speaker(scored(*AGAINST_T, *[("A", "Tess Vale", 4, 0.5, via)
                                                    for via in ("name", "address", "pronoun")]))
    cols = ["stance", "n_sentences", "mean", "ci_low", "ci_high"]
    assert once[cols].values.tolist() == thrice[cols].values.tolist()
    assert thrice["n_mentions"].tolist() == [6]


def test_a_tie_shows_the_first_mention():
    data = scored(("A", "Tess Vale", 1, 0.3, "name"), ("A", "Tess Vale", 1, -0.3, "address"))
    assert sentence_scores(data)[["via", "mention_score", "score"]].values.tolist() == [
        ["name", 0.3, 0.0]]


def test_n_reported_counts_reported_mentions():
    data = scored(*AGAINST_T)
    data.loc[0, "reported"] = "said"
    assert pair(stance_by_speaker(data), "A", "Tess Vale")["n_reported"] == 1


# --------------------------------------------------------------------------------------
# relative: how the target stands out among the speaker's targets
# --------------------------------------------------------------------------------------


def test_relative_and_its_z_against_the_speakers_other_targets():
    v = stance_by_speaker(scored(*AGAINST_T, *FOR_U))
    t, u = pair(v, "A", "Tess Vale"), pair(v, "A", "Uri Moss")
    assert t["relative"] == pytest.approx(-0.9) and u["relative"] == pytest.approx(0.9)
    # Welch: -0.9 / sqrt(0.01 / 3 + 0.01 / 3)
    assert t["relative_z"] == pytest.approx(-11.0227, abs=1e-3)
    assert u["relative_z"] == pytest.approx(11.0227, abs=1e-3)


def test_relative_is_nan_without_another_target():
    row = pair(stance_by_speaker(scored(*AGAINST_T)), "A", "Tess Vale")
    assert math.isnan(row["relative"]) and math.isnan(row["relative_z"])


def test_relative_compares_within_one_speaker():
    v = stance_by_speaker(scored(*AGAINST_T, ("B", "Uri Moss", 7, 0.5), ("B", "Uri Moss", 8, 0.6),
                                 ("B", "Uri Moss", 9, 0.7)))
    assert math.isnan(pair(v, "A", "Tess Vale")["relative"])
    assert math.isnan(pair(v, "B", "Uri Moss")["relative"])


def test_relative_tells_a_harsh_speaker_apart():
    # a speaker harsh to everyone is still harsher to one target
    rows = AGAINST_T + [("A", "Uri Moss", sid, -0.1) for sid in (4, 5, 6)]
    v = stance_by_speaker(scored(*rows))
    assert pair(v, "A", "Uri Moss")["stance"] == "against"
    assert pair(v, "A", "Uri Moss")["relative"] == pytest.approx(0.4)
    assert pair(v, "A", "Tess Vale")["relative"] == pytest.approx(-0.4)


# --------------------------------------------------------------------------------------
# Evidence both ways
# --------------------------------------------------------------------------------------


MIXED = AGAINST_T + [("A", "Tess Vale", 4, 0.2), ("A", "Tess Vale", 5, 0.7)]


def test_evidence_ids_against_and_for():
    row = pair(stance_by_speaker(scored(*MIXED)), "A", "Tess Vale")
    assert row["stance"] == "neutral"
    assert row["evidence_against"] == "3; 1; 2"  # most negative first
    assert row["evidence_for"] == "5; 4"  # most positive first
    assert row["evidence_sentence_ids"] == "5; 3; 1"  # neutral: the strongest either way
    assert (row["start"], row["end"], row["evidence"]) == (500, 599, "sentence 5")


def test_evidence_of_an_against_verdict_is_the_sentences_against():
    data = scored(*AGAINST_T, ("A", "Tess Vale", 4, -0.5), ("A", "Tess Vale", 5, -0.5),
                  ("A", "Tess Vale", 6, 0.05))
    row = pair(stance_by_speaker(data), "A", "Tess Vale")
    assert row["stance"] == "against"
    assert row["evidence_sentence_ids"] == row["evidence_against"] == "3; 1; 4"  # ties: first
    assert row["evidence_for"] == "6"
    assert row["evidence"] == "sentence 3"


def test_n_evidence_limits_the_ids():
    row = pair(stance_by_speaker(scored(*MIXED), n_evidence=1), "A", "Tess Vale")
    assert (row["evidence_against"], row["evidence_for"]) == ("3", "5")


def test_evidence_table_lists_both_sides():
    data = scored(*MIXED)
    verdicts = stance_by_speaker(data)
    ev = evidence(data, verdicts, n=2)
    assert list(ev.columns) == EVIDENCE_COLUMNS
    assert ev[["side", "rank", "sentence_id", "score"]].values.tolist() == [
        ["against", 1, 3, -0.6], ["against", 2, 1, -0.5], ["favor", 1, 5, 0.7], ["favor", 2, 4, 0.2]]
    assert set(ev["speaker_stance"]) == {"neutral"}
    assert (ev["start"] == ev["sentence_id"] * 100).all()


def test_evidence_of_a_favor_verdict_comes_for_first():
    data = scored(*FOR_U, ("A", "Uri Moss", 7, 0.4), ("A", "Uri Moss", 8, 0.4),
                  ("A", "Uri Moss", 9, -0.05))
    ev = evidence(data, stance_by_speaker(data))
    assert set(ev["speaker_stance"]) == {"favor"}
    assert ev["side"].tolist() == ["favor", "favor", "favor", "against"]
    assert ev["sentence_id"].tolist() == [6, 5, 7, 9]


def test_evidence_of_nothing():
    data = scored(*AGAINST_T)
    ev = evidence(data, stance_by_speaker(data).iloc[0:0])
    assert ev.empty and list(ev.columns) == EVIDENCE_COLUMNS


# --------------------------------------------------------------------------------------
# By document; parameters
# --------------------------------------------------------------------------------------


def test_stance_by_document_has_a_doc_id_per_row():
    rows = [m + ("name", 1) for m in AGAINST_T] + [
        ("A", "Tess Vale", sid, score, "name", 2) for sid, score in ((11, 0.4), (12, 0.5), (13, 0.6))]
    data = scored(*rows)
    v = stance_by_document(data)
    assert list(v.columns) == DOCUMENT_COLUMNS
    assert v[["doc_id", "speaker", "target", "stance", "n_sentences"]].values.tolist() == [
        [1, "A", "Tess Vale", "against", 3], [2, "A", "Tess Vale", "favor", 3]]
    assert v["doc_id"].dtype == "int64"
    overall = pair(stance_by_speaker(data), "A", "Tess Vale")  # the run as a whole
    assert overall["stance"] == "neutral" and overall["n_sentences"] == 6


def test_relative_by_document_stays_in_the_document():
    rows = [m + ("name", 1) for m in AGAINST_T] + [m + ("name", 2) for m in FOR_U]
    v = stance_by_document(scored(*rows))
    assert v["relative"].isna().all()  # each document has one target
    assert not stance_by_speaker(scored(*rows))["relative"].isna().any()


def test_min_mentions_drops_rare_pairs():
    data = scored(*AGAINST_T, ("A", "Uri Moss", 4, 0.5))
    assert set(stance_by_speaker(data)["target"]) == {"Tess Vale", "Uri Moss"}
    assert set(stance_by_speaker(data, min_mentions=2)["target"]) == {"Tess Vale"}
    assert set(stance_by_document(data, min_mentions=2)["target"]) == {"Tess Vale"}


@pytest.mark.parametrize("bad", [0, -1, 1.5, True, "3"])
def test_counts_must_be_positive_integers(bad):
    data = scored(*AGAINST_T)
    with pytest.raises(ValueError):
        stance_by_speaker(data, min_mentions=bad)
    with pytest.raises(ValueError):
        stance_by_document(data, n_evidence=bad)
    with pytest.raises(ValueError):
        evidence(data, stance_by_speaker(data), n=bad)


# --------------------------------------------------------------------------------------
# End to end on the debate fixture
# --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def debate():
    return workbook.build([FIXTURE])


@pytest.fixture(scope="module")
def auto(debate):
    return stance.analyse(debate, targets="auto")


@pytest.fixture(scope="module")
def given(debate):
    return stance.analyse(debate, targets=["Alice Moreno", "Robert Kline", "Tom Reyes", "Linda Park"])


def test_the_result_tables(auto, given):
    assert auto.automatic and not given.automatic
    assert set(auto.tables()) == {"stance_targets", "stance_mentions", "stance_by_speaker",
                                  "stance_by_document", "stance_evidence"}
    assert list(auto.targets.columns) == TARGET_COLUMNS + ["n_mentions"]
    assert list(auto.mentions.columns) == SCORED_COLUMNS
    assert list(auto.by_speaker.columns) == SPEAKER_COLUMNS
    assert list(auto.by_document.columns) == DOCUMENT_COLUMNS
    assert list(auto.evidence.columns) == EVIDENCE_COLUMNS
    assert set(auto.mentions["via"]) <= set(VIA)
    assert given.targets["source"].tolist() == ["parameter"] * 4
    counts = given.mentions["target"].value_counts()
    assert given.targets["n_mentions"].tolist() == [int(counts.get(t, 0)) for t in given.targets["target"]]


def test_one_document_gives_the_same_verdicts_by_document(auto):
    assert set(auto.by_document["doc_id"]) == {1}
    by_doc = auto.by_document.drop(columns="doc_id").reset_index(drop=True)
    assert by_doc.equals(auto.by_speaker.reset_index(drop=True))


def test_moreno_is_against_kline(auto):
    row = pair(auto.by_speaker, "Alice Moreno", "Robert Kline")
    assert row["stance"] == "against" and row["n_sentences"] >= MIN_SENTENCES
    assert row["relative"] < 0 and row["n_address"] > 0 and row["n_role"] > 0


@pytest.mark.xfail(strict=True, reason=(
    "KNOWN MISS: Kline's interval still touches 0 (mean -0.13 over 11 sentences): 'She voted "
    "against every plan to save them.' and 'My opponent wants to raise taxes on every family "
    "in this state.' are the target's positions ('reported', scored 0 by rule g), and 'Alice, "
    "your numbers are invented.' and 'she has done nothing for those mills' carry no cue"))
def test_kline_is_against_moreno(auto):
    row = pair(auto.by_speaker, "Robert Kline", "Alice Moreno")
    assert row["stance"] == "against"


def test_kline_is_harsher_on_moreno_than_on_anyone_else(given):
    row = pair(given.by_speaker, "Robert Kline", "Alice Moreno")
    assert row["mean"] < 0 and row["relative"] < 0 and row["relative_z"] < -2


def test_moreno_is_for_her_running_mate(auto):
    row = pair(auto.by_speaker, "Alice Moreno", "Tom Reyes")
    assert row["stance"] == "favor" and row["n_sentences"] >= MIN_SENTENCES
    assert row["relative"] > 0 and row["n_role"] >= 1


def test_kline_is_for_his_running_mate(given):
    row = pair(given.by_speaker, "Robert Kline", "Linda Park")
    assert row["stance"] == "favor" and row["n_sentences"] >= MIN_SENTENCES
    assert row["relative"] > 0 and row["n_role"] >= 1 and row["n_pronoun"] >= 1


def test_kline_is_for_his_running_mate_with_automatic_targets(auto):
    assert pair(auto.by_speaker, "Robert Kline", "Linda Park")["stance"] == "favor"


@pytest.mark.xfail(strict=True, reason=(
    "FINDING: all three of Moreno's attacks on Linda Park score 0 ('Linda Park closed her own "
    "factory and sent the jobs overseas.', '... would gut the clinics that these towns depend "
    "on.', 'Linda Park, by contrast, laid off half of her own workers.'): the lexicon has no "
    "valence for gut, laid off, sent the jobs overseas"))
def test_moreno_is_against_linda_park(given):
    assert pair(given.by_speaker, "Alice Moreno", "Linda Park")["stance"] == "against"


@pytest.mark.xfail(strict=True, reason=(
    "KNOWN MISS: of Kline's three sentences on Tom Reyes, 'Tom Reyes is a good doctor, but he "
    "has never balanced a budget.' scores +0.18 (the concession, halved by VADER's but rule; "
    "'never balanced a budget' carries no cue) and 'Senator Moreno and Tom Reyes would raise "
    "your taxes and weaken our police.' only -0.09: three sentences give a wide interval"))
def test_kline_is_against_tom_reyes(given):
    assert pair(given.by_speaker, "Robert Kline", "Tom Reyes")["stance"] == "against"


def test_the_moderator_is_for_and_against_no_one(auto):
    mod = auto.by_speaker[auto.by_speaker["speaker"] == "Dana Cruz"]
    assert len(mod) == 2
    assert set(mod["stance"]) <= {"neutral", INSUFFICIENT}
    assert (auto.mentions.loc[auto.mentions["speaker"] == "Dana Cruz", "score"] == 0).all()


HOSTILE_TO_KLINE = {
    "Robert, you are not telling the truth about my record.",
    "You closed two hospitals in your own state and you cut the pay of every nurse.",
    "The governor is dishonest about his own budget, and he knows it.",
    "My opponent has a reckless plan that would hurt working families.",
    "Governor Kline, you cut the clinic budget by a third.",
    "You failed the nurses and you failed the patients.",
    "My opponent is wrong about the budget, and he is wrong about the clinics.",
    "Robert, you cut taxes for your donors and called it a jobs plan.",
    "Working families paid for your tax cuts.",
    "The governor has broken his promises again and again.",
    "He lied about the mills, and he lied about the clinics.",
}
FRIENDLY_TO_REYES = {
    "My running mate, Tom Reyes, grew up in a mill town, and he knows what those families need.",
    "Tom Reyes and I will reopen the training centers in our first year.",
    "Tom Reyes and I will keep every rural clinic open.",
    "I trust Tom, and I am proud to run with him.",
    "Tom Reyes and I will tell you the truth.",
    "Tom is honest and kind, and I could not ask for a better partner.",
}


def test_the_evidence_is_what_a_reader_would_quote(auto):
    ev = auto.evidence
    against = ev[(ev["speaker"] == "Alice Moreno") & (ev["target"] == "Robert Kline")
                 & (ev["side"] == "against")]
    assert len(against) == 3 and set(against["sentence"]) <= HOSTILE_TO_KLINE
    assert against["rank"].tolist() == [1, 2, 3] and against["score"].is_monotonic_increasing
    favor = ev[(ev["speaker"] == "Alice Moreno") & (ev["target"] == "Tom Reyes")]
    assert favor["side"].iloc[0] == "favor"
    assert set(favor.loc[favor["side"] == "favor", "sentence"]) <= FRIENDLY_TO_REYES
    moreno = ev[(ev["speaker"] == "Alice Moreno") & ev["target"].isin(["Robert Kline", "Tom Reyes"])]
    assert set(moreno["speaker_stance"]) == {"against", "favor"}


def test_evidence_offsets_point_into_the_source(auto, debate):
    source = debate.texts["debate_stance.txt"]
    for r in auto.evidence.itertuples():
        assert source[r.start:r.end] == r.sentence
        assert r.start <= r.mention_start < r.mention_end <= r.end
    for r in auto.by_speaker.itertuples():
        assert source[r.start:r.end] == r.evidence
