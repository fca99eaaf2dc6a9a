"""Corpus mode: `doculens run` on corpora of 1 to 200 transcripts and on single 1 MB and 5 MB ones.

Data: the seed (``seeds/*.txt``, in the repository) and the public transcripts
(``stance/debates_2016/*.txt`` and ``transcripts/*`` of the data folder). The benchmark skips
when those folders are absent. Nothing is copied into the repository: every corpus is built
in a temporary folder, removed at the end.

Methods:

* **corpus of N** (``--sizes``, default 1, 10, 50, 200): N files taken in turn from the
  sources (cycling through them), each made distinct so that no per-file cache can hit: every
  turn (every ``Name: text`` line, paragraph or ``<v Speaker>`` cue line) gets one short
  sentence with the file's and the turn's number appended. Each N is one
  ``doculens run FOLDER --out DIR --cache-dir CACHE --jobs 2`` subprocess with a fresh cache,
  timed wall-clock. The peak memory of its whole process tree (the runner and its kernels) is
  the largest sum of their RSS, polled with psutil every 0.2 s.
* **single documents** of 1 MB and 5 MB (``--skip-single`` leaves them out): one
  speaker-labelled transcript each, the 2016 debates' turns concatenated in turn, each with a
  distinct numbered sentence appended; each run as above on the one file.
* **segmentation throughput**: :func:`doculens.workbook.segment_source` (documents, turns,
  sentences) and, where corpus mode has it, :func:`doculens.corpus.segment_file` (the same
  plus VADER scores and topics: what a run does per file) on the sources of the corpus (one
  of each, best of 3) and on the 1 MB document (once), against a regex sentence split
  (``re.split(r"(?<=[.!?])\\s+", text)``) of the same texts, in this process.
* **Dask** (``--skip-dask`` leaves it out): :func:`doculens.workbook.load` of the corpus of
  10, locally and with ``scheduler=`` the address of a ``distributed.LocalCluster`` (2 worker
  processes, one thread each), each with an empty cache; every table of ``wb.tables()``
  compared with ``pandas.testing.assert_frame_equal`` and the texts compared. Should the
  address fail, its problem is reported and the comparison is made with a
  ``distributed.Client`` of the cluster instead. Reported as "not available" while ``load``
  takes no ``scheduler``.

A run that passes ``--max-gb`` (default 8) of process-tree memory or ``--timeout`` seconds
is killed and reported as such, so that a runaway run cannot take the machine down.

Metrics per N: seconds, peak GB, report MB, largest HTML page (MB and name), largest PNG
embedded in a page (base64 ``<img>``, MB), MB of input, exit code; for the single documents
the same; segmentation MB/s (ours and regex) and their ratio; Dask: identical tables, both
times.

Targets: t(200) / t(50) ≤ 4.5 and t(200) / t(1) ≤ 8 in the same run; peak ≤ 2 GB at N=200;
largest HTML page ≤ 10 MB and largest PNG < 2 MB; single documents exit 0 with a peak ≤ 1.5 GB;
segmentation ≥ 5 MB/s; Dask tables identical to the local ones.

Usage::

    .venv/bin/python benchmarks/bench_corpus.py                       # full run, 15+ minutes
    .venv/bin/python benchmarks/bench_corpus.py --sizes 1,10 --skip-single --skip-dask
"""

from __future__ import annotations

import base64
import logging
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _common import REPO, best_time, data_file, parse_args, report  # noqa: E402

NAME = "corpus"
SEED = REPO / "seeds"
DEFAULT_SIZES = (1, 10, 50, 200)
SINGLE_SIZES_MB = (1, 5)
JOBS = 2
POLL_SECONDS = 0.2
DASK_SIZE = 10
MB = 1024 * 1024
GB = 1024 ** 3
# Environment the runs must not inherit: each run is local, uncached and reads its inputs.
UNSET_ENV = ("DOCULENS_SCHEDULER", "DOCULENS_WORKBOOK", "DOCULENS_CACHE")

