"""Verdicts: where each speaker stands on each target, with a confidence interval and evidence.

The unit of evidence is the sentence: a sentence naming the target three times ("you",
"your", "Donald") says one thing, so each (speaker, target, sentence) scores as its most
telling mention (the largest absolute score). Over a pair's sentences:

* ``mean`` with a 95% interval ``ci_low``..``ci_high`` (Student's t on the sentence scores);
* ``stance``: ``insufficient`` under :data:`MIN_SENTENCES` sentences; else ``favor`` when
  the whole interval is above 0, ``against`` when it is below 0, ``neutral`` when it
  straddles 0;
* ``relative``: the speaker's mean on this target minus their mean on their other
  targets, with ``relative_z``, Welch's z of that difference: how this target stands out
  in the speaker's talk, whatever their tone overall;
* evidence for and against: the sentences that push hardest each way.

>>> m = pd.DataFrame({"speaker": ["A"] * 4, "target": ["T"] * 4, "doc_id": [1] * 4,
...     "sentence_id": [1, 2, 3, 4], "via": ["name", "address", "address", "pronoun"],
...     "score": [-0.5, -0.4, -0.6, -0.2], "sentence_start": [0, 10, 20, 30],
...     "sentence_end": [9, 19, 29, 39], "sentence": ["s1", "s2", "s3", "s4"],
...     "start": [0, 10, 20, 30], "end": [1, 11, 21, 31], "cues": ["bad", "", "", ""],
...     "kind": ["evaluation"] * 4, "reported": [""] * 4})
>>> v = stance_by_speaker(m)
>>> v[["speaker", "target", "stance", "n_sentences", "mean", "ci_low", "ci_high"]].values.tolist()
[['A', 'T', 'against', 4, -0.425, -0.6967, -0.1533]]
"""

from __future__ import annotations

import math
import numbers

import numpy as np
import pandas as pd

from doculens.stance.mentions import VIA
from doculens.stance.polarity import AGAINST, DECIMALS, FAVOR, NEUTRAL, label_of

__all__ = ["INSUFFICIENT", "MIN_SENTENCES", "DEFAULT_EVIDENCE", "SPEAKER_COLUMNS",
           "DOCUMENT_COLUMNS", "EVIDENCE_COLUMNS", "sentence_scores", "stance_by_speaker",
           "stance_by_document", "evidence", "t_critical"]

INSUFFICIENT = "insufficient"
#: fewer sentences than this give the verdict ``insufficient``.
MIN_SENTENCES = 3
#: default number of evidence sentences per side.
DEFAULT_EVIDENCE = 3
SEPARATOR = "; "
_PAIR_COLUMNS = ["stance", "n_mentions", "n_sentences"] + [f"n_{v}" for v in VIA] + [
    "mean", "ci_low", "ci_high", "relative", "relative_z", "share_against", "share_neutral",
    "share_favor", "n_reported", "evidence_against", "evidence_for", "evidence_sentence_ids",
    "start", "end", "evidence"]
SPEAKER_COLUMNS = ["speaker", "target"] + _PAIR_COLUMNS
DOCUMENT_COLUMNS = ["doc_id", "speaker", "target"] + _PAIR_COLUMNS
EVIDENCE_COLUMNS = ["speaker", "target", "rank", "side", "score", "stance", "kind", "via",
                    "doc_id", "sentence_id", "start", "end", "sentence", "cues",
                    "speaker_stance", "mention_start", "mention_end", "reported"]
_INT = ["n_mentions", "n_sentences"] + [f"n_{v}" for v in VIA] + ["n_reported", "start", "end"]
_FLOAT = ["mean", "ci_low", "ci_high", "relative", "relative_z", "share_against",
          "share_neutral", "share_favor"]

# Student's t, two-sided 95%, by degrees of freedom (any statistics table).
_T95 = {1: 12.706, 2: 4.303, 3: 3.182, 4: 2.776, 5: 2.571, 6: 2.447, 7: 2.365, 8: 2.306,
        9: 2.262, 10: 2.228, 11: 2.201, 12: 2.179, 13: 2.160, 14: 2.145, 15: 2.131,
        16: 2.120, 17: 2.110, 18: 2.101, 19: 2.093, 20: 2.086, 21: 2.080, 22: 2.074,
        23: 2.069, 24: 2.064, 25: 2.060, 26: 2.056, 27: 2.052, 28: 2.048, 29: 2.045,
        30: 2.042, 40: 2.021, 60: 2.000, 120: 1.980}


