"""Jupyter's fixed costs: `make report`'s run step against a bare papermill + nbconvert run.

Both sides run in this one process, one after the other, on the same machine:

* **ours**: :func:`doculens.runner.run` on the seed with every notebook in ``notebooks/``,
  with an empty segmentation cache (the first run a user makes), and again with a warm one;
* **baseline**: as many trivial notebooks (a parameters cell and ``x = 1``), each executed
  with ``papermill.execute_notebook`` on kernel ``python3`` and rendered with nbconvert's
  ``HTMLExporter(exclude_input=True)``, one after the other: the least any papermill report
  pipeline of that many notebooks can cost.

Target: ours / baseline ≤ 1.5. The seed lives in the repository, so this benchmark needs no
public data and never skips. Each side is timed ``--repeat`` times and the best is kept.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _common import REPO, parse_args, report  # noqa: E402

SEED = REPO / "seeds"
TARGET_RATIO = 1.5
REPEAT = 2


def trivial_notebooks(folder: Path, count: int) -> list[Path]:
    import nbformat

    paths = []
    for i in range(count):
        nb = nbformat.v4.new_notebook()
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        params = nbformat.v4.new_code_cell('inputs = []  # input files')
        params.metadata["tags"] = ["parameters"]
        nb.cells = [nbformat.v4.new_markdown_cell(f"# Trivial {i}"), params, nbformat.v4.new_code_cell("x = 1\nx")]
        path = folder / f"{i:02d}_trivial.ipynb"
        nbformat.write(nb, path)
        paths.append(path)
    return paths


def baseline(notebooks: list[Path], out: Path) -> None:
    import nbformat
    import papermill
    from nbconvert import HTMLExporter

    out.mkdir(parents=True, exist_ok=True)
    for nb in notebooks:
        target = out / nb.name
        papermill.execute_notebook(str(nb), str(target), parameters={"inputs": [str(SEED)]},
                                   kernel_name="python3", progress_bar=False)
        body, _ = HTMLExporter(exclude_input=True).from_notebook_node(nbformat.read(target, as_version=4))
        (out / f"{nb.stem}.html").write_text(body, encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    args = parse_args(__doc__.split("\n\n")[0], argv)
    from doculens.runner import DEFAULT_JOBS, find_notebooks, run

    count = len(find_notebooks())
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        trivial = trivial_notebooks(tmp, count)
        timings: dict[str, float] = {"baseline": float("inf"), "ours_cold": float("inf"),
                                     "ours_warm": float("inf")}
        for attempt in range(REPEAT):
            t0 = time.perf_counter()
            baseline(trivial, tmp / f"baseline{attempt}")
            timings["baseline"] = min(timings["baseline"], time.perf_counter() - t0)
            t0 = time.perf_counter()
            run([str(SEED)], out=tmp / f"ours{attempt}", cache_dir=tmp / f"cache{attempt}")
            timings["ours_cold"] = min(timings["ours_cold"], time.perf_counter() - t0)
            t0 = time.perf_counter()
            run([str(SEED)], out=tmp / f"ours{attempt}", cache_dir=tmp / f"cache{attempt}")
            timings["ours_warm"] = min(timings["ours_warm"], time.perf_counter() - t0)
    ratio_cold = timings["ours_cold"] / timings["baseline"]
    report("runner", {
        "notebooks": count,
        "jobs": DEFAULT_JOBS,
        "baseline_seconds": round(timings["baseline"], 2),
        "ours_cold_cache_seconds": round(timings["ours_cold"], 2),
        "ours_warm_cache_seconds": round(timings["ours_warm"], 2),
        "ratio_cold": round(ratio_cold, 2),
        "ratio_warm": round(timings["ours_warm"] / timings["baseline"], 2),
        "target_ratio": TARGET_RATIO,
        "meets_target": ratio_cold <= TARGET_RATIO,
    }, args)


if __name__ == "__main__":
    main()
