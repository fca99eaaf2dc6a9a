"""doculens.stance.statements (and the polarity under it): what kind of statement a mention
stands in, and what it may count for.

Classes (a)-(h) of the module docstring, each with cases that must count and cases that
must not. ``classify(text, start, end)`` returns ``(kind, score, cues, reported)``. The
sentences are short and invented, about invented people.
"""

from __future__ import annotations

import pandas as pd
import pytest

from doculens.stance import (AGAINST_THRESHOLD, FAVOR_THRESHOLD, KINDS, SCORED_COLUMNS,
                             classify, find_mentions, label_of, score_mentions,
                             target_polarity)


def judged(text: str, name: str = "Kline", **kwargs) -> tuple[str, float, list[str], str]:
    """``classify`` of the first ``name`` in ``text``."""
    start = text.index(name)
    kind, score, cues, reported = classify(text, start, start + len(name), **kwargs)
    assert kind in KINDS and -1 <= score <= 1
    return kind, score, cues, reported


# --------------------------------------------------------------------------------------
# (a) evaluation, (b) act, (c) attitude
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["Kline is dishonest.", "Kline is a liar.",
                                  "Kline was reckless with the budget."])
def test_a_negative_evaluation(text):
    kind, score, cues, reported = judged(text)
    assert kind == "evaluation" and score <= AGAINST_THRESHOLD and cues and reported == ""


def test_a_positive_evaluation():
    kind, score, cues, _ = judged("Reyes is honest and kind.", "Reyes")
    assert kind == "evaluation" and score >= FAVOR_THRESHOLD
    assert set(cues) == {"honest", "kind"}


def test_an_evaluation_quotes_its_cue():
    assert judged("Kline is dishonest.")[2] == ["dishonest"]


def test_a_negated_evaluation_turns():
    assert judged("Kline is not honest.")[1] <= AGAINST_THRESHOLD
    assert judged("I don't think Kline is a liar.")[1] > 0  # the negation is raised


@pytest.mark.parametrize("text", ["Kline failed the workers.", "Kline has failed the workers."])
def test_a_negative_act_scores_against(text):
    assert judged(text)[1] <= AGAINST_THRESHOLD


def test_an_act_after_an_auxiliary():
    assert judged("Kline has failed the workers.")[0] == "act"


def test_an_act_right_after_the_target():
    assert judged("Kline failed the workers.")[0] == "act"


@pytest.mark.parametrize("text, sign", [("I trust Reyes.", 1), ("I admire Reyes.", 1),
                                        ("I distrust Reyes.", -1)])
def test_the_speakers_attitude(text, sign):
    kind, score, _, _ = judged(text, "Reyes")
    assert kind == "attitude" and score * sign >= FAVOR_THRESHOLD


def test_no_cue_no_stance():
    assert judged("Kline spoke at noon.")[:3] == ("none", 0.0, [])


@pytest.mark.parametrize("text", ["Kline is happy tonight.", "Kline was fortunate."])
def test_the_targets_own_state_or_luck_is_not_its_quality(text):
    assert judged(text)[1] == 0.0


def test_only_the_targets_clause_counts():
    text = "I love this state, but Kline is dishonest."
    assert judged(text)[1] <= AGAINST_THRESHOLD
    assert judged("Kline is dishonest, but I love this state.")[1] <= AGAINST_THRESHOLD
    score, cues = target_polarity(text, text.index("Kline"), text.index("Kline") + 5)
    assert cues == ["dishonest"] and score < 0


# --------------------------------------------------------------------------------------
# (d) alliance
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize("text, cue", [
    ("Reyes and I will reopen the mills.", "and I"),
    ("Reyes and I will fight for every family.", "and I"),
    ("I and Reyes will reopen the mills.", "and I"),
    ("I am proud to stand with Reyes.", "with"),
    ("I will serve with Reyes.", "with"),
])
def test_an_alliance_is_positive(text, cue):
    kind, score, cues, _ = judged(text, "Reyes")
    assert kind == "alliance" and score >= FAVOR_THRESHOLD and cue in cues


def test_a_partner_role_is_an_alliance():
    text = "My running mate knows this state."
    kind, score, cues, _ = classify(text, 0, 15, via="role", role="running mate")
    assert kind == "alliance" and score >= FAVOR_THRESHOLD and "my running mate" in cues
    # the same words found by name are no alliance by themselves
    assert classify(text, 0, 15)[0] != "alliance"


