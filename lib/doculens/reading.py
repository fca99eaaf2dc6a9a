"""Read transcripts: plain text, Word documents, SRT and WebVTT captions, Whisper and WhisperX
JSON and TSV, in any of the encodings users send.

Every reader returns a :class:`Source`: the decoded text with newlines normalised to ``\\n``
(all character offsets elsewhere index this text, and the runner saves it with each run), plus,
for captions, a table of cues that maps spans of that text back to their times.

Caption files (and Whisper's segments) are turned into transcript text: consecutive cues of
one voice become one paragraph opened by a ``Name:`` label, cue texts are joined by spaces,
and lines that a rolling caption repeats from the same speaker's cue before are dropped, so
nothing is counted twice. A ``.docx`` is read as the text of its paragraphs, one paragraph
per blank-line-separated block, and then as a text transcript.

Example:
    >>> src = read_source("seeds/000_5091d5ce2a71cf37.txt")  # doctest: +SKIP
    >>> src.kind, src.encoding, src.text[:11]  # doctest: +SKIP
    ('text', 'utf-8', 'Documentary')
"""

from __future__ import annotations

import hashlib
import io
import itertools
import json
import math
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .outdir import MARKER as REPORT_MARKER
from .segment import NON_SPEAKER_FIRST_WORDS

# Extensions read as plain-text transcripts, as caption files, and as the structured exports of
# transcription tools (Whisper and WhisperX JSON, Whisper TSV). Only these are read from a
# folder; a file of another type given by name is refused.
TEXT_SUFFIXES = (".txt", ".text", ".md", ".docx")
CAPTION_SUFFIXES = (".srt", ".vtt")
STRUCTURED_SUFFIXES = (".json", ".tsv")
SUPPORTED_SUFFIXES = TEXT_SUFFIXES + CAPTION_SUFFIXES + STRUCTURED_SUFFIXES

# Byte-order marks, checked longest first (UTF-32 marks start with the UTF-16 ones).
BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
# Single-byte fallbacks, in order: Windows-1252 (strict: five of its bytes are undefined), then
# Latin-1, which decodes any byte. charset-normalizer was measured on a cp1252 English sample and
# guessed cp1250, so it decides only whether bytes are text at all, not which code page.
FALLBACK_ENCODINGS = ("cp1252", "latin-1")

CUE_COLUMNS = ["cue_id", "start", "end", "start_time", "end_time", "voice"]
# A WebVTT voice span: <v Name> or <v.class Name>; the text up to the next voice tag is theirs.
VOICE_TAG = re.compile(r"<v(?:\.[\w.-]+)?[ \t]+([^>]+)>")
ANY_TAG = re.compile(r"</?[^>]+>")
# A timing line as WebVTT and SRT write it (hours optional in WebVTT, comma decimals in SRT).
TIMING_LINE = re.compile(r"^\s*(?:\d+:)?\d{2}:\d{2}[.,]\d{3}\s+-->\s+(?:\d+:)?\d{2}:\d{2}[.,]\d{3}")
# A speaker named at the start of a line of cue text (SRT has no voice tags, Zoom writes none):
# "JOHN: ...", "- Mary: ...", Zoom's "Ann Lee (Host): ...", "Ann Lee (she/her): ..." and
# "first.last: ...", diarised "Speaker 1: ..." and "SPEAKER_00: ...", and names in scripts
# without letter case, "李明: ..." or "李明：...". :func:`_cue_speaker_name` checks the words.
CUE_SPEAKER = re.compile(
    r"^[-–]?[ \t]*(?P<name>[^\W\d_][\w.’'-]*(?:[ \t]+\w[\w.’'-]*){0,3})"
    r"(?P<note>[ \t]*[(（][^()（）\n]{1,30}[)）])?"
    r"(?:[ \t]*:[ \t]+|[ \t]*：[ \t]*)(?=\S)")
# What follows a name in parentheses: a role or pronouns ("(Host)", "(he/him)", "(SL)"), dropped.
NAME_NOTE = re.compile(r"[ \t]*[(（][^()（）]*[)）][ \t]*$")
# A Zoom user name, "first.last" or "first_last": read as "First Last".
USER_NAME = re.compile(r"[a-z][a-z'-]+(?:[._][a-z][a-z'-]+)+")
# Longest word of a script without letter case (Chinese, Japanese, Korean...) taken as a name
# in cue text: names in these scripts are short, clauses are not.
MAX_CASELESS_NAME = 6
# Longest number word in a diarised name ("Speaker 12").
MAX_NAME_DIGITS = 3


