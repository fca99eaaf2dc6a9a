"""What kind of statement each mention stands in, and the score it gives the target.

The clause polarity of :mod:`doculens.stance.polarity` counts every valenced word near the
target. Much of that is not the speaker's judgement of the target, so each mention is first
classed (``kind``), in this order, and scored by what its class allows:

* ``reported`` (g): the target's own words, acts of support or positions ("X said…",
  "X has praised Y", "X was supported by Y", "supported by X"), or a judgement the speaker
  attributes to others ("critics say X…", a quotation). Words after the reporting verb are
  the target's, not the speaker's: only the speaker's own framing before the verb counts
  ("X falsely claimed"). A third party's report, a quote, or a passive agent scores 0.
* ``alliance`` (d): "X and I", "I and X", "stand/run/serve … with X", "my running mate"
  (a partner role): the speaker sides with the target (+ :data:`ALLIANCE_VALENCE`).
* ``comparison`` (e): "safer than X", "more qualified than X": a favourable quality the
  target is said to have less of counts against it; an unfavourable one ("worse than X")
  scores 0 (a foil, not a judgement). Words before "than" belong to the other side.
* ``courtesy`` (f): thanks, welcome, honour, congratulations, blessings, agreement, "we
  both love this country" (``data/stance_statements.tsv``): their positive words are
  ritual, not support; negative words in the same clause still count.
* ``question`` (h): a question's positive words are rhetorical ("Do you think X is smart
  to…?") and dropped; its negative words count at half weight.
* ``evaluation`` (a), ``act`` (b) and ``attitude`` (c): what remains, by where the
  strongest cue stands: after a copula that follows the target ("X is dishonest"),
  after another verb ("X failed", "X raised taxes"), or after a first person before
  the target ("I trust X"). Adjectives of the target's own state or luck ("X was
  fortunate", "X is happy") are its state, not its quality, and are dropped.
* incredulity: "I can't believe X would…", "I cannot imagine how X can…" is the speaker's
  reproach (- :data:`INCREDULITY_VALENCE`), whatever the clause's kind.
* ``none``: no cue at all.

``cues`` keeps every word that counted, and the class's own cue ("and I", "than safer",
"courtesy: thank"), so a reader sees why.

>>> classify("Ann Lee and I will fight for you.", 0, 7)[:2]
('alliance', 0.3612)
>>> classify("Thank you, Bob, it is an honor to be here.", 11, 14)[:2]
('courtesy', 0.0)
>>> classify("Bob has praised the dictator again and again.", 0, 3)[:2]
('reported', 0.0)
>>> classify("Our plan is safer than Bob.", 23, 26)[0]
'comparison'
"""

from __future__ import annotations

import re

import pandas as pd
from vaderSentiment import vaderSentiment as _vs

from doculens.stance.lexicon import STATEMENT_CUES, phrase_pattern
from doculens.stance.polarity import FIRST_PERSON as _FIRST_PERSON
from doculens.stance.polarity import (DECIMALS, DEFAULT_WINDOW,
                                      _word_valence, combine, directed_cues, label_of,
                                      reported_cue)

__all__ = ["KINDS", "ALLIANCE_VALENCE", "COMPARISON_VALENCE", "INCREDULITY_VALENCE",
           "BUT_BEFORE", "BUT_AFTER", "classify", "score_mentions", "JUDGEMENT_COLUMNS"]

KINDS = ("evaluation", "act", "attitude", "alliance", "comparison", "courtesy", "reported",
         "question", "none")
#: valence (VADER scale) of siding with the target: about VADER's "support" (1.7).
ALLIANCE_VALENCE = 2.0
#: VADER's "but" rule: the clause before "but" weighs this much, the one after it ...
BUT_BEFORE = 0.5
#: ... this much.
BUT_AFTER = 1.5
#: valence (VADER scale) of the speaker's incredulity at the target ("I can't believe X…").
INCREDULITY_VALENCE = 1.5
#: a comparative's valence is scaled by this when it counts against the compared target.
COMPARISON_VALENCE = 1.0
#: words between a target and its verb that do not change who speaks ("has", "again").
SKIPPABLE = frozenset("""
has have had 's ’s is was were are been be being will would did does do again also always
repeatedly just even already once still then publicly openly strongly recently often
actually really certainly now clearly apparently reportedly
""".split())
COPULAS = frozenset("""
is was are were 's ’s be been being seems seemed looks looked sounds sounded became becomes
remains remained 're ’re
""".split())
# the speaker's own voice (polarity's list, with "we're" and the object forms)
FIRST_PERSON = _FIRST_PERSON | {"we're", "me", "us"}
#: the columns :func:`score_mentions` adds.
JUDGEMENT_COLUMNS = ["kind", "score", "stance", "cues", "reported"]