def test_a_partner_role_resolved_in_a_turn_scores_as_an_alliance():
    s = pd.DataFrame({"sentence_id": [1, 2], "doc_id": [1, 1], "turn_id": [1, 1],
                      "speaker": ["Alice Moreno"] * 2, "start": [0, 40], "end": [39, 72],
                      "text": ["My running mate, Tom Reyes, is here.", "My running mate knows this state."],
                      "is_question": [False, False]})
    scored = score_mentions(find_mentions(s, targets={"Tom Reyes": ["Tom Reyes"]}))
    role = scored[scored["via"] == "role"]
    assert len(role) == 2
    assert set(role["kind"]) == {"alliance"} and (role["score"] >= FAVOR_THRESHOLD).all()


def test_agreement_with_and_i_is_courtesy_not_alliance():
    kind, score, _, _ = judged("Kline and I agree on this.")
    assert kind == "courtesy" and score == 0.0


@pytest.mark.parametrize("text", ["We are on this stage together tonight, Kline and I.",
                                  "Two people are running for this seat: Kline and I!"])
def test_and_i_that_ends_the_clause_names_who_is_present_not_an_alliance(text):
    kind, score, _, _ = judged(text)
    assert kind != "alliance" and score < FAVOR_THRESHOLD


@pytest.mark.parametrize("text", ["Kline is truly out of touch.", "She's sure Kline is wrong.",
                                  "Kline admitted he never read the bill.",
                                  "Kline's plan is a tax increase on every family."])
def test_certainty_change_and_admission_words_add_no_praise(text):
    assert judged(text)[1] <= 0


def test_and_i_both_is_no_alliance():
    assert judged("Kline and I both spoke tonight.")[0] != "alliance"


# --------------------------------------------------------------------------------------
# (e) comparison
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["Our plan is safer than Kline's.",
                                  "Our plan is safer than Kline's plan.",
                                  "Our plan is better than Kline's plan.",
                                  "Our plan is more honest than Kline's plan."])
def test_a_favourable_comparison_counts_against_the_target(text):
    kind, score, cues, _ = judged(text)
    assert kind == "comparison" and score <= AGAINST_THRESHOLD
    assert any(c.startswith("than ") for c in cues)


def test_an_unfavourable_comparison_is_a_foil():
    kind, score, _, _ = judged("Our plan is worse than Kline's plan.")
    assert kind == "comparison" and score == 0.0


def test_words_before_than_belong_to_the_other_side():
    # "honest" describes us, not Kline: no favour for Kline however it is read
    assert judged("We are more honest than Kline.")[1] < 0


# --------------------------------------------------------------------------------------
# (f) courtesy
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize("text, name", [
    ("Thank you, Kline.", "Kline"),
    ("Thank you, Governor Kline, for a good debate.", "Governor Kline"),
    ("It is an honor to be here with Governor Kline.", "Governor Kline"),
    ("I agree with Kline on this.", "Kline"),
    ("Congratulations to Kline on a fine campaign.", "Kline"),
    ("It is a pleasure to welcome Kline.", "Kline"),
])
def test_courtesy_is_not_support(text, name):
    kind, score, _, _ = judged(text, name)
    assert kind == "courtesy" and score == 0.0


def test_an_honor_to_be_here_with_is_not_an_alliance():
    assert judged("It is an honor to be here with Governor Kline.", "Governor Kline")[0] != "alliance"


def test_negative_words_in_a_courtesy_still_count():
    kind, score, cues, _ = judged("Congratulations to Kline on a shameful campaign.")
    assert kind == "courtesy" and score <= AGAINST_THRESHOLD and cues == ["shameful"]


# --------------------------------------------------------------------------------------
# (g) reported speech and positions
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize("text, verb", [
    ("Kline said the plan is great.", "said"),
    ("Kline said the plan is a disaster.", "said"),
    ("Kline has praised the dictator.", "praised"),
    ("Kline has praised the dictator again and again.", "praised"),
    ("Kline claimed the mills were safe.", "claimed"),
])
def test_the_targets_own_words_and_acts_of_support_score_zero(text, verb):
    kind, score, cues, reported = judged(text)
    assert (kind, score, cues, reported) == ("reported", 0.0, [], verb)


