"""Tests for doculens.stance: mentions, target-directed scores, verdicts and their evidence."""

from __future__ import annotations

import pandas as pd
import pytest

from doculens import stance
from doculens.stance import (
    AGAINST_THRESHOLD,
    DEFAULT_TARGETS,
    EVIDENCE_COLUMNS,
    FAVOR_THRESHOLD,
    MENTION_COLUMNS,
    SPEAKER_COLUMNS,
    evidence,
    evidence_html,
    find_mentions,
    highlighted,
    label_of,
    score_mentions,
    stance_by_speaker,
    target_polarity,
)

SEP = " "


def table(*turns: tuple[str, str], doc_id: int = 0) -> tuple[pd.DataFrame, str]:
    """A sentences table (one sentence per turn) and the source text it points into."""
    rows, parts, pos = [], [], 0
    for i, (speaker, text) in enumerate(turns):
        rows.append({"sentence_id": i, "doc_id": doc_id, "turn_id": i, "speaker": speaker,
                     "start": pos, "end": pos + len(text), "text": text})
        parts.append(text)
        pos += len(text) + len(SEP)
    return pd.DataFrame(rows), SEP.join(parts)


def scored(*turns: tuple[str, str], targets=DEFAULT_TARGETS) -> pd.DataFrame:
    sentences, _ = table(*turns)
    return score_mentions(find_mentions(sentences, targets=targets))


def one(text: str, target: str) -> pd.Series:
    """The single mention of ``target`` in ``text``, scored."""
    rows = scored(("A", text))
    rows = rows[rows["target"] == target]
    assert len(rows) == 1, rows
    return rows.iloc[0]


# --------------------------------------------------------------------------------------
# Mentions
# --------------------------------------------------------------------------------------


def test_mention_columns_and_offsets_trace_back_to_the_source():
    sentences, source = table(("Host", "Welcome."), ("Dana", "Xi Jinping’s rule and the CCP's."))
    m = find_mentions(sentences)
    assert list(m.columns) == MENTION_COLUMNS
    assert m[["target", "alias"]].values.tolist() == [["Xi Jinping", "Xi Jinping"], ["CCP", "CCP"]]
    for row in m.itertuples():
        assert source[row.start:row.end] == row.alias
        assert source[row.sentence_start:row.sentence_end] == row.sentence
    assert set(m["speaker"]) == {"Dana"} and set(m["sentence_id"]) == {1}


def test_the_party_is_case_sensitive_but_may_start_a_sentence():
    sentences, _ = table(("A", "The party was fun."), ("A", "The Party decides."),
                         ("A", "He joined the Party in 1970."), ("A", "a party member"))
    m = find_mentions(sentences)
    assert m["sentence_id"].tolist() == [1, 2]
    assert m["alias"].tolist() == ["The Party", "the Party"]


def test_short_capitalised_aliases_are_case_sensitive_and_whole_words():
    sentences, _ = table(("A", "xi and XI and Xiaomi and Xin and ccp and Putinism."),
                         ("A", "Xi met Putin."))
    m = find_mentions(sentences)
    assert m[["sentence_id", "alias"]].values.tolist() == [[1, "Xi"], [1, "Putin"]]


def test_possessives_match_with_curly_and_straight_apostrophes():
    sentences, source = table(("A", "Xi’s plan, Xi's plan, the CCP's plan and TikTok’s plan."))
    m = find_mentions(sentences)
    assert m["alias"].tolist() == ["Xi", "Xi", "CCP", "TikTok"]
    assert all(source[r.end] in "'’" for r in m.itertuples())  # the "'s" is left out


def test_longest_alias_wins_on_overlaps():
    sentences, _ = table(("A", "Xi Jinping and the Chinese Communist Party, and President Xi."))
    m = find_mentions(sentences)
    assert m["alias"].tolist() == ["Xi Jinping", "Chinese Communist Party", "President Xi"]
    assert m["target"].tolist() == ["Xi Jinping", "CCP", "Xi Jinping"]
    # overlapping aliases of one target are one mention: the whole name
    sentences, _ = table(("A", "President Xi Jinping spoke."))
    assert find_mentions(sentences)["alias"].tolist() == ["President Xi Jinping"]


