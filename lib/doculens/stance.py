"""Stance: where each speaker stands on each target, and the sentences that justify it.

A *target* is a named entity the reader cares about (by default the CCP, Xi Jinping, TikTok
and Vladimir Putin), given by a list of aliases. Five steps, each a pure function:

* :func:`find_mentions` -- one row per mention of a target in the sentences table, with
  character offsets into the source text.
* :func:`target_polarity` -- how one text speaks *of the target at a given span*: a score in
  -1..1 and the cue words behind it.
* :func:`score_mentions` -- that score, a label and the cues for every mention.
* :func:`stance_by_speaker` -- one verdict per speaker and target, with its evidence.
* :func:`evidence` -- per speaker and target, the sentences that most justify the verdict.

Method (target-directed, lexicon-based, explainable)
----------------------------------------------------
Stance is not the sentiment of the sentence: a documentary about the CCP is dark throughout,
and "I love this country but the CCP is brutal" is positive overall yet against the CCP. So
only the words *of the clause that names the target* count, and nearer words count more:

1. **Scope.** From the mention, the scope runs left and right up to a hard clause boundary
   (``. ! ? ; |``, or a contrastive word of :data:`HARD_BOUNDARY_WORDS`: "but" -- except in
   "not only ... but also" --, "however", "although"...) and at most ``window`` words. Each
   *soft* boundary crossed (a comma, a bracket, a dash, a colon, an ellipsis, "and"/"or", a
   relative or subordinating word such as "who", "which", "because":
   :data:`SOFT_BOUNDARY_WORDS`) multiplies the weight of the words beyond it by
   :data:`SOFT_BOUNDARY_FACTOR`.
2. **Valence.** Each word's valence is VADER's (the lexicon of the ``vaderSentiment``
   package, -4..4), overridden or completed by :data:`STANCE_LEXICON`, a small curated list
   of words of political criticism and support that VADER lacks or rates weakly
   ("regime", "dictator", "propaganda", "crackdown"; "ally", "prosperity"), and set to 0 for
   the institutional words of :data:`DOMAIN_NEUTRAL` ("party", "security", "united"...) and
   for capitalised words inside a name ("Victoria Justice", "the Nobel Peace Prize").
   VADER's own rules are applied as in its ``sentiment_valence``: a negation among the three
   words before flips and damps the valence (x ``N_SCALAR`` = -0.74), boosters ("very",
   "deeply") and dampeners ("slightly") add or remove ``B_INCR`` (0.293, damped 0.95 / 0.9
   at two / three words), an ALL-CAPS word in mixed-case text adds ``C_INCR``; "!" after the
   clause adds 0.292 each (up to 4). Added here: a negated verb of belief raises its
   negation to the clause it introduces ("I don't think the CCP is a threat",
   :data:`NEG_RAISING_VERBS`); "like" counts only as a verb (after a subject or auxiliary),
   never as the preposition ("just like TikTok"); apostrophes lost in transcription
   ("won t") still negate; elongated words ("sooo") are looked up shortened; a target
   written with ``anti-`` or ``pro-`` before it is a cue by itself.
3. **Distance.** A word ``d`` words away from the mention weighs
   ``1 - (d - 1) / window`` (1 next to it, ``1/window`` at the edge of the window). After a
   verb of feeling or desire that follows the mention ("Putin felt betrayed", "Putin dreams
   of great Russian rejuvenation": the target's feelings and aims, not a judgement of it)
   the weight is multiplied by :data:`EXPERIENCER_FACTOR`. A
   third-person pronoun after the mention, outside its scope, stands for the target ("...
   Ugh, I love her"): the words around it count too, times :data:`ANAPHORA_FACTOR`.
4. **Score.** The weighted sum ``s`` (halved, :data:`QUESTION_FACTOR`, when the clause is a
   question: a question is not an assertion) is normalised as VADER normalises its compound,
   ``s / sqrt(s**2 + 15)``, into -1..1.

``stance`` of a mention is ``against`` when score <= :data:`AGAINST_THRESHOLD` (-0.1),
``favor`` when score >= :data:`FAVOR_THRESHOLD` (0.1), else ``neutral``. The verdict per
speaker and target is described in :func:`stance_by_speaker`.

Measured by ``benchmarks/bench_stance.py`` on the 692 test tweets of Dong et al. (2014):
macro-F1 0.51 over against/neutral/favor, against 0.46 for VADER on a window of five words
each side of the target and 0.40 for VADER on the whole tweet (supervised neural models
reach about 0.70-0.75). No word or rule was chosen from that data.

Limits: irony and sarcasm ("Best of all, the Party is confident..."), reported speech ("the
CCP claims..."), a speaker quoting an opponent, a pronoun in another sentence standing for
the target ("He is a capable leader"), a target's moods told without a verb of feeling
("Putin seemed unhappy") and events that merely happen to the target ("Xi under attack")
all fool a lexicon. Read the evidence before quoting a stance.

>>> score, cues = target_polarity("I love this country but the CCP is brutal.", 28, 31)
>>> round(score, 2), cues
(-0.57, ['brutal'])
"""

from __future__ import annotations

import functools
import math
import numbers
import re

import pandas as pd
from vaderSentiment import vaderSentiment as _vs

from doculens.sentences import PREPOSITIVE_ABBREVIATIONS
from doculens.sentiment import _analyzer

__all__ = [
    "DEFAULT_TARGETS",
    "DEFAULT_WINDOW",
    "FAVOR_THRESHOLD",
    "AGAINST_THRESHOLD",
    "MIXED_SHARE",
    "SIDE_MARGIN",
    "DEFAULT_EVIDENCE",
    "MENTION_COLUMNS",
    "SCORED_COLUMNS",
    "SPEAKER_COLUMNS",
    "EVIDENCE_COLUMNS",
    "STANCE_LEXICON",
    "DOMAIN_NEUTRAL",
    "find_mentions",
    "target_polarity",
    "label_of",
    "reported_cue",
    "REPORTING_VERBS",
    "REPORTING_PHRASES",
    "score_mentions",
    "stance_by_speaker",
    "evidence",
    "evidence_html",
    "highlighted",
    "show_mentions",
]

# --------------------------------------------------------------------------------------
# Targets
# --------------------------------------------------------------------------------------

#: target name -> aliases (plain strings, matched on word boundaries; see find_mentions).
#: Chosen for the seed (four documentaries on China): the ruling party, its leader, the app
#: and its owner, and the foreign leader the seed discusses at length.
DEFAULT_TARGETS: dict[str, list[str]] = {
    "CCP": ["CCP", "Chinese Communist Party", "Communist Party of China", "Communist Party",
            "the Party"],
    "Xi Jinping": ["Xi Jinping", "Xi", "President Xi", "Chairman Xi"],
    "TikTok": ["TikTok", "ByteDance"],
    "Vladimir Putin": ["Vladimir Putin", "Putin"],
}

# --------------------------------------------------------------------------------------
# Named constants
# --------------------------------------------------------------------------------------

