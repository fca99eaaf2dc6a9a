"""Benchmark :mod:`doculens.claims` on NewsQuant, the Recognizers-Text English specs, and speed.

Data: ``numeric/newsquant.json`` and ``numeric/recognizers_*Model.json`` in the public
benchmark folder (see ``benchmarks/_common.py``); skips cleanly when absent.

NewsQuant (590 sentences, 904 gold quantities), scored by the rules of the CQE evaluation
(satya77/CQE_Evaluation), as read from the data format and the issue:

* Which predictions count: every ``extract`` row with ``is_claim`` True whose kind is a
  quantity in NewsQuant's sense -- percent, money, count, quantity, duration, age,
  multiplier, fraction (the gold annotates "a third of those" as 0.333 with unit "% -").
  Years, dates, clock times and ordinals are not NewsQuant quantities (the gold never
  annotates "in 2016" or "July 4"), so the adapter drops them.
* Value: a gold value "v" matches a prediction whose value satisfies ``np.isclose(v, value)``;
  a gold range "a-b" matches only a prediction with a low/high pair where {a, b} is close
  to {low, high} (either order: NewsQuant writes "from 36,040 to 34,935" as "36040-34935").
  Matching is one-to-one within a sentence, greedy in gold order.
* Unit: the adapter maps doculens codes to NewsQuant's ``normalized_unit`` names
  (% -> percentage, USD -> dollar, CNY -> chinese yuan, km -> kilometre, hour -> hour, ...);
  a "per" denominator is appended ("dollar per barrel"); a count's unit is its subject
  lemmatised the way NewsQuant's spaCy-style units are: function words and possessives
  dropped, past participles and -ly adverbs before the head dropped ("recorded songs" ->
  "song"), comparatives/superlatives reduced to the positive ("best" -> "good", "hottest" ->
  "hot", via an irregular table and -er/-est rules gated by a list of gradable adjectives),
  nouns singular ("residential burglary"); "-" when it has none. "tonnes" -> "metric ton",
  spelt-out "parts per million" -> "part per million". Value+unit needs value and unit to
  match (string equality, lower case).
  "and"/"or" are function words ("Kia and Hyundai vehicles" -> "kia hyundai vehicle"); an
  age is "<unit> of age" ("an 18 month-old" -> "month of age"); spelt-out "pound-feet" ->
  "pound-foot" (the abbreviation "lb-ft" -> "foot pound-force"); a money amount whose minor
  unit is elided ("84.75 cents, while the lowest is 74.07", doculens note "elided unit")
  is read in that minor unit like its neighbour.
* Multipliers written as a verb with no number ("doubled", "tripling") are dropped: NewsQuant
  annotates none of them; so are rows with no value at all (the library's value-less
  percents, "a small percentage"): NewsQuant annotates only stated amounts.
* Change: a vague range ("thousands") or a from-to move ("climbed from 21 to 23") is "=";
  a lower bound maps to ">" even after a change verb ("climbed more than 3%"); then doculens
  ``change`` up/down maps to up/down (the gold has "rose about 1.5%" as "up" more often than
  as "~"; a changed amount stated as a range keeps it: "dropped by 1 to 1.5 degrees"); then
  qualifier approx maps to "~", less_than/at_most/up_to -> "<", and exact/range/none -> "=".
  Value+change needs value and change to match.
* Precision = matches / predictions, recall = matches / gold, F1 their harmonic mean, over all
  sentences (micro average), in percent.

Recognizers-Text (English specs of the Number, NumberRange, Percent and Currency models):
a case is evaluated unless its ``NotSupported`` lists every platform (dotnet, java,
javascript, python); the pass rate on the cases Python supports is reported too. A case
passes when the predictions of the model's kind correspond one-to-one to the expected
results: each expected result is matched by a prediction whose span overlaps it and whose
value is ``np.isclose`` (Currency: and whose ISO code matches the spec's unit name when the
adapter knows it; NumberRange: low/high against the interval ends), with no prediction left
over. Number: every numeric mention except dates/years/times (names included, since the
model recognises numbers, not claims), and not a number glued to a physical unit
("180ml", "29km": the spec reads those as words). Percent: kind percent, value-less
mentions included (``is_claim`` False, note "no value": the model recognises "calculate a
percentage" too); the spec's resolution "null" matches a prediction with no value.
Currency: kind money; the spec resolves minor units in themselves ("50 cents" -> 50 Cent),
doculens in the major unit (0.5 USD), so the adapter divides those expectations by 100.
NumberRange: rows with a low/high range, and single values with a bound qualifier, read
as an interval (more_than/at_least -> [v, inf), less_than/at_most/up_to -> (-inf, v],
exact -> [v, v]); only the end values and which ends are unbounded are compared, not
whether an end is open or closed.
Failing cases are written to ``bench_claims_recognizers_failures.json``. ``--no-speed``
skips the speed part (quantulum3 takes ~20 s a pass) while iterating.

Speed: ``extract`` over the seed transcript, 50 passes (best of 3 runs of 50), against
quantulum3's ``parser.parse`` over the same text in the same run (one pass after a warm-up
call on a short sentence: quantulum3 takes tens of seconds a pass, so 50 passes would take
half an hour). Reported: seconds per pass each and the ratio (target >= 50x).
"""

