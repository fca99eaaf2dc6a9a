"""Find the raw numeric mentions of a sentence: numbers, dates and times with their
unit, qualifier, change and subject."""

from __future__ import annotations

import math
import re

from doculens import numwords as N
from doculens.claims.schema import (CENTURY_YEARS, DECADE_YEARS, HALF, HALF_CENTURY, LEFT_WINDOW, QUALIFIER_WINDOW, SENTENCE_START_CHARS, SHORT_WINDOW, SUBJECT_LOOKAHEAD, SUBJECT_MAX_WORDS, SYMBOL_WINDOW, YEAR_MAX, YEAR_MIN)  # noqa: F401
from doculens.claims.lexicon import (NON_NAME_CAPITALS, OF_DETERMINERS, QUALIFIERS, SUBJECT_STOP, TITLE_NOUNS, UP_WORDS, _PLURAL_NOUNS, _SUBJECT_DEGREE, _SUPERLATIVE_DOMAIN_RE, _SUPERLATIVE_RE, _THAN_RE)  # noqa: F401
from doculens.claims.patterns import (MASTER_RE, VIDEO_RESOLUTIONS, _AGE_RE, _ALNUM_RE, _AND_HALF_RE, _AND_OR_BEFORE_RE, _ATTACHED_UNIT_RE, _CAPITAL_AFTER_RE, _CASED_UNIT_RE, _CHANGE_BY_RE, _CHANGE_RE, _COMPOUND_AFTER_RE, _CURRENCY_CODE_RE, _CURRENCY_SYMBOL_RE, _CURRENCY_WORDS_LOWER, _CURRENCY_WORD_RE, _DATE_PREP_RE, _DISCOURSE_AFTER_RE, _DURATION_LOWER, _DURATION_RE, _LAST_WORD_RE, _LETTER_AFTER_RE, _LIST_MARKER_AFTER_RE, _LIST_MARKER_BEFORE_RE, _OF_CURRENCY_RE, _PARTITIVE_ONE_RE, _PENCE_RE, _PERCENT_BEFORE_RE, _PERCENT_RE, _PER_RE, _POUNDS_AFTER_RE, _PREFIX_HYPHEN_RE, _PRONOUN_ONE_AFTER_RE, _PRONOUN_ONE_BEFORE_RE, _QUALIFIER_RE, _SCALED_BEFORE_HYPHEN_RE, _SCALED_CODE_BEFORE_RE, _SCALED_CODE_RE, _SCALE_AFTER_CODE_RE, _SIGN_AFTER_RE, _TIMES_MULT_CUE, _TIMES_NOUN_RE, _TIMES_RE, _TRAILING_SCALE_RE, _UNITS_LOWER, _UNIT_RE, _URL_TOKEN_RE, _US_BEFORE_SYMBOL_RE, _WORD_RE, _WS_AFTER_RE, _WS_BEFORE_RE, _YEAR_CONTEXT_RE, _alt, _norm, _trie_regex)  # noqa: F401

# --- Mention building -------------------------------------------------------------------


def _mention(start, end, kind, value=None, low=None, high=None, unit="", **extra) -> dict:
    if value is not None and low is None:
        low = high = value
    row = {"start": start, "end": end, "kind": kind, "value": value, "low": low, "high": high,
           "unit": unit, "qualifier": "", "change": "", "subject": "", "iso": "", "per": "",
           "restatement_group": None, "is_claim": True, "note": "", "_scale": 1.0,
           "_raw": value, "_symbol": False, "_explicit_unit": bool(unit)}
    row.update(extra)
    return row


def _left(text: str, start: int, window: int = LEFT_WINDOW) -> str:
    return text[max(0, start - window):start]


def _at_sentence_start(left: str) -> bool:
    """True when only spaces separate ``left``'s end from a sentence boundary (or the start)."""
    stripped = left.rstrip()
    if not stripped or "\n" in left[len(stripped):]:
        return True
    return stripped[-1] in SENTENCE_START_CHARS


def _capital_word_before(left: str) -> str:
    """The capitalised word just before a number ("S&P" in "S&P 500"), or ""."""
    stripped = left.rstrip()
    if len(stripped) == len(left):
        return ""
    m = _LAST_WORD_RE.search(stripped, max(0, len(stripped) - SHORT_WINDOW))
    if not m or not m.group(0)[0].isupper():
        return ""
    if _at_sentence_start(stripped[:m.start()]):
        return ""
    return m.group(0)


