"""Report folders that never cost a user a file: check, mark, swap in, clean up.

A run writes into a hidden temporary folder beside ``--out`` and renames it into place only
when it succeeded. The runner replaces nothing it did not make: every folder a run creates
carries a marker file (:data:`MARKER`), and an existing ``--out`` is replaced only when it
bears that marker (or is an empty folder, which holds nothing to lose). Anything else (the
current folder, a folder holding the inputs, a file, a folder of the user's) is refused
before any work starts, with one line naming it.

Example:
    >>> import tempfile, pathlib
    >>> base = pathlib.Path(tempfile.mkdtemp())
    >>> (base / "notes.txt").write_text("mine")
    4
    >>> check_out(base, inputs=[])
    Traceback (most recent call last):
    ...
    doculens.outdir.OutError: refusing to replace ... not a doculens report (it holds notes.txt)
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import tempfile
from datetime import datetime, timezone
from pathlib import Path

# The file that marks a folder as made by a doculens run (report, temporary or failed run).
MARKER = ".doculens-report"
TMP_INFIX = ".tmp-"
OLD_INFIX = ".old-"


class OutError(Exception):
    """``--out`` cannot be used; the message is one line for the user."""


def is_report(folder: Path) -> bool:
    """True when ``folder`` was made by a doculens run.

    Reports from before the marker existed are recognised by their ``manifest.json`` (a JSON
    object naming the doculens version, run and notebooks) beside an ``index.html``.
    """
    folder = Path(folder)
    if not folder.is_dir() or folder.is_symlink():
        return False
    if (folder / MARKER).is_file():
        return True
    try:
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return (isinstance(manifest, dict) and {"doculens", "run_name", "notebooks"} <= manifest.keys()
            and (folder / "index.html").is_file())


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def check_out(out: str | Path, *, inputs: list[str | Path]) -> Path:
    """Check that a run may write its report to ``out``; return the resolved path.

    Raises :class:`OutError` when ``out`` is an existing file, a folder that is not a
    doculens report, the current folder or one above it, a folder holding an input, a path
    under a file, a symbolic link loop, or a place that cannot be written.
    """
    raw = Path(out)
    shown = str(out)
    try:
        final = raw.resolve()
    except (RuntimeError, OSError):  # Python 3.11 raises RuntimeError on a symlink loop
        raise OutError(f"cannot write the report to {shown}: it is a symbolic link loop") from None
    refuse = f"refusing to replace {shown}: not a doculens report"
    for parent in final.parents:  # --out under a file
        if parent.exists() and not parent.is_dir():
            raise OutError(f"cannot write the report to {shown}: {parent} is a file, not a folder")
    cwd = Path.cwd().resolve()
    if _inside(cwd, final):
        raise OutError(f"{refuse} (it is the current folder or holds it)")
    for item in inputs:
        path = Path(os.path.realpath(item))  # (no error on a symlink loop: the runner names it)
        if _inside(path, final):
            raise OutError(f"{refuse} (it holds the input {item})")
    if raw.is_symlink() or (final.exists() and not final.is_dir()):
        raise OutError(f"{refuse} (it is a file)")
    if final.is_dir() and not is_report(final):
        entries = sorted(p.name for p in final.iterdir())
        if entries:
            listed = ", ".join(entries[:3]) + (", …" if len(entries) > 3 else "")
            raise OutError(f"{refuse} (it holds {listed})")
    # The run writes beside --out (a temporary folder, then renames), so what must be
    # writable is the folder that holds --out, or the nearest one that exists.
    existing = next(p for p in final.parents if p.exists())
    if not os.access(existing, os.W_OK | os.X_OK):
        raise OutError(f"cannot write the report to {shown}: {existing} is not writable")
    return final


def failed_path(final: Path) -> Path:
    """Where a failed run's partial output is kept: ``<out>.failed``."""
    return final.with_name(f"{final.name}.failed")


