"""Sentence-level sentiment with VADER, and aggregates a reader can trace back to the text.

Implementation
--------------
Scores come from a faithful, faster re-implementation of the scoring loop of the
``vaderSentiment`` package (3.3.2, a runtime dependency that ships its own lexicon, so
nothing is downloaded). The lexicon, emoji table and every rule constant (boosters,
negations, special idioms, ``N_SCALAR``, ``C_INCR``...) are taken from that package at
import time, so the two cannot drift apart. The speed-up over the package (measured by
``benchmarks/bench_sentiment.py``: 2.1-3.6x from a cold start on a shared machine, more
once the token memo is warm) comes from:

* one analyzer/lexicon for the process, never one per call;
* per-token memoisation of the punctuation stripping, lower-casing and the
  "is it a negation / booster / lexicon word" tests;
* skipping the per-character emoji rewrite when the text holds no emoji
  (``str.isascii`` / ``set.isdisjoint``), skipping the idiom n-gram string building when
  no word of the window belongs to a multi-word idiom or booster;
* visiting only lexicon words in the rule loop (every other word scores 0);
* computing the lower-cased word list once per sentence instead of once per rule;
* scoring each distinct text only once per call.

Quirks of the reference are kept on purpose (for example its ``but`` rule, which finds
sentiments by value with ``list.index``, and its treatment of tokens of two characters
or fewer after stripping). The benchmark proves identity on all 5,190 NYT editorial
snippets; ``score(..., engine="reference")`` calls the package itself.
NLTK's port of VADER is *not* used: it differs from the reference on 229 of those
snippets ("No problem at all." is -0.60 there, +0.31 in the reference).

Weighting of aggregates
-----------------------
VADER's compound saturates on long input, so a turn or a document is never scored as one
text. Every aggregate (:func:`by_speaker`, :func:`by_turn`, :func:`by_document`) is the
**word-count-weighted mean** of its sentences' compound scores: the weight of a sentence is
its number of whitespace-separated tokens (``len(text.split())``, the tokens VADER scores),
so a long sentence counts more than a one-word "Yeah.". The spread ``sd`` is the
**weighted population standard deviation** ``sqrt(sum(w * (x - mean)**2) / sum(w))``
(ddof = 0; 0.0 for a single sentence). ``share_negative`` / ``share_neutral`` /
``share_positive`` are plain (unweighted) shares of *sentences* carrying each label.
Pass ``weight="sentences"`` to any aggregate for equal weights instead.

Example
-------
>>> from doculens.sentiment import score
>>> score(["No problem at all.", "This is terrible."])[["compound", "label"]]
   compound     label
0    0.3089  positive
1   -0.4767  negative
"""

from __future__ import annotations

import math
import string
from collections.abc import Iterable
from itertools import compress

import numpy as np
import pandas as pd
from vaderSentiment import vaderSentiment as _vs

__all__ = [
    "POSITIVE_THRESHOLD",
    "NEGATIVE_THRESHOLD",
    "DEFAULT_WINDOW",
    "DEFAULT_EXTREMES",
    "SCORE_COLUMNS",
    "label_of",
    "score",
    "add_sentiment",
    "by_speaker",
    "by_turn",
    "by_document",
    "arc",
    "extremes",
    "extremes_in_context",
    "passages_html",
]

# --------------------------------------------------------------------------------------
# Named constants
# --------------------------------------------------------------------------------------

#: compound >= this is "positive" (VADER's own threshold).
POSITIVE_THRESHOLD = 0.05
#: compound <= this is "negative" (VADER's own threshold).
NEGATIVE_THRESHOLD = -0.05
#: default rolling window (in sentences) for :func:`arc`.
DEFAULT_WINDOW = 9
#: default number of sentences on each side for :func:`extremes`.
DEFAULT_EXTREMES = 5
#: default number of neighbouring sentences on each side in :func:`extremes_in_context`.
DEFAULT_CONTEXT = 1
#: the score columns :func:`score` returns, in order.
SCORE_COLUMNS = ["neg", "neu", "pos", "compound", "label"]
#: label names.
POSITIVE, NEUTRAL, NEGATIVE = "positive", "neutral", "negative"

_WEIGHTS = ("words", "sentences")

