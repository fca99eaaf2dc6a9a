"""Project rules that are easy to break silently: clean notebooks, environment.yml, README."""

import ast
import re
import tomllib

import nbformat
import pytest
import yaml

from conftest import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
SHARED_PARAMETERS = ["inputs", "run_name", "out_dir", "cache_dir"]


def _requirement_name(spec: str) -> str:
    return re.split(r"[<>=!~\[ ;]", spec, maxsplit=1)[0].strip().lower().replace("_", "-")


def test_there_are_notebooks():
    # the overview first: index.html lists the pages in this order
    assert [p.name for p in NOTEBOOKS][:2] == ["00_overview.ipynb", "01_segmentation.ipynb"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_committed_clean_and_thin(path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    assert nb.metadata["kernelspec"]["name"] == "python3"
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(not c.outputs and c.execution_count is None for c in code), "outputs are committed"
    assert nb.cells[0].cell_type == "markdown", "the first cell states the purpose"
    tagged = [c for c in code if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1
    params = ast.parse(tagged[0].source)
    names = []
    for node in params.body:  # literals only, each with a comment
        assert isinstance(node, ast.Assign), ast.dump(node)
        ast.literal_eval(node.value)
        names.append(node.targets[0].id)
    assert names[:4] == SHARED_PARAMETERS
    assert all("#" in line for line in tagged[0].source.splitlines() if line.strip())
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        tree = ast.parse(cell.source)  # one library call per cell: no functions, loops or branches
        assert not any(isinstance(n, (ast.FunctionDef, ast.ClassDef, ast.Lambda, ast.For,
                                      ast.While, ast.If)) for n in ast.walk(tree)), cell.source
        if "plots." in cell.source:  # every plot answers a question written above it
            assert nb.cells[i - 1].cell_type == "markdown" and "?" in nb.cells[i - 1].source


def test_environment_yml_names_every_runtime_dependency():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    conda = {_requirement_name(d) for d in env["dependencies"] if isinstance(d, str)}
    for dep in project["dependencies"]:
        assert _requirement_name(dep) in conda, f"{dep} is missing from environment.yml"
    pip = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    assert any(line.startswith("-e .") for line in pip)


def test_no_runtime_downloads_or_pickles():
    code = [p for p in (ROOT / "lib").rglob("*.py")] + NOTEBOOKS
    for path in code:
        text = path.read_text(encoding="utf-8")
        assert "nltk.download" not in text, path
        assert not re.search(r"\bpickle\.loads?\(|read_pickle\(|joblib\.load\(", text), path
        assert not re.search(r"urlopen\(|requests\.get\(", text), path


def test_readme_documents_every_table_column(seed_workbook):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert readme.index("make report") < readme.index("make test") < 2000  # the two commands open it
    for name, table in seed_workbook.tables().items():
        section = readme.split(f"### `{name}`", 1)
        assert len(section) == 2, f"README has no section for table {name}"
        body = section[1].split("\n### ", 1)[0]
        columns = list(table.columns) or ["cue_id", "start", "end", "start_time", "end_time", "voice", "source"]
        for column in columns:
            assert f"`{column}`" in body, f"README does not document {name}.{column}"


def test_readme_documents_the_claims_and_sentiment_columns():
    from doculens import claims, sentiment

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    body = readme.split("### `claims`", 1)[1].split("\n### ", 1)[0]
    for column in claims.TABLE_COLUMNS:
        assert f"`{column}`" in body, f"README does not document claims.{column}"
    body = readme.split("### `sentiment_by_speaker`", 1)[1].split("\n### ", 1)[0]
    scored = sentiment.add_sentiment(__import__("pandas").DataFrame({
        "sentence_id": [1], "doc_id": [1], "turn_id": [1], "speaker": ["Ann"], "start": [0],
        "end": [5], "text": ["Good."], "is_question": [False]}))
    scored["topic_id"] = 1
    for table in (sentiment.by_speaker(scored), sentiment.by_turn(scored),
                  sentiment.by_document(scored), sentiment.by_topic(scored)):
        for column in table.columns:
            assert f"`{column}`" in body, f"README does not document sentiment column {column}"


def test_readme_documents_the_stance_columns():
    from doculens import stance

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name, columns in (("stance_targets", stance.TARGET_COLUMNS + ["n_mentions"]),
                          ("stance_mentions", stance.SCORED_COLUMNS),
                          ("stance_by_speaker", stance.SPEAKER_COLUMNS),
                          ("stance_by_document", ["doc_id"]),
                          ("stance_evidence", stance.EVIDENCE_COLUMNS)):
        body = readme.split(f"### `{name}`", 1)[1].split("\n### ", 1)[0]
        for column in columns:
            assert f"`{column}`" in body, f"README does not document {name}.{column}"
    assert stance.DOCUMENT_COLUMNS == ["doc_id"] + stance.SPEAKER_COLUMNS  # "the same columns"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_defaults_run_standalone_from_the_notebooks_folder(path):
    """JupyterLab runs a notebook in its own folder: its default inputs must exist from there."""
    nb = nbformat.read(path, as_version=4)
    cell = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
    values = {n.targets[0].id: ast.literal_eval(n.value) for n in ast.parse(cell.source).body}
    for item in values["inputs"]:
        assert (path.parent / item).exists(), item
    assert (path.parent / values["out_dir"]).resolve().is_relative_to(ROOT / "reports")
    assert (path.parent / values["cache_dir"]).resolve() == ROOT / ".cache" / "doculens"


def test_readme_documents_the_overview_columns():
    from doculens import overview

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name, columns in (("overview_documents", overview.DOCUMENT_COLUMNS),
                          ("overview_speakers", overview.RECURRING_COLUMNS),
                          ("overview_targets", overview.TARGET_COLUMNS)):
        body = readme.split(f"### `{name}`", 1)[1].split("\n### ", 1)[0]
        for column in columns:
            assert f"`{column}`" in body, f"README does not document {name}.{column}"