from __future__ import annotations

import json
import re
import sys
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import REPO, best_time, data_file, parse_args, report  # noqa: E402

from doculens.claims import extract  # noqa: E402

NEWSQUANT_KINDS = {"percent", "money", "count", "quantity", "duration", "age", "multiplier", "fraction"}
SEED = REPO / "seeds" / "000_5091d5ce2a71cf37.txt"
SPEED_PASSES = 50
PLATFORMS = {"dotnet", "java", "javascript", "python"}

# doculens unit code -> NewsQuant normalized_unit (adapter, not library).
UNIT_NAMES = {
    "%": "percentage", "pp": "percentage", "USD": "dollar", "CNY": "chinese yuan",
    "JPY": "japanese yen", "EUR": "euro", "GBP": "pound sterling", "AUD": "australian dollar",
    "HKD": "hong kong dollar", "CAD": "canadian dollar", "MYR": "malaysian ringgit",
    "ILS": "shekel", "INR": "indian rupee", "RUB": "russian ruble", "KRW": "south korean won",
    "CHF": "swiss franc", "NZD": "new zealand dollar", "SGD": "singapore dollar",
    "km": "kilometre", "m": "metre", "cm": "centimetre", "mm": "millimetre", "um": "micrometre",
    "nm": "nanometre", "mile": "mile", "ft": "foot", "inch": "inch", "yard": "yard",
    "kg": "kilogram", "g": "gram", "mg": "milligram", "lb": "pound-mass", "oz": "ounce",
    "ton": "ton", "Gt": "gigaton", "L": "litre", "mL": "millilitre", "gal": "gallon",
    "barrel": "barrel", "pt": "pint", "qt": "quart", "fl oz": "ounce", "ft3": "cubic foot", "m3": "cubic metre", "ft2": "square foot",
    "m2": "square metre", "km2": "square kilometre", "mi2": "square mile", "acre": "acre",
    "ha": "hectare", "W": "watt", "kW": "kilowatt", "MW": "megawatt", "GW": "gigawatt",
    "kWh": "kilowatt hour", "mAh": "milliampere-hour", "V": "volt", "kV": "kilovolt", "PS": "horsepower", "Hz": "hertz",
    "kHz": "kilohertz", "MHz": "megahertz", "GHz": "gigahertz", "F": "farad",
    "mph": "mile per hour", "km/h": "kilometre per hour", "m/s": "metre per second",
    "mpg": "mile per gallon", "rpm": "revolutions per minute", "hp": "horsepower",
    "bhp": "brake horsepower", "psi": "pound per square inch", "ksi": "kilopound per square inch",
    "GPa": "gigapascal", "lb-ft": "foot pound-force", "ft-lb": "foot pound-force", "GB": "gigabyte",
    "MB": "megabyte", "TB": "terabyte", "deg": "degree", "degC": "celsius",
    "degF": "fahrenheit", "ppm": "parts-per-million", "ppb": "parts-per-billion",
    "cylinder": "cylinder", "point": "point", "bp": "basis point", "year": "year",
    "month": "month", "week": "week", "day": "day", "hour": "hour", "minute": "minute",
    "second": "second", "Mbps": "megabit per second", "Gbps": "gigabit per second",
    "kcal": "calorie", "MWh": "megawatt hour", "GWh": "gigawatt hour", "TWh": "terawatt hour",
    "mmbtu": "mega british thermal unit", "MPa": "megapascal", "kPa": "kilopascal", "N m": "newton metre", "kn": "knot",
    "DKK": "danish krone", "SEK": "swedish krona", "NOK": "norwegian krone",
    "BRL": "brazilian real", "MXN": "mexican peso", "ZAR": "south african rand",
}
CHANGE_OF_QUALIFIER = {"approx": "~", "more_than": ">", "at_least": ">", "less_than": "<",
                       "at_most": "<", "up_to": "<"}
