"""Read inputs and segment them once: the tables every notebook starts from, cached by input hash.

:func:`load` reads every input file, splits it into documents, turns and sentences, builds
the speaker roster, scores each sentence with VADER, cuts each document into topical
segments and returns them in a :class:`Workbook`. The result is cached on disk
under a key made of the inputs' bytes and this library's code, so the notebooks after
``01_segmentation`` (and a second run) reuse it instead of segmenting again. Each input
file is read once: the text that is segmented and the hash that keys the cache (and that
the run manifest records) come from the same bytes. :func:`pin` hands the runner's
workbook to its notebooks, so they never read an input again, even one edited meanwhile.

Example:
    >>> wb = load(["seeds"])  # doctest: +SKIP
    >>> wb.documents[["doc_id", "kind", "title"]].head(2)  # doctest: +SKIP
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import __version__
from .reading import InputError, Source, expand_inputs, read_source
from .segment import (count_words, find_labels, sentences_for_turns, split_documents,
                      split_turns)
from .speakers import ROSTER_COLUMNS, build_roster

TABLES = ("documents", "speakers", "turns", "sentences", "topics", "cues", "failures")
# the cues table's columns, also when no input has cues (its CSV keeps a header line)
CUE_TABLE_COLUMNS = ["cue_id", "start", "end", "start_time", "end_time", "voice", "source"]
FAILURE_COLUMNS = ["path", "problem"]
CACHE_ENV = "DOCULENS_CACHE"
DEFAULT_CACHE = Path(".cache") / "doculens"
# A folder written by :func:`pin`: load() of the same inputs returns it (see pin).
PIN_ENV = "DOCULENS_WORKBOOK"
TOO_LARGE = "too large to segment in memory"


@dataclass
class Workbook:
    """The segmented inputs of one run.

    ``texts`` maps each source name to its decoded text (offsets in every table index it);
    ``failures`` lists input files that could not be read, with the problem.
    """

    texts: dict[str, str]
    documents: pd.DataFrame
    speakers: pd.DataFrame
    turns: pd.DataFrame
    sentences: pd.DataFrame
    topics: pd.DataFrame
    cues: pd.DataFrame
    failures: pd.DataFrame
    meta: dict = field(default_factory=dict)
    #: the folder it was read from or saved to (its cache entry), when there is one
    entry: Path | None = field(default=None, repr=False, compare=False)

    def tables(self) -> dict[str, pd.DataFrame]:
        """The tables by name, in the order they are documented."""
        return {name: getattr(self, name) for name in TABLES}

    def source_text(self, doc_id: int) -> str:
        """The decoded text a document's offsets index."""
        source = self.documents.loc[self.documents["doc_id"] == doc_id, "source"].iloc[0]
        return self.texts[source]


def segment_source(source: Source, *, first_doc: int = 1, first_turn: int = 1,
                   first_sentence: int = 1) -> dict[str, pd.DataFrame]:
    """Segment one source into its documents, speakers, turns, sentences and cues tables.

    Ids start at the given numbers so that several sources can share one run.

    Example:
        >>> from doculens.reading import Source
        >>> src = Source(path="x.txt", name="x.txt", kind="text", encoding="utf-8", sha256="",
        ...              text="Ann: Hello. Bye.\\n")
        >>> segment_source(src)["sentences"]["text"].tolist()
        ['Hello.', 'Bye.']
    """
    from .exports import NO_LABELS_WARNING

    text = source.text
    cues = source.cues if not source.cues.empty else None
    documents = split_documents(text, source=source.name)
    documents["doc_id"] += first_doc - 1
    turns = split_turns(text, documents, cues=cues)
    # Text without any speaker label is one unknown speaker (attribution "unknown"), noted.
    if not (turns["attribution"] == "labelled").any() and NO_LABELS_WARNING not in source.warnings:
        source.warnings.append(NO_LABELS_WARNING)
    turns["turn_id"] += first_turn - 1
    turns["n_words"] = [count_words(text[s:e]) for s, e in zip(turns["start"], turns["end"])]
    roster, names = build_roster(text, documents, turns, source=source.name)
    turns["speaker"] = turns["speaker"].map(lambda s: names.get(s, s))
    sentences = sentences_for_turns(text, turns, cues=cues)
    sentences["sentence_id"] += first_sentence - 1
    per_doc = sentences.groupby("doc_id").agg(n_sentences=("sentence_id", "size"),
                                              n_words=("text", lambda s: sum(map(count_words, s))))
    documents = documents.join(per_doc, on="doc_id")
    documents[["n_sentences", "n_words"]] = documents[["n_sentences", "n_words"]].fillna(0).astype(int)
    documents = documents[[c for c in documents.columns if c != "meta"] + ["meta"]]  # new column last
    cue_table = source.cues.assign(source=source.name) if cues is not None else \
        pd.DataFrame({c: pd.Series(dtype="object") for c in CUE_TABLE_COLUMNS})
    return {"documents": documents, "speakers": roster, "turns": turns,
            "sentences": sentences, "cues": cue_table}