def test_multiword_aliases_span_line_breaks_and_custom_targets_are_used():
    sentences, source = table(("A", "The Communist\nParty and tiktok and TIKTOK."))
    m = find_mentions(sentences, targets={"CCP": ["Communist Party"], "App": ["tiktok"]})
    assert m["alias"].tolist() == ["Communist\nParty", "tiktok", "TIKTOK"]  # lower case: any case
    assert m["target"].tolist() == ["CCP", "App", "App"]
    assert all(source[r.start:r.end] == r.alias for r in m.itertuples())


def test_no_mention_gives_an_empty_table_with_the_columns():
    sentences, _ = table(("A", "Nothing here."))
    m = find_mentions(sentences)
    assert m.empty and list(m.columns) == MENTION_COLUMNS
    s = score_mentions(m)
    assert s.empty and list(stance_by_speaker(s).columns) == SPEAKER_COLUMNS
    assert list(evidence(s).columns) == EVIDENCE_COLUMNS


# --------------------------------------------------------------------------------------
# Target-directed polarity
# --------------------------------------------------------------------------------------


def test_ruthless_dictator_is_against_xi():
    row = one("Xi Jinping is a ruthless dictator.", "Xi Jinping")
    assert row.stance == "against" and row.score < -0.5
    assert set(row.cues.split("; ")) == {"ruthless", "dictator"}


def test_admiring_tiktoks_engineers_is_favor_tiktok():
    row = one("I admire TikTok's engineers.", "TikTok")
    assert row.stance == "favor" and row.cues == "admire"


def test_a_plain_statement_is_neutral():
    row = one("The CCP said nothing.", "CCP")
    assert (row.score, row.stance, row.cues) == (0.0, "neutral", "")


def test_negation_flips_and_damps_the_cue():
    threat = one("The CCP is a threat.", "CCP")
    not_threat = one("The CCP is not a threat.", "CCP")
    assert threat.stance == "against"
    assert not_threat.stance != "against" and 0 < not_threat.score < -threat.score
    assert not_threat.cues == "not threat"
    # a negated verb of belief negates the clause it introduces
    raised = one("I don't think the CCP is a threat.", "CCP")
    assert raised.score > 0 and raised.cues == "not threat"


def test_but_limits_the_scope_on_both_sides():
    row = one("I love this country but the CCP is brutal.", "CCP")
    assert row.stance == "against" and row.cues == "brutal"
    row = one("The CCP is brutal, but I love this country.", "CCP")
    assert row.stance == "against" and row.cues == "brutal"
    # ... but not the additive "not only ... but also"
    row = one("Not only the CCP but also its wonderful allies.", "CCP")
    assert "wonderful" in row.cues


def test_nearer_words_weigh_more_and_soft_boundaries_halve():
    near, _ = target_polarity("TikTok is dangerous.", 0, 6)
    far, _ = target_polarity("TikTok is, as we all know, dangerous.", 0, 6)
    assert near < far < 0
    text = "TikTok is an app for everyone and many people find the feed very dangerous"
    assert target_polarity(text, 0, 6, window=4) == (0.0, [])  # beyond the window
    assert target_polarity(text, 0, 6, window=20)[1] == ["dangerous"]


def test_stance_lexicon_and_domain_neutral_words():
    assert one("The regime's propaganda reached the CCP.", "CCP").stance == "against"
    assert one("The CCP crackdown on dissent.", "CCP").cues == "crackdown"
    # "party", "top", "security": institutions, not judgements
    row = one("The CCP top leadership met the security party.", "CCP")
    assert row.stance == "neutral" and row.cues == ""


def test_like_as_a_preposition_and_names_carry_no_valence():
    assert one("It works just like TikTok.", "TikTok").stance == "neutral"
    assert one("I like TikTok.", "TikTok").stance == "favor"
    assert one("Putin met the actress Victoria Justice in Moscow.",
               "Vladimir Putin").cues == ""
    # a pronoun after the mention stands for it
    assert one("Critics hate TikTok, and now I find it dangerous.", "TikTok").cues.endswith(
        "dangerous")


