"""The claims table's columns and the tunable constants of number extraction."""

from __future__ import annotations



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