def same_people(rosters: list[pd.DataFrame]) -> dict[str, str]:
    """Names of one person in different files' rosters -> the name to use for them all.

    Names with the same :func:`doculens.speakers.name_key` are one person (the most
    spoken form wins); a one-word name joins the only multi-word name that holds it. Only
    names of speakers who speak (``n_turns`` > 0) are merged.

    Example:
        >>> a = pd.DataFrame({"speaker": ["Robert J. Kline", "Simone"], "n_turns": [3, 2], "n_words": [90, 40]})
        >>> b = pd.DataFrame({"speaker": ["Robert Kline", "Simone Gao"], "n_turns": [5, 9], "n_words": [200, 300]})
        >>> same_people([a, b])
        {'Robert J. Kline': 'Robert Kline', 'Simone': 'Simone Gao'}
    """
    from .speakers import NARRATOR, name_key

    words: dict[str, int] = {}
    for roster in rosters:
        if roster.empty:
            continue
        for name, turns, n in zip(roster["speaker"], roster["n_turns"], roster["n_words"]):
            if isinstance(name, str) and name and name != NARRATOR and turns:
                words[name] = words.get(name, 0) + int(n)
    if len(rosters) < 2:
        return {}
    groups: dict[frozenset, list[str]] = {}
    for name in words:
        groups.setdefault(name_key(name), []).append(name)
    mapping = {}
    for names in groups.values():
        best = max(names, key=lambda n: (words[n], n))
        mapping.update({n: best for n in names if n != best})
    multi = {key: max(names, key=lambda n: (words[n], n)) for key, names in groups.items() if len(key) > 1}
    for key, names in groups.items():
        if len(key) == 1:
            holders = [k for k in multi if key < k]
            if len(holders) == 1:
                mapping.update({n: multi[holders[0]] for n in names})
    return mapping


def merge_rosters(rosters: list[pd.DataFrame]) -> pd.DataFrame:
    """Merge per-source rosters: one row per canonical name across all sources.

    Example:
        >>> a = pd.DataFrame([["Ann Lee", "Ann", "host", 2, 10, "1", "a.txt", 0, 5]], columns=ROSTER_COLUMNS)
        >>> b = pd.DataFrame([["Ann Lee", "", "", 1, 4, "2", "b.txt", 0, 5]], columns=ROSTER_COLUMNS)
        >>> merge_rosters([a, b])[["n_turns", "n_words", "docs"]].values.tolist()
        [[3, 14, '1;2']]
    """
    frames = [r for r in rosters if not r.empty]
    if not frames:
        return pd.DataFrame(columns=ROSTER_COLUMNS)
    if len(frames) == 1:
        return frames[0].reset_index(drop=True)

    def join(values):
        items = [v for value in values for v in str(value).split(";") if v.strip()]
        return ";".join(dict.fromkeys(i.strip() for i in items))

    merged = pd.concat(frames, ignore_index=True).groupby("speaker", sort=False).agg(
        aliases=("aliases", lambda v: "; ".join(dict.fromkeys(a for x in v for a in str(x).split("; ") if a))),
        role=("role", lambda v: next((r for r in v if r), "")),
        n_turns=("n_turns", "sum"), n_words=("n_words", "sum"), docs=("docs", join),
        source=("source", join), start=("start", "first"), end=("end", "first"),
    ).reset_index()
    merged = merged.sort_values(["n_words", "speaker"], ascending=[False, True], kind="stable")
    return merged[ROSTER_COLUMNS].reset_index(drop=True)


