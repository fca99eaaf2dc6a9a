"""``doculens run``: execute the notebooks with papermill and publish an HTML report.

    doculens run INPUT... [--out DIR] [--only NAME] [-p KEY VALUE] [--jobs N]

The options are checked and the inputs read (each file once) and segmented first: bad
input stops the run here, before any kernel starts, with a one-line error and exit code 2.
Then the notebooks run in parallel (``--jobs``), each on the runner's segmentation (they
never read an input again). Each executed notebook is kept and rendered to HTML without
code cells; ``DIR/index.html`` links every report, table and the run manifest. Everything
is written to a temporary folder that replaces ``DIR`` only when the whole run succeeded,
so an earlier report is never lost or half-overwritten; Ctrl-C kills the kernels at once
and removes the temporary folder.
"""

from __future__ import annotations

import argparse
import errno
import html
import json
import os
import platform
import shutil
import signal
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path

from . import __version__
from .outdir import (MARKER, OutError, check_out, clean_leftovers, keep_failed, make_temporary,
                     swap_in)
from .reading import InputError

EXIT_BAD_INPUT = 2
EXIT_NOTEBOOK_FAILED = 1
KERNEL = "python3"
# Parameters every notebook declares; the runner sets them, so -p cannot.
RUNNER_PARAMETERS = ("inputs", "run_name", "out_dir", "cache_dir")
FIRST_NOTEBOOK = "01_segmentation"
DEFAULT_JOBS = max(2, os.cpu_count() or 1)
REPO_ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS_ENV = "DOCULENS_NOTEBOOKS"
# Packages whose versions the manifest records.
MANIFEST_PACKAGES = ("doculens", "pandas", "numpy", "nltk", "seaborn", "matplotlib", "papermill",
                     "nbconvert", "nbclient", "ipykernel", "itables", "vaderSentiment",
                     "charset-normalizer", "srt", "webvtt-py", "pyarrow")


class RunError(Exception):
    """A run that cannot go on; ``code`` is the exit status."""

    def __init__(self, message: str, code: int):
        super().__init__(message)
        self.code = code


def find_notebooks(folder: str | Path | None = None, *, only: list[str] | None = None) -> list[Path]:
    """The notebooks to run, in name order; ``only`` keeps those whose name contains a word.

    ``01_segmentation`` always runs first when other notebooks need it.

    Example:
        >>> [p.name for p in find_notebooks(only=["segmentation"])]  # doctest: +SKIP
        ['01_segmentation.ipynb']
    """
    folder = Path(folder or os.environ.get(NOTEBOOKS_ENV) or REPO_ROOT / "notebooks")
    notebooks = sorted(folder.glob("[0-9][0-9]_*.ipynb"))
    if not notebooks:
        raise RunError(f"doculens: error: no notebooks found in {folder}", EXIT_BAD_INPUT)
    if only:
        picked = [nb for nb in notebooks if any(word in nb.stem for word in only)]
        unknown = [w for w in only if not any(w in nb.stem for nb in notebooks)]
        if unknown:
            names = ", ".join(nb.stem for nb in notebooks)
            raise RunError(f"doculens: error: --only {unknown[0]!r} matches no notebook (have: {names})",
                           EXIT_BAD_INPUT)
        notebooks = picked
    return notebooks


def parse_value(text: str):
    """A ``-p`` value: JSON when it parses (numbers, true/false, lists), else the string.

    Example:
        >>> parse_value("5"), parse_value("[1, 2]"), parse_value("CCP")
        (5, [1, 2], 'CCP')
    """
    try:
        return json.loads(text)
    except ValueError:
        return text


NO_DEFAULT = object()  # a parameter whose default is not a literal: any value is taken
TARGET_FILE_SUFFIXES = (".json", ".yaml", ".yml")


def notebook_parameters(notebook: Path) -> dict[str, object]:
    """The parameters a notebook declares, each with its default from the ``parameters`` cell.

    The cell holds only literals, so each default is read with :func:`ast.literal_eval`;
    a default that is not a literal is :data:`NO_DEFAULT` (its parameter takes any value).

    Example:
        >>> notebook_parameters(REPO_ROOT / "notebooks" / "04_numeric_claims.ipynb")["top_n"]  # doctest: +SKIP
        15
    """
    import ast

    import nbformat

    try:
        nb = nbformat.read(str(notebook), as_version=4)
    except Exception as err:  # unreadable JSON, not a notebook
        raise RunError(f"doculens: error: cannot read notebook {notebook}: "
                       f"{str(err).splitlines()[0] if str(err) else type(err).__name__}",
                       EXIT_BAD_INPUT)
    cell = next((c for c in nb.cells if c.cell_type == "code"
                 and "parameters" in c.metadata.get("tags", [])), None)
    if cell is None:
        return {}
    try:
        body = ast.parse(cell.source).body
    except SyntaxError:  # not plain Python: fall back to papermill's reading, types unknown
        import papermill

        return {name: NO_DEFAULT for name in papermill.inspect_notebook(str(notebook))}
    declared: dict[str, object] = {}
    for node in body:
        if isinstance(node, ast.Assign):
            names = [t.id for t in node.targets if isinstance(t, ast.Name)]
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value:
            names = [node.target.id]
        else:
            continue
        try:
            default = ast.literal_eval(node.value)
        except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
            default = NO_DEFAULT
        for name in names:
            declared[name] = default
    return declared