def test_the_targets_own_feelings_are_not_a_stance():
    assert one("Putin felt betrayed.", "Vladimir Putin").stance == "neutral"
    assert one("Putin dreams of great glory.", "Vladimir Putin").stance == "neutral"
    assert one("Putin betrayed us.", "Vladimir Putin").stance == "against"


def test_a_lost_apostrophe_still_negates():
    row = one("TikTok won t stop collecting data.", "TikTok")
    assert "won" not in row.cues.split("; ")


def test_questions_weigh_less_than_assertions():
    asked, _ = target_polarity("Is Putin a brutal tyrant?", 3, 8)
    said, _ = target_polarity("Putin is a brutal tyrant.", 0, 5)
    assert said < asked < 0


def test_anti_and_pro_prefixes_are_cues():
    score, cues = target_polarity("They posted anti-Putin videos.", 17, 22)
    assert score < 0 and cues == ["anti-"]
    score, cues = target_polarity("They posted pro-Putin videos.", 16, 21)
    assert score > 0 and cues == ["pro-"]


def test_scores_stay_in_range_and_window_is_validated():
    text = "TikTok is SO VERY great great great wonderful amazing love love love!!!!"
    score, _ = target_polarity(text, 0, 6)
    assert 0 < score <= 1
    score, _ = target_polarity("Putin is a brutal evil murderous tyrant killer.", 0, 5)
    assert -1 <= score < 0
    with pytest.raises(ValueError):
        target_polarity("TikTok is great.", 0, 6, window=0)


def test_label_thresholds_are_inclusive():
    assert label_of(AGAINST_THRESHOLD) == "against"
    assert label_of(FAVOR_THRESHOLD) == "favor"
    assert label_of((AGAINST_THRESHOLD + FAVOR_THRESHOLD) / 2) == "neutral"


# --------------------------------------------------------------------------------------
# Per speaker and target; evidence
# --------------------------------------------------------------------------------------

TURNS = (
    ("Dana", "The CCP is a brutal regime."),
    ("Dana", "The CCP met on Monday."),
    ("Dana", "I fear the CCP and its propaganda."),
    ("Lee", "I admire the CCP."),
    ("Lee", "The CCP is a dangerous threat."),
    ("Lee", "The CCP held a meeting."),
    ("Lee", "Xi Jinping is wonderful."),
    ("Kim", "Putin spoke."),
)


@pytest.fixture(scope="module")
def turns():
    sentences, source = table(*TURNS)
    return score_mentions(find_mentions(sentences)), source


def test_stance_by_speaker_shape_and_rules(turns):
    s, source = turns
    t = stance_by_speaker(s)
    assert list(t.columns) == SPEAKER_COLUMNS
    assert t[["target", "speaker"]].values.tolist() == [
        ["CCP", "Dana"], ["CCP", "Lee"], ["Vladimir Putin", "Kim"], ["Xi Jinping", "Lee"]]
    v = t.set_index(["speaker", "target"])
    assert v.loc[("Dana", "CCP"), "stance"] == "against"       # 2 of 3 against
    assert v.loc[("Lee", "CCP"), "stance"] == "mixed"          # 1 favor, 1 against, 1 neutral
    assert v.loc[("Kim", "Vladimir Putin"), "stance"] == "neutral"
    assert v.loc[("Lee", "Xi Jinping"), "stance"] == "favor"
    assert v.loc[("Dana", "CCP"), "n_mentions"] == 3
    assert v.loc[("Dana", "CCP"), "share_against"] == pytest.approx(2 / 3, abs=1e-4)
    shares = t[["share_against", "share_neutral", "share_favor"]].sum(axis=1)
    assert shares.round(3).eq(1).all()
    # the strongest justification first, and its offsets give its text
    assert v.loc[("Dana", "CCP"), "evidence"] == "The CCP is a brutal regime."
    ids = v.loc[("Dana", "CCP"), "evidence_sentence_ids"].split("; ")
    assert ids[0] == "0" and len(ids) == 3
    for row in t.itertuples():
        assert source[row.start:row.end] == row.evidence


