"""Tests for doculens.sentiment: reference-exact VADER scores and traceable aggregates."""

from __future__ import annotations

import math
import random

import pandas as pd
import pytest
from vaderSentiment.vaderSentiment import (
    BOOSTER_DICT,
    NEGATE,
    SPECIAL_CASES,
    SentimentIntensityAnalyzer,
)

# aggregates are rounded to STAT_DECIMALS places: half a unit of the last one
STAT_TOLERANCE = 5e-5

from doculens import sentiment as st
from doculens.sentiment import (
    DEFAULT_WINDOW,
    NEGATIVE_THRESHOLD,
    POSITIVE_THRESHOLD,
    add_sentiment,
    arc,
    by_document,
    by_speaker,
    by_turn,
    extremes,
    label_of,
    score,
)

# Expected (neg, neu, pos, compound), copied from
# vaderSentiment 3.3.2 SentimentIntensityAnalyzer().polarity_scores(text) (the reference
# package, run once by hand; most sentences are the package's own demo examples in
# vaderSentiment.py's __main__, the "Santa" one is NYT snippet 1_3 of the benchmark data).
REFERENCE = {
    "No problem at all.": (0.0, 0.571, 0.429, 0.3089),
    "VADER is smart, handsome, and funny.": (0.0, 0.254, 0.746, 0.8316),
    "VADER is VERY SMART, handsome, and FUNNY!!!": (0.0, 0.233, 0.767, 0.9342),
    "VADER is not smart, handsome, nor funny.": (0.646, 0.354, 0.0, -0.7424),
    "At least it isn't a horrible book.": (0.0, 0.678, 0.322, 0.431),
    "The plot was good, but the characters are uncompelling and the dialog is not great.":
        (0.327, 0.579, 0.094, -0.7042),
    "Today only kinda sux! But I'll get by, lol": (0.127, 0.556, 0.317, 0.5249),
    "Catch utf-8 emoji such as 💘 and 💋 and 😁": (0.0, 0.583, 0.417, 0.875),
    "Sentiment analysis has never been this good!": (0.0, 0.621, 0.379, 0.5672),
    "Roger Dodger is one of the least compelling variations on this theme.":
        (0.132, 0.868, 0.0, -0.1695),
    "It's mainly a holiday celebration - toys from the sacks will be distributed to "
    "homeless kids.": (0.0, 0.847, 0.153, 0.4019),
    "Not bad at all": (0.0, 0.513, 0.487, 0.431),
    "I am not happy!!": (0.544, 0.456, 0.0, -0.5547),
    "We met on Tuesday.": (0.0, 1.0, 0.0, 0.0),
    # The reference's "but" rule looks sentiments up by value (list.index): "died" (-2.6)
    # is halved to -1.3, then "lost" (-1.3) matches *that* position and halves it again,
    # leaving "lost" unboosted. Sum -1.95, not the positional -3.25. Kept on purpose.
    "Her father died, but they lost the house.": (0.397, 0.603, 0.0, -0.4497),
}


@pytest.mark.parametrize("text", list(REFERENCE))
def test_exact_reference_scores(text):
    row = score([text]).iloc[0]
    assert (row.neg, row.neu, row.pos, row.compound) == REFERENCE[text]


def test_no_problem_at_all_is_positive_as_in_the_reference():
    # NLTK's port gives -0.60 here; the reference package +0.3089.
    row = score(["No problem at all."]).iloc[0]
    assert row.compound == pytest.approx(0.3089, abs=1e-4)
    assert row.label == "positive"


def test_fast_engine_equals_reference_engine_on_generated_text():
    """Random sentences built from the rule vocabulary (negations, boosters, idioms,
    'but', 'least', 'no', caps, !/?, emoticons, emoji) must match the package exactly."""
    analyzer = SentimentIntensityAnalyzer()
    rng = random.Random(4)
    lexicon_words = rng.sample(sorted(analyzer.lexicon), 150)
    vocab = (lexicon_words + list(BOOSTER_DICT) + list(NEGATE)
             + [w for key in SPECIAL_CASES for w in key.split()]
             + ["no", "but", "BUT", "least", "at", "very", "never", "so", "this", "without",
                "doubt", "kind", "of", "or", "nor", "GOOD", "Not", "!", "??", ":)", ":D",
                "💘", "x😁y", "(good)", "'bad'", "no.", "isn't"])
    texts = []
    for _ in range(1500):
        words = [rng.choice(vocab) + rng.choice(["", "", ",", ".", "!", "?"])
                 for _ in range(rng.randint(0, 12))]
        text = " ".join(words)
        texts.append(text.upper() if rng.random() < 0.15 else text)
    ours = score(texts)
    for i, text in enumerate(texts):
        ref = analyzer.polarity_scores(text)
        got = ours.iloc[i]
        assert (got.neg, got.neu, got.pos, got.compound) == \
            (ref["neg"], ref["neu"], ref["pos"], ref["compound"]), text


