"""Read transcripts: plain text, SRT and WebVTT captions, in any of the encodings users send.

Every reader returns a :class:`Source`: the decoded text with newlines normalised to ``\\n``
(all character offsets elsewhere index this text, and the runner saves it with each run), plus,
for captions, a table of cues that maps spans of that text back to their times.

Caption files are turned into transcript text: consecutive cues of one voice become one
paragraph opened by a ``Name:`` label, cue texts are joined by spaces, and lines that a
rolling caption repeats from the cue before are dropped, so nothing is counted twice.

Example:
    >>> src = read_source("seeds/000_5091d5ce2a71cf37.txt")  # doctest: +SKIP
    >>> src.kind, src.encoding, src.text[:11]  # doctest: +SKIP
    ('text', 'utf-8', 'Documentary')
"""

from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

# Extensions read as plain-text transcripts and as caption files.
TEXT_SUFFIXES = (".txt", ".text", ".md")
CAPTION_SUFFIXES = (".srt", ".vtt")
SUPPORTED_SUFFIXES = TEXT_SUFFIXES + CAPTION_SUFFIXES

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
# A speaker named inside a cue's text, "JOHN: ..." or "- Mary: ..." (SRT has no voice tags).
CUE_SPEAKER = re.compile(r"^[-–]?\s*([A-Z][\w.’'-]*(?:\s[A-Z][\w.’'-]*){0,3}):\s+(?=\S)")


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


def decode(data: bytes, *, path: str | Path = "<bytes>") -> tuple[str, str]:
    """Decode transcript bytes and normalise newlines; return ``(text, encoding)``.

    UTF-8 with or without BOM, UTF-16 with BOM, then cp1252 or latin-1. Raises
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
                raise InputError(path, f"starts with a {name} byte-order mark but is not valid {name}")
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
    """Read one transcript file (.txt, .srt or .vtt) into a :class:`Source`.

    Example:
        >>> src = read_source("tests/fixtures/talk.vtt")  # doctest: +SKIP
        >>> src.cues.columns.tolist()  # doctest: +SKIP
        ['cue_id', 'start', 'end', 'start_time', 'end_time', 'voice']
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        raise InputError(path, "is a folder; pass it as an input to read every transcript in it")
    except FileNotFoundError:
        raise InputError(path, "no such file")
    except OSError as err:
        raise InputError(path, f"cannot be read ({err.strerror or err})")
    text, encoding = decode(data, path=path)
    suffix = path.suffix.lower()
    common = dict(path=str(path), name=path.name, encoding=encoding,
                  sha256=hashlib.sha256(data).hexdigest())
    if suffix == ".srt":
        text, cues = captions_to_text(_srt_cues(text, path=path))
        return Source(kind="srt", text=text, cues=cues, **common)
    if suffix == ".vtt":
        text, cues = captions_to_text(_vtt_cues(text, path=path))
        return Source(kind="vtt", text=text, cues=cues, **common)
    return Source(kind="text", text=text, **common)


def expand_inputs(inputs: str | Path | list) -> list[Path]:
    """Turn files and folders into a sorted, de-duplicated list of transcript files.

    A folder contributes every file in it (not recursively) whose suffix is supported.

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
            found = sorted(p for p in item.iterdir()
                           if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES)
            if not found:
                raise InputError(item, "the folder holds no .txt, .srt or .vtt transcript")
            files.extend(found)
        else:
            files.append(item)
    seen: set[Path] = set()
    return [p for p in files if not (p.resolve() in seen or seen.add(p.resolve()))]


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
        voice, pos = match.group(1).strip(), match.end()
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
        if match:
            out.append((match.group(1), line[match.end():]))
        else:
            out.append((None, line.lstrip("-– ").strip() or line))
    return out


def _clean(text: str) -> str:
    import html

    return "\n".join(line.strip() for line in html.unescape(text).split("\n") if line.strip())


def captions_to_text(cues: list[tuple[float, float, str | None, str]]) -> tuple[str, pd.DataFrame]:
    """Build transcript text from caption cues; return it with the cue table.

    ``cues`` holds ``(start_time, end_time, voice, text)``. Consecutive cues of one voice form
    a paragraph ``Voice: text text``; a cue without a voice continues the paragraph before it.
    Lines a rolling caption repeats from the previous cue are dropped.

    Example:
        >>> text, table = captions_to_text([(0, 2, "Ann", "Hello there"),
        ...                                 (2, 4, "Ann", "Hello there\\nhow are you?")])
        >>> text
        'Ann: Hello there how are you?\\n'
        >>> table[["start", "end", "start_time"]].values.tolist()
        [[5, 16, 0], [17, 29, 2]]
    """
    parts: list[str] = []
    rows = []
    length = 0
    current_voice: object = object()
    previous_lines: list[str] = []
    for start_time, end_time, voice, body in cues:
        lines = [line.strip() for line in body.split("\n") if line.strip()]
        lines = _drop_rolled_lines(previous_lines, lines)
        if not lines:
            continue
        previous_lines = [line.strip() for line in body.split("\n") if line.strip()]
        content = " ".join(lines)
        speaker = voice if voice is not None else current_voice
        if parts and speaker == current_voice:
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
            current_voice = speaker
        parts.append(content)
        rows.append((len(rows), length, length + len(content), start_time, end_time,
                     speaker if isinstance(speaker, str) else None))
        length += len(content)
    text = "".join(parts) + "\n"
    return text, pd.DataFrame(rows, columns=CUE_COLUMNS)


def _drop_rolled_lines(previous: list[str], lines: list[str]) -> list[str]:
    """Drop the head of ``lines`` that repeats the tail of ``previous`` (rolling captions)."""
    for overlap in range(min(len(previous), len(lines)), 0, -1):
        if previous[-overlap:] == lines[:overlap]:
            return lines[overlap:]
    return lines