# Rule constants of the reference, read from the package so they cannot drift.
_N_SCALAR = _vs.N_SCALAR
_C_INCR = _vs.C_INCR
_BOOSTER = dict(_vs.BOOSTER_DICT)
_SPECIAL = dict(_vs.SPECIAL_CASES)
_NEGATE = frozenset(_vs.NEGATE)
_ALPHA = 15  # normalize()'s default alpha in the reference
_EP_MAX, _EP_WEIGHT = 4, 0.292  # _amplify_ep: up to 4 "!", 0.292 each
_QM_MAX, _QM_WEIGHT, _QM_CAP = 3, 0.18, 0.96  # _amplify_qm
_BUT_BEFORE, _BUT_AFTER = 0.5, 1.5  # _but_check
_DAMP_2, _DAMP_3 = 0.95, 0.9  # booster dampening 2 and 3 words away
_NEVER_SO = 1.25  # "never so/this" amplification
_ROUND_PROPORTIONS, _ROUND_COMPOUND = 3, 4  # the reference's rounding
_SO_THIS = ("so", "this")
_AT_VERY = ("at", "very")
_OR_NOR = ("or", "nor")
# Every word that occurs in a multi-word special case or booster: an idiom or n-gram can
# only match when one of these is in the window, so the string building can be skipped.
_NGRAM_WORDS = frozenset(
    w for key in list(_SPECIAL) + list(_BOOSTER) if " " in key for w in key.split(" ")
)
_PUNCT = string.punctuation

_ANALYZER: _vs.SentimentIntensityAnalyzer | None = None
_LEX: dict[str, float] = {}
_EMOJI: dict[str, str] = {}
_EMOJI_CHARS: frozenset[str] = frozenset()
# raw token -> (lower, word.isupper(), lower in lexicon, lower is a negation, scorable)
_TOKENS: dict[str, tuple[str, bool, bool, bool, bool]] = {}
_TOKEN_CACHE_MAX = 500_000


def _analyzer() -> _vs.SentimentIntensityAnalyzer:
    """The process-wide reference analyzer (built once; its lexicon is ours too)."""
    global _ANALYZER, _LEX, _EMOJI, _EMOJI_CHARS
    if _ANALYZER is None:
        _ANALYZER = _vs.SentimentIntensityAnalyzer()
        _LEX = _ANALYZER.lexicon
        _EMOJI = _ANALYZER.emojis
        # The reference tests ``chr in self.emojis`` one code point at a time, so only the
        # one-character keys can ever match.
        _EMOJI_CHARS = frozenset(k for k in _EMOJI if len(k) == 1)
    return _ANALYZER


# --------------------------------------------------------------------------------------
# The scoring loop (faithful to vaderSentiment 3.3.2's polarity_scores)
# --------------------------------------------------------------------------------------


def _token(raw: str) -> tuple[str, bool, bool, bool, bool]:
    """Memoised per-token facts: (lower, isupper, in lexicon, negation, scorable)."""
    stripped = raw.strip(_PUNCT)
    word = raw if len(stripped) <= 2 else stripped  # SentiText._strip_punc_if_word
    lower = word.lower()
    in_lex = lower in _LEX
    info = (lower, word.isupper(), in_lex,
            lower in _NEGATE or "n't" in lower,  # negated([word])
            in_lex and lower not in _BOOSTER)
    if len(_TOKENS) >= _TOKEN_CACHE_MAX:
        _TOKENS.clear()
    _TOKENS[raw] = info
    return info


def _replace_emoji(text: str) -> str:
    out = []
    prev_space = True
    for ch in text:
        if ch in _EMOJI:
            if not prev_space:
                out.append(" ")
            out.append(_EMOJI[ch])
            prev_space = False
        else:
            out.append(ch)
            prev_space = ch == " "
    return "".join(out)


def _idioms(valence: float, lowers: list[str], i: int) -> float:
    """SentimentIntensityAnalyzer._special_idioms_check (called only when i >= 3)."""
    w3, w2, w1, w0 = lowers[i - 3], lowers[i - 2], lowers[i - 1], lowers[i]
    n = len(lowers)
    window = (w3, w2, w1, w0) + tuple(lowers[i + 1:i + 3])
    if _NGRAM_WORDS.isdisjoint(window):
        return valence
    onezero = f"{w1} {w0}"
    twoonezero = f"{w2} {w1} {w0}"
    twoone = f"{w2} {w1}"
    threetwoone = f"{w3} {w2} {w1}"
    threetwo = f"{w3} {w2}"
    for seq in (onezero, twoonezero, twoone, threetwoone, threetwo):
        if seq in _SPECIAL:
            valence = _SPECIAL[seq]
            break
    if n - 1 > i:
        zeroone = f"{w0} {lowers[i + 1]}"
        if zeroone in _SPECIAL:
            valence = _SPECIAL[zeroone]
    if n - 1 > i + 1:
        zeroonetwo = f"{w0} {lowers[i + 1]} {lowers[i + 2]}"
        if zeroonetwo in _SPECIAL:
            valence = _SPECIAL[zeroonetwo]
    for n_gram in (threetwoone, threetwo, twoone):
        if n_gram in _BOOSTER:
            valence = valence + _BOOSTER[n_gram]
    return valence