TARGET_RATIO_200_50 = 4.5
TARGET_RATIO_200_1 = 8.0
TARGET_PEAK_200_GB = 2.0
TARGET_HTML_MB = 10.0
TARGET_PNG_MB = 2.0
TARGET_SINGLE_PEAK_GB = 1.5
TARGET_SEGMENT_MB_S = 5.0

SENTENCE_SPLIT = re.compile(r"(?<=[.!?])\s+")
LABEL_ONLY = re.compile(r"^[A-Z][\w.'’ -]{0,60}:$")
TURN_LINE = re.compile(r"^[A-Z][\w.'’ -]{0,60}:\s+\S")
PNG = re.compile(rb'src="data:image/png;base64,([A-Za-z0-9+/=\s]+)"')


# ---------------------------------------------------------------- corpora

def sources(args) -> list[Path]:
    """The files the corpora are built from: the seed's texts, the 2016 debates, the transcripts."""
    debates = data_file(args, "stance/debates_2016")
    transcripts = data_file(args, "transcripts")
    files = sorted(SEED.glob("*.txt")) + sorted(debates.glob("*.txt")) + \
        sorted(p for p in transcripts.iterdir() if p.suffix in (".txt", ".vtt", ".srt"))
    return files


def note(copy: int, turn: int) -> str:
    """The distinct sentence appended to a turn."""
    return f"Let me note that as point {turn} of session {copy}."


def vary(text: str, suffix: str, copy: int) -> str:
    """``text`` with a distinct sentence appended to every turn (cue line, for captions)."""
    lines, turn = [], 0
    for line in text.split("\n"):
        stripped = line.strip()
        if suffix in (".vtt", ".srt"):
            speech = stripped.startswith("<v ")
        else:  # a turn or a paragraph; not a bare "Name:" label, a heading or a blank line
            speech = bool(stripped) and not LABEL_ONLY.match(stripped) and " | " not in stripped
        if speech:
            turn += 1
            if line.endswith("</v>"):
                line = f"{line[:-4]} {note(copy, turn)}</v>"
            else:
                line = f"{line.rstrip()} {note(copy, turn)}"
        lines.append(line)
    return "\n".join(lines)


def build_corpus(files: list[Path], n: int, folder: Path) -> int:
    """Write ``n`` distinct transcripts into ``folder``; return their total bytes."""
    folder.mkdir(parents=True)
    texts = {path: path.read_text(encoding="utf-8") for path in files}
    total = 0
    for i in range(n):
        path = files[i % len(files)]
        target = folder / f"{i + 1:03d}_{path.stem}{path.suffix}"
        data = vary(texts[path], path.suffix, i + 1).encode("utf-8")
        target.write_bytes(data)
        total += len(data)
    return total


def build_single(args, size_mb: float, target: Path) -> int:
    """One speaker-labelled transcript of about ``size_mb`` MB: the 2016 debates' turns in
    turn, each with a distinct sentence appended. Return its bytes."""
    debates = data_file(args, "stance/debates_2016")
    turns = [line.strip() for path in sorted(debates.glob("*.txt"))
             for line in path.read_text(encoding="utf-8").split("\n") if TURN_LINE.match(line.strip())]
    out, size, k = [], 0, 0
    while size < size_mb * MB:
        line = f"{turns[k % len(turns)]} {note(k // len(turns) + 1, k + 1)}\n"
        out.append(line)
        size += len(line.encode("utf-8"))
        k += 1
    target.write_text("".join(out), encoding="utf-8")
    return target.stat().st_size


# ---------------------------------------------------------------- runs

def tree_rss(proc) -> int:
    """Sum of the RSS of ``proc`` and all its descendants (0 for those gone meanwhile)."""
    import psutil

    total = 0
    try:
        members = [proc] + proc.children(recursive=True)
    except psutil.Error:
        return 0
    for member in members:
        try:
            total += member.memory_info().rss
        except psutil.Error:
            pass
    return total


def kill_tree(proc) -> None:
    """Kill the run we started and every process it started."""
    import psutil

    try:
        members = proc.children(recursive=True) + [proc]
    except psutil.Error:
        return
    for member in members:
        try:
            member.kill()
        except psutil.Error:
            pass