def test_reference_engine_gives_same_frame():
    texts = list(REFERENCE)
    pd.testing.assert_frame_equal(score(texts), score(texts, engine="reference"))


# --- labels ----------------------------------------------------------------------------


def test_thresholds_are_vaders():
    assert POSITIVE_THRESHOLD == 0.05
    assert NEGATIVE_THRESHOLD == -0.05


@pytest.mark.parametrize("compound, label", [
    (0.05, "positive"), (0.0501, "positive"), (0.0499, "neutral"), (0.0, "neutral"),
    (-0.0499, "neutral"), (-0.05, "negative"), (-0.9, "negative"), (1.0, "positive"),
])
def test_label_of(compound, label):
    assert label_of(compound) == label


def test_score_labels_follow_thresholds():
    out = score(list(REFERENCE))
    assert out["label"].tolist() == [label_of(c) for c in out["compound"]]
    assert score(["We met on Tuesday."])["label"].iat[0] == "neutral"


# --- shape of score() ------------------------------------------------------------------


def test_score_index_columns_and_missing():
    s = pd.Series(["Good.", None, "Sad."], index=[10, 20, 30])
    out = score(s)
    assert list(out.columns) == ["neg", "neu", "pos", "compound", "label"]
    assert out.index.tolist() == [10, 20, 30]
    assert out.loc[10, "compound"] == 0.4404 and out.loc[30, "compound"] == -0.4767
    assert math.isnan(out.loc[20, "compound"]) and pd.isna(out.loc[20, "label"])
    assert score(["Good.", "Sad."]).index.tolist() == [0, 1]
    assert score([]).empty and list(score([]).columns) == list(out.columns)
    empty = score([""]).iloc[0]
    assert (empty.neg, empty.neu, empty.pos, empty.compound) == (0.0, 0.0, 0.0, 0.0)


def test_unknown_engine_rejected():
    with pytest.raises(ValueError):
        score(["x"], engine="nltk")


# --- a tiny hand-built sentences table ------------------------------------------------
#
# compound (from the reference, see REFERENCE / polarity_scores) and word counts:
#   s1 "Good."                    0.4404  1 word   A  doc 1 turn 1  positive
#   s2 "This is a terrible mess." -0.6808  5 words A  doc 1 turn 1  negative
#   s3 "Okay then."               0.2263  2 words B  doc 1 turn 2  positive
#   s4 "I love it so much."       0.6369  5 words A  doc 1 turn 3  positive
#   s5 "We met on Tuesday."       0.0     4 words A  doc 2 turn 4  neutral
#   s6 "Sad."                    -0.4767  1 word   ""  doc 2 turn 5  negative

SOURCE_1 = "Good. This is a terrible mess.\nOkay then.\nI love it so much."
SOURCE_2 = "We met on Tuesday.\nSad."


def _sentences() -> pd.DataFrame:
    rows = []
    for sid, doc, turn, speaker, source, text in [
        (1, 1, 1, "A", SOURCE_1, "Good."),
        (2, 1, 1, "A", SOURCE_1, "This is a terrible mess."),
        (3, 1, 2, "B", SOURCE_1, "Okay then."),
        (4, 1, 3, "A", SOURCE_1, "I love it so much."),
        (5, 2, 4, "A", SOURCE_2, "We met on Tuesday."),
        (6, 2, 5, "", SOURCE_2, "Sad."),
    ]:
        start = source.index(text)
        rows.append((sid, doc, turn, speaker, start, start + len(text), text, False))
    return pd.DataFrame(rows, columns=["sentence_id", "doc_id", "turn_id", "speaker",
                                       "start", "end", "text", "is_question"])


@pytest.fixture(scope="module")
def scored() -> pd.DataFrame:
    return add_sentiment(_sentences())


def _wmean(xs, ws):
    return sum(x * w for x, w in zip(xs, ws)) / sum(ws)


def _wsd(xs, ws):
    m = _wmean(xs, ws)
    return math.sqrt(sum(w * (x - m) ** 2 for x, w in zip(xs, ws)) / sum(ws))


