"""The claims table of a run: attribution, check-worthiness and consistency groups."""

from __future__ import annotations

import re
from collections import defaultdict

import pandas as pd

from doculens.claims.schema import (TABLE_COLUMNS)  # noqa: F401
from doculens.claims.patterns import (_ATTRIBUTION_RE)  # noqa: F401
from doculens.claims.combine import (_extract_rows, _frame)  # noqa: F401

# --- Claims table -----------------------------------------------------------------------

# Checkworthiness: a base score per kind (statistics and amounts above bare dates), plus
# bonuses for what makes a number checkable. Source: ClaimBuster's finding that numeric
# statistics are the most check-worthy sentences (Hassan et al., KDD 2017), scaled 0..1.
KIND_WEIGHT = {"percent": 0.8, "money": 0.8, "multiplier": 0.7, "fraction": 0.65,
               "count": 0.6, "quantity": 0.6, "ordinal": 0.45, "age": 0.35, "duration": 0.35,
               "year": 0.2, "date": 0.2, "time": 0.1}
BONUS_CHANGE = 0.1        # "rose 5%"
BONUS_ATTRIBUTION = 0.1   # a cited source makes a claim verifiable
BONUS_SUBJECT = 0.05      # we know what was counted
BONUS_QUALIFIED = 0.05    # "more than", "nearly": a bound that can be checked
PENALTY_QUESTION = 0.5    # numbers in questions are rarely assertions (multiplied)
MAX_SCORE = 1.0


def _attribution(sentence: str) -> str:
    found = []
    for m in _ATTRIBUTION_RE.finditer(sentence):
        phrase = m.group(0).strip()
        if phrase and phrase not in found:
            found.append(phrase)
    return "; ".join(found)


def claims_table(sentences, *, default_currency: str = "USD") -> pd.DataFrame:
    """One row per numeric mention of a sentences table, with offsets into the source.

    ``sentences`` has sentence_id, doc_id, turn_id, speaker, start, end, text, is_question;
    or it is a Workbook, whose table is then computed once per run and shared by the
    notebooks that ask for it (see :mod:`doculens.memo`).
    Adds: is_claim (False for names, titles), checkworthiness (0..1, see :data:`KIND_WEIGHT`),
    attribution (the cited source, "" when none), consistency_group (Int64, NA when none).

    >>> s = pd.DataFrame({"sentence_id": [0], "doc_id": [0], "turn_id": [0],
    ...     "speaker": ["Krach"], "start": [10], "end": [40], "text": ["China controls 90% of it."],
    ...     "is_question": [False]})
    >>> claims_table(s)[["start", "end", "value", "unit"]].values.tolist()
    [[25, 28, 90.0, '%']]
    """
    if hasattr(sentences, "sentences"):
        from doculens.memo import remember

        wb = sentences
        return remember(wb, "claims", lambda: claims_table(wb.sentences, default_currency=default_currency),
                        default_currency=default_currency)
    has_turn = "turn_id" in sentences.columns
    has_q = "is_question" in sentences.columns
    rows, context = [], []
    for rec in sentences.itertuples(index=False):
        found = _extract_rows(rec.text, default_currency)
        if not found:
            continue
        attribution = _attribution(rec.text)
        for row in found:
            row["start"] += int(rec.start)
            row["end"] += int(rec.start)
        rows.extend(found)
        context.extend([(rec.doc_id, rec.sentence_id, rec.turn_id if has_turn else pd.NA,
                         rec.speaker, rec.text, attribution,
                         bool(rec.is_question) if has_q else False)] * len(found))
    if not rows:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in TABLE_COLUMNS})
    out = _frame(rows)
    where = pd.DataFrame(context, columns=["doc_id", "sentence_id", "turn_id", "speaker",
                                           "sentence", "attribution", "_question"])
    for position, column in enumerate(["doc_id", "sentence_id", "turn_id", "speaker"]):
        out.insert(position, column, where[column].to_numpy())
    out["sentence"] = where["sentence"].to_numpy()
    out["attribution"] = where["attribution"].to_numpy()
    base = out["kind"].map(KIND_WEIGHT).fillna(0.0)
    score = (base + BONUS_CHANGE * (out["change"] != "")
             + BONUS_ATTRIBUTION * (out["attribution"] != "")
             + BONUS_SUBJECT * (out["subject"] != "")
             + BONUS_QUALIFIED * ~out["qualifier"].isin(["", "exact", "range"]))
    score = score.where(~where["_question"].to_numpy(), score * PENALTY_QUESTION)
    out["checkworthiness"] = (score.clip(upper=MAX_SCORE) * out["is_claim"]).round(3)
    # restatement groups are per sentence: make them unique over the table
    rg = out["restatement_group"]
    key = out["sentence_id"].astype(str) + ":" + rg.astype(str)
    codes = pd.Series(pd.factorize(key.where(rg.notna()))[0], index=out.index)
    out["restatement_group"] = codes.where(rg.notna()).add(1).astype("Int64")
    out["consistency_group"] = _consistency(out)
    return out[TABLE_COLUMNS + [c for c in out.columns if c not in TABLE_COLUMNS]]