def run_doculens(inputs: Path, out: Path, cache: Path, log: Path, *, max_gb: float,
                 timeout: float) -> dict:
    """One ``doculens run`` subprocess: wall-clock seconds, peak GB of its tree, exit code."""
    import psutil

    env = {k: v for k, v in os.environ.items() if k not in UNSET_ENV}
    cmd = [sys.executable, "-m", "doculens", "run", str(inputs), "--out", str(out),
           "--cache-dir", str(cache), "--jobs", str(JOBS)]
    peak, killed = 0, ""
    with open(log, "wb") as stream:
        t0 = time.perf_counter()
        popen = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=stream, stderr=subprocess.STDOUT)
        proc = psutil.Process(popen.pid)
        while popen.poll() is None:
            peak = max(peak, tree_rss(proc))
            if peak > max_gb * GB:
                killed = f"killed: process tree over {max_gb:g} GB"
            elif time.perf_counter() - t0 > timeout:
                killed = f"killed: over {timeout:g} s"
            if killed:
                kill_tree(proc)
                popen.wait()
                break
            time.sleep(POLL_SECONDS)
        seconds = time.perf_counter() - t0
    result = {"seconds": round(seconds, 2), "peak_gb": round(peak / GB, 3), "exit": popen.returncode}
    if killed:
        result["problem"] = killed
    elif popen.returncode != 0:
        tail = log.read_text(encoding="utf-8", errors="replace").strip().splitlines()[-3:]
        result["problem"] = " | ".join(tail)[:300]
    return result


def html_sizes(folder: Path) -> dict:
    """The report's size, its largest HTML page and the largest PNG embedded in a page."""
    pages = list(folder.rglob("*.html")) if folder.exists() else []
    total = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) if folder.exists() else 0
    result = {"report_mb": round(total / MB, 3)}
    if not pages:
        return result
    largest = max(pages, key=lambda p: p.stat().st_size)
    png, png_page = 0, ""
    for page in pages:
        for match in PNG.finditer(page.read_bytes()):
            size = len(base64.b64decode(re.sub(rb"\s+", b"", match.group(1))))
            if size > png:
                png, png_page = size, page.name
    result.update({"largest_html_mb": round(largest.stat().st_size / MB, 3),
                   "largest_html": largest.name,
                   "largest_png_mb": round(png / MB, 3), "largest_png_page": png_page})
    return result


def measured_run(inputs: Path, tmp: Path, label: str, args) -> dict:
    out = tmp / f"report_{label}"
    result = run_doculens(inputs, out, tmp / f"cache_{label}", tmp / f"log_{label}.txt",
                          max_gb=args.max_gb, timeout=args.timeout)
    result.update(html_sizes(out))
    return result


# ---------------------------------------------------------------- segmentation

def segmenters() -> dict:
    """The functions that segment one file: ``segment_source`` (documents to sentences) and,
    where corpus mode has it, ``segment_file`` (also VADER scores and topics)."""
    from doculens import workbook

    found = {"segment_source": workbook.segment_source}
    try:
        from doculens.corpus import segment_file
    except ImportError:
        pass
    else:
        found["segment_file"] = segment_file
    return found


def segmentation_speed(paths: list[Path], *, repeat: int) -> dict:
    """MB/s of each segmenter and of a regex sentence split over the same texts."""
    from doculens.reading import read_source

    sources = [read_source(p) for p in paths]
    size = sum(len(s.text.encode("utf-8")) for s in sources) / MB

    def regex():
        for source in sources:
            SENTENCE_SPLIT.split(source.text)

    t_regex = best_time(regex)
    result = {"mb": round(size, 3), "regex_mb_s": round(size / t_regex, 1)}
    for name, function in segmenters().items():
        def ours(function=function):
            for source in sources:
                function(source)
        try:
            t_ours = best_time(ours, repeat=repeat)
        except Exception as err:  # the library is being edited: report, do not crash
            result[f"{name}_problem"] = f"{type(err).__name__}: {err}"[:300]
            continue
        result[f"{name}_mb_s"] = round(size / t_ours, 3)
        result[f"{name}_over_regex"] = round(t_regex / t_ours, 5)
    return result