def _shown(value) -> str:
    """A ``-p`` value as the user wrote it, on one short line."""
    if isinstance(value, str):
        text = repr(value)
    else:
        try:
            text = json.dumps(value, ensure_ascii=False)
        except (TypeError, ValueError):
            text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def check_type(value, default):
    """``value`` if it has the type of ``default`` (a parameter cell's literal), else ValueError.

    An int takes an int (not true/false), a float an int or a float, a bool true or false,
    a str a string, a list a list, a dict a dict; a default of another type (None, or not
    a literal) takes anything.

    Example:
        >>> check_type(5, 15), check_type(2, 0.5)
        (5, 2)
        >>> check_type("abc", 15)
        Traceback (most recent call last):
        ValueError: expected an integer, got 'abc'
    """
    def numeric(v):
        return isinstance(v, (int, float)) and not isinstance(v, bool)

    if isinstance(default, bool):
        ok, wanted = isinstance(value, bool), "true or false"
    elif isinstance(default, int):
        ok, wanted = isinstance(value, int) and not isinstance(value, bool), "an integer"
    elif isinstance(default, float):
        ok, wanted = numeric(value), "a number"
    elif isinstance(default, str):
        ok, wanted = isinstance(value, str), "a string"
    elif isinstance(default, (list, tuple)):
        ok, wanted = isinstance(value, list), "a JSON list such as '[1, 2]'"
    elif isinstance(default, dict):
        ok, wanted = isinstance(value, dict), "a JSON object such as '{\"key\": 1}'"
    else:
        return value
    if not ok:
        raise ValueError(f"expected {wanted}, got {_shown(value)}")
    return value


def check_targets(value, *, base_dir: Path):
    """Check a ``targets`` value with :func:`doculens.stance.parse_targets`; return what the
    notebook gets: the value itself, or a targets file as an absolute path.

    A relative ``.json``/``.yaml``/``.yml`` path is read from ``base_dir`` (the folder the
    command runs in), not from ``notebooks/`` where the notebook runs.
    """
    from .stance import parse_targets  # its TargetError is a ValueError with a one-line message

    if isinstance(value, str) and value.strip().lower().endswith(TARGET_FILE_SUFFIXES):
        value = str((Path(base_dir) / Path(value.strip()).expanduser()).resolve())
    parse_targets(value, base_dir=base_dir)
    return value


# Parameters with a rule of their own instead of their default's type: each check gets the
# value and base_dir= (the command's folder), returns the value the notebook gets and raises
# ValueError with a one-line message when the value cannot be used.
PARAMETER_CHECKS = {"targets": check_targets}