def _qualify(row: dict, text: str, left_edge: int) -> None:
    """Set qualifier and change from the words before ``left_edge``."""
    left = _left(text, left_edge, QUALIFIER_WINDOW)
    m = _QUALIFIER_RE.search(left)
    base = left_edge - len(left)
    if m:
        row["qualifier"] = QUALIFIERS[_norm(m.group("q"))]
        row["_qstart"] = base + m.start("q")
        left = left[:m.start()]
        m2 = _QUALIFIER_RE.search(left)  # "just over", "only about"
        if m2 and QUALIFIERS[_norm(m2.group("q"))] != "exact":
            row["qualifier"] = QUALIFIERS[_norm(m2.group("q"))]
            row["_qstart"] = base + m2.start("q")
            left = left[:m2.start()]
        if row["qualifier"] == "exact" and row["low"] != row["high"]:
            row["qualifier"] = "range"
    m = _CHANGE_RE.search(left) or _CHANGE_BY_RE.search(left)
    if left.endswith("+") and row["kind"] in ("percent", "money", "quantity", "count"):
        row["change"] = "up"     # "Dow +0.2%"
    elif m:
        verb = _norm(m.group("v"))
        tail = m.group(0).lower()
        if not (verb in ("up", "down") and "from" in tail) and not (verb == "cut" and "by" not in tail) \
                and not (verb in ("lower", "higher", "down", "up") and tail.strip() == verb
                         and row["kind"] not in ("percent", "money")
                         and row["unit"] not in ("point", "bp", "pp")):
            row["change"] = "up" if verb in UP_WORDS else "down"


COORDINATED_MAX_WORDS = 3     # words after "and"/"or" up to the shared plural head
_AFTER_HEAD_WORDS = SUBJECT_STOP | {"of"}   # words that may follow a noun phrase's head


def _is_plural_head(word: str) -> bool:
    lw = word.lower()
    return len(word) > 3 and (lw[-1] == "s" and lw[-2] not in "su'’i" or lw in _PLURAL_NOUNS)


def _coordinated_head(text: str, pos: int, end_limit: int) -> list[str]:
    """After "and"/"or" inside a subject: the words up to the plural head both conjuncts
    share ("Kia and Hyundai vehicles"), or [] when no such head follows."""
    words: list[str] = []
    i = pos
    while len(words) < COORDINATED_MAX_WORDS:
        m = _WORD_RE.match(text, i, end_limit)
        if not m or m.group("p") or m.group(0)[:1] == "\n":
            return []
        w = m.group("w")
        if w.lower() in SUBJECT_STOP or w.lower() in OF_DETERMINERS:
            return []
        words.append(w)
        i = m.end()
        if _is_plural_head(w):
            nxt = _WORD_RE.match(text, i, end_limit)
            if nxt and nxt.group("w") and nxt.group("w")[0].islower() \
                    and nxt.group("w").lower() not in _AFTER_HEAD_WORDS:
                return []     # "a 2 drug regimen and shingles vaccine": not the head
            return words
    return []


def _subject(text: str, pos: int, *, of_only: bool = False) -> str:
    """The noun phrase after ``pos``: "solar companies", "of the world's PV cells"."""
    words: list[str] = []
    i = pos
    end_limit = min(len(text), pos + SUBJECT_LOOKAHEAD)
    leading_of = False
    while len(words) < SUBJECT_MAX_WORDS + (2 if leading_of else 0):
        m = _WORD_RE.match(text, i, end_limit)
        if not m or m.group("p"):
            break
        if m.group(0)[:1] == "\n":
            break
        w = m.group("w")
        lw = w.lower()
        if not words and lw == "of":
            leading_of = True
            words.append(w)
            i = m.end()
            continue
        if leading_of and lw in OF_DETERMINERS and len(words) <= 2:
            words.append(w)
            i = m.end()
            continue
        if lw in _SUBJECT_DEGREE and (leading_of and len(words) <= 3 or not words) \
                and not _THAN_RE.match(text, m.end()):
            words.append(w)   # "one of the most gifted attackers", "eight more picks"
            i = m.end()
            continue
        if lw in ("and", "or") and words and not leading_of:
            tail = _coordinated_head(text, m.end(), end_limit)
            if tail:            # "460 Kia and Hyundai vehicles", "digital and physical sales"
                words += [w, *tail]
                break
        if lw in SUBJECT_STOP or lw in N.MONTHS or lw in _CURRENCY_WORDS_LOWER and not words:
            break
        if _THAN_RE.match(text, m.end()):
            break     # a comparison, not a noun: "40k cheaper than", "10 times more than"
        words.append(w)
        i = m.end()
        if len(w) > 3 and (lw[-1] == "s" and lw[-2] not in "su'’i" or lw in _PLURAL_NOUNS) \
                and not (leading_of and len(words) <= 1):
            break   # a noun phrase ends at its plural head: "solar companies have ..."
    if leading_of and words and any(_SUPERLATIVE_RE.fullmatch(w) for w in words):
        m = _SUPERLATIVE_DOMAIN_RE.match(text, i, end_limit)
        if m:         # "one of the hottest cars in the world": the superlative's domain
            words += m.group("d").split()
    if len(words) == 1 and words[0].lower().endswith("ed"):
        words = []    # a verb, not a noun: "150 exited"
    while words and (words[-1].lower() in OF_DETERMINERS or words[-1].lower() == "of"
                     or words[-1].lower() in _SUBJECT_DEGREE):
        words.pop()
    if of_only and words and words[0].lower() == "of":
        words = words[1:]
    return " ".join(words)


