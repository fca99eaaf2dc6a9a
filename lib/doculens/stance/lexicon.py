"""The stance word lists, read from the reviewed data files in ``doculens/data``.

Each file states its source and licence in its header. None copies a GPL or
non-commercial lexicon (MPQA and NRC are neither used nor copied), and none names a person
or phrase of the transcripts the stance benchmark evaluates on.

- ``stance_lexicon.tsv``: words of political criticism and support, VADER's -4..4 scale.
- ``stance_domain_neutral.txt``: words whose VADER valence belongs to another sense.
- ``stance_idioms.txt``: idioms whose words carry no valence ("on the other hand").
- ``stance_statements.tsv``: cue words of statement kinds (courtesy, alliance, reporting...).

>>> STANCE_LEXICON["dictator"], "party" in DOMAIN_NEUTRAL
(-2.5, True)
>>> [(a, b) for a, b in idiom_spans("On the other hand, he is kind of right.")]
[(0, 17), (25, 32)]
>>> "thank" in STATEMENT_CUES["courtesy"]
True
"""

from __future__ import annotations

import functools
import re
from importlib import resources

__all__ = ["STANCE_LEXICON", "DOMAIN_NEUTRAL", "IDIOMS", "STATEMENT_CUES", "idiom_spans",
           "phrase_pattern"]


def _lines(name: str) -> list[str]:
    """The data lines of a packaged file: comments (``#``) and blank lines dropped."""
    text = resources.files("doculens").joinpath("data", name).read_text(encoding="utf-8")
    return [line.rstrip("\n") for line in text.splitlines()
            if line.strip() and not line.lstrip().startswith("#")]


def _table(name: str) -> list[list[str]]:
    """Rows of a packaged TSV file, its header row dropped."""
    rows = [line.split("\t") for line in _lines(name)]
    return rows[1:]


def phrase_pattern(phrases) -> re.Pattern:
    """One case-insensitive pattern of whole-word phrases, longest first; spaces match any
    whitespace and either apostrophe matches both.

    >>> phrase_pattern(["kind of", "kind"]).findall("Kind  of kind")
    ['Kind  of', 'kind']
    """
    parts = []
    for phrase in sorted(set(phrases), key=len, reverse=True):
        words = [re.escape(w).replace("'", "['’]") for w in phrase.split()]
        parts.append(r"\s+".join(words))
    return re.compile(r"(?<![\w'’])(?:%s)(?![\w])" % "|".join(parts), re.IGNORECASE)


STANCE_LEXICON: dict[str, float] = {w: float(v) for w, v in _table("stance_lexicon.tsv")}
DOMAIN_NEUTRAL: frozenset[str] = frozenset(_lines("stance_domain_neutral.txt"))
IDIOMS: tuple[str, ...] = tuple(_lines("stance_idioms.txt"))
STATEMENT_CUES: dict[str, frozenset[str]] = {}
for _kind, _cue in _table("stance_statements.tsv"):
    STATEMENT_CUES.setdefault(_kind, set()).add(_cue)
STATEMENT_CUES = {k: frozenset(v) for k, v in STATEMENT_CUES.items()}

_IDIOM = phrase_pattern(IDIOMS)


@functools.lru_cache(maxsize=4096)
def idiom_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Spans of ``text`` inside an idiom of ``stance_idioms.txt`` (memoised per sentence)."""
    return tuple(m.span() for m in _IDIOM.finditer(text))