FUNCTION_WORDS = {"of", "the", "a", "an", "its", "their", "his", "her", "our", "all", "this",
                  "these", "those", "world's", "world’s", "my", "your", "most", "more", "least",
                  "less", "fewer", "in", "and", "or"}
MINOR_UNIT_NAMES = {"cent", "pence", "penny", "fen", "paisa"}
# Recognizers-Text unit names -> ISO 4217 (adapter); unknown names are not checked.
RECOGNIZERS_CURRENCY = {
    "dollar": "USD", "united states dollar": "USD", "euro": "EUR", "british pound": "GBP",
    "pound": "GBP", "japanese yen": "JPY", "chinese yuan": "CNY", "yuan": "CNY",
    "finnish markka": "FIM", "canadian dollar": "CAD", "australian dollar": "AUD",
    "hong kong dollar": "HKD", "indian rupee": "INR", "south korean won": "KRW",
    "swiss franc": "CHF", "deutsche mark": "DEM", "cent": "USD", "pence": "GBP",
    "penny": "GBP", "united kingdom pound": "GBP", "turkish lira": "TRY",
    "netherlands guilder": "NLG", "peseta": "ESP", "costa rican colón": "CRC",
    "georgian lari": "GEL", "lao kip": "LAK", "bitcoin": "BTC", "mexican peso": "MXN",
    "new zealand dollar": "NZD", "rupee": "INR", "sri lankan rupee": "LKR",
}


# Sports statistics written as abbreviations, normalised as NewsQuant names them.
STAT_ABBREVIATIONS = {"ppg": "point per game", "rpg": "rebound per game", "apg": "assist per game",
                      "war": "win above replacement", "mpg": "mile per gallon"}
IRREGULAR_SINGULARS = {"children": "child", "men": "man", "women": "woman", "fishermen": "fisherman",
                       "feet": "foot", "teeth": "tooth", "mice": "mouse", "geese": "goose"}


# Lemmas of irregular comparatives and superlatives (NewsQuant's units are spaCy lemmas:
# "best wireless speakers" -> "good wireless speaker"). Source: the irregular comparison
# table of English grammars (Quirk et al. 1985, section 7.74).
IRREGULAR_COMPARISON = {"best": "good", "better": "good", "worst": "bad", "worse": "bad",
                        "furthest": "far", "further": "far", "farthest": "far", "farther": "far",
                        "eldest": "old", "elder": "old", "least": "little", "lesser": "little"}
# Adjectives compared regularly ("smaller", "largest", "hottest", "earliest"): a word ending in
# -er/-est is reduced only when its stem is one of these, so nouns ("player", "interest",
# "forest") are left alone. Source: the common gradable adjectives of news English.
GRADABLE_ADJECTIVES = frozenset("""
big small large great high low long short old young new wide narrow deep shallow
hot cold warm cool fast slow quick early late near close cheap rich poor strong weak
hard easy heavy light bright dark tall thin thick fat proud real busy happy sad safe
nice fine pure rare strict tough wild wise brave calm clean clear dear fair fresh full
grand huge keen kind loud mild neat odd plain quiet rough sharp sick simple smart soft
sweet tight true vast warm wealthy healthy lucky funny pretty ugly tiny hungry angry dirty
costly deadly lively lovely likely noisy sunny windy heavy steep cheap severe tight
""".split())


def _stem_candidates(stem: str) -> list[str]:
    out = [stem, stem + "e"]                       # "old", "larg" + "e"
    if len(stem) > 2 and stem[-1] == stem[-2]:
        out.append(stem[:-1])                      # "hott" -> "hot"
    if stem.endswith("i"):
        out.append(stem[:-1] + "y")                # "earli" -> "early"
    return out