def _suffix(row: dict, text: str, *, default_currency: str) -> None:
    """Read what follows a plain number: percent, currency, unit, duration, times, age."""
    end = row["end"]
    m = _AND_HALF_RE.match(text, end)
    if m:
        row["value"] += HALF
        row["_raw"] += HALF
        row["low"] = row["high"] = row["value"]
        end = row["end"] = m.end()
    for regex, kind in ((_PERCENT_RE, "percent"), (_AGE_RE, "age")):
        m = regex.match(text, end)
        if m:
            row["kind"] = kind
            row["unit"] = "%" if kind == "percent" else (m.group("u") or "year").lower()
            if kind == "percent" and "point" in m.group(0).lower():
                row["unit"] = "pp"
            row["end"] = m.end()
            row["_explicit_unit"] = True
            if kind == "percent":
                _per(row, text)       # "growing 5 percent a year"
            return
    m = _CURRENCY_WORD_RE.match(text, end)
    if m:
        word = _norm(m.group("w"))
        if word != "won" or row["_symbol"] is False and text[m.start("w")].islower() is False or word != "won":
            code = _CURRENCY_WORDS_LOWER[word] or row.get("_currency") or default_currency
            if row["_symbol"] and row.get("_currency") and _CURRENCY_WORDS_LOWER[word] is None:
                code = row["_currency"]
            factor = N.MINOR_UNITS.get(word, 1.0)
            row.update(kind="money", unit=code, end=m.end(), _explicit_unit=True)
            row["value"] *= factor
            row["low"] = row["high"] = row["value"]
            _per(row, text)
            return
    if row["_symbol"]:
        row["kind"] = "money"
        _per(row, text)
        return
    m = _SCALED_CODE_RE.match(text, end)
    if m:
        code, factor = N.SCALED_CURRENCY_CODES[m.group("w").lower()]
        row.update(kind="money", unit=code, end=m.end(), _explicit_unit=True)
        row["value"] *= factor
        row["low"] = row["high"] = row["value"]
        return
    m = _SIGN_AFTER_RE.match(text, end)
    if m:
        code = N.CURRENCY_SIGNS_AFTER[m.group("w")] or default_currency
        row.update(kind="money", unit=code, end=m.end(), _explicit_unit=True)
        return
    m = _POUNDS_AFTER_RE.match(text, end)
    if m and row["_scale"] > 1.0:       # "361 million pounds": money, not weight
        row.update(kind="money", unit="GBP", end=m.end(), _explicit_unit=True)
        _per(row, text)
        return
    m = _DURATION_RE.match(text, end)
    if m:
        unit, factor = _DURATION_LOWER[_norm(m.group("w"))]
        row.update(kind="duration", unit=unit, end=m.end(), _explicit_unit=True)
        row["value"] *= factor
        row["low"] = row["high"] = row["value"]
        _per(row, text)               # "work 40 hours a week"
        return
    m = _TIMES_RE.match(text, end)
    if m:
        word = m.group(0).strip().lower()
        if word != "times" or _TIMES_MULT_CUE.match(text, m.end()) \
                or _TIMES_NOUN_RE.match(text, m.end()):
            row.update(kind="multiplier", unit="", end=m.end(), _explicit_unit=True)
            return
    m = _PENCE_RE.match(text, end)
    if m and row["_scale"] == 1.0 and row["value"] not in VIDEO_RESOLUTIONS:
        row.update(kind="money", unit="GBP", end=m.end(), _explicit_unit=True)
        row["value"] *= N.MINOR_UNITS["p"]
        row["low"] = row["high"] = row["value"]
        return
    m = _CURRENCY_CODE_RE.match(text, end)
    if m:
        row.update(kind="money", unit=N.CURRENCY_SYMBOLS.get(m.group("w").lower()) or m.group("w"),
                   end=m.end(),
                   _explicit_unit=True)
        sc = _SCALE_AFTER_CODE_RE.match(text, m.end())      # "75 USD million"
        if sc and row["_scale"] == 1.0:
            row["value"] *= N.LARGE_WORD_SCALES[sc.group("w").lower()]
            row["low"] = row["high"] = row["value"]
            row["end"] = sc.end()
        return
    m = _UNIT_RE.match(text, end)
    if m and m.group("of") and not (row["value"] is not None and abs(row["value"]) < 1):
        m = None              # "3 of a kind"; only a part of one unit reads "of a <unit>"
    m = m or _CASED_UNIT_RE.match(text, end) or _ATTACHED_UNIT_RE.match(text, end)
    if m:
        surface = m.group("w")
        code = N.CASED_UNITS.get(surface) or _UNITS_LOWER.get(_norm(surface)) \
            or N.ATTACHED_UNITS.get(surface.lower())
        if code:
            row.update(kind="quantity", unit=code, end=m.end(), _explicit_unit=True)
            _per(row, text)
            return