def test_add_sentiment_adds_columns_on_a_copy(scored):
    original = _sentences()
    out = add_sentiment(original)
    assert list(out.columns) == list(original.columns) + ["neg", "neu", "pos", "compound",
                                                          "sentiment"]
    assert "compound" not in original.columns
    assert out["compound"].tolist() == [0.4404, -0.6808, 0.2263, 0.6369, 0.0, -0.4767]
    assert out["sentiment"].tolist() == ["positive", "negative", "positive", "positive",
                                         "neutral", "negative"]
    pd.testing.assert_frame_equal(out[original.columns], original)


def test_by_speaker_weighted_arithmetic(scored):
    out = by_speaker(scored)
    assert list(out.columns[:11]) == ["speaker", "doc_id", "start", "end", "n_sentences",
                                      "n_words", "mean", "sd", "share_negative",
                                      "share_neutral", "share_positive"]
    a1 = out[(out.speaker == "A") & (out.doc_id == 1)].iloc[0]
    # (1*0.4404 + 5*(-0.6808) + 5*0.6369) / 11 = 0.2209 / 11
    assert a1["mean"] == pytest.approx(0.2209 / 11, abs=STAT_TOLERANCE)
    assert a1["sd"] == pytest.approx(_wsd([0.4404, -0.6808, 0.6369], [1, 5, 5]), abs=STAT_TOLERANCE)
    # by hand: (1*0.4203^2 + 5*0.7009^2 + 5*0.6168^2) / 11 = 0.4123, sqrt = 0.6421
    assert a1["sd"] == pytest.approx(0.6421, abs=1e-4)
    assert (a1.n_sentences, a1.n_words) == (3, 11)
    assert a1.share_negative == pytest.approx(1 / 3, abs=STAT_TOLERANCE)
    assert a1.share_positive == pytest.approx(2 / 3, abs=STAT_TOLERANCE)
    assert a1.share_neutral == 0.0
    # offsets: from "Good." to the end of "I love it so much." in SOURCE_1
    assert (a1.start, a1.end) == (0, len(SOURCE_1))
    b1 = out[(out.speaker == "B")].iloc[0]
    assert (b1["mean"], b1["sd"], b1.n_sentences) == (0.2263, 0.0, 1)
    assert SOURCE_1[int(b1.start):int(b1.end)] == "Okay then."
    unknown = out[out.speaker == ""].iloc[0]
    assert unknown.doc_id == 2 and unknown["mean"] == -0.4767
    assert len(out) == 4  # A/1, B/1, A/2, ""/2


def test_by_speaker_across_documents(scored):
    out = by_speaker(scored, per_document=False).set_index("speaker")
    a = out.loc["A"]
    xs, ws = [0.4404, -0.6808, 0.6369, 0.0], [1, 5, 5, 4]
    assert a["mean"] == pytest.approx(_wmean(xs, ws), abs=STAT_TOLERANCE)
    assert a["mean"] == pytest.approx(0.2209 / 15, abs=STAT_TOLERANCE)
    assert a["sd"] == pytest.approx(_wsd(xs, ws), abs=STAT_TOLERANCE)
    assert (a["n_sentences"], a["n_words"], a["n_documents"]) == (4, 15, 2)
    assert a["share_neutral"] == 0.25
    assert pd.isna(a["doc_id"]) and pd.isna(a["start"]) and pd.isna(a["end"])


def test_sentence_weights_option(scored):
    a1 = by_speaker(scored, weight="sentences").query("speaker == 'A' and doc_id == 1")
    assert a1["mean"].iat[0] == pytest.approx((0.4404 - 0.6808 + 0.6369) / 3, abs=STAT_TOLERANCE)
    assert "n_words" not in a1.columns
    with pytest.raises(ValueError):
        by_speaker(scored, weight="chars")


def test_by_turn(scored):
    out = by_turn(scored)
    assert list(out.columns[:5]) == ["turn_id", "doc_id", "speaker", "start", "end"]
    assert out["turn_id"].tolist() == [1, 2, 3, 4, 5]
    assert out["speaker"].tolist() == ["A", "B", "A", "A", ""]
    t1 = out.iloc[0]
    assert t1["mean"] == pytest.approx((0.4404 - 5 * 0.6808) / 6, abs=STAT_TOLERANCE)
    assert t1["sd"] == pytest.approx(_wsd([0.4404, -0.6808], [1, 5]), abs=STAT_TOLERANCE)
    assert SOURCE_1[int(t1.start):int(t1.end)] == "Good. This is a terrible mess."
    assert (t1.share_negative, t1.share_positive) == (0.5, 0.5)


