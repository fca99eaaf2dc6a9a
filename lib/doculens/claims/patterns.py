"""The regular expressions of number extraction, built from :mod:`doculens.numwords` and
:mod:`doculens.claims.lexicon`."""

from __future__ import annotations

import re

from doculens import numwords as N
from doculens.claims.lexicon import (ATTRIBUTION_PATTERNS, DATE_QUALIFIERS, DOWN_WORDS, QUALIFIERS, RANK_CUES, UP_WORDS)  # noqa: F401

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