def check_parameters(notebooks: list[Path], overrides: dict, *,
                     base_dir: str | Path | None = None) -> dict[Path, dict]:
    """Match ``-p`` overrides to the notebooks that declare them and check their values.

    Unknown names and values of the wrong type (see :func:`check_type`, or the parameter's
    entry in :data:`PARAMETER_CHECKS`) are errors, found before any kernel starts. Returns
    each notebook's overrides, as the notebook gets them (a relative ``targets`` file made
    absolute from ``base_dir``, by default the current folder).

    Example:
        >>> check_parameters(find_notebooks(), {"nonsense": 1})  # doctest: +SKIP
        Traceback (most recent call last):
        RunError: doculens: error: unknown parameter 'nonsense' ...
        >>> check_parameters(find_notebooks(), {"top_n": "abc"})  # doctest: +SKIP
        Traceback (most recent call last):
        RunError: doculens: error: -p top_n: expected an integer, got 'abc'
    """
    base_dir = Path(base_dir or Path.cwd()).resolve()
    declared = {nb: notebook_parameters(nb) for nb in notebooks}
    for name in overrides:
        if name in RUNNER_PARAMETERS:
            raise RunError(f"doculens: error: parameter {name!r} is set by the runner; "
                           f"use the command-line option instead", EXIT_BAD_INPUT)
        if not any(name in names for names in declared.values()):
            known = sorted(set().union(*declared.values()) - set(RUNNER_PARAMETERS))
            raise RunError(f"doculens: error: unknown parameter {name!r} (known: {', '.join(known)})",
                           EXIT_BAD_INPUT)
    per_notebook: dict[Path, dict] = {}
    for nb, defaults in declared.items():
        per_notebook[nb] = {}
        for name, value in overrides.items():
            if name not in defaults:
                continue
            try:
                if name in PARAMETER_CHECKS:
                    value = PARAMETER_CHECKS[name](value, base_dir=base_dir)
                else:
                    value = check_type(value, defaults[name])
                if _is_count(name, defaults[name]) and value < 1:
                    raise ValueError(f"expected a positive integer, got {value!r}")
            except ValueError as err:
                problem = (str(err).splitlines() or ["invalid value"])[0]
                problem = problem.removeprefix(f"{name}: ")
                raise RunError(f"doculens: error: -p {name}: {problem}", EXIT_BAD_INPUT)
            per_notebook[nb][name] = value
    return per_notebook


# Integer parameters named like these are counts or sizes that must be at least 1
# (max_documents, n_evidence, top_n, min_mentions, window); others, such as
# context_sentences, may be 0.
COUNT_PREFIXES = ("max_", "min_", "n_", "top_")
COUNT_NAMES = frozenset({"window"})


def _is_count(name: str, default) -> bool:
    return (isinstance(default, int) and not isinstance(default, bool)
            and (name.startswith(COUNT_PREFIXES) or name in COUNT_NAMES))


SYMLINK_LOOP = "symbolic link loop (the link leads back to itself, never to a file)"
FOLDER_LOOP = "symbolic link loop (the link leads back to a folder that holds it)"


def _symlink_loop(path: Path) -> bool:
    """True when following ``path`` goes round a loop of symbolic links."""
    try:
        os.stat(path)
    except OSError as err:
        return err.errno == errno.ELOOP
    return False


def find_symlink_loop(item: Path) -> tuple[Path, str] | None:
    """The first symbolic link loop in an input, with the problem; None when there is none.

    A loop is a link that never reaches a file (``a -> b -> a``, ``x.txt -> x.txt``) or,
    in a folder walked for transcripts, a link to a folder that holds the link
    (``talks/self -> .``). Hidden entries and report folders are skipped, as
    :func:`doculens.reading.expand_inputs` skips them; a folder reached twice by links that
    do not loop is looked at once.
    """
    if _symlink_loop(item):
        return item, SYMLINK_LOOP
    if not item.is_dir():
        return None
    visited: set[str] = set()

    def walk(folder: Path, chain: tuple[Path, ...]):
        real = os.path.realpath(folder)
        if real in visited or (len(chain) > 1 and (folder / MARKER).exists()):
            return None
        visited.add(real)
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            return None  # (expand_inputs names a folder it cannot list)
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = folder / entry.name
            if entry.is_symlink() and _symlink_loop(path):
                return path, SYMLINK_LOOP
            try:
                is_dir = entry.is_dir()
            except OSError:
                continue
            if not is_dir:
                continue
            target = Path(os.path.realpath(path))
            if entry.is_symlink() and any(c == target or c.is_relative_to(target) for c in chain):
                return path, FOLDER_LOOP
            found = walk(path, chain + (target,))
            if found:
                return found
        return None

    return walk(item, (Path(os.path.realpath(item)),))


def check_inputs(inputs: list[str | Path]) -> None:
    """Refuse, before any kernel starts, inputs of which not one file exists, and symbolic
    link loops among the inputs (see :func:`find_symlink_loop`).

    A missing file among others that exist is not an error here: like any unreadable
    input, it is skipped and listed in the report's failures.
    """
    from .reading import expand_inputs

    for item in map(Path, inputs):
        loop = find_symlink_loop(item)
        if loop:
            raise RunError(f"doculens: error: {InputError(*loop)}", EXIT_BAD_INPUT)
    try:
        paths = expand_inputs(inputs)
    except InputError as err:
        raise RunError(f"doculens: error: {err}", EXIT_BAD_INPUT)
    except OSError as err:  # a folder that cannot be listed
        where = err.filename or inputs[0]
        raise RunError(f"doculens: error: {InputError(where, f'cannot be read ({err.strerror or err})')}",
                       EXIT_BAD_INPUT)
    if not any(p.exists() for p in paths):
        err = InputError(paths[0], "no such file") if paths else InputError(str(inputs), "no input files")
        raise RunError(f"doculens: error: {err}", EXIT_BAD_INPUT)


