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

from doculens.claims.combine import extract
from doculens.claims.schema import (COLUMNS, CORE_COLUMNS, EXTRA_COLUMNS, KINDS,
                                    TABLE_COLUMNS)
from doculens.claims.table import claims_table, consistency_groups
from doculens.claims.views import (GROUP_COLUMNS, TIMELINE_COLUMNS, VIEW_COLUMNS,
                                   claim_groups, groups_html, highlighted,
                                   most_checkworthy, show_claims, timeline)

__all__ = ["extract", "claims_table", "consistency_groups", "claim_groups", "timeline",
           "most_checkworthy", "highlighted", "show_claims", "groups_html", "COLUMNS",
           "CORE_COLUMNS", "EXTRA_COLUMNS", "KINDS", "TABLE_COLUMNS", "GROUP_COLUMNS",
           "TIMELINE_COLUMNS", "VIEW_COLUMNS"]