def t_critical(df: int) -> float:
    """Two-sided 95% critical value of Student's t (the next tabulated df down; 1.96 past 120).

    >>> t_critical(10), t_critical(45), t_critical(1000)
    (2.228, 2.021, 1.96)
    """
    if df < 1:
        return math.inf
    if df in _T95:
        return _T95[df]
    below = [d for d in _T95 if d < df]
    return 1.96 if df > 120 else _T95[max(below)]


def _check_count(name: str, value) -> None:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < 1:
        raise ValueError(f"{name} must be a positive integer, not {value!r}")


def sentence_scores(scored: pd.DataFrame) -> pd.DataFrame:
    """One row per (speaker, target, sentence): its most telling mention (largest absolute
    score; the first on a tie), with ``n_in_sentence`` mentions."""
    data = scored.assign(speaker=scored["speaker"].fillna(""), _abs=scored["score"].abs())
    data = data.sort_values(["_abs", "start"], ascending=[False, True], kind="stable")
    counts = data.groupby(["speaker", "target", "sentence_id"]).size().rename("n_in_sentence")
    best = data.drop_duplicates(["speaker", "target", "sentence_id"], keep="first")
    best = best.join(counts, on=["speaker", "target", "sentence_id"]).drop(columns="_abs")
    return best.sort_values(["doc_id", "start"], kind="stable").reset_index(drop=True)


def _interval(values: np.ndarray) -> tuple[float, float, float, float]:
    n = len(values)
    mean = float(values.mean()) if n else math.nan
    if n < 2:
        return mean, math.nan, math.nan, math.nan
    sd = float(values.std(ddof=1))
    half = t_critical(n - 1) * sd / math.sqrt(n)
    return mean, mean - half, mean + half, sd


def _verdict(n: int, low: float, high: float) -> str:
    if n < MIN_SENTENCES or math.isnan(low):
        return INSUFFICIENT
    if low > 0:
        return FAVOR
    if high < 0:
        return AGAINST
    return NEUTRAL


def _ids(rows: pd.DataFrame) -> str:
    return SEPARATOR.join(str(int(i)) for i in rows["sentence_id"])


def _pairs(scored: pd.DataFrame, keys: list[str], n_evidence: int,
           min_mentions: int) -> list[tuple]:
    per_sentence = sentence_scores(scored)
    # each speaker's sentence scores on all targets, for ``relative``
    scope_keys = ["speaker"] + (["doc_id"] if "doc_id" in keys else [])
    pool = {(k if isinstance(k, tuple) else (k,)): g for k, g in per_sentence.groupby(scope_keys)}
    rows = []
    mentions = scored.assign(speaker=scored["speaker"].fillna(""))
    groups = dict(iter(mentions.groupby(keys, sort=False)))
    for key, sent in per_sentence.groupby(keys, sort=False):
        ments = groups[key]
        if len(ments) < min_mentions:
            continue
        values = sent["score"].to_numpy(dtype=float)
        mean, low, high, sd = _interval(values)
        verdict = _verdict(len(values), low, high)
        speaker = key[keys.index("speaker")]
        target = key[keys.index("target")]
        scope = tuple(key[keys.index(k)] for k in scope_keys)
        own = pool[scope]
        others = own[own["target"] != target]["score"].to_numpy(dtype=float)
        relative = relative_z = math.nan
        if len(others):
            relative = mean - float(others.mean())
            var = (values.var(ddof=1) / len(values) if len(values) > 1 else 0.0) + \
                (others.var(ddof=1) / len(others) if len(others) > 1 else 0.0)
            relative_z = relative / math.sqrt(var) if var > 0 else math.nan
        against = sent[sent["score"] < 0].sort_values(["score", "start"], kind="stable")
        favor = sent[sent["score"] > 0].sort_values(["score", "start"], ascending=[False, True],
                                                    kind="stable")
        if verdict == AGAINST:
            best = against
        elif verdict == FAVOR:
            best = favor
        else:
            best = sent.assign(_a=sent["score"].abs()).sort_values(
                ["_a", "start"], ascending=[False, True], kind="stable")
        best = best.head(n_evidence)
        top = best.iloc[0] if len(best) else sent.iloc[0]
        labels = ments["score"].map(label_of).value_counts(normalize=True)
        via = ments["via"].value_counts()
        rows.append(tuple(key) + (
            verdict, len(ments), len(sent), *[int(via.get(v, 0)) for v in VIA],
            round(mean, DECIMALS), round(low, DECIMALS), round(high, DECIMALS),
            round(relative, DECIMALS), round(relative_z, DECIMALS),
            round(float(labels.get(AGAINST, 0.0)), DECIMALS),
            round(float(labels.get(NEUTRAL, 0.0)), DECIMALS),
            round(float(labels.get(FAVOR, 0.0)), DECIMALS),
            int(ments["reported"].fillna("").astype(str).ne("").sum()) if "reported" in ments else 0,
            _ids(against.head(n_evidence)), _ids(favor.head(n_evidence)), _ids(best),
            int(top["sentence_start"]), int(top["sentence_end"]), top["sentence"]))
    return rows


