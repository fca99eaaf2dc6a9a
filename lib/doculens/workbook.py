"""Read inputs and segment them once: the tables every notebook starts from, cached by input hash.

:func:`load` reads every input file, splits it into documents, turns and sentences, builds
the speaker roster, scores each sentence with VADER, cuts each document into topical
segments and returns them in a :class:`Workbook`. The result is cached on disk
under a key made of the inputs' bytes and this library's code, so the notebooks after
``01_segmentation`` (and a second run) reuse it instead of segmenting again.

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
from .sentiment import add_sentiment
from .speakers import ROSTER_COLUMNS, build_roster
from .topics import segment_topics, topic_of

TABLES = ("documents", "speakers", "turns", "sentences", "topics", "cues", "failures")
# Tables built per source file and then concatenated (topics are cut over the whole run).
SOURCE_TABLES = ("documents", "speakers", "turns", "sentences", "cues")
FAILURE_COLUMNS = ["path", "problem"]
# Modules whose code decides the segmentation: a change to any of them invalidates the cache.
CODE_MODULES = ("reading", "segment", "sentences", "speakers", "sentiment", "topics", "workbook")
CACHE_ENV = "DOCULENS_CACHE"
DEFAULT_CACHE = Path(".cache") / "doculens"


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
    text = source.text
    if source.kind == "text" and not find_labels(text):
        raise InputError(source.path, "no speaker labels found (expected 'Name:' at the start of a line)")
    cues = source.cues if not source.cues.empty else None
    documents = split_documents(text, source=source.name)
    documents["doc_id"] += first_doc - 1
    turns = split_turns(text, documents, cues=cues)
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
    cue_table = source.cues.assign(source=source.name) if cues is not None else pd.DataFrame()
    return {"documents": documents, "speakers": roster, "turns": turns,
            "sentences": sentences, "cues": cue_table}


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


def build(inputs, *, strict: bool = False) -> Workbook:
    """Read and segment ``inputs`` (files or folders) without the cache.

    A file that cannot be read is listed in ``failures`` and the others go on; with
    ``strict=True``, or when no file can be read, the first :class:`InputError` is raised.

    Example:
        >>> wb = build(["seeds"])  # doctest: +SKIP
        >>> len(wb.documents)  # doctest: +SKIP
        4
    """
    paths = expand_inputs(inputs)
    parts: dict[str, list[pd.DataFrame]] = {name: [] for name in SOURCE_TABLES}
    texts, failures, errors, sources = {}, [], [], []
    ids = {"doc": 1, "turn": 1, "sentence": 1}
    for path in paths:
        try:
            source = read_source(path)
            tables = segment_source(source, first_doc=ids["doc"], first_turn=ids["turn"],
                                    first_sentence=ids["sentence"])
        except InputError as err:
            if strict:
                raise
            errors.append(err)
            failures.append((err.path, err.problem))
            continue
        name = source.name
        if name in texts:  # two inputs with one file name: keep both apart
            name = f"{Path(source.path).parent.name}/{source.name}"
            for key in ("documents", "speakers"):
                tables[key]["source"] = name
        texts[name] = source.text
        sources.append({"path": str(Path(source.path).resolve()), "name": name, "kind": source.kind,
                        "encoding": source.encoding, "sha256": source.sha256})
        for key in parts:
            parts[key].append(tables[key])
        ids["doc"] += len(tables["documents"])
        ids["turn"] += len(tables["turns"])
        ids["sentence"] += len(tables["sentences"])
    if not texts:
        raise errors[0] if errors else InputError(str(inputs), "no input files")
    concat = {key: pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
              for key, frames in parts.items()}
    concat["speakers"] = merge_rosters(parts["speakers"])
    # Sentence scores are cheap and every table of sentences should carry them, whichever
    # notebooks run; 02_sentiment aggregates them.
    concat["sentences"] = add_sentiment(concat["sentences"])
    # Topical segments (C99 per document); every sentence carries its topic_id.
    concat["topics"] = segment_topics(concat["sentences"])
    concat["sentences"]["topic_id"] = topic_of(concat["sentences"], concat["topics"])
    return Workbook(texts=texts, failures=pd.DataFrame(failures, columns=FAILURE_COLUMNS),
                    meta={"sources": sources, "version": __version__}, **concat)


def cache_key(paths: list[Path]) -> str:
    """Hash of the input files' paths and bytes and of the segmentation code."""
    digest = hashlib.sha256(__version__.encode())
    here = Path(__file__).parent
    for module in CODE_MODULES:
        digest.update((here / f"{module}.py").read_bytes())
    for path in paths:
        digest.update(str(Path(path).resolve()).encode())
        try:
            digest.update(Path(path).read_bytes())
        except OSError as err:
            digest.update(repr(err).encode())
    return digest.hexdigest()[:20]


def load(inputs, *, cache_dir: str | Path | None = None) -> Workbook:
    """Like :func:`build`, but reuse a cached result for the same inputs and code.

    The cache lives in ``cache_dir``, else ``$DOCULENS_CACHE``, else ``.cache/doculens``.
    It is written atomically, so a run that stops halfway leaves no broken entry.

    Example:
        >>> wb = load(["seeds"], cache_dir="/tmp/doculens-cache")  # doctest: +SKIP
    """
    paths = expand_inputs(inputs)
    root = Path(cache_dir or os.environ.get(CACHE_ENV) or DEFAULT_CACHE)
    entry = root / cache_key(paths)
    if (entry / "meta.json").exists():
        try:
            return _read_entry(entry)
        except (OSError, ValueError, KeyError):
            shutil.rmtree(entry, ignore_errors=True)
    workbook = build(paths)
    try:
        root.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(dir=root, prefix=".tmp-"))
        for name, table in workbook.tables().items():
            table.to_parquet(tmp / f"{name}.parquet", index=False)
        (tmp / "texts.json").write_text(json.dumps(workbook.texts), encoding="utf-8")
        (tmp / "meta.json").write_text(json.dumps(workbook.meta), encoding="utf-8")
        try:
            tmp.rename(entry)
        except OSError:  # another process cached the same entry first
            shutil.rmtree(tmp, ignore_errors=True)
    except OSError:
        pass  # a read-only cache folder only costs speed
    return workbook


def _read_entry(entry: Path) -> Workbook:
    tables = {name: pd.read_parquet(entry / f"{name}.parquet") for name in TABLES}
    texts = json.loads((entry / "texts.json").read_text(encoding="utf-8"))
    meta = json.loads((entry / "meta.json").read_text(encoding="utf-8"))
    return Workbook(texts=texts, meta=meta, **tables)