def test_min_mentions_filters_and_is_validated(turns):
    s, _ = turns
    t = stance_by_speaker(s, min_mentions=2)
    assert set(t["speaker"]) == {"Dana", "Lee"} and set(t["target"]) == {"CCP"}
    with pytest.raises(ValueError):
        stance_by_speaker(s, min_mentions=0)


def test_verdict_rule():
    v = stance._verdict
    assert v(1.0, 0.0) == "against" and v(0.0, 1.0) == "favor"
    assert v(0.25, 0.0) == "against"       # one critical mention in four
    assert v(0.1, 0.0) == "neutral"        # one in ten
    assert v(0.5, 0.25) == "mixed" and v(0.25, 0.25) == "mixed"
    assert v(0.4, 0.2) == "against"


def test_evidence_ranks_the_justifying_sentences(turns):
    s, source = turns
    e = evidence(s, n=2)
    assert list(e.columns) == EVIDENCE_COLUMNS
    dana = e[(e["speaker"] == "Dana") & (e["target"] == "CCP")]
    assert dana["rank"].tolist() == [1, 2]
    assert dana["score"].is_monotonic_increasing  # most negative first for "against"
    assert dana["sentence"].iloc[0] == "The CCP is a brutal regime."
    assert set(dana["speaker_stance"]) == {"against"}
    for row in e.itertuples():
        assert source[row.start:row.end] == row.sentence
        assert source[row.mention_start:row.mention_end] in ("CCP", "Xi Jinping", "Putin")
    assert e.groupby(["speaker", "target"]).size().max() == 2
    with pytest.raises(ValueError):
        evidence(s, n=0)


def test_a_sentence_naming_the_target_twice_is_one_piece_of_evidence():
    s = scored(("A", "The CCP says the CCP is brutal."))
    assert len(s) == 2
    assert len(evidence(s)) == 1
    assert stance_by_speaker(s)["n_sentences"].tolist() == [1]


def test_html_escapes_transcript_text():
    s = scored(("<i>A</i>", "The <b>CCP</b> is brutal."))
    markup = str(evidence_html(evidence(s)))
    assert "&lt;b&gt;<mark>CCP</mark>&lt;/b&gt; is <u>brutal</u>" in markup
    assert "<i>A</i>" not in markup and "&lt;i&gt;A&lt;/i&gt;" in markup
    view = highlighted(s)
    assert view["speaker"].iloc[0] == "&lt;i&gt;A&lt;/i&gt;"


# --------------------------------------------------------------------------------------
# The seed: four documentaries about China
# --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_scored(seed_workbook):
    return score_mentions(find_mentions(seed_workbook.sentences))


def test_every_default_target_is_found_in_the_seed(seed_scored, seed_text):
    counts = seed_scored["target"].value_counts()
    assert set(counts.index) == set(DEFAULT_TARGETS)
    assert (counts >= 20).all()
    aliases = set(seed_scored["alias"])
    assert {"ByteDance", "Putin", "Xi", "CCP", "Chinese Communist Party"} <= aliases
    for row in seed_scored.itertuples():
        assert seed_text[row.start:row.end] == row.alias
        assert seed_text[row.sentence_start:row.sentence_end] == row.sentence
    # "power struggle within the party": lower case, not the CCP
    assert not seed_scored["alias"].str.fullmatch("the party").any()


def test_the_critics_of_the_ccp_are_against_it(seed_scored):
    """The narrator of the TikTok/Taiwan film ("the CCP's brutal response", "the CCP's
    official propaganda") and the commentator Li Jun ("Do not believe the CCP will truly
    repent") are critics of the CCP; against mentions of the CCP outnumber favour ones."""
    t = stance_by_speaker(seed_scored).set_index(["speaker", "target"])
    assert t.loc[("Narrator", "CCP"), "stance"] == "against"
    assert t.loc[("Li Jun", "CCP"), "stance"] == "against"
    assert t.loc[("Li Jun", "Xi Jinping"), "mean"] < 0
    ccp = seed_scored[seed_scored["target"] == "CCP"]["stance"].value_counts()
    assert ccp["against"] > ccp.get("favor", 0)
    assert not (t["stance"] == "favor").loc[(slice(None), "CCP"), ].any()


