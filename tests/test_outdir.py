"""`--out` never costs a user a file: only folders a doculens run made are replaced."""

import json
import os
import stat
import threading

import pytest

from conftest import FIXTURES
from test_runner import doculens

from doculens.outdir import MARKER, OutError, check_out, clean_leftovers, keep_failed, make_temporary, swap_in


def _project(tmp_path):
    """A user's project folder: notes, a data folder with the transcript."""
    project = tmp_path / "project"
    (project / "data").mkdir(parents=True)
    (project / "notes.md").write_text("my notes")
    transcript = project / "data" / "debate.txt"
    transcript.write_bytes((FIXTURES / "debate.txt").read_bytes())
    return project, transcript


def _snapshot(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() if p.is_file() else None
            for p in sorted(folder.rglob("*"))}


def _refused(proc, what):
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in proc.stderr, proc.stderr
    assert f"refusing to replace {what}: not a doculens report" in lines[0]
    return lines[0]


@pytest.mark.parametrize("out", [".", "data", "..", "notes.md", "elsewhere"])
def test_cli_refuses_every_folder_or_file_it_did_not_make(tmp_path, out):
    project, transcript = _project(tmp_path)
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "thesis.tex").write_text("years of work")
    before, outside = _snapshot(project), _snapshot(tmp_path / "elsewhere")
    target = out if out != "elsewhere" else str(tmp_path / "elsewhere")
    proc = doculens("run", "data/debate.txt", "--out", target, "--cache-dir", tmp_path / "cache",
                    cwd=project)
    _refused(proc, target)
    assert _snapshot(project) == before and _snapshot(tmp_path / "elsewhere") == outside
    assert not [p for p in tmp_path.rglob(".*tmp-*")]


def test_cli_refuses_the_inputs_own_folder_given_by_absolute_path(tmp_path):
    project, transcript = _project(tmp_path)
    before = _snapshot(project)
    proc = doculens("run", transcript, "--out", transcript.parent, cwd=tmp_path)
    assert "holds the input" in _refused(proc, str(transcript.parent))
    assert _snapshot(project) == before


def test_out_under_a_file_is_one_line_exit_2(tmp_path):
    project, transcript = _project(tmp_path)
    proc = doculens("run", transcript, "--out", project / "notes.md" / "report", cwd=tmp_path)
    assert proc.returncode == 2 and len(proc.stderr.strip().splitlines()) == 1
    assert "is a file, not a folder" in proc.stderr and "Traceback" not in proc.stderr
    assert (project / "notes.md").read_text() == "my notes"


def test_check_out_accepts_new_empty_and_marked_folders(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert check_out(tmp_path / "new" / "report", inputs=[]) == tmp_path / "new" / "report"
    (tmp_path / "empty").mkdir()
    assert check_out("empty", inputs=[]) == tmp_path / "empty"
    marked = tmp_path / "marked"
    marked.mkdir()
    (marked / MARKER).write_text("{}")
    (marked / "index.html").write_text("old")
    assert check_out(marked, inputs=[FIXTURES / "debate.txt"]) == marked
    # a report from before the marker: manifest.json and index.html
    legacy = tmp_path / "legacy"
    legacy.mkdir()
    (legacy / "index.html").write_text("old")
    (legacy / "manifest.json").write_text(json.dumps({"doculens": "0.1.0", "run_name": "x",
                                                      "notebooks": []}))
    assert check_out(legacy, inputs=[]) == legacy
    # but a report that holds one of the inputs is never replaced
    (marked / "talk.txt").write_text("Ann: hi")
    with pytest.raises(OutError, match="holds the input"):
        check_out(marked, inputs=[marked / "talk.txt"])


def test_check_out_refuses_a_manifest_that_is_not_ours(tmp_path):
    folder = tmp_path / "web"
    folder.mkdir()
    (folder / "index.html").write_text("site")
    (folder / "manifest.json").write_text('{"name": "my web app"}')
    with pytest.raises(OutError, match="not a doculens report"):
        check_out(folder, inputs=[])
    link = tmp_path / "link"
    link.symlink_to(tmp_path / "web")
    with pytest.raises(OutError, match="not a doculens report"):
        check_out(link, inputs=[])


def test_swap_in_replaces_a_report_and_refuses_what_appeared_meanwhile(tmp_path):
    final = tmp_path / "report"
    first = make_temporary(final)
    (first / "index.html").write_text("one")
    swap_in(first, final)
    second = make_temporary(final)
    (second / "index.html").write_text("two")
    swap_in(second, final)
    assert (final / "index.html").read_text() == "two"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report"]
    mine = tmp_path / "mine"
    third = make_temporary(mine)
    mine.mkdir()
    (mine / "data.csv").write_text("precious")
    with pytest.raises(OutError, match="appeared during the run"):
        swap_in(third, mine)
    assert (mine / "data.csv").read_text() == "precious" and third.exists()


def test_report_folders_follow_the_umask(tmp_path):
    old = os.umask(0o022)
    try:
        tmp = make_temporary(tmp_path / "report")
    finally:
        os.umask(old)
    assert stat.S_IMODE(tmp.stat().st_mode) == 0o755


def test_concurrent_swaps_into_one_folder_never_fail(tmp_path):
    final = tmp_path / "report"
    errors = []

    def runner(n):
        for i in range(40):
            tmp = make_temporary(final)
            (tmp / "index.html").write_text(f"{n}-{i}")
            try:
                swap_in(tmp, final)
            except Exception as err:  # pragma: no cover - the assertion below reports it
                errors.append(repr(err))

    threads = [threading.Thread(target=runner, args=(n,)) for n in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert (final / "index.html").read_text().count("-") == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report"]


def test_leftovers_of_dead_runs_are_cleaned_and_live_or_foreign_ones_kept(tmp_path):
    final = tmp_path / "report"
    dead = tmp_path / ".report.tmp-999999999-abc"
    dead.mkdir()
    (dead / MARKER).write_text("{}")
    live = make_temporary(final)  # this process is alive
    foreign = tmp_path / ".report.tmp-999999998-xyz"
    foreign.mkdir()
    (foreign / "keep.txt").write_text("not ours")
    assert clean_leftovers(final) == [dead]
    assert live.exists() and foreign.exists() and not dead.exists()


def test_keep_failed_never_replaces_a_folder_it_did_not_make(tmp_path):
    final = tmp_path / "report"
    (tmp_path / "report.failed").mkdir()
    (tmp_path / "report.failed" / "mine.txt").write_text("user's")
    tmp = make_temporary(final)
    assert keep_failed(tmp, final) == tmp
    assert (tmp_path / "report.failed" / "mine.txt").read_text() == "user's"
    (tmp_path / "report.failed" / "mine.txt").unlink()
    (tmp_path / "report.failed").rmdir()
    assert keep_failed(tmp, final) == tmp_path / "report.failed"
    assert (tmp_path / "report.failed" / MARKER).exists()
