"""Shared fixtures: paths to the committed test inputs and the seed's segmentation."""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
SEED = ROOT / "seeds" / "000_5091d5ce2a71cf37.txt"


@pytest.fixture(scope="session")
def seed_workbook():
    """The seed, read and segmented once for the whole session (no cache)."""
    from doculens.workbook import build

    return build([FIXTURES / "seed.txt"])


@pytest.fixture(scope="session")
def seed_text(seed_workbook):
    return seed_workbook.texts["seed.txt"]


def run_notebook(name: str, inputs: list, tmp: Path, **parameters):
    """Execute ``notebooks/<name>`` with papermill on ``inputs``, as the runner would.

    Returns the executed notebook and the folder of tables it wrote.
    """
    import nbformat
    import papermill

    target = tmp / name
    papermill.execute_notebook(
        str(ROOT / "notebooks" / name), str(target), kernel_name="python3",
        cwd=str(ROOT / "notebooks"), progress_bar=False, log_output=False,
        parameters={"inputs": [str(p) for p in inputs], "run_name": "test",
                    "out_dir": str(tmp / "report"), "cache_dir": str(tmp / "cache"), **parameters})
    return nbformat.read(target, as_version=4), tmp / "report" / "tables"


def code_outputs(nb) -> list:
    """Every output of every code cell of an executed notebook."""
    return [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]


def figures_of_clean_run(nb) -> int:
    """Assert an executed notebook raised no error; return how many figures it shows."""
    outputs = code_outputs(nb)
    errors = [o for o in outputs if o.output_type == "error"]
    assert not errors, [f"{o.ename}: {o.evalue}" for o in errors]
    return sum("image/png" in o.get("data", {}) for o in outputs)


def notebook_parameters(path: Path) -> list[str]:
    """Names assigned in a notebook's ``parameters`` cell, in order."""
    import ast

    import nbformat

    nb = nbformat.read(path, as_version=4)
    cell = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
    return [node.targets[0].id for node in ast.parse(cell.source).body]


@pytest.fixture(autouse=True)
def _sigint_untouched(request):
    """Every test leaves Ctrl-C as it found it: a test (or the code it runs) that leaves
    SIGINT ignored would make Ctrl-C do nothing in every later test and in the processes
    they start, which inherit an ignored signal."""
    import signal

    before = signal.getsignal(signal.SIGINT)
    yield
    after = signal.getsignal(signal.SIGINT)
    if after is not before:
        signal.signal(signal.SIGINT, before if before is not None else signal.default_int_handler)
        pytest.fail(f"{request.node.nodeid} changed the SIGINT handler from {before!r} to {after!r}")
