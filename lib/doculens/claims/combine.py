"""Turn raw mentions into claims: combine ranges and bounds, share units across
ellipses and coordinations, mark names and addresses; :func:`extract` is the entry."""

from __future__ import annotations

import re

import pandas as pd

from doculens import numwords as N
from doculens.claims.schema import (COLUMNS, SHORT_WINDOW, TWO_DIGIT_YEAR)  # noqa: F401
from doculens.claims.lexicon import (SUBJECT_STOP)  # noqa: F401
from doculens.claims.patterns import (FROM_TO_MAX_GAP, LOWER_BOUNDS, POSTFIX_GAP, UPPER_BOUNDS, _BETWEEN_RE, _BOUND_PAIR_RE, _BY_RE, _CLOSE_PAREN_RE, _CONNECT_OR_RE, _CONNECT_RANGE_RE, _CONNECT_RESTATE_RE, _CURRENCY_WORD_RE, _DURATION_LOWER, _ELIDED_CHANGE_RE, _END_OF_AMOUNT_RE, _FROM_RE, _FROM_TO_BREAK_RE, _MINOR_JOIN_RE, _NOUN_OR_RE, _PER_RE, _POSTFIX_BOUND_RE, _QUALIFIER_RE, _TO_RE, _UNITS_LOWER, _alt, _norm)  # noqa: F401
from doculens.claims.scan import (SCORE_MAX, _at_sentence_start, _left, _mention, _raw_mentions, _subject)  # noqa: F401

def _is_score(a: dict, b: dict) -> bool:
    """Two bare small integers joined by a hyphen with the larger first, or equal: a score
    ("won 9-2", "ended 2-2"), read as the pair of values (the range of the two)."""
    return (a["kind"] == b["kind"] == "count" and not a["_explicit_unit"] and not b["_explicit_unit"]
            and a["value"] is not None and b["value"] is not None
            and float(a["value"]).is_integer() and float(b["value"]).is_integer()
            and 0 <= b["value"] <= a["value"] < SCORE_MAX and b["text"].isdigit() and a["text"].isdigit())