def _per(row: dict, text: str) -> None:
    m = _PER_RE.match(text, row["end"])
    if m:
        word = _norm(m.group("w"))
        unit, factor = _DURATION_LOWER.get(word, (None, 1))
        if unit and factor != 1:      # "per century" is not "per year"
            unit = word[:-1] if word.endswith("s") else word
            unit = "century" if unit == "centurie" else unit
        row["per"] = unit or _UNITS_LOWER.get(word) or word
        row["end"] = m.end()


def _count_rate(row: dict, text: str) -> None:
    """The rate after a counted noun: "3,000 tests per day", "78,000 times a minute"."""
    gap = text[row["end"]:row["end"] + SUBJECT_LOOKAHEAD]
    at = gap.find(row["subject"])
    if at < 0 or gap[:at].strip():
        return
    m = _PER_RE.match(text, row["end"] + at + len(row["subject"]))
    if m:
        word = _norm(m.group("w"))
        unit = _DURATION_LOWER.get(word, (None,))[0]
        row["per"] = unit or _UNITS_LOWER.get(word) or word


def _year_like(row: dict, text: str, s: str) -> bool:
    return (row["kind"] == "count" and not row["_symbol"] and len(s) == 4 and s.isdigit()
            and YEAR_MIN <= int(s) <= YEAR_MAX and row["_scale"] == 1.0)


_LEADING_SIGN_RE = re.compile(r"^\s*(?P<s>[-−])\s+$")   # "- 10 k" at the start of a text
_NEGATIVE_SIGN_RE = re.compile(r"(?:(?<![\w.,%)])[-−–]|\b(?:minus|negative)[\s-]+)$", re.I)


def _negative_prefix(text: str, start: int) -> int:
    """Start of a minus sign written before the number at ``start`` ("-1.3%", "minus-5",
    "$-50.8bn"), or -1. A hyphen against a word or a number ("Covid-19", "5-7") is not a sign."""
    left = text[max(0, start - 12):start]
    m = _NEGATIVE_SIGN_RE.search(left)
    if not m:
        lead = _LEADING_SIGN_RE.match(text[:start]) if start <= 12 else None
        return lead.start("s") if lead else -1
    return start - len(left) + m.start()


# The first end of a range before a 4-digit number ("from 1000 to 2000 hires", "between 500
# and 2000 people"): when it cannot be a year, neither is the second end.
_RANGE_PARTNER_BEFORE_RE = re.compile(r"(?<![\w.,])(?P<n>\d[\d,]*)\s*(?:to|and|-|–)\s*$", re.I)


