"""Split a transcript into documents, speaker turns and sentences.

All functions take the decoded source text (see :mod:`doculens.reading`) and return
DataFrames whose ``start``/``end`` columns are character offsets into that text, so that
``text[start:end]`` is always the span a row describes.

Example:
    >>> text = "Doc | A Title | A Series\\n\\nAnn: Hello. Who are you?\\nBob:I am Bob.\\n"
    >>> docs = split_documents(text)
    >>> docs[["kind", "title", "series"]].values.tolist()
    [['Doc', 'A Title', 'A Series']]
    >>> split_turns(text, docs)[["label", "attribution"]].values.tolist()
    [['Ann', 'labelled'], ['Bob', 'labelled']]
"""

from __future__ import annotations

import re

import pandas as pd

from bisect import bisect_left, bisect_right

from .sentences import is_question, sentence_spans, split_sentences

__all__ = ["split_documents", "split_turns", "split_sentences", "sentences_for_turns",
           "find_labels", "count_words", "DOCUMENT_COLUMNS", "TURN_COLUMNS", "SENTENCE_COLUMNS"]

DOCUMENT_COLUMNS = ["doc_id", "source", "kind", "title", "series", "start", "end"]
TURN_COLUMNS = ["turn_id", "doc_id", "speaker", "label", "attribution", "start", "end",
                "start_time", "end_time"]
SENTENCE_COLUMNS = ["sentence_id", "doc_id", "turn_id", "speaker", "start", "end", "text",
                    "is_question"]

# A document heading: one line alone in its paragraph, parts separated by " | ", such as
# "Doc | Xi’s Path to Dictatorship for Life? | Zooming In with Simone Gao" (the seed's style,
# also the usual "Title | Series" of video pages). A heading is at most this long.
MAX_HEADING_CHARS = 250
HEADING_LINE = re.compile(r"^(?=[^\n]{1,%d}$)[^|\n]*\S[ \t]+\|[ \t]+\S[^\n]*$" % MAX_HEADING_CHARS,
                          re.M)
# First parts of a heading that name the kind of programme rather than its title; the
# seed uses the first three. Matched case-insensitively.
DOCUMENT_KINDS = frozenset({
    "documentary", "doc", "in-depth", "in depth", "interview", "episode", "special", "report",
    "transcript", "podcast", "feature", "debate", "speech", "lecture", "talk", "news",
})

# A speaker label at the start of a line: 1-4 capitalised words and a colon, with or
# without a space after it ("Simone:Thank you", "Keith Krach: ...", "CCTV Anchor:").
# Words may carry inner dots, hyphens and apostrophes ("Dr.", "J.", "Tsai-Yingwen", "O’Brien");
# lower-case particles of names ("de", "van", "bin") may sit between them.
NAME_PARTICLES = ("al", "bin", "da", "de", "del", "der", "di", "du", "el", "la", "le", "van",
                  "von")
_WORD = r"[^\W\d_][\w.’'&-]*"
_PARTICLE = r"(?:%s)" % "|".join(NAME_PARTICLES)
LABEL = re.compile(
    r"^(?P<name>%s(?:[ ](?:%s[ ])?%s){0,3})[ \t]*:(?![/\\\d])[ \t]*" % (_WORD, _PARTICLE, _WORD),
    re.M,
)
# First words that make a "Name:"-shaped line narration, not a label ("This is what I
# learned so far: ..."), or a note rather than a speaker. Our list, from the seed and the
# debate transcript; extend it as new false labels turn up.
NON_SPEAKER_FIRST_WORDS = frozenset("""
a an and as at but by for from he her here his how i if in it its my now of on or our she so
that the their then there these they this those to we what when where which who why with
you your note notes update source sources example warning step chapter part section
summary transcript caption captions update edit editor’s editor's translation
""".split())
# Labels that mark the narrator rather than a person; "Simone: Narration: ..." is Simone's.
NARRATION_LABELS = frozenset({"narration", "narrator", "voiceover", "voice-over", "voice over",
                              "vo", "v.o."})
NARRATOR = "Narrator"
INNER_NARRATION = re.compile(r"(?:%s)[ \t]*:[ \t]*" % "|".join(re.escape(n) for n in sorted(NARRATION_LABELS)),
                             re.I)

WORD_PATTERN = re.compile(r"[^\W_]+(?:(?:[’'.-]|(?<=\d),(?=\d))[^\W_]+)*")