def _combine(rows: list[dict], text: str) -> list[dict]:
    """Join ranges ("80-90%", "$71 to $129 billion"), shared units ("80 or 60%") and
    restatements ("2.7 trillion yuan or $450 billion")."""
    out: list[dict] = []
    group = 0
    i = 0
    while i < len(rows):
        a = rows[i]
        b = rows[i + 1] if i + 1 < len(rows) else None
        if b is None or not a["is_claim"] or not b["is_claim"]:
            out.append(a)
            i += 1
            continue
        between = text[a["end"]:b["start"]]
        if a["kind"] == "money" and a["value"] is not None and b["value"] is not None \
                and _MINOR_JOIN_RE.match(between) and not a["per"] \
                and _CURRENCY_WORD_RE.search(a["text"]) and not _CURRENCY_WORD_RE.search(
                    a["text"]).group("w").lower() in N.MINOR_UNITS:
            minor = None
            if b["kind"] == "money" and b["unit"] == a["unit"] and _CURRENCY_WORD_RE.search(
                    b["text"]) and _CURRENCY_WORD_RE.search(b["text"]).group("w").lower() in (
                    "cents", "cent", "pence", "penny", "pennies", "fen", "paise"):
                minor = b["value"]                              # "3 dollars 50 cents"
            elif b["kind"] == "count" and not b["_explicit_unit"] and 0 < b["value"] < 100 \
                    and float(b["value"]).is_integer() and _END_OF_AMOUNT_RE.match(text, b["end"]):
                minor = b["value"] / 100                        # "15 dollars and 15."
            if minor is not None:
                val = a["value"] + minor
                merged = dict(a, end=b["end"], value=val, low=val, high=val)
                merged["text"] = text[merged["start"]:merged["end"]]
                out.append(merged)
                i += 2
                continue
        if a["change"] and not b["change"] and (_CONNECT_OR_RE.match(between) or (
                b["kind"] == "percent" and a["kind"] != "percent" and _NOUN_OR_RE.match(between))):
            # "lost 190 points, or 0.6%", "grew by 125,600 positions or 2.2 per cent"
            rows[i + 1] = b = dict(b, change=a["change"])
        left = _left(text, a["start"], SHORT_WINDOW)
        a_bare = a["kind"] == "count" and not a["_explicit_unit"]
        numeric = ("count", "percent", "money", "quantity", "duration", "age", "multiplier")
        if a["kind"] == "year" and b["kind"] in ("year", "count") and (
                (between in ("-", "–") and b["text"].isdigit() and len(b["text"]) == 2)
                or (b["kind"] == "year" and (
                    (_CONNECT_RANGE_RE.match(between) and between.strip().lower() != "and")
                    or (between.strip().lower() == "and" and _BETWEEN_RE.search(left))))):
            lo = a["low"]
            hi = b["value"] if b["kind"] == "year" else (lo // TWO_DIGIT_YEAR) * TWO_DIGIT_YEAR + b["value"]
            merged = dict(a, end=b["end"], value=None, low=lo, high=float(hi), qualifier="range",
                          iso=f"{int(lo)}/{int(hi)}")
            merged["text"] = text[merged["start"]:merged["end"]]
            out.append(merged)
            i += 2
            continue
        if a["kind"] in numeric and b["kind"] in numeric and (a_bare or (
                a["kind"] == b["kind"] and a["unit"] == b["unit"])):
            conn = between.strip().lower()
            if _CONNECT_RANGE_RE.match(between) and (conn != "and" or _BETWEEN_RE.search(left)) \
                    and not (conn == "to" and not a_bare and not _FROM_RE.search(left)
                             and (_BY_RE.search(left) or a["change"])) \
                    and a["value"] is not None and b["value"] is not None and not a["qualifier"] in ("more_than",):
                lo = a["value"]
                if a["_scale"] == 1.0 and b["_scale"] > 1.0 and a["_raw"] * b["_scale"] <= b["value"] * (1 + 1e-9):
                    lo = a["_raw"] * b["_scale"]
                if a_bare and b["kind"] == "money" and b["unit"] and a["kind"] == "count":
                    pass
                hi = b["value"]
                score = conn in ("-", "–") and between.strip() == between.strip(" ") == conn \
                    and _is_score(a, b)
                if (conn in ("and",) or _FROM_RE.search(left) or lo <= hi or score) and not (
                        conn in ("-", "–") and lo > hi and not score):
                    merged = dict(b, start=a["start"], value=None, low=min(lo, hi), high=max(lo, hi),
                                  qualifier=a["qualifier"] if a["qualifier"] not in ("", "exact") else "range",
                                  change=a["change"] or b["change"])
                    if score and lo == hi:
                        merged.update(is_claim=False, note="score")   # a tie: "2-2", "89-89"
                    # "about 2000 - 2500 calories": an approximate range keeps "approx"
                    merged["text"] = text[merged["start"]:merged["end"]]
                    out.append(merged)
                    i += 2
                    continue
            if _CONNECT_OR_RE.match(between) and a_bare and b["_explicit_unit"] and a["value"] is not None:
                val = a["value"]
                if a["_scale"] == 1.0 and b["_scale"] > 1.0:
                    val = a["_raw"] * b["_scale"]
                a = dict(a, kind=b["kind"], unit=b["unit"], value=val, low=val, high=val,
                         subject=b["subject"], per=b["per"])
                if not a["qualifier"] and b["qualifier"]:
                    a["qualifier"] = b["qualifier"]
                if not b["qualifier"] and a["qualifier"]:
                    rows[i + 1] = b = dict(b, qualifier=a["qualifier"])
                out.append(a)
                i += 1
                continue
        # restatements: same amount in another currency or unit
        if a["kind"] == b["kind"] and a["kind"] in ("money", "quantity") and a["unit"] != b["unit"] \
                and _CONNECT_RESTATE_RE.match(between):
            group += 1
            a = dict(a, restatement_group=group)
            rows[i + 1] = dict(b, restatement_group=group)
            if not a["per"] and not rows[i + 1]["per"]:
                close = _CLOSE_PAREN_RE.match(text, rows[i + 1]["end"])
                per = close and _PER_RE.match(text, close.end())
                if per:           # "C$6 (US$4.46) per share": the rate after the aside
                    word = _norm(per.group("w"))   # belongs to the amount it interrupts
                    a["per"] = _DURATION_LOWER.get(word, (None,))[0] or _UNITS_LOWER.get(word) or word
            if not a["per"] and rows[i + 1]["per"]:
                a["per"] = rows[i + 1]["per"]
            if a["qualifier"] not in ("", "exact") and rows[i + 1]["qualifier"] in ("", "exact") \
                    and "(" in between:
                # "more than 100 kilometers (60 miles)": the aside restates the bound too
                rows[i + 1]["qualifier"] = a["qualifier"]
            if not a["subject"]:
                a["subject"] = rows[i + 1]["subject"]
        out.append(a)
        i += 1
    return out


def _frame(rows: list[dict]) -> pd.DataFrame:
    if not rows:
        return pd.DataFrame({c: pd.Series(dtype=t) for c, t in _DTYPES.items()})
    df = pd.DataFrame.from_records(rows, columns=COLUMNS)
    for col in ("value", "low", "high"):
        df[col] = pd.to_numeric(df[col], errors="coerce").astype("float64")
    df["restatement_group"] = df["restatement_group"].astype("Int64")
    df["start"] = df["start"].astype("int64")
    df["end"] = df["end"].astype("int64")
    df["is_claim"] = df["is_claim"].astype(bool)
    return df


_DTYPES = {"start": "int64", "end": "int64", "text": "object", "kind": "object",
           "value": "float64", "low": "float64", "high": "float64", "unit": "object",
           "qualifier": "object", "change": "object", "subject": "object", "iso": "object",
           "per": "object", "restatement_group": "Int64", "is_claim": "bool", "note": "object"}


def _join_from_to(rows: list[dict], text: str) -> list[dict]:
    """Join "from X ... to Y" and "to X ... from Y" into one range when words separate the
    two ends (adjacent ends are joined by :func:`_combine`). The range spans both ends; rows
    in between (a clock time, say) are kept. Y borrows X's unit when it has none."""
    numeric = ("count", "percent", "money", "quantity", "duration", "age")
    out, skip = [], set()
    for i, a in enumerate(rows):
        if i in skip:
            continue
        if not a["is_claim"] or a["kind"] not in numeric or a["value"] is None:
            out.append(a)
            continue
        left = _left(text, a["start"], SHORT_WINDOW)
        # "from X to Y" is a range; "rose to X from Y" is two values (the new and the old)
        first = "from" if _FROM_RE.search(left) else ""
        joined = None
        if first:
            second = _TO_RE if first == "from" else _FROM_RE
            for j in range(i + 1, min(i + 4, len(rows))):
                b = rows[j]
                gap = text[a["end"]:b["start"]]
                if len(gap) > FROM_TO_MAX_GAP or b["start"] < a["end"]:
                    break
                if not second.search(gap) or _FROM_TO_BREAK_RE.search(second.sub("", gap)):
                    continue
                same = b["kind"] == a["kind"] and b["unit"] == a["unit"]
                bare = b["kind"] == "count" and not b["_explicit_unit"]
                # a bare "to Y" right after "from X <unit>" borrows the unit ("from 208 pounds
                # to 193"); other direct "X to Y" pairs were settled by _combine
                if b["is_claim"] and b["value"] is not None and (same or bare) and (
                        gap.strip().lower() != "to" or bare and not same and a["_explicit_unit"]):
                    joined = j
                break
        if joined is None:
            out.append(a)
            continue
        b = rows[joined]
        lo, hi = a["value"], b["value"]
        if a["_scale"] > 1.0 and b["_scale"] == 1.0 and b["kind"] == "count":
            hi = b["_raw"] * a["_scale"]
        merged = dict(a, end=b["end"], value=None, low=min(lo, hi), high=max(lo, hi),
                      qualifier="range")
        merged["text"] = text[merged["start"]:merged["end"]]
        out.append(merged)
        skip.add(joined)
    return out


def _bounds(rows: list[dict], text: str) -> list[dict]:
    """Bounds written after a number ("10 or more", "500 or less", "less than 50 or equal")
    and pairs of bounds read as one interval ("more than 10 and less than 20",
    "at most 100 and at least 20")."""
    numeric = ("count", "percent", "money", "quantity", "duration", "age", "fraction")
    for i, r in enumerate(rows):
        if r["value"] is None or r["kind"] not in numeric:
            continue
        m = _POSTFIX_BOUND_RE.match(text, r["end"])
        if not m:
            continue
        nxt = rows[i + 1]["start"] if i + 1 < len(rows) else len(text) + POSTFIX_GAP + 1
        if nxt - m.end() <= POSTFIX_GAP:
            continue               # "equal to 5000 or more than 4500": a second bound
        q = r["qualifier"]
        if m.group("eq"):
            r["qualifier"] = {"more_than": "at_least", "less_than": "at_most"}.get(q, q)
        elif q in ("", "exact", "approx"):
            r["qualifier"] = "at_least" if m.group("up") else "at_most"
    out: list[dict] = []
    i = 0
    while i < len(rows):
        a = rows[i]
        b = rows[i + 1] if i + 1 < len(rows) else None
        if b is not None and a["value"] is not None and b["value"] is not None \
                and a["kind"] in numeric and b["kind"] in numeric \
                and (a["kind"] == b["kind"] and a["unit"] == b["unit"]
                     or a["kind"] == "count" and not a["_explicit_unit"]) \
                and {a["qualifier"], b["qualifier"]} & set(LOWER_BOUNDS) \
                and {a["qualifier"], b["qualifier"]} & set(UPPER_BOUNDS) \
                and a["qualifier"] != b["qualifier"] \
                and _BOUND_PAIR_RE.match(text[a["end"]:b.get("_qstart", b["start"])]):
            lo_row, hi_row = (a, b) if a["qualifier"] in LOWER_BOUNDS else (b, a)
            if lo_row["value"] < hi_row["value"]:
                merged = dict(b, start=a["start"], value=None, low=lo_row["value"],
                              high=hi_row["value"], qualifier="range")
                merged["text"] = text[merged["start"]:merged["end"]]
                out.append(merged)
                i += 2
                continue
        out.append(a)
        i += 1
    return out


SHARED_SUBJECT_MIN = 1000     # a bare amount this large borrows a neighbour's subject
_AGED_BEFORE_RE = re.compile(r"\b(?:aged|ages|age|age\s+of)\s+$", re.I)
# Ages stated without "years old". Source: the age constructions of English news style
# (AP Stylebook, "ages": "Jamie Armstrong, 25, said"), and of speech ("when I was 12").
AGE_MAX = 120                 # a bare integer above this is not a person's age
# "Maddon, 66, has ...": a capitalised name, a comma, an integer, a comma.
_APPOSITION_NAME_RE = re.compile(r"\b(?P<first>[A-Z][a-z]+\s+)?[A-Z][a-z]+,\s*$")
_APPOSITION_AFTER_RE = re.compile(r"\s*,\s*(?![\d\s]|and\b|or\b)")
# "he will be 35 by the end of the year", "Maria who was 10", "when I was 12": a person
# (a singular personal pronoun or relative "who"; "we were 12" may count a group) with a form
# of "be" or "turn", then the bare number.
_PERSON_BE_RE = re.compile(
    r"\b(?:I|[Hh]e|[Ss]he|[Yy]ou|who)\s+(?:(?:will|would|'ll|’ll|shall|might|may|must|"
    r"should|could)\s+)?(?:am|is|are|was|were|be|turned|turns|turning|turn|'m|’m|'s|’s|'re|’re)"
    r"(?:\s+(?:only|just|about|almost|nearly|barely|now))?\s+$")
_AGE_END_RE = re.compile(r"\s*(?:[,.;:!?)]|$|\s+(?:by|when|at|in|and|or|but|then|now|"
                         r"next|last|this|so|because|until|before|I|he|she|we|they|you)\b)")


# Ellipsis: a bare number whose unit or noun is left out because a neighbour just stated it
# ("84.75 cents, while the lowest is 74.07", "435 homes by open sale and 187 by tender",
# "22 burglaries, compared with an average of 20 per week", "280 million of the 1.5 billion
# shekels"). Source: the coordination and comparison contexts of noun ellipsis described in
# English grammars (Quirk et al. 1985, chapter 12); a bare number with no such cue keeps no unit.
ELLIPSIS_CUES = ("and", "or", "nor", "but", "while", "whilst", "whereas", "compared with",
                 "compared to", "versus", "vs", "vs.", "against")
ELLIPSIS_MAX_GAP = 80         # characters between the number and the neighbour it borrows from
# An elided unit joins comparable amounts: a bare number more than this many times larger or
# smaller than its neighbour is another quantity ("fell 0.4% while the CAC was at 5884").
ELLIPSIS_MAX_RATIO = 100.0
# "... and 32 is the quantity": a number that starts a new clause is that clause's subject.
_CLAUSE_VERB_AFTER_RE = re.compile(r"\s+(?:is|are|was|were|has|have|had|will|would|can|could|"
                                   r"may|might|should|must|do|does|did)\b", re.I)
_ELLIPSIS_CUE_RE = re.compile(rf"(?:^|\W)(?:{_alt(ELLIPSIS_CUES)})(?!\w)", re.I)
_ELLIPSIS_BREAK_RE = re.compile(r"[.;!?:]\s|\d|[()]")
# "280 million of the 1.5 billion shekels": a part of a following total, in its unit
_PARTITIVE_GAP_RE = re.compile(r"^\s+(?:out\s+)?of\s+(?:the|a|an|its|their|our|his|her|"
                               r"all|total)?\s*(?:total\s+(?:of\s+)?)?$", re.I)
_ELLIPSIS_KINDS = ("percent", "money", "quantity", "count")


def _borrow_elided_unit(rows: list[dict], i: int, text: str) -> bool:
    """Give the bare number ``rows[i]`` the unit (or counted noun) of the neighbour it elides,
    when a coordination/comparison cue links them; True when it borrowed."""
    r = rows[i]
    if _CLAUSE_VERB_AFTER_RE.match(text, r["end"]):
        return False
    if i + 1 < len(rows):
        b = rows[i + 1]
        if b["is_claim"] and b["kind"] in _ELLIPSIS_KINDS and b["_explicit_unit"] \
                and _comparable(r, b) and _PARTITIVE_GAP_RE.match(text[r["end"]:b["start"]]):
            _adopt_unit(r, b, text)
            return True
    for o in reversed(rows[:i]):
        gap = text[o["end"]:r["start"]]
        if len(gap) > ELLIPSIS_MAX_GAP or _ELLIPSIS_BREAK_RE.search(gap):
            return False
        if not o["is_claim"] or o["kind"] not in _ELLIPSIS_KINDS or o["value"] is None \
                and o["low"] is None:
            return False
        if not (o["_explicit_unit"] or o["kind"] == "count" and o["subject"]
                and not o["subject"].lower().startswith("of ")):
            return False
        before = _left(text, o["start"], SHORT_WINDOW)
        q = _QUALIFIER_RE.search(before)
        if q:
            before = before[:q.start()]
        from_to = _TO_RE.search(gap) and _FROM_RE.search(before)   # "from about 14-18 mpg to 24"
        if not (_ELLIPSIS_CUE_RE.search(gap) or from_to) or not _comparable(r, o):
            return False
        _adopt_unit(r, o, text)
        return True
    return False


def _comparable(r: dict, o: dict) -> bool:
    """Whether two amounts are within :data:`ELLIPSIS_MAX_RATIO` of each other."""
    if o["_scale"] > 1.0 and r["_scale"] == 1.0:
        return False                # "$5 million and hired 20": the scale is not elided
    a = r["value"] if r["value"] is not None else r["low"]
    b = o["_raw"] if o["value"] is not None else o["low"]
    if a is None or b is None or a <= 0 or b <= 0:
        return False
    if o["value"] is not None and o["_raw"] and o["_scale"] > 1.0 and r["_scale"] > 1.0:
        b = o["value"]              # "280 million of the 1.5 billion shekels": both scaled
    return 1 / ELLIPSIS_MAX_RATIO <= a / b <= ELLIPSIS_MAX_RATIO


def _adopt_unit(r: dict, o: dict, text: str) -> None:
    """``r`` takes the kind, unit, subject and rate of ``o`` (its value is scaled by a minor
    unit like ``o``'s: "84.75 cents ... 74.07" is 0.7407 USD)."""
    factor = 1.0
    if o["kind"] == "money" and o["_raw"] and o["_scale"] == 1.0:
        factor = o["value"] / o["_raw"] if o["value"] is not None else 1.0
    if factor != 1.0:
        for key in ("value", "low", "high"):
            if r[key] is not None:
                r[key] *= factor
    r.update(kind=o["kind"], unit=o["unit"], subject=r["subject"] or o["subject"],
             per=r["per"] or o["per"], note="elided unit", _explicit_unit=o["_explicit_unit"])
    if not r["per"]:
        m = _PER_RE.match(text, r["end"])       # "an average of 20 per week"
        if m:
            word = _norm(m.group("w"))
            r["per"] = _DURATION_LOWER.get(word, (None,))[0] or _UNITS_LOWER.get(word) or word


# "a day or two", "another pick or two", "a year or three": the noun of the first
# alternative is counted by the number after "or" (approximation by alternatives).
_ONE_OR_N_BEFORE_RE = re.compile(r"\b(?:a|an|another|one)\s+(?P<n>[a-z]{3,})\s+or\s+$", re.I)


def _share_units(rows: list[dict], text: str) -> None:
    """Units and subjects a bare number takes from its neighbours in the same text:

    * "aged 18 to 34", "age 65", "under the age of 5 years", "Maria Lopez, 34,", "when she
      was 17": an age;
    * index levels beside index points ("(16369.03 up 58.06 points)", "lost 162.31 points
      ... to 7,425.81"): a bare non-integer becomes points;
    * "6 million homes ... including 1.5 million in LA", "68400 people ... and 95800 who": a
      large bare count without a subject borrows the subject of the nearest count before it;
    * an elided unit ("84.75 cents, while the lowest is 74.07", :func:`_borrow_elided_unit`);
    * "a week or two", "another pick or two": the noun before "or".
    """
    has_points = any(r["unit"] == "point" and r["kind"] == "quantity" for r in rows)
    for i, r in enumerate(rows):
        if r["kind"] == "duration" and r["unit"] in ("year", "month") and r["is_claim"] \
                and _AGED_BEFORE_RE.search(_left(text, r["start"], SHORT_WINDOW)):
            r["kind"] = "age"          # "under the age of 5 years"
            continue
        bare = r["kind"] == "count" and not r["_explicit_unit"] and r["is_claim"]
        if not bare:
            continue
        left = _left(text, r["start"], SHORT_WINDOW)
        name = _APPOSITION_NAME_RE.search(left)
        if name and not name.group("first") and not _at_sentence_start(left[:name.start()]):
            name = None               # "In Paris, 3, 4": one capitalised word mid-sentence
        if _AGED_BEFORE_RE.search(left):
            r.update(kind="age", unit="year")
            continue
        small = r["value"] is not None and float(r["value"]).is_integer() \
            and 0 < r["value"] <= AGE_MAX and r["text"].isdigit()
        if small and not r["subject"] and (
                (name and _APPOSITION_AFTER_RE.match(text, r["end"]))
                or (_PERSON_BE_RE.search(left) and _AGE_END_RE.match(text, r["end"]))):
            r.update(kind="age", unit="year")
            continue
        lo = r["value"] if r["value"] is not None else r["low"]
        if has_points and lo is not None and not float(lo).is_integer() and not r["subject"]:
            r.update(kind="quantity", unit="point")
            continue
        if not r["subject"] and lo is not None and _borrow_elided_unit(rows, i, text):
            continue
        noun = _ONE_OR_N_BEFORE_RE.search(left) if not r["subject"] else None
        if noun and not r["text"][0].isdigit():
            word = _norm(noun.group("n"))
            if word in _DURATION_LOWER:       # "a day or two"
                unit, factor = _DURATION_LOWER[word]
                r.update(kind="duration", unit=unit, value=r["value"] * factor,
                         low=r["low"] * factor, high=r["high"] * factor, _explicit_unit=True)
            else:                             # "another pick or two"
                r["subject"] = noun.group("n")
            continue
        if not r["subject"] and lo is not None and lo >= SHARED_SUBJECT_MIN:
            for o in reversed(rows[:i]):
                if o["kind"] == "count" and o["subject"] and o["is_claim"] and not o["subject"].lower().startswith("of "):
                    r["subject"] = o["subject"]
                    break


# Percent mentions without a number ("a small percentage of the fans", "calculate a
# percentage", "the % of increase"). Size adjectives before one make a vague amount, read as
# an approximate claim with no value; otherwise the word names the notion, not an amount
# (``is_claim`` False, note "no value"). Source: the size adjectives English uses for vague
# amounts ("a large/small number of", "a high/significant percentage of").
VAGUE_SIZE_WORDS = ("small", "large", "big", "high", "low", "huge", "tiny", "significant",
                    "substantial", "sizeable", "sizable", "considerable", "good", "fair",
                    "great", "vast", "growing", "increasing", "decent", "modest", "larger",
                    "smaller", "higher", "lower", "greater", "certain", "negligible")
_VALUELESS_PERCENT_RE = re.compile(
    r"(?<![\w%])(?P<w>percentages?|percents?|per\s?cent(?!\w)|%(?=\s))(?![\w])", re.I)
_VAGUE_SIZE_BEFORE_RE = re.compile(
    rf"\b(?:an?|the|some)\s+(?:(?:very|fairly|quite|rather|relatively|extremely)\s+)?"
    rf"(?P<a>{_alt(VAGUE_SIZE_WORDS)})\s+$", re.I)
# "percent of twenty": the number after "of" carries the percent word (see _PERCENT_BEFORE_RE)
_OF_NUMBER_GAP_RE = re.compile(r"\s+of\s+$", re.I)


def _valueless_percents(rows: list[dict], text: str) -> list[dict]:
    """Percent words no number claims: kind percent, unit "%", no value, low or high."""
    if "%" not in text and "per" not in text.lower():
        return rows
    spans = [(r["start"], r["end"]) for r in rows]
    starts = sorted(r["start"] for r in rows if r["kind"] == "percent")
    extra = []
    for m in _VALUELESS_PERCENT_RE.finditer(text):
        s, e = m.span("w")
        if any(a < e and s < b for a, b in spans):
            continue
        # a number row just after "percent of" already took the word
        if any(0 < st - e <= SHORT_WINDOW and _OF_NUMBER_GAP_RE.fullmatch(text[e:st])
               for st in starts):
            continue
        left = _left(text, s, SHORT_WINDOW)
        if re.search(r"\d\s*$", left):
            continue              # "50 %" split oddly: left to the number's own reading
        row = _mention(s, e, "percent", None, low=None, high=None, unit="%",
                       value_nan=True, note="no value", is_claim=False)
        vague = _VAGUE_SIZE_BEFORE_RE.search(left)
        if vague:
            row.update(start=s - len(left) + vague.start("a"), qualifier="approx",
                       is_claim=True, note="vague")
        subject = _subject(text, e)
        row["subject"] = subject if subject.lower().startswith("of ") else ""   # a share's whole
        row["text"] = text[row["start"]:row["end"]]
        extra.append(row)
    if not extra:
        return rows
    return sorted(rows + extra, key=lambda r: r["start"])


# "four-, five- and six-cylinder engines", "a 7- or 8-inch screen": a number whose hyphen
# waits for the unit of a later compound (a "suspended hyphen", Chicago Manual of Style).
_SUSPENDED_HYPHEN_RE = re.compile(r"^-\s*,?\s*(?:(?:or|and|to|through|nor)\s+)?$", re.I)


def _suspended_compounds(rows: list[dict], text: str) -> None:
    """A bare number before a suspended hyphen takes the kind, unit and subject of the
    compound that completes it (right to left, so a chain passes the unit along)."""
    for i in range(len(rows) - 2, -1, -1):
        a, b = rows[i], rows[i + 1]
        if a["kind"] != "count" or a["_explicit_unit"] or a["value"] is None:
            continue
        if not _SUSPENDED_HYPHEN_RE.match(text[a["end"]:b["start"]]) or b["value"] is None:
            continue
        if b["kind"] in ("count",) and not b["_explicit_unit"] and b["note"] != "compound":
            continue
        factor = b["value"] / b["_raw"] if b["_raw"] else 1.0
        value = a["value"] * (factor if b["kind"] == "duration" else 1.0)
        a.update(kind=b["kind"], unit=b["unit"], subject=b["subject"], per=b["per"],
                 is_claim=b["is_claim"], note=b["note"], value=value, low=value, high=value,
                 _explicit_unit=b["_explicit_unit"])


# Street suffixes after a house number ("49 Zorro Ranch Road", "9 E 71st St") or a street
# word before the name ("22 Ave Foch"). Source: the common suffixes of USPS Publication 28,
# appendix C1, with their standard abbreviations.
STREET_WORDS = ("Street", "St", "Road", "Rd", "Avenue", "Ave", "Way", "Lane", "Ln", "Drive",
                "Dr", "Boulevard", "Blvd", "Place", "Pl", "Court", "Ct", "Terrace", "Square",
                "Sq", "Highway", "Hwy", "Crescent", "Close", "Parkway", "Pkwy", "Circle",
                "Alley", "Plaza", "Row", "Trail")
_ADDRESS_AFTER_RE = re.compile(
    rf"\s+(?:(?:[A-Z][\w'’-]*|\d+(?:st|nd|rd|th))\.?\s+){{1,3}}(?:{_alt(STREET_WORDS)})\b"
    rf"(?P<noun>\.?\s+[a-z]+)?"      # "3 Main Street shops" counts shops; at least one name
    # word before the street word, so "200 St Petersburg residents" and "500 Dr Pepper cans"
    # stay counts
    rf"|\s+(?:Ave|Avenue|Rue|Calle|Via)\s+[A-Z]")
# A clock time written as four digits with a time zone ("0401 GMT"). Source: the zone
# abbreviations of English news datelines.
TIME_ZONES = ("GMT", "UTC", "EDT", "EST", "CDT", "CST", "MDT", "MST", "PDT", "PST", "BST",
              "CET", "CEST", "IST", "JST", "AEST", "AEDT", "HKT", "SGT", "Z")
_ZONE_AFTER_RE = re.compile(rf"\s*(?:{_alt(TIME_ZONES)})\b")
MINUTES_PER_HOUR = 60
HOURS_PER_DAY = 24
MAX_DAY = 31


def _addresses_times_day_ranges(rows: list[dict], text: str) -> list[dict]:
    """House numbers are names (note "address"); "0401 GMT" is a clock time; "Sept. 20-24"
    is one date range (the second day joins the date, ``iso`` "--09-20/--09-24")."""
    out: list[dict] = []
    for r in rows:
        digits = r["text"].replace("-", "").replace("–", "")
        street = _ADDRESS_AFTER_RE.match(text, r["end"]) if digits.isdigit() else None
        if street and street.group("noun") and _norm(street.group("noun")).strip(" .") \
                not in SUBJECT_STOP:
            street = None
        if r["kind"] == "count" and r["is_claim"] and street:
            r.update(is_claim=False, note="address")
            if out and out[-1]["kind"] == "count" and out[-1]["text"].isdigit() \
                    and text[out[-1]["end"]:r["start"]] in ("-", "–"):
                out[-1].update(is_claim=False, note="address")    # "16-18 Industrial Avenue"
        elif r["kind"] in ("count", "year") and len(r["text"]) == 4 and r["text"].isdigit() \
                and int(r["text"][:2]) < HOURS_PER_DAY and int(r["text"][2:]) < MINUTES_PER_HOUR \
                and _ZONE_AFTER_RE.match(text, r["end"]):
            hour, minute = int(r["text"][:2]), int(r["text"][2:])
            value = hour + minute / MINUTES_PER_HOUR
            r.update(kind="time", value=value, low=value, high=value, unit="hour",
                     iso=f"T{hour:02d}:{minute:02d}", subject="", qualifier="")
        elif out and out[-1]["kind"] == "date" and r["kind"] == "count" and r["text"].isdigit() \
                and text[out[-1]["end"]:r["start"]] in ("-", "–") \
                and re.search(r"-(\d\d)$", out[-1]["iso"]) \
                and int(out[-1]["iso"][-2:]) < int(r["text"]) <= MAX_DAY:
            d = out[-1]
            iso_end = d["iso"][:-2] + f"{int(r['text']):02d}"
            d.update(end=r["end"], iso=f"{d['iso']}/{iso_end}")
            d["text"] = text[d["start"]:d["end"]]
            continue
        out.append(r)
    return out


def _extract_rows(text: str, default_currency: str) -> list[dict]:
    rows = _raw_mentions(text, default_currency)
    rows = _addresses_times_day_ranges(rows, text)
    _suspended_compounds(rows, text)
    rows = _combine(rows, text)
    rows = _join_from_to(rows, text)
    rows = _bounds(rows, text)
    _share_units(rows, text)
    rows = _valueless_percents(rows, text)
    # market copy: "DAX -1.6%", "Dow +0.2%": a signed percent is a change
    for r in rows:
        if r["kind"] == "percent" and not r["change"] and r.get("_sign_start") is not None \
                and r["value"] is not None and r["value"] < 0:
            r["change"] = "down"
    # "Ross were down 2.3%, Burlington by 2.6%": an elided verb keeps the change
    for a, b in zip(rows, rows[1:]):
        if a["change"] and not b["change"] and b["kind"] == a["kind"] and b["value"] is not None \
                and _ELIDED_CHANGE_RE.search(text[a["end"]:b["start"]]):
            b["change"] = a["change"]
    for r in rows:
        if r.get("value_nan"):
            r["value"] = None
        if not r["qualifier"]:  # nothing qualifies the number: it is stated as exact
            if r["value"] is not None:
                r["qualifier"] = "exact"
            elif r["low"] is not None and r["low"] != r["high"]:
                r["qualifier"] = "range"
    return rows


def extract(text: str, *, default_currency: str = "USD") -> pd.DataFrame:
    """Every numeric mention of ``text``, normalised, one row each.

    Columns: start, end (character offsets, ``text == input[start:end]``), text, kind
    (one of :data:`KINDS`), value (float in the base unit; empty for a range and for a
    percent word with no number, "a small percentage"), low, high
    (equal to value for a single value), unit ("%", ISO 4217 code, year/month/week/day/hour,
    a physical unit code, "" for counts), qualifier (exact, approx, more_than, at_least,
    less_than, at_most, up_to, range; by/since/... for dates), change (up, down or ""),
    subject (noun phrase counted), iso (dates), per (rate denominator: "$700 a month" ->
    month), restatement_group, is_claim, note.

    >>> extract("Costs fell to 40,000 yuan, or around $6,000 per ton.")[["value", "unit",
    ...     "restatement_group"]].values.tolist()
    [[40000.0, 'CNY', 1], [6000.0, 'USD', 1]]
    """
    rows = _extract_rows(text, default_currency)
    return _frame(rows)