def _table(rows: list[tuple], columns: list[str], sort: list[str]) -> pd.DataFrame:
    out = pd.DataFrame(rows, columns=columns)
    out = out.astype({c: "int64" for c in _INT} | {c: "float64" for c in _FLOAT}
                     | {c: "object" for c in columns if c not in _INT + _FLOAT and c != "doc_id"})
    if "doc_id" in out:
        out["doc_id"] = out["doc_id"].astype("int64")
    if rows:
        out = out.sort_values(sort, ascending=[True] * (len(sort) - 2) + [False, True],
                              kind="stable").reset_index(drop=True)
    return out


def stance_by_speaker(scored: pd.DataFrame, *, min_mentions: int = 1,
                      n_evidence: int = DEFAULT_EVIDENCE) -> pd.DataFrame:
    """One row per speaker and target mentioned at least ``min_mentions`` times, over the
    whole run. Columns :data:`SPEAKER_COLUMNS` (see the README): the verdict, mentions by
    ``via``, the mean with its 95% interval, ``relative`` and its z, shares of mention
    stances, and the evidence sentence ids against, for, and for the verdict."""
    _check_count("min_mentions", min_mentions)
    _check_count("n_evidence", n_evidence)
    rows = _pairs(scored, ["speaker", "target"], n_evidence, min_mentions) if len(scored) else []
    return _table(rows, SPEAKER_COLUMNS, ["target", "n_mentions", "speaker"])


def stance_by_document(scored: pd.DataFrame, *, min_mentions: int = 1,
                       n_evidence: int = DEFAULT_EVIDENCE) -> pd.DataFrame:
    """As :func:`stance_by_speaker`, one row per document, speaker and target
    (:data:`DOCUMENT_COLUMNS`); ``relative`` compares with the speaker's other targets in
    the same document."""
    _check_count("min_mentions", min_mentions)
    _check_count("n_evidence", n_evidence)
    rows = _pairs(scored, ["doc_id", "speaker", "target"], n_evidence, min_mentions) if len(scored) else []
    return _table(rows, DOCUMENT_COLUMNS, ["doc_id", "target", "n_mentions", "speaker"])


def evidence(scored: pd.DataFrame, verdicts: pd.DataFrame, *,
             n: int = DEFAULT_EVIDENCE) -> pd.DataFrame:
    """The sentences behind each verdict of ``verdicts`` (a :func:`stance_by_speaker`
    table): up to ``n`` against (``side`` "against", most negative first) and ``n`` for
    ("favor", most positive first). Columns :data:`EVIDENCE_COLUMNS`; ``rank`` counts
    within a side; the mention is the sentence's most telling one."""
    _check_count("n", n)
    rows = []
    if len(scored) and len(verdicts):
        per_sentence = sentence_scores(scored)
        groups = dict(iter(per_sentence.groupby(["speaker", "target"], sort=False)))
        for speaker, target, verdict in verdicts[["speaker", "target", "stance"]].itertuples(
                index=False, name=None):
            sent = groups.get((speaker, target))
            if sent is None:
                continue
            sides = [(AGAINST, sent[sent["score"] < 0].sort_values(["score", "start"], kind="stable")),
                     (FAVOR, sent[sent["score"] > 0].sort_values(["score", "start"],
                                                                 ascending=[False, True], kind="stable"))]
            if verdict == FAVOR:
                sides.reverse()
            for side, chosen in sides:
                for rank, r in enumerate(chosen.head(n).itertuples(index=False), start=1):
                    rows.append((speaker, target, rank, side, r.score, r.stance, r.kind, r.via,
                                 int(r.doc_id), int(r.sentence_id), int(r.sentence_start),
                                 int(r.sentence_end), r.sentence, r.cues, verdict, int(r.start),
                                 int(r.end), getattr(r, "reported", "")))
    out = pd.DataFrame(rows, columns=EVIDENCE_COLUMNS)
    return out.astype({"rank": "int64", "score": "float64", "doc_id": "int64",
                       "sentence_id": "int64", "start": "int64", "end": "int64",
                       "mention_start": "int64", "mention_end": "int64"})
