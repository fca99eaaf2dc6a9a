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
           "find_labels", "header_block", "is_label_name", "count_words", "DOCUMENT_COLUMNS",
           "TURN_COLUMNS", "SENTENCE_COLUMNS"]

# "meta" last: the columns before it are the table's stable first columns
DOCUMENT_COLUMNS = ["doc_id", "source", "kind", "title", "series", "start", "end", "meta"]
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
# A diarised label may end in a number ("Speaker 1", "Person 12"); "SPEAKER_00" is one word.
LABEL = re.compile(
    r"^(?P<name>%s(?:[ ](?:%s[ ])?%s){0,3}(?:[ ]\d{1,3})?)[ \t]*:(?![/\\\d])[ \t]*"
    % (_WORD, _PARTICLE, _WORD),
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
todo to-do tbd fixme question questions answer answers idea ideas action actions decision
decisions next follow-up followup reminder remember important key tip tips hint caution goal
goals agenda status priority deadline due done pros cons problem problems solution conclusion
conclusions background context definition reference references link links tag tags topic
topics takeaway takeaways tldr tl;dr observation observations thought thoughts comment
comments feedback result results outcome outcomes fact facts quote see also table figure fig
appendix exhibit item page day week round verse footnote disclaimer correction corrections
recap overview introduction
""".split())
# Header lines at the top of a file (or of a document, below its heading): "Title: ...",
# "Date: ...". They are metadata (the documents table's ``meta`` column), never labels. Our
# list, from the headers transcription tools and people write; matched case-insensitively.
HEADER_KEYS = frozenset("""
title date source note notes speakers participants recorded location place duration length
language subject event url link file audio video transcribed transcription
""".split()) | frozenset({"recorded on", "recording date", "transcribed by", "audio file",
                          "file name", "original file"})
HEADER_LINE = re.compile(r"[ \t]*(?P<key>[A-Za-z][A-Za-z ]{0,19}?)[ \t]*:[ \t]*(?P<value>[^\n]*?)[ \t]*(?:\n|$)")
# YAML front matter of a Markdown file: "---" lines around "key: value" lines, at the very top.
FRONT_MATTER = re.compile(r"---[ \t]*\n(?P<body>(?:[^\n]*\n){0,40}?)---[ \t]*(?:\n|$)")
# A Markdown title ("# The new harbour") on the first line of a file is its title.
MARKDOWN_TITLE = re.compile(r"#{1,2}[ \t]+(?P<value>[^\n#]*[^\s#])[ \t#]*(?:\n|$)")
FRONT_MATTER_LINE = re.compile(r"^[ \t]*(?P<key>[\w -]{1,40}?)[ \t]*:[ \t]*(?P<value>[^\n]*?)[ \t]*$", re.M)
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
    if words[0].lower().rstrip(".") in NON_SPEAKER_FIRST_WORDS or name.lower() in HEADER_KEYS:
        return None
    if name.lower() in NARRATION_LABELS:
        return NARRATOR
    if not all(_capitalised(w) for w in words if w not in NAME_PARTICLES):
        return None
    return name


# Longest word of a script without letter case (Chinese, Japanese, Korean...) taken as a name
# in a label: names in these scripts are short, clauses are not.
MAX_CASELESS_NAME = 4


def _capitalised(word: str) -> bool:
    """A word a name may hold: capitalised, a number ("Speaker 1") or a short caseless word."""
    first = word[0]
    if first.isupper() or first.isdigit():
        return True
    return first.isalpha() and not first.islower() and len(word) <= MAX_CASELESS_NAME


def is_label_name(name: str) -> bool:
    """Whether ``name`` may be a speaker: not a note word ("Todo", "Question"), not a header key.

    Example:
        >>> is_label_name("Speaker 1"), is_label_name("Todo"), is_label_name("Title")
        (True, False, False)
    """
    words = name.split()
    return bool(words) and words[0].lower().rstrip(".:") not in NON_SPEAKER_FIRST_WORDS \
        and name.lower().rstrip(":") not in HEADER_KEYS


def header_block(text: str, start: int = 0, end: int | None = None) -> tuple[int, list[tuple[str, str]]]:
    """The header lines at ``start``: ``(where they end, [(key, value), ...])``.

    A header is a run of ``Key: value`` lines whose key is in :data:`HEADER_KEYS` (blank
    lines between them allowed); at the top of the file it may open with a Markdown front
    matter or a Markdown title (``# Title``). Without one, returns ``(start, [])``.

    Example:
        >>> header_block("Title: Harbour\\nDate: 2024-05-01\\n\\nAnn: Hi.\\n")
        (31, [('Title', 'Harbour'), ('Date', '2024-05-01')])
    """
    end = len(text) if end is None else end
    pairs: list[tuple[str, str]] = []
    pos = found = start
    while pos < end and text[pos].isspace():
        pos += 1
    if start == 0:  # the top of the file
        front = FRONT_MATTER.match(text, pos, end)
        if front:
            pairs = [(m.group("key").strip(), m.group("value"))
                     for m in FRONT_MATTER_LINE.finditer(front.group("body"))]
            if pairs:
                pos = found = _rstrip_end(text, pos, front.end())
        title = MARKDOWN_TITLE.match(text, pos, end) if not pairs else None
        if title:
            pairs.append(("Title", title.group("value")))
            found = _rstrip_end(text, pos, title.end())
            pos = title.end()
            while pos < end and text[pos] in " \t\n":
                pos += 1
    while pos < end:
        line = HEADER_LINE.match(text, pos, end)
        if line is None or line.group("key").strip().lower() not in HEADER_KEYS:
            break
        pairs.append((line.group("key").strip(), line.group("value") or ""))
        found = _rstrip_end(text, pos, line.end())
        pos = line.end()
        while pos < end and text[pos] in " \t\n":
            pos += 1
    return found, pairs


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

    Returns columns doc_id (from 1), source, kind, title, series, start, end, meta. A
    heading's first part is the kind when it is a known programme kind
    (:data:`DOCUMENT_KINDS`), else part of the title. Text before the first heading, and a
    file with no heading, form a document with empty kind and title. Header lines
    (:func:`header_block`) at the top of the file or below a heading go to ``meta`` as
    ``key: value; key: value``, and a ``Title:`` header fills an empty title; a header alone
    above the first heading belongs to that heading's document.

    Example:
        >>> split_documents("In-depth | Solar\\n\\nAnn: Hi.\\n")[["kind", "title", "start", "end"]].values.tolist()
        [['In-depth', 'Solar', 0, 26]]
    """
    rows = []
    heads = [m for m in HEADING_LINE.finditer(text) if _alone_in_paragraph(text, m)
             and not LABEL.match(m.group())]
    bounds = [m.start() for m in heads] + [len(text)]
    top_end, top_meta = header_block(text, 0, bounds[0])
    header_only = bool(heads) and bool(top_meta) and not text[top_end:bounds[0]].strip()
    if not heads or (text[:heads[0].start()].strip() and not header_only):
        first = bounds[0] if heads else len(text)
        rows.append(("", "", "", top_meta, 0, first))
    for head, end in zip(heads, bounds[1:]):
        parts = [p.strip() for p in head.group().split("|")]
        if parts[0].lower() in DOCUMENT_KINDS and len(parts) > 1:
            kind, title, series = parts[0], parts[1], " | ".join(parts[2:])
        else:
            kind, title, series = "", parts[0], " | ".join(parts[1:])
        meta = header_block(text, _line_end(text, head.start(), end), end)[1]
        if header_only and head is heads[0]:
            meta = top_meta + meta
        rows.append((kind, title, series, meta, head.start(), end))
    rows = [(kind, title or _header_value(meta, "title"), series,
             "; ".join(f"{key}: {value}" for key, value in meta), start, end)
            for kind, title, series, meta, start, end in rows]
    docs = pd.DataFrame(rows, columns=["kind", "title", "series", "meta", "start", "end"])
    docs["end"] = [_rstrip_end(text, s, e) for s, e in zip(docs["start"], docs["end"])]
    docs.insert(0, "source", source)
    docs.insert(0, "doc_id", range(1, len(docs) + 1))
    return docs[DOCUMENT_COLUMNS]


def _line_end(text: str, start: int, end: int) -> int:
    """Where the line at ``start`` ends (its newline, or ``end``)."""
    newline = text.find("\n", start, end)
    return end if newline < 0 else newline


def _header_value(meta: list[tuple[str, str]], key: str) -> str:
    return next((value for k, value in meta if k.lower() == key and value), "")


def _body_start(text: str, doc) -> int:
    """Where a document's turns begin: below its heading line and its header lines."""
    body_start = doc.start
    if _heading_at(text, doc.start):  # skip the heading line itself
        newline = text.find("\n", doc.start, doc.end)
        body_start = doc.end if newline < 0 else newline + 1
    return header_block(text, body_start, doc.end)[0]


def _heading_at(text: str, start: int) -> bool:
    head = HEADING_LINE.match(text, start)
    return head is not None and _alone_in_paragraph(text, head) and not LABEL.match(head.group())


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
    start_time/end_time come from caption cues (NaN for plain text). A cue's voice written
    as ``Voice: `` right before the cue at the start of a line is a label too, whatever the
    name (rebuilt captions and exports: "Dr. smith", "Ann (host)"). Header lines at the top
    of a document are skipped.

    Example:
        >>> t = "Ann: One.\\nTwo.\\n\\nThree.\\nBob:\\nFour."
        >>> docs = split_documents(t)
        >>> split_turns(t, docs)[["speaker", "attribution", "start", "end"]].values.tolist()
        [['Ann', 'labelled', 5, 14], ['Ann', 'continued', 16, 22], ['Bob', 'labelled', 28, 33]]
    """
    rows = []
    labels = _with_cue_labels(find_labels(text), text, cues)
    for doc in documents.itertuples():
        body_start = _body_start(text, doc)
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


def _with_cue_labels(labels: list[tuple[int, int, str]], text: str,
                     cues: pd.DataFrame | None) -> list[tuple[int, int, str]]:
    """``labels`` plus the ``Voice: `` prefix before each cue that a rebuilt text wrote.

    Where both find a label at one place the longer one is kept ("Simone: Narration: "), and
    a label found inside a cue's label is dropped.
    """
    if cues is None or cues.empty or "voice" not in cues:
        return labels
    written = {}
    for start, voice in zip(cues["start"], cues["voice"]):
        if not isinstance(voice, str) or not voice.strip():
            continue
        prefix = f"{voice}: "
        at = int(start) - len(prefix)
        if at >= 0 and text.startswith(prefix, at) and (at == 0 or text[at - 1] == "\n"):
            name = NARRATOR if voice.strip().lower() in NARRATION_LABELS else voice
            written[at] = (at, int(start), name)
    if not written:
        return labels
    spans = sorted(written.values())
    merged = dict(written)
    for label in labels:
        index = bisect_right(spans, (label[0], float("inf"))) - 1
        inside = index >= 0 and spans[index][0] < label[0] < spans[index][1]
        if inside:
            continue
        if label[0] not in merged or label[1] >= merged[label[0]][1]:
            merged[label[0]] = label
    return [merged[key] for key in sorted(merged)]


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
