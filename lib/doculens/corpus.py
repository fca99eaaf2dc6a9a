"""Corpus mode: each transcript segmented on its own, cached per file, in parallel.

A run of many transcripts is the concatenation of the runs of each: :func:`segment_file`
turns one read file (a :class:`~doculens.reading.Source`) into its documents, speakers,
turns, sentences (with VADER scores and topic ids), topics and cues, with ids that start
at 1. It is a pure function of the file's bytes, its name and this library's code, so its
result is cached per file (:func:`file_key`): adding one transcript to a corpus of 200
segments that one file only. :func:`combine` then offsets the ids so they are unique and
stable within the run (in input order) and merges the speakers one person has in
several files.

Where the files run follows Dask's own convention of one code path with a local default:

* ``scheduler=None`` (the default): a local process pool of ``jobs`` workers
  (:class:`concurrent.futures.ProcessPoolExecutor`); ``jobs=1``, or a single file to
  segment, runs in this process;
* ``scheduler="tcp://HOST:8786"`` (or ``$DOCULENS_SCHEDULER``), or a
  ``distributed.Client``: the same :func:`segment_file` runs on the workers of a Dask
  distributed cluster. The inputs are read here, once, and their text is sent to the
  workers, so workers need doculens installed (the same version) but no access to the
  input files or to the cache, which this process reads and writes.

A progress bar (tqdm) counts files done on a terminal; elsewhere (CI, a log) a plain
line is written every tenth of the way.

Example:
    >>> from doculens.reading import Source
    >>> src = Source(path="a.txt", name="a.txt", kind="text", encoding="utf-8", sha256="x",
    ...              text="Ann: Hello there. Bye now.\\n")
    >>> part = segment_file(src)
    >>> part.tables["sentences"][["sentence_id", "speaker", "text"]].values.tolist()
    [[1, 'Ann', 'Hello there.'], [2, 'Ann', 'Bye now.']]
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import __version__
from .reading import InputError, Source

__all__ = ["FileResult", "SchedulerError", "check_scheduler", "FILE_TABLES", "SCHEDULER_ENV", "code_hash", "file_key",
           "segment_file", "segment_files", "combine"]

#: the tables :func:`segment_file` returns for one file.
FILE_TABLES = ("documents", "speakers", "turns", "sentences", "topics", "cues")
#: a Dask scheduler address to run on when none is passed.
SCHEDULER_ENV = "DOCULENS_SCHEDULER"
# Modules whose code decides a file's tables: a change to any of them invalidates the cache.
CODE_MODULES = ("reading", "exports", "segment", "sentences", "speakers", "sentiment", "topics",
                "workbook", "corpus")
# Id columns, and the counter each is offset by in :func:`combine`.
_OFFSETS = {"documents": {"doc_id": "doc"},
            "turns": {"turn_id": "turn", "doc_id": "doc"},
            "sentences": {"sentence_id": "sentence", "doc_id": "doc", "turn_id": "turn",
                          "topic_id": "topic"},
            "topics": {"topic_id": "topic", "doc_id": "doc", "first_sentence_id": "sentence",
                       "last_sentence_id": "sentence"}}
# columns segment_file adds to a file's sentences (VADER scores, topic id)
_LATE_SENTENCE_COLUMNS = ("neg", "neu", "pos", "compound", "sentiment", "topic_id")
_PLAIN_LINES = 10  # without a terminal, a progress line every tenth of the files


#: seconds to wait for a Dask scheduler before giving up with :class:`SchedulerError`.
CONNECT_TIMEOUT = 10


class SchedulerError(Exception):
    """The Dask scheduler named cannot be reached (or is not a scheduler address)."""


_ADDRESS = re.compile(r"^(?:(?:tcp|tls|ucx|ws|wss)://)?[\w.\-\[\]:]+:\d{1,5}$")


def check_scheduler(address: str) -> str:
    """``address`` when it has the form of a Dask scheduler address (``tcp://HOST:PORT``,
    ``tls://…`` or ``HOST:PORT``); else :class:`SchedulerError`. Nothing is contacted.

    >>> check_scheduler("tcp://10.0.0.5:8786")
    'tcp://10.0.0.5:8786'
    """
    if not isinstance(address, str) or not _ADDRESS.match(address.strip()):
        raise SchedulerError(f"not a Dask scheduler address: {address!r} (expected tcp://HOST:PORT)")
    return address.strip()


@dataclass
class FileResult:
    """One file's tables (ids from 1), or the problem that kept it out of the run.

    ``warnings`` are the source's notes after segmentation (a file with no speaker labels
    gains one); ``cached`` says whether the tables came from the cache.
    """

    path: str
    tables: dict[str, pd.DataFrame] | None = None
    problem: str | None = None
    warnings: list[str] = field(default_factory=list)
    cached: bool = False


def code_hash() -> str:
    """Hash of this library's version and of the code of :data:`CODE_MODULES`."""
    digest = hashlib.sha256(__version__.encode())
    here = Path(__file__).parent
    for module in CODE_MODULES:
        digest.update((here / f"{module}.py").read_bytes())
    return digest.hexdigest()