_COURTESY = phrase_pattern(STATEMENT_CUES["courtesy"])
_REPORTING = phrase_pattern(STATEMENT_CUES["reporting"])
_ALLIANCE_VERBS = "|".join(sorted((re.escape(v) for v in STATEMENT_CUES["alliance"]), key=len, reverse=True))
_STATE = frozenset(STATEMENT_CUES["state"])
_FORTUNE = frozenset(STATEMENT_CUES["fortune"])
_WITH_ALLY = re.compile(rf"(?<![\w'’])(?:{_ALLIANCE_VERBS})(?:\s+[\w'’-]+){{0,2}}\s+(?:with|alongside|behind)\s+$",
                        re.I)
# "X and I" followed by its predicate; "X and I" that ends the clause only says who "we"
# are ("we are on this stage together, X and I"), which is presence, not alliance
_AND_I_AFTER = re.compile(r"^['’]?s?\s*,?\s*and\s+(?:I|me|myself)(?![\w'’])(?!\s+(?:both|each|alike|too)\b)"
                          r"(?!\s*(?:[.!?;]|$))")
_INCREDULITY = re.compile(r"(?<![\w'’])(?:I|we|We)\s+((?:can['’]t|cannot|can\s+not|couldn['’]t|could\s+not)"
                          r"\s+(?:believe|imagine|understand|fathom|comprehend))(?![\w'’])")
# what may stand before a subject at the start of its clause
_SUBJECT_SLOT = re.compile(r"(?:^|[,;:—–-]|\b(?:and|but|so|that|because|when|then|now|well|yes|"
                           r"and|while|if|since|as|where)\b)\W*(?:the\s+)?$", re.I)
_FIRST_PERSON_WORD = re.compile(r"(?<![\w'’])(?:I|we|We)(?![\w])")
_AND_I_BEFORE = re.compile(r"(?<![\w'’])(?:I|me|myself)\s+and\s+$")
_THAN = re.compile(r"(?<![\w'’])(?:(more|less)\s+)?([\w'’-]+)\s+than\s+(?:the\s+)?$", re.I)
_PASSIVE_BY = re.compile(r"(?<![\w'’])([\w'’-]+)\s+by\s+$", re.I)
_WORD = re.compile(r"[\w'’]+")
_BUT = re.compile(r"(?<![\w'’])but(?![\w'’])", re.I)
_CONDITION = re.compile(r"(?<![\w'’])(?:if|unless|whether)(?![\w'’])", re.I)
_CONDITION_END = re.compile(r",|\bthen\b|[.!?;]")
_BOOSTERS = frozenset(_vs.BOOSTER_DICT)
_CLAUSE_END = re.compile(r"(?<!\.)[.!?;](?=\s|$)")


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    gaps = [m.end() for m in _CLAUSE_END.finditer(text, 0, start)]
    lo = gaps[-1] if gaps else 0
    after = _CLAUSE_END.search(text, end)
    return lo, (after.start() if after else len(text))