def test_supported_by_the_target_scores_zero():
    kind, score, _, reported = judged("The plan was supported by Kline.")
    assert kind == "reported" and score == 0.0 and reported == "supported"


def test_the_target_supported_by_others_is_reported():
    kind, _, _, reported = judged("Kline was strongly supported by the union.")
    assert kind == "reported" and reported == "supported"


def test_the_target_strongly_supported_by_others_scores_zero():
    assert judged("Kline was strongly supported by the union.")[1] == 0.0


def test_a_third_party_judgement_is_reported():
    assert judged("Critics say that Kline is corrupt.")[:2] == ("reported", 0.0)
    assert judged("Kline is corrupt, critics say.")[:2] == ("reported", 0.0)
    assert judged("According to the union, Kline is corrupt.")[:2] == ("reported", 0.0)


def test_a_third_party_judgement_right_before_the_target_is_reported():
    assert judged("Critics say Kline is corrupt.")[:2] == ("reported", 0.0)


def test_the_speakers_own_judgement_is_not_reported():
    kind, score, _, reported = judged("I say Kline is corrupt.")
    assert kind == "evaluation" and score <= AGAINST_THRESHOLD and reported == ""


def test_a_quote_is_reported():
    kind, score, _, reported = judged('The ad said: "Kline is a hero."')
    assert (kind, score, reported) == ("reported", 0.0, "quoted")


def test_the_listener_of_a_report_is_not_reported_on():
    # "told Kline": Kline listens; what follows is not Kline's words
    assert judged("The union told Kline the truth.")[3] == ""


# --------------------------------------------------------------------------------------
# (h) rhetorical questions
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["Do you think Kline is smart to hide this?",
                                  "Do you think Kline is smart?", "Is Kline a good leader?",
                                  "Is Kline honest about the budget?"])
def test_a_questions_positive_words_do_not_count(text):
    kind, score, cues, _ = judged(text)
    assert kind == "question" and score <= 0 and label_of(score) != "favor"
    assert not any(c in {"smart", "good", "honest"} for c in cues)


def test_a_questions_negative_words_count_at_half_weight():
    asked = judged("Is Kline a liar?")
    said = judged("Kline is a liar.")
    assert asked[0] == "question" and asked[1] < 0
    assert abs(asked[1]) < abs(said[1])


def test_a_question_is_not_a_statement_of_favour():
    assert judged("Kline is smart.")[1] >= FAVOR_THRESHOLD
    assert judged("Do you think Kline is smart?")[1] == 0.0


# --------------------------------------------------------------------------------------
# Conditions and score_mentions
# --------------------------------------------------------------------------------------


def test_a_hypothetical_is_not_asserted():
    assert judged("If Kline lies again, I will say so.")[1] == 0.0


def test_score_mentions_columns_and_labels():
    texts = ["Kline is dishonest.", "I trust Reyes.", "Thank you, Kline.", "Kline said it is great."]
    names = ["Kline", "Reyes", "Kline", "Kline"]
    starts = [t.index(n) for t, n in zip(texts, names)]
    m = pd.DataFrame({"sentence": texts, "start": [100 * i + s for i, s in enumerate(starts)],
                      "end": [100 * i + s + len(n) for i, (s, n) in enumerate(zip(starts, names))],
                      "sentence_start": [100 * i for i in range(4)], "via": ["name"] * 4,
                      "alias": names})
    out = score_mentions(m)
    judgement = ["kind", "score", "stance", "cues", "reported"]
    assert list(out.columns) == list(m.columns) + judgement
    assert SCORED_COLUMNS[-5:] == judgement  # stance_mentions: the mention, then its judgement
    assert out["kind"].tolist() == ["evaluation", "attitude", "courtesy", "reported"]
    assert out["stance"].tolist() == ["against", "favor", "neutral", "neutral"]
    assert out["stance"].tolist() == [label_of(s) for s in out["score"]]
    assert out["cues"].tolist() == ["dishonest", "trust", "", ""]
    assert out["reported"].tolist() == ["", "", "", "said"]


def test_thresholds():
    assert (label_of(AGAINST_THRESHOLD), label_of(0.0), label_of(FAVOR_THRESHOLD)) == (
        "against", "neutral", "favor")
    assert label_of(AGAINST_THRESHOLD / 2) == label_of(FAVOR_THRESHOLD / 2) == "neutral"