def file_key(source: Source, *, code: str | None = None) -> str:
    """The cache key of one file's tables: the code, the file's name (its tables carry it)
    and the sha256 of its bytes, never its path or its time stamps.

    >>> s = Source(path="/a/x.txt", name="x.txt", kind="text", encoding="utf-8", sha256="ab", text="")
    >>> file_key(s, code="c") == file_key(Source(path="/b/x.txt", name="x.txt", kind="text",
    ...                                           encoding="utf-8", sha256="ab", text=""), code="c")
    True
    """
    digest = hashlib.sha256((code or code_hash()).encode())
    digest.update(f"\0{source.name}\0{source.kind}\0{source.sha256}".encode())
    return digest.hexdigest()[:24]


def segment_file(source: Source) -> FileResult:
    """Segment one read file: documents, speakers, turns, sentences (with VADER scores and
    topic ids), topics and cues, ids starting at 1; or its problem (no speech, too large).

    A pure function of the source, so it can run in another process or on a Dask worker.
    """
    from .sentiment import add_sentiment
    from .topics import segment_topics, topic_of
    from .workbook import TOO_LARGE, check_speech, segment_source

    warnings = list(source.warnings)
    source = Source(**{**source.__dict__, "warnings": warnings})
    try:
        tables = segment_source(source)
        check_speech(source, tables)
        tables["sentences"] = add_sentiment(tables["sentences"])
        tables["topics"] = segment_topics(tables["sentences"])
        tables["sentences"]["topic_id"] = topic_of(tables["sentences"], tables["topics"])
    except InputError as err:
        return FileResult(path=source.path, problem=err.problem, warnings=warnings)
    except MemoryError:
        tables = None
        return FileResult(path=source.path, problem=TOO_LARGE, warnings=warnings)
    return FileResult(path=source.path, tables=tables, warnings=source.warnings)


def segment_files(readings: list, *, jobs: int | None = None, scheduler=None,
                  cache_dir: str | Path | None = None, progress: bool = True) -> list[FileResult]:
    """:func:`segment_file` of every reading (a Source, or the InputError reading it
    raised), in order, each from the per-file cache in ``cache_dir`` when it is there.

    ``jobs`` local worker processes (default: the CPUs), or the Dask cluster at
    ``scheduler`` (an address or a ``distributed.Client``; default ``$DOCULENS_SCHEDULER``).
    """
    scheduler = scheduler or os.environ.get(SCHEDULER_ENV) or None
    code = code_hash()
    root = Path(cache_dir) / "files" if cache_dir is not None else None
    results: list[FileResult | None] = [None] * len(readings)
    todo: list[tuple[int, Source, str]] = []
    for i, reading in enumerate(readings):
        if isinstance(reading, InputError):
            results[i] = FileResult(path=reading.path, problem=reading.problem)
            continue
        key = file_key(reading, code=code)
        cached = _read_entry(root / key, reading) if root is not None else None
        if cached is not None:
            results[i] = cached
        else:
            todo.append((i, reading, key))
    bar = _Progress(len(todo), enabled=progress)
    try:
        for i, result in _run(todo, jobs=jobs, scheduler=scheduler):
            results[i] = result
            bar.step()
    finally:
        bar.close()
    if root is not None:
        for i, _, key in todo:
            if results[i].tables is not None:
                _write_entry(root, key, results[i])
    return results