def _number_row(m: re.Match, text: str, default_currency: str) -> dict | None:
    start, end = m.span("num")
    surface = m.group("num")
    scanned = isinstance(m, _Scan)
    value = m.value if scanned else N.parse_number(surface)
    is_word = not surface[0].isdigit() and surface[0] != "."
    # split digits from the scale part to remember the scale ("$71 to $129 billion")
    digits = None if scanned else re.match(N.DIGIT_NUMBER, surface)
    raw = float(digits.group(0).replace(",", "")) if digits else value
    scale = (value / raw) if digits and raw else 1.0
    if is_word or scanned:
        trailing = _TRAILING_SCALE_RE.search(surface)
        if trailing and trailing.start() > 0:
            scale = N.parse_number("one" + trailing.group(0))
            raw = value / scale
    neg = _negative_prefix(text, start)
    if neg >= 0 and is_word and surface.lower() == "one" and not re.search(
            r"\b(?:minus|negative)[\s-]+$", text[max(0, start - 12):start], re.I):
        neg = -1
    if neg >= 0:
        value, raw = -value, -raw
        start = neg
    token = _WS_BEFORE_RE.search(text, max(0, start - LEFT_WINDOW), start).group(0) \
        + _WS_AFTER_RE.match(text, start).group(0)
    if "/" in token or "%" in token or "=" in token:
        if _URL_TOKEN_RE.search(token):
            return None       # "https://...?q=30%25%2020%"
    row = _mention(start, end, "count", value, _raw=raw, _scale=scale)
    if neg >= 0:
        row["_sign_start"] = neg
    left = _left(text, start)
    if not is_word and _LIST_MARKER_BEFORE_RE.search(left, len(left) - SHORT_WINDOW) \
            and _LIST_MARKER_AFTER_RE.match(text, end):
        return None     # list enumerators: "(1)", "2)" at the start of a line
    sym = _CURRENCY_SYMBOL_RE.search(left, len(left) - SYMBOL_WINDOW)
    if sym:
        token = (sym.group("s") or sym.group("c")).lower().replace(" ", "")
        code = N.CURRENCY_SYMBOLS.get(token, None)
        if token == "$" and _US_BEFORE_SYMBOL_RE.search(left[:sym.start("s")]):
            code = "USD"
            row["_prefix_start"] = start - len(left) + _US_BEFORE_SYMBOL_RE.search(left[:sym.start("s")]).start()
        row.update(_symbol=True, _currency=code or default_currency, unit=code or default_currency,
                   _explicit_unit=True)
        row.setdefault("_prefix_start", start - len(left) + sym.start())
    scaled_code = None if sym else _SCALED_CODE_BEFORE_RE.search(left, len(left) - SYMBOL_WINDOW)
    if scaled_code:                                   # "revenues of MAUD 60"
        code, factor = N.SCALED_CURRENCY_CODES[scaled_code.group("w").lower()]
        row.update(kind="money", unit=code, _explicit_unit=True, _symbol=True, _currency=code,
                   value=value * factor, low=value * factor, high=value * factor,
                   _prefix_start=start - len(left) + scaled_code.start())
    _suffix(row, text, default_currency=default_currency)
    if row["kind"] == "count" and _PERCENT_BEFORE_RE.search(left):
        row.update(kind="percent", unit="%", _explicit_unit=True)
    # "one" as a pronoun, word numbers as discourse markers ("One, ...", "and two, ...")
    low_surface = surface.lower()
    if is_word and row["kind"] == "count":
        if low_surface == "one" and neg < 0 and (_PRONOUN_ONE_BEFORE_RE.search(left) or (
                _PRONOUN_ONE_AFTER_RE.match(text, row["end"])
                and not _PARTITIVE_ONE_RE.match(text, row["end"]))):
            return None
        if " " not in surface and _DISCOURSE_AFTER_RE.match(text, row["end"]) and (
                _at_sentence_start(left) or _AND_OR_BEFORE_RE.search(left, len(left) - SHORT_WINDOW)):
            return None
    # a hyphenated compound that is not a unit: "zero-covid", "seven-member", "one-party"
    if row["kind"] == "count" and _COMPOUND_AFTER_RE.match(text, row["end"]):
        row.update(is_claim=False, note="compound")
    # a capitalised word number inside a name: "Four Seasons", "Seven Sisters"
    if is_word and surface[0].isupper() and not _at_sentence_start(left) \
            and _CAPITAL_AFTER_RE.match(text, row["end"]):
        row.update(is_claim=False, note="name")
    if not is_word and row["kind"] == "count":
        nxt = text[row["end"]:row["end"] + 1]
        if nxt and _LETTER_AFTER_RE.match(nxt):       # "5G", "4K", "3D"
            row.update(is_claim=False, note="name", end=_ALNUM_RE.match(text, row["end"]).end())
        elif (left[-1:].isalpha() or left[-1:] == "-" and left[-2:-1].isalpha()) and not sym:
            # "Covid-19", "F-35", "G20"
            if not _PREFIX_HYPHEN_RE.search(left, len(left) - SHORT_WINDOW) \
                    and not _SCALED_BEFORE_HYPHEN_RE.search(left):    # "5k-20k" is a range
                row.update(is_claim=False, note="name")
    if _year_like(row, text, surface):
        after = text[row["end"]:row["end"] + 30]
        plural_after = re.match(r"\s+(?:[a-z]+\s+)?[a-z]+s\b", after) and not re.match(
            r"\s+(?:was|is|has|as|its|this|his|its|us|thus|plus|versus|whereas)\b", after)
        short = left[-QUALIFIER_WINDOW:]
        partner = _RANGE_PARTNER_BEFORE_RE.search(short)
        counted_after = plural_after or re.match(rf"\s+(?:{_alt(_PLURAL_NOUNS)})\b", after, re.I)
        if partner and counted_after and not _year_like(
                row, text, partner.group("n").replace(",", "")):
            partner_year = False     # "from 1000 to 2000 hires": the other end is no year
        else:
            partner_year = True
        if partner_year and not (_QUALIFIER_RE.search(short) and not _DATE_PREP_RE.search(short)) and not (
                plural_after and not _YEAR_CONTEXT_RE.search(short)):
            row.update(kind="year", iso=surface, unit="")
            if row["note"] == "name" and not _LETTER_AFTER_RE.match(text[row["end"]:row["end"] + 1]):
                row.update(is_claim=True, note="")
            dm = _DATE_PREP_RE.search(short)
            if dm:
                row["qualifier"] = _norm(dm.group("p"))
            return row
    if row["kind"] == "count" and row["is_claim"] and not is_word and not sym and (
            _LABEL_BEFORE_RE.search(left) or _MODEL_AFTER_RE.match(text, row["end"])):
        row.update(is_claim=False, note="name")   # "S&P 500", "iPhone 11", "Game 7", "737 Max"
    if row["kind"] == "count" and row["is_claim"] and not is_word and not sym:
        cap = _capital_word_before(left)
        if cap and cap not in NON_NAME_CAPITALS and cap.lower() not in N.MONTHS \
                and cap[-1] not in ":,":
            subj = _subject(text, row["end"])
            if not subj or subj[0].isupper():
                row.update(is_claim=False, note="name")       # "S&P 500", "Section 427"
    return row