# ---------------------------------------------------------------- Dask

def dask_compare(folder: Path, tmp: Path) -> dict:
    """load() locally and on a LocalCluster: identical tables and texts, and both times."""
    import inspect

    import pandas as pd

    from doculens import workbook

    if "scheduler" not in inspect.signature(workbook.load).parameters:
        return {"dask": "not available (doculens.workbook.load takes no scheduler)"}
    try:
        from distributed import Client, LocalCluster
    except ImportError as err:
        return {"dask": f"not available ({err})"}
    t0 = time.perf_counter()
    local = workbook.load([str(folder)], cache_dir=tmp / "dask_cache_local")
    t_local = time.perf_counter() - t0
    result: dict = {"dask_files": DASK_SIZE}
    t0 = time.perf_counter()
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None, silence_logs=logging.CRITICAL) as cluster:
        result["dask_cluster_start_seconds"] = round(time.perf_counter() - t0, 2)
        remote, clients = None, []
        for attempt in ("address", "client"):
            t0 = time.perf_counter()
            if attempt == "address":
                scheduler = cluster.scheduler_address
            else:
                scheduler = Client(cluster)
                clients.append(scheduler)
            try:
                remote = workbook.load([str(folder)], cache_dir=tmp / f"dask_cache_{attempt}",
                                       scheduler=scheduler)
            except TypeError as err:
                return {"dask": f"not available ({err})"}
            except Exception as err:
                result[f"dask_{attempt}_problem"] = f"{type(err).__name__}: {err}".splitlines()[0][:200]
                continue
            finally:
                for client in clients:
                    client.close()
            t_dask = time.perf_counter() - t0
            result["dask_scheduler_given_as"] = attempt
            break
    if remote is None:
        result["dask_identical"] = False
        return result
    different = []
    a, b = local.tables(), remote.tables()
    for name in sorted(set(a) | set(b)):
        try:
            pd.testing.assert_frame_equal(a[name], b[name], check_like=False)
        except (AssertionError, KeyError):
            different.append(name)
    if local.texts != remote.texts:
        different.append("texts")
    result.update({"dask_identical": not different, "dask_different": ", ".join(different) or "-",
                   "dask_local_seconds": round(t_local, 2), "dask_seconds": round(t_dask, 2),
                   "dask_over_local": round(t_dask / t_local, 2)})
    return result


# ---------------------------------------------------------------- main