# Kinds whose values are compared across a document for consistency.
CONSISTENCY_KINDS = ("percent", "money", "quantity", "fraction", "count")
_DROP_FROM_KEY = frozenset("of the all its their our his her a an this these that world's world’s "
                           "global total whole entire country's".split())


def _head(subject: str) -> str:
    words = [w.lower().strip(".,") for w in subject.split()]
    words = [w for w in words if w not in _DROP_FROM_KEY]
    if not words:
        return ""
    w = words[-1]
    if len(w) > 3 and w.endswith("ies"):
        w = w[:-3] + "y"
    elif len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
        w = w[:-1]
    return w


_PREDICATE_RE = re.compile(r"\s*([a-z][a-z'’-]*)")


def _predicate(r) -> str:
    """The verb that follows a claim and its subject ("250 firms entered ...": "entered"),
    when the next word looks like one (ends in -ed, or is a form of a common verb)."""
    sentence = r["sentence"] if isinstance(r.get("sentence"), str) else ""
    text, subject = r["text"], r["subject"] or ""
    at = sentence.find(text)
    if at < 0:
        return ""
    rest = sentence[at + len(text):]
    if subject and rest.lstrip().startswith(subject):
        rest = rest.lstrip()[len(subject):]
    m = _PREDICATE_RE.match(rest)
    if not m:
        return ""
    word = m.group(1).lower()
    return word if word.endswith("ed") or word in PREDICATE_VERBS else ""


#: common verbs after a counted subject that say what the number did ("150 left", "90 died").
PREDICATE_VERBS = frozenset("""
left leave leaves came come comes went go goes died die dies lost lose loses won win wins
made make makes took take takes got get gets fell fall falls rose rise rises grew grow grows
""".split())


