"""`-p KEY VALUE`: every value is checked against its notebook's parameters cell before any
kernel starts; a bad one is exit 2 with one line and no traceback."""

import json
import os
import subprocess
import sys

import nbformat
import pytest

from conftest import FIXTURES, ROOT
from doculens import runner
from doculens.runner import (EXIT_BAD_INPUT, RunError, check_inputs, check_parameters,
                             check_type, find_notebooks, notebook_parameters, parse_value)

NOTEBOOKS = ROOT / "notebooks"
BAD = [  # (KEY, VALUE as typed, words the message must hold)
    ("top_n", "abc", "expected an integer, got 'abc'"),
    ("max_speakers", "many", "expected an integer, got 'many'"),
    ("window", "1.5", "expected an integer, got 1.5"),
    ("targets", "[1,2]", "must hold names"),
    ("max_documents", "0", "expected a positive integer, got 0"),
    ("n_evidence", "-2", "expected a positive integer, got -2"),
]


def doculens(*args, cwd=ROOT):
    """Run the command line as a user would; return the completed process."""
    return subprocess.run([sys.executable, "-m", "doculens", *map(str, args)], cwd=cwd,
                          env={**os.environ, "CI": "true"}, capture_output=True, text=True,
                          timeout=300)


@pytest.fixture(scope="module")
def notebooks():
    return find_notebooks(NOTEBOOKS)


def _notebook(path, parameters):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    cell = nbformat.v4.new_code_cell(parameters)
    cell.metadata["tags"] = ["parameters"]
    nb.cells = [cell, nbformat.v4.new_code_cell("x = 1")]
    nbformat.write(nb, path)
    return path


def test_a_count_of_zero_is_refused_but_a_context_of_zero_is_not(notebooks):
    assert check_parameters(notebooks, {"context_sentences": 0})
    with pytest.raises(RunError, match="-p window: expected a positive integer, got 0"):
        check_parameters(notebooks, {"window": 0})


def test_defaults_are_read_from_the_parameters_cell(notebooks):
    claims = notebook_parameters(NOTEBOOKS / "04_numeric_claims.ipynb")
    assert claims["top_n"] == 15 and claims["default_currency"] == "USD"
    assert set(runner.RUNNER_PARAMETERS) <= set(claims)
    assert notebook_parameters(NOTEBOOKS / "02_sentiment.ipynb")["window"] == 9
    for nb in notebooks:  # the same names papermill sees
        import papermill

        assert set(notebook_parameters(nb)) == set(papermill.inspect_notebook(str(nb)))


@pytest.mark.parametrize("key, text, problem", BAD)
def test_check_parameters_refuses_a_value_of_the_wrong_kind(notebooks, key, text, problem):
    with pytest.raises(RunError) as caught:
        check_parameters(notebooks, {key: parse_value(text)})
    message = str(caught.value)
    assert caught.value.code == EXIT_BAD_INPUT
    assert message.startswith(f"doculens: error: -p {key}: ") and problem in message
    assert "\n" not in message


@pytest.mark.parametrize("key, text, problem", BAD)
def test_cli_refuses_a_bad_value_with_one_line_and_exit_2(tmp_path, key, text, problem):
    out = tmp_path / "r"
    proc = doculens("run", FIXTURES / "debate.txt", "--out", out, "--cache-dir", tmp_path / "cache",
                    "-p", key, text)
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert f"-p {key}: " in lines[0] and problem in lines[0]
    assert "Traceback" not in proc.stderr
    assert proc.stdout == ""
    assert not out.exists() and not (tmp_path / "cache").exists()  # nothing was read or written


def test_no_kernel_starts_when_a_value_is_bad(tmp_path, monkeypatch, notebooks):
    started = []

    def must_not_run(*args, **kwargs):
        started.append(args)
        raise AssertionError("reached after validation")

    monkeypatch.setattr(runner, "KernelPool", must_not_run)
    monkeypatch.setattr("doculens.workbook.load", must_not_run)
    for key, text, _ in BAD:
        with pytest.raises(RunError):
            runner.run([str(FIXTURES / "debate.txt")], out=tmp_path / "r",
                       parameters={key: parse_value(text)}, cache_dir=tmp_path / "cache")
    with pytest.raises(RunError, match="no such file"):
        runner.run([str(tmp_path / "missing.txt")], out=tmp_path / "r", cache_dir=tmp_path / "cache")
    assert started == [] and not (tmp_path / "r").exists()


def test_check_type_rules():
    assert check_type(5, 15) == 5 and check_type(2, 0.5) == 2 and check_type(2.5, 0.5) == 2.5
    assert check_type(False, True) is False and check_type("EUR", "USD") == "EUR"
    assert check_type([1], [0]) == [1] and check_type({"a": 1}, {}) == {"a": 1}
    assert check_type("anything", None) == "anything"
    for value, default in [(True, 1), (1.5, 1), ("1", 1), (True, 0.5), ("x", 0.5), (1, True),
                           ("true", True), (5, "USD"), ({"a": 1}, [0]), ([1], {}), ("[1]", [0])]:
        with pytest.raises(ValueError, match="^expected "):
            check_type(value, default)