class Progress:
    """Progress on a terminal, plain log lines elsewhere (CI, files)."""

    def __init__(self, total: int, *, stream=None):
        self.total, self.done, self.stream = total, 0, stream or sys.stderr
        self.tty = self.stream.isatty() and not os.environ.get("CI")

    def log(self, message: str) -> None:
        if self.tty:
            self.stream.write("\r\033[K")
        self.stream.write(f"doculens: {message}\n")
        self.stream.flush()

    def start(self, names: list[str]) -> None:
        self.log(f"running {self.total} notebook(s): {', '.join(names)}")
        self._status()

    def step(self, message: str) -> None:
        self.done += 1
        self.log(f"[{self.done}/{self.total}] {message}")
        self._status()

    def _status(self) -> None:
        """On a terminal, a status line that the next log line replaces."""
        if self.tty and self.done < self.total:
            self.stream.write(f"  running… {self.done}/{self.total} notebooks done")
            self.stream.flush()


class KernelPool:
    """Warm ``python3`` kernels that papermill runs the notebooks on, one notebook at a time each.

    Starting a kernel and importing pandas, matplotlib and seaborn is most of a small
    notebook's cost. The pool starts its kernels once the inputs are read and segmented
    (bad input stops the run before any kernel starts), imports the heavy modules once,
    and before each notebook clears the namespace (``%reset -f``) and the figures, so a
    notebook sees a fresh session except for the module cache. Every notebook is also
    tested on a kernel of its own. ``env`` adds variables to the kernels' environment.
    :meth:`stop` (on Ctrl-C) interrupts and kills the kernels at once.
    """

    WARM_UP = ("import pandas, matplotlib, seaborn, itables, doculens.plots, doculens.reports, "
               "doculens.workbook, doculens.sentiment, doculens.claims")
    # (the execution counter is left alone: IPython's history database keys lines by it)
    RESET = ("get_ipython().run_line_magic('reset', '-f')\n"
             "import matplotlib.pyplot as _plt; _plt.close('all'); del _plt")
    TIMEOUT = 120  # seconds for the warm-up or a reset

    def __init__(self, size: int, *, cwd: Path, env: dict[str, str] | None = None):
        import queue

        from jupyter_client import KernelManager

        self.managers = []
        self.stopping = threading.Event()
        try:
            for _ in range(size):
                km = KernelManager(kernel_name=KERNEL)
                self.managers.append(km)
                # the kernel's own stderr (transport warnings, shutdown noise) stays out of the
                # command's one-line messages; errors in cells reach us through papermill
                km.start_kernel(cwd=str(cwd), stderr=subprocess.DEVNULL,
                                env={**os.environ, **(env or {})})
        except BaseException:  # Ctrl-C or a failure while starting: leave no kernel behind
            self.shutdown()
            raise
        self.idle: queue.Queue = queue.Queue()
        self.threads = [threading.Thread(target=self._warm, args=(km,), daemon=True)
                        for km in self.managers]
        for thread in self.threads:
            thread.start()

    def _run(self, km, code: str) -> None:
        client = km.client()
        client.start_channels()
        try:
            client.wait_for_ready(timeout=self.TIMEOUT)
            client.execute_interactive(code, timeout=self.TIMEOUT, output_hook=lambda msg: None)
        finally:
            client.stop_channels()

    def _warm(self, km) -> None:
        try:
            self._run(km, self.WARM_UP)
        except Exception:  # a failed warm-up only costs speed; the notebook reports real errors
            pass
        self.idle.put(km)

    def acquire(self):
        import queue

        while True:
            if self.stopping.is_set():
                raise PoolStopped("the run was interrupted")
            try:
                km = self.idle.get(timeout=0.2)
                break
            except queue.Empty:
                continue
        try:
            self._run(km, self.RESET)
        except RuntimeError:  # "Kernel died before replying": one fresh start, then the error
            if self.stopping.is_set():
                raise
            km.restart_kernel(now=True)
            self._run(km, self.RESET)
        return km

    def release(self, km) -> None:
        self.idle.put(km)

    def interrupt(self) -> None:
        """Ctrl-C: no notebook starts any more, and each running cell gets a
        KeyboardInterrupt, so papermill hears back and its thread ends. :meth:`stop` then
        kills what is left (papermill's client waits for a dead kernel's reply forever)."""
        self.stopping.set()
        for km in self.managers:
            try:
                if km.has_kernel:
                    km.interrupt_kernel()
            except Exception:
                pass

    def stop(self) -> None:
        """Stop at once: no notebook starts any more and the kernels are killed."""
        self.stopping.set()
        self.shutdown()

    def shutdown(self) -> None:
        for km in self.managers:
            try:
                if km.has_kernel:
                    km.shutdown_kernel(now=True)
            except Exception:
                pass