#: words on each side of a mention that can carry its stance.
DEFAULT_WINDOW = 8
#: a mention's score >= this is "favor". 0.1 is about the score of a mild word ("support",
#: valence 1.7) seven words away (0.11; 0.16 at six, 0.05 at eight), or behind one comma
#: at five: weaker, farther cues leave a mention neutral.
FAVOR_THRESHOLD = 0.1
#: a mention's score <= this is "against" (symmetric).
AGAINST_THRESHOLD = -0.1
#: weight kept by the words beyond each soft clause boundary (comma, "and", "who"...).
SOFT_BOUNDARY_FACTOR = 0.5
#: weight kept by the score of a mention in a question.
QUESTION_FACTOR = 0.5
#: weight kept by the words after a verb of feeling or desire that follows the mention:
#: "Putin felt betrayed" tells the target's feelings, not the speaker's judgement of it.
EXPERIENCER_FACTOR = 0.1
#: weight kept by the words around a third-person pronoun after the mention (see ANAPHORS).
ANAPHORA_FACTOR = 0.5
#: above this share of capitalised words (a title-case headline), capitals say nothing of names.
TITLECASE_MAX_SHARE = 0.5
#: VADER's emphasis by exclamation marks after the clause: up to 4, 0.292 each.
EXCLAIM_MAX, EXCLAIM_WEIGHT = 4, 0.292
#: VADER's normalisation constant (``normalize(score, alpha=15)``).
ALPHA = 15
#: words before a lexicon word searched for negations and boosters (VADER: 3).
LOOKBACK = 3
#: VADER's booster damping two and three words away.
BOOST_DAMP = (1.0, 0.95, 0.9)
#: valence of an ``anti-``/``pro-`` prefix glued to the target ("anti-Trump").
PREFIX_VALENCE = 2.0
#: per speaker and target: "mixed" when both the against and favor shares reach this.
MIXED_SHARE = 0.25
#: per speaker and target: a side wins when its share exceeds the other's by this much.
SIDE_MARGIN = 0.2
#: default number of evidence sentences per speaker and target.
DEFAULT_EVIDENCE = 3
#: rounding of scores and shares in the tables.
DECIMALS = 4

AGAINST, NEUTRAL, FAVOR, MIXED = "against", "neutral", "favor", "mixed"
CUE_SEPARATOR = "; "

MENTION_COLUMNS = ["target", "alias", "doc_id", "sentence_id", "turn_id", "speaker", "start",
                   "end", "sentence_start", "sentence_end", "sentence"]
SCORED_COLUMNS = MENTION_COLUMNS + ["score", "stance", "cues", "reported"]
SPEAKER_COLUMNS = ["speaker", "target", "n_mentions", "n_sentences", "mean", "share_against",
                   "share_neutral", "share_favor", "stance", "evidence_sentence_ids", "start",
                   "end", "evidence", "n_reported"]
#: evidence rows; ``speaker_stance`` (the verdict of stance_by_speaker) and the offsets of
#: the mention in the source (``mention_start``, ``mention_end``) are extra columns at the end.
EVIDENCE_COLUMNS = ["speaker", "target", "rank", "score", "stance", "doc_id", "sentence_id",
                    "start", "end", "sentence", "cues", "speaker_stance", "mention_start",
                    "mention_end", "reported"]
# Column types, so that an empty table has the same schema as a full one.
_SPEAKER_DTYPES = {"speaker": "object", "target": "object", "n_mentions": "int64",
                   "n_sentences": "int64", "mean": "float64", "share_against": "float64",
                   "share_neutral": "float64", "share_favor": "float64", "stance": "object",
                   "evidence_sentence_ids": "object", "start": "int64", "end": "int64",
                   "evidence": "object", "n_reported": "int64"}
_EVIDENCE_DTYPES = {"speaker": "object", "target": "object", "rank": "int64", "score": "float64",
                    "stance": "object", "doc_id": "int64", "sentence_id": "int64",
                    "start": "int64", "end": "int64", "sentence": "object", "cues": "object",
                    "speaker_stance": "object", "mention_start": "int64", "mention_end": "int64",
                    "reported": "object"}

# --------------------------------------------------------------------------------------
# Word lists (data)
# --------------------------------------------------------------------------------------

# Curated for this project: words of political criticism and support, common in news,
# documentary and debate transcripts, that VADER's lexicon (built from social-media text)
# lacks or rates weakly. Valences are on VADER's -4..+4 scale, set by analogy with VADER
# entries of similar force: "dictator"/"tyranny" near VADER's "oppressive" (-1.7) and
# "persecute" (-2.1) but stronger; "genocide"/"massacre" near "murder"/"torture" (-3.7/-2.9);
# "surveillance"/"spies" near "manipulated" (-1.6); "ally"/"prosperity" near "support" (1.7)
# and "success" (2.7). Inflected forms are listed because VADER does no stemming.
STANCE_LEXICON: dict[str, float] = {
    # --- against: rule and its abuses ---
    "regime": -1.5, "regimes": -1.5, "dictator": -2.5, "dictators": -2.5,
    "dictatorship": -2.5, "dictatorial": -2.5, "authoritarian": -2.0,
    "authoritarianism": -2.0, "autocrat": -2.0, "autocrats": -2.0, "autocratic": -2.0,
    "autocracy": -2.0, "despot": -2.5, "despotic": -2.5, "tyrant": -2.8, "tyrants": -2.8,
    "tyranny": -2.8, "tyrannical": -2.8, "totalitarian": -2.1, "strongman": -1.0,
    "propaganda": -2.0, "crackdown": -2.0, "crackdowns": -2.0, "censorship": -2.0,
    "censoring": -1.8, "censors": -1.8, "censored": -1.5, "surveillance": -1.2,
    "oppression": -2.5, "oppress": -2.3, "oppresses": -2.3, "oppressing": -2.3,
    "persecution": -2.5, "persecuted": -2.0, "persecutes": -2.1, "persecuting": -2.1,
    "repression": -2.2, "repress": -2.0, "represses": -2.0, "suppress": -2.0,
    "suppresses": -2.0, "suppressed": -1.8, "suppressing": -2.0, "suppression": -2.0,
    "ruthless": -2.5, "ruthlessly": -2.5, "corrupt": -2.3, "corruption": -2.0,
    "brutality": -3.0, "brutally": -3.0,
    # --- against: violence, war and crime ---
    "genocide": -3.5, "atrocity": -3.2, "atrocities": -3.2, "massacre": -3.4,
    "massacred": -3.4, "invade": -2.0, "invades": -2.0, "invaded": -2.0, "invading": -2.0,
    "invasion": -2.0, "crimes": -2.5, "criminal": -2.5, "criminals": -2.5,
    "imprison": -2.0, "imprisons": -2.0, "imprisoning": -2.0, "jail": -1.8, "jails": -1.8,
    "jailing": -1.8, "detains": -1.8, "detained": -1.8, "kidnap": -2.5, "kidnapped": -2.5,
    "kidnapping": -2.5, "abduct": -2.3, "abducts": -2.3, "thug": -2.5, "thugs": -2.5,
    "aggressor": -2.2,
    # --- against: deceit, influence and intrusion ---
    "spy": -1.5, "spies": -1.5, "spying": -1.8, "espionage": -1.8, "manipulate": -1.8,
    "manipulates": -1.8, "manipulating": -1.8, "manipulative": -2.0,
    "disinformation": -2.0, "coercion": -2.0, "coerce": -2.0, "coerces": -2.0,
    "coercive": -2.0, "bullies": -2.2, "intimidates": -1.8, "hegemony": -1.5,
    "hegemonic": -1.5, "expansionist": -1.5, "infiltrate": -1.8, "infiltrates": -1.8,
    "infiltrated": -1.8, "infiltration": -1.8, "interference": -1.5, "meddling": -1.8,
    "stole": -2.2, "stealing": -2.2, "theft": -2.2, "hacked": -1.5, "hacking": -1.5,
    "backdoor": -1.5, "backdoors": -1.5, "exploitation": -2.0, "exploits": -1.5,
    "harmful": -2.0, "brainwash": -2.3, "brainwashing": -2.3, "indoctrination": -1.8,
    "puppet": -1.8, "mouthpiece": -1.2, "hypocrite": -2.2, "hypocrisy": -2.2,
    "liars": -2.3, "nefarious": -2.9, "addictive": -1.5, "untrustworthy": -2.3,
    "mismanagement": -1.8, "incompetent": -2.0, "incompetence": -2.0,
    # --- favor ---
    "ally": 1.8, "allies": 1.8, "partnership": 1.2, "cooperation": 1.2,
    "prosperity": 2.0, "prosperous": 2.0, "legitimate": 1.2, "credible": 1.5,
    "reliable": 1.5, "achievement": 1.8, "achievements": 1.8, "statesman": 1.5,
    "endorsement": 1.3, "praising": 2.5, "admires": 2.1, "admiring": 2.1,
    "supporting": 1.5, "supporter": 1.5, "supporters": 1.5, "backs": 0.8,
    "commend": 2.0, "commends": 2.0, "commended": 2.0, "thanks": 1.5,
    "accountable": 1.0, "transparent": 1.5, "transparency": 1.5, "capable": 1.6,
}