def build(inputs, *, strict: bool = False, jobs: int | None = 1, scheduler=None) -> Workbook:
    """Read and segment ``inputs`` (files or folders) without the cache.

    A file that cannot be read is listed in ``failures`` and the others go on; with
    ``strict=True``, or when no file can be read, the first :class:`InputError` is raised.
    Files are segmented in this process (``jobs=1``), in ``jobs`` worker processes
    (``None``: one per CPU), or on the Dask cluster at ``scheduler`` (see
    :mod:`doculens.corpus`); the tables are the same.

    Example:
        >>> wb = build(["seeds"])  # doctest: +SKIP
        >>> len(wb.documents)  # doctest: +SKIP
        4
    """
    return _build(read_sources(expand_inputs(inputs)), inputs=inputs, strict=strict,
                  jobs=jobs, scheduler=scheduler)


def read_sources(paths: list[Path]) -> list[Source | InputError]:
    """Read each file once: its :class:`Source`, or the :class:`InputError` it raised.

    The Source's text and sha256 come from the same bytes, so whatever is built from the
    text matches the hash (see :func:`cache_key`).
    """
    readings: list[Source | InputError] = []
    for path in paths:
        try:
            readings.append(read_source(path))
        except InputError as err:
            readings.append(err)
        except MemoryError:
            readings.append(InputError(path, TOO_LARGE))
    return readings


def check_speech(source: Source, tables: dict[str, pd.DataFrame]) -> None:
    """Raise :class:`InputError` when a segmented source holds not one word of speech
    (``"Alice:\\nBob:\\n"``: labels and nothing said)."""
    if any(count_words(text) for text in tables["sentences"].get("text", [])):
        return
    if source.kind == "text" and find_labels(source.text):
        raise InputError(source.path, "speaker labels but no speech (every turn is empty)")
    raise InputError(source.path, "no speech (not one word in any turn)")


def _build(readings: list[Source | InputError], *, inputs, strict: bool = False,
           jobs: int | None = 1, scheduler=None, cache_dir: str | Path | None = None) -> Workbook:
    """:func:`build` on sources already read (see :func:`read_sources`): each file segmented
    on its own (:func:`doculens.corpus.segment_files`, cached per file in ``cache_dir``),
    then the files combined (:func:`doculens.corpus.combine`)."""
    from .corpus import combine, segment_files

    if strict:
        for reading in readings:
            if isinstance(reading, InputError):
                raise reading
    results = segment_files(readings, jobs=jobs, scheduler=scheduler, cache_dir=cache_dir)
    if strict:
        for result in results:
            if result.tables is None:
                raise InputError(result.path, result.problem)
    try:
        run = combine(readings, results)
    except MemoryError:
        where = results[0].path if len(results) == 1 else f"{len(results)} inputs together"
        raise InputError(where, TOO_LARGE) from None
    if not run["texts"]:
        if run["failures"]:
            raise InputError(*run["failures"][0])
        raise InputError(str(inputs), "no input files")
    return Workbook(texts=run["texts"], failures=pd.DataFrame(run["failures"], columns=FAILURE_COLUMNS),
                    meta={"sources": run["sources"], "version": __version__}, **run["tables"])


def cache_key(readings: list[Source | InputError]) -> str:
    """Hash of the segmentation code and of each input as it was read (see
    :func:`read_sources`): its path and the sha256 of its bytes, or the problem that kept it
    from being read. Nothing is read again here, so an entry always holds the text of the
    bytes its key names, even when a file is edited while it is read.
    """
    from .corpus import code_hash

    digest = hashlib.sha256(code_hash().encode())
    for reading in readings:
        digest.update(os.path.realpath(reading.path).encode() + b"\0")
        if isinstance(reading, InputError):
            digest.update(f"error\0{reading.problem}\0".encode())
        else:
            digest.update(f"sha256\0{reading.sha256}\0".encode())
    return digest.hexdigest()[:20]


