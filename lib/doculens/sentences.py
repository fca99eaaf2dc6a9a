"""Rule-based English sentence splitter with lossless character spans.

``split_sentences(text)`` returns one row per sentence with ``start``/``end`` offsets into
``text`` such that ``text[start:end] == row.text``. Spans never include surrounding whitespace,
never overlap, are in order, and together cover every non-whitespace character of the input.

How it works: one compiled regex scans the text once for *candidate boundaries* — runs of
terminal punctuation (``. ! ? …``, spaced ellipses ``. . .``) followed by optional closing
quotes/brackets and whitespace, blank lines, bullets and list markers (``1.``, ``a.``,
``2.)``, ``3)``). Each candidate is then accepted or rejected by cheap look-ups on the word
before it (abbreviation lists below) and the word after it (its case, a sentence-starter
list). Everything that tunes the decisions is data: the module constants below, each with
its source.

A single newline inside a turn is a hard wrap and is treated as a space; a blank line (two
or more newlines) is always a boundary.

>>> split_sentences("I live in the U.S. How about you?")["text"].tolist()
['I live in the U.S.', 'How about you?']
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

__all__ = [
    "split_sentences",
    "sentence_spans",
    "is_question",
    "ABBREVIATIONS",
    "PREPOSITIVE_ABBREVIATIONS",
    "NUMBER_ABBREVIATIONS",
    "SENTENCE_STARTERS",
]

# --------------------------------------------------------------------------------------
# Data. Sources: pySBD 0.3.4 (MIT), ``pysbd/lang/common/standard.py`` — the English
# ``Abbreviation.ABBREVIATIONS``, ``PREPOSITIVE_ABBREVIATIONS``, ``NUMBER_ABBREVIATIONS``
# and ``AbbreviationReplacer.SENTENCE_STARTERS`` lists, which pySBD tuned on the Golden Rules.
# Our changes are marked: words removed because they are ordinary English words, and
# additions from the seed transcript (seeds/000_5091d5ce2a71cf37.txt) and common usage.
# All entries are lower case and without the final period; multi-period abbreviations
# (U.S., a.m., e.g., Ph.D.) are recognised by shape (``_MULTI_PERIOD_RE``), not listed.
# --------------------------------------------------------------------------------------

#: pySBD's general abbreviation list. A period after one of these does not end the
#: sentence when a digit or lower-case word follows ("approx. 50", "Co. at noon"), but
#: does when a capitalised word follows ("Briggs & Co. It closed").
_PYSBD_ABBREVIATIONS = frozenset("""
adj adm adv al ala alta apr arc ariz ark art assn asst attys aug ave bart bld bldg blvd brig
bros btw cal calif capt cl cmdr co col colo comdr con conn corp cpl cres ct dak dec del dept
det dist dr drs ens esp esq etc exp expy ext feb fed fla ft fwy fy ga gen gov hon hosp hr hway
hwy ia id ida ill inc ind ing insp is jan jr jul jun kan kans ken ky la lt ltd maj man mar mass
may md me med messrs mex mfg mich min minn miss mlle mm mme mo mont mr mrs ms msgr mssrs mt mtn
neb nebr nev no nos nov nr oct ok okla ont op ord ore p pa pd pde penn penna pfc ph pl plz pp
prof pvt que rd rs ref rep reps res rev rt sask sec sen sens sep sept sfc sgt sr st supt surg
tce tenn tex univ usafa ut va v ver viz vs vt wash wis wisc wy wyo yuk fig
""".split())

#: Removed from pySBD's list: ordinary English words that often end a sentence
#: ("That is me. 50 people came.") — our own judgement.
_COMMON_WORDS = frozenset("con id ill is man mass may me miss mo ok wash ken la".split())

#: Our additions (common English abbreviations; "etc" and "inc" occur in the seed).
_EXTRA_ABBREVIATIONS = frozenset(
    "approx ca cf dept est fig figs govt incl intl mln mt natl nat'l n° pt pts sr sq vol vols".split()
)

ABBREVIATIONS = (_PYSBD_ABBREVIATIONS - _COMMON_WORDS) | _EXTRA_ABBREVIATIONS

#: Titles and other abbreviations that are never the last word of a sentence: a period
#: after them is never a boundary ("Mr. Smith", "Mt. Fuji", "Current Sec. Blinken").
#: pySBD's PREPOSITIVE_ABBREVIATIONS plus our additions (mrs/ms/dr/sec/pres/sr from the
#: seed's and interviews' titles; "cf", "viz" are always followed by their object).
PREPOSITIVE_ABBREVIATIONS = frozenset(
    "adm attys brig capt cmdr col cpl det dr gen gov ing lt maj mr mrs ms mt messrs mssrs prof "
    "ph rep reps rev sen sens sgt st supt v vs fig"  # pySBD
    .split()
) | frozenset("amb cf fr hon pres sec viz".split())  # ours

#: Abbreviations that precede a number: no boundary when a digit follows ("p. 55",
#: "No. 1", "N°. 1026"); an ordinary boundary otherwise ("No. I don't think so.").
#: pySBD's NUMBER_ABBREVIATIONS plus our additions.
NUMBER_ABBREVIATIONS = frozenset("art ext no nos p pp".split()) | frozenset(
    "ch fig n° nr op vol #".split()
)

#: Words that start a sentence; after a multi-period abbreviation ("U.S.", "e.g.") a
#: capitalised word is a new sentence only when it is one of these ("I live in the U.S.
#: How about you?" vs "the U.S. Government"). pySBD's SENTENCE_STARTERS, plus our additions
#: (conjunctions, pronouns and discourse words common at the start of transcript sentences).
SENTENCE_STARTERS = frozenset(
    "A Being Did For He How However I In It Millions More She That The There They We What "
    "When Where Who Why"  # pySBD
    .split()
) | frozenset(
    "After Also Although An And As At Because But By Do Does Even Here His If Is It's Its "
    "Many Meanwhile Most My Now Of On One Our Since So Some Still Such Then Therefore These "
    "This Those Thus Today To We're Well Were While Yes No You Your".split()
)

#: Columns of ``split_sentences``'s frame.
SENTENCE_COLUMNS = ["start", "end", "text"]

#: Time abbreviations (Golden Rule 18): upper-case "A.M."/"P.M." before a capitalised word
#: end the sentence; lower-case "a.m."/"p.m." only before a SENTENCE_STARTERS word.
TIME_ABBREVIATIONS_UPPER = frozenset({"A.M", "P.M"})

#: Characters that end a sentence, and the closers that may follow them.
TERMINAL_CHARS = ".!?‼⁇⁈⁉‽…"
CLOSING_CHARS = "\"'”’»)]}›"
#: Characters that open a quotation or bracket before a sentence's first word.
OPENING_CHARS = "\"'“‘«([{‹"
#: Full-width CJK terminals end a sentence even without following whitespace.
CJK_TERMINAL_CHARS = "。！？"
CJK_CLOSING_CHARS = "」』”’)）】"
#: Bullets that open a list item anywhere in a line.
BULLET_CHARS = "•⁃◦▪‣∙●■"
#: Characters that, ending a line, let a list marker on the next line start a new sentence.
LINE_END_CHARS = ".!?:;…‽" + CLOSING_CHARS

#: First labels of a list ("1.", "a.", "A.", also "0."): a chain of list markers in the
#: middle of a line is accepted only when it starts at one of these and counts up.
LIST_FIRST_LABELS = frozenset({"0", "1", "a", "A"})
#: Longest numeric list label, in digits.
MAX_LIST_DIGITS = 2

# --------------------------------------------------------------------------------------
# Regexes, compiled once.
# --------------------------------------------------------------------------------------

_T = re.escape(TERMINAL_CHARS)
_C = re.escape(CLOSING_CHARS)
_B = re.escape(BULLET_CHARS)

_CJK_T = re.escape(CJK_TERMINAL_CHARS)
_CJK_C = re.escape(CJK_CLOSING_CHARS)

#: A list marker body: "1.", "a.", "2.)", "3)", optionally after a bullet ("• 9.", "⁃10.").
_MARKER = rf"""(?P<marker>
        (?P<bullet>[{_B}][^\S\n]?)?
        (?P<label>\d{{1,{MAX_LIST_DIGITS}}}|[A-Za-z])
        (?P<mpunct>\.\)|\.|\))(?=\s))"""

#: One scan finds every candidate. Every match starts with a whitespace or terminal
#: character (a single character class, so the regex engine skips other text quickly);
#: the alternatives then look behind at that character.
_CANDIDATE_RE = re.compile(
    rf"""
    [\s{_T}{_CJK_T}]
    (?:
        (?P<para>(?<=\n)[^\S\n]*\n|(?<=\u2029))           # blank line: always a boundary
      | (?<=\s){_MARKER}                                     # list marker
      | (?<=\s)(?P<bul>[{_B}])                               # bullet without a marker
      | (?<=\n)(?P<dash>[^\S\n]*[-*–](?=[^\S\n]))          # "- item" at a line start
      | (?<=[{_T}])(?P<term>[{_T}]*(?:[ ]\.)*)(?P<close>[{_C}]*)(?=\s|\Z)  # . ! ? … cluster
      | (?<=[{_CJK_T}])(?P<cjk>[{_CJK_T}]*[{_CJK_C}]*)        # 。！？ need no space after
    )
    """,
    re.VERBOSE,
)
#: A line that is itself a "- item" (so the next "- item" line is a new item).
_DASH_ITEM_RE = re.compile(r"[-*–][^\S\n]")
#: A list marker or bullet at the very start of the text (no whitespace before it).
_LEADING_RE = re.compile(rf"{_MARKER}|(?P<bul>[{_B}])", re.VERBOSE)

#: The start of the next sentence: whitespace, opening quotes/brackets, then the next word.
_NEXT_RE = re.compile(rf"\s*[{re.escape(OPENING_CHARS)}]*(\S*)")
#: Multi-period abbreviations by shape: "U.S", "U.S.A", "a.m", "e.g", "Ph.D" (final period
#: excluded, it is the candidate).
_MULTI_PERIOD_RE = re.compile(r"(?:[A-Za-z]{1,2}\.)+[A-Za-z]{1,2}")
_OPENERS_STRIP = OPENING_CHARS + "-—–"
_WORD_TRAILING = TERMINAL_CHARS + CLOSING_CHARS + ",;:"
_QUESTION_RE = re.compile(rf"[?？‽⁇⁈⁉][!?！？]*[{_C}\s]*\Z")

# Decision outcomes for a candidate boundary.
_NO_CUT = -1


def _next_word(text: str, pos: int) -> str:
    """The next word after ``pos``, with leading whitespace and opening quotes skipped."""
    return _NEXT_RE.match(text, pos).group(1)


def _word_before(text: str, pos: int) -> str:
    """The whitespace-delimited token ending at ``pos``, without opening quotes/brackets."""
    i = pos
    while i > 0 and not text[i - 1].isspace():
        i -= 1
    return text[i:pos].lstrip(_OPENERS_STRIP)


def _strip_word(word: str) -> str:
    """``word`` without trailing punctuation, for look-ups in SENTENCE_STARTERS."""
    return word.rstrip(_WORD_TRAILING)


def _case(word: str) -> str:
    """'lower', 'upper', 'digit', or 'other' for the first character of ``word``."""
    if not word:
        return "end"
    ch = word[0]
    if ch.islower():
        return "lower"
    if ch.isupper() or ch.istitle():
        return "upper"
    if ch.isdigit():
        return "digit"
    return "other"


def _period_cut(text: str, start: int, end: int, nxt: str) -> bool:
    """Decide whether a single '.' at ``start`` (cluster ending at ``end``) ends a sentence.

    ``end`` is past any closing quotes/brackets; ``nxt`` is the following word.
    """
    case = _case(nxt)
    word = _word_before(text, start)
    if not word:  # a detached "." — ends the sentence unless the text runs on in lower case
        return case not in ("lower", "end")
    if case == "end":
        return True
    low = word.lower()
    if _MULTI_PERIOD_RE.fullmatch(word):  # "U.S.", "a.m.", "e.g.", "Ph.D."
        if case != "upper":
            return False
        if word in TIME_ABBREVIATIONS_UPPER:
            return True
        return _strip_word(nxt) in SENTENCE_STARTERS
    if low in PREPOSITIVE_ABBREVIATIONS:
        return False
    if case == "lower":
        # A lower-case word after a plain word's bare period starts a sentence (transcripts
        # often lose capitals: "overseas. you know"); after an abbreviation, an initial or
        # a closing quote/bracket it does not ("Co. at noon", "great.' she said").
        return (
            end == start + 1
            and low not in ABBREVIATIONS
            and low not in NUMBER_ABBREVIATIONS
            and not (len(word) == 1 and word.isupper())
        )
    if case == "digit" and low in NUMBER_ABBREVIATIONS:
        return False
    if len(word) == 1 and word.isalpha():
        if case != "upper":
            return False
        if word.isupper():
            # An initial follows a capitalised name ("Jonas E. Smith"); otherwise the
            # letter is a word ("you and I. Did you").
            # ("Plan B. We left" ends the sentence: the next word is a sentence starter.)
            prev = _word_before(text, _prev_nonspace(text, start - 1) + 1)
            return not prev[:1].isupper() or _strip_word(nxt) in SENTENCE_STARTERS
        return True
    if low in ABBREVIATIONS:
        return case == "upper"
    return True


def _term_cut(text: str, m: re.Match) -> int:
    """Where the terminal cluster ``m`` ends a sentence, or ``_NO_CUT``."""
    t_start = m.start()  # the first terminal character is the match's leading character
    end = m.end()
    cluster = text[t_start:m.end("term")]
    nxt = _next_word(text, end)
    case = _case(nxt)
    n_dots = cluster.count(".")
    if "!" in cluster or "?" in cluster or "‼" in cluster or "‽" in cluster or (
        "⁇" in cluster or "⁈" in cluster or "⁉" in cluster
    ):
        return _NO_CUT if case == "lower" else end
    if " " in cluster:  # spaced ellipsis ". . ." (Golden Rules 43, 45, 47, 48)
        attached = t_start > 0 and not text[t_start - 1].isspace()
        if n_dots < 4 or case not in ("upper", "other"):
            return _NO_CUT
        # "compounds. . . . The": the first dot ends the sentence, the ellipsis opens the
        # next one; "period . . . . Next": the whole four-dot ellipsis ends it.
        return t_start + 1 if attached else end
    if "…" in cluster or n_dots >= 3:  # ellipsis
        if t_start > 0 and text[t_start - 1] == "[":  # editorial omission "[...]"
            return _NO_CUT
        return end if case == "upper" else _NO_CUT
    if n_dots == 2:  # "the U.S.. Given" — abbreviation plus full stop
        return _NO_CUT if case == "lower" else end
    return end if _period_cut(text, t_start, end, nxt) else _NO_CUT


def _prev_nonspace(text: str, pos: int) -> int:
    """Index of the last non-whitespace character before ``pos``, or -1."""
    i = pos - 1
    while i >= 0 and text[i].isspace():
        i -= 1
    return i


def _label_value(label: str) -> tuple[str, int]:
    """Kind and ordinal of a list label: ('digit', 3), ('lower', 2) for 'b', ('upper', 1)."""
    if label.isdigit():
        return "digit", int(label)
    if label.islower():
        return "lower", ord(label) - ord("a") + 1
    return "upper", ord(label) - ord("A") + 1


def _chained_markers(markers: list[re.Match]) -> set[int]:
    """Start offsets of mid-line markers that form a counting chain (1., 2., 3. / a), b))."""
    chains: dict[tuple[str, str], list[tuple[int, int]]] = {}
    accepted: set[int] = set()
    for m in markers:
        kind, value = _label_value(m.group("label"))
        key = (kind, m.group("mpunct"))
        chain = chains.get(key)
        start = m.start("marker")
        if m.group("label") in LIST_FIRST_LABELS:
            chains[key] = [(value, start)]
        elif chain and value == chain[-1][0] + 1:
            chain.append((value, start))
            if len(chain) == 2:
                accepted.add(chain[0][1])
            accepted.add(start)
    return accepted


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Return ``(start, end)`` offsets of the sentences of ``text``, in order.

    The spans exclude surrounding whitespace and cover every non-whitespace character.

    >>> sentence_spans("Hello World. My name is Jonas.")
    [(0, 12), (13, 30)]
    """
    if not text or text.isspace():
        return []
    cuts: list[int] = []
    markers: list[re.Match] = []
    lead = _LEADING_RE.match(text)
    if lead is not None and lead.group("marker") is not None:
        markers.append(lead)
    elif lead is not None:  # a bullet opens the text: nothing to cut before it
        lead = None
    scan_from = 0
    if lead is not None:
        scan_from = lead.end()
    for m in _CANDIDATE_RE.finditer(text, scan_from):
        if m.group("term") is not None:
            cut = _term_cut(text, m)
            if cut != _NO_CUT:
                cuts.append(cut)
        elif m.group("marker") is not None:
            markers.append(m)
        elif m.group("para") is not None:
            cuts.append(m.start())
        elif m.group("cjk") is not None:
            cuts.append(m.end())
        elif m.group("bul") is not None:
            cuts.append(m.start("bul"))
        else:  # "- item" at a line start, unless the line is a hard wrap mid-sentence
            prev = _prev_nonspace(text, m.start())
            prev_line = text[text.rfind("\n", 0, max(prev, 0)) + 1:prev + 1].lstrip()
            if prev >= 0 and (text[prev] in LINE_END_CHARS or _DASH_ITEM_RE.match(prev_line)):
                cuts.append(m.start("dash"))
    if markers:
        chained = _chained_markers(markers)
        for m in markers:
            start = m.start("marker")
            prev = _prev_nonspace(text, start)
            gap = text[prev + 1:start]
            if m.group("bullet") is not None or prev < 0 or gap.count("\n") >= 2:
                accept = True  # after a bullet, or at the start of a paragraph
            elif "\n" in gap:  # at the start of a line: after a finished line, or chained
                accept = text[prev] in LINE_END_CHARS or start in chained
            else:
                accept = start in chained
            if accept:
                cuts.append(start)
            elif m.group("mpunct") != ")":
                # Not a list marker: a letter or number followed by a period, decided
                # like any other period ("you and I. Did", "Jonas E. Smith").
                dot = m.start("mpunct")
                end = m.end()
                if _period_cut(text, dot, end, _next_word(text, end)):
                    cuts.append(end)
    cuts.sort()
    spans: list[tuple[int, int]] = []
    prev_cut = 0
    for cut in (*cuts, len(text)):
        if cut <= prev_cut:
            continue
        piece = text[prev_cut:cut]
        stripped = piece.strip()
        if stripped:
            s = prev_cut + (len(piece) - len(piece.lstrip()))
            spans.append((s, s + len(stripped)))
        prev_cut = cut
    return spans


def split_sentences(text: str) -> pd.DataFrame:
    """Split one speaker turn into sentences: a DataFrame with columns start, end, text.

    Offsets index ``text``; ``text[start:end] == row.text`` for every row.

    >>> split_sentences("Mr. Krach said so. Did he?").values.tolist()
    [[0, 18, 'Mr. Krach said so.'], [19, 26, 'Did he?']]
    """
    spans = sentence_spans(text)
    offsets = np.array(spans, dtype=np.int64).reshape(-1, 2)
    return pd.DataFrame(
        {
            "start": offsets[:, 0],
            "end": offsets[:, 1],
            "text": pd.array([text[s:e] for s, e in spans], dtype="str"),
        },
        columns=SENTENCE_COLUMNS,
    )


def is_question(sentence_text: str) -> bool:
    """True when the sentence ends with '?' (possibly '?!', then closing quotes/brackets).

    >>> is_question('He asked, “Why not?”'), is_question("Why not.")
    (True, False)
    """
    return _QUESTION_RE.search(sentence_text) is not None