class PoolStopped(Exception):
    """Raised in a notebook's thread that wants a kernel after :meth:`KernelPool.stop`."""


def execute(notebook: Path, out_dir: Path, parameters: dict, *, km=None) -> tuple[Path, float]:
    """Run one notebook with papermill into ``out_dir/notebooks``; return its path and seconds.

    ``km`` is a running kernel manager to reuse (see :class:`KernelPool`); without it
    papermill starts and stops a kernel of its own.
    """
    import papermill
    from papermill.exceptions import PapermillExecutionError

    target = out_dir / "notebooks" / notebook.name
    target.parent.mkdir(exist_ok=True)  # (not out_dir: a run stopped by Ctrl-C has removed it)
    start = time.perf_counter()
    # A pooled kernel already runs in the notebooks' folder; papermill's own cwd option would
    # chdir the whole process, which threads must not do. Saving only at the end (and on
    # error) spares rewriting a notebook, embedded itables bundle and all, after every cell.
    extra = {"km": km} if km is not None else {"cwd": str(notebook.parent)}
    try:
        papermill.execute_notebook(str(notebook), str(target), parameters=parameters,
                                   kernel_name=KERNEL, progress_bar=False, log_output=False,
                                   request_save_on_cell_execute=False, **extra)
    except PapermillExecutionError as err:
        evalue = str(err.evalue).splitlines()[0] if err.evalue else ""
        # a notebook that could not write its tables to a full disk is no bug in the notebook
        code = EXIT_BAD_INPUT if _disk_full(f"{err.ename}: {evalue}") else EXIT_NOTEBOOK_FAILED
        raise RunError(f"doculens: error: notebook {notebook.name} failed in cell {err.cell_index} "
                       f"(execution count {err.exec_count}): {err.ename}: {evalue} "
                       f"(executed notebook kept in {target})", code)
    return target, time.perf_counter() - start


DISK_FULL_ERRNOS = (errno.ENOSPC, errno.EDQUOT)


def _disk_full(message: str) -> bool:
    """True when an error message (an exception shown by a kernel) says the disk is full."""
    import re

    return (any(re.search(rf"\[errno {n}\]", message, re.I) for n in DISK_FULL_ERRNOS)
            or any(os.strerror(n).lower() in message.lower() for n in DISK_FULL_ERRNOS))


def write_problem(err: OSError, final: Path) -> str:
    """The one-line message for a report that could not be written (full disk, permissions)."""
    what = err.strerror or type(err).__name__
    where = f" ({err.filename})" if err.filename else ""
    return f"doculens: error: cannot write the report to {final}: {what}{where}"


def render_html(executed: Path, out_dir: Path, *, run_name: str = "", inputs: list[str] = (),
                pages: list[str] = ()) -> Path:
    """Render an executed notebook to HTML (see :mod:`doculens.pages`: no code, no script
    from the network, a title and links to every page) and sign the notebook so that
    JupyterLab trusts it."""
    from .pages import render_page, sign_notebook

    target = render_page(executed, out_dir, run_name=run_name or out_dir.name,
                         inputs=list(inputs), pages=list(pages) or [executed.stem])
    sign_notebook(executed)
    return target


def package_versions() -> dict[str, str]:
    """Installed versions of the packages a report depends on."""
    versions = {"python": platform.python_version()}
    for name in MANIFEST_PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return versions