def test_by_document(scored):
    out = by_document(scored).set_index("doc_id")
    d1, d2 = out.loc[1], out.loc[2]
    assert d1["mean"] == pytest.approx((0.4404 - 5 * 0.6808 + 2 * 0.2263 + 5 * 0.6369) / 13, abs=STAT_TOLERANCE)
    assert (d1["start"], d1["end"], d1["n_sentences"], d1["n_speakers"]) == \
        (0, len(SOURCE_1), 4, 2)
    assert d1["share_positive"] == 0.75
    assert d2["mean"] == pytest.approx(-0.4767 / 5, abs=STAT_TOLERANCE)
    assert SOURCE_2[int(d2["start"]):int(d2["end"])] == SOURCE_2


def test_arc(scored):
    assert DEFAULT_WINDOW >= 1
    out = arc(scored, window=3)
    d1 = out[out.doc_id == 1]
    assert d1["position"].tolist() == [0, 1, 2, 3]
    assert d1["turn_id"].tolist() == [1, 1, 2, 3]
    assert d1["turn_index"].tolist() == [0, 0, 1, 2]
    # centred window of 3, shrinking at the edges
    expected = [(0.4404 - 0.6808) / 2, (0.4404 - 0.6808 + 0.2263) / 3,
                (-0.6808 + 0.2263 + 0.6369) / 3, (0.2263 + 0.6369) / 2]
    assert d1["rolling"].tolist() == pytest.approx(expected)
    d2 = out[out.doc_id == 2]
    assert d2["position"].tolist() == [0, 1] and d2["turn_index"].tolist() == [0, 1]
    with pytest.raises(ValueError):
        arc(scored, window=0)


def test_extremes(scored):
    out = extremes(scored, n=2)
    neg = out[out.side == "negative"]
    pos = out[out.side == "positive"]
    assert neg["sentence_id"].tolist() == [2, 6] and neg["rank"].tolist() == [1, 2]
    assert pos["sentence_id"].tolist() == [4, 1]
    row = neg.iloc[0]
    assert (row.speaker, row.doc_id, row.turn_id) == ("A", 1, 1)
    assert SOURCE_1[row.start:row.end] == row.text == "This is a terrible mess."
    # only labelled sentences qualify: the neutral one never appears
    assert 5 not in extremes(scored, n=10)["sentence_id"].tolist()
    per_doc = extremes(scored, n=1, per_document=True)
    assert per_doc["sentence_id"].tolist() == [2, 4, 6]


def test_options_are_keyword_only(scored):
    with pytest.raises(TypeError):
        by_speaker(scored, False)  # type: ignore[misc]
    with pytest.raises(TypeError):
        arc(scored, 3)  # type: ignore[misc]
    with pytest.raises(TypeError):
        extremes(scored, 3)  # type: ignore[misc]


def test_token_memo_does_not_change_results():
    st._TOKENS.clear()
    cold = score(list(REFERENCE))
    warm = score(list(REFERENCE))
    pd.testing.assert_frame_equal(cold, warm)


def test_by_topic_places_sentences_without_topic_id_and_says_what_it_needs():
    from doculens import sentiment

    s = pd.DataFrame({"sentence_id": [1, 2, 3], "doc_id": [1, 1, 1], "turn_id": [1, 1, 2],
                      "speaker": ["A", "A", "B"], "start": [0, 6, 31], "end": [5, 30, 41],
                      "text": ["Good.", "This is a terrible mess.", "Okay then."]})
    topics = pd.DataFrame({"topic_id": [7, 8], "doc_id": [1, 1], "start": [0, 31], "end": [30, 41],
                           "label": ["first", "second"], "speakers": ["A", "B"]})
    scored = sentiment.add_sentiment(s)
    table = sentiment.by_topic(scored, topics)
    assert table[["topic_id", "label", "n_sentences"]].values.tolist() == [[7, "first", 2], [8, "second", 1]]
    with pytest.raises(ValueError, match="topic_id"):
        sentiment.by_topic(scored)


def test_topic_sentiment_figure_says_why_when_nothing_was_scored():
    from doculens import plots, sentiment

    empty = sentiment.by_topic(pd.DataFrame(columns=["sentence_id", "doc_id", "turn_id", "speaker",
                                                     "start", "end", "text", "compound",
                                                     "sentiment", "topic_id"]))
    fig = plots.topic_sentiment(empty, pd.DataFrame({"doc_id": [1], "title": ["T"]}))
    texts = [t.get_text() for ax in fig.axes for t in ax.texts]
    assert texts == ["No sentence was scored in these transcripts."]