def positive(word: str) -> str:
    """The positive degree of a comparative/superlative adjective ("biggest" -> "big")."""
    w = word.lower()
    if w in IRREGULAR_COMPARISON:
        return IRREGULAR_COMPARISON[w]
    for suffix in ("est", "er"):
        if w.endswith(suffix) and len(w) > len(suffix) + 2:
            for cand in _stem_candidates(w[:-len(suffix)]):
                if cand in GRADABLE_ADJECTIVES:
                    return cand
    return w


def singular(word: str) -> str:
    """Crude English singular for unit comparison ("burglaries" -> "burglary")."""
    w = word.lower()
    if w in ("people", "series", "news", "species"):
        return w
    if w in IRREGULAR_SINGULARS:
        return IRREGULAR_SINGULARS[w]
    if len(w) > 4 and w.endswith("uses"):
        return w[:-2]                      # "viruses", "buses"
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 4 and w.endswith(("ches", "shes", "sses", "xes")):
        return w[:-2]
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


_PENCE = re.compile(r"\d\s?p$|\bpence$", re.I)


_MODIFIER_VERB = re.compile(r"[a-z]{3,}(?:(?<!e)ed|ly)")
_POSSESSIVE = re.compile(r"(?:['’]s|(?<=s)['’])$", re.I)


def lemma_words(subject: str) -> list[str]:
    """NewsQuant-style lemmas of a subject noun phrase: function words dropped, possessives
    stripped, comparatives/superlatives reduced, nouns singular
    ("the world's best wireless speakers" -> ["good", "wireless", "speaker"])."""
    out = []
    for w in subject.split():
        if w.lower() in FUNCTION_WORDS:
            continue
        w = _POSSESSIVE.sub("", w)
        if not w:
            continue
        out.append(w)
    # past participles and adverbs before the head are verbs/adverbs to spaCy, not part of
    # the unit ("recorded songs" -> "song", "decently sized plants" -> "plant"); -ing forms
    # stay (NewsQuant keeps "shipping container", "lightning strike")
    out = [w for w in out[:-1] if not _MODIFIER_VERB.fullmatch(w.lower())] + out[-1:]
    return [singular(positive(w)) for w in out]


def newsquant_unit(row, minor: str = "") -> str:
    if row.kind == "count":
        words = lemma_words(row.subject)
        base = " ".join(words) if words else "-"
        if words and words[0] in ("time",):
            base = "count"                 # "more than 3200 times": a count of events
        elif base in STAT_ABBREVIATIONS:
            base = STAT_ABBREVIATIONS[base]
    elif row.kind == "age":
        base = f"{row.unit or 'year'} of age"      # "an 18 month-old" -> "month of age"
    elif row.kind == "multiplier":
        base = "count"                     # NewsQuant: "grew sixfold", "6.5 times earnings"
    elif row.kind == "fraction":           # NewsQuant: "a third of Germans" -> "% german"
        words = lemma_words(row.subject)
        base = "% " + (" ".join(words) if words else "-")
    elif minor:
        base = minor          # an elided minor unit: "84.75 cents, while the lowest is 74.07"
    elif row.kind == "money" and re.search(r"\bcents?\b", row.text, re.I):
        base = "cent"
    elif row.kind == "money" and _PENCE.search(row.text):
        base = "point"        # NewsQuant normalises pence ("164p") to "point"
    elif row.unit in ("ppm", "ppb") and re.search(r"\bparts\s+per\b", row.text, re.I):
        base = "part per " + ("million" if row.unit == "ppm" else "billion")   # spelt out: lemmas
    elif row.unit == "lb-ft" and re.search(r"\bpound-feet\b", row.text, re.I):
        base = "pound-foot"   # spelt out: lemmas, like "parts per million"; "lb-ft" is the unit
    elif row.unit == "ton" and re.search(r"tonnes?\b", row.text, re.I):
        base = "metric ton"   # NewsQuant: "tonnes" -> "metric ton", "tons" -> "ton"
    else:
        base = UNIT_NAMES.get(row.unit, row.unit.lower() or "-")
    if row.per:
        base = f"{base} per {UNIT_NAMES.get(row.per, singular(row.per))}"
    return base.lower()


_FROM_BEFORE = re.compile(r"\bfrom\s*$", re.I)


