"""Verdicts: where each speaker stands on each target, with a confidence interval and evidence.

The unit of evidence is the sentence: a sentence naming the target three times ("you",
"your", "Donald") says one thing, so each (speaker, target, sentence) scores the mean of its
mentions' non-zero scores (a mention with no cue says nothing either way), and shows its
most telling mention (the largest absolute score) as evidence. Over a pair's sentences:

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
    score; the first on a tie), with ``score`` the mean of the sentence's mentions,
    ``mention_score`` the shown mention's own and ``n_in_sentence`` mentions."""
    records = _best_records(scored)
    out = pd.DataFrame([r for r, _ in records], columns=list(scored.columns) + ["mention_score"])
    out["n_in_sentence"] = pd.Series([n for _, n in records], dtype="int64")
    out["speaker"] = out["speaker"].fillna("")
    return out.reset_index(drop=True)


def _best_records(scored: pd.DataFrame) -> list[tuple[dict, int]]:
    """(the most telling mention, number of mentions) per (speaker, target, sentence), in
    the order of the mentions; the mention's ``score`` is replaced by the mean score of the
    sentence's mentions of the target that carry a cue (0 when none does; its own is kept
    as ``mention_score``)."""
    best: dict[tuple, list] = {}
    sums: dict[tuple, float] = {}
    judged: dict[tuple, int] = {}
    columns = list(scored.columns)
    for values in scored.itertuples(index=False, name=None):
        row = dict(zip(columns, values))
        speaker = row["speaker"] if isinstance(row["speaker"], str) else ""
        row["speaker"] = speaker
        key = (speaker, row["target"], row["sentence_id"])
        if row["score"]:
            sums[key] = sums.get(key, 0.0) + float(row["score"])
            judged[key] = judged.get(key, 0) + 1
        if key not in best:
            best[key] = [row, 1]
            continue
        entry = best[key]
        entry[1] += 1
        if abs(row["score"]) > abs(entry[0]["score"]) or (
                abs(row["score"]) == abs(entry[0]["score"]) and row["start"] < entry[0]["start"]):
            entry[0] = row
    out = []
    for key, (row, n) in best.items():
        mean = sums[key] / judged[key] if judged.get(key) else 0.0
        row = dict(row, mention_score=row["score"], score=round(mean, DECIMALS))
        out.append((row, n))
    return out


def _interval(values: list[float]) -> tuple[float, float, float]:
    n = len(values)
    mean = sum(values) / n if n else math.nan
    if n < 2:
        return mean, math.nan, math.nan
    sd = math.sqrt(sum((v - mean) ** 2 for v in values) / (n - 1))
    half = t_critical(n - 1) * sd / math.sqrt(n)
    return mean, mean - half, mean + half


def _variance(values: list[float]) -> float:
    n = len(values)
    if n < 2:
        return 0.0
    mean = sum(values) / n
    return sum((v - mean) ** 2 for v in values) / (n - 1)


def _verdict(n: int, low: float, high: float) -> str:
    if n < MIN_SENTENCES or math.isnan(low):
        return INSUFFICIENT
    if low > 0:
        return FAVOR
    if high < 0:
        return AGAINST
    return NEUTRAL


def _ids(rows: list[dict]) -> str:
    return SEPARATOR.join(str(int(r["sentence_id"])) for r in rows)


def _sides(sentences: list[dict], verdict: str, n: int) -> tuple[list, list, list]:
    """(most negative, most positive, most telling for the verdict) sentences, ``n`` each."""
    against = sorted((r for r in sentences if r["score"] < 0), key=lambda r: (r["score"], r["start"]))
    favor = sorted((r for r in sentences if r["score"] > 0), key=lambda r: (-r["score"], r["start"]))
    if verdict == AGAINST:
        best = against
    elif verdict == FAVOR:
        best = favor
    else:
        best = sorted(sentences, key=lambda r: (-abs(r["score"]), r["start"]))
    return against[:n], favor[:n], best[:n]


def _pairs(scored: pd.DataFrame, keys: list[str], n_evidence: int,
           min_mentions: int, records=None) -> list[tuple]:
    per_sentence = [row for row, _ in (records if records is not None else _best_records(scored))]
    scope_keys = ["speaker"] + (["doc_id"] if "doc_id" in keys else [])
    groups: dict[tuple, list[dict]] = {}
    pool: dict[tuple, list[dict]] = {}
    for row in per_sentence:
        groups.setdefault(tuple(row[k] for k in keys), []).append(row)
        pool.setdefault(tuple(row[k] for k in scope_keys), []).append(row)
    mention_stats: dict[tuple, list] = {}
    for values in scored[keys + ["via", "score"] + (["reported"] if "reported" in scored else [])
                         ].itertuples(index=False, name=None):
        values = list(values)
        values[keys.index("speaker")] = values[keys.index("speaker")] if isinstance(
            values[keys.index("speaker")], str) else ""
        key = tuple(values[:len(keys)])
        via, score = values[len(keys)], values[len(keys) + 1]
        reported = values[len(keys) + 2] if len(values) > len(keys) + 2 else ""
        stats = mention_stats.setdefault(key, [0, dict.fromkeys(VIA, 0), {AGAINST: 0, NEUTRAL: 0, FAVOR: 0}, 0])
        stats[0] += 1
        stats[1][via] = stats[1].get(via, 0) + 1
        stats[2][label_of(score)] += 1
        stats[3] += bool(isinstance(reported, str) and reported)
    rows = []
    for key, sentences in groups.items():
        n_mentions, vias, labels, n_reported = mention_stats[key]
        if n_mentions < min_mentions:
            continue
        values = [float(r["score"]) for r in sentences]
        mean, low, high = _interval(values)
        verdict = _verdict(len(values), low, high)
        target = key[keys.index("target")]
        others = [float(r["score"]) for r in pool[tuple(key[keys.index(k)] for k in scope_keys)]
                  if r["target"] != target]
        relative = relative_z = math.nan
        if others:
            relative = mean - sum(others) / len(others)
            var = _variance(values) / len(values) + _variance(others) / len(others)
            relative_z = relative / math.sqrt(var) if var > 0 else math.nan
        against, favor, best = _sides(sentences, verdict, n_evidence)
        top = best[0] if best else sentences[0]
        rows.append(tuple(key) + (
            verdict, n_mentions, len(sentences), *[int(vias.get(v, 0)) for v in VIA],
            round(mean, DECIMALS), round(low, DECIMALS), round(high, DECIMALS),
            round(relative, DECIMALS), round(relative_z, DECIMALS),
            round(labels[AGAINST] / n_mentions, DECIMALS), round(labels[NEUTRAL] / n_mentions, DECIMALS),
            round(labels[FAVOR] / n_mentions, DECIMALS), n_reported,
            _ids(against), _ids(favor), _ids(best),
            int(top["sentence_start"]), int(top["sentence_end"]), top["sentence"]))
    return rows


