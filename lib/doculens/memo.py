"""Remember an analysis of a workbook, so notebooks that need the same one compute it once.

``00_overview`` summarises the stance verdicts and numeric claims that ``03_stance`` and
``04_numeric_claims`` compute. :func:`remember` stores such a result beside the workbook's
own tables (in its cache entry, or in the folder the runner pinned it to), under a key
made of the analysis' name, its parameters and the library's code, so a result is only
ever reused for the same text, parameters and code. When two notebooks ask at once, the
second waits for the first (a lock file naming the process that computes) instead of
computing again; a lock whose process has died is taken over.

Results are tables (a DataFrame, or a dataclass of DataFrames and JSON values), stored as
Parquet with their column types; nothing is pickled.

Example:
    >>> from doculens.workbook import build
    >>> wb = build(["tests/fixtures/debate.txt"])  # doctest: +SKIP
    >>> remember(wb, "n_sentences", lambda: wb.sentences.groupby("doc_id").size().to_frame("n"))  # doctest: +SKIP
"""

from __future__ import annotations

import dataclasses
import hashlib
import importlib
import json
import os
import shutil
import tempfile
import time
from pathlib import Path

import pandas as pd

from .outdir import pid_alive

__all__ = ["remember", "ANALYSES", "MAX_WAIT"]

#: the folder, inside a workbook's entry, that holds remembered analyses
ANALYSES = "analyses"
#: seconds to wait for another process computing the same analysis before computing it here
MAX_WAIT = 900.0
_POLL = 0.2
_LOCK = ".lock"
_code: str | None = None


def _code_hash() -> str:
    """Hash of every module and data file of the library (computed once per process)."""
    global _code
    if _code is None:
        root = Path(__file__).parent
        digest = hashlib.sha256()
        for path in sorted(root.rglob("*")):
            if path.is_file() and (path.suffix in {".py", ".tsv", ".txt", ".json"}) and \
                    "__pycache__" not in path.parts:
                digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
        _code = digest.hexdigest()
    return _code


def _key(name: str, params: dict) -> str | None:
    try:
        text = json.dumps(params, sort_keys=True, allow_nan=True)
    except (TypeError, ValueError):
        return None  # parameters that are not plain data: not remembered
    return hashlib.sha256(f"{name}\0{text}\0{_code_hash()}".encode()).hexdigest()[:24]


def remember(workbook, name: str, compute, **params):
    """``compute()``, or the result remembered for ``name`` and ``params`` (plain JSON
    data) with this workbook; see the module docstring. A workbook with no folder
    (built in memory), or parameters that are not plain data, are computed directly."""
    folder = getattr(workbook, "entry", None)
    key = _key(name, params) if folder is not None else None
    if key is None:
        return compute()
    where = Path(folder) / ANALYSES / f"{name}-{key}"
    try:
        where.parent.mkdir(exist_ok=True)
    except OSError:
        return compute()
    lock = where.parent / f".{where.name}{_LOCK}"
    waited = 0.0
    while True:
        found = _read(where)
        if found is not None:
            return found
        if _take(lock):
            break
        if waited >= MAX_WAIT:
            return compute()
        time.sleep(_POLL)
        waited += _POLL
    try:
        value = compute()
        _write(where, value)
        return value
    finally:
        try:
            lock.unlink()
        except OSError:
            pass


def _take(lock: Path) -> bool:
    """True when this process now holds ``lock``; a lock left by a dead process is removed."""
    try:
        fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
    except FileExistsError:
        try:
            pid = int(lock.read_text() or "0")
        except (OSError, ValueError):
            return False  # being written right now
        if pid and not pid_alive(pid):
            try:
                lock.unlink()
            except OSError:
                pass
        return False
    except OSError:
        return False
    with os.fdopen(fd, "w") as handle:
        handle.write(str(os.getpid()))
    return True


def _write(where: Path, value) -> None:
    """Store ``value`` in ``where`` atomically (nothing is stored for other kinds of values)."""
    if isinstance(value, pd.DataFrame):
        frames, scalars, kind = {"value": value}, {}, None
    elif dataclasses.is_dataclass(value):
        fields = {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
        frames = {k: v for k, v in fields.items() if isinstance(v, pd.DataFrame)}
        scalars = {k: v for k, v in fields.items() if k not in frames}
        kind = f"{type(value).__module__}:{type(value).__qualname__}"
    else:
        return
    try:
        tmp = Path(tempfile.mkdtemp(dir=where.parent, prefix=".tmp-"))
    except OSError:
        return
    try:
        types = {}
        for k, frame in frames.items():
            frame.to_parquet(tmp / f"{k}.parquet", index=False)
            types[k] = {str(c): str(t) for c, t in frame.dtypes.items()}
        meta = {"kind": kind, "frames": list(frames), "scalars": scalars, "types": types}
        (tmp / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
        tmp.rename(where)
    except (OSError, TypeError, ValueError):  # a full disk, or a value Parquet cannot hold
        shutil.rmtree(tmp, ignore_errors=True)


def _read(where: Path):
    if not (where / "meta.json").exists():
        return None
    try:
        meta = json.loads((where / "meta.json").read_text(encoding="utf-8"))
        frames = {}
        for k in meta["frames"]:
            frame = pd.read_parquet(where / f"{k}.parquet")
            objects = [c for c, t in meta["types"][k].items() if t == "object" and c in frame]
            frames[k] = frame.astype({c: "object" for c in objects}) if objects else frame
        if meta["kind"] is None:
            return frames["value"]
        module, qualname = meta["kind"].split(":")
        cls = getattr(importlib.import_module(module), qualname)
        return cls(**frames, **meta["scalars"])
    except (OSError, ValueError, KeyError, AttributeError, ImportError, TypeError):
        return None
