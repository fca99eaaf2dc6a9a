"""`doculens run` end to end through papermill, and its failure modes."""

import json
import os
import subprocess
import sys

import nbformat
import pandas as pd
import pytest

from conftest import FIXTURES, ROOT

TABLE_COLUMNS = {
    "documents": ["doc_id", "source", "kind", "title", "series", "start", "end", "n_sentences", "n_words"],
    "speakers": ["speaker", "aliases", "role", "n_turns", "n_words", "docs", "source", "start", "end"],
    "turns": ["turn_id", "doc_id", "speaker", "label", "attribution", "start", "end", "start_time",
              "end_time", "n_words"],
    "sentences": ["sentence_id", "doc_id", "turn_id", "speaker", "start", "end", "text", "is_question"],
    "topics": ["topic_id", "doc_id", "start", "end", "first_sentence_id", "last_sentence_id",
               "n_sentences", "n_words", "speakers", "keywords", "label"],
    "sentiment_by_topic": ["topic_id", "doc_id", "label", "start", "end"],
    "stance_mentions": ["target", "via", "alias", "doc_id", "sentence_id", "turn_id", "speaker", "start",
                        "end"],
    "stance_by_speaker": ["speaker", "target", "stance", "n_mentions"],
}
MARKUP_TRANSCRIPT = (
    "Documentary | Markup <b>test</b> | Series\n\n"
    "Ann Lee: I am Ann Lee. Here is code: <script>alert('x')</script> and a <b>tag</b>.\n\n"
    "Bob Kane: That is not markup, it is data.\n"
)


def earlier_report(out):
    """A report an earlier doculens run left in ``out`` (marked, so a new run may replace it)."""
    from doculens.outdir import MARKER

    out.mkdir(parents=True)
    (out / MARKER).write_text("{}")
    (out / "index.html").write_text("earlier report")


def doculens(*args, cwd=ROOT, env=None):
    """Run the command line as a user would; return the completed process."""
    full_env = {**os.environ, **(env or {})}
    return subprocess.run([sys.executable, "-m", "doculens", *map(str, args)], cwd=cwd, env=full_env,
                          capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def small_run(tmp_path_factory):
    """One real run of every notebook, on one reused kernel, on two small inputs and a bad one."""
    base = tmp_path_factory.mktemp("run")
    transcript = base / "markup.txt"
    transcript.write_text(MARKUP_TRANSCRIPT, encoding="utf-8")
    out = base / "reports" / "small"
    proc = doculens("run", transcript, FIXTURES / "talk.vtt", FIXTURES / "empty.txt", "--out", out,
                    "--jobs", "1", "--cache-dir", base / "cache", "-p", "max_speakers", "5",
                    env={"CI": "true"})
    return proc, out


@pytest.mark.slow
def test_run_writes_tables_reports_and_index(small_run):
    proc, out = small_run
    assert proc.returncode == 0, proc.stderr
    assert "01_segmentation.ipynb done" in proc.stderr
    for name, columns in TABLE_COLUMNS.items():
        csv = pd.read_csv(out / "tables" / f"{name}.csv")
        parquet = pd.read_parquet(out / "tables" / f"{name}.parquet")
        assert list(csv.columns)[:len(columns)] == columns
        assert list(parquet.columns) == list(csv.columns) and len(parquet) == len(csv)
    sentences = pd.read_parquet(out / "tables" / "sentences.parquet")
    # sources/ holds each decoded text as <name>.txt ("talk.vtt" -> "talk.vtt.txt")
    texts = {p.name.removesuffix(".vtt.txt") + (".vtt" if p.name.endswith(".vtt.txt") else ""):
             p.read_text(encoding="utf-8") for p in (out / "sources").iterdir()}
    docs = pd.read_parquet(out / "tables" / "documents.parquet").set_index("doc_id")
    for row in sentences.itertuples():  # every row traces back to the saved source text
        source = docs.loc[row.doc_id, "source"]
        assert texts[source][row.start:row.end] == row.text
    assert set(sentences["speaker"]) == {"Ann Lee", "Bob Kane"}
    index = (out / "index.html").read_text(encoding="utf-8")
    for link in ["01_segmentation.html", "tables/sentences.csv", "tables/sentences.parquet",
                 "manifest.json", "sources/markup.txt"]:
        assert f'href="{link}"' in index
    assert "empty.txt" in index and "the file is empty" in index  # the failed input is listed
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["parameters"]["01_segmentation"] == {"max_speakers": 5}
    assert {s["name"] for s in manifest["sources"]} == {"markup.txt", "talk.vtt"}
    assert all(len(s["sha256"]) == 64 for s in manifest["sources"])
    assert "pandas" in manifest["packages"] and "01_segmentation" in manifest["timings"]
    notebooks = sorted(p.name for p in (out / "notebooks").iterdir())
    assert notebooks == sorted(manifest["notebooks"]) and len(notebooks) >= 3
    for name in notebooks:  # each ran clean, although they shared one kernel
        executed = nbformat.read(out / "notebooks" / name, as_version=4)
        outputs = [o for c in executed.cells if c.cell_type == "code" for o in c.outputs]
        assert not [o for o in outputs if o.output_type == "error"], name
        assert not [o for o in outputs if o.get("name") == "stderr"], name
        assert (out / name.replace(".ipynb", ".html")).exists()
        if name == "01_segmentation.ipynb":  # talk share, who speaks when, topics, turn lengths
            assert len([o for o in outputs if "image/png" in o.get("data", {})]) == 4


@pytest.mark.slow
def test_report_html_escapes_transcript_text_and_hides_code(small_run):
    _, out = small_run
    page = (out / "01_segmentation.html").read_text(encoding="utf-8")
    assert "<script>alert('x')</script>" not in page
    assert "<b>tag</b>" not in page and "<b>test</b>" not in page
    assert "workbook.load(" not in page  # code cells are not rendered
    assert "Who speaks when?" in page and "<img" in page  # markdown and figures are kept
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "<script>" not in index


@pytest.mark.parametrize("fixture, problem", [
    ("empty.txt", "the file is empty"),
    ("binary.txt", "looks binary"),
    ("bad_timestamp.vtt", "malformed WebVTT captions"),
    ("utf16_nobom.txt", "UTF-16 without a byte-order mark"),
])
def test_bad_input_is_one_line_exit_2_and_keeps_the_old_report(tmp_path, fixture, problem):
    out = tmp_path / "report"
    earlier_report(out)
    proc = doculens("run", FIXTURES / fixture, "--out", out, "--cache-dir", tmp_path / "cache")
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert str(FIXTURES / fixture) in lines[0] and problem in lines[0]
    assert "Traceback" not in proc.stderr
    assert (out / "index.html").read_text() == "earlier report"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".report")] == []