def _run(todo: list[tuple[int, Source, str]], *, jobs, scheduler):
    """(index, result) of each file as it finishes, wherever it runs."""
    if not todo:
        return
    if scheduler is not None:
        yield from _run_dask(todo, scheduler)
        return
    jobs = jobs or os.cpu_count() or 1
    if jobs <= 1 or len(todo) == 1:
        for i, source, _ in todo:
            yield i, segment_file(source)
        return
    # the platform's default start method (fork on Linux: no re-import of the caller's
    # script, which a script without an ``if __name__ == "__main__"`` guard would need)
    with ProcessPoolExecutor(max_workers=min(jobs, len(todo))) as pool:
        futures = {pool.submit(segment_file, source): i for i, source, _ in todo}
        try:
            for future in as_completed(futures):
                yield futures[future], future.result()
        except BaseException:
            for future in futures:
                future.cancel()
            raise


def _run_dask(todo: list[tuple[int, Source, str]], scheduler):
    from distributed import Client, as_completed as dask_completed

    if isinstance(scheduler, Client):
        client = scheduler
    else:
        scheduler = check_scheduler(scheduler)
        try:
            client = Client(scheduler, set_as_default=False, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError, ValueError, TypeError) as err:
            raise SchedulerError(f"cannot reach the Dask scheduler at {scheduler}: "
                                 f"{str(err).splitlines()[0] if str(err) else type(err).__name__}") from None
    try:
        futures = client.map(segment_file, [source for _, source, _ in todo],
                             key=[f"doculens-segment-{key}" for _, _, key in todo])
        index = {future.key: i for future, (i, _, _) in zip(futures, todo)}
        for future in dask_completed(futures, loop=client.loop):
            yield index[future.key], future.result()
    finally:
        if client is not scheduler:
            client.close()