# Words whose VADER valence belongs to a sense other than the one they mostly have in
# political and documentary talk, where they name institutions and offices ("the other
# party", "the United Front", "intelligence agencies", "national security", "the top
# leadership", "the supreme leader") or report plain events and stakes ("the app was
# launched", "national interest"). Set to 0.
DOMAIN_NEUTRAL = frozenset({
    "party", "parties", "united", "intelligence", "security", "defense", "defence",
    "supreme", "top", "chairman", "launched", "interest", "interests",
})

# Hard clause boundaries: the scope of a mention never crosses them. Sentence punctuation
# and the contrastive connectives of VADER's "but" rule and of Quirk et al.'s concessive
# conjuncts ("however", "although", "though", "whereas", "nevertheless", "despite").
HARD_BOUNDARY_PUNCT = frozenset(".!?;|")
HARD_BOUNDARY_WORDS = frozenset({
    "but", "however", "although", "though", "whereas", "nevertheless", "nonetheless",
    "despite",
})
# Soft clause boundaries: each crossed halves the weight beyond it. Commas, brackets,
# dashes, colons and quotes; coordinators; relative pronouns and subordinators.
SOFT_BOUNDARY_PUNCT = frozenset(",:()[]{}\"“”‘’«»—–-…")
SOFT_BOUNDARY_WORDS = frozenset({
    "and", "or", "who", "whom", "whose", "which", "that", "because", "since", "when",
    "while", "if", "unless", "after", "before", "until", "where",
})
# Negations: VADER's list ("despite" is a boundary here, not a negation) plus "no" and the
# negative pronouns VADER's "no" rule covers.
NEGATIONS = (frozenset(_vs.NEGATE) - {"despite"}) | {"no", "nobody", "noone", "n't", "n’t"}
# "like" is the verb only after one of these (a subject or an auxiliary); otherwise it is
# the preposition ("just like TikTok", "Like Putin, Xi ...") and carries no valence.
LIKE_VERB_AFTER = frozenset({
    "i", "we", "you", "they", "he", "she", "people", "really", "also", "still", "do",
    "does", "did", "would", "will", "to", "not", "n't", "never", "who", "all", "i'd",
    "we'd", "they'd", "don't", "doesn't", "didn't", "dont", "everyone", "everybody",
})
LIKE_WORDS = frozenset({"like"})
# Verbs of feeling and desire: after "<target> felt" or "<target> dreams of", the words
# are the target's own feelings and aims, not the speaker's judgement of the target.
EXPERIENCER_VERBS = frozenset({
    "feel", "feels", "felt", "feeling", "dream", "dreams", "dreamed", "dreamt", "hope",
    "hopes", "hoped", "wish", "wishes", "wished", "want", "wants", "wanted", "fear", "fears",
    "feared",
})
# Verbs of belief that "raise" a negation to the clause they introduce (Horn 1978,
# "neg-raising"): "I don't think X is Y" means "I think X is not Y".
NEG_RAISING_VERBS = frozenset({"think", "believe", "expect", "suppose", "imagine", "reckon"})
# Reported speech: a judgement the speaker quotes or attributes to someone else ("Xi was
# reported to have called Putin a good friend", "critics say the CCP lies"). Source: the
# speech and report verbs of attribution relations in news (Pareti, "A database of
# attribution relations", LREC 2012), reduced to surface cues; "I/we said" is the speaker's
# own voice and does not count.
REPORTING_VERBS = frozenset({
    # verbs that are also common nouns or name things ("the state", "a firm called X",
    # "the claim") are left out
    "say", "says", "said", "claims", "claimed", "tells", "told", "reported", "announces",
    "announced", "declares", "declared", "insists", "insisted", "argues", "argued", "accuses",
    "accused", "stated", "writes", "wrote", "warns", "warned", "denies", "denied", "alleges",
    "alleged", "quoted",
})
# Verbs whose object is the person addressed: "told Xi", "said to Putin" make the target
# the listener, not the subject of a reported judgement.
ADDRESS_VERBS = frozenset({"tells", "told", "say", "says", "said"})
REPORTING_PHRASES = (r"according\s+to", r"reportedly", r"allegedly",
                     r"(?:is|are|was|were|been|be)\s+(?:reported|said|alleged|believed|rumou?red)\s+to")
# The speaker's own voice: "I said", "we would say", "I have always said" (up to
# FIRST_PERSON_REACH words between), and words before "say" that make it no report
# ("to say", "let's say", "the final say").
FIRST_PERSON = frozenset({"i", "we", "i'd", "we'd", "i'll", "we'll", "i've", "we've", "i'm"})
FIRST_PERSON_REACH = 3
NOT_A_REPORT_BEFORE = frozenset({"to", "let's", "lets", "the", "a", "final", "i'd"})
# Third-person pronouns that can stand for a target named earlier in the text.
ANAPHORS = frozenset({"he", "him", "his", "she", "her", "it", "its", "they", "them", "their"})
PREFIX_CUES = {"anti": -1.0, "pro": 1.0}  # sign of the valence of "anti-X" / "pro-X"