def test_unknown_parameter_and_unknown_notebook_are_errors(tmp_path):
    proc = doculens("run", FIXTURES / "debate.txt", "--out", tmp_path / "r", "-p", "windoww", "3")
    assert proc.returncode == 2 and "unknown parameter 'windoww'" in proc.stderr
    assert "Traceback" not in proc.stderr
    proc = doculens("run", FIXTURES / "debate.txt", "--out", tmp_path / "r", "--only", "nope")
    assert proc.returncode == 2 and "matches no notebook" in proc.stderr
    proc = doculens("run", FIXTURES / "debate.txt", "--out", tmp_path / "r", "-p", "inputs", "[]")
    assert proc.returncode == 2 and "set by the runner" in proc.stderr
    assert not (tmp_path / "r").exists()


def _notebook(path, code):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    params = nbformat.v4.new_code_cell('inputs = []\nrun_name = ""\nout_dir = ""\ncache_dir = ""')
    params.metadata["tags"] = ["parameters"]
    nb.cells = [params] + [nbformat.v4.new_code_cell(c) for c in code]
    nbformat.write(nb, path)


@pytest.mark.slow
def test_failing_notebook_names_notebook_and_cell_and_keeps_old_report(tmp_path):
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    _notebook(notebooks / "01_segmentation.ipynb", ["x = 1"])
    _notebook(notebooks / "02_broken.ipynb", ["y = 2", "raise ValueError('deliberate failure')"])
    out = tmp_path / "report"
    earlier_report(out)
    proc = doculens("run", FIXTURES / "debate.txt", "--out", out, "--notebooks", notebooks,
                    "--cache-dir", tmp_path / "cache", env={"CI": "true"})
    assert proc.returncode == 1
    message = proc.stderr.strip().splitlines()[-1]
    assert "02_broken.ipynb failed in cell" in message and "ValueError: deliberate failure" in message
    assert (out / "index.html").read_text() == "earlier report"
    assert (tmp_path / "report.failed" / "notebooks" / "02_broken.ipynb").exists()