# Words after which a number is an identifier, not an amount. Sources: the major stock
# indices (S&P 500, Nasdaq 100, FTSE 100, Stoxx 600, CAC 40, DAX, Nikkei 225, Russell 2000),
# numbered parts and events ("Part 3", "Game 7", "category 4"), and camel-case product names
# ("iPhone 11").
INDEX_NAMES = ("s&p", "s & p", "s p", "sp", "stoxx", "euro stoxx", "nasdaq", "ftse", "cac", "dax",
               "nikkei", "russell", "hang seng", "asx", "sensex", "nifty", "kospi", "topix", "ibex")
LABEL_NOUNS = ("part", "game", "category", "article", "section", "chapter", "phase", "stage",
               "episode", "volume", "grade", "class", "page", "figure", "table", "no.", "nr.",
               "nrs.", "model", "type", "level", "round", "flight", "route", "highway",
               "interstate", "unit", "room", "apollo", "windows", "version", "gen", "series",
               "note", "galaxy", "pixel", "boeing", "airbus", "a", "b", "mark", "mk")
_LABEL_BEFORE_RE = re.compile(rf"(?:\b(?i:{_alt(INDEX_NAMES)})|\b(?i:{_alt(n for n in LABEL_NOUNS if len(n) > 1)})"
                              rf"|\b[a-z]+[A-Z][A-Za-z]*)\s+$")
_MODEL_AFTER_RE = re.compile(r"(?:’s|'s)?\s+(?:Pro|Max|Mini|Plus|Ultra|Lite|Dreamliner|MAX)\b")


def _date_rows(m: re.Match, text: str) -> dict:
    g = m.group
    if g("mdy") or g("dmy") or g("my"):
        name = "mdy" if g("mdy") else "dmy" if g("dmy") else "my"
        mon = N.MONTHS[_norm(g("mon") or g("mon2") or g("mon3")).rstrip(".")]
        day = g("day") or g("day2")
        yr = g("yr") or g("yr2") or g("yr3")
        if day and not 1 <= int(day) <= 31:
            return None
        if yr and day:
            iso = f"{yr}-{mon:02d}-{int(day):02d}"
        elif yr:
            iso = f"{yr}-{mon:02d}"
        else:
            iso = f"--{mon:02d}-{int(day):02d}"
        s, e = m.span(name)
        return _mention(s, e, "date", float(yr) if yr else math.nan, iso=iso)
    if g("century"):
        cent = int(g("cent"))
        first = (cent - 1) * CENTURY_YEARS
        lo, hi = first, first + CENTURY_YEARS - 1
        half = (g("half") or "").lower()
        if half in ("first", "early"):
            hi = lo + HALF_CENTURY - 1
        elif half in ("second", "latter", "late"):
            lo = lo + HALF_CENTURY
        s, e = m.span("century")
        return _mention(s, e, "date", None, low=float(lo), high=float(hi),
                        iso=f"{lo}/{hi}", value_nan=True)
    if g("decade"):
        dec = int(g("dec")) if g("dec") else 1900 + int(g("dec2"))
        s, e = m.span("decade")
        return _mention(s, e, "date", None, low=float(dec), high=float(dec + DECADE_YEARS - 1),
                        iso=f"{dec // DECADE_YEARS}X")
    # clock time
    hh = int(g("hh") or g("hh2"))
    mm = int(g("mm") or g("mm2") or 0)
    pm = (g("ampm") or "").lower().startswith("p")
    hour = (hh % 12) + (12 if pm else 0)
    s, e = m.span("clock")
    return _mention(s, e, "time", hour + mm / 60, unit="hour", iso=f"T{hour:02d}:{mm:02d}")