class InputError(Exception):
    """A file that cannot be read as a transcript. ``str(err)`` is the one-line message."""

    def __init__(self, path: str | Path, problem: str):
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


@dataclass
class Source:
    """One input file, decoded.

    ``text`` has ``\\n`` newlines; offsets in every table index it. ``cues`` is empty for
    plain text and otherwise has columns cue_id, start, end (offsets into ``text``),
    start_time, end_time (seconds) and voice.
    """

    path: str
    name: str
    kind: str  # "text", "srt" or "vtt"
    encoding: str
    sha256: str
    text: str
    cues: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=CUE_COLUMNS))
    #: one-line notes for the reader (shown on stderr and in the report's index), e.g. a
    #: transcript with no speaker labels read as one unknown speaker
    warnings: list[str] = field(default_factory=list)


def decode(data: bytes, *, path: str | Path = "<bytes>",
           warnings: list[str] | None = None) -> tuple[str, str]:
    """Decode transcript bytes and normalise newlines; return ``(text, encoding)``.

    UTF-8 with or without BOM, UTF-16 with BOM, then cp1252 or latin-1. UTF-8 with a few
    invalid bytes (:func:`_lenient_utf8`) stays UTF-8, each invalid byte replaced by U+FFFD
    and their byte offsets noted in ``warnings`` (when a list is given). Raises
    :class:`InputError` for empty, whitespace-only and binary input.

    Example:
        >>> decode("Simone: Hi\\r\\n".encode("utf-16"))
        ('Simone: Hi\\n', 'utf-16')
    """
    if not data:
        raise InputError(path, "the file is empty")
    text = encoding = None
    for bom, name in BOMS:
        if data.startswith(bom):
            try:
                text, encoding = data.decode(name), name
            except UnicodeDecodeError:
                text = _lenient_utf8(data, warnings) if name == "utf-8-sig" else None
                if text is None:
                    raise InputError(path, f"starts with a {name} byte-order mark but is not valid {name}")
                encoding = name
            break
    if text is None:
        if b"\x00" in data:
            if _looks_like_bomless_utf16(data):
                raise InputError(path, "looks like UTF-16 without a byte-order mark; "
                                       "save it as UTF-8 (or UTF-16 with a BOM)")
            raise InputError(path, "looks binary (NUL bytes), not a text transcript")
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            text, encoding = _lenient_utf8(data, warnings), "utf-8"
        if text is None:
            from charset_normalizer import from_bytes

            if from_bytes(data).best() is None:
                raise InputError(path, "looks binary, not a text transcript in a known encoding")
            for name in FALLBACK_ENCODINGS:
                try:
                    text, encoding = data.decode(name), name
                    break
                except UnicodeDecodeError:
                    continue
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError(path, "the file holds only whitespace")
    if _control_share(text) > MAX_CONTROL_SHARE:
        raise InputError(path, "looks binary (control characters), not a text transcript")
    return text, encoding


# Invalid bytes a UTF-8 file may hold and still be read as UTF-8: at most this many, or this
# share of its bytes when that is more; and no more than the valid multi-byte characters it
# holds (a cp1252 or latin-1 file has next to none: its accented letters are single bytes).
MAX_INVALID_UTF8_BYTES = 4
MAX_INVALID_UTF8_SHARE = 0.001
# Byte offsets named in the warning; the rest are counted.
MAX_OFFSETS_SHOWN = 10
_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")
_MULTIBYTE_CHAR = re.compile("[^\x00-\x7f\udc80-\udcff]")