def count_words(text: str) -> int:
    """Number of words in ``text`` (runs of letters and digits, keeping "don’t", "U.S" and
    "2,000" whole).

    Example:
        >>> count_words("Xi’s third term, in 2022.")
        5
    """
    return len(WORD_PATTERN.findall(text))


def _label_name(match: re.Match) -> str | None:
    """The speaker name of a label match, or None when the match is not a real label."""
    name = match.group("name")
    words = name.split()
    if words[0].lower().rstrip(".") in NON_SPEAKER_FIRST_WORDS:
        return None
    if name.lower() in NARRATION_LABELS:
        return NARRATOR
    if not all(w[0].isupper() for w in words if w not in NAME_PARTICLES):
        return None
    return name


def find_labels(text: str) -> list[tuple[int, int, str]]:
    """Every speaker label in ``text`` as ``(start, end, name)``; ``end`` is where the turn begins.

    ``name`` is the label as written, or ``"Narrator"`` for narration markers. A narration
    marker right after a label belongs to that label ("Simone: Narration: ..." is Simone).

    Example:
        >>> find_labels("Simone: Narration: Hi.\\nHe even said to Putin: “No.”")
        [(0, 19, 'Simone')]
    """
    labels = []
    for match in LABEL.finditer(text):
        name = _label_name(match)
        if name is None:
            continue
        end = match.end()
        if name != NARRATOR:
            inner = INNER_NARRATION.match(text, end)
            if inner:
                end = inner.end()
        labels.append((match.start(), end, name))
    return labels


def split_documents(text: str, *, source: str = "") -> pd.DataFrame:
    """Split a file's text into documents at heading lines such as ``Documentary | Title | Series``.

    Returns columns doc_id (from 1), source, kind, title, series, start, end. A heading's
    first part is the kind when it is a known programme kind (:data:`DOCUMENT_KINDS`), else
    part of the title. Text before the first heading, and a file with no heading, form a
    document with empty kind and title.

    Example:
        >>> split_documents("In-depth | Solar\\n\\nAnn: Hi.\\n")[["kind", "title", "start", "end"]].values.tolist()
        [['In-depth', 'Solar', 0, 26]]
    """
    rows = []
    heads = [m for m in HEADING_LINE.finditer(text) if _alone_in_paragraph(text, m)
             and not LABEL.match(m.group())]
    bounds = [m.start() for m in heads] + [len(text)]
    if not heads or text[:heads[0].start()].strip():
        first = bounds[0] if heads else len(text)
        rows.append(("", "", "", 0, first))
    for head, end in zip(heads, bounds[1:]):
        parts = [p.strip() for p in head.group().split("|")]
        if parts[0].lower() in DOCUMENT_KINDS and len(parts) > 1:
            kind, title, series = parts[0], parts[1], " | ".join(parts[2:])
        else:
            kind, title, series = "", parts[0], " | ".join(parts[1:])
        rows.append((kind, title, series, head.start(), end))
    docs = pd.DataFrame(rows, columns=["kind", "title", "series", "start", "end"])
    docs["end"] = [_rstrip_end(text, s, e) for s, e in zip(docs["start"], docs["end"])]
    docs.insert(0, "source", source)
    docs.insert(0, "doc_id", range(1, len(docs) + 1))
    return docs[DOCUMENT_COLUMNS]


def _alone_in_paragraph(text: str, match: re.Match) -> bool:
    """A heading stands alone: a blank line (or the start of the file) before it, and a
    blank line (or the end of the file) after it."""
    before, after = text[:match.start()], text[match.end():]
    blank_before = not before.strip() or before.endswith("\n\n")
    blank_after = not after.strip() or BLANK_LINE_AHEAD.match(after) is not None
    return blank_before and blank_after


BLANK_LINE_AHEAD = re.compile(r"\n[ \t]*\n")