# Words that can start a mention; the master regex is only tried where one of these (or a
# digit) starts. Scanning lower-cased text with a trie is ~30x faster than finditer(MASTER_RE).
TRIGGER_WORDS = frozenset([*N.ONES, *N.TENS, *N.SMALL_SCALES, *N.LARGE_SCALES, *N.ORDINAL_WORDS,
                           *N.FRACTION_WORDS, *N.MULTIPLIER_WORDS, *N.VAGUE_WORDS, *N.MONTHS,
                           "number", "half", "latter", "early", "late"])
_A_TRIGGER_WORDS = frozenset([*N.SMALL_SCALES, *N.LARGE_SCALES, *N.FRACTION_WORDS,
                              *N.DURATION_UNITS, *N.TENS])
_TRIGGER_RE = re.compile(rf"\d|{N._VULGAR}|(?<![\w.,])\.(?=\d)|['’](?=\d0s)|an?\s+(?={_trie_regex(_A_TRIGGER_WORDS)}(?![a-z]))"
                         rf"|(?:{_trie_regex(TRIGGER_WORDS)})(?![a-z])")
_TRIGGER_RE_I = re.compile(_TRIGGER_RE.pattern, re.IGNORECASE)


class _Scan:
    """A number read by :func:`doculens.numwords.scan_number`, shaped like a MASTER_RE match
    of the ``num`` group (``frac``: a proportion, read as a fraction row)."""

    __slots__ = ("_s", "_e", "value", "frac", "_text")

    def __init__(self, text: str, start: int, scanned):
        self._text, self._s, self._e = text, start, scanned.end
        self.value, self.frac = scanned.value, scanned.fraction

    def group(self, name=0):
        return self._text[self._s:self._e] if name in (0, "num") else None

    def span(self, name=0):
        return self._s, self._e

    def start(self, name=0):
        return self._s

    def end(self, name=0):
        return self._e


_RATIO_SURFACE_RE = re.compile(r"\s(?:over|in|out\s+of)\s", re.I)
_FRACTION_LOOKAHEAD_RE = re.compile(r"\s+(?:of|or|and)\b|\s*[,.;:)!?]|\s*$")
_SCAN_START_WORDS = frozenset(["half", "quarter"])


def _scan(text: str, lowered: str, p: int, m):
    """The grammar's reading at ``p`` when it is longer than the regex's (or the regex found
    nothing at a word): "two hundred point zero three", "4 thousand 3 hundred and 21"."""
    is_num = m is not None and m.group("num") is not None
    is_frac = m is not None and m.group("fraction") is not None
    if m is not None and not (is_num or is_frac):
        return m
    if m is None and not (text[p].isalpha() or text[p] == "." or text[p] in N.VULGAR_FRACTIONS):
        return m
    sc = N.scan_number(lowered, p, lowered=True)
    if sc is None or (m is not None and sc.end <= m.end()):
        return m
    if sc.fraction and not is_frac:
        surface = text[p:sc.end]
        if not _RATIO_SURFACE_RE.search(surface) and not _FRACTION_LOOKAHEAD_RE.match(text, sc.end):
            return m          # "two quarters in a row": not a fraction
    return _Scan(text, p, sc)


def _matches(text: str):
    """MASTER_RE matches, left to right, non-overlapping, tried only at trigger positions."""
    lowered = text.lower()
    same = len(lowered) == len(text)
    if same:
        triggers = _TRIGGER_RE.finditer(lowered)
    else:
        triggers = _TRIGGER_RE_I.finditer(text)
    last_end = 0
    match = MASTER_RE.match
    for t in triggers:
        p = t.start()
        if p < last_end or (p and text[p - 1].isalpha() and not text[p].isdigit()):
            continue
        m = match(text, p)
        if same:
            m = _scan(text, lowered, p, m)
        if m and m.end() > p:
            last_end = m.end()
            yield m