def _polarity(text: str) -> tuple[float, float, float, float]:
    """(neg, neu, pos, compound) exactly as ``polarity_scores`` returns them."""
    # emoji keys are all non-ASCII: isascii() is the cheap common case
    if not text.isascii() and not _EMOJI_CHARS.isdisjoint(text):
        text = _replace_emoji(text)
    text = text.strip()
    get = _TOKENS.get
    toks = [get(raw) or _token(raw) for raw in text.split()]
    n = len(toks)
    if n == 0:
        return 0.0, 0.0, 0.0, 0.0
    lowers, upper, inlex, isneg, scorable = zip(*toks)
    n_upper = sum(upper)
    is_cap_diff = 0 < n - n_upper < n  # allcap_differential
    lex = _LEX
    booster = _BOOSTER

    # Non-lexicon words, boosters and the "kind" of "kind of" score (int) 0 as in the
    # reference; only the scorable positions are visited.
    sentiments: list[float] = [0] * n
    for i in compress(range(n), scorable):
        lw = lowers[i]
        if i < n - 1 and lw == "kind" and lowers[i + 1] == "of":
            continue
        # --- sentiment_valence ---
        valence = lex[lw]
        if lw == "no" and i != n - 1 and inlex[i + 1]:
            valence = 0.0
        if (i > 0 and lowers[i - 1] == "no") \
                or (i > 1 and lowers[i - 2] == "no") \
                or (i > 2 and lowers[i - 3] == "no" and lowers[i - 1] in _OR_NOR):
            valence = lex[lw] * _N_SCALAR
        if upper[i] and is_cap_diff:
            if valence > 0:
                valence += _C_INCR
            else:
                valence -= _C_INCR
        for start_i in (0, 1, 2):
            j = i - (start_i + 1)
            if j < 0 or inlex[j]:
                continue
            # scalar_inc_dec
            s = 0.0
            bw = lowers[j]
            if bw in booster:
                s = booster[bw]
                if valence < 0:
                    s *= -1
                if upper[j] and is_cap_diff:
                    if valence > 0:
                        s += _C_INCR
                    else:
                        s -= _C_INCR
            if start_i == 1 and s != 0:
                s = s * _DAMP_2
            if start_i == 2 and s != 0:
                s = s * _DAMP_3
            valence = valence + s
            # _negation_check
            if start_i == 0:
                if isneg[i - 1]:
                    valence = valence * _N_SCALAR
            elif start_i == 1:
                if lowers[i - 2] == "never" and lowers[i - 1] in _SO_THIS:
                    valence = valence * _NEVER_SO
                elif lowers[i - 2] == "without" and lowers[i - 1] == "doubt":
                    pass
                elif isneg[i - 2]:
                    valence = valence * _N_SCALAR
            else:
                # the reference's operator precedence: (A and B) or C
                if (lowers[i - 3] == "never" and lowers[i - 2] in _SO_THIS) \
                        or lowers[i - 1] in _SO_THIS:
                    valence = valence * _NEVER_SO
                elif lowers[i - 3] == "without" and \
                        (lowers[i - 2] == "doubt" or lowers[i - 1] == "doubt"):
                    pass
                elif isneg[i - 3]:
                    valence = valence * _N_SCALAR
                valence = _idioms(valence, lowers, i)
        # _least_check
        if i > 1 and not inlex[i - 1] and lowers[i - 1] == "least":
            if lowers[i - 2] not in _AT_VERY:
                valence = valence * _N_SCALAR
        elif i > 0 and not inlex[i - 1] and lowers[i - 1] == "least":
            valence = valence * _N_SCALAR
        sentiments[i] = valence

    # _but_check, quirks included: the reference looks each sentiment up by value.
    if "but" in lowers:
        bi = lowers.index("but")
        for sentiment in sentiments:
            si = sentiments.index(sentiment)
            if si < bi:
                sentiments[si] = sentiment * _BUT_BEFORE
            elif si > bi:
                sentiments[si] = sentiment * _BUT_AFTER

    # score_valence
    sum_s = float(sum(sentiments))
    ep = min(text.count("!"), _EP_MAX) * _EP_WEIGHT
    qm_count = text.count("?")
    qm = 0
    if qm_count > 1:
        qm = qm_count * _QM_WEIGHT if qm_count <= _QM_MAX else _QM_CAP
    amp = ep + qm
    if sum_s > 0:
        sum_s += amp
    elif sum_s < 0:
        sum_s -= amp
    compound = sum_s / math.sqrt((sum_s * sum_s) + _ALPHA)
    if compound < -1.0:
        compound = -1.0
    elif compound > 1.0:
        compound = 1.0
    pos_sum = 0.0
    neg_sum = 0.0
    neu_count = sentiments.count(0)
    for s in filter(None, sentiments):  # the non-zero ones, in order
        if s > 0:
            pos_sum += (float(s) + 1)
        else:
            neg_sum += (float(s) - 1)
    if pos_sum > math.fabs(neg_sum):
        pos_sum += amp
    elif pos_sum < math.fabs(neg_sum):
        neg_sum -= amp
    total = pos_sum + math.fabs(neg_sum) + neu_count
    return (round(math.fabs(neg_sum / total), _ROUND_PROPORTIONS),
            round(math.fabs(neu_count / total), _ROUND_PROPORTIONS),
            round(math.fabs(pos_sum / total), _ROUND_PROPORTIONS),
            round(compound, _ROUND_COMPOUND))