def newsquant_change(row, sentence: str = "") -> str:
    if row.low == row.low and row.low != row.high and (
            not re.search(r"\d", row.text) or row.change and row.qualifier == "range"
            and _FROM_BEFORE.search(sentence[:row.start])):
        return "="     # a vague range ("thousands"), a from-to move ("climbed from 21 to 23");
        # a changed amount stated as a range keeps its change ("dropped by 1 to 1.5 degrees")
    if row.qualifier in ("more_than", "at_least"):
        return ">"     # "climbed more than 3%", "lost more than 60%": the bound wins
    if row.change in ("up", "down"):      # "rose about 1.5%" is annotated "up"
        return row.change
    if row.qualifier == "approx":
        return "~"
    if row.low == row.low and row.low != row.high:   # a range (NaN-safe)
        return "="
    return CHANGE_OF_QUALIFIER.get(row.qualifier, "=")


_MULTIPLY_VERB = re.compile(r"(?:doubl|tripl|quadrupl|halv)(?:e|es|ed|ing)", re.I)


def predictions(sentence: str) -> list[dict]:
    df = extract(sentence)
    out = []
    minor_before = ""        # the last money row was in cents ("cent") or pence ("point")
    for row in df.itertuples(index=False):
        if row.kind == "money" and row.note != "elided unit":
            minor_before = ("cent" if re.search(r"\bcents?\b", row.text, re.I)
                            else "point" if _PENCE.search(row.text) else "")
        if not row.is_claim or row.kind not in NEWSQUANT_KINDS:
            continue
        if row.value != row.value and row.low != row.low:
            continue     # a vague mention with no value ("a small percentage"): nothing to match
        if row.kind == "multiplier" and _MULTIPLY_VERB.fullmatch(row.text):
            continue     # "doubled", "tripling": NewsQuant annotates no number-less verb
        value = row.value
        # an elided minor unit ("84.75 cents, while the lowest is 74.07") stays in cents
        elided_minor = minor_before if row.kind == "money" and row.note == "elided unit" else ""
        if row.kind == "money" and (re.search(r"\bcents?\b", row.text, re.I) or elided_minor
                                    or _PENCE.search(row.text)):
            value, low, high = value * 100, row.low * 100, row.high * 100
        else:
            low, high = row.low, row.high
        rng = None if value == value else (low, high)
        out.append({"value": value, "range": rng, "unit": newsquant_unit(row, elided_minor),
                    "change": newsquant_change(row, sentence), "text": row.text})
    return out


_GOLD_RANGE = re.compile(r"^\s*(-?[\d.]+(?:[eE][-+]?\d+)?)\s*-\s*(-?[\d.]+(?:[eE][-+]?\d+)?)\s*$")


def gold_value(text: str):
    m = _GOLD_RANGE.match(text)
    if m:
        return None, (float(m.group(1)), float(m.group(2)))
    return float(text), None


def value_match(gold: dict, pred: dict) -> bool:
    if gold["range"] is not None:
        if pred["range"] is None:
            return False
        a, b = gold["range"]
        lo, hi = pred["range"]
        return bool((np.isclose(a, lo) and np.isclose(b, hi)) or (np.isclose(a, hi) and np.isclose(b, lo)))
    if pred["range"] is not None:
        return False
    return bool(np.isclose(gold["value"], pred["value"]))


def count_matches(golds: list[dict], preds: list[dict], field: str | None) -> int:
    used: set[int] = set()
    hits = 0
    for g in golds:
        for j, p in enumerate(preds):
            if j in used or not value_match(g, p):
                continue
            if field and g[field] != p[field]:
                continue
            used.add(j)
            hits += 1
            break
    return hits


