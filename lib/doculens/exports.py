"""Read the text exports of transcription tools: rebuild them into ``Name: text`` transcripts.

Rev, Otter, timestamped (WhisperX, Descript, MacWhisper...), Markdown and congressional-hearing
transcripts each write their speaker labels in a shape of their own. :func:`normalise` finds
the shape most label lines of a file share (one odd line does not decide) and rebuilds the
file into the transcript text every other module reads: one paragraph per label,
``Name: text``, paragraphs separated by a blank line, header lines and text before the first
label kept on top. Offsets then index the rebuilt text (the runner saves it under
``sources/``), exactly as they index the text rebuilt from captions, and the label times go
into a cue table (one cue per label: the span of its text and its times), from which
:func:`doculens.segment.split_turns` and :func:`~doculens.segment.sentences_for_turns` fill
``start_time`` and ``end_time``.

A plain ``Name:`` transcript comes back unchanged (kind ``"text"``, no cues); so does text
with no labels at all, with a warning that it is read as one unknown speaker.

Example:
    >>> out = normalise("Ann Lee  0:02\\nHello there.\\n\\nBob  0:07\\nHi, Ann.\\n")
    >>> out.kind, out.text
    ('otter', 'Ann Lee: Hello there.\\n\\nBob: Hi, Ann.\\n')
    >>> out.cues[["start", "end", "start_time", "end_time", "voice"]].values.tolist()
    [[9, 21, 2.0, 7.0, 'Ann Lee'], [28, 36, 7.0, nan, 'Bob']]
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

import pandas as pd

from .reading import CUE_COLUMNS, Source
from .segment import find_labels, header_block, is_label_name

__all__ = ["Normalised", "normalise", "text_source", "parse_time", "KINDS", "NO_LABELS_WARNING"]

NO_LABELS_WARNING = "no speaker labels: read as one unknown speaker"

# --- label shapes (data) ------------------------------------------------------------------------
# A time as the tools write it: "0:03", "01:23", "00:01:23", "1:02:03", "0:00:12.6",
# "00:00:02,500" (hours optional, decimals after "." or ",").
TIME = r"(?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?"
# A speaker name in an export: 1-6 words, the first starting with a letter ("Ann Lee",
# "Speaker 1", "SPEAKER_00", "Dr. O’Brien"). Whether it may be a speaker is then checked
# with segment.is_label_name ("Todo", "Title" are not).
NAME = r"[^\W\d_][\w.’'&-]*(?:[ ][\w.’'&-]+){0,5}"
# Bold text in Markdown, a name inside it: "**Ann Lee:**", "__Ann__".
BOLD_NAME = r"(?P<d>\*\*|__)(?P<name>[^\W\d_][^*:\n]{0,59}?)"
# Titles that open a speaker label in a hearing transcript ("MR. JONES.", "THE CHAIRMAN.",
# "Senator SMITH."), from the U.S. Government Publishing Office's hearing transcripts and
# the usual forms of address. Matched case-insensitively, with or without a dot.
HEARING_TITLES = (
    "mr", "mrs", "ms", "miss", "dr", "the", "senator", "sen", "representative", "rep",
    "chairman", "chairwoman", "chair", "madam", "judge", "justice", "general", "gen",
    "admiral", "adm", "secretary", "ambassador", "governor", "gov", "mayor", "commissioner",
    "director", "professor", "prof", "reverend", "rev", "father", "sister", "colonel", "col",
    "captain", "capt", "lieutenant", "lt", "major", "sergeant", "sgt", "speaker", "president",
    "vice", "dean", "delegate", "ranking", "acting", "member", "clerk", "witness",
)
# Prefixes a surname keeps in lower case in a hearing's capitals ("McCONNELL", "DeLAURO").
SURNAME_PREFIXES = ("Mac", "Mc", "De", "Di", "Da", "La", "Le", "Van", "Von", "O'", "O’", "D'", "D’")
_HEARING_WORD = r"[^\W\d_][\w’'-]*"

# The shapes of label lines, by export kind, in the order a tie is decided. Each pattern
# matches one whole line and has the groups ``name``, ``time`` (may be absent) and
# ``rest`` (the text after the label on the same line, may be empty).
SHAPES: dict[str, tuple[re.Pattern, ...]] = {
    "rev": (
        # Rev: "Ann Lee: (00:01:23)" on its line, the text below
        re.compile(rf"^(?P<name>{NAME}):[ \t]*\((?P<time>{TIME})\)[ \t]*(?P<rest>[^\n]*)$", re.M),
        # Rev: "Speaker 1 (00:00):" or "Ann Lee (01:23:45):", the text below or after it
        re.compile(rf"^(?P<name>{NAME})[ \t]+\((?P<time>{TIME})\):[ \t]*(?P<rest>[^\n]*)$", re.M),
    ),
    "otter": (
        # Otter: "Ann Lee  0:03" (name, two spaces or a tab, time) alone on its line, the text below
        re.compile(rf"^(?P<name>{NAME})(?:[ ]{{2,}}|\t)[ \t]*(?P<time>{TIME})[ \t]*(?P<rest>)$", re.M),
    ),
    "timestamped": (
        # "[00:00:02] Ann Lee: text", "(00:00:02) Ann: text", "00:00:02 Ann: text"
        re.compile(rf"^[ \t]*[\[(]?(?P<time>{TIME})[\])]?[ \t]+(?P<name>{NAME}):[ \t]*(?P<rest>[^\n]*)$",
                   re.M),
        # "0:00:12.6 **Ann Lee**" with the text below (or after it), "[00:02] **Ann:** text"
        re.compile(rf"^[ \t]*[\[(]?(?P<time>{TIME})[\])]?[ \t]+{BOLD_NAME}:?(?P=d):?[ \t]*(?P<rest>[^\n]*)$",
                   re.M),
        # "Ann Lee [00:00:02]" with the text below, or "Ann Lee [00:00:02]: text"
        re.compile(rf"^(?P<name>{NAME})[ \t]+\[(?P<time>{TIME})\][ \t]*(?::[ \t]*)?(?P<rest>[^\n]*)$", re.M),
    ),
    "markdown": (
        # "**Ann Lee:** text" and "**Ann Lee**: text" (also with __), the text after or below
        re.compile(rf"^[ \t]*{BOLD_NAME}(?::(?P=d)|(?P=d)[ \t]*:)[ \t]*(?P<rest>[^\n]*)$", re.M),
    ),
    "hearing": (
        # "MR. JONES. text", "THE CHAIRMAN. text", "Senator SMITH of Texas. text" opening a
        # paragraph (after a blank line, or indented as the GPO indents paragraphs)
        re.compile(r"^(?P<indent>[ \t]*)(?P<name>(?i:%s)\.?(?:[ ]%s){1,3}(?:[ ]of(?:[ ][A-Z][a-z]+){1,2})?)\."
                   r"(?:[ \t]+(?P<rest>[^\n]*?))?[ \t]*$" % ("|".join(HEARING_TITLES), _HEARING_WORD), re.M),
    ),
}
KINDS = tuple(SHAPES)
# A tool's credit line at the end of an export ("Transcribed by https://otter.ai"): it goes to
# the header as "Transcribed by: ...", not into the last speaker's turn.
FOOTER = re.compile(r"\n[ \t]*(?P<key>Transcribed by)[ \t]*:?[ \t]+(?P<value>[^\n]{1,80}?)\s*\Z", re.I)


@dataclass
class Normalised:
    """A text transcript read into the canonical ``Name: text`` form.

    ``text`` is what offsets index; ``cues`` (columns of :data:`doculens.reading.CUE_COLUMNS`)
    holds one row per label of a rebuilt export, None for text left as it was; ``kind`` is
    ``"text"`` or the export's kind (:data:`KINDS`); ``warnings`` are one-line notes.
    """

    text: str
    cues: pd.DataFrame | None = None
    kind: str = "text"
    warnings: list[str] = field(default_factory=list)


@dataclass
class _Label:
    line_start: int  # where the label's line starts
    rest_start: int  # where its text starts (on the label's line, or the line's end)
    name: str
    time: float | None


def parse_time(value: str) -> float:
    """Seconds of a time written ``[h:]m:ss[.f]``.

    Example:
        >>> parse_time("1:02:03"), parse_time("0:00:12.6"), parse_time("00:00:02,500")
        (3723.0, 12.6, 2.5)
    """
    seconds = 0.0
    for part in value.replace(",", ".").split(":"):
        seconds = seconds * 60 + float(part)
    return seconds


def normalise(text: str, *, name: str = "") -> Normalised:
    """Detect a transcription tool's export in ``text`` and rebuild it as ``Name: text``.

    ``name`` (the file name) is only used in warnings. The shape shared by the most label
    lines wins; a plain ``Name:`` transcript wins ties and comes back unchanged.

    Example:
        >>> normalise("Ann: Hi.\\nBob: Hello.\\n").kind
        'text'
        >>> normalise("**Ann:** Hi.\\n**Bob:** Hello.\\n").text
        'Ann: Hi.\\n\\nBob: Hello.\\n'
        >>> normalise("Just some words.\\n").warnings
        ['no speaker labels: read as one unknown speaker']
    """
    head_end = header_block(text)[0]
    found = {kind: _labels_of(text, head_end, kind) for kind in KINDS}
    export_lines = {label.line_start for labels in found.values() for label in labels}
    plain = [lab for lab in find_labels(text)
             if lab[0] >= head_end and _line_start(text, lab[0]) not in export_lines]
    best = max(KINDS, key=lambda kind: len(found[kind]))
    if len(found[best]) <= len(plain):
        warnings = [] if plain else [NO_LABELS_WARNING]
        return Normalised(text=text, cues=None, kind="text", warnings=warnings)
    return _rebuild(text, head_end, found[best], best)


def text_source(text: str, **common) -> Source:
    """A :class:`~doculens.reading.Source` of decoded transcript text, exports rebuilt.

    ``common`` holds the other fields of a Source (path, name, encoding, sha256 and the
    warnings so far, to which the normaliser's are added).
    """
    out = normalise(text, name=common.get("name", ""))
    cues = out.cues if out.cues is not None else pd.DataFrame(columns=CUE_COLUMNS)
    warnings = [*common.pop("warnings", []), *out.warnings]
    return Source(kind=out.kind, text=out.text, cues=cues, warnings=warnings, **common)


def _line_start(text: str, pos: int) -> int:
    return text.rfind("\n", 0, pos) + 1


def _labels_of(text: str, start: int, kind: str) -> list[_Label]:
    """The label lines of one export kind below ``start``, in text order, one per line."""
    by_line: dict[int, _Label] = {}
    for pattern in SHAPES[kind]:
        for match in pattern.finditer(text, start):
            line_start = match.start()
            if line_start in by_line:
                continue
            name = _speaker(match, kind, text)
            if name is None:
                continue
            rest_start = match.start("rest") if match.group("rest") else match.end()
            time = match.groupdict().get("time")
            by_line[line_start] = _Label(line_start, rest_start, name,
                                         parse_time(time) if time else None)
    return [by_line[key] for key in sorted(by_line)]


def _speaker(match: re.Match, kind: str, text: str) -> str | None:
    """The speaker a label line names, or None when the line is not a label."""
    name = " ".join(match.group("name").split())
    if kind == "hearing":
        return _hearing_name(match, text)
    return name if name and is_label_name(name) else None


def _hearing_name(match: re.Match, text: str) -> str | None:
    """"MR. JONES" -> "Mr. Jones"; None unless the surname is in capitals and the label
    opens a paragraph."""
    line_start = match.start()
    before = text[:line_start]
    if not (match.group("indent") or not before.strip() or before.endswith("\n\n")
            or re.search(r"\n[ \t]*\n$", before)):
        return None
    words = match.group("name").split()
    title, rest = words[0], words[1:]
    if "of" in rest:
        rest, place = rest[:rest.index("of")], rest[rest.index("of"):]
    else:
        place = []
    if not rest or not all(_in_capitals(w) for w in rest):
        return None
    return " ".join([_capitalise(title), *(_capitalise(w) for w in rest), *place])


def _in_capitals(word: str) -> bool:
    for prefix in SURNAME_PREFIXES:
        if word.startswith(prefix) and len(word) > len(prefix) + 1:
            word = word[len(prefix):]
            break
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and word.isupper()


def _capitalise(word: str) -> str:
    """A word written in capitals, capitalised ("O'BRIEN" -> "O'Brien"); others as written."""
    if not word.isupper():
        return word
    return re.sub(r"[^\W\d_]+", lambda m: m.group().capitalize(), word)


def _paragraphs(chunk: str) -> str:
    """Lines stripped, blank lines collapsed: paragraphs joined by one blank line."""
    paragraphs, current = [], []
    for line in chunk.split("\n"):
        line = line.strip()
        if line:
            current.append(line)
        elif current:
            paragraphs.append("\n".join(current))
            current = []
    if current:
        paragraphs.append("\n".join(current))
    return "\n\n".join(paragraphs)


def _rebuild(text: str, head_end: int, labels: list[_Label], kind: str) -> Normalised:
    """Rebuild ``text`` from its label lines: header and preamble, then ``Name: text`` paragraphs."""
    parts: list[str] = []
    length = 0

    def add(piece: str) -> int:
        nonlocal length
        if parts:
            parts.append("\n\n")
            length += 2
        parts.append(piece)
        length += len(piece)
        return length

    head_lines = [line.strip() for line in text[:head_end].split("\n") if line.strip()]
    footer = FOOTER.search(text, labels[-1].rest_start)
    if footer:
        head_lines.append(f"{footer.group('key')}: {footer.group('value').strip()}")
    head = "\n".join(head_lines)
    if head:
        add(head)
    preamble = _paragraphs(text[head_end:labels[0].line_start])
    if preamble:
        add(preamble)
    rows = []
    bounds = [label.line_start for label in labels[1:]] + [footer.start() if footer else len(text)]
    for index, (label, bound) in enumerate(zip(labels, bounds)):
        body = _paragraphs(text[label.rest_start:bound])
        if not body:
            continue
        end = add(f"{label.name}: {body}")
        start_time = label.time if label.time is not None else math.nan
        following = labels[index + 1].time if index + 1 < len(labels) else None
        end_time = (following if following is not None and label.time is not None
                    and following >= label.time else math.nan)
        rows.append((len(rows), end - len(body), end, start_time, end_time, label.name))
    if not rows:  # labels without any text: nothing to rebuild
        return Normalised(text=text, cues=None, kind="text",
                          warnings=[] if find_labels(text) else [NO_LABELS_WARNING])
    cues = pd.DataFrame(rows, columns=CUE_COLUMNS).astype(
        {"cue_id": int, "start": int, "end": int, "start_time": float, "end_time": float})
    return Normalised(text="".join(parts) + "\n", cues=cues, kind=kind)
