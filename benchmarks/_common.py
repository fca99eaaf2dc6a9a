"""Shared plumbing for the benchmark scripts: where the public data is, and how to report.

Every benchmark reads the public data from ``--data DIR``, else ``$DOCULENS_BENCHMARKS``,
else ``../shared/benchmarks`` beside the repository. Where that folder (or the file a
benchmark needs) is absent, the benchmark prints one ``skipped:`` line and exits 0.
Results are printed and written as JSON to ``reports/bench/<name>.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "benchmarks"
RESULTS_DIR = REPO / "reports" / "bench"


def parse_args(description: str, argv: list[str] | None = None) -> argparse.Namespace:
    """Parse the options every benchmark shares (``--data``, ``--out``)."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--data", type=Path, default=None,
                        help="folder of public benchmark data (default: $DOCULENS_BENCHMARKS "
                             "or ../shared/benchmarks)")
    parser.add_argument("--out", type=Path, default=RESULTS_DIR,
                        help="folder for the JSON results")
    return parser.parse_args(argv)


def data_file(args: argparse.Namespace, relative: str) -> Path:
    """Return the path of ``relative`` inside the data folder, or exit 0 with a skip line."""
    root = args.data or Path(os.environ.get("DOCULENS_BENCHMARKS", DEFAULT_DATA))
    path = Path(root) / relative
    if not path.exists():
        print(f"skipped: {path} is absent")
        sys.exit(0)
    return path


def best_time(fn, *, repeat: int = 3) -> float:
    """Best wall-clock seconds of ``repeat`` calls of ``fn()``: the usual timeit convention."""
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def report(name: str, results: dict, args: argparse.Namespace) -> None:
    """Print ``results`` as aligned lines and save them to ``<out>/<name>.json``."""
    print(f"== {name}")
    width = max(len(k) for k in results)
    for key, value in results.items():
        shown = f"{value:.4g}" if isinstance(value, float) else value
        print(f"  {key:<{width}}  {shown}")
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / f"{name}.json").write_text(json.dumps(results, indent=2, default=str) + "\n")