def _table(rows: list[tuple], columns: list[str], sort: list[str]) -> pd.DataFrame:
    if rows:  # column by column: one astype over the whole frame costs more than the rest
        data = list(zip(*rows))
        out = pd.DataFrame({c: pd.Series(v, dtype="int64" if c in _INT or c == "doc_id" else
                                         "float64" if c in _FLOAT else "object")
                            for c, v in zip(columns, data)})
    else:
        out = pd.DataFrame({c: pd.Series(dtype="int64" if c in _INT or c == "doc_id" else
                                         "float64" if c in _FLOAT else "object") for c in columns})
    if rows:
        out = out.sort_values(sort, ascending=[True] * (len(sort) - 2) + [False, True],
                              kind="stable").reset_index(drop=True)
    return out


def stance_by_speaker(scored: pd.DataFrame, *, min_mentions: int = 1,
                      n_evidence: int = DEFAULT_EVIDENCE, _records=None) -> pd.DataFrame:
    """One row per speaker and target mentioned at least ``min_mentions`` times, over the
    whole run. Columns :data:`SPEAKER_COLUMNS` (see the README): the verdict, mentions by
    ``via``, the mean with its 95% interval, ``relative`` and its z, shares of mention
    stances, and the evidence sentence ids against, for, and for the verdict."""
    _check_count("min_mentions", min_mentions)
    _check_count("n_evidence", n_evidence)
    rows = _pairs(scored, ["speaker", "target"], n_evidence, min_mentions, _records) if len(scored) else []
    return _table(rows, SPEAKER_COLUMNS, ["target", "n_mentions", "speaker"])


def stance_by_document(scored: pd.DataFrame, *, min_mentions: int = 1,
                       n_evidence: int = DEFAULT_EVIDENCE, _records=None) -> pd.DataFrame:
    """As :func:`stance_by_speaker`, one row per document, speaker and target
    (:data:`DOCUMENT_COLUMNS`); ``relative`` compares with the speaker's other targets in
    the same document."""
    _check_count("min_mentions", min_mentions)
    _check_count("n_evidence", n_evidence)
    rows = _pairs(scored, ["doc_id", "speaker", "target"], n_evidence, min_mentions,
                  _records) if len(scored) else []
    return _table(rows, DOCUMENT_COLUMNS, ["doc_id", "target", "n_mentions", "speaker"])


def evidence(scored: pd.DataFrame, verdicts: pd.DataFrame, *,
             n: int = DEFAULT_EVIDENCE, _records=None) -> pd.DataFrame:
    """The sentences behind each verdict of ``verdicts`` (a :func:`stance_by_speaker`
    table): up to ``n`` against (``side`` "against", most negative first) and ``n`` for
    ("favor", most positive first). Columns :data:`EVIDENCE_COLUMNS`; ``rank`` counts
    within a side; the mention is the sentence's most telling one."""
    _check_count("n", n)
    rows = []
    if len(scored) and len(verdicts):
        groups: dict[tuple, list[dict]] = {}
        for row, _ in (_records if _records is not None else _best_records(scored)):
            groups.setdefault((row["speaker"], row["target"]), []).append(row)
        for speaker, target, verdict in verdicts[["speaker", "target", "stance"]].itertuples(
                index=False, name=None):
            sentences = groups.get((speaker if isinstance(speaker, str) else "", target))
            if not sentences:
                continue
            against, favor, _ = _sides(sentences, verdict, n)
            sides = [(AGAINST, against), (FAVOR, favor)]
            if verdict == FAVOR:
                sides.reverse()
            for side, chosen in sides:
                for rank, r in enumerate(chosen, start=1):
                    rows.append((speaker, target, rank, side, r["score"], r["stance"], r["kind"],
                                 r["via"], int(r["doc_id"]), int(r["sentence_id"]),
                                 int(r["sentence_start"]), int(r["sentence_end"]), r["sentence"],
                                 r["cues"], verdict, int(r["start"]), int(r["end"]),
                                 r.get("reported", "")))
    out = pd.DataFrame(rows, columns=EVIDENCE_COLUMNS)
    return out.astype({"rank": "int64", "score": "float64", "doc_id": "int64",
                       "sentence_id": "int64", "start": "int64", "end": "int64",
                       "mention_start": "int64", "mention_end": "int64"})