def _reference_polarity(text: str) -> tuple[float, float, float, float]:
    d = _analyzer().polarity_scores(text)
    return d["neg"], d["neu"], d["pos"], d["compound"]


# --------------------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------------------


def label_of(compound: float) -> str:
    """Label a compound score with VADER's thresholds (inclusive at ±0.05).

    >>> label_of(0.05), label_of(0.0499), label_of(-0.05)
    ('positive', 'neutral', 'negative')
    """
    if compound >= POSITIVE_THRESHOLD:
        return POSITIVE
    if compound <= NEGATIVE_THRESHOLD:
        return NEGATIVE
    return NEUTRAL


def score(texts: Iterable[str] | pd.Series, *, engine: str = "fast") -> pd.DataFrame:
    """VADER scores, one row per text: ``neg, neu, pos, compound, label``.

    ``texts`` is a list (or any iterable) of strings or a Series; the result's index is the
    Series' index, else ``0..n-1``. ``label`` is ``positive`` when compound >= 0.05,
    ``negative`` when compound <= -0.05, else ``neutral``. Missing texts (None/NaN) get
    NaN scores and a missing label; other non-strings are scored as ``str(x)``.
    ``engine="fast"`` (default) is this module's re-implementation; ``engine="reference"``
    calls ``vaderSentiment``'s ``polarity_scores`` (same numbers, slower). Each distinct
    text is scored once per call.

    >>> score(pd.Series(["Great!", "No problem at all."], index=[10, 11]))
        neg    neu    pos  compound     label
    10  0.0  0.000  1.000    0.6588  positive
    11  0.0  0.571  0.429    0.3089  positive
    """
    if engine not in ("fast", "reference"):
        raise ValueError(f"engine must be 'fast' or 'reference', not {engine!r}")
    _analyzer()
    fn = _polarity if engine == "fast" else _reference_polarity
    if isinstance(texts, pd.Series):
        index = texts.index
        values = texts.tolist()
    else:
        values = list(texts)
        index = pd.RangeIndex(len(values))
    memo: dict[str, tuple[float, float, float, float]] = {}
    nan4 = (math.nan, math.nan, math.nan, math.nan)
    rows = []
    for value in values:
        if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
            rows.append(nan4)
            continue
        if not isinstance(value, str):
            value = str(value)
        result = memo.get(value)
        if result is None:
            result = memo[value] = fn(value)
        rows.append(result)
    out = pd.DataFrame(rows, columns=SCORE_COLUMNS[:4], index=index, dtype="float64")
    compound = out["compound"]
    label = np.where(compound >= POSITIVE_THRESHOLD, POSITIVE,
                     np.where(compound <= NEGATIVE_THRESHOLD, NEGATIVE, NEUTRAL))
    out["label"] = pd.Series(label, index=index, dtype="str").where(compound.notna())
    return out


def add_sentiment(sentences: pd.DataFrame, *, text_column: str = "text",
                  engine: str = "fast") -> pd.DataFrame:
    """Return a copy of the sentences table with ``neg, neu, pos, compound, sentiment``.

    ``sentiment`` is the label (positive/neutral/negative). Each sentence is scored on its
    own; existing score columns are overwritten.

    >>> s = pd.DataFrame({"sentence_id": [0], "doc_id": [0], "turn_id": [0],
    ...                   "speaker": ["A"], "start": [0], "end": [5], "text": ["Good."]})
    >>> add_sentiment(s)[["compound", "sentiment"]]
       compound sentiment
    0    0.4404  positive
    """
    out = sentences.copy()
    scores = score(out[text_column], engine=engine)
    for col in ("neg", "neu", "pos", "compound"):
        out[col] = scores[col]
    out["sentiment"] = scores["label"]
    return out


# --------------------------------------------------------------------------------------
# Aggregates
# --------------------------------------------------------------------------------------


def _weights(scored: pd.DataFrame, weight: str) -> pd.Series:
    if weight not in _WEIGHTS:
        raise ValueError(f"weight must be one of {_WEIGHTS}, not {weight!r}")
    if weight == "sentences":
        return pd.Series(1.0, index=scored.index)
    return scored["text"].fillna("").astype(str).str.split().str.len().astype("float64")