# --------------------------------------------------------------------------------------
# Fixes from review: abbreviations, other subjects' feelings, place names, rounding,
# min_mentions and n_evidence carried through, underlines equal to the cues column
# --------------------------------------------------------------------------------------


def test_a_title_abbreviation_does_not_end_the_clause():
    text = "Frustrations with Mr. Xi’s leadership are building."
    start = text.index("Xi")
    score, cues = target_polarity(text, start, start + 2)
    assert cues == ["Frustrations"] and score <= AGAINST_THRESHOLD


def test_another_subjects_dream_is_not_a_stance_toward_the_target():
    text = "Putin dreams of great Russian rejuvenation, and Xi dreams of China’s rejuvenation."
    start = text.index("Xi ")
    score, cues = target_polarity(text, start, start + 2)
    assert label_of(score) == "neutral" and "dreams" not in cues
    # ...while the speaker's own fear of the target still counts
    assert label_of(target_polarity("I fear the CCP.", 11, 14)[0]) == "against"


def test_a_place_name_after_an_apostrophe_is_not_the_alias():
    sentences, _ = table(("A", "I visited Xi'an, then Xi’an again, and read Xi’s speech."))
    found = find_mentions(sentences)
    assert found["alias"].tolist() == ["Xi"] and found["start"].tolist() == [44]


def test_a_margin_of_exactly_the_threshold_decides_despite_float_rounding():
    assert 0.3 - 0.1 < stance.SIDE_MARGIN  # the arithmetic the rule must not trip on
    assert stance._verdict(0.3, 0.1) == "against"
    assert stance._verdict(0.1, 0.3) == "favor"


def test_evidence_follows_min_mentions_and_n_evidence(turns):
    s, _ = turns
    pairs = stance_by_speaker(s, min_mentions=2)[["speaker", "target"]].values.tolist()
    e = evidence(s, n=1, min_mentions=2)
    assert e[["speaker", "target"]].drop_duplicates().values.tolist() == pairs
    ids = stance_by_speaker(s, n_evidence=1).set_index(["speaker", "target"])
    assert ids.loc[("Dana", "CCP"), "evidence_sentence_ids"] == "0"
    with pytest.raises(ValueError):
        stance_by_speaker(s, min_mentions=True)
    assert len(stance_by_speaker(s, min_mentions=__import__("numpy").int64(2))) == 2


def test_empty_tables_keep_their_column_types():
    none = scored(("A", "Nothing to see here."))
    assert none.empty
    for table_ in (stance_by_speaker(none), evidence(none)):
        assert table_.empty
    assert stance_by_speaker(none)["n_mentions"].dtype == "int64"
    assert evidence(none)["score"].dtype == "float64"


@pytest.mark.parametrize("window", [stance.DEFAULT_WINDOW, 20])
def test_the_html_underlines_exactly_the_cues_of_the_table(seed_workbook, window):
    import re

    s = score_mentions(find_mentions(seed_workbook.sentences), window=window)
    view = highlighted(s)
    for cues, html in zip(s["cues"], view["sentence"]):
        underlined = re.findall(r"<u>(.*?)</u>", html)
        assert sorted(underlined) == sorted(c.removeprefix("not ") for c in cues.split("; ") if c)