_BOOSTER = dict(_vs.BOOSTER_DICT)
_N_SCALAR = _vs.N_SCALAR
_C_INCR = _vs.C_INCR
_APOSTROPHES = "'’"
_POSSESSIVE = re.compile(r"['’]s$", re.IGNORECASE)
_MEMO_SIZE = 200_000  # words whose valence is memoised
_CHUNK = re.compile(r"\S+")
_ELONGATED = re.compile(r"([a-z])\1{2,}")
_RUN = re.compile(r"(.)\1*", re.DOTALL)
_HARD_GAP = re.compile(r"(?<!\.)\.(?!\.)|[!?;|]")
_CORE = re.compile(r"^([^\w]*)(.*?)([^\w]*)$", re.DOTALL)
_REPORTED = re.compile(r"\b(?:%s)\b" % "|".join(REPORTING_PHRASES), re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z]+(?:['’][a-z]+)?")
# ends of a clause for reported_cue: sentence punctuation and semicolons
_CLAUSE_END = re.compile(r"(?<!\.)[.!?;](?=\s|$)")
_QUOTES = (("“", "”"), ('"', '"'), ("«", "»"))


# --------------------------------------------------------------------------------------
# Mentions
# --------------------------------------------------------------------------------------


def _case_free(alias: str) -> bool:
    """Is ``alias`` matched in any case? Yes when written all in lower case, or when it has
    several words each starting with a capital ("Chinese Communist Party"); otherwise (one
    capitalised word such as "Xi" or "CCP", or "the Party") it is matched as written."""
    words = alias.split()
    if alias == alias.lower():
        return True
    return len(words) > 1 and all(w[:1].isupper() for w in words)


def _alias_pattern(alias: str) -> str:
    """Regular expression of an alias: whitespace runs match any whitespace, either apostrophe
    matches both, and a lower-case first letter may be capitalised (sentence start)."""
    parts = []
    for i, word in enumerate(alias.split()):
        chars = []
        for j, ch in enumerate(word):
            if ch in _APOSTROPHES:
                chars.append("['’]")
            elif i == 0 and j == 0 and ch.islower():
                chars.append(f"[{ch}{ch.upper()}]")
            else:
                chars.append(re.escape(ch))
        parts.append("".join(chars))
    # after the alias: no word character, and an apostrophe only as a possessive ("Xi's",
    # not "Xi'an")
    return r"(?<![\w])" + r"\s+".join(parts) + r"(?![\w])(?!['’](?![sS]\b)\w)"


def _compile_targets(targets: dict[str, list[str]]) -> list[tuple[str, re.Pattern]]:
    out = []
    for target, aliases in targets.items():
        if isinstance(aliases, str):
            aliases = [aliases]
        for alias in aliases:
            alias = str(alias).strip()
            if not alias:
                continue
            flags = re.IGNORECASE if _case_free(alias) else 0
            out.append((str(target), re.compile(_alias_pattern(alias), flags)))
    return out


def _spans(text: str, compiled: list[tuple[str, re.Pattern]]) -> list[tuple[int, int, str]]:
    """Non-overlapping ``(start, end, target)`` in ``text``; the longest match wins, and
    overlapping aliases of one target make one span ("President Xi" + "Xi Jinping" =
    "President Xi Jinping")."""
    found = [(m.start(), m.end(), target) for target, pattern in compiled
             for m in pattern.finditer(text)]
    found.sort(key=lambda s: (s[0], -(s[1] - s[0])))
    out: list[tuple[int, int, str]] = []
    for start, end, target in found:
        if out and start < out[-1][1]:
            if target == out[-1][2] and end > out[-1][1]:
                out[-1] = (out[-1][0], end, target)
            continue
        out.append((start, end, target))
    return out


def find_mentions(sentences: pd.DataFrame, *,
                  targets: dict[str, list[str]] = DEFAULT_TARGETS) -> pd.DataFrame:
    """One row per mention of a target in the workbook's sentences table.

    ``sentences`` needs ``sentence_id, doc_id, turn_id, speaker, start, end, text`` (with
    ``text == source[start:end]``). ``targets`` maps a target name to its aliases, plain
    strings matched on word boundaries. Case: an alias all in lower case, or of several
    capitalised words ("Chinese Communist Party"), matches in any case; any other alias
    (one capitalised word, "Xi", "CCP", or "the Party") matches as written, except that its
    first letter may be a capital at the start of a sentence ("The Party"). So "party" in
    lower case is not "the Party". Possessives ("Xi's", "Xi’s") match the alias; where aliases
    overlap, the longest wins ("Xi Jinping", not also "Xi"), and overlapping aliases of one
    target make one mention ("President Xi" and "Xi Jinping": "President Xi Jinping").

    Columns :data:`MENTION_COLUMNS`: ``alias`` is the text as written, ``start, end`` its
    offsets in the source (``source[start:end] == alias``), ``sentence_start, sentence_end``
    and ``sentence`` the sentence's.

    >>> s = pd.DataFrame({"sentence_id": [0, 1], "doc_id": [0, 0], "turn_id": [0, 0],
    ...     "speaker": ["A", "A"], "start": [0, 20],  "end": [19, 60],
    ...     "text": ["The party was late.", "Xi Jinping’s rule is Xi’s; the Party's."]})
    >>> find_mentions(s)[["target", "alias", "start", "end"]].values.tolist()
    ... # doctest: +NORMALIZE_WHITESPACE
    [['Xi Jinping', 'Xi Jinping', 20, 30], ['Xi Jinping', 'Xi', 41, 43],
     ['CCP', 'the Party', 47, 56]]
    """
    compiled = _compile_targets(targets)
    rows = []
    cols = ["sentence_id", "doc_id", "turn_id", "speaker", "start", "end", "text"]
    for sid, doc, turn, speaker, s_start, s_end, text in sentences[cols].itertuples(
            index=False, name=None):
        if not isinstance(text, str) or not text:
            continue
        for start, end, target in _spans(text, compiled):
            rows.append((target, text[start:end], doc, sid, turn, speaker,
                         int(s_start) + start, int(s_start) + end, int(s_start), int(s_end),
                         text))
    out = pd.DataFrame(rows, columns=MENTION_COLUMNS)
    if rows:
        out = out.sort_values(["doc_id", "start"], kind="stable").reset_index(drop=True)
    return out


# --------------------------------------------------------------------------------------
# Target-directed polarity
# --------------------------------------------------------------------------------------


class _Tok:
    """One token: a word (``kind`` "w"), a punctuation mark ("p") or an emoticon ("e")."""

    __slots__ = ("raw", "lower", "start", "end", "kind")

    def __init__(self, raw: str, start: int, kind: str):
        self.raw = raw
        self.lower = raw.lower()
        self.start = start
        self.end = start + len(raw)
        self.kind = kind


def _tokens(text: str, lexicon: dict) -> list[_Tok]:
    """Whitespace tokens as VADER splits them, with leading and trailing punctuation split
    off as tokens of their own (they are clause boundaries), except where the whole chunk is
    a lexicon entry (an emoticon such as ":)" or "<3")."""
    out: list[_Tok] = []
    for m in _CHUNK.finditer(text):
        chunk, pos = m.group(), m.start()
        if chunk.isalnum():  # the common case: a plain word
            out.append(_Tok(chunk, pos, "w"))
            continue
        if not chunk[:1].isalnum() and chunk.lower() in lexicon:
            out.append(_Tok(chunk, pos, "e"))
            continue
        lead, core, trail = _CORE.match(chunk).groups()
        # "U.S." and titles ("Mr.", "St.": never the end of a sentence) keep their stop;
        # "n't" and "'s" stay glued to their word
        if trail.startswith(".") and ("." in core or core.lower() in PREPOSITIVE_ABBREVIATIONS):
            core, trail = core + ".", trail[1:]
        for run in _RUN.finditer(lead):
            out.append(_Tok(run.group(), pos + run.start(), "p"))
        if core:
            out.append(_Tok(core, pos + len(lead), "w"))
        base = pos + len(lead) + len(core)
        for run in _RUN.finditer(trail):
            out.append(_Tok(run.group(), base + run.start(), "p"))
    # contractions whose apostrophe was lost in transcription ("won t", "don t"): the word
    # is the negation ("wont"), the lone "t" is skipped like punctuation
    for k in range(1, len(out)):
        tok, prev = out[k], out[k - 1]
        if tok.lower == "t" and prev.kind == "w" and prev.lower + "t" in NEGATIONS:
            prev.lower += "t"
            tok.kind = "p"
    return out


def _contrast(toks: list[_Tok], k: int) -> bool:
    """Is ``toks[k]`` a contrastive connective (a hard boundary)? Not "but" in the additive
    "not only ... but also"."""
    if toks[k].lower not in HARD_BOUNDARY_WORDS:
        return False
    return not (toks[k].lower == "but" and k + 1 < len(toks) and toks[k + 1].lower == "also")


def _boundary(raw: str) -> str:
    """Clause boundary of a punctuation run: "hard", "soft" or "" (none). An ellipsis
    ("...") is a pause, not the end of a sentence: soft."""
    ch = raw[0]
    if ch == "." and len(raw) > 1:
        return "soft"
    if ch in HARD_BOUNDARY_PUNCT:
        return "hard"
    if ch in SOFT_BOUNDARY_PUNCT:
        return "soft"
    return ""


def _lookup(word: str, lexicon: dict) -> float:
    """Valence of a lower-cased word: stance lexicon, then VADER's, with possessives and
    domain-neutral words handled; 0 when unknown."""
    if word in DOMAIN_NEUTRAL:
        return 0.0
    if word in STANCE_LEXICON:
        return STANCE_LEXICON[word]
    if word in lexicon:
        return lexicon[word]
    base = _POSSESSIVE.sub("", word)
    if base != word:
        return _lookup(base, lexicon)
    if _ELONGATED.search(word):  # "sooo goood", "loooove": two letters, then one
        for shorter in (_ELONGATED.sub(r"\1\1", word), _ELONGATED.sub(r"\1", word)):
            if shorter in STANCE_LEXICON or shorter in lexicon:
                return _lookup(shorter, lexicon)
    return 0.0


@functools.lru_cache(maxsize=_MEMO_SIZE)
def _word_valence(word: str) -> float:
    """Memoised :func:`_lookup` in VADER's lexicon."""
    return _lookup(word, _analyzer().lexicon)


def _is_negation(word: str) -> bool:
    return word in NEGATIONS or "n't" in word or "n’t" in word


def _titlecase(raw: str) -> bool:
    """Is ``raw`` capitalised ("Justice", "Xi's"), not all caps nor lower case?"""
    rest = raw[1:].replace("'", "").replace("’", "")
    return len(raw) > 1 and raw[0].isupper() and rest.islower()


def _valence(words: list[_Tok], i: int, lo: int, lexicon: dict,
             caps: bool, name: bool = False) -> tuple[float, bool]:
    """(valence, negated) of ``words[i]`` with VADER's rules, looking back no further than
    ``lo``; 0 when the word is part of a ``name``."""
    tok = words[i]
    w = tok.lower
    if w in _BOOSTER or _is_negation(w):
        return 0.0, False
    if name:
        return 0.0, False
    if w in LIKE_WORDS and (i == lo or words[i - 1].lower not in LIKE_VERB_AFTER):
        return 0.0, False
    if w == "kind" and i + 1 < len(words) and words[i + 1].lower == "of":
        return 0.0, False
    valence = _word_valence(w)
    if valence == 0.0:
        return 0.0, False
    if caps and tok.raw.isupper() and len(tok.raw) > 1:
        valence += _C_INCR if valence > 0 else -_C_INCR
    negated = False
    for back in range(1, LOOKBACK + 1):
        j = i - back
        if j < lo:
            break
        prev = words[j].lower
        if prev in _BOOSTER:
            boost = _BOOSTER[prev] * BOOST_DAMP[back - 1]
            valence += boost if valence > 0 else -boost
        if _is_negation(prev):
            negated = True
    if negated:
        valence *= _N_SCALAR
    return valence, negated


def _distance_weight(distance: int, window: int) -> float:
    """Weight of a word ``distance`` words from the mention (1 next to it, 1/window at the
    edge of the window)."""
    return 1.0 - (distance - 1) / window


def _clause_break(text: str, words: list[_Tok], i: int) -> bool:
    """Is there a hard clause boundary between ``words[i - 1]`` and ``words[i]``?"""
    gap = text[words[i - 1].end:words[i].start]
    return bool(_HARD_GAP.search(gap)) or _contrast(words, i)


def _directed(text: str, start: int, end: int, window: int):
    """(score, [(cue, start, end, contribution), ...]) of the target at text[start:end]."""
    if window < 1:
        raise ValueError(f"window must be a positive number of words, not {window!r}")
    lexicon = _analyzer().lexicon
    toks = _tokens(text, lexicon)
    caps = text != text.upper() and text != text.lower()
    # A capitalised word right after another word (no punctuation between) is part of a
    # name ("Victoria Justice", "the Nobel Peace Prize", "the Free World") and carries no
    # valence -- except where most words are capitalised (a headline in title case).
    names = None  # decided when first needed
    cues: list[tuple[str, int, int, float]] = []
    total = 0.0

    # prefix glued to the target: "anti-Trump", "pro-Biden"
    head = text[max(0, start - 5):start].lower()
    for prefix, sign in PREFIX_CUES.items():
        if head.endswith(prefix + "-"):
            total += sign * PREFIX_VALENCE
            cues.append((text[start - len(prefix) - 1:start], start - len(prefix) - 1, start,
                         sign * PREFIX_VALENCE))

    inside = [k for k, t in enumerate(toks) if t.end > start and t.start < end]
    if not inside:  # the span falls between tokens (should not happen); score nothing
        return 0.0, cues
    first, last = inside[0], inside[-1]

    def walk(indices, right: bool = False):
        """Words of the scope in one direction: (token index, distance, weight factor)."""
        out, distance, factor = [], 0, 1.0
        since_soft = None  # on the left: index into out where the last soft boundary was
        for k in indices:
            t = toks[k]
            if t.kind == "p":
                kind = _boundary(t.raw)
                if kind == "hard":
                    break
                if kind == "soft":
                    factor *= SOFT_BOUNDARY_FACTOR
                    since_soft = len(out)
                continue
            if _contrast(toks, k):
                break
            distance += 1
            if distance > window:
                break
            if t.lower in SOFT_BOUNDARY_WORDS:
                factor *= SOFT_BOUNDARY_FACTOR
                since_soft = len(out)
                continue
            if t.lower in EXPERIENCER_VERBS and (right or (opens_clause and since_soft is not None)):
                # right: "Putin felt betrayed" tells the target's feelings; left, when the
                # target opens a new clause: "Putin dreams of great glory, and Xi ..." tells
                # another subject's, so the verb and its complement say little of the target
                # (but "People fear and hate the CCP": the CCP is the object, the verb counts)
                if not right:
                    out[since_soft:] = [(j, d, f * EXPERIENCER_FACTOR)
                                        for j, d, f in out[since_soft:]]
                factor *= EXPERIENCER_FACTOR
                continue
            out.append((k, distance, factor))
        return out

    # is the clause a question? (the next hard punctuation after the mention is "?")
    question = False
    exclaim = 0
    for t in toks[last + 1:]:
        if t.kind == "p" and _boundary(t.raw) == "hard":
            if t.raw[0] == "!":
                exclaim += len(t.raw)
                continue
            if exclaim:
                break
            question = t.raw[0] == "?"
            break
        if exclaim:
            break

    # VADER's rules look at neighbouring words, punctuation aside
    words = [t for t in toks if t.kind != "p"]
    index_of = {id(t): n for n, t in enumerate(words)}

    def clause_start(j: int) -> int:
        """First word of word j's clause: negations and boosters are looked for within it."""
        lo = max(0, j - LOOKBACK)
        for i in range(j, lo, -1):
            if _clause_break(text, words, i):
                return i
        return lo

    def add(scope, weight_of, raised: int | None = None):
        nonlocal total, names
        found = False
        for k, distance, factor in scope:
            t = toks[k]
            if t.kind == "e":
                valence, negated = lexicon[t.lower], False
            else:
                if not _word_valence(t.lower):
                    continue
                j = index_of[id(t)]
                name = (j > 0 and _titlecase(t.raw) and words[j - 1].raw != "I"
                        and text[words[j - 1].end:t.start].isspace())
                if name:
                    if names is None:
                        alpha = [w.raw for w in words if w.raw[:1].isalpha()]
                        names = (sum(map(_titlecase, alpha))
                                 <= TITLECASE_MAX_SHARE * len(alpha))
                    name = names
                valence, negated = _valence(words, j, clause_start(j), lexicon, caps, name)
                if raised is not None and k > raised and not negated:
                    valence, negated = valence * _N_SCALAR, True
            if not valence:
                continue
            contribution = valence * factor * weight_of(distance)
            total += contribution
            found = True
            cues.append((f"not {t.raw}" if negated else t.raw, t.start, t.end, contribution))
        return found

    # does the target open a clause of its own ("..., and Xi dreams")? a boundary word
    # right before it says so
    before = [t for t in toks[:first] if t.kind != "p"]
    opens_clause = bool(before) and before[-1].lower in SOFT_BOUNDARY_WORDS \
        and before[-1].end <= start and not text[before[-1].end:start].strip(" \t\n,")
    left = walk(range(first - 1, -1, -1))
    scope = left + walk(range(last + 1, len(toks)), right=True)
    # negation raised from a verb of belief: "I don't think the CCP is a threat" negates
    # what follows the verb, however far the negation is from the cue
    raised = None
    for k, _, _ in left:
        if toks[k].lower in NEG_RAISING_VERBS:
            j = index_of[id(toks[k])]
            if any(_is_negation(words[i].lower) for i in range(clause_start(j), j)):
                raised = k
                break
    add(scope, lambda d: _distance_weight(d, window), raised)
    # a third-person pronoun after the mention, outside its scope, stands for it
    # ("Ugh, I love her"): the words around the pronoun count, at a reduced weight
    seen = {k for k, _, _ in scope}
    later = [k for k in range(last + 1, len(toks)) if toks[k].kind == "w"
             and toks[k].lower in ANAPHORS and k not in seen]
    for p in later:
        around = [(k, d, f) for k, d, f in walk(range(p - 1, -1, -1))
                  + walk(range(p + 1, len(toks)), right=True)
                  if k not in seen and not first <= k <= last]
        seen.update(k for k, _, _ in around)
        add(around, lambda d: ANAPHORA_FACTOR * _distance_weight(d, window))
    if exclaim and total:
        boost = min(exclaim, EXCLAIM_MAX) * EXCLAIM_WEIGHT
        total += boost if total > 0 else -boost
    if question:
        total *= QUESTION_FACTOR
    score = total / math.sqrt(total * total + ALPHA) if total else 0.0
    cues.sort(key=lambda c: -abs(c[3]))
    return max(-1.0, min(1.0, score)), cues


def target_polarity(text: str, start: int, end: int, *,
                    window: int = DEFAULT_WINDOW) -> tuple[float, list[str]]:
    """Polarity toward the target at ``text[start:end]``, in -1..1, and the cue words.

    Only the words of the mention's clause within ``window`` words count, weighted by
    distance; see the module docstring for the rules. The cues are the words that carried
    a valence, strongest contribution first; a negated cue is written ``not <word>``.

    >>> text = "Xi Jinping is a ruthless dictator"
    >>> s, cues = target_polarity(text, 0, 10)
    >>> round(s, 2), cues
    (-0.66, ['ruthless', 'dictator'])
    >>> s, cues = target_polarity("I don't think the CCP is a threat.", 18, 21)
    >>> round(s, 2), cues
    (0.33, ['not threat'])
    """
    score, cues = _directed(text, start, end, window)
    return score, [c[0] for c in cues]


def _quote_spans(text: str) -> list[tuple[int, int]]:
    """Spans inside quotation marks, a quote left open running to the end of the text and
    one closed without an opening starting at its beginning (quotes over several sentences)."""
    spans = []
    for left, right in _QUOTES:
        if left == right:
            marks = [m.start() for m in re.finditer(re.escape(left), text)]
            spans += [(a + 1, b) for a, b in zip(marks[0::2], marks[1::2])]
            continue
        depth_start, pos = None, 0
        for m in re.finditer(f"[{re.escape(left)}{re.escape(right)}]", text):
            if m.group() == left:
                depth_start = m.end()
            elif depth_start is not None:
                spans.append((depth_start, m.start()))
                depth_start = None
            elif not spans or spans[-1][1] < m.start():
                spans.append((0, m.start()))  # closes a quote opened in an earlier sentence
            pos = m.end()
        if depth_start is not None:
            spans.append((depth_start, len(text)))  # runs on into the next sentence
    return spans


def reported_cue(text: str, start: int, end: int) -> str:
    """How the judgement on the target at ``text[start:end]`` is someone else's, or "".

    ``quoted`` when the mention stands inside quotation marks (a quote may open or close in
    another sentence); else the first reporting phrase of the mention's clause
    (:data:`REPORTING_PHRASES`: "according to", "reportedly", "was reported to") or
    reporting verb (:data:`REPORTING_VERBS`) outside quotes that reports on it: before the
    mention (not said by "I"/"we", not "to say"/"let's say", and not addressed to the target:
    "told Xi"), or after it only at the end of the clause ("…, critics say."), since a verb
    after the mention usually has the target in its subject ("Xi announced a plan").
    A flag for the reader, not a parse: a title in quotes counts too.

    >>> reported_cue("Xi was reported to have called Putin a good friend.", 32, 37)
    'was reported to'
    >>> reported_cue("Critics say the CCP lies.", 16, 19), reported_cue("I would say the CCP lies.", 18, 21)
    ('say', '')
    >>> reported_cue('He wrote: “the CCP is evil”.', 15, 18), reported_cue("The CCP lies, critics say.", 4, 7)
    ('quoted', 'say')
    >>> reported_cue("Putin told Xi his plan.", 0, 5), reported_cue("Putin told Xi his plan.", 11, 13)
    ('', '')
    """
    quotes = _quote_spans(text)
    if any(a <= start and end <= b for a, b in quotes):
        return "quoted"
    # the mention's clause: between the hard boundaries around it
    gaps = [m.end() for m in _CLAUSE_END.finditer(text, 0, start)]
    lo = gaps[-1] if gaps else 0
    after = _CLAUSE_END.search(text, end)
    hi = after.start() if after else len(text)
    found = _REPORTED.search(text, lo, hi)
    if found and not any(a <= found.start() < b for a, b in quotes):
        return " ".join(found.group().split())
    words = [(m.group().lower().replace("’", "'"), m) for m in _WORD.finditer(text, lo, hi)]
    for n, (word, m) in enumerate(words):
        if word not in REPORTING_VERBS or any(a <= m.start() < b for a, b in quotes):
            continue
        before = [w for w, _ in words[max(0, n - FIRST_PERSON_REACH):n]]
        if any(w in FIRST_PERSON for w in before) or (before and before[-1] in NOT_A_REPORT_BEFORE):
            continue
        if n == 0 and lo == 0 and word == "say":  # "Say what you like about Putin"
            continue
        if m.start() >= end:  # after the mention: only a report closing the clause
            if text[m.end():hi].strip(" \t\n,.!?;:”\"'’)") == "":
                return m.group()
            continue
        between = text[m.end():start].lower().split()
        if word in ADDRESS_VERBS and (not between or between == ["to"]):
            continue  # "told Xi", "said to Putin": the target is the listener
        return m.group()
    return ""


def label_of(score: float) -> str:
    """``against`` at or below :data:`AGAINST_THRESHOLD`, ``favor`` at or above
    :data:`FAVOR_THRESHOLD`, else ``neutral``.

    >>> label_of(-0.1), label_of(0.05), label_of(0.3)
    ('against', 'neutral', 'favor')
    """
    if score <= AGAINST_THRESHOLD:
        return AGAINST
    if score >= FAVOR_THRESHOLD:
        return FAVOR
    return NEUTRAL


def score_mentions(mentions: pd.DataFrame, *, window: int = DEFAULT_WINDOW) -> pd.DataFrame:
    """The mentions with ``score`` (-1..1), ``stance``, ``cues`` and ``reported`` added.

    ``stance`` follows :func:`label_of`; ``cues`` joins the words that drove the score with
    ``"; "``, strongest first; ``reported`` is :func:`reported_cue` (a quote or reported
    speech: the judgement may not be the speaker's own). Each mention is scored within its
    own sentence.

    >>> s = pd.DataFrame({"sentence_id": [0], "doc_id": [0], "turn_id": [0],
    ...     "speaker": ["A"], "start": [0], "end": [30], "text": ["I admire TikTok's engineers."]})
    >>> score_mentions(find_mentions(s))[["target", "score", "stance", "cues"]].values.tolist()
    [['TikTok', 0.4767, 'favor', 'admire']]
    """
    out = mentions.copy()
    scores, labels, cues = [], [], []
    for sentence, start, end, s_start in zip(out["sentence"], out["start"], out["end"],
                                             out["sentence_start"]):
        value, words = target_polarity(sentence, int(start - s_start), int(end - s_start),
                                       window=window)
        value = round(value, DECIMALS)
        scores.append(value)
        labels.append(label_of(value))
        cues.append(CUE_SEPARATOR.join(words))
    out["score"] = pd.Series(scores, index=out.index, dtype="float64")
    out["stance"] = pd.Series(labels, index=out.index, dtype="object")
    out["cues"] = pd.Series(cues, index=out.index, dtype="object")
    out["reported"] = pd.Series(
        [reported_cue(sentence, int(start - s_start), int(end - s_start))
         for sentence, start, end, s_start in zip(out["sentence"], out["start"], out["end"],
                                                  out["sentence_start"])],
        index=out.index, dtype="object")
    return out


# --------------------------------------------------------------------------------------
# Per speaker and target
# --------------------------------------------------------------------------------------


def _verdict(share_against: float, share_favor: float) -> str:
    """The rule of :func:`stance_by_speaker`."""
    # rounded, so that 0.3 - 0.1 counts as the 0.2 it is, not 0.19999999999999998
    margin = round(share_against - share_favor, DECIMALS)
    if round(share_against, DECIMALS) >= MIXED_SHARE and round(share_favor, DECIMALS) >= MIXED_SHARE:
        return MIXED
    if margin >= SIDE_MARGIN:
        return AGAINST
    if -margin >= SIDE_MARGIN:
        return FAVOR
    return NEUTRAL


def _strength(scores: pd.Series, verdict: str) -> pd.Series:
    """How strongly each score justifies ``verdict`` (higher first)."""
    if verdict == AGAINST:
        return -scores
    if verdict == FAVOR:
        return scores
    # mixed and neutral: the strongest either way, so the reader sees what was weighed
    return scores.abs()


def _ranked(group: pd.DataFrame, verdict: str) -> pd.DataFrame:
    """One row per sentence (its most telling mention), strongest justification first."""
    g = group.assign(_strength=_strength(group["score"], verdict).to_numpy())
    g = g.sort_values(["_strength", "start"], ascending=[False, True], kind="stable")
    return g.drop_duplicates("sentence_id", keep="first")


def _groups(scored: pd.DataFrame):
    data = scored.assign(speaker=scored["speaker"].fillna(""))
    return data.groupby(["speaker", "target"], sort=False, dropna=False)


def _check_count(name: str, value) -> None:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < 1:
        raise ValueError(f"{name} must be a positive integer, not {value!r}")


def stance_by_speaker(scored: pd.DataFrame, *, min_mentions: int = 1,
                      n_evidence: int = DEFAULT_EVIDENCE) -> pd.DataFrame:
    """One row per speaker and target mentioned at least ``min_mentions`` times.

    Columns :data:`SPEAKER_COLUMNS`: ``n_mentions``, ``n_sentences`` (distinct sentences),
    ``mean`` (mean mention score), the shares of mentions labelled against / neutral / favor,
    ``stance``, ``evidence_sentence_ids`` (up to ``n_evidence`` sentence ids that most
    justify the stance, joined by ``"; "``), and ``start, end, evidence`` (offsets in
    the source and text of the first of them), and ``n_reported``: mentions in quotes or
    reported speech (:func:`reported_cue`), which the verdict counts like the others.

    The verdict: ``mixed`` when both the against and the favor share reach
    :data:`MIXED_SHARE` (0.25); else ``against`` when the against share exceeds the favor
    share by :data:`SIDE_MARGIN` (0.2) or more, ``favor`` in the mirror case, else
    ``neutral``. So one critical mention among three neutral ones is against (0.25 - 0),
    one among ten is neutral. The justifying sentences are the most negative ones for
    against, the most positive for favor, and the strongest either way for mixed and
    neutral (so a neutral verdict shows the few sentences that leaned either way). Rows are sorted by target, then mentions (most first), then
    speaker.

    >>> s = pd.DataFrame({"sentence_id": [0, 1], "doc_id": [0, 0], "turn_id": [0, 0],
    ...     "speaker": ["A", "A"], "start": [0, 25], "end": [24, 47],
    ...     "text": ["Putin is a brutal tyrant.", "Putin spoke on Tuesday."]})
    >>> t = stance_by_speaker(score_mentions(find_mentions(s)))
    >>> cols = ["speaker", "target", "n_mentions", "share_against", "stance", "evidence"]
    >>> t[cols].values.tolist()
    [['A', 'Vladimir Putin', 2, 0.5, 'against', 'Putin is a brutal tyrant.']]
    """
    _check_count("min_mentions", min_mentions)
    _check_count("n_evidence", n_evidence)
    rows = []
    if len(scored):
        for (speaker, target), g in _groups(scored):
            n = len(g)
            if n < min_mentions:
                continue
            shares = {label: float((g["stance"] == label).mean())
                      for label in (AGAINST, NEUTRAL, FAVOR)}
            verdict = _verdict(shares[AGAINST], shares[FAVOR])
            top = _ranked(g, verdict).head(int(n_evidence))
            best = top.iloc[0]
            rows.append((speaker, target, n, int(g["sentence_id"].nunique()),
                         round(float(g["score"].mean()), DECIMALS),
                         round(shares[AGAINST], DECIMALS), round(shares[NEUTRAL], DECIMALS),
                         round(shares[FAVOR], DECIMALS), verdict,
                         CUE_SEPARATOR.join(str(i) for i in top["sentence_id"]),
                         int(best["sentence_start"]), int(best["sentence_end"]),
                         best["sentence"],
                         int(g["reported"].fillna("").astype(str).ne("").sum())
                         if "reported" in g else 0))
    out = pd.DataFrame(rows, columns=SPEAKER_COLUMNS).astype(_SPEAKER_DTYPES)
    if rows:
        out = out.sort_values(["target", "n_mentions", "speaker"], ascending=[True, False, True],
                              kind="stable").reset_index(drop=True)
    return out


def evidence(scored: pd.DataFrame, *, n: int = DEFAULT_EVIDENCE,
             min_mentions: int = 1) -> pd.DataFrame:
    """Per speaker and target, the ``n`` sentences that most justify its stance.

    The pairs are those of :func:`stance_by_speaker` with the same ``min_mentions``.

    Columns :data:`EVIDENCE_COLUMNS`: ``rank`` (1 = strongest), ``score``, ``stance`` and
    ``cues`` of the sentence's most telling mention, ``start, end`` the sentence's offsets in
    the source, ``speaker_stance`` the verdict of :func:`stance_by_speaker` they justify and
    ``mention_start, mention_end`` the mention's offsets and ``reported`` its
    :func:`reported_cue`. Groups in the order of
    :func:`stance_by_speaker`; a sentence naming the target twice is listed once.

    >>> s = pd.DataFrame({"sentence_id": [0, 1], "doc_id": [0, 0], "turn_id": [0, 0],
    ...     "speaker": ["A", "A"], "start": [0, 25], "end": [24, 47],
    ...     "text": ["Putin is a brutal tyrant.", "Putin spoke on Tuesday."]})
    >>> e = evidence(score_mentions(find_mentions(s)), n=1)
    >>> e[["rank", "stance", "sentence", "cues"]].values.tolist()
    [[1, 'against', 'Putin is a brutal tyrant.', 'brutal; tyrant']]
    """
    _check_count("n", n)
    verdicts = stance_by_speaker(scored, min_mentions=min_mentions)
    rows = []
    if len(scored):
        groups = dict(iter(_groups(scored)))
        for speaker, target, verdict in verdicts[["speaker", "target", "stance"]].itertuples(
                index=False, name=None):
            top = _ranked(groups[(speaker, target)], verdict).head(n)
            for rank, r in enumerate(top.itertuples(index=False), start=1):
                rows.append((speaker, target, rank, r.score, r.stance, r.doc_id, r.sentence_id,
                             int(r.sentence_start), int(r.sentence_end), r.sentence, r.cues,
                             verdict, int(r.start), int(r.end), getattr(r, "reported", "")))
    return pd.DataFrame(rows, columns=EVIDENCE_COLUMNS).astype(_EVIDENCE_DTYPES)


# --------------------------------------------------------------------------------------
# HTML for the notebook (all transcript text escaped)
# --------------------------------------------------------------------------------------


def _marked(sentence: str, s_start: int, m_start: int, m_end: int, cues: str) -> str:
    """Escaped HTML of a sentence: the mention in ``<mark>``, its cue words in ``<u>``.

    ``cues`` is the mention's ``cues`` column: only those words are underlined, where the
    scorer found them (nearest the mention when a word recurs), so the HTML shows exactly
    the words behind the score."""
    from doculens.reports import highlight

    a, b = int(m_start - s_start), int(m_end - s_start)
    cues = cues if isinstance(cues, str) else ""  # NaN from a CSV read back
    wanted = [c.removeprefix("not ") for c in cues.split(CUE_SEPARATOR) if c]
    # the scorer's own spans, with a window wide enough to reach every cue it reported
    _, found = _directed(sentence, a, b, max(DEFAULT_WINDOW, len(sentence.split())))
    spans = [(a, b, "mark")]
    for word in wanted:
        places = [(abs(c_start - a), c_start, c_end) for text, c_start, c_end, _ in found
                  if text.removeprefix("not ") == word and (c_start, c_end, "u") not in spans]
        if places:
            _, c_start, c_end = min(places)
            spans.append((c_start, c_end, "u"))
    return highlight(sentence, spans)


def _reported_note(row) -> str:
    """" (reported: said)" after a mention in reported speech, escaped; "" otherwise."""
    from doculens.reports import escape

    cue = getattr(row, "reported", "")
    return f" <i>(reported: {escape(cue)})</i>" if isinstance(cue, str) and cue else ""


def evidence_html(table: pd.DataFrame):
    """The evidence (:func:`evidence`) as escaped HTML: per speaker and target, its verdict
    and the justifying sentences, the target marked and the cue words underlined.

    >>> t = pd.DataFrame({"speaker": ["<A>"], "target": ["CCP"], "rank": [1],
    ...     "score": [-0.5], "stance": ["against"], "doc_id": [0], "sentence_id": [3],
    ...     "start": [10], "end": [30], "sentence": ["The <b>CCP</b> lies."],
    ...     "cues": ["lies"], "speaker_stance": ["against"], "mention_start": [17],
    ...     "mention_end": [20]})
    >>> html_out = str(evidence_html(t))
    >>> "&lt;b&gt;<mark>CCP</mark>&lt;/b&gt; <u>lies</u>" in html_out, "&lt;A&gt;" in html_out
    (True, True)
    """
    from doculens.reports import _HTML, escape

    if table.empty:
        return _HTML("<p>No mentions of the targets.</p>")
    blocks = []
    for (speaker, target), g in table.groupby(["speaker", "target"], sort=False):
        verdict = g["speaker_stance"].iloc[0]
        items = []
        for r in g.itertuples(index=False):
            items.append(
                f'<li><b>{r.score:+.2f}</b> {escape(r.stance)}{_reported_note(r)} · document '
                f'{escape(r.doc_id)}, sentence {escape(r.sentence_id)} · <small>characters '
                f'{int(r.start)}–{int(r.end)}</small>'
                f'<blockquote style="margin:.2em 0 .4em 1.2em">'
                f'{_marked(r.sentence, r.start, r.mention_start, r.mention_end, r.cues)}'
                f'</blockquote></li>')
        blocks.append(
            f'<div class="doculens-stance"><h4>{escape(speaker or "(unattributed)")} on '
            f'{escape(target)}: {escape(verdict)}</h4><ol>{"".join(items)}</ol></div>')
    return _HTML("".join(blocks))


#: columns of :func:`highlighted`.
VIEW_COLUMNS = ["target", "speaker", "stance", "score", "sentence", "cues", "reported",
                "doc_id", "sentence_id", "start", "end"]


def highlighted(scored: pd.DataFrame) -> pd.DataFrame:
    """The scored mentions ready to show as HTML: every string escaped and ``sentence`` with
    the mention in ``<mark>`` and its cues in ``<u>``. Columns :data:`VIEW_COLUMNS`.

    >>> s = pd.DataFrame({"sentence_id": [0], "doc_id": [0], "turn_id": [0],
    ...     "speaker": ["<i>K</i>"], "start": [0], "end": [17], "text": ["<b>Xi</b> is evil."]})
    >>> v = highlighted(score_mentions(find_mentions(s)))
    >>> v["sentence"].iloc[0], v["speaker"].iloc[0]
    ('&lt;b&gt;<mark>Xi</mark>&lt;/b&gt; is <u>evil</u>.', '&lt;i&gt;K&lt;/i&gt;')
    """
    from doculens.reports import escape

    if scored.empty:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in VIEW_COLUMNS})
    view = scored.copy()
    view["sentence"] = [_marked(t, s, a, b, c) for t, s, a, b, c in zip(
        scored["sentence"], scored["sentence_start"], scored["start"], scored["end"],
        scored["cues"])]
    view = view.reindex(columns=VIEW_COLUMNS, fill_value="")
    for col in view.columns:
        if col != "sentence" and not pd.api.types.is_numeric_dtype(view[col]):
            view[col] = view[col].map(lambda v: escape(v) if isinstance(v, str) else v)
    return view.reset_index(drop=True)


def show_mentions(scored: pd.DataFrame, *, caption: str | None = None):
    """An interactive table of the scored mentions, target and cues highlighted.

    Built from :func:`highlighted` (all transcript text escaped there) and rendered by
    itables with ``allow_html=True``.

    Example:
        >>> show_mentions(scored)  # doctest: +SKIP
    """
    from itables import to_html_datatable

    from doculens.reports import _HTML, MAX_TABLE_BYTES, PAGE_LENGTH, escape

    markup = to_html_datatable(highlighted(scored), caption=escape(caption) if caption else None,
                               connected=False, maxBytes=MAX_TABLE_BYTES, pageLength=PAGE_LENGTH,
                               classes="display compact", allow_html=True)
    return _HTML(markup)