def _aggregate(scored: pd.DataFrame, keys: list[str], *, weight: str,
               extra: dict | None = None) -> pd.DataFrame:
    """Weighted mean/sd of compound, shares of labels, offsets, per group of ``keys``."""
    df = pd.DataFrame({
        "x": scored["compound"].astype("float64"),
        "w": _weights(scored, weight),
        "neg": (scored["sentiment"] == NEGATIVE).astype("float64"),
        "neu": (scored["sentiment"] == NEUTRAL).astype("float64"),
        "pos": (scored["sentiment"] == POSITIVE).astype("float64"),
        "start": scored["start"],
        "end": scored["end"],
    }, index=scored.index)
    for key in keys + [column for column, _ in (extra or {}).values()]:
        df[key] = scored[key]
    df = df[df["x"].notna()]
    df["wx"] = df["w"] * df["x"]
    g = df.groupby(keys, sort=True, dropna=False)
    # each sentence's group mean, to form the weighted squared deviations
    row_w = g["w"].transform("sum")
    row_mean = g["wx"].transform("sum") / row_w.where(row_w > 0)
    df["dev2"] = df["w"] * (df["x"] - row_mean) ** 2
    g = df.groupby(keys, sort=True, dropna=False)
    agg = g.agg(n_sentences=("x", "size"), n_words=("w", "sum"), wx=("wx", "sum"),
                dev2=("dev2", "sum"),
                share_negative=("neg", "mean"), share_neutral=("neu", "mean"),
                share_positive=("pos", "mean"), start=("start", "min"), end=("end", "max"),
                **(extra or {}))
    total_w = agg["n_words"].where(agg["n_words"] > 0)
    agg["mean"] = agg["wx"] / total_w
    # weighted population variance: sum(w * (x - mean)^2) / sum(w)
    agg["sd"] = np.sqrt(agg["dev2"] / total_w)
    agg = agg.drop(columns=["dev2", "wx"]).reset_index()
    rounded = ["mean", "sd", "share_negative", "share_neutral", "share_positive"]
    agg[rounded] = agg[rounded].round(STAT_DECIMALS)
    agg["n_sentences"] = agg["n_sentences"].astype("int64")
    if weight == "words":
        agg["n_words"] = agg["n_words"].astype("int64")
    else:
        agg = agg.drop(columns="n_words")
    return agg


# Decimals kept in aggregate statistics: VADER's compound itself has four.
STAT_DECIMALS = 4
_STAT_COLUMNS = ["n_sentences", "n_words", "mean", "sd",
                 "share_negative", "share_neutral", "share_positive"]


def _order(agg: pd.DataFrame, first: list[str]) -> pd.DataFrame:
    stats = [c for c in _STAT_COLUMNS if c in agg.columns]
    rest = [c for c in agg.columns if c not in first and c not in stats]
    return agg[first + stats + rest]


def by_speaker(scored: pd.DataFrame, *, per_document: bool = True,
               weight: str = "words") -> pd.DataFrame:
    """Sentiment per speaker (per document by default).

    Columns: ``speaker, doc_id, start, end, n_sentences, n_words, mean, sd,
    share_negative, share_neutral, share_positive`` (+ ``n_documents`` when
    ``per_document=False``). ``mean`` is the word-count-weighted mean compound, ``sd`` the
    weighted population standard deviation (see the module docstring). ``start``/``end``
    are the smallest start and largest end offset of the speaker's sentences in that
    document. The unknown speaker ``""`` is a group of its own.

    With ``per_document=False`` the speaker's sentences across all documents form one row;
    ``doc_id``, ``start`` and ``end`` are then missing (offsets only make sense within one
    source text: trace such a row through the per-document rows).

    >>> s = pd.DataFrame({"sentence_id": [1, 2, 3], "doc_id": [1, 1, 1],
    ...     "turn_id": [1, 1, 2], "speaker": ["A", "A", "B"], "start": [0, 6, 31],
    ...     "end": [5, 30, 41], "text": ["Good.", "This is a terrible mess.", "Okay then."]})
    >>> by_speaker(add_sentiment(s))[["speaker", "start", "end", "n_words", "mean", "sd"]]
      speaker  start  end  n_words    mean      sd
    0       A      0   30        6 -0.4939  0.4178
    1       B     31   41        2  0.2263  0.0000
    >>> by_speaker(add_sentiment(s), per_document=False)  # doctest: +SKIP
    """
    if per_document:
        agg = _aggregate(scored, ["speaker", "doc_id"], weight=weight)
        return _order(agg.sort_values(["doc_id", "speaker"], ignore_index=True),
                      ["speaker", "doc_id", "start", "end"])
    agg = _aggregate(scored, ["speaker"], weight=weight,
                     extra={"n_documents": ("doc_id", "nunique")})
    agg["n_documents"] = agg["n_documents"].astype("int64")
    agg["doc_id"] = pd.array([pd.NA] * len(agg), dtype="Int64")
    agg["start"] = pd.array([pd.NA] * len(agg), dtype="Int64")
    agg["end"] = pd.array([pd.NA] * len(agg), dtype="Int64")
    return _order(agg.sort_values("speaker", ignore_index=True),
                  ["speaker", "doc_id", "start", "end"])