def _lenient_utf8(data: bytes, warnings: list[str] | None) -> str | None:
    """``data`` as UTF-8 with its few invalid bytes replaced by U+FFFD, or None when they are
    not few (then the file is in another encoding).

    One stray byte in a UTF-8 file must not turn every "It’s" into "Itâ€™s" by sending the
    whole file to cp1252. The warning names the invalid bytes' offsets in the file.

    Example:
        >>> notes = []
        >>> _lenient_utf8("It’s a café ".encode() + b"\\xff" + "– right.".encode(), notes)
        'It’s a café �– right.'
        >>> notes
        ['1 invalid UTF-8 byte replaced by U+FFFD (byte offset 15)']
    """
    escaped = data.decode("utf-8", "surrogateescape")  # one U+DCxx per invalid byte
    bad = [m.start() for m in _ESCAPED_BYTE.finditer(escaped)]
    limit = max(MAX_INVALID_UTF8_BYTES, MAX_INVALID_UTF8_SHARE * len(data))
    if not bad or len(bad) > limit or len(_MULTIBYTE_CHAR.findall(escaped)) < len(bad):
        return None
    offsets, byte, pos = [], 0, 0
    for index in bad[:MAX_OFFSETS_SHOWN]:
        byte += len(escaped[pos:index].encode("utf-8", "surrogateescape"))
        offsets.append(str(byte))
        pos = index
    more = f" and {len(bad) - MAX_OFFSETS_SHOWN} more" if len(bad) > MAX_OFFSETS_SHOWN else ""
    plural = "s" if len(bad) > 1 else ""
    if warnings is not None:
        warnings.append(f"{len(bad)} invalid UTF-8 byte{plural} replaced by U+FFFD "
                        f"(byte offset{plural} {', '.join(offsets)}{more})")
    return _ESCAPED_BYTE.sub("\ufffd", escaped)


# Share of NUL bytes in even or odd positions above which NUL-bearing bytes are BOM-less
# UTF-16 text (ASCII characters encode as one NUL and one letter byte).
UTF16_NUL_SHARE = 0.4
UTF16_OTHER_NUL_SHARE = 0.02


