"""Phrase lists (data) of number extraction: qualifiers, change verbs, attribution cues,
rank and title words. Each list says its source."""

from __future__ import annotations

import re

# --- Phrase lists (data) ----------------------------------------------------------------
# Qualifier phrases, written before a number. Source: CQE's change/bound cue lists
# (Almasian et al., EMNLP 2023, "=", "~", ">", "<") refined into the qualifiers.
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