def by_turn(scored: pd.DataFrame, *, weight: str = "words") -> pd.DataFrame:
    """Sentiment per speaking turn, one row per ``(doc_id, turn_id)``.

    Columns: ``turn_id, doc_id, speaker, start, end, n_sentences, n_words, mean, sd,
    share_negative, share_neutral, share_positive``; weighting as in :func:`by_speaker`.
    ``speaker`` is the turn's speaker (the first one if a turn were ever mixed).

    >>> by_turn(add_sentiment(sentences)).head()  # doctest: +SKIP
    """
    agg = _aggregate(scored, ["doc_id", "turn_id"], weight=weight,
                     extra={"speaker": ("speaker", "first")})
    return _order(agg.sort_values(["doc_id", "turn_id"], ignore_index=True),
                  ["turn_id", "doc_id", "speaker", "start", "end"])


def by_document(scored: pd.DataFrame, *, weight: str = "words") -> pd.DataFrame:
    """Sentiment per document.

    Columns: ``doc_id, start, end, n_sentences, n_words, mean, sd, share_negative,
    share_neutral, share_positive, n_speakers``; weighting as in :func:`by_speaker`.

    >>> by_document(add_sentiment(sentences))  # doctest: +SKIP
    """
    agg = _aggregate(scored, ["doc_id"], weight=weight,
                     extra={"n_speakers": ("speaker", "nunique")})
    agg["n_speakers"] = agg["n_speakers"].astype("int64")
    return _order(agg.sort_values("doc_id", ignore_index=True), ["doc_id", "start", "end"])


def by_topic(scored: pd.DataFrame, topics: pd.DataFrame | None = None, *,
             weight: str = "words") -> pd.DataFrame:
    """Sentiment per topical segment (the sentences' ``topic_id``, see :mod:`doculens.topics`).

    Columns: ``topic_id, doc_id, label, start, end, n_sentences, n_words, mean, sd,
    share_negative, share_neutral, share_positive, speakers``; weighting as in
    :func:`by_speaker`. ``label`` and ``speakers`` come from ``topics`` when given (else
    empty and the group's speakers by sentences). Sentences without a ``topic_id`` column
    are placed in ``topics`` by their offsets.

    >>> s = pd.DataFrame({"sentence_id": [1, 2, 3], "doc_id": [1, 1, 1], "turn_id": [1, 1, 2],
    ...     "speaker": ["A", "A", "B"], "start": [0, 6, 31], "end": [5, 30, 41],
    ...     "text": ["Good.", "This is a terrible mess.", "Okay then."], "topic_id": [1, 1, 2]})
    >>> by_topic(add_sentiment(s))[["topic_id", "start", "end", "n_sentences", "mean"]]
       topic_id  start  end  n_sentences    mean
    0         1      0   30            2 -0.4939
    1         2     31   41            1  0.2263
    """
    if "topic_id" not in scored.columns:
        if topics is None:
            raise ValueError("by_topic needs the sentences' topic_id column (workbook.load adds "
                             "it) or the topics table to place the sentences in")
        from .topics import topic_of

        scored = scored.assign(topic_id=topic_of(scored, topics))
    agg = _aggregate(scored, ["doc_id", "topic_id"], weight=weight,
                     extra={"speakers": ("speaker", lambda s: "; ".join(
                         s[s.astype(bool)].value_counts().index))})
    if topics is not None and not topics.empty:
        info = topics.set_index("topic_id")
        agg["label"] = agg["topic_id"].map(info["label"]).fillna("")
        agg["speakers"] = agg["topic_id"].map(info["speakers"]).fillna(agg["speakers"])
    else:
        agg["label"] = ""
    agg = agg.sort_values(["doc_id", "topic_id"], ignore_index=True)
    return _order(agg, ["topic_id", "doc_id", "label", "start", "end"])


def arc(scored: pd.DataFrame, *, window: int = DEFAULT_WINDOW,
        center: bool = True) -> pd.DataFrame:
    """The emotional course of each document: a rolling mean of compound by position.

    One row per sentence, ordered by ``doc_id`` then ``start``. Columns: ``doc_id,
    position`` (0-based sentence position within the document), ``sentence_id, turn_id,
    speaker, start, end, compound, rolling`` (the unweighted mean compound of the
    ``window`` sentences around the position - centred unless ``center=False`` - using
    the available ones near the edges), and ``turn_index`` (0, 1, 2... each time the
    turn changes, handy for drawing turns as coloured bands).

    >>> a = arc(add_sentiment(sentences), window=5)  # doctest: +SKIP
    >>> for (doc, turn), band in a.groupby(["doc_id", "turn_index"]):  # doctest: +SKIP
    ...     ax.axvspan(band.position.min() - .5, band.position.max() + .5)
    """
    if not isinstance(window, (int, np.integer)) or window < 1:
        raise ValueError(f"window must be a positive integer, not {window!r}")
    cols = ["doc_id", "sentence_id", "turn_id", "speaker", "start", "end", "compound"]
    out = scored[cols].sort_values(["doc_id", "start", "sentence_id"], kind="stable")
    out = out.reset_index(drop=True)
    g = out.groupby("doc_id", sort=False)
    out.insert(1, "position", g.cumcount().astype("int64"))
    out["rolling"] = g["compound"].transform(
        lambda s: s.rolling(window, center=center, min_periods=1).mean())
    changed = (out["turn_id"] != g["turn_id"].shift()).astype("int64")
    out["turn_index"] = changed.groupby(out["doc_id"]).cumsum() - 1
    return out