def load(inputs, *, cache_dir: str | Path | None = None, jobs: int | None = None,
         scheduler=None) -> Workbook:
    """Like :func:`build`, but reuse cached results for the same inputs and code.

    The cache lives in ``cache_dir``, else ``$DOCULENS_CACHE``, else ``.cache/doculens``:
    one entry per input file (its tables, keyed by its bytes, so adding a file to a corpus
    segments that file only) and one per run (the combined tables). Entries are written
    atomically, so a run that stops halfway leaves no broken entry. Each file is read once,
    for its key and its text alike. Files run in ``jobs`` processes (default: one per CPU)
    or on the Dask cluster at ``scheduler`` (default ``$DOCULENS_SCHEDULER``). In a notebook
    the runner started, the runner's own workbook is returned (see :func:`pin`) and no input
    is read.

    Example:
        >>> wb = load(["seeds"], cache_dir="/tmp/doculens-cache")  # doctest: +SKIP
    """
    pinned = _pinned(inputs)
    if pinned is not None:
        return pinned
    readings = read_sources(expand_inputs(inputs))
    root = Path(cache_dir or os.environ.get(CACHE_ENV) or DEFAULT_CACHE)
    entry = root / cache_key(readings)
    if (entry / "meta.json").exists():
        try:
            return _read_entry(entry)
        except (OSError, ValueError, KeyError):
            shutil.rmtree(entry, ignore_errors=True)
    workbook = _build(readings, inputs=inputs, jobs=jobs, scheduler=scheduler, cache_dir=root)
    del readings  # (the texts live on in the workbook)
    try:
        root.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(dir=root, prefix=".tmp-"))
    except OSError:
        return workbook  # a read-only cache folder only costs speed
    try:
        save(workbook, tmp)
        tmp.rename(entry)
    except OSError:  # a full disk, or another process cached the same entry first
        shutil.rmtree(tmp, ignore_errors=True)
    if (entry / "meta.json").exists():
        workbook.entry = entry
    return workbook


def save(workbook: Workbook, folder: Path) -> Path:
    """Write ``workbook`` into the existing ``folder`` (as a cache entry); return the folder."""
    for name, table in workbook.tables().items():
        table.to_parquet(folder / f"{name}.parquet", index=False)
    (folder / "texts.json").write_text(json.dumps(workbook.texts), encoding="utf-8")
    (folder / "meta.json").write_text(json.dumps(workbook.meta), encoding="utf-8")
    return folder


PIN_INPUTS = "inputs.json"


def _input_key(inputs) -> list[str]:
    items = [inputs] if isinstance(inputs, (str, Path)) else list(inputs)
    return [os.path.realpath(item) for item in items]


def pin(workbook: Workbook, folder: Path, *, inputs) -> Path:
    """Save ``workbook`` in the new ``folder`` for the notebooks of one run; return the folder.

    A process whose ``$DOCULENS_WORKBOOK`` names the folder gets this workbook from
    ``load(inputs)`` without reading any input, so every notebook works on the text whose
    hash the run records, even when an input is edited during the run. The files of the
    workbook's cache entry are linked when they can be, else the tables are written again.
    """
    folder.mkdir()
    names = [f"{name}.parquet" for name in TABLES] + ["texts.json", "meta.json"]
    try:
        if workbook.entry is None:
            raise OSError("no cache entry")
        for name in names:
            try:
                os.link(workbook.entry / name, folder / name)
            except OSError:  # another file system: copy
                shutil.copyfile(workbook.entry / name, folder / name)
    except OSError:
        for name in names:
            (folder / name).unlink(missing_ok=True)
        save(workbook, folder)
    (folder / PIN_INPUTS).write_text(json.dumps(_input_key(inputs)), encoding="utf-8")
    return folder


def _pinned(inputs) -> Workbook | None:
    """The workbook :func:`pin` saved for these inputs, when ``$DOCULENS_WORKBOOK`` names one."""
    folder = os.environ.get(PIN_ENV)
    if not folder:
        return None
    try:
        pinned_inputs = json.loads((Path(folder) / PIN_INPUTS).read_text(encoding="utf-8"))
        if pinned_inputs != _input_key(inputs):
            return None
        return _read_entry(Path(folder))
    except (OSError, ValueError, KeyError):
        return None


def _read_entry(entry: Path) -> Workbook:
    tables = {name: pd.read_parquet(entry / f"{name}.parquet") for name in TABLES}
    texts = json.loads((entry / "texts.json").read_text(encoding="utf-8"))
    meta = json.loads((entry / "meta.json").read_text(encoding="utf-8"))
    return Workbook(texts=texts, meta=meta, entry=entry, **tables)
