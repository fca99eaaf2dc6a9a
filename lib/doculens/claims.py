"""Numeric claims: find every number in a text, normalise it, attribute it and cross-check it.

Three public functions:

* :func:`extract` -- one row per numeric mention of a text (value, range, unit, qualifier,
  change, subject...).
* :func:`claims_table` -- the same over the workbook's sentences table, with offsets into the
  source, ``is_claim``, ``checkworthiness``, ``attribution`` and ``consistency_group``.
* :func:`consistency_groups` -- the groups of disagreeing claims, side by side.

Everything is regular expressions compiled once at import; the vocabulary (number words,
units, currencies) lives in :mod:`doculens.numwords`, the phrase lists (qualifiers, change
verbs, attribution cues) below, each with its source.

>>> df = extract("It grew by more than 750 solar companies and 80-90% of the market.")
>>> df[["text", "kind", "value", "low", "high", "unit", "qualifier", "change"]].values.tolist()
... # doctest: +NORMALIZE_WHITESPACE
[['750', 'count', 750.0, 750.0, 750.0, '', 'more_than', 'up'],
 ['80-90%', 'percent', nan, 80.0, 90.0, '%', 'range', '']]

Conventions (documented choices the issue leaves open):

* ``like 80 or 60%``: two separate values; the unit of the second is shared with the first.
* Vague plurals ("thousands", "tens of millions") are ranges of one order of magnitude
  (thousands = 1e3..1e4) with qualifier ``approx`` unless a stronger qualifier precedes.
* Restatements ("2.7 trillion yuan or $450 billion", "40,000 yuan, or around $6,000",
  "1.8 billion miles (2.8bn km)") share a ``restatement_group`` id.
* Discourse ordinals ("First, ...", "the second is that") and "one" used as a pronoun are not
  numeric mentions at all; numbers in names ("5G", "Covid-19", "Four Seasons",
  "20th National Congress") are kept with ``is_claim`` False and ``note`` "name".
* Numbers in words follow :func:`doculens.numwords.scan_number`: "two hundred point zero
  three" = 200.03, "five and a half million" = 5.5e6, "3 million and a half" = 3.5e6,
  "twenty and three fifths" = 20.6; a proportion in words or a ratio ("three fifths",
  "one in five", "two out of three", "⅔") is a ``fraction``. "minus"/"negative" are signs.
* Bounds: "more than", "at least", "greater than or equal to", ">=", "exceeding"... before
  the number; "or more", "or less", "or equal" after it. A lower and an upper bound joined
  by "and"/"but" ("more than 10 and less than 20") make one range (qualifier ``range``).
  "equal to"/"equals" is ``exact``.
* "rose to $7.36 billion from $6.78 billion" is two values (new and old level), while
  "from X to Y" is a range. A score "9-2" is the range 2..9; a tie "2-2" is ``is_claim``
  False (note "score").
* Dozens: like the other vague plurals, one order of magnitude (12..120).
* Identifiers are names (``is_claim`` False): stock indices ("S&P 500", "Stoxx 600"),
  numbered parts ("Part 3", "Game 7", "category 4"), products ("iPhone 11", "737 Max").
* Money: ISO 4217 names and plurals ("pesetas", "dutch guilders", "danish crowns"), minor
  units (cents, pence, fen...) converted to the major unit, signs before or after the
  amount ("10 €", "100元"), scaled codes ("30 MUSD"), "3 dollars 50 cents" = 3.5, and
  "pounds" after a scaled amount is GBP ("361 million pounds"), otherwise a weight.
* Percent words without a number are kept as kind ``percent``, unit "%", with no value:
  "a small/large/significant percentage of ..." is a vague amount (qualifier ``approx``,
  note "vague"); "calculate a percentage", "the % of increase" name the notion
  (``is_claim`` False, note "no value").
* Elided units: a bare number linked to a neighbour by a coordination or comparison cue
  ("84.75 cents, while the lowest is 74.07", "rose 4 percent but imports fell by 2", "300
  cars in May and 280 in June", "3 million of the 10 million dollars") takes the neighbour's
  kind, unit and counted noun (note "elided unit") when the two amounts are within
  ``ELLIPSIS_MAX_RATIO`` of each other; a suspended hyphen ("5- or 10-minute",
  "four-, five- and six-cylinder") takes the unit of the compound that completes it; "a
  week or two" is a duration of two weeks.
* House numbers are names (``is_claim`` False, note "address": "49 Elm Road", "22 Ave
  Foch"); "0930 GMT" is a clock time; "Aug. 12-15" is one date (``iso``
  "--08-12/--08-15").
* Ages without "years old": "Maria Lopez, 34, said", "when she was 17", "he will be 40 by
  ...", "a 6 month-old" (unit month), "under the age of 12 years".
* Dates carry an ISO 8601 / EDTF form in ``iso``: "January 27, 2017" -> 2017-01-27,
  "May 5th" -> --05-05 (no year), "1990s" -> 199X, "the second half of the 20th century"
  -> 1950/1999.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict

import pandas as pd

from doculens import numwords as N

__all__ = ["extract", "claims_table", "consistency_groups", "claim_groups", "timeline",
           "most_checkworthy", "highlighted", "show_claims", "groups_html", "COLUMNS",
           "TABLE_COLUMNS", "GROUP_COLUMNS", "TIMELINE_COLUMNS"]

# --- Output schema ----------------------------------------------------------------------
CORE_COLUMNS = ["start", "end", "text", "kind", "value", "low", "high", "unit", "qualifier",
                "change", "subject"]
EXTRA_COLUMNS = ["iso", "per", "restatement_group", "is_claim", "note"]
COLUMNS = CORE_COLUMNS + EXTRA_COLUMNS
TABLE_COLUMNS = ["doc_id", "sentence_id", "turn_id", "speaker", *COLUMNS, "sentence",
                 "checkworthiness", "attribution", "consistency_group"]

KINDS = ("percent", "money", "count", "quantity", "year", "date", "time", "duration",
         "ordinal", "multiplier", "fraction", "age")

# --- Tunables ---------------------------------------------------------------------------
LEFT_WINDOW = 60          # characters of left context kept for the context checks
QUALIFIER_WINDOW = 36     # ... searched for a qualifier and a change verb ("in excess of")
SYMBOL_WINDOW = 8         # ... searched for a currency symbol ("US $", "HK$")
SHORT_WINDOW = 24         # ... searched for the word just before a number
SENTENCE_START_CHARS = ".!?:;\"“(—–"
SUBJECT_MAX_WORDS = 5     # a subject noun phrase is at most this many words
SUBJECT_LOOKAHEAD = 80    # characters after a mention searched for its subject
YEAR_MIN, YEAR_MAX = 1100, 2100   # a bare 4-digit integer in this span is read as a year
CENTURY_YEARS = 100
HALF_CENTURY = 50
DECADE_YEARS = 10
HALF = 0.5
TWO_DIGIT_YEAR = 100      # "2021-22": the second year is written modulo 100

# --- Phrase lists (data) ----------------------------------------------------------------
# Qualifier phrases, written before a number. Source: CQE's change/bound cue lists
# (Almasian et al., EMNLP 2023, "=", "~", ">", "<") refined into the issue's qualifiers.
QUALIFIERS: dict[str, str] = {
    "more than": "more_than", "over": "more_than", "above": "more_than",
    "upwards of": "more_than", "in excess of": "more_than", "greater than": "more_than",
    "higher than": "more_than", "over than": "more_than", "just over": "more_than",
    "well over": "more_than", "north of": "more_than", "exceeding": "more_than",
    "more then": "more_than", "larger than": "more_than", "bigger than": "more_than",
    "at least": "at_least", "no less than": "at_least", "no fewer than": "at_least",
    "a minimum of": "at_least", "not less than": "at_least",
    "less than": "less_than", "fewer than": "less_than", "under": "less_than",
    "below": "less_than", "just under": "less_than", "lower than": "less_than",
    "shy of": "less_than", "smaller than": "less_than",
    "at most": "at_most", "no more than": "at_most", "a maximum of": "at_most",
    "not more than": "at_most", "not exceeding": "at_most",
    "up to": "up_to", "as many as": "up_to", "as much as": "up_to", "as high as": "up_to",
    "about": "approx", "around": "approx", "approximately": "approx", "roughly": "approx",
    "nearly": "approx", "almost": "approx", "some": "approx", "close to": "approx",
    "circa": "approx", "ca.": "approx", "approx.": "approx", "an estimated": "approx",
    "estimated": "approx", "like": "approx", "~": "approx", "just about": "approx",
    "some estimated": "approx", "an approximate": "approx", "or so": "approx",
    "sub-": "less_than",
    "under the age of": "less_than", "over the age of": "more_than", "below the age of": "less_than",
    # bounds with equality, as in queries and reports ("greater than or equal to 50")
    "greater than or equal to": "at_least", "more than or equal to": "at_least",
    "higher than or equal to": "at_least", "larger than or equal to": "at_least",
    "greater or equal than": "at_least", "higher or equal than": "at_least",
    "bigger or equal than": "at_least", "larger or equal than": "at_least",
    "more or equal than": "at_least", "greater or equal to": "at_least",
    "equal to or more than": "at_least", "equal to or greater than": "at_least",
    "equal to or higher than": "at_least", "at least or equal to": "at_least",
    "less than or equal to": "at_most", "fewer than or equal to": "at_most",
    "lower than or equal to": "at_most", "smaller than or equal to": "at_most",
    "less or equal than": "at_most", "smaller or equal than": "at_most",
    "lower or equal than": "at_most", "less or equal to": "at_most",
    "equal to or less than": "at_most", "equal to or fewer than": "at_most",
    "equal to or lower than": "at_most", "equal to or smaller than": "at_most",
    "exceed": "more_than", "exceeds": "more_than", "surpass": "more_than",
    "surpasses": "more_than", "surpassing": "more_than", "topping": "more_than",
    "equal to": "exact", "equals": "exact", "equals to": "exact", "equaling": "exact",
    "equaling to": "exact", "equalling": "exact", "equalling to": "exact",
    # comparison signs (ASCII and Unicode)
    ">": "more_than", "<": "less_than", ">=": "at_least", "> =": "at_least", "≥": "at_least",
    "<=": "at_most", "< =": "at_most", "≤": "at_most", "=": "exact",
    "<>": "", "=>": "", "=<": "", "!=": "", "≠": "",   # not equal, or malformed: no bound
    "exactly": "exact", "precisely": "exact", "just": "exact", "only": "exact",
}
# Prepositions kept as the qualifier of a year or date ("by 2050").
DATE_QUALIFIERS = ("by", "since", "until", "till", "before", "after")
# Change verbs. Source: CQE's "up"/"down" change cues, extended with common news verbs.
UP_WORDS = ("rose", "rise", "rises", "risen", "rising", "increased", "increase", "increases",
            "increasing", "grew", "grow", "grows", "grown", "growing", "gained", "gain",
            "gains", "jumped", "jump", "jumps", "climbed", "climb", "climbs", "surged",
            "surge", "surges", "soared", "soar", "soars", "advanced", "advances", "added",
            "up", "raised", "raise", "boosted", "rallied", "spiked", "expanded", "higher",
            "improved", "hiked", "climbing", "jumping", "soaring", "surging", "gaining",
            "advancing", "upward", "upwards")
DOWN_WORDS = ("fell", "fall", "falls", "fallen", "falling", "dropped", "drop", "drops",
              "declined", "decline", "declines", "decreased", "decrease", "decreases",
              "lost", "lose", "loses", "slid", "slide", "slides", "plunged", "plunge",
              "plunges", "plummeted", "tumbled", "sank", "sink", "dipped", "dip", "slipped",
              "shrank", "shrunk", "down", "cut", "cuts", "reduced", "reduce", "lowered",
              "slumped", "eased", "retreated", "shed", "lower", "contracted", "slashed",
              "plummeting", "plunging", "dropping", "declining", "sliding", "slipping",
              "tumbling", "losing", "shrinking", "sinking", "dipping", "plummet", "plummets",
              "downward", "downwards")
# A full stop after one of these ends no attribution ("According to the U.S. Census",
# "according to Dr. Lee"): single capitals (initials) and titles.
_NOT_AN_ABBREVIATION = "".join(rf"(?<!\b{a})" for a in (
    "[A-Z]", "Dr", "Mr", "Mrs", "Ms", "Prof", "St", "Jr", "Sr", "No", "Inc", "Co", "Corp",
    "Ltd", "Gen", "Gov", "Sen", "Rep", "Dept", "Univ", "Mt", "Ft", "vs"))
# Attribution cues: who the speaker cites. Source: reported-speech patterns in news
# (Pareti, "A database of attribution relations", LREC 2012), reduced to surface cues.
ATTRIBUTION_PATTERNS = (
    r"\b[Aa]ccording\s+to\s+[^,;:\n]{1,60}?(?=\s*[,;:]|" + _NOT_AN_ABBREVIATION + r"[.!?](?:\s|$)|\s+(?:that|it|there|this|these|they|he|"
    r"she|we|[a-z]+\s+(?:could|would|will|may|might|is|are|was|were|has|have))\b)",
    r"\b(?:[Aa]s\s+)?reported\s+by\s+(?:the\s+)?[A-Z][\w'’.&-]*(?:\s+[A-Z][\w'’.&-]*)*",
    r"\b[Rr]eports?\s+(?:from|by|of)\s+[^.;]{1,80}?\s+suggest(?:s|ed)?\b",
    r"\b(?:[Tt]he\s+)?(?:[A-Z][\w'’.&-]*\s+){1,4}(?:reported|said|says|estimated|estimates|found|"
    r"announced|stated)\b",
    r"\b(?:I|[Ww]e)\s+(?:believe|think|estimate|guess|reckon)\b",
    r"\b(?:[Ee]xperts?|[Aa]nalysts?|[Rr]esearchers|[Oo]fficials|[Ss]ources|[Ss]tudies|[Ss]urveys|"
    r"[Dd]ata|[Ss]tatistics|[Ff]igures)\s+(?:say|said|show|showed|suggest|suggested|estimate|"
    r"estimated|found)\b",
    r"\b(?:[Mm]edia|[Ss]tate\s+media|[A-Z]\w+\s+media)\s+(?:has|have)\s+reported\b",
)
# Superlatives and positional words after which a word ordinal is a rank ("sixth largest").
RANK_CUES = r"(?:largest|biggest|most|least|best|worst|highest|lowest|richest|poorest|ranked|[a-z]{2,}est)"
# Nouns after which an ordinal names an event or edition, not a rank ("20th National Congress").
TITLE_NOUNS = ("congress", "plenum", "session", "anniversary", "edition", "amendment",
               "forum", "conference", "summit", "games", "olympics", "meeting",
               "party congress", "national congress", "birthday")
# Words that end a subject noun phrase. Source: function words of English plus frequent
# news verbs (a subject is the counted noun phrase, not the clause after it).
SUBJECT_STOP = frozenset("""
that which who whom whose what where when while if because so then than as since
is are was were be been being am have has had having will would can could may might shall
should must do does did done not no nor also still just only even ever never already
in on at for from to by with and or but into onto over under per via about around
against between among through during after before until till upon within without across
ago later earlier each every this these those there here now today yesterday tomorrow
it its it's he she they we i you me him her them our your their my his
why how cannot can't won't don't doesn't didn't isn't aren't wasn't weren't couldn't
more less most least up down out off back away again further very too rather quite
said says say told tell reported announced according gained rose fell dropped added
closed ended increased declined jumped went came become became got get gets make made
including like such
behind beyond near toward towards whilst despite amid inside outside below above along
throughout onto
""".split())
# Degree words kept inside a subject ("of the most gifted attackers", "eight more picks"),
# not before "than" ("5 more than last year").
_SUBJECT_DEGREE = frozenset("most least more fewer".split())
_THAN_RE = re.compile(r"\s+than\b", re.I)
_SUPERLATIVE_RE = re.compile(r"(?i:most|least|best|worst|[a-z]{2,}est)")
_SUPERLATIVE_DOMAIN_RE = re.compile(
    r"\s+(?P<d>in\s+(?:the|his|her|its|their|our|my|your)\s+[a-z]+|in\s+(?:the\s+)?[A-Z][a-z]+)"
    r"(?=\s*(?:[,.;:!?]|$|\s+(?:with|and|but|to|for|,)\b))")
_PLURAL_NOUNS = frozenset("people men women children persons staff police".split())
OF_DETERMINERS = frozenset("the all its their our his her my your a an this these those that "
                           "world's world’s global total country's nation's whole".split())
# Capitalised words that may precede a number without making it a name ("In 2019").
NON_NAME_CAPITALS = frozenset("""
In On At By Since Until From To For About Over Under Of And Or But With Without The A An
Only Just Nearly Almost Around Some Top All Than Between After Before During Nearly Roughly
About Approximately More Less Fewer Up Down Last Next Every Each Some Another Any Both
I We You He She They It That This These Those There Here Number No Yes Inc Co Corp Ltd
""".split())

# --- Regexes ----------------------------------------------------------------------------


def _alt(words) -> str:
    """A regex alternation, longest first, each word regex-escaped (spaces match any run)."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+")
                    for w in sorted(set(words), key=len, reverse=True))