def extremes(scored: pd.DataFrame, *, n: int = DEFAULT_EXTREMES,
             per_document: bool = False) -> pd.DataFrame:
    """The ``n`` most negative and ``n`` most positive sentences, with where to find them.

    Only sentences labelled negative (resp. positive) qualify, so a side may have fewer
    than ``n`` rows. Columns: ``side`` (negative/positive), ``rank`` (1 = most extreme),
    ``compound, text, speaker, doc_id, turn_id, sentence_id, start, end``. With
    ``per_document=True`` the ranking is done within each document.

    >>> extremes(add_sentiment(sentences), n=3)  # doctest: +SKIP
    """
    if n < 1:
        raise ValueError(f"n must be >= 1, not {n!r}")
    cols = ["compound", "text", "speaker", "doc_id", "turn_id", "sentence_id", "start", "end"]
    base = scored.sort_values(["doc_id", "start", "sentence_id"], kind="stable")
    groups = [base] if not per_document else [g for _, g in base.groupby("doc_id")]
    parts = []
    for g in groups:
        neg = g[g["sentiment"] == NEGATIVE].sort_values("compound", kind="stable").head(n)
        pos = g[g["sentiment"] == POSITIVE].sort_values(
            "compound", ascending=False, kind="stable").head(n)
        for side, part in ((NEGATIVE, neg), (POSITIVE, pos)):
            part = part[cols].copy()
            part.insert(0, "side", side)
            part.insert(1, "rank", np.arange(1, len(part) + 1, dtype="int64"))
            parts.append(part)
    out = pd.concat(parts, ignore_index=True)
    out["side"] = out["side"].astype("str")
    return out


# --------------------------------------------------------------------------------------
# Extremes with their context (for the notebook and its HTML report)
# --------------------------------------------------------------------------------------

#: how an empty speaker is written in context passages (as in ``plots.readable_speakers``).
UNATTRIBUTED = "(unattributed)"
#: prefix of the HTML ``id`` of each passage of :func:`passages_html`.
ANCHOR_PREFIX = "sentiment-sentence-"

EXTREME_CONTEXT_COLUMNS = ["side", "rank", "compound", "speaker", "doc_id", "title",
                           "before", "text", "after", "start", "end", "source",
                           "sentence_id", "turn_id", "new_speaker", "anchor"]


def _with_speakers(rows: pd.DataFrame, speaker_before) -> str:
    """Join sentence texts, naming the speaker (``Name: ``) wherever the speaker changes."""
    parts = []
    previous = speaker_before
    for text, speaker in zip(rows["text"], rows["speaker"]):
        if speaker != previous:
            parts.append(f"{speaker or UNATTRIBUTED}: {text}")
        else:
            parts.append(str(text))
        previous = speaker
    return " ".join(parts)