def f1(hits: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = hits / n_pred if n_pred else 0.0
    r = hits / n_gold if n_gold else 0.0
    return 100 * p, 100 * r, (200 * p * r / (p + r) if p + r else 0.0)


def bench_newsquant(path: Path, *, errors_out: Path | None = None) -> dict:
    data = json.loads(path.read_text())
    n_gold = n_pred = 0
    hits = {"value": 0, "unit": 0, "change": 0}
    errors = []
    for item in data:
        golds = []
        for q in item["quantities"]:
            value, rng = gold_value(q["value"])
            golds.append({"value": value, "range": rng, "unit": q["normalized_unit"].lower(),
                          "change": q["change"], "raw": q["value"]})
        preds = predictions(item["text"])
        n_gold += len(golds)
        n_pred += len(preds)
        h = {k: count_matches(golds, preds, None if k == "value" else k) for k in hits}
        for k in hits:
            hits[k] += h[k]
        if h["value"] != len(golds) or h["value"] != len(preds) or h["unit"] != len(golds) \
                or h["change"] != len(golds):
            errors.append({"text": item["text"],
                           "gold": [(g["raw"], g["unit"], g["change"]) for g in golds],
                           "pred": [(p["text"], p["value"], p["range"], p["unit"], p["change"])
                                    for p in preds]})
    if errors_out:
        errors_out.write_text(json.dumps(errors, indent=1, default=str) + "\n")
    results = {"newsquant_sentences": len(data), "newsquant_gold": n_gold,
               "newsquant_predicted": n_pred}
    for k, name in (("value", "value"), ("unit", "value+unit"), ("change", "value+change")):
        p, r, f = f1(hits[k], n_pred, n_gold)
        results[f"newsquant_{name}_precision"] = round(p, 1)
        results[f"newsquant_{name}_recall"] = round(r, 1)
        results[f"newsquant_{name}_f1"] = round(f, 1)
    return results


def _interval(text: str) -> tuple[float, float] | None:
    m = re.match(r"^[\[(]\s*([^,]*),\s*([^\])]*)[\])]$", text.strip())
    if not m:
        return None
    lo = float(m.group(1)) if m.group(1).strip() else -np.inf
    hi = float(m.group(2)) if m.group(2).strip() else np.inf
    return lo, hi


# qualifier -> interval (the adapter's reading of NumberRange's notation; open/closed ends are
# not compared, only the end values and which ends are unbounded).
INTERVAL_OF_QUALIFIER = {"more_than": "low", "at_least": "low", "less_than": "high",
                         "at_most": "high", "up_to": "high", "exact": "both"}


EQUALITY_BEFORE = re.compile(r"(?:=|\bequal(?:s|l?ing)?(?:\s+to)?|\bexactly|\bprecisely)\s*$", re.I)


def predicted_interval(row) -> tuple[float, float] | None:
    if row.value != row.value:                          # a range
        return (row.low, row.high) if row.low == row.low else None
    side = INTERVAL_OF_QUALIFIER.get(row.qualifier)
    if side == "low":
        return row.value, np.inf
    if side == "high":
        return -np.inf, row.value
    if side == "both":
        return row.value, row.value
    return None


def recognizers_case(model: str, case: dict) -> bool:
    df = extract(case["Input"])
    if model == "Number":
        # the Number model recognises every number, names included ("SCP-173", "nr. 22")
        df = df[~df["kind"].isin(["year", "date", "time"])]
        df = df[df["value"].notna() | df["low"].notna()]   # "a percentage" holds no number
    else:
        df = df[df["is_claim"]]
    if model == "Number":
        # the spec reads a number glued to a unit as a word, not a number ("the 180ml
        # liquid", "29km Road"); glued scales ("10k", "1.2b") stay numbers
        glued = (df["kind"] == "quantity") & df["text"].str.fullmatch(r"-?[\d.,]+[A-Za-z]+")
        df = df[~glued]
    elif model == "Percent":
        # the model recognises percent mentions, value-less ones included ("calculate a
        # percentage" -> value null), so the library's "no value" rows count here
        df = extract(case["Input"])
        df = df[(df["is_claim"] | (df["note"] == "no value")) & (df["kind"] == "percent")]
    elif model == "Currency":
        df = df[df["kind"] == "money"]
    elif model == "NumberRange":
        # doculens calls every unqualified number "exact"; NumberRange wants an interval only
        # where the text states the equality ("equal to 30", "= 30", "exactly 30")
        stated = [bool(EQUALITY_BEFORE.search(case["Input"][:start])) for start in df["start"]]
        bounded = df["qualifier"].isin([q for q in INTERVAL_OF_QUALIFIER if q != "exact"])
        df = df[(df["value"].isna() & df["low"].notna()) | bounded
                | (df["qualifier"].eq("exact") & pd.Series(stated, index=df.index, dtype=bool))]
    preds = list(df.itertuples(index=False))
    used: set[int] = set()
    for res in case["Results"]:
        s, e = res["Start"], res["End"] + 1
        expected = str(res["Resolution"].get("value", ""))
        ok = False
        for j, p in enumerate(preds):
            if j in used or p.end <= s or p.start >= e:
                continue
            if model == "NumberRange":
                iv = _interval(expected)
                got = predicted_interval(p)
                good = iv is not None and got is not None and all(
                    (x == y if np.isinf(x) or np.isinf(y) else bool(np.isclose(x, y)))
                    for x, y in zip(iv, got))
            else:
                try:
                    want = float(expected.rstrip("%"))
                except ValueError:
                    want = None
                # the spec resolves minor units in themselves ("50 cents" -> 50 Cent);
                # doculens in the major unit (0.5 USD)
                if want is not None and model == "Currency" and str(
                        res["Resolution"].get("unit", "")).lower() in MINOR_UNIT_NAMES:
                    want = want / 100
                if expected == "null":      # a mention with no value: "a small percent"
                    good = p.value != p.value and p.low != p.low
                elif want is None:
                    good = False
                else:
                    got = p.value if p.value == p.value else np.nan
                    good = bool(np.isclose(want, got))
                if good and model == "Currency":
                    iso = RECOGNIZERS_CURRENCY.get(str(res["Resolution"].get("unit", "")).lower())
                    good = iso is None or iso == p.unit
            if good:
                used.add(j)
                ok = True
                break
        if not ok:
            return False
    return len(used) == len(preds)


def bench_recognizers(args, *, failures_out: Path | None = None) -> dict:
    results = {}
    failures = []
    for model in ("Number", "NumberRange", "Percent", "Currency"):
        path = data_file(args, f"numeric/recognizers_{model}Model.json")
        cases = json.loads(path.read_text())
        evaluated = passed = py_eval = py_pass = 0
        for case in cases:
            unsupported = {p.strip().lower() for p in case.get("NotSupported", "").split(",") if p.strip()}
            if PLATFORMS <= unsupported:
                continue
            ok = recognizers_case(model, case)
            if not ok:
                df = extract(case["Input"])
                failures.append({"model": model, "input": case["Input"],
                                 "expected": [(r["Text"], r["Resolution"].get("value"),
                                               r["Resolution"].get("unit")) for r in case["Results"]],
                                 "got": df[["text", "kind", "value", "low", "high", "unit",
                                            "is_claim"]].values.tolist()})
            evaluated += 1
            passed += ok
            if "python" not in unsupported:
                py_eval += 1
                py_pass += ok
        results[f"recognizers_{model}_cases"] = evaluated
        results[f"recognizers_{model}_pass_pct"] = round(100 * passed / evaluated, 1) if evaluated else 0.0
        results[f"recognizers_{model}_python_supported_cases"] = py_eval
        results[f"recognizers_{model}_python_supported_pass_pct"] = (
            round(100 * py_pass / py_eval, 1) if py_eval else 0.0)
    if failures_out:
        failures_out.write_text(json.dumps(failures, indent=1, default=str) + "\n")
    return results


def bench_speed() -> dict:
    text = SEED.read_text(encoding="utf-8")
    extract(text)   # warm-up
    ours = best_time(lambda: [extract(text) for _ in range(SPEED_PASSES)]) / SPEED_PASSES
    results = {"speed_seed_chars": len(text), "speed_doculens_s_per_pass": round(ours, 5)}
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            from quantulum3 import parser as q_parser
            q_parser.parse("It rose 5% to $3 billion.")   # warm-up: loads its unit tables
            t0 = time.perf_counter()
            q_parser.parse(text)
            theirs = time.perf_counter() - t0
    except ImportError:
        results["speed_quantulum3"] = "skipped: quantulum3 not installed"
        return results
    results["speed_quantulum3_s_per_pass"] = round(theirs, 3)
    results["speed_ratio_x"] = round(theirs / ours, 1)
    return results


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    no_speed = "--no-speed" in argv     # while iterating: skip the (slow) quantulum3 timing
    argv = [a for a in argv if a != "--no-speed"]
    args = parse_args("Numeric claims: NewsQuant (CQE rules), Recognizers-Text specs, speed "
                      "(--no-speed skips the speed part).", argv)
    newsquant = data_file(args, "numeric/newsquant.json")
    results = {}
    errors_path = args.out / "bench_claims_newsquant_errors.json"
    args.out.mkdir(parents=True, exist_ok=True)
    results.update(bench_newsquant(newsquant, errors_out=errors_path))
    results.update(bench_recognizers(args, failures_out=args.out / "bench_claims_recognizers_failures.json"))
    if not no_speed:
        results.update(bench_speed())
    report("bench_claims", results, args)


if __name__ == "__main__":
    main()