def _trie_regex(words) -> str:
    """A regex matching any of ``words``, compiled as a character trie (fast in ``re``).
    A space in a word matches any run of white space."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        alts = [(r"\s+" if ch == " " else re.escape(ch)) + build(sub)
                for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(trie)


_MONTH = rf"(?:{_alt(m.capitalize() for m in N.MONTHS)}|{_alt(m.upper() for m in N.MONTHS)})"
_ORD_SUFFIX = r"(?:st|nd|rd|th)"
_DURATION = _alt(N.DURATION_UNITS)
_WORD_ORD = _alt(N.ORDINAL_WORDS)
_FRACTION_DEN = (_alt(w for w in N.FRACTION_WORDS if w.endswith("s") or w in ("half", "quarter"))
                 + "|(?:(?<=\\ba\\s)|(?<=\\ban\\s)|(?<=\\bone\\s)|(?<=\\bone-))(?:"
                 + _alt(w for w in N.FRACTION_WORDS if not w.endswith("s")) + ")")
_VAGUE = _alt(N.VAGUE_WORDS)
_LARGE_VAGUE = _alt(w for w in N.VAGUE_WORDS if N.VAGUE_WORDS[w] >= 1e3)
_SCALE_WORDS = r"(?:thousand|million|billion|trillion|lakh|crore)"
_SCALE_ABBR = r"(?:k|m|mn|mln|mil|bn|bln|b|tn|trn)"
# Currency symbols written in letters against the digits ("RM79", "PS6m", "$US113").
_ATTACHED_SYMBOL_BEHIND = "(?:" + "|".join(
    rf"(?<=(?<![A-Za-z]){re.escape(sym)})" for sym in N.ATTACHED_CURRENCY_SYMBOLS) + ")"
_NUMBER_CORE = (rf"(?:(?<![\w.,/⁄])(?:{N.SLASH_FRACTION})(?![\w])|(?:(?<![a-z0-9_.,/⁄])|{_ATTACHED_SYMBOL_BEHIND})(?:{N.DIGIT_NUMBER})(?:{_SCALE_ABBR}(?![\w])|(?:\s+|-)(?:a\s+)?{_SCALE_WORDS}\b)*"
                rf"|(?<![\w-])(?:{N.WORD_NUMBER})(?![\w]))")

MASTER_RE = re.compile(
    # dates: "January 27, 2017", "May 5th", "Feb. 23"
    rf"(?P<mdy>\b(?P<mon>{_MONTH})\.?\s+(?P<day>\d{{1,2}}){_ORD_SUFFIX}?(?![\d:])(?:,?\s+(?P<yr>\d{{4}})\b)?)"
    rf"|(?P<dmy>\b(?P<day2>\d{{1,2}}){_ORD_SUFFIX}?\s+(?:of\s+)?(?P<mon2>{_MONTH})\b\.?(?:,?\s+(?P<yr2>\d{{4}})\b)?)"
    rf"|(?P<my>\b(?P<mon3>{_MONTH})\.?,?\s+(?P<yr3>\d{{4}})\b)"
    # centuries: "the second half of the 20th century"
    rf"|(?P<century>\b(?:(?P<half>first|second|latter|early|late)\s+half\s+of\s+)?(?:the\s+)?(?P<cent>\d{{1,2}}){_ORD_SUFFIX}[\s-]+century\b)"
    # decades: "1990s", "the '80s"
    rf"|(?P<decade>(?<![\w.,])(?P<dec>1\d\d0|20\d0)'?s\b|['’](?P<dec2>\d0)s\b)"
    # clock times: "1am", "12:01 a.m."
    rf"|(?P<clock>\b(?P<hh>\d{{1,2}})(?:[:.](?P<mm>[0-5]\d))?\s*(?P<ampm>[ap]\.?m\.?)(?![a-z])"
    rf"|\b(?P<hh2>\d{{1,2}}):(?P<mm2>[0-5]\d)(?::[0-5]\d)?(?:\.\d+)?(?![\d:]))"
    # "a day and a half", "a year and a half"
    rf"|(?P<andhalf>\b(?:a|an|one)\s+(?P<hunit>{_DURATION})\s+and\s+a\s+half\b)"
    # "half a dozen"
    rf"|(?P<halfdozen>\bhalf\s+a\s+dozen\b)"
    # vague plurals: "tens of millions", "hundreds of billions", "thousands of"
    rf"|(?P<vague>\b(?:(?:{_VAGUE})\s+of\s+(?:{_LARGE_VAGUE})|(?:{_LARGE_VAGUE})(?:\s+(?:and|or)\s+(?:{_LARGE_VAGUE}))?|(?:tens|dozens|scores|hundreds)(?=\s+of\b))\b)"
    # fractions: "a half", "one-half", "two thirds", "half of"
    rf"|(?P<fraction>\b(?P<fnum>a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d+)[\s-]+(?P<fden>{_FRACTION_DEN})\b(?=\s+(?:of|or|and)\b|\s*[,.;:)!?]|\s*$)|(?<![\w-])(?<!first\s)(?<!second\s)(?<!latter\s)(?<!other\s)(?<!final\s)(?P<fhalf>[Hh]alf)(?=\s+of\s+(?!(?:the|an?)\s+(?:year|century|decade|season|game|match|\w+\s+game)\b)|\s+the\s+(?!(?:year|century|decade|season|game|match|time)\b)[a-z])\b)"
    # multiplicative words: "tripled", "to quadruple"
    rf"|(?P<multword>(?:(?<=\bto\s)|(?<=\bwill\s)|(?<=\bwould\s)|(?<=\bcould\s)|(?<=\bcan\s)|(?<=\bmay\s))(?:double|triple|quadruple|quintuple|treble)\b"
    rf"|\b(?:{_alt(w for w in N.MULTIPLIER_WORDS if w not in ('double', 'triple', 'quadruple', 'quintuple', 'treble'))})\b)"
    # ranks: "16th", "sixth largest", "number 3"
    rf"|(?P<ordinal>(?<![\w.,])(?P<ordn>\d+){_ORD_SUFFIX}\b|\b(?P<ordw>{_WORD_ORD})(?=[\s-]+{RANK_CUES}\b)|\b[Nn]umber\s+(?P<rank>\d+|one|two|three|four|five|six|seven|eight|nine|ten)\b(?!\s*,))"
    # plain numbers, digits or words, with their scale words: "1.7 trillion", "35m"
    rf"|(?P<num>{_NUMBER_CORE})",
    re.IGNORECASE,
)
# After a number.
_AND_HALF_RE = re.compile(r"\s+and\s+a\s+half\b", re.I)
_PERCENT_RE = re.compile(r"\s*(?:%|percentage\s+points?\b|percents?\b|percentage\b|per\s*cent\b|pct\b|pc\b)", re.I)
# "percent of 10", "per cent of twenty-two": the percent word written before the number.
_PERCENT_BEFORE_RE = re.compile(r"\b(?:percents?|per\s*cent|percentage)\s+of\s+$", re.I)
# A number inside a URL or an encoded query string is not a mention.
_URL_TOKEN_RE = re.compile(r"://|\bwww\.|[?&]\w+=|%[0-9A-F]{2}")
_WS_BEFORE_RE = re.compile(r"\S*$")
_WS_AFTER_RE = re.compile(r"\S*")
_SIGN_AFTER_RE = re.compile(rf"\s?(?P<w>{_alt(N.CURRENCY_SIGNS_AFTER)})(?![\w$])")
_SCALE_AFTER_CODE_RE = re.compile(r"\s+(?P<w>thousand|million|billion|trillion)\b", re.I)
_SCALED_CODE_BEFORE_RE = re.compile(rf"\b(?P<w>{_alt(k.upper() for k in N.SCALED_CURRENCY_CODES if k[0] != 't')})\s*$")
_SCALED_CODE_RE = re.compile(rf"\s?(?P<w>{_alt(N.SCALED_CURRENCY_CODES)})(?![\w])", re.I)
_POUNDS_AFTER_RE = re.compile(r"[\s-]*(?P<w>pounds?)(?![\w])", re.I)
# "3 dollars 50 cents", "thirteen dollars and forty-five cents", "15 dollars and 15."
_MINOR_JOIN_RE = re.compile(r"^\s*(?:and\s+)?$", re.I)
_END_OF_AMOUNT_RE = re.compile(r"\s*(?:[.,;:!?]|$)")
_AGE_RE = re.compile(r"(?:[\s-]+(?P<u>year|month|week|day)s?[\s-]+old\b|[\s-]+years?\s+of\s+age\b)", re.I)
_CURRENCY_WORD_RE = re.compile(rf"[\s-]*(?P<w>{_alt(N.CURRENCY_WORDS)})(?![\w])", re.I)
_DURATION_RE = re.compile(rf"[\s-]*(?P<w>{_DURATION})(?![\w])", re.I)
_TIMES_RE = re.compile(r"(?:\s+times|[\s-]*fold|x)(?![\w])", re.I)
# "6.5 times earnings", "1.4 times book value": a multiple of a quantity (not "three times a
# week", "10 times in a row": a frequency).
_TIMES_NOUN_RE = re.compile(r"\s+(?!(?:a|an|per|each|every|in|on|at|to|this|that|the|and|or|"
                            r"since|before|after|last|during|over|for|with|from|by|it|he|she|"
                            r"they|we|i|you|is|was|are|were|has|had|have)\b)[a-z]{3,}", re.I)
_TIMES_MULT_CUE = re.compile(r"\s+(?:more|less|as|the|bigger|larger|higher|greater|faster|"
                             r"over|[a-z]+er\b)", re.I)
_UNIT_WORDS = {k: v for k, v in N.QUANTITY_UNITS.items() if len(k) > 1 and k not in ("mi",)}
# "One US fluid ounce", "a U.S. gallon", "two imperial pints": the system named before the
# unit; "1/16 of a US pint", "0.3 of a mile": a part of one unit (the ``of`` group).
_UNIT_RE = re.compile(rf"(?P<of>\s+of\s+an?(?=\s))?[\s-]*(?:(?-i:U\.?S\.?|[Ii]mperial)\s+)?"
                      rf"(?P<w>{_alt(_UNIT_WORDS)})(?![\w])", re.I)
_CASED_UNIT_RE = re.compile(rf"\s?(?P<w>{_alt(N.CASED_UNITS)})(?![\w])")
# "a year earlier", "a week ago": a point in time, not a rate.
_PER_RE = re.compile(rf"(?:,?\s*(?:per|a|an|each|every|/)|-an?-)[\s-]*(?P<w>{_DURATION}|{_alt(_UNIT_WORDS)}|"
                     r"barrel|share|person|head|capita|ton|gallon|unit|game|kilo|pound|piece|"
                     r"square\s+(?:foot|feet|metre|meter)|mmbtu)(?![\w])"
                     r"(?!\s+(?:earlier|ago|before|later|prior|after|previously|on)\b)", re.I)
_OF_CURRENCY_RE = re.compile(rf"\s+of\s+(?P<w>{_alt(N.CURRENCY_WORDS)})(?![\w])", re.I)
_LETTER_AFTER_RE = re.compile(r"[A-Za-z]")
_CURRENCY_CODE_RE = re.compile(rf"\s?(?P<w>{'|'.join(N.CURRENCY_CODES)})(?![\w])")
_ATTACHED_UNIT_RE = re.compile(rf"(?P<w>{'|'.join(N.ATTACHED_UNITS)})(?![\w])")
_ALNUM_RE = re.compile(r"[A-Za-z0-9]*")
_COMPOUND_AFTER_RE = re.compile(r"-[A-Za-z]")
# Before a number (searched at the end of the left window).
_CURRENCY_SYMBOL_RE = re.compile(
    rf"(?:(?<![A-Za-z])(?P<s>{_alt(k for k in N.CURRENCY_SYMBOLS if not k.isalpha() and not k.endswith('.'))})|\b(?P<c>{_alt(k for k in N.CURRENCY_SYMBOLS if k.replace('.', '').isalpha())})\.?)\s*$",
    re.I)
_US_BEFORE_SYMBOL_RE = re.compile(r"\b(?i:u\.?s\.?)\s*$")
_QUALIFIER_RE = re.compile(rf"(?:^|(?<=[^\w])|(?=[<>=≤≥]))(?P<q>{_trie_regex(q.lower() for q in QUALIFIERS)})\s*$", re.I)
# "rose 5%", "fell by 2%", "fell to 49.55 Hz"; not "up at 96.088" (a level quoted, no change),
# nor "a gain of 2.13%" (a noun: the amount of a change, stated as a plain amount).
_CHANGE_RE = re.compile(rf"\b(?P<v>{_trie_regex(UP_WORDS + DOWN_WORDS)})(?:\s+(?:by|to|from|some|only|just))?\s*$", re.I)
# "grow sales by 35 per cent", "cut its forecast by 2%": a change verb, its object, then "by".
_CHANGE_BY_RE = re.compile(rf"\b(?P<v>{_trie_regex(UP_WORDS + DOWN_WORDS)})(?:\s+(?!by\b)[\w'’-]+){{1,3}}"
                           r"\s+by\s*$", re.I)
_DATE_PREP_RE = re.compile(rf"\b(?P<p>{_alt(DATE_QUALIFIERS)})\s+(?:the\s+)?(?:early\s+|late\s+|mid-?)?$", re.I)
_YEAR_CONTEXT_RE = re.compile(r"\b(?:in|since|by|from|until|till|of|before|after|between|"
                              r"and|to|year|early|late|mid|circa|during|through)\s*-?$", re.I)
_TRAILING_SCALE_RE = re.compile(r"(?:[\s-]+(?:thousand|million|billion|trillion))+$", re.I)
_LIST_MARKER_BEFORE_RE = re.compile(r"(?:^|\n|[:;]\s*|\()\s*\(?$")
_LIST_MARKER_AFTER_RE = re.compile(r"[).]\s")
_LAST_WORD_RE = re.compile(r"[\w&.’'-]+$")
_AND_OR_BEFORE_RE = re.compile(r"\b(?:and|or)\s+$", re.I)
_SCALED_BEFORE_HYPHEN_RE = re.compile(rf"(?<![A-Za-z])\d[\d.,]*{_SCALE_ABBR}-$", re.I)
_PREFIX_HYPHEN_RE = re.compile(r"\b(?:mid|pre|post|early|late|sub)-$", re.I)
_CAPITAL_AFTER_RE = re.compile(r"\s+(?P<w>[A-Z][a-z]\w*)")
_DISCOURSE_AFTER_RE = re.compile(r"\s*,")
_PRONOUN_ONE_BEFORE_RE = re.compile(r"\b(?:the|this|that|which|no|any|every|each|some|any|"
                                    r"a|another|little|only|last|right|wrong|same|such)\s+$", re.I)
_PRONOUN_ONE_AFTER_RE = re.compile(r"(?:\s+(?:of|that|who|which|is|was|or|another|thing|"
                                   r"day|time|way|must|should|would|could|can|will|has|had|"
                                   r"does|did|might|may|and)\b|\s*[,.;:!?'’)]|\s*$)", re.I)
# "one of the students", "one of his best": a count of one, unlike the pronoun "the one that".
_PARTITIVE_ONE_RE = re.compile(r"\s+of\s+(?:the|my|his|her|its|their|our|your|these|those|"
                               r"[\w’']+['’]s?)\s+\w", re.I)
# Pence written "164p" or "68 p" (share prices in British copy); a video resolution is not.
_PENCE_RE = re.compile(r"\s?p(?![\w&])")
VIDEO_RESOLUTIONS = frozenset((240, 360, 480, 720, 1080, 1440, 2160, 4320))
_WORD_RE = re.compile(r"\s*(?:(?P<w>[A-Za-z][\w'’&.-]*[\w]|[A-Za-z])|(?P<p>[^\s\w]|\d))")
_CONNECT_RANGE_RE = re.compile(r"^\s*(?:-|–|—|~|to|through|thru|and)\s*$", re.I)
# A bound written after the number: "10 or more people", "500 or less", "less than 5000 or equal".
_POSTFIX_BOUND_RE = re.compile(
    r"\s*(?:or|and)\s+(?:(?P<up>more|greater|higher|above|over|larger|bigger)|"
    r"(?P<down>less|fewer|lower|below|under|smaller)|(?P<eq>equal))(?:\s+(?:than|to))?(?![\w-])", re.I)
POSTFIX_GAP = 12          # a number this close after a postfix bound is its own operand
# Between a lower and an upper bound read as one interval ("more than 10 and less than 20").
_BOUND_PAIR_RE = re.compile(r"^\s*,?\s*(?:and|but|,)?\s*$", re.I)
LOWER_BOUNDS = ("more_than", "at_least")
UPPER_BOUNDS = ("less_than", "at_most", "up_to")
_CONNECT_OR_RE = re.compile(r"^\s*,?\s*(?:or|and)\s*$", re.I)
_CLOSE_PAREN_RE = re.compile(r"\s*\)")
_NOUN_OR_RE = re.compile(r"^\s*(?:[A-Za-z][\w-]*\s+){1,3},?\s*or\s*$")
_CONNECT_RESTATE_RE = re.compile(
    rf"^\s*(?:,\s*)?(?:\(|or\s+|i\.e\.,?\s+|that\s+is,?\s+|equivalent\s+to\s+|roughly\s+|about\s+)"
    rf"(?:{_alt(q for q, v in QUALIFIERS.items() if v == 'approx')})?\s*$", re.I)
_ELIDED_CHANGE_RE = re.compile(r"^\s*[,;]\s*(?:and\s+)?(?:[A-Z][\w&.’'-]*\s+){1,3}by\s+$")
_BETWEEN_RE = re.compile(r"\bbetween\s*$", re.I)
_FROM_RE = re.compile(r"\bfrom\s*$", re.I)
_BY_RE = re.compile(r"\bby\s*$", re.I)   # "rose by $43.6 billion to $419.2 billion": two values
_TO_RE = re.compile(r"\bto\s*$", re.I)
# "from $36,040 at 10.45pm last night to $34,935", "to 23 from 21": a range split by words.
FROM_TO_MAX_GAP = 60      # characters between the two ends
_FROM_TO_BREAK_RE = re.compile(r"[.;!?]\s+[A-Z]|\b(?i:and|but|while|whereas|from|to|by)\b")
_COMMA_NUMBER_RE = re.compile(r"^\d{1,3}(,\d{3})+$")

_ATTRIBUTION_RE = re.compile("|".join(f"(?:{p})" for p in ATTRIBUTION_PATTERNS))
_CURRENCY_WORDS_LOWER = {k.lower(): v for k, v in N.CURRENCY_WORDS.items()}
_DURATION_LOWER = {k.lower(): v for k, v in N.DURATION_UNITS.items()}
_UNITS_LOWER = {k.lower(): v for k, v in _UNIT_WORDS.items()}
_SPACES_RE = re.compile(r"\s+")


def _norm(s: str) -> str:
    return _SPACES_RE.sub(" ", s.lower())


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


def claims_table(sentences: pd.DataFrame, *, default_currency: str = "USD") -> pd.DataFrame:
    """One row per numeric mention of a sentences table, with offsets into the source.

    ``sentences`` has sentence_id, doc_id, turn_id, speaker, start, end, text, is_question.
    Adds: is_claim (False for names, titles), checkworthiness (0..1, see :data:`KIND_WEIGHT`),
    attribution (the cited source, "" when none), consistency_group (Int64, NA when none).

    >>> s = pd.DataFrame({"sentence_id": [0], "doc_id": [0], "turn_id": [0],
    ...     "speaker": ["Krach"], "start": [10], "end": [40], "text": ["China controls 90% of it."],
    ...     "is_question": [False]})
    >>> claims_table(s)[["start", "end", "value", "unit"]].values.tolist()
    [[25, 28, 90.0, '%']]
    """
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
    by_sentence = defaultdict(list)
    for idx, r in table.iterrows():
        if r["is_claim"] and r["kind"] in CONSISTENCY_KINDS and pd.notna(r["low"]):
            by_sentence[(r["doc_id"], r["sentence_id"])].append(idx)
    for members in by_sentence.values():
        for j, idx in enumerate(members):
            r = table.loc[idx]
            subject = r["subject"]
            # a share ("60 percent of the world's PV cells") lends its "of ..." subject to the
            # bare percents before it in the sentence ("2 % and a Korea 5% ...")
            share = r["kind"] == "percent" and not subject.lower().startswith("of ")
            if (not subject or share) and r["kind"] != "count":
                for later in members[j + 1:]:
                    o = table.loc[later]
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
        pairs = {(round(float(table.at[i, "low"]), 9), round(float(table.at[i, "high"]), 9))
                 for i in members if pd.notna(table.at[i, "low"])}
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


# --- Notebook views -----------------------------------------------------------------------
# Helpers for notebooks/04_numeric_claims: each takes the claims table (and the sentences
# table when it needs the sentence offsets) and returns one table or one HTML fragment.

# One row per claim that belongs to a consistency group (the tidy form of the groups, saved
# as tables/claim_groups).
GROUP_COLUMNS = ["consistency_group", "group_subject", "doc_id", "sentence_id", "speaker",
                 "start", "end", "text", "kind", "value", "low", "high", "unit", "qualifier",
                 "subject", "sentence"]
# One row per year or dated mention with a known year.
TIMELINE_COLUMNS = ["doc_id", "sentence_id", "speaker", "start", "end", "text", "kind",
                    "iso", "qualifier", "year_from", "year_to", "sentence"]
# Columns of the highlighted claims view, in order (``sentence`` becomes HTML).
VIEW_COLUMNS = ["doc_id", "speaker", "sentence", "text", "kind", "value", "low", "high",
                "unit", "qualifier", "change", "subject", "attribution", "checkworthiness",
                "is_claim", "consistency_group", "start", "end"]
TIMELINE_KINDS = ("year", "date")


def claim_groups(claims: pd.DataFrame) -> pd.DataFrame:
    """The claims of each consistency group, one row per claim (columns :data:`GROUP_COLUMNS`).

    ``group_subject`` is the longest subject in the group; rows are sorted by group and offset.

    >>> s = pd.DataFrame({"sentence_id": [0, 1], "doc_id": [0, 0], "turn_id": [0, 1],
    ...     "speaker": ["K", "K"], "start": [0, 30], "end": [29, 55],
    ...     "text": ["It holds 80-90% of the market.", "It holds 90% of the market."],
    ...     "is_question": [False, False]})
    >>> claim_groups(claims_table(s))[["consistency_group", "text", "low", "high"]].values.tolist()
    [[1, '80-90%', 80.0, 90.0], [1, '90%', 90.0, 90.0]]
    """
    if claims.empty or "consistency_group" not in claims:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in GROUP_COLUMNS})
    part = claims[claims["consistency_group"].notna()].copy()
    subjects = part[part["subject"] != ""].groupby("consistency_group")["subject"].agg(
        lambda v: max(v, key=len))
    part["group_subject"] = part["consistency_group"].map(subjects).fillna("")
    part = part.sort_values(["consistency_group", "doc_id", "start"], kind="stable")
    return part[GROUP_COLUMNS].reset_index(drop=True)


def timeline(claims: pd.DataFrame) -> pd.DataFrame:
    """Years and dates mentioned, with the span of years each covers (:data:`TIMELINE_COLUMNS`).

    ``year_from``/``year_to`` are the first and last year ("1990s" -> 1990..1999, "the second
    half of the 20th century" -> 1950..1999, "2017" -> 2017..2017). Dates without a year
    ("May 5th") cannot be placed and are left out; names ("20th National Congress") too.

    >>> s = pd.DataFrame({"sentence_id": [0], "doc_id": [0], "turn_id": [0], "speaker": ["K"],
    ...     "start": [0], "end": [40], "text": ["In the 1990s and in 2017, on May 5th."],
    ...     "is_question": [False]})
    >>> timeline(claims_table(s))[["text", "year_from", "year_to"]].values.tolist()
    [['1990s', 1990.0, 1999.0], ['2017', 2017.0, 2017.0]]
    """
    if claims.empty:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in TIMELINE_COLUMNS})
    part = claims[claims["kind"].isin(TIMELINE_KINDS) & claims["is_claim"].astype(bool)
                  & claims["low"].notna()].copy()
    part["year_from"] = part["low"].astype("float64")
    part["year_to"] = part["high"].astype("float64")
    part = part.sort_values(["year_from", "year_to", "doc_id", "start"], kind="stable")
    return part[TIMELINE_COLUMNS].reset_index(drop=True)


def most_checkworthy(claims: pd.DataFrame, n: int = 15) -> pd.DataFrame:
    """The ``n`` claims with the highest checkworthiness (ties: in reading order).

    >>> s = pd.DataFrame({"sentence_id": [0], "doc_id": [0], "turn_id": [0], "speaker": ["K"],
    ...     "start": [0], "end": [40], "text": ["In 2017 it rose 5% to $3 billion."],
    ...     "is_question": [False]})
    >>> most_checkworthy(claims_table(s), n=2)["text"].tolist()
    ['5%', '$3 billion']
    """
    if claims.empty:
        return claims.copy()
    ranked = claims[claims["is_claim"].astype(bool)]
    return ranked.sort_values(["checkworthiness", "doc_id", "start"],
                              ascending=[False, True, True], kind="stable").head(n)


def _sentence_starts(claims: pd.DataFrame, sentences: pd.DataFrame) -> pd.Series:
    starts = sentences.set_index("sentence_id")["start"]
    return claims["sentence_id"].map(starts)


def highlighted(claims: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """The claims table ready to show as HTML: every string escaped, and ``sentence`` the
    escaped sentence with the claim's number wrapped in ``<mark>``.

    Columns :data:`VIEW_COLUMNS`. Because every transcript string is escaped here, the
    result can be shown with itables' ``allow_html=True`` (which stops itables escaping)
    without letting transcript markup through: the only markup is the ``<mark>`` tags.

    >>> s = pd.DataFrame({"sentence_id": [3], "doc_id": [0], "turn_id": [0],
    ...     "speaker": ["<i>K</i>"], "start": [10], "end": [30],
    ...     "text": ["<b>Up</b> 90% of it."], "is_question": [False]})
    >>> v = highlighted(claims_table(s), s)
    >>> v["sentence"].iloc[0], v["speaker"].iloc[0]
    ('&lt;b&gt;Up&lt;/b&gt; <mark>90%</mark> of it.', '&lt;i&gt;K&lt;/i&gt;')
    """
    from doculens.reports import escape, highlight

    if claims.empty:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in VIEW_COLUMNS})
    view = claims[[c for c in VIEW_COLUMNS if c in claims.columns]].copy()
    offset = _sentence_starts(claims, sentences)
    view["sentence"] = [highlight(text, [(int(s - o), int(e - o))])
                        for text, s, e, o in zip(claims["sentence"], claims["start"],
                                                 claims["end"], offset)]
    for col in view.columns:
        if col != "sentence" and not pd.api.types.is_numeric_dtype(view[col]):
            view[col] = view[col].map(lambda v: escape(v) if isinstance(v, str) else v)
    return view.reset_index(drop=True)


def show_claims(claims: pd.DataFrame, sentences: pd.DataFrame, *, caption: str | None = None):
    """An interactive table of ``claims`` with the number highlighted in its sentence.

    Built from :func:`highlighted` (all transcript text escaped there) and rendered by itables
    with ``allow_html=True``, so the ``<mark>`` tags of the ``sentence`` column show as
    highlights while any markup in the transcript shows as text.

    Example:
        >>> show_claims(table, wb.sentences)  # doctest: +SKIP
    """
    from doculens.reports import _HTML, escape, table_html

    view = highlighted(claims, sentences)
    return _HTML(table_html(view, caption=escape(caption) if caption else None,
                            name="claims", allow_html=True),
                 f"{len(view):,} numeric mentions")


GROUP_CARD_STYLE = ("flex:1 1 16rem;max-width:28rem;border:1px solid #ccc;border-radius:4px;"
                    "padding:.4rem .6rem;background:#fafafa")


def groups_html(claims: pd.DataFrame, sentences: pd.DataFrame):
    """The consistency groups side by side: per group, one card per claim with its speaker,
    value and sentence (the number highlighted). All transcript text is escaped.

    >>> s = pd.DataFrame({"sentence_id": [0, 1], "doc_id": [0, 0], "turn_id": [0, 1],
    ...     "speaker": ["K", "K"], "start": [0, 30], "end": [29, 55],
    ...     "text": ["It holds 80-90% of the market.", "It holds 90% of the market."],
    ...     "is_question": [False, False]})
    >>> "<mark>80-90%</mark>" in str(groups_html(claims_table(s), s))
    True
    """
    from doculens.reports import _HTML, escape, highlight

    rows = claim_groups(claims)
    if rows.empty:
        return _HTML("<p>No claims about the same subject disagree.</p>")
    offset = _sentence_starts(rows, sentences)
    parts = []
    for gid, g in rows.groupby("consistency_group", sort=True):
        first = g.iloc[0]
        unit = f", {escape(first['unit'])}" if first["unit"] else ""
        cards = []
        for r, o in zip(g.itertuples(index=False), offset[g.index]):
            cards.append(
                f'<div style="{GROUP_CARD_STYLE}"><b>{escape(r.text)}</b> · '
                f'{escape(r.speaker or "(unattributed)")} · document {escape(r.doc_id)}'
                f'<br><small>{highlight(r.sentence, [(int(r.start - o), int(r.end - o))])}'
                f'</small></div>')
        parts.append(
            f'<div class="doculens-claim-group" id="claim-group-{int(gid)}">'
            f'<h4>Group {int(gid)}: {escape(first["group_subject"])} '
            f'({escape(first["kind"])}{unit})</h4>'
            f'<div style="display:flex;flex-wrap:wrap;gap:.5rem">{"".join(cards)}</div></div>')
    return _HTML("".join(parts))