def extremes_in_context(scored: pd.DataFrame, documents: pd.DataFrame | None = None, *,
                        n: int = DEFAULT_EXTREMES,
                        context: int = DEFAULT_CONTEXT) -> pd.DataFrame:
    """The :func:`extremes`, each with the sentences around it and where to find it.

    Columns (one row per extreme sentence, the most negative first, then the most
    positive): ``side, rank, compound, speaker, doc_id, title`` (the document's title when
    ``documents`` is given, else empty), ``before`` / ``after`` (up to ``context``
    neighbouring sentences of the same document; where the speaker changes, a neighbour is
    prefixed with its speaker, as ``Name: ``), ``text`` (the sentence), ``start, end`` (character
    offsets into ``source``, the decoded source text saved with the run), ``sentence_id,
    turn_id``, ``new_speaker`` (True when the previous sentence of the document, if any, is
    someone else's) and ``anchor`` (the HTML id of the sentence's passage in
    :func:`passages_html`, so ``#anchor`` links to it). The text is plain: escape it
    before putting it in HTML (``reports.show_table`` and :func:`passages_html` do).

    >>> s = pd.DataFrame({"sentence_id": [1, 2, 3], "doc_id": [1, 1, 1],
    ...     "turn_id": [1, 1, 2], "speaker": ["A", "A", "B"], "start": [0, 6, 31],
    ...     "end": [5, 30, 41], "text": ["Good.", "This is a terrible mess.", "Okay then."]})
    >>> out = extremes_in_context(add_sentiment(s), n=1)
    >>> out[["side", "text", "before", "after"]].values.tolist()
    [['negative', 'This is a terrible mess.', 'Good.', 'B: Okay then.'], \
['positive', 'Good.', '', 'This is a terrible mess.']]
    """
    if not isinstance(context, (int, np.integer)) or context < 0:
        raise ValueError(f"context must be a non-negative integer, not {context!r}")
    top = extremes(scored, n=n)
    cols = ["doc_id", "sentence_id", "turn_id", "speaker", "start", "text"]
    ordered = scored[cols].sort_values(["doc_id", "start", "sentence_id"], kind="stable")
    ordered = ordered.reset_index(drop=True)
    # position of every sentence in the ordered table, and the range of its document
    row_of = pd.Series(ordered.index, index=ordered["sentence_id"])
    doc_first = ordered.groupby("doc_id").cumcount()
    doc_len = ordered.groupby("doc_id")["sentence_id"].transform("size")
    before, after, new = [], [], []
    for sentence_id, speaker in zip(top["sentence_id"], top["speaker"]):
        i = int(row_of[sentence_id])
        lo = i - min(context, int(doc_first[i]))
        hi = i + min(context, int(doc_len[i] - doc_first[i] - 1))
        # a neighbour is named when its speaker differs from the one read just before it
        # (for the first one before: from the extreme's own speaker)
        before.append(_with_speakers(ordered.iloc[lo:i], speaker))
        new.append(bool(doc_first[i] == 0 or ordered["speaker"].iloc[i - 1] != speaker))
        after.append(_with_speakers(ordered.iloc[i + 1:hi + 1], speaker))
    out = top.assign(before=before, after=after, new_speaker=new)
    titles: dict = {}
    sources: dict = {}
    if documents is not None and len(documents):
        titles = dict(zip(documents["doc_id"], documents["title"].fillna("")))
        if "source" in documents:
            sources = dict(zip(documents["doc_id"], documents["source"].fillna("")))
    out["title"] = [str(titles.get(d, "")) for d in out["doc_id"]]
    out["source"] = [str(sources.get(d, "")) for d in out["doc_id"]]
    out["anchor"] = ANCHOR_PREFIX + out["sentence_id"].astype("str")
    return out[EXTREME_CONTEXT_COLUMNS].reset_index(drop=True)


def passages_html(table: pd.DataFrame):
    """The extremes as readable, escaped HTML passages, each with an anchor to link to.

    ``table`` is the output of :func:`extremes_in_context`. Each passage shows the
    score, speaker, document and offsets, then the context with the sentence itself marked
    (``<mark>``); its ``id`` is the table's ``anchor`` column, and the ``#`` before it is a
    permanent link. All transcript text goes through ``reports.highlight`` / ``escape``.
    Returns an object a notebook cell displays as HTML.

    >>> t = pd.DataFrame({"side": ["negative"], "rank": [1], "compound": [-0.5],
    ...     "speaker": ["<A>"], "doc_id": [1], "title": ["T"], "before": [""],
    ...     "text": ["Bad <b>."], "after": [""], "start": [0], "end": [8],
    ...     "source": ["x.txt"], "sentence_id": [7], "turn_id": [1], "new_speaker": [True],
    ...     "anchor": ["sentiment-sentence-7"]})
    >>> html_out = str(passages_html(t))
    >>> "<mark>Bad &lt;b&gt;.</mark>" in html_out, "&lt;A&gt;" in html_out
    (True, True)
    """
    from .reports import _HTML, escape, highlight

    blocks = []
    for side, heading in ((NEGATIVE, "Most negative sentences"),
                          (POSITIVE, "Most positive sentences")):
        part = table[table["side"] == side]
        items = []
        for row in part.itertuples(index=False):
            before = str(row.before or "")
            text = str(row.text)
            after = str(row.after or "")
            if before and row.new_speaker:  # say whose the marked sentence is
                before += f" {row.speaker or UNATTRIBUTED}:"
            passage = " ".join(p for p in (before, text, after) if p)
            at = len(before) + 1 if before else 0
            where = f"Document {row.doc_id}"
            if row.title:
                where += f": {row.title}"
            offsets = f"characters {row.start}–{row.end}"
            if row.source:
                offsets += f" of {row.source}"
            anchor = escape(row.anchor)
            items.append(
                f'<li id="{anchor}" style="margin-bottom:.6em">'
                f'<a href="#{anchor}" title="link to this passage">#</a> '
                f"<b>{row.compound:+.3f}</b> · {escape(row.speaker or UNATTRIBUTED)}"
                f" · {escape(where)} · <small>{escape(offsets)}, sentence "
                f"{escape(row.sentence_id)}</small>"
                f'<blockquote style="margin:.2em 0 0 1.2em">'
                f"{highlight(passage, [(at, at + len(text))])}</blockquote></li>")
        body = "".join(items) or "<li>none</li>"
        blocks.append(f"<h4>{heading}</h4><ol>{body}</ol>")
    return _HTML('<div class="doculens-extremes">' + "".join(blocks) + "</div>")