# --------------------------------------------------------------------------------------
# Reported speech: a judgement the speaker quotes or attributes to someone else
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize("text, alias, cue", [
    ("Xi Jinping was reported to have called Putin a good friend.", "Putin", "was reported to"),
    ("Critics say the CCP lies.", "CCP", "say"),
    ("According to Reuters, the CCP jailed him.", "CCP", "According to"),
    ("He wrote: “the CCP is evil”.", "CCP", "quoted"),
    ('He wrote: "the CCP is evil".', "CCP", "quoted"),
    ("I said the CCP lies.", "CCP", ""),            # the speaker's own voice
    ("I’d say the CCP lies.", "CCP", ""),
    ("I am afraid to say the CCP lies.", "CCP", ""),  # no one is quoted
    ("Putin told Xi his plan.", "Putin", ""),         # the target speaking, not reported
    ("The CCP is brutal.", "CCP", ""),
])
def test_reported_cue(text, alias, cue):
    start = text.index(alias)
    assert stance.reported_cue(text, start, start + len(alias)) == cue


def test_reported_mentions_are_counted_and_shown(turns):
    s = scored(("Dana", "Critics say the CCP lies."), ("Dana", "The CCP is brutal."),
               ("Dana", "The CCP <b>met</b>."))
    assert s["reported"].tolist() == ["say", "", ""]
    by = stance_by_speaker(s)
    assert by["n_reported"].tolist() == [1]
    e = evidence(s, n=3)
    assert sorted(e["reported"]) == ["", "", "say"]
    markup = str(evidence_html(e))
    assert "<i>(reported: say)</i>" in markup and "&lt;b&gt;met&lt;/b&gt;" in markup
    assert highlighted(s)["reported"].tolist() == ["say", "", ""]


@pytest.mark.parametrize("text, alias, cue", [
    ("He claims the CCP is good.", "CCP", "claims"),
    ("The Wall Street Journal reported on February 16 that Xi agreed.", "Xi", "reported"),
    ("The CCP lies, critics say.", "CCP", "say"),
    ("I have always said Putin lies.", "Putin", ""),
    ("Let's say Xi wins.", "Xi", ""),
    ("Xi has the final say.", "Xi", ""),
    ("Say what you like about Putin.", "Putin", ""),
    ("Xi Jinping goes to Davos and says, we are open.", "Xi", ""),       # Xi is the speaker
    ("General Secretary Xi Jinping announced a bold plan.", "Xi Jinping", ""),
    ("He even said to Putin: I feel that.", "Putin", ""),                # Putin is the listener
    ("It is kind. Putin is a friend.” Then he left.", "Putin", "quoted"),  # quote opened earlier
    ("He wrote: “Xi is great. The CCP", "CCP", "quoted"),               # quote runs on
    ("Rivals allegedly plotted; Xi won.", "Xi", ""),                     # another clause
])
def test_reported_cue_clause_subjects_and_quotes_over_sentences(text, alias, cue):
    start = text.index(alias)
    assert stance.reported_cue(text, start, start + len(alias)) == cue


def test_upper_case_possessives_still_match():
    sentences, _ = table(("A", "WHAT IS THE CCP'S PLAN?"), ("B", "THE CCP’S PLAN."))
    assert find_mentions(sentences)["alias"].tolist() == ["CCP", "CCP"]


def test_a_feeling_toward_the_target_counts_across_a_comma():
    """The target as the object of a feeling is a stance; only a target opening its own
    clause ("..., and Xi dreams") escapes another subject's feelings."""
    for text in ("They feared, rightly, Putin.", "People fear and hate the CCP."):
        alias = "Putin" if "Putin" in text else "CCP"
        start = text.index(alias)
        assert label_of(target_polarity(text, start, start + len(alias))[0]) == "against", text


def test_tables_read_back_from_csv_are_handled(turns):
    """CSV turns empty strings into NaN and an older table may lack ``reported``."""
    s = scored(("Dana", "Critics say the CCP lies."), ("Dana", "The CCP is brutal."))
    back = s.assign(reported=s["reported"].replace("", float("nan")),
                    cues=s["cues"].replace("", float("nan")))
    assert stance_by_speaker(back)["n_reported"].tolist() == [1]
    old = s.drop(columns="reported")
    assert highlighted(old)["reported"].tolist() == ["", ""]
    assert "nan" not in " ".join(highlighted(back.assign(cues=float("nan")))["sentence"])