def _rstrip_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def split_turns(text: str, documents: pd.DataFrame, *, cues: pd.DataFrame | None = None) -> pd.DataFrame:
    """Split each document into speaker turns.

    A turn is a labelled stretch (from a ``Name:`` label to the next label or blank line) or
    an unlabelled paragraph. Unlabelled paragraphs continue the previous speaker of their
    document (attribution ``continued``) or, before any label, are ``unknown`` with speaker
    ``""``. Hard-wrapped lines inside a paragraph stay in one turn. ``speaker`` is the label
    as written here; :func:`doculens.speakers.resolve` turns it into a canonical name.
    start_time/end_time come from caption cues (NaN for plain text).

    Example:
        >>> t = "Ann: One.\\nTwo.\\n\\nThree.\\nBob:\\nFour."
        >>> docs = split_documents(t)
        >>> split_turns(t, docs)[["speaker", "attribution", "start", "end"]].values.tolist()
        [['Ann', 'labelled', 5, 14], ['Ann', 'continued', 16, 22], ['Bob', 'labelled', 28, 33]]
    """
    rows = []
    labels = find_labels(text)
    for doc in documents.itertuples():
        body_start = doc.start
        if doc.kind or doc.title:  # skip the heading line itself
            newline = text.find("\n", doc.start, doc.end)
            body_start = doc.end if newline < 0 else newline + 1
        speaker = None
        doc_labels = [lab for lab in labels if body_start <= lab[0] < doc.end]
        for start, end, label, labelled in _blocks(text, body_start, doc.end, doc_labels):
            if labelled:
                speaker = label
                attribution = "labelled"
            elif speaker is not None:
                label, attribution = "", "continued"
            else:
                label, attribution = "", "unknown"
            if end > start:
                rows.append((doc.doc_id, speaker or "", label, attribution, start, end))
    turns = pd.DataFrame(rows, columns=["doc_id", "speaker", "label", "attribution", "start", "end"])
    turns.insert(0, "turn_id", range(1, len(turns) + 1))
    turns["start_time"], turns["end_time"] = _times(turns, cues)
    return turns[TURN_COLUMNS]


def _blocks(text: str, start: int, end: int, labels: list[tuple[int, int, str]]):
    """Yield ``(start, end, label, labelled)`` blocks of a document body, trimmed of whitespace."""
    cuts = [(s, e, name) for s, e, name in labels]
    # paragraph breaks inside the body
    for para in re.finditer(r"\n[ \t]*\n\s*", text[start:end]):
        cuts.append((start + para.start(), start + para.end(), None))
    cuts.sort()
    pos, current, labelled = start, "", False
    for cut_start, cut_end, name in cuts:
        if cut_start < pos:
            continue
        yield (*_trim(text, pos, cut_start), current, labelled)
        pos = cut_end
        current, labelled = (name, True) if name is not None else ("", False)
    yield (*_trim(text, pos, end), current, labelled)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _times(spans: pd.DataFrame, cues: pd.DataFrame | None):
    """Earliest cue start and latest cue end overlapping each span (NaN without cues).

    Cues are in text order and do not overlap, so the cues of a span are found by bisection.
    """
    n = len(spans)
    if cues is None or cues.empty or n == 0:
        return [float("nan")] * n, [float("nan")] * n
    cue_starts, cue_ends = list(cues["start"]), list(cues["end"])
    start_times, end_times = list(cues["start_time"]), list(cues["end_time"])
    starts, ends = [], []
    for s, e in zip(spans["start"], spans["end"]):
        first, last = bisect_right(cue_ends, s), bisect_left(cue_starts, e)
        starts.append(min(start_times[first:last], default=float("nan")))
        ends.append(max(end_times[first:last], default=float("nan")))
    return starts, ends


def sentences_for_turns(text: str, turns: pd.DataFrame, *, cues: pd.DataFrame | None = None) -> pd.DataFrame:
    """Split every turn into sentences with offsets into ``text``.

    Returns columns sentence_id (from 1), doc_id, turn_id, speaker, start, end, text,
    is_question, plus start_time/end_time for captions.

    Example:
        >>> t = "Ann: Is it? Yes.\\n"
        >>> turns = split_turns(t, split_documents(t))
        >>> sentences_for_turns(t, turns)[["text", "is_question"]].values.tolist()
        [['Is it?', True], ['Yes.', False]]
    """
    rows = []
    for turn in turns.itertuples(index=False):
        for start, end in sentence_spans(text[turn.start:turn.end]):
            start, end = start + turn.start, end + turn.start
            rows.append((turn.doc_id, turn.turn_id, turn.speaker, start, end, text[start:end]))
    out = pd.DataFrame(rows, columns=["doc_id", "turn_id", "speaker", "start", "end", "text"])
    out["is_question"] = [is_question(s) for s in out["text"]]
    out["sentence_id"] = range(1, len(out) + 1)
    out = out[SENTENCE_COLUMNS].astype({"sentence_id": int, "doc_id": int, "turn_id": int,
                                        "start": int, "end": int, "is_question": bool})
    if cues is not None and not cues.empty:
        out["start_time"], out["end_time"] = _times(out, cues)
    return out
