"""Target-directed polarity: how one sentence speaks *of the target at a given span*.

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
   package, -4..4), overridden or completed by the stance lexicon
   (``data/stance_lexicon.tsv``, see :mod:`doculens.stance.lexicon`), set to 0 for the
   institutional words of ``data/stance_domain_neutral.txt`` ("party", "security"...), for
   the words of idioms (``data/stance_idioms.txt``: "on the other hand", "kind of") and for
   capitalised words inside a name ("Victoria Justice", "the Nobel Peace Prize").
   VADER's own rules are applied as in its ``sentiment_valence``: a negation among the three
   words before flips and damps the valence (x ``N_SCALAR`` = -0.74), boosters and
   dampeners add or remove ``B_INCR``, an ALL-CAPS word in mixed-case text adds ``C_INCR``;
   "!" after the clause adds 0.292 each (up to 4). Added here: a negated verb of belief
   raises its negation to the clause it introduces ("I don't think the CCP is a threat");
   "like" counts only as a verb; apostrophes lost in transcription ("won t") still negate;
   elongated words ("sooo") are looked up shortened; ``anti-``/``pro-`` before the target is
   a cue by itself.
3. **Distance.** A word ``d`` words away weighs ``1 - (d - 1) / window``. After a verb of
   feeling or desire that follows the mention ("Putin felt betrayed") the weight is
   multiplied by :data:`EXPERIENCER_FACTOR`.
4. **Score.** The weighted sum ``s`` (halved when the clause is a question) is normalised as
   VADER normalises its compound, ``s / sqrt(s**2 + 15)``, into -1..1.

What kind of statement the clause makes (an evaluation, a courtesy, a report of the target's
own words...) is decided on top of this in :mod:`doculens.stance.statements`.

>>> score, cues = target_polarity("I love this country but the CCP is brutal.", 28, 31)
>>> round(score, 2), cues
(-0.57, ['brutal'])
"""

from __future__ import annotations

import functools
import math
import re

from vaderSentiment import vaderSentiment as _vs

from doculens.sentences import PREPOSITIVE_ABBREVIATIONS
from doculens.sentiment import _analyzer
from doculens.stance.lexicon import DOMAIN_NEUTRAL, STANCE_LEXICON, idiom_spans

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
#: valence of an ``anti-``/``pro-`` prefix glued to the target ("anti-Kline").
PREFIX_VALENCE = 2.0
#: rounding of scores in the tables.
DECIMALS = 4

AGAINST, NEUTRAL, FAVOR = "against", "neutral", "favor"


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
NEGATIONS = (frozenset(_vs.NEGATE) - {"despite"}) | {"no", "nobody", "noone", "n't", "n’t"} | {
    # verbs of lacking and doubting deny the quality that follows ("lacks the judgment",
    # "question the honesty of X"); our addition
    "lack", "lacks", "lacked", "lacking", "question", "questions", "questioned",
    "questioning", "doubt", "doubts", "doubted", "doubting"}