def isolated(function, *args, **kwargs):
    """``function(*args, **kwargs)`` in a fresh process, so that a crash of the library (a
    segfault, the kernel's OOM killer) is reported instead of losing the runs measured so far."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        return pool.submit(function, *args, **kwargs).result()


def options(argv):
    import argparse

    extra = argparse.ArgumentParser(add_help=False)
    extra.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)),
                       help="corpus sizes, comma-separated (default 1,10,50,200)")
    extra.add_argument("--skip-single", action="store_true", help="leave out the 1 MB and 5 MB documents")
    extra.add_argument("--skip-dask", action="store_true", help="leave out the Dask comparison")
    extra.add_argument("--max-gb", type=float, default=8.0,
                       help="kill a run whose process tree passes this many GB (default 8)")
    extra.add_argument("--timeout", type=float, default=3600.0,
                       help="kill a run after this many seconds (default 3600)")
    ours, rest = extra.parse_known_args(argv)
    args = parse_args(__doc__.split("\n\n")[0], rest)
    args.sizes = sorted({int(s) for s in ours.sizes.split(",") if s.strip()})
    for key in ("skip_single", "skip_dask", "max_gb", "timeout"):
        setattr(args, key, getattr(ours, key))
    return args


def main(argv: list[str] | None = None) -> None:
    args = options(sys.argv[1:] if argv is None else argv)
    files = sources(args)
    for key in UNSET_ENV:
        os.environ.pop(key, None)
    results: dict = {"sources": len(files), "jobs": JOBS}
    with tempfile.TemporaryDirectory(prefix="doculens-bench-corpus-") as tmp:
        tmp = Path(tmp)
        runs = {}
        for n in args.sizes:
            folder = tmp / f"corpus_{n}"
            size = build_corpus(files, n, folder)
            print(f"  corpus of {n} ({size / MB:.2f} MB) ...", flush=True)
            run = measured_run(folder, tmp, str(n), args)
            runs[n] = run
            results.update({f"n{n}_input_mb": round(size / MB, 3),
                            **{f"n{n}_{k}": v for k, v in run.items()}})
        ok = {n: r for n, r in runs.items() if r["exit"] == 0}
        if len(ok) > 1:
            lo, hi = min(ok), max(ok)
            results[f"ratio_{hi}_{lo}"] = round(ok[hi]["seconds"] / ok[lo]["seconds"], 2)
        if 200 in ok and 50 in ok:
            ratio = ok[200]["seconds"] / ok[50]["seconds"]
            results["ratio_200_50"] = round(ratio, 2)
            results["ratio_200_50_target_met"] = ratio <= TARGET_RATIO_200_50
        if 200 in ok and 1 in ok:
            ratio = ok[200]["seconds"] / ok[1]["seconds"]
            results["ratio_200_1"] = round(ratio, 2)
            results["ratio_200_1_target_met"] = ratio <= TARGET_RATIO_200_1
        if 200 in runs:
            results["peak_200_target_met"] = runs[200]["exit"] == 0 and \
                runs[200]["peak_gb"] <= TARGET_PEAK_200_GB
        if ok:
            results["largest_html_mb"] = max(r.get("largest_html_mb", 0) for r in ok.values())
            results["largest_png_mb"] = max(r.get("largest_png_mb", 0) for r in ok.values())
            results["html_target_met"] = results["largest_html_mb"] <= TARGET_HTML_MB
            results["png_target_met"] = results["largest_png_mb"] < TARGET_PNG_MB
        if runs:
            results["corpus_runs_ok"] = len(ok) == len(runs)

        singles = {}
        for size_mb in SINGLE_SIZES_MB:
            folder = tmp / f"single_{size_mb}mb"
            folder.mkdir()
            singles[size_mb] = folder / f"debates_{size_mb}mb.txt"
            build_single(args, size_mb, singles[size_mb])
        if not args.skip_single:
            for size_mb, path in singles.items():
                print(f"  single document of {size_mb} MB ...", flush=True)
                run = measured_run(path, tmp, f"single_{size_mb}mb", args)
                results.update({f"single_{size_mb}mb_{k}": v for k, v in run.items()})
                results[f"single_{size_mb}mb_target_met"] = run["exit"] == 0 and \
                    run["peak_gb"] <= TARGET_SINGLE_PEAK_GB

        print("  segmentation throughput ...", flush=True)
        one_each = tmp / "one_each"
        build_corpus(files, len(files), one_each)
        for label, paths, repeat in (("segment_corpus", sorted(one_each.iterdir()), 3),
                                     ("segment_1mb", [singles[1]], 1)):
            try:
                speed = isolated(segmentation_speed, paths, repeat=repeat)
            except Exception as err:  # BrokenProcessPool: the process died
                results[f"{label}_problem"] = f"{type(err).__name__}: {err}"[:300]
                continue
            results.update({f"{label}_{k}": v for k, v in speed.items()})
        for name in segmenters():
            if f"segment_corpus_{name}_mb_s" in results:
                results[f"{name}_target_met"] = \
                    results[f"segment_corpus_{name}_mb_s"] >= TARGET_SEGMENT_MB_S

        if not args.skip_dask:
            print("  dask against local ...", flush=True)
            folder = tmp / f"corpus_{DASK_SIZE}"
            if not folder.exists():
                build_corpus(files, DASK_SIZE, folder)
            try:
                results.update(isolated(dask_compare, folder, tmp))
            except Exception as err:
                results["dask"] = f"failed ({type(err).__name__}: {err})"[:300]
    report(NAME, results, args)


if __name__ == "__main__":
    main()