def write_index(out_dir: Path, *, run_name: str, reports: list[Path], manifest: dict) -> Path:
    """Write ``index.html`` linking every report, table, source text and the manifest; it
    lists the inputs, their warnings (``manifest["sources"][i]["warnings"]``) and the inputs
    that could not be read."""
    esc = html.escape

    def links(paths):
        return "".join(f'<li><a href="{esc(p.relative_to(out_dir).as_posix())}">'
                       f'{esc(p.relative_to(out_dir).as_posix())}</a></li>' for p in paths)

    tables = sorted((out_dir / "tables").glob("*.*")) if (out_dir / "tables").exists() else []
    sources = sorted((out_dir / "sources").glob("*")) if (out_dir / "sources").exists() else []
    failures = manifest.get("failures", [])
    failed = ("<h2>Inputs not read</h2><ul>" + "".join(
        f"<li><code>{esc(f['path'])}</code>: {esc(f['problem'])}</li>" for f in failures) + "</ul>"
        if failures else "")
    warned = [(s["name"], w) for s in manifest["sources"] for w in s.get("warnings", [])]
    warnings = ("<h2>Warnings</h2><ul>" + "".join(
        f"<li><code>{esc(name)}</code>: {esc(w)}</li>" for name, w in warned) + "</ul>"
        if warned else "")
    inputs = "".join(f"<li><code>{esc(s['name'])}</code> ({esc(s['kind'])}, {esc(s['encoding'])}, "
                     f"sha256 <code>{esc(s['sha256'][:16])}…</code>)</li>" for s in manifest["sources"])
    timing = "".join(f"<li>{esc(name)}: {sec:.1f} s</li>" for name, sec in manifest["timings"].items())
    from .pages import title_of

    pages = "".join(f'<li><a href="{esc(p.relative_to(out_dir).as_posix())}">{esc(title_of(p.stem))}</a>'
                    f' <small>({esc(p.name)})</small></li>' for p in reports)
    page = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>doculens: {esc(run_name)}</title>