def _raw_mentions(text: str, default_currency: str) -> list[dict]:
    rows = []
    for m in _matches(text):
        g = m.group
        row = None
        if isinstance(m, _Scan) and m.frac:
            row = _mention(m.start(), m.end(), "fraction", m.value)
            neg = _negative_prefix(text, m.start())
            if neg >= 0:
                row.update(start=neg, value=-m.value, low=-m.value, high=-m.value)
            _qualify(row, text, row["start"])
            row["subject"] = _subject(text, row["end"])
        elif g("num") is not None:
            row = _number_row(m, text, default_currency)
            if row is None:
                continue
            if row.get("_prefix_start") is not None and row["kind"] == "money":
                row["start"] = row["_prefix_start"]
            if row["kind"] not in ("year",):
                _qualify(row, text, row["start"])
            if row["is_claim"] and row["kind"] in ("count", "quantity", "percent", "money", "age",
                                                   "multiplier"):
                row["subject"] = _subject(text, row["end"])
                if row["kind"] == "count" and row["subject"] and not row["per"]:
                    _count_rate(row, text)
        elif g("mdy") is not None or g("dmy") is not None or g("my") is not None \
                or g("century") is not None or g("decade") is not None or g("clock") is not None:
            mon = g("mon") or g("mon2") or g("mon3")
            if mon and mon[0].islower():
                continue
            row = _date_rows(m, text)
            if row is None:
                continue
            dm = _DATE_PREP_RE.search(_left(text, row["start"], QUALIFIER_WINDOW))
            if dm and row["kind"] == "date":
                row["qualifier"] = _norm(dm.group("p"))
        elif g("andhalf") is not None:
            unit, factor = _DURATION_LOWER[_norm(g("hunit"))]
            row = _mention(m.start(), m.end(), "duration", (1 + HALF) * factor, unit=unit)
            _qualify(row, text, row["start"])
        elif g("halfdozen") is not None:
            row = _mention(m.start(), m.end(), "count", N.SMALL_SCALES["dozen"] * HALF)
            _qualify(row, text, row["start"])
            row["subject"] = _subject(text, row["end"])
        elif g("vague") is not None:
            low, high = N.vague_range(g("vague"))
            row = _mention(m.start(), m.end(), "count", None, low=low, high=high)
            row["value"] = None
            cur = _OF_CURRENCY_RE.match(text, m.end())
            sym = _CURRENCY_SYMBOL_RE.search(_left(text, m.start(), SYMBOL_WINDOW))
            if cur:
                code = _CURRENCY_WORDS_LOWER[_norm(cur.group("w"))] or default_currency
                row.update(kind="money", unit=code, end=cur.end())
            elif sym and sym.group("s"):
                row.update(kind="money", unit=N.CURRENCY_SYMBOLS.get(sym.group("s")) or default_currency,
                           start=m.start() - len(_left(text, m.start(), SYMBOL_WINDOW)) + sym.start())
            _qualify(row, text, row["start"])
            if not row["qualifier"] or row["qualifier"] == "range":
                row["qualifier"] = "approx"
            if row["kind"] == "count":
                row["subject"] = _subject(text, row["end"], of_only=True)
        elif g("fraction") is not None:
            if g("fhalf"):
                value = HALF
            else:
                num = g("fnum").lower()
                count = 1.0 if num in ("a", "an") else N.parse_number(num)
                value = count * N.FRACTION_WORDS[g("fden").lower()]
            row = _mention(m.start(), m.end(), "fraction", value)
            _qualify(row, text, row["start"])
            row["subject"] = _subject(text, row["end"])
        elif g("multword") is not None:
            word = g("multword").lower()
            row = _mention(m.start(), m.end(), "multiplier", float(N.MULTIPLIER_WORDS[word]))
            _qualify(row, text, row["start"])     # "more than sixfold"
            if word.endswith(("ed", "ing", "les", "es")) or word in ("double", "triple", "quadruple",
                                                                     "quintuple", "treble"):
                row["change"] = "up"
        elif g("ordinal") is not None:
            if g("ordn"):
                value = float(g("ordn"))
            elif g("ordw"):
                value = float(N.ORDINAL_WORDS[g("ordw").lower()])
            else:
                value = N.parse_number(g("rank"))
            row = _mention(m.start(), m.end(), "ordinal", value)
            after = text[m.end():m.end() + 40]
            cap = _CAPITAL_AFTER_RE.match(after)
            if (cap and cap.group("w").lower() not in N.MONTHS) or re.match(
                    rf"\s+(?:{_alt(TITLE_NOUNS)})\b", after, re.I):
                row.update(is_claim=False, note="name")
            row["subject"] = _subject(text, row["end"])
        if row is not None:
            row["text"] = text[row["start"]:row["end"]]
            rows.append(row)
    return rows


SCORE_MAX = 200          # "9-2", "89-89": results of games are small integers