# "like" is the verb only after one of these (a subject or an auxiliary); otherwise it is
# the preposition ("just like TikTok", "Like Putin, Xi ...") and carries no valence.
LIKE_VERB_AFTER = frozenset({
    "i", "we", "you", "they", "he", "she", "really", "also", "still", "do",
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
WH_WORDS = frozenset({"how", "why", "what", "who", "whom", "where", "when", "whether"})
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
ADDRESS_VERBS = frozenset({"tell", "tells", "told", "telling"})
# "say/said to X" also makes X the listener (but "critics say X lies" reports on X)
SAY_VERBS = frozenset({"say", "says", "said", "saying"})
REPORTING_PHRASES = (r"according\s+to", r"reportedly", r"allegedly",
                     r"(?:is|are|was|were|been|be)\s+(?:reported|said|alleged|believed|rumou?red)\s+to")
# The speaker's own voice: "I said", "we would say", "I have always said" (up to
# FIRST_PERSON_REACH words between), and words before "say" that make it no report
# ("to say", "let's say", "the final say").
FIRST_PERSON = frozenset({"i", "we", "i'd", "we'd", "i'll", "we'll", "i've", "we've", "i'm"})
FIRST_PERSON_REACH = 3
NOT_A_REPORT_BEFORE = frozenset({"to", "let's", "lets", "the", "a", "final", "i'd"})
# Words that open a turn or clause as a discourse marker when a comma follows them ("Well,
# ...", "No, you're wrong."): there they carry no valence and negate nothing. Our list.
INTERJECTIONS = frozenset({
    "well", "no", "yes", "yeah", "oh", "okay", "ok", "sure", "look", "please", "now", "so",
    "right", "alright", "listen", "wow", "hey", "fine", "true",
})
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


@functools.lru_cache(maxsize=4096)
def _sentence_tokens(text: str) -> tuple[_Tok, ...]:
    """:func:`_tokens` of a sentence, memoised: a sentence with several mentions is
    tokenised once (callers never modify the tokens)."""
    return tuple(_tokens(text, _analyzer().lexicon))


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
    # discourse interjections ("Well, ...", "No, you're wrong", "Look, ..."): opening the
    # text or following punctuation, and followed by a comma, they carry no valence and
    # negate nothing
    for k, tok in enumerate(out):
        if (tok.kind == "w" and tok.lower in INTERJECTIONS and k + 1 < len(out)
                and out[k + 1].kind == "p" and out[k + 1].raw.startswith(",")
                and (k == 0 or out[k - 1].kind == "p")):
            tok.lower = "\x00" + tok.lower
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


def combine(cues, *, exclaim: int = 0, question: bool = False) -> float:
    """The score in -1..1 of cue contributions: their sum, emphasised by ``exclaim``
    exclamation marks, halved in a question, normalised as VADER normalises its compound."""
    total = sum(c[3] for c in cues)
    if exclaim and total:
        boost = min(exclaim, EXCLAIM_MAX) * EXCLAIM_WEIGHT
        total += boost if total > 0 else -boost
    if question:
        total *= QUESTION_FACTOR
    score = total / math.sqrt(total * total + ALPHA) if total else 0.0
    return max(-1.0, min(1.0, score))


def _directed(text: str, start: int, end: int, window: int, *, anaphora: bool = True):
    """(score, [(cue, start, end, contribution), ...]) of the target at text[start:end]."""
    cues, exclaim, question = directed_cues(text, start, end, window, anaphora=anaphora)
    return combine(cues, exclaim=exclaim, question=question), cues


def directed_cues(text: str, start: int, end: int, window: int = DEFAULT_WINDOW, *,
                  anaphora: bool = True):
    """The cues of the target at ``text[start:end]``: ``([(word, start, end, contribution),
    ...], exclamation marks, is_question)``, strongest contribution first. Offsets are in
    ``text``; :func:`combine` turns them into the score."""
    if window < 1:
        raise ValueError(f"window must be a positive number of words, not {window!r}")
    lexicon = _analyzer().lexicon
    toks = _sentence_tokens(text)
    caps = text != text.upper() and text != text.lower()
    # A capitalised word right after another word (no punctuation between) is part of a
    # name ("Victoria Justice", "the Nobel Peace Prize", "the Free World") and carries no
    # valence -- except where most words are capitalised (a headline in title case).
    names = None  # decided when first needed
    cues: list[tuple[str, int, int, float]] = []
    total = 0.0
    idioms = idiom_spans(text)

    # prefix glued to the target: "anti-Kline", "pro-Reyes"
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
                if idioms and any(a <= t.start < b for a, b in idioms):
                    continue  # "on the other hand", "kind of": no valence in an idiom
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
        # not before a wh-word: "I can't imagine how X ..." is incredulity, not belief
        if toks[k].lower in NEG_RAISING_VERBS and not (
                k + 1 < len(toks) and toks[k + 1].lower in WH_WORDS):
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
    for p in later if anaphora else ():
        around = [(k, d, f) for k, d, f in walk(range(p - 1, -1, -1))
                  + walk(range(p + 1, len(toks)), right=True)
                  if k not in seen and not first <= k <= last]
        seen.update(k for k, _, _ in around)
        add(around, lambda d: ANAPHORA_FACTOR * _distance_weight(d, window))
    cues.sort(key=lambda c: -abs(c[3]))
    return cues, exclaim, question


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


@functools.lru_cache(maxsize=4096)
def _quote_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Spans inside quotation marks, a quote left open running to the end of the text and
    one closed without an opening starting at its beginning (quotes over several sentences)."""
    spans = []
    for left, right in _QUOTES:
        if left == right:
            marks = [m.start() for m in re.finditer(re.escape(left), text)]
            spans += [(a + 1, b) for a, b in zip(marks[0::2], marks[1::2])]
            continue
        depth_start = None
        for m in re.finditer(f"[{re.escape(left)}{re.escape(right)}]", text):
            if m.group() == left:
                depth_start = m.end()
            elif depth_start is not None:
                spans.append((depth_start, m.start()))
                depth_start = None
            elif not spans or spans[-1][1] < m.start():
                spans.append((0, m.start()))  # closes a quote opened in an earlier sentence
        if depth_start is not None:
            spans.append((depth_start, len(text)))  # runs on into the next sentence
    return tuple(spans)


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
        if (word in ADDRESS_VERBS and (not between or between == ["to"])) or (
                word in SAY_VERBS and between == ["to"]):
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