<style>body{{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5}}
code{{background:#f4f4f4;padding:0 .2rem}}</style></head><body>
<h1>doculens report: {esc(run_name)}</h1>
<p>Generated {esc(manifest['finished'])} by doculens {esc(__version__)}.</p>
<h2>Inputs</h2><ul>{inputs}</ul>{warnings}{failed}
<h2>Reports</h2><ul>{pages}</ul>
<h2>Tables (CSV and Parquet)</h2><ul>{links(tables)}</ul>
<h2>Source texts (what the offsets index)</h2><ul>{links(sources)}</ul>
<h2>Run</h2><ul><li><a href="manifest.json">manifest.json</a>: inputs, parameters, package versions, timings</li>
<li><a href="notebooks/">notebooks/</a>: the executed notebooks</li></ul>
<h3>Timings</h3><ul>{timing}</ul>
</body></html>
"""
    target = out_dir / "index.html"
    target.write_text(page, encoding="utf-8")
    return target


def run(inputs: list[str], *, out: str | Path, run_name: str | None = None,
        only: list[str] | None = None, parameters: dict | None = None, jobs: int = DEFAULT_JOBS,
        cache_dir: str | Path | None = None, notebooks_dir: str | Path | None = None,
        scheduler: str | None = None) -> Path:
    """Run the notebooks on ``inputs`` and publish the report in ``out``; return index.html.

    Raises :class:`RunError` (bad input, unknown parameter, failing notebook) without
    touching an existing report in ``out``.

    Example:
        >>> run(["seeds"], out="reports/seed")  # doctest: +SKIP
        PosixPath('reports/seed/index.html')
    """
    from .corpus import SCHEDULER_ENV, SchedulerError, check_scheduler
    from .workbook import TOO_LARGE, load

    started = datetime.now(timezone.utc)
    try:  # before anything starts: the runner replaces only what a doculens run made
        final = check_out(out, inputs=inputs)
    except OutError as err:
        raise RunError(f"doculens: error: {err}", EXIT_BAD_INPUT)
    run_name = run_name or final.name
    cache_dir = Path(cache_dir or os.environ.get("DOCULENS_CACHE") or REPO_ROOT / ".cache" / "doculens").resolve()
    notebooks = find_notebooks(notebooks_dir, only=only)
    if only and FIRST_NOTEBOOK not in [nb.stem for nb in notebooks]:
        notebooks = find_notebooks(notebooks_dir, only=[FIRST_NOTEBOOK]) + notebooks
    # Every check on options and inputs comes before the first kernel starts.
    per_notebook = check_parameters(notebooks, parameters or {})
    check_inputs(inputs)
    scheduler = scheduler or os.environ.get(SCHEDULER_ENV) or None
    if scheduler is not None:
        try:
            scheduler = check_scheduler(scheduler)
        except SchedulerError as err:
            raise RunError(f"doculens: error: {err}", EXIT_BAD_INPUT) from None
    clean_leftovers(final)
    # The inputs are read and segmented before any kernel starts too: a file with no speech
    # or one too large to segment stops the run here, with one line.
    try:
        workbook = load(inputs, cache_dir=cache_dir, jobs=jobs, scheduler=scheduler)
    except SchedulerError as err:
        raise RunError(f"doculens: error: {err}", EXIT_BAD_INPUT) from None
    except InputError as err:
        raise RunError(f"doculens: error: {err}", EXIT_BAD_INPUT) from None
    except MemoryError:  # (load names the file when it can: this is a last resort)
        raise RunError(f"doculens: error: {' '.join(map(str, inputs))}: {TOO_LARGE}",
                       EXIT_BAD_INPUT) from None
    progress = Progress(len(notebooks))
    for path, problem in zip(workbook.failures["path"], workbook.failures["problem"]):
        progress.log(f"warning: skipped {path}: {problem}")
    for source in workbook.meta["sources"]:
        for warning in source.get("warnings", []):
            progress.log(f"warning: {source['path']}: {warning}")
    return _run_notebooks(notebooks, workbook, progress=progress, final=final, run_name=run_name,
                          inputs=inputs, per_notebook=per_notebook, cache_dir=cache_dir,
                          jobs=jobs, started=started)


# Notebooks that start after the others (they reuse the analyses the others compute).
RUN_LAST = frozenset({"00_overview"})
# The runner's workbook, handed to the notebooks (see doculens.workbook.pin); removed from
# the report before it is swapped in.
PINNED = ".workbook"
# Errors that mean the report cannot be written (exit 2, one line), not a bug.
WRITE_ERRNOS = DISK_FULL_ERRNOS + (errno.EACCES, errno.EPERM, errno.EROFS, errno.EFBIG)
# Seconds the notebooks' threads get to end after Ctrl-C interrupted their kernels, before
# the kernels are killed (an interrupted cell answers at once unless it is stuck in C code).
STOP_WAIT = 1.0


def _run_notebooks(notebooks, workbook, *, progress, final, run_name, inputs, per_notebook,
                   cache_dir, jobs, started) -> Path:
    from .workbook import PIN_ENV, pin

    try:
        tmp = make_temporary(final)
    except OSError as err:  # a full disk, or a folder made read-only since check_out
        raise RunError(write_problem(err, final), EXIT_BAD_INPUT) from None
    base = {"inputs": [str(Path(i).resolve()) for i in inputs], "run_name": run_name,
            "out_dir": str(tmp), "cache_dir": str(cache_dir)}
    timings: dict[str, float] = {}
    pool = None
    try:
        # The notebooks load the workbook read here, never the inputs again: an input edited
        # during the run cannot give tables of a text other than the one the manifest hashes.
        pinned = pin(workbook, tmp / PINNED, inputs=base["inputs"])
        pool = KernelPool(max(1, min(jobs, len(notebooks))), cwd=notebooks[0].parent,
                          env={PIN_ENV: str(pinned)})

        def one(nb: Path) -> Path:
            km = pool.acquire()
            try:
                if pool.stopping.is_set():
                    raise PoolStopped("the run was interrupted")
                executed, seconds = execute(nb, tmp, {**base, **per_notebook[nb]}, km=km)
            finally:
                pool.release(km)
            page = render_html(executed, tmp, run_name=run_name, inputs=base["inputs"],
                               pages=[n.stem for n in notebooks])
            timings[nb.stem] = round(seconds, 2)
            progress.step(f"{nb.name} done in {seconds:.1f} s")
            return page

        # The notebooks share nothing but the workbook, which load() has built, so they all
        # run at once, as many at a time as there are kernels. A thread per notebook lets a
        # finished one render its HTML while the next uses the kernel.
        progress.start([nb.stem for nb in notebooks])
        # notebooks that summarise the others start last, so that they find the analyses
        # the others remembered (doculens.memo) instead of computing them again
        order = sorted(range(len(notebooks)), key=lambda i: notebooks[i].stem in RUN_LAST)
        pages = _each(one, [notebooks[i] for i in order], on_interrupt=pool.interrupt)
        reports = [page for _, page in sorted(zip(order, pages))]
        shutil.rmtree(pinned)
        manifest = {
            "run_name": run_name, "doculens": __version__,
            "started": started.isoformat(timespec="seconds"),
            "finished": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "inputs": base["inputs"], "sources": workbook.meta["sources"],
            "failures": workbook.failures.to_dict("records"),
            "notebooks": [nb.name for nb in notebooks],
            "parameters": {nb.stem: per_notebook[nb] for nb in notebooks},
            "packages": package_versions(), "timings": timings,
        }
        (tmp / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
        write_index(tmp, run_name=run_name, reports=reports, manifest=manifest)
        with _interrupt_held():
            try:
                swap_in(tmp, final)
            except OutError as err:
                raise RunError(f"doculens: error: {err}", EXIT_BAD_INPUT) from None
        return final / "index.html"
    except RunError as err:
        shutil.rmtree(tmp / PINNED, ignore_errors=True)
        kept = keep_failed(tmp, final)
        # the message names where the partial run is now, not the temporary folder
        raise RunError(str(err).replace(str(tmp), str(kept)), err.code) from None
    except OSError as err:
        shutil.rmtree(tmp, ignore_errors=True)  # (on a full disk, keeping it would not help)
        if err.errno not in WRITE_ERRNOS:
            raise
        raise RunError(write_problem(err, final), EXIT_BAD_INPUT) from None
    except BaseException:  # Ctrl-C included (see _each): kill the kernels, drop the output
        if pool is not None:
            pool.stop()
        _remove(tmp)
        raise
    finally:
        if pool is not None:
            pool.shutdown()


def _each(function, items: list, *, on_interrupt) -> list:
    """``[function(item) for item in items]``, each call in a thread of its own.

    Waits for every call, then raises the first error in item order. On Ctrl-C it calls
    ``on_interrupt`` (which should make the calls end), gives the threads :data:`STOP_WAIT`
    seconds and raises KeyboardInterrupt; the threads are daemons, so one still stuck then
    does not hold the command up.
    """
    results: list = [None] * len(items)
    errors: list = [None] * len(items)

    def work(i, item):
        try:
            results[i] = function(item)
        except BaseException as err:
            errors[i] = err

    threads = [threading.Thread(target=work, args=(i, item), name=f"doculens-notebook-{i}",
                                daemon=True) for i, item in enumerate(items)]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    except KeyboardInterrupt:
        on_interrupt()
        deadline = time.monotonic() + STOP_WAIT
        for thread in threads:
            if thread.is_alive():
                thread.join(max(0.0, deadline - time.monotonic()))
        raise
    first = next((err for err in errors if err is not None), None)
    if first is not None:
        raise first
    return results


def _remove(folder: Path) -> None:
    """Remove a run's temporary folder, again if a thread still wrote into it meanwhile."""
    for _ in range(10):
        shutil.rmtree(folder, ignore_errors=True)
        if not folder.exists():
            return
        time.sleep(0.1)


@contextmanager
def _interrupt_held():
    """Hold Ctrl-C back while the report is swapped in: the two renames take milliseconds,
    and one done without the other would leave no report at ``--out``. A Ctrl-C meanwhile
    is dropped, since the run has finished by then."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        if previous is not None:
            signal.signal(signal.SIGINT, previous)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="doculens",
                                     description=__doc__.split("\n\n")[0].replace("``", ""))
    parser.add_argument("--version", action="version", version=f"doculens {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    cmd = sub.add_parser("run", help="run the notebooks on transcripts and write an HTML report")
    cmd.add_argument("inputs", nargs="+", help="transcript files (.txt, .srt, .vtt) or folders")
    cmd.add_argument("--out", help="report folder (default: reports/<name of the first input>)")
    cmd.add_argument("--name", help="run name shown in the report (default: the folder name)")
    cmd.add_argument("--only", action="append", metavar="NAME",
                     help="run only notebooks whose name contains NAME (repeatable); "
                          "01_segmentation always runs")
    cmd.add_argument("-p", "--parameter", nargs=2, action="append", metavar=("KEY", "VALUE"),
                     default=[], help="set a notebook parameter (value parsed as JSON when it can be)")
    cmd.add_argument("--jobs", type=int, default=DEFAULT_JOBS,
                     help=f"transcripts segmented at once (worker processes), then notebooks "
                          f"run at once (default {DEFAULT_JOBS})")
    cmd.add_argument("--scheduler", metavar="ADDRESS",
                     help="segment the transcripts on the Dask cluster whose scheduler is at "
                          "ADDRESS (tcp://HOST:8786); default $DOCULENS_SCHEDULER, else local "
                          "processes")
    cmd.add_argument("--cache-dir", help="segmentation cache (default: .cache/doculens)")
    cmd.add_argument("--notebooks", help="folder of notebooks (default: the repository's notebooks/)")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Console entry point; returns the exit status."""
    args = build_parser().parse_args(argv)
    out = args.out or str(REPO_ROOT / "reports" / Path(args.inputs[0]).stem)
    try:
        index = run(args.inputs, out=out, run_name=args.name, only=args.only,
                    parameters={k: parse_value(v) for k, v in args.parameter}, jobs=args.jobs,
                    cache_dir=args.cache_dir, notebooks_dir=args.notebooks,
                    scheduler=args.scheduler)
    except RunError as err:
        print(str(err), file=sys.stderr)
        return err.code
    except KeyboardInterrupt:
        print("doculens: interrupted; the earlier report is untouched", file=sys.stderr)
        return 130
    print(f"doculens: wrote {index}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