def _consistency(table: pd.DataFrame) -> pd.Series:
    """Group claims of a document about the same subject whose values disagree.

    Key: (doc_id, kind, unit, per, head noun of the subject, change, the verb after the
    claim, the years and dates of its sentence): the claims state the same quantity of the
    same subject at the same time ("250 firms entered" and "150 exited" do not disagree). An amount with no subject
    borrows the subject of the next claim of the same kind in its sentence, and a percent that
    is not a share ("of ...") borrows the next share's subject ("First Solar with 2 % and a
    Korea 5% ... produce 60 percent of the world's PV cells" -> all three about "cells"). Counts join a group
    only when their whole subject matches (head nouns like "companies" are too generic).
    A group is kept when its values are not all equal (np.isclose on low and high).
    """
    result = pd.Series(pd.NA, index=table.index, dtype="Int64")
    if table.empty:
        return result
    keys: dict[int, tuple] = {}
    # the time a sentence speaks of: its years and dates
    times: dict[tuple, str] = {}
    for r in table[table["kind"].isin(["year", "date"]) & table["is_claim"]].itertuples():
        key = (r.doc_id, r.sentence_id)
        stamp = r.iso if isinstance(r.iso, str) and r.iso else r.text
        times[key] = ";".join(sorted(set(filter(None, times.get(key, "").split(";") + [stamp]))))
    # rows as plain dicts, read once (a pandas row lookup per claim is most of the cost)
    columns = [c for c in ("doc_id", "sentence_id", "is_claim", "kind", "low", "high", "subject",
                           "unit", "per", "change", "text", "sentence") if c in table]
    records = dict(zip(table.index, table[columns].to_dict("records")))
    by_sentence = defaultdict(list)
    for idx, r in records.items():
        if r["is_claim"] and r["kind"] in CONSISTENCY_KINDS and pd.notna(r["low"]):
            by_sentence[(r["doc_id"], r["sentence_id"])].append(idx)
    for members in by_sentence.values():
        for j, idx in enumerate(members):
            r = records[idx]
            subject = r["subject"]
            # a share ("60 percent of the world's PV cells") lends its "of ..." subject to the
            # bare percents before it in the sentence ("2 % and a Korea 5% ...")
            share = r["kind"] == "percent" and not subject.lower().startswith("of ")
            if (not subject or share) and r["kind"] != "count":
                for later in members[j + 1:]:
                    o = records[later]
                    if o["kind"] == r["kind"] and o["unit"] == r["unit"] and o["subject"] and (
                            not share or o["subject"].lower().startswith("of ")):
                        subject = o["subject"]
                        break
            if not subject:
                continue
            if r["kind"] == "count":
                head = " ".join(w.lower() for w in subject.split() if w.lower() not in _DROP_FROM_KEY)
            else:
                head = _head(subject)
            if head:
                keys[idx] = (r["doc_id"], r["kind"], r["unit"], r["per"], head,
                             r["change"], _predicate(r), times.get((r["doc_id"], r["sentence_id"]), ""))
    groups = defaultdict(list)
    for idx, key in keys.items():
        groups[key].append(idx)
    gid = 0
    for key, members in sorted(groups.items(), key=lambda kv: min(kv[1])):
        if len(members) < 2:
            continue
        pairs = {(round(float(records[i]["low"]), 9), round(float(records[i]["high"]), 9))
                 for i in members if pd.notna(records[i]["low"])}
        if len(pairs) < 2:
            continue
        restated = table.loc[members, "restatement_group"].dropna()
        if len(restated) == len(members) and restated.nunique() == 1:
            continue
        gid += 1
        result.loc[members] = gid
    return result


def consistency_groups(claims: pd.DataFrame) -> pd.DataFrame:
    """The consistency groups of a claims table, side by side: one row per group.

    Columns: consistency_group, subject (the shared head), kind, unit, n (claims), values
    (each claim's text), speakers, sentences, claim_index (row labels in ``claims``).

    >>> s = pd.DataFrame({"sentence_id": [0, 1], "doc_id": [0, 0], "turn_id": [0, 1],
    ...     "speaker": ["K", "K"], "start": [0, 30], "end": [29, 55],
    ...     "text": ["It holds 80-90% of the market.", "It holds 90% of the market."],
    ...     "is_question": [False, False]})
    >>> consistency_groups(claims_table(s))[["n", "values"]].values.tolist()
    [[2, ['80-90%', '90%']]]
    """
    cols = ["consistency_group", "subject", "kind", "unit", "n", "values", "speakers",
            "sentences", "claim_index"]
    if claims.empty or "consistency_group" not in claims or claims["consistency_group"].isna().all():
        return pd.DataFrame({c: pd.Series(dtype="object") for c in cols})
    rows = []
    for gid, g in claims[claims["consistency_group"].notna()].groupby("consistency_group"):
        subjects = [s for s in g["subject"] if s]
        rows.append({
            "consistency_group": int(gid),
            "subject": max(subjects, key=len) if subjects else "",
            "kind": g["kind"].iloc[0], "unit": g["unit"].iloc[0], "n": len(g),
            "values": g["text"].tolist(), "speakers": g["speaker"].tolist(),
            "sentences": g["sentence"].tolist() if "sentence" in g else [],
            "claim_index": g.index.tolist(),
        })
    return pd.DataFrame(rows, columns=cols)