def _looks_like_bomless_utf16(data: bytes) -> bool:
    half = max(len(data) // 2, 1)
    shares = sorted((data[0::2].count(0) / half, data[1::2].count(0) / half))
    # NULs in one byte position only: binary files have them in both
    return shares[1] > UTF16_NUL_SHARE and shares[0] < UTF16_OTHER_NUL_SHARE


# Share of C0 control characters (other than tab and newline) above which text is called binary.
MAX_CONTROL_SHARE = 0.01
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _control_share(text: str) -> float:
    return len(_CONTROL.findall(text)) / max(len(text), 1)


def read_source(path: str | Path) -> Source:
    """Read one transcript file into a :class:`Source`.

    Text (``.txt``, ``.text``, ``.md``, and the paragraphs of a ``.docx``), captions (``.srt``,
    ``.vtt``) and the segments of Whisper and WhisperX (``.json``, ``.tsv``); any other file
    type is refused with an :class:`InputError`.

    Example:
        >>> src = read_source("tests/fixtures/talk.vtt")  # doctest: +SKIP
        >>> src.cues.columns.tolist()  # doctest: +SKIP
        ['cue_id', 'start', 'end', 'start_time', 'end_time', 'voice']
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES and path.exists() and not path.is_dir():
        raise InputError(path, f"unsupported file type {suffix or '(no extension)'}; "
                               f"expected {', '.join(SUPPORTED_SUFFIXES)}")
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        raise InputError(path, "is a folder; pass it as an input to read every transcript in it")
    except FileNotFoundError:
        raise InputError(path, "no such file")
    except OSError as err:
        raise InputError(path, f"cannot be read ({err.strerror or err})")
    warnings: list[str] = []
    if suffix == ".docx":
        text, encoding = _docx_text(data, path=path), "docx"
    else:
        text, encoding = decode(data, path=path, warnings=warnings)
    common = dict(path=str(path), name=path.name, encoding=encoding,
                  sha256=hashlib.sha256(data).hexdigest(), warnings=warnings)
    if suffix == ".srt":
        return _cue_source("srt", _srt_cues(text, path=path), **common)
    if suffix == ".vtt":
        return _cue_source("vtt", _vtt_cues(text, path=path), **common)
    if suffix == ".json":
        return _cue_source("json", _whisper_json_cues(text, path=path), rolling=False, **common)
    if suffix == ".tsv":
        return _cue_source("tsv", _whisper_tsv_cues(text, path=path), rolling=False, **common)
    from .exports import text_source  # transcription tools' exports rebuilt as "Name: text"
    return text_source(text, **common)


NO_SPEAKERS_WARNING = "no speaker labels: read as one unknown speaker"


def _cue_source(kind: str, cues: list, *, rolling: bool = True, **common) -> Source:
    """A :class:`Source` of captions or segments: their text rebuilt, with the cue table."""
    text, table = captions_to_text(cues, rolling=rolling)
    if table.empty:
        raise InputError(common["path"], "the captions hold no text")
    source = Source(kind=kind, text=text, cues=table, **common)
    if table["voice"].isna().all():
        source.warnings.append(NO_SPEAKERS_WARNING)
    return source


def expand_inputs(inputs: str | Path | list) -> list[Path]:
    """Turn files and folders into a sorted, de-duplicated list of transcript files.

    A folder contributes every file in it and in its subfolders whose suffix is supported
    (:data:`SUPPORTED_SUFFIXES`), in path order; hidden files and folders (names starting
    with ``.``) and doculens report folders are skipped, and a folder reached twice through
    symbolic links is read once.

    Example:
        >>> expand_inputs(["seeds"])  # doctest: +SKIP
        [PosixPath('seeds/000_5091d5ce2a71cf37.txt')]
    """
    if isinstance(inputs, (str, Path)):
        inputs = [inputs]
    files: list[Path] = []
    for item in inputs:
        item = Path(item)
        if item.is_dir():
            found = _transcripts_in(item)
            if not found:
                raise InputError(item, "the folder holds no .txt, .srt or .vtt transcript "
                                       "(nor .md, .docx, .json or .tsv), in it or its subfolders")
            files.extend(found)
        else:
            files.append(item)
    seen: set[Path] = set()
    return [p for p in files if not (p.resolve() in seen or seen.add(p.resolve()))]


def _transcripts_in(folder: Path) -> list[Path]:
    """Supported files in ``folder`` and its subfolders, sorted by their path in it."""
    found: list[Path] = []
    visited: set[str] = set()
    for root, dirs, names in os.walk(folder, followlinks=True):
        real = os.path.realpath(root)
        here = Path(root)
        # a symlink loop, or one folder linked twice; a report's own copies of its sources
        if real in visited or (here != folder and (here / REPORT_MARKER).exists()):
            dirs[:] = []
            continue
        visited.add(real)
        # real folders before links to them, so a file is found under its own path first
        dirs[:] = sorted((d for d in dirs if not d.startswith(".")),
                         key=lambda d: (os.path.islink(os.path.join(root, d)), d))
        found.extend(here / name for name in names
                     if not name.startswith(".") and Path(name).suffix.lower() in SUPPORTED_SUFFIXES
                     and (here / name).is_file())
    return sorted(found, key=lambda p: p.relative_to(folder).parts)


# --- captions -----------------------------------------------------------------------------------

def _srt_cues(text: str, *, path) -> list[tuple[float, float, str | None, str]]:
    import srt

    _check_timing_lines(text, path=path, fmt="SRT")
    try:
        subs = list(srt.parse(text))
    except (srt.SRTParseError, ValueError) as err:
        raise InputError(path, f"malformed SRT captions ({_first_line(err)})")
    if not subs:
        raise InputError(path, "malformed SRT captions (no cues found)")
    cues = []
    for sub in subs:
        if sub.end < sub.start:
            raise InputError(path, f"malformed SRT captions (cue {sub.index} ends before it starts)")
        for voice, piece in _split_cue_speakers(sub.content):
            cues.append((sub.start.total_seconds(), sub.end.total_seconds(), voice, piece))
    return cues


def _vtt_cues(text: str, *, path) -> list[tuple[float, float, str | None, str]]:
    import webvtt
    from webvtt.errors import MalformedFileError

    try:
        captions = list(webvtt.from_buffer(io.StringIO(text)))
    except MalformedFileError as err:
        raise InputError(path, f"malformed WebVTT captions ({_first_line(err) or 'no WEBVTT header'})")
    # webvtt-py silently drops a cue whose timing line it cannot parse: check them ourselves.
    _check_timing_lines(text, path=path, fmt="WebVTT")
    if not captions:
        raise InputError(path, "malformed WebVTT captions (no cues found)")
    cues = []
    for cap in captions:
        if cap.end_in_seconds < cap.start_in_seconds:
            raise InputError(path, f"malformed WebVTT captions (cue at {cap.start} ends before it starts)")
        start = cap.start_in_seconds + int(cap.start.split(".")[-1]) / 1000
        end = cap.end_in_seconds + int(cap.end.split(".")[-1]) / 1000
        for voice, piece in _split_voices(cap.raw_text):
            cues.append((start, end, voice, piece))
    return cues


def _check_timing_lines(text: str, *, path, fmt: str) -> None:
    """Raise on the first ``-->`` line whose timestamps are not well formed."""
    for number, line in enumerate(text.split("\n"), 1):
        if "-->" in line and not TIMING_LINE.match(line):
            raise InputError(path, f"malformed {fmt} captions (bad timestamp on line {number}: "
                                   f"{line.strip()[:60]!r})")


def _first_line(err: Exception) -> str:
    return str(err).strip().split("\n")[0][:120]


def _split_voices(raw: str) -> list[tuple[str | None, str]]:
    """Split a WebVTT cue payload at its ``<v Name>`` tags; strip all other markup."""
    pieces, voice, pos = [], None, 0
    for match in VOICE_TAG.finditer(raw):
        pieces.append((voice, raw[pos:match.start()]))
        voice, pos = speaker_name(_unescape(match.group(1))), match.end()
    pieces.append((voice, raw[pos:]))
    out = []
    for voice, body in pieces:
        body = _clean(ANY_TAG.sub("", body))
        if body:
            out.extend(_split_cue_speakers(body) if voice is None else [(voice, body)])
    return out


def _split_cue_speakers(body: str) -> list[tuple[str | None, str]]:
    """Lines of a cue, with a leading ``NAME:`` taken as the speaker of that line."""
    out = []
    for line in body.split("\n"):
        line = line.strip()
        if not line:
            continue
        match = CUE_SPEAKER.match(line)
        name = _cue_speaker_name(match.group("name")) if match else None
        if name:
            out.append((name, line[match.end():]))
        else:
            out.append((None, line.lstrip("-– ").strip() or line))
    return out


def _cue_speaker_name(name: str) -> str | None:
    """The speaker a ``Name:`` at the start of a cue line names, or None when it is no name.

    Every word is capitalised, a number after the first word ("Speaker 1"), or a short word
    of a script without case ("李明"); a Zoom user name "first.last" reads "First Last". The
    words that start notes rather than names ("Note:", "Question:") are segment's own.

    Example:
        >>> [_cue_speaker_name(n) for n in ("Ann Lee", "Speaker 1", "李明", "bob.kane", "Note", "so")]
        ['Ann Lee', 'Speaker 1', '李明', 'Bob Kane', None, None]
    """
    if USER_NAME.fullmatch(name):
        return speaker_name(name)
    words = name.split()
    if words[0].lower().rstrip(".") in NON_SPEAKER_FIRST_WORDS:
        return None
    for i, word in enumerate(words):
        first = word[0]
        if first.isupper() or (i and word.isdigit() and len(word) <= MAX_NAME_DIGITS):
            continue
        if first.isalpha() and not first.islower() and len(word) <= MAX_CASELESS_NAME:
            continue
        return None
    return speaker_name(name)


def speaker_name(raw: str) -> str | None:
    """A speaker's name as written, without a note in parentheses; None when nothing is left.

    Roles and pronouns in parentheses go ("Ann Lee (Host)", "Ann Lee (she/her)"), and a Zoom
    user name "first.last" reads "First Last". Diarised labels stay as written
    ("SPEAKER_00", "Speaker 1").

    Example:
        >>> [speaker_name(n) for n in ("Ann Lee (Host)", "bob.kane", "SPEAKER_00", " (SL) ")]
        ['Ann Lee', 'Bob Kane', 'SPEAKER_00', None]
    """
    name = " ".join(str(raw).split())
    while True:
        bare = NAME_NOTE.sub("", name)
        if bare == name:
            break
        name = bare
    if USER_NAME.fullmatch(name):
        name = " ".join(part.capitalize() for part in re.split(r"[._]", name))
    return name or None


def _unescape(text: str) -> str:
    import html

    return html.unescape(text)


def _clean(text: str) -> str:
    return "\n".join(line.strip() for line in _unescape(text).split("\n") if line.strip())


#: In captions with (almost) no sentence punctuation (YouTube's automatic captions), a sentence
#: ends between two cues of one speaker that are this many seconds apart or more ...
PAUSE_SECONDS = 0.8
#: ... and at the first cue boundary after this many words without one.
MAX_UNPUNCTUATED_WORDS = 15
#: Captions have "almost no punctuation" with fewer than one sentence end per this many words.
WORDS_PER_SENTENCE_END = 50
#: What stands between two cues where a sentence ends in unpunctuated captions: U+2029
#: PARAGRAPH SEPARATOR, which :mod:`doculens.sentences` always cuts at and which, unlike a
#: blank line, does not end the speaker's turn. Sentences never include it.
SENTENCE_BREAK = "\u2029"
_SENTENCE_END = re.compile(r"[.!?…。！？](?=[\"'”’)\]]*(?:\s|$))")
#: Most lines a rolling caption carries over from the cue before (YouTube's carry two).
MAX_ROLLED_LINES = 8


def captions_to_text(cues: list[tuple[float, float, str | None, str]], *,
                     rolling: bool = True) -> tuple[str, pd.DataFrame]:
    """Build transcript text from caption cues; return it with the cue table.

    ``cues`` holds ``(start_time, end_time, voice, text)``; entries with the same times are
    pieces of one cue. Consecutive cues of one voice form a paragraph ``Voice: text text``; a
    cue without a voice continues the paragraph before it. With ``rolling``, lines that a
    rolling caption repeats from the previous cue are dropped, but only when they are the same
    speaker's (three people saying "Yes." in turn are three lines); Whisper's segments never
    roll. In captions with almost no punctuation, sentences are cut between cues at pauses of
    :data:`PAUSE_SECONDS` and after :data:`MAX_UNPUNCTUATED_WORDS` words
    (:data:`SENTENCE_BREAK` joins the two cues instead of a space).

    Example:
        >>> text, table = captions_to_text([(0, 2, "Ann", "Hello there"),
        ...                                 (2, 4, "Ann", "Hello there\\nhow are you?")])
        >>> text
        'Ann: Hello there how are you?\\n'
        >>> table[["start", "end", "start_time"]].values.tolist()
        [[5, 16, 0], [17, 29, 2]]
    """
    entries = [(start, end, voice, [line.strip() for line in str(body).split("\n") if line.strip()])
               for start, end, voice, body in cues]
    unpunctuated = _unpunctuated([line for *_, lines in entries for line in lines])
    parts: list[str] = []
    rows = []
    length = 0
    current_voice: object = object()
    previous: list[tuple[str | None, str]] = []  # (speaker, line) the previous cue showed
    words, last_end = 0, None
    for _, group in itertools.groupby(entries, key=lambda entry: (entry[0], entry[1])):
        group = list(group)
        flat = [(voice, line) for _, _, voice, lines in group for line in lines]
        dropped = _rolled_count(previous, flat) if rolling else 0
        shown = previous[len(previous) - dropped:] if dropped else []
        skip = dropped
        for start_time, end_time, voice, lines in group:
            kept = lines[skip:]
            skip = max(0, skip - len(lines))
            if not kept:
                continue
            content = " ".join(kept)
            speaker = voice if voice is not None else current_voice
            if parts and speaker == current_voice:
                pause = last_end is not None and start_time - last_end >= PAUSE_SECONDS
                if unpunctuated and (pause or words >= MAX_UNPUNCTUATED_WORDS):
                    parts.append(SENTENCE_BREAK)
                    words = 0
                else:
                    parts.append(" ")
                length += 1
            else:
                if parts:
                    parts.append("\n\n")
                    length += 2
                if isinstance(speaker, str):
                    label = f"{speaker}: "
                    parts.append(label)
                    length += len(label)
                current_voice, words = speaker, 0
            parts.append(content)
            named = speaker if isinstance(speaker, str) else None
            rows.append((len(rows), length, length + len(content), start_time, end_time, named))
            shown.extend((named, line) for line in kept)
            length += len(content)
            words += len(content.split())
            last_end = end_time
        previous = shown
    text = "".join(parts) + "\n"
    return text, pd.DataFrame(rows, columns=CUE_COLUMNS)


def _rolled_count(previous: list[tuple[str | None, str]], lines: list[tuple[str | None, str]]) -> int:
    """How many of the first ``lines`` repeat the last lines ``previous`` showed (rolling
    captions): same words, and the same speaker when the line names one."""
    for overlap in range(min(len(previous), len(lines), MAX_ROLLED_LINES), 0, -1):
        if all(line == before and (voice is None or voice == speaker)
               for (voice, line), (speaker, before) in zip(lines[:overlap], previous[-overlap:])):
            return overlap
    return 0


def _unpunctuated(lines: list[str]) -> bool:
    """Whether caption lines have (almost) no sentence punctuation (YouTube's automatic ones)."""
    text = " ".join(lines)
    return len(_SENTENCE_END.findall(text)) * WORDS_PER_SENTENCE_END < len(text.split())


# --- Whisper and WhisperX -----------------------------------------------------------------------

def _whisper_json_cues(text: str, *, path) -> list[tuple[float, float, str | None, str]]:
    """Segments of a Whisper or WhisperX ``.json``: ``{"segments": [{"start", "end", "text"}]}``
    (or the bare list), with WhisperX's ``"speaker"`` ("SPEAKER_00") when present."""
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as err:
        raise InputError(path, f"malformed JSON ({_first_line(err) or type(err).__name__})")
    segments = data.get("segments") if isinstance(data, dict) else data
    if not isinstance(segments, list):
        raise InputError(path, 'not a Whisper or WhisperX transcript (expected "segments": '
                               'a list of start, end and text)')
    if not segments:
        raise InputError(path, "the transcript holds no segments")
    cues = []
    for number, segment in enumerate(segments, 1):
        if not isinstance(segment, dict) or not isinstance(segment.get("text"), str):
            raise InputError(path, f"malformed Whisper JSON (segment {number} has no text)")
        start, end = (_seconds(segment.get(key), path=path, where=f"segment {number}", key=key)
                      for key in ("start", "end"))
        if end < start:
            raise InputError(path, f"malformed Whisper JSON (segment {number} ends before it starts)")
        speaker = segment.get("speaker")
        speaker = speaker_name(speaker) if isinstance(speaker, str) else None
        cues.append((start, end, speaker, segment["text"]))
    return cues


def _whisper_tsv_cues(text: str, *, path) -> list[tuple[float, float, str | None, str]]:
    """Rows of a Whisper ``.tsv``: ``start``, ``end`` (milliseconds) and ``text``, tab-separated,
    under an optional header naming them (a ``speaker`` column is read too)."""
    rows = [(number, line) for number, line in enumerate(text.split("\n"), 1) if line.strip()]
    columns = ["start", "end", "text"]
    first = rows[0][1].split("\t") if rows else []
    if first and _number(first[0]) is None:  # a header line
        columns = [name.strip().lower() for name in first]
        if not {"start", "end", "text"} <= set(columns):
            raise InputError(path, "malformed Whisper TSV (expected the columns start, end and text)")
        rows = rows[1:]
    if not rows:
        raise InputError(path, "malformed Whisper TSV (no rows)")
    cues = []
    for number, line in rows:
        fields = line.split("\t", len(columns) - 1)
        if len(fields) < len(columns):
            raise InputError(path, f"malformed Whisper TSV (line {number} has {len(fields)} of "
                                   f"{len(columns)} tab-separated fields)")
        row = dict(zip(columns, fields))
        start, end = (_seconds(_number(row[key]), path=path, where=f"line {number}", key=key,
                               scale=1000) for key in ("start", "end"))
        if end < start:
            raise InputError(path, f"malformed Whisper TSV (line {number} ends before it starts)")
        speaker = speaker_name(row["speaker"]) if row.get("speaker", "").strip() else None
        cues.append((start, end, speaker, row["text"]))
    return cues


def _number(value: str) -> float | None:
    try:
        number = float(value.strip())
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def _seconds(value, *, path, where: str, key: str, scale: float = 1) -> float:
    """A segment's time in seconds, or an :class:`InputError` when it is not a time."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) \
            or not math.isfinite(value) or value < 0:
        kind = "JSON" if scale == 1 else "TSV"
        raise InputError(path, f"malformed Whisper {kind} ({where} has no valid {key} time)")
    return value / scale


# --- Word documents -----------------------------------------------------------------------------

def _docx_text(data: bytes, *, path) -> str:
    """The paragraphs of a ``.docx`` with text, joined by blank lines (then read as text)."""
    if not data:
        raise InputError(path, "the file is empty")
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
        paragraphs = [p.text for p in document.paragraphs]
    except Exception as err:  # python-docx raises many kinds for a broken package  # noqa: BLE001
        raise InputError(path, f"not a readable .docx document ({_first_line(err) or type(err).__name__})")
    paragraphs = [p.replace("\r\n", "\n").replace("\r", "\n").strip() for p in paragraphs]
    text = "\n\n".join(p for p in paragraphs if p)
    if not text:
        raise InputError(path, "the document holds no text")
    if _control_share(text) > MAX_CONTROL_SHARE:
        raise InputError(path, "looks binary (control characters), not a text transcript")
    return text + "\n"