def _condition_spans(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """Spans of the conditional clauses ("if …", "unless …", "whether …", up to the next
    comma or "then") in ``text[lo:hi]``: what they say of anyone is hypothetical."""
    spans = []
    for m in _CONDITION.finditer(text, lo, hi):
        stop = _CONDITION_END.search(text, m.end(), hi)
        spans.append((m.start(), stop.start() if stop else hi))
    return spans


def _comparative_valence(word: str, more: str | None) -> float:
    """Valence of a comparative: "better" as written, "safer" as "safe", "more qualified"
    as "qualified" ("less" flips it)."""
    w = word.lower()
    value = _word_valence(w)
    if not value and more is None:
        for stem in (w[:-2], w[:-1], w[:-3] + "y" if w.endswith("ier") else "",
                     w[:-3] if len(w) > 4 and w[-3] == w[-4] else ""):
            if stem and _word_valence(stem):
                value = _word_valence(stem)
                break
        if not w.endswith("er"):
            value = 0.0
    if more and more.lower() == "less":
        value = -value
    return value


def _report_cut(text: str, end: int, hi: int) -> tuple[int, str] | None:
    """Where a reporting verb whose subject is the target starts, and the verb: the first
    word after the mention (skipping auxiliaries, adverbs and commas) is one."""
    pos = end
    while pos < hi:
        rest = text[pos:hi]
        m = re.match(r"[\s,]*(?:['’]s\b)?[\s,]*", rest)
        pos += m.end()
        rep = _REPORTING.match(text, pos, hi)
        if rep:
            return rep.start(), rep.group()
        w = _WORD.match(text, pos, hi)
        if not w:
            return None
        word = w.group().lower()
        if word in SKIPPABLE or word.endswith("ly") or (word == "and" and text[w.end():hi].lstrip().lower().startswith("again")):
            pos = w.end()
            continue
        return None
    return None


def classify(text: str, start: int, end: int, *, window: int = DEFAULT_WINDOW,
             via: str = "name", role: str = "") -> tuple[str, float, list[str], str]:
    """``(kind, score, cues, reported)`` of the target at ``text[start:end]``.

    ``via`` and ``role`` tell how the mention was resolved (a partner role such as "my
    running mate" is an alliance). See the module docstring for the classes.
    """
    cues, exclaim, question = directed_cues(text, start, end, window, anaphora=False)
    lo, hi = _clause(text, start, end)
    reported = reported_cue(text, start, end)
    extra: list[tuple[str, int, int, float]] = []
    kind = ""
    # (g) reported speech and positions
    cut = _report_cut(text, end, hi)
    if cut is not None:
        kind = "reported"
        # the speaker's framing stays ("X falsely claimed"), not the verb's boosters
        cues = [c for c in cues if c[1] < cut[0] and not (
            c[1] > end and (c[0].lower() in _BOOSTERS or (c[3] > 0 and c[0].lower().endswith("ly"))))]
        reported = reported or cut[1].split()[0]
    passive = _PASSIVE_BY.search(text, lo, start)
    if kind == "" and passive and passive.end() == start and _REPORTING.fullmatch(passive.group(1)):
        kind, cues = "reported", []  # "supported by X": X's act of support
        reported = reported or passive.group(1)
    if kind == "" and reported:
        kind, cues = "reported", []  # a quote, or a third party's judgement
    # a hypothetical: inside "if …," the target's deeds are not asserted ("if you win")
    conditions = _condition_spans(text, lo, hi)
    if conditions:
        cues = [c for c in cues if not any(a <= c[1] < b for a, b in conditions)]
    courtesy = _COURTESY.search(text, lo, hi)
    # (d) alliance ("X and I agree" is agreement on a point: a courtesy)
    if kind == "":
        tail, head = text[end:hi], text[lo:start]
        # "X and I" only where X opens its clause, as a subject ("I fear X and I distrust
        # Y" coordinates clauses, not allies)
        opens = _SUBJECT_SLOT.search(text[lo:start]) is not None
        if not courtesy and ((opens and _AND_I_AFTER.match(tail)) or _AND_I_BEFORE.search(head)):
            kind, extra = "alliance", [("and I", start, end, ALLIANCE_VALENCE)]
        elif _WITH_ALLY.search(head) and _FIRST_PERSON_WORD.search(head[:_WITH_ALLY.search(head).start()]):
            # "I am proud to stand with X" (not "you're running with X": another's ally)
            kind, extra = "alliance", [("with", start, end, ALLIANCE_VALENCE)]
        elif role and role.lower() in STATEMENT_CUES["partner"]:
            kind, extra = "alliance", [(f"my {role.lower()}", start, end, ALLIANCE_VALENCE)]
    # incredulity at what the target does: "I can't believe X would…", "I cannot imagine
    # how X can…" is the speaker's reproach
    if kind == "":
        doubt = _INCREDULITY.search(text, lo, start)
        if doubt:
            extra = extra + [(" ".join(doubt.group(1).split()), doubt.start(1), doubt.end(1),
                              -INCREDULITY_VALENCE)]
    # (e) comparison
    if kind == "":
        than = _THAN.search(text, lo, start)
        if than and than.end() == start:
            value = _comparative_valence(than.group(2), than.group(1))
            if value:
                kind = "comparison"
                cues = [c for c in cues if c[1] > end]
                if value > 0:
                    extra = [(f"than {than.group(2)}", than.start(2), than.end(2),
                              -value * COMPARISON_VALENCE)]
    # (f) courtesy
    if kind == "" and courtesy:
        positives = [c for c in cues if c[3] > 0]
        if positives or not cues:
            kind = "courtesy"
            cues = [c for c in cues if c[3] < 0]
    # (h) rhetorical questions
    if question and kind not in ("reported", "alliance"):
        cues = [c for c in cues if c[3] < 0]
        kind = kind or "question"
    # (a) the target's state is not its quality, nor is its fortune
    cues = [c for c in cues if not (c[1] > end and c[0].lower().removeprefix("not ") in _STATE)
            and c[0].lower().removeprefix("not ") not in _FORTUNE]
    # VADER's "but" rule: a concession before "but" weighs half, what follows it 1.5 times
    but = _contrast_factor(text, start, end)
    if but != 1.0:
        cues = [(w, a, b, v * but) for w, a, b, v in cues]
    everything = sorted(cues + extra, key=lambda c: -abs(c[3]))
    score = round(combine(everything, exclaim=exclaim, question=question), DECIMALS)
    if kind == "":
        kind = _plain_kind(text, start, end, lo, everything) if everything else "none"
    words = [c[0] for c in everything]
    return kind, score, words, reported


def _contrast_factor(text: str, start: int, end: int) -> float:
    """:data:`BUT_BEFORE` when "but" follows the mention in its sentence ("X is a good
    doctor, but…"), :data:`BUT_AFTER` when it comes before it, else 1 (VADER's rule)."""
    for m in _BUT.finditer(text):
        if text[m.end():m.end() + 6].lower().strip().startswith("also"):
            continue  # "not only ... but also"
        return BUT_BEFORE if m.start() >= end else BUT_AFTER
    return 1.0


def _plain_kind(text: str, start: int, end: int, lo: int, cues) -> str:
    """evaluation, act or attitude, by where the strongest cue stands."""
    strongest = cues[0]
    if strongest[1] < start:
        before = [w.lower() for w in _WORD.findall(text[lo:strongest[1]])]
        return "attitude" if any(w in FIRST_PERSON for w in before) else "evaluation"
    gap = text[end:strongest[1]]
    between = [w.lower() for w in _WORD.findall(gap)]
    if not between:  # "X failed": a verb; "X, dishonest as ever": an apposition
        return "evaluation" if "," in gap else "act"
    if between[0] in COPULAS or any(w in COPULAS for w in between[:3]):
        return "evaluation"
    return "act"


def score_mentions(mentions: pd.DataFrame, *, window: int = DEFAULT_WINDOW) -> pd.DataFrame:
    """The mentions with ``kind``, ``score`` (-1..1), ``stance``, ``cues`` and ``reported``.

    ``stance`` is ``against`` at ``score <= -0.1``, ``favor`` at ``>= 0.1``, else
    ``neutral``; ``cues`` joins the words that counted, strongest first, with ``"; "``.

    >>> m = pd.DataFrame({"sentence": ["You are a liar."], "start": [0], "end": [3],
    ...     "sentence_start": [0], "via": ["address"], "alias": ["You"]})
    >>> score_mentions(m)[["kind", "score", "stance", "cues"]].values.tolist()
    [['evaluation', -0.4069, 'against', 'liar']]
    """
    out = mentions.copy()
    results = []
    vias = out["via"] if "via" in out else pd.Series("name", index=out.index)
    aliases = out["alias"] if "alias" in out else pd.Series("", index=out.index)
    for sentence, start, end, s_start, via, alias in zip(out["sentence"], out["start"], out["end"],
                                                          out["sentence_start"], vias, aliases):
        role = ""
        if via == "role" and isinstance(alias, str):
            role = re.sub(r"^(?:my|our)\s+", "", alias, flags=re.I)
        results.append(classify(sentence, int(start - s_start), int(end - s_start),
                                window=window, via=via, role=role))
    out["kind"] = pd.Series([r[0] for r in results], index=out.index, dtype="object")
    out["score"] = pd.Series([r[1] for r in results], index=out.index, dtype="float64")
    out["stance"] = pd.Series([label_of(r[1]) for r in results], index=out.index, dtype="object")
    out["cues"] = pd.Series(["; ".join(r[2]) for r in results], index=out.index, dtype="object")
    out["reported"] = pd.Series([r[3] for r in results], index=out.index, dtype="object")
    return out