def test_types_come_from_each_declaring_notebook(tmp_path):
    folder = tmp_path / "notebooks"
    folder.mkdir()
    common = 'inputs = []\nrun_name = ""\nout_dir = ""\ncache_dir = ""\n'
    a = _notebook(folder / "01_a.ipynb", common + "ratio = 0.5  # a float\nflag = False\n")
    b = _notebook(folder / "02_b.ipynb", common + "label: str = 'x'\nanything = None\n"
                                                  "computed = len('abc')\nnames = ['a']\n")
    nbs = find_notebooks(folder)
    got = check_parameters(nbs, {"ratio": 2, "flag": True, "label": "y", "anything": [1],
                                 "computed": "whatever", "names": ["b", "c"]})
    assert got == {a: {"ratio": 2, "flag": True},
                   b: {"label": "y", "anything": [1], "computed": "whatever", "names": ["b", "c"]}}
    for key, value, problem in [("ratio", "half", "expected a number, got 'half'"),
                                ("flag", 1, "expected true or false, got 1"),
                                ("label", 3, "expected a string, got 3"),
                                ("names", "a", "expected a JSON list")]:
        with pytest.raises(RunError, match=f"-p {key}: {problem}"):
            check_parameters(nbs, {key: value})


def test_good_values_pass(notebooks):
    got = check_parameters(notebooks, {"top_n": parse_value("5"), "max_speakers": 3})
    claims = next(nb for nb in notebooks if nb.stem == "04_numeric_claims")
    assert got[claims] == {"top_n": 5, "max_speakers": 3}
    overview = next(nb for nb in notebooks if nb.stem == "00_overview")
    assert got[overview] == {}  # it has no max_speakers: the value goes only where declared
    assert all(v == {"max_speakers": 3} for nb, v in got.items() if nb not in (claims, overview))


@pytest.mark.parametrize("text, expected", [
    ("Trump", "Trump"),
    ("auto", "auto"),
    ('["A","B"]', ["A", "B"]),
    ('{"A": ["a"]}', {"A": ["a"]}),
])
def test_targets_take_every_form(notebooks, text, expected):
    got = check_parameters(notebooks, {"targets": parse_value(text)})
    stance = next(nb for nb in notebooks if nb.stem == "03_stance")
    assert got[stance] == {"targets": expected}


@pytest.mark.parametrize("suffix, body", [
    (".yaml", "Ann Lee: [Ann, Ms Lee]\nBob Kane: Bob\n"),
    (".yml", "- Ann Lee\n- Bob Kane\n"),
    (".json", json.dumps({"Ann Lee": ["Ann"]})),
])
def test_a_targets_file_is_checked_and_made_absolute(tmp_path, monkeypatch, notebooks, suffix, body):
    (tmp_path / f"people{suffix}").write_text(body, encoding="utf-8")
    stance = next(nb for nb in notebooks if nb.stem == "03_stance")
    absolute = str((tmp_path / f"people{suffix}").resolve())
    # absolute already
    assert check_parameters(notebooks, {"targets": absolute})[stance] == {"targets": absolute}
    # relative to the command's folder, not to notebooks/ where the notebook runs
    monkeypatch.chdir(tmp_path)
    assert check_parameters(notebooks, {"targets": f"people{suffix}"})[stance] == {"targets": absolute}
    sub = tmp_path / "sub"
    sub.mkdir()
    got = check_parameters(notebooks, {"targets": f"../people{suffix}"}, base_dir=sub)
    assert got[stance] == {"targets": absolute}


def test_a_bad_targets_file_is_one_line(tmp_path, monkeypatch, notebooks):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(RunError) as caught:
        check_parameters(notebooks, {"targets": "people.yaml"})
    assert str(caught.value) == f"doculens: error: -p targets: file not found: {tmp_path.resolve() / 'people.yaml'}"
    (tmp_path / "bad.yaml").write_text("a: [unclosed\n", encoding="utf-8")
    with pytest.raises(RunError, match=r"^doculens: error: -p targets: cannot read .*bad\.yaml") as caught:
        check_parameters(notebooks, {"targets": "bad.yaml"})
    assert "\n" not in str(caught.value)


def test_cli_reads_a_relative_targets_file_from_its_own_folder(tmp_path):
    """The same check runs in the command: a missing relative file is named by its absolute path."""
    proc = doculens("run", FIXTURES / "debate.txt", "--out", tmp_path / "r", "-p", "targets",
                    "people.yaml", cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr.strip() == (f"doculens: error: -p targets: file not found: "
                                   f"{tmp_path.resolve() / 'people.yaml'}")


def test_missing_inputs_are_refused_before_any_kernel(tmp_path):
    with pytest.raises(RunError, match="missing.txt: no such file") as caught:
        check_inputs([tmp_path / "missing.txt"])
    assert caught.value.code == EXIT_BAD_INPUT
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(RunError, match="holds no .txt"):
        check_inputs([empty])
    check_inputs([tmp_path / "missing.txt", FIXTURES / "debate.txt"])  # one file is enough
    proc = doculens("run", tmp_path / "missing.txt", "--out", tmp_path / "r")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert proc.stderr.strip() == f"doculens: error: {tmp_path / 'missing.txt'}: no such file"