def pid_alive(pid: int) -> bool:
    """True while a process ``pid`` exists (one of another user's counts as alive)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def clean_leftovers(final: Path) -> list[Path]:
    """Remove temporary folders of earlier runs into ``final`` whose process is gone.

    Only marked folders named ``.<name>.tmp-<pid>-…`` or ``.<name>.old-<pid>`` are removed;
    returns them.
    """
    removed = []
    parent = final.parent
    if not parent.is_dir():
        return removed
    for infix in (TMP_INFIX, OLD_INFIX):
        for path in parent.glob(f".{final.name}{infix}*"):
            pid_text = path.name[len(f".{final.name}{infix}"):].split("-")[0]
            if not pid_text.isdigit() or pid_alive(int(pid_text)) or not is_report(path):
                continue
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    return removed


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def make_temporary(final: Path) -> Path:
    """Create the marked temporary folder a run writes into, beside ``final``.

    It gets the permissions the user's umask gives a new folder (``mkdtemp`` alone gives 0700).
    """
    final.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=final.parent, prefix=f".{final.name}{TMP_INFIX}{os.getpid()}-"))
    try:
        tmp.chmod(0o777 & ~_umask())
        (tmp / MARKER).write_text(json.dumps({
            "made_by": "doculens run", "pid": os.getpid(),
            "created": datetime.now(timezone.utc).isoformat(timespec="seconds")}) + "\n",
            encoding="utf-8")
    except BaseException:  # a full disk: an unmarked folder would never be cleaned up
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return tmp


def _set_aside(path: Path) -> Path | None:
    """Rename a marked report out of the way; None when there is nothing there."""
    aside = path.with_name(f".{path.name}{OLD_INFIX}{os.getpid()}-{os.urandom(4).hex()}")
    try:
        path.rename(aside)
    except FileNotFoundError:
        return None
    return aside


def swap_in(tmp: Path, final: Path, *, attempts: int = 50) -> None:
    """Replace ``final`` by ``tmp`` with renames only, so the old report survives any failure.

    ``final`` must be absent, empty, or a doculens report (checked again here, since another
    program may have written there during the run). Two runs into one folder are safe: the
    rename is retried when the other run swapped in between our two renames, and the last
    run to finish wins.
    """
    for _ in range(attempts):
        if final.exists() or final.is_symlink():
            try:
                empty = final.is_dir() and not final.is_symlink() and not any(final.iterdir())
            except FileNotFoundError:
                continue  # another run moved it away meanwhile: look again
            if empty:
                try:
                    final.rmdir()
                except OSError:
                    continue
            elif not is_report(final) and (final.exists() or final.is_symlink()) \
                    and not is_report(final):
                # (checked twice: another run may have renamed its report in or out between)
                raise OutError(f"refusing to replace {final}: not a doculens report "
                               f"(it appeared during the run; the new report is in {tmp})")
        old = _set_aside(final) if final.exists() else None
        try:
            tmp.rename(final)
        except OSError as err:
            if old is not None:
                try:
                    old.rename(final)
                except OSError:  # another run's newer report took the place
                    shutil.rmtree(old, ignore_errors=True)
            if err.errno in (errno.ENOTEMPTY, errno.EEXIST):
                continue  # another run swapped in between our renames: try again
            raise
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
        return
    raise OutError(f"could not swap the report into {final}: other runs kept writing there "
                   f"(the new report is in {tmp})")


def keep_failed(tmp: Path, final: Path) -> Path:
    """Move a failed run's partial output to ``<out>.failed``; return where it is.

    An earlier ``<out>.failed`` is replaced only when a doculens run made it; otherwise the
    partial output stays in its temporary folder, whose path is returned.
    """
    failed = failed_path(final)
    if failed.exists() or failed.is_symlink():
        if not is_report(failed):
            return tmp
        aside = _set_aside(failed)
        if aside is not None:
            shutil.rmtree(aside, ignore_errors=True)
    try:
        tmp.rename(failed)
    except OSError:
        return tmp
    return failed