class _Progress:
    """Files done: a tqdm bar on a terminal, else a plain line every tenth of the way."""

    def __init__(self, total: int, *, enabled: bool):
        self.total, self.done, self.bar = total, 0, None
        self.enabled = enabled and total > 1
        if self.enabled and sys.stderr.isatty():
            from tqdm import tqdm

            self.bar = tqdm(total=total, desc="segmenting", unit="file", file=sys.stderr)

    def step(self) -> None:
        self.done += 1
        if self.bar is not None:
            self.bar.update()
        elif self.enabled and (self.done == self.total or
                               self.done % max(1, self.total // _PLAIN_LINES) == 0):
            print(f"segmented {self.done}/{self.total} files", file=sys.stderr, flush=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def _write_entry(root: Path, key: str, result: FileResult) -> None:
    """Write one file's tables under ``root/key`` atomically; a cache that cannot be
    written only costs speed."""
    try:
        root.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(dir=root, prefix=".tmp-"))
    except OSError:
        return
    try:
        for name in FILE_TABLES:
            result.tables[name].to_parquet(tmp / f"{name}.parquet", index=False)
        (tmp / "meta.json").write_text(json.dumps({"warnings": result.warnings}), encoding="utf-8")
        tmp.rename(root / key)
    except (OSError, ValueError):  # a full disk, or another run cached the same file first
        shutil.rmtree(tmp, ignore_errors=True)


def _read_entry(entry: Path, source: Source) -> FileResult | None:
    if not (entry / "meta.json").exists():
        return None
    try:
        tables = {name: pd.read_parquet(entry / f"{name}.parquet") for name in FILE_TABLES}
        meta = json.loads((entry / "meta.json").read_text(encoding="utf-8"))
    except (OSError, ValueError, KeyError):
        shutil.rmtree(entry, ignore_errors=True)
        return None
    return FileResult(path=source.path, tables=tables, warnings=list(meta["warnings"]), cached=True)


def combine(readings: list, results: list[FileResult]) -> dict:
    """Concatenate per-file results into one run's tables, in input order.

    Ids are offset so they are unique within the run (documents, turns, sentences and
    topics numbered 1.. in reading order, exactly as if the files were one); a speaker one
    person has in several files is merged (:func:`doculens.workbook.same_people`); two
    inputs with one file name are told apart by their folder. Returns a dict with the
    tables, ``texts``, ``sources`` (manifest records) and ``failures`` (path, problem).
    """
    from .workbook import CUE_TABLE_COLUMNS, merge_rosters, same_people

    parts: dict[str, list[pd.DataFrame]] = {name: [] for name in FILE_TABLES}
    texts, sources, failures = {}, [], []
    ids = {"doc": 0, "turn": 0, "sentence": 0, "topic": 0}
    for reading, result in zip(readings, results):
        if result.tables is None:
            failures.append((result.path, result.problem))
            continue
        tables = {name: table.copy() for name, table in result.tables.items()}
        name = reading.name
        if name in texts:  # two inputs with one file name: keep both apart
            name = f"{Path(reading.path).parent.name}/{reading.name}"
            for key in ("documents", "speakers", "cues"):
                if "source" in tables[key]:
                    tables[key]["source"] = name
        for table, columns in _OFFSETS.items():
            frame = tables[table]
            for column, counter in columns.items():
                if column in frame and ids[counter]:
                    frame[column] = frame[column] + ids[counter]
        if ids["doc"] and len(tables["speakers"]):
            tables["speakers"]["docs"] = [
                ";".join(str(int(d) + ids["doc"]) for d in str(docs).split(";") if d.strip())
                for docs in tables["speakers"]["docs"]]
        texts[name] = reading.text
        sources.append({"path": str(Path(reading.path).resolve()), "name": name,
                        "kind": reading.kind, "encoding": reading.encoding,
                        "sha256": reading.sha256, "warnings": list(result.warnings)})
        for key in parts:
            parts[key].append(tables[key])
        ids["doc"] += len(tables["documents"])
        ids["turn"] += len(tables["turns"])
        ids["sentence"] += len(tables["sentences"])
        ids["topic"] += len(tables["topics"])
    concat = {}
    for key, frames in parts.items():
        frames = [f for f in frames if len(f)] or frames[:1]
        concat[key] = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    # the columns every file's sentences gain after segmentation come last, as they would
    # for one file, whatever mix of timed and untimed files the run holds
    if len(concat["sentences"]):
        late = [c for c in parts["sentences"][0].columns if c in _LATE_SENTENCE_COLUMNS]
        concat["sentences"] = concat["sentences"][
            [c for c in concat["sentences"].columns if c not in late] + late]
    if not len(concat["cues"]):
        concat["cues"] = pd.DataFrame({c: pd.Series(dtype="object") for c in CUE_TABLE_COLUMNS})
    # one person across files: "Robert J. Kline" and "Robert Kline", or "Simone" in a
    # file that never introduces her and "Simone Gao" in another
    same = same_people(parts["speakers"])
    if same:
        rosters = [r.assign(aliases=[("; ".join(filter(None, [str(a or ""), n])) if n in same else a)
                                     for n, a in zip(r["speaker"], r["aliases"])],
                            speaker=r["speaker"].map(lambda n: same.get(n, n)))
                   for r in parts["speakers"]]
        concat["speakers"] = merge_rosters(rosters)
        for key in ("turns", "sentences"):
            if "speaker" in concat[key]:
                concat[key]["speaker"] = concat[key]["speaker"].map(lambda n: same.get(n, n))
        if len(concat["topics"]):
            concat["topics"]["speakers"] = [_rename_all(s, same) for s in concat["topics"]["speakers"]]
    else:
        concat["speakers"] = merge_rosters(parts["speakers"])
    return {"tables": concat, "texts": texts, "sources": sources, "failures": failures}


def _rename_all(names: str, same: dict[str, str]) -> str:
    from .topics import SPEAKER_SEPARATOR

    if not isinstance(names, str) or not names:
        return names
    renamed = [same.get(n, n) for n in names.split(SPEAKER_SEPARATOR)]
    return SPEAKER_SEPARATOR.join(dict.fromkeys(renamed))
