"""`doculens run` on hostile input and a hostile machine: symbolic link loops, an unwritable
or full `--out`, a document too large to segment, labels with no speech, an input edited
during the run, reader warnings and Ctrl-C. Every refusal is one line, exit 2, no traceback,
and comes before any kernel starts."""

import errno
import hashlib
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT
from test_runner import _notebook, doculens, earlier_report

from doculens import outdir, runner, sentiment, topics, workbook
from doculens.outdir import MARKER, OutError, check_out
from doculens.reading import InputError, read_source
from doculens.runner import EXIT_BAD_INPUT, RunError

DEBATE = FIXTURES / "debate.txt"
NO_SPEECH = "Alice:\nBob:\n"


# --- helpers --------------------------------------------------------------------------------

@pytest.fixture
def no_kernels(monkeypatch):
    """Fail the test if the runner starts a kernel."""
    def must_not_start(*args, **kwargs):
        raise AssertionError("a kernel was started before the input was checked")

    monkeypatch.setattr(runner, "KernelPool", must_not_start)


class FakePool:
    """Stands in for KernelPool: no kernel, records what the runner asked of it."""

    made: list = []

    def __init__(self, size, *, cwd, env=None):
        self.env = env or {}
        self.stopping = threading.Event()
        FakePool.made.append(self)

    def acquire(self):
        return object()

    def release(self, km):
        pass

    def interrupt(self):
        self.stopping.set()

    def stop(self):
        self.stopping.set()

    def shutdown(self):
        pass


@pytest.fixture
def fake_kernels(monkeypatch, tmp_path):
    """Run the runner without kernels: each notebook "executes" by writing a stub."""
    FakePool.made = []
    monkeypatch.setattr(runner, "KernelPool", FakePool)

    def execute(nb, out_dir, parameters, *, km=None):
        target = out_dir / "notebooks" / nb.name
        target.parent.mkdir(exist_ok=True)
        target.write_text("{}")
        return target, 0.01

    def render_html(executed, out_dir, **page):
        page = out_dir / f"{executed.stem}.html"
        page.write_text("<p>report</p>")
        return page

    monkeypatch.setattr(runner, "execute", execute)
    monkeypatch.setattr(runner, "render_html", render_html)
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    _notebook(notebooks / "01_segmentation.ipynb", ["x = 1"])
    _notebook(notebooks / "02_other.ipynb", ["y = 2"])
    return notebooks


def _run(tmp_path, inputs, *, out=None, **options):
    return runner.run([str(i) for i in inputs], out=out or tmp_path / "report",
                      cache_dir=tmp_path / "cache", **options)


def _one_line_exit_2(caught) -> str:
    message = str(caught.value)
    assert caught.value.code == EXIT_BAD_INPUT
    assert message.startswith("doculens: error: ") and "\n" not in message, message
    return message


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if ".tmp-" in p.name or ".old-" in p.name)


def _cli_one_line(proc) -> str:
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    return lines[0]


# --- 1. symbolic link loops -----------------------------------------------------------------

def test_a_file_symlink_loop_is_one_line_exit_2(tmp_path, no_kernels):
    (tmp_path / "a.txt").symlink_to("b.txt")
    (tmp_path / "b.txt").symlink_to("a.txt")
    with pytest.raises(RunError) as caught:
        _run(tmp_path, [tmp_path / "a.txt"])
    assert _one_line_exit_2(caught) == (f"doculens: error: {tmp_path / 'a.txt'}: "
                                        f"{runner.SYMLINK_LOOP}")
    proc = doculens("run", tmp_path / "a.txt", "--out", tmp_path / "r", "--cache-dir", tmp_path / "c")
    assert "a.txt: symbolic link loop" in _cli_one_line(proc)
    assert not (tmp_path / "r").exists() and not (tmp_path / "c").exists()


def test_a_folder_holding_a_link_to_itself_is_one_line_exit_2(tmp_path, no_kernels):
    folder = tmp_path / "talks"
    folder.mkdir()
    (folder / "debate.txt").write_bytes(DEBATE.read_bytes())
    (folder / "loop.txt").symlink_to("loop.txt")  # a link to itself
    with pytest.raises(RunError) as caught:
        _run(tmp_path, [folder])
    assert f"{folder / 'loop.txt'}: symbolic link loop" in _one_line_exit_2(caught)
    proc = doculens("run", folder, "--out", tmp_path / "r", "--cache-dir", tmp_path / "c")
    assert "loop.txt: symbolic link loop" in _cli_one_line(proc)


@pytest.mark.parametrize("link, target, named", [
    ("self", ".", "self"),                          # a folder holding a link to itself
    ("sub/up", "..", "sub/up"),                      # to the folder above
    ("sub/deep/loop.srt", "loop.srt", "sub/deep/loop.srt"),  # a file loop in a subfolder
])
def test_a_folder_holding_a_link_back_into_itself_is_one_line_exit_2(tmp_path, no_kernels, link,
                                                                     target, named):
    folder = tmp_path / "talks"
    (folder / "sub" / "deep").mkdir(parents=True)
    (folder / "debate.txt").write_bytes(DEBATE.read_bytes())
    (folder / link).symlink_to(target)
    with pytest.raises(RunError) as caught:
        _run(tmp_path, [folder])
    assert f"{folder / named}: symbolic link loop" in _one_line_exit_2(caught)


def test_two_folders_linked_to_each_other_are_a_loop(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "talk.txt").write_bytes(DEBATE.read_bytes())
    (tmp_path / "a" / "to_b").symlink_to(tmp_path / "b")
    (tmp_path / "b" / "to_a").symlink_to(tmp_path / "a")
    with pytest.raises(RunError, match=r"a/to_b/to_a: symbolic link loop \(the link leads back "
                                       r"to a folder that holds it\)"):
        runner.check_inputs([tmp_path / "a"])


def test_links_that_do_not_loop_are_no_error(tmp_path):
    """One folder linked twice, hidden loops and report folders are not looked into."""
    folder = tmp_path / "talks"
    (folder / "one").mkdir(parents=True)
    (folder / "one" / "debate.txt").write_bytes(DEBATE.read_bytes())
    (folder / "two").symlink_to("one")
    (folder / ".hidden").symlink_to(".hidden")
    (folder / "report").mkdir()
    (folder / "report" / MARKER).write_text("{}")
    (folder / "report" / "back").symlink_to("..")
    assert runner.find_symlink_loop(folder) is None
    runner.check_inputs([folder])


def test_an_out_that_is_a_symlink_loop_is_one_line_exit_2(tmp_path, no_kernels):
    (tmp_path / "out").symlink_to("out")
    with pytest.raises(OutError, match="is a symbolic link loop"):
        check_out(tmp_path / "out", inputs=[DEBATE])
    with pytest.raises(RunError) as caught:
        _run(tmp_path, [DEBATE], out=tmp_path / "out")
    assert "symbolic link loop" in _one_line_exit_2(caught)


# --- 1. an unwritable or full --out -----------------------------------------------------------

@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders: permission "
                                              "bits are not enforced (see the os.access test)")
def test_cli_refuses_an_unwritable_out_parent(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    try:
        proc = doculens("run", DEBATE, "--out", locked / "report", "--cache-dir", tmp_path / "c")
        line = _cli_one_line(proc)
    finally:
        locked.chmod(0o755)
    assert line == f"doculens: error: cannot write the report to {locked / 'report'}: {locked} is not writable"


def test_an_unwritable_out_parent_is_refused_before_any_kernel(tmp_path, monkeypatch, no_kernels):
    """The same check as root: os.access says no for the folder that would hold --out."""
    locked = tmp_path / "locked"
    locked.mkdir()
    real_access = os.access
    monkeypatch.setattr(outdir.os, "access",
                        lambda path, mode: Path(path) != locked and real_access(path, mode))
    # a report already there does not make the folder around it writable
    earlier_report(locked / "report")
    with pytest.raises(RunError) as caught:
        _run(tmp_path, [DEBATE], out=locked / "report")
    assert _one_line_exit_2(caught).endswith(f"{locked} is not writable")
    assert (locked / "report" / "index.html").read_text() == "earlier report"


def _disk_full(filename):
    return OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(filename))


def test_a_full_disk_while_writing_the_report_is_one_line_exit_2(tmp_path, monkeypatch, fake_kernels):
    out = tmp_path / "report"
    earlier_report(out)

    def write_index(out_dir, **kwargs):
        raise _disk_full(out_dir / "index.html")

    monkeypatch.setattr(runner, "write_index", write_index)
    with pytest.raises(RunError) as caught:
        _run(tmp_path, [DEBATE], notebooks_dir=fake_kernels)
    message = _one_line_exit_2(caught)
    assert message.startswith(f"doculens: error: cannot write the report to {out}: "
                              f"No space left on device (")
    assert (out / "index.html").read_text() == "earlier report"
    assert _leftovers(tmp_path) == [] and not (tmp_path / "report.failed").exists()


def test_a_full_disk_before_any_kernel_is_one_line_exit_2(tmp_path, monkeypatch, no_kernels):
    def make_temporary(final):
        raise _disk_full(final.parent / ".report.tmp-1")

    monkeypatch.setattr(runner, "make_temporary", make_temporary)
    with pytest.raises(RunError) as caught:
        _run(tmp_path, [DEBATE])
    assert "No space left on device" in _one_line_exit_2(caught)


def test_a_full_disk_leaves_no_unmarked_temporary_folder(tmp_path, monkeypatch):
    real_write_text = Path.write_text

    def write_text(self, *args, **kwargs):
        if self.name == MARKER:
            raise _disk_full(self)
        return real_write_text(self, *args, **kwargs)

    monkeypatch.setattr(Path, "write_text", write_text)
    with pytest.raises(OSError):
        outdir.make_temporary(tmp_path / "report")
    assert list(tmp_path.iterdir()) == []


def test_a_notebook_that_fills_the_disk_is_exit_2(tmp_path, monkeypatch):
    import papermill
    from papermill.exceptions import PapermillExecutionError

    def full(*args, **kwargs):
        raise PapermillExecutionError(4, 4, "", "OSError",
                                      "[Errno 28] No space left on device: 'tables/x.parquet'", [])

    monkeypatch.setattr(papermill, "execute_notebook", full)
    (tmp_path / "01_a.ipynb").write_text("{}")
    with pytest.raises(RunError) as caught:
        runner.execute(tmp_path / "01_a.ipynb", tmp_path, {})
    assert caught.value.code == EXIT_BAD_INPUT and "No space left on device" in str(caught.value)

    def broken(*args, **kwargs):
        raise PapermillExecutionError(4, 4, "", "ValueError", "deliberate", [])

    monkeypatch.setattr(papermill, "execute_notebook", broken)
    with pytest.raises(RunError) as caught:
        runner.execute(tmp_path / "01_a.ipynb", tmp_path, {})
    assert caught.value.code == runner.EXIT_NOTEBOOK_FAILED


# --- 1. too large to segment, labels with no speech -------------------------------------------

def _out_of_memory(*args, **kwargs):
    raise MemoryError


def test_a_document_too_large_to_segment_is_one_line_exit_2(tmp_path, monkeypatch, no_kernels):
    monkeypatch.setattr(workbook, "segment_source", _out_of_memory)
    with pytest.raises(RunError) as caught:
        _run(tmp_path, [DEBATE])
    assert _one_line_exit_2(caught) == f"doculens: error: {DEBATE}: too large to segment in memory"


@pytest.mark.parametrize("module, where", [(workbook, "read_source"), (workbook, "segment_source"),
                                           (topics, "segment_topics"), (sentiment, "add_sentiment")])
def test_memory_errors_name_the_file(tmp_path, monkeypatch, module, where):
    monkeypatch.setattr(module, where, _out_of_memory)
    with pytest.raises(InputError, match="too large to segment in memory") as caught:
        workbook.load([DEBATE], cache_dir=tmp_path / "cache")
    assert Path(caught.value.path).name == "debate.txt"


def test_a_large_file_among_others_is_skipped_and_listed(tmp_path, monkeypatch):
    real = workbook.segment_source

    def segment(source, **kwargs):
        if source.name == "debate.txt":
            raise MemoryError
        return real(source, **kwargs)

    monkeypatch.setattr(workbook, "segment_source", segment)
    wb = workbook.build([DEBATE, FIXTURES / "talk.vtt"])
    assert list(wb.texts) == ["talk.vtt"]
    assert wb.failures.values.tolist() == [[str(DEBATE), "too large to segment in memory"]]


def test_labels_with_no_speech_are_one_line_exit_2(tmp_path, no_kernels):
    transcript = tmp_path / "labels.txt"
    transcript.write_text(NO_SPEECH, encoding="utf-8")
    with pytest.raises(RunError) as caught:
        _run(tmp_path, [transcript])
    assert _one_line_exit_2(caught) == (f"doculens: error: {transcript}: "
                                        "speaker labels but no speech (every turn is empty)")
    out = tmp_path / "report"
    earlier_report(out)
    proc = doculens("run", transcript, "--out", out, "--cache-dir", tmp_path / "c")
    assert "speaker labels but no speech" in _cli_one_line(proc)
    assert (out / "index.html").read_text() == "earlier report"
    assert _leftovers(tmp_path) == []


def test_labels_with_no_speech_among_other_inputs_are_listed(tmp_path):
    transcript = tmp_path / "labels.txt"
    transcript.write_text("Documentary | Nothing | Said\n\n" + NO_SPEECH, encoding="utf-8")
    wb = workbook.build([transcript, DEBATE])
    assert list(wb.texts) == ["debate.txt"]
    assert wb.failures["problem"].tolist() == ["speaker labels but no speech (every turn is empty)"]


# --- 1. the failure message names paths that exist --------------------------------------------

@pytest.mark.parametrize("failed_taken", [False, True])
def test_a_failed_runs_message_names_paths_that_exist(tmp_path, monkeypatch, fake_kernels, failed_taken):
    real_execute = runner.execute  # (the fake one)

    def execute(nb, out_dir, parameters, *, km=None):
        target, seconds = real_execute(nb, out_dir, parameters, km=km)
        if nb.stem == "02_other":
            raise RunError(f"doculens: error: notebook {nb.name} failed in cell 1 (execution "
                           f"count 1): ValueError: x (executed notebook kept in {target})", 1)
        return target, seconds

    monkeypatch.setattr(runner, "execute", execute)
    if failed_taken:  # a folder of the user's where the partial run would go
        (tmp_path / "report.failed").mkdir()
        (tmp_path / "report.failed" / "mine.txt").write_text("mine")
    with pytest.raises(RunError) as caught:
        _run(tmp_path, [DEBATE], notebooks_dir=fake_kernels)
    named = re.search(r"kept in (\S+)\)", str(caught.value)).group(1)
    assert Path(named).is_file() and Path(named).name == "02_other.ipynb"
    if failed_taken:
        assert (tmp_path / "report.failed" / "mine.txt").read_text() == "mine"
        assert ".report.tmp-" in named
    else:
        assert Path(named).parent.parent == tmp_path / "report.failed"
        assert not (Path(named).parent.parent / runner.PINNED).exists()


# --- 2. each input read once ------------------------------------------------------------------

def test_an_input_edited_while_it_is_read_keeps_text_and_hash_together(tmp_path, monkeypatch):
    transcript = tmp_path / "talk.txt"
    old = b"Ann: The old text. It was read.\n"
    new = b"Ann: A new text, written meanwhile.\n"
    transcript.write_bytes(old)
    reads = []
    real_read_bytes = Path.read_bytes

    def read_bytes(self):
        if self == transcript:
            reads.append(self)
        return real_read_bytes(self)

    def read_then_edit(path):  # the user saves the file right after doculens read it
        source = read_source(path)
        transcript.write_bytes(new)
        return source

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    monkeypatch.setattr(workbook, "read_source", read_then_edit)
    wb = workbook.load([transcript], cache_dir=tmp_path / "cache")
    assert wb.texts["talk.txt"] == old.decode()
    assert wb.meta["sources"][0]["sha256"] == hashlib.sha256(old).hexdigest()
    assert len(reads) <= 1  # read once, for the text and its hash alike
    monkeypatch.setattr(workbook, "read_source", read_source)
    # the cache holds the old text under the old bytes' key, the new one under its own
    assert workbook.load([transcript], cache_dir=tmp_path / "cache").texts["talk.txt"] == new.decode()
    transcript.write_bytes(old)
    assert workbook.load([transcript], cache_dir=tmp_path / "cache").texts["talk.txt"] == old.decode()


def test_a_pinned_workbook_is_what_load_returns_for_its_inputs(tmp_path, monkeypatch):
    transcript = tmp_path / "talk.txt"
    transcript.write_text("Ann: The old text.\n", encoding="utf-8")
    wb = workbook.load([transcript], cache_dir=tmp_path / "cache")
    pinned = workbook.pin(wb, tmp_path / "pin", inputs=[str(transcript)])
    transcript.write_text("Ann: A new text.\n", encoding="utf-8")
    monkeypatch.setenv(workbook.PIN_ENV, str(pinned))

    def must_not_read(path):
        raise AssertionError("read an input although the workbook was pinned")

    monkeypatch.setattr(workbook, "read_source", must_not_read)
    assert workbook.load([str(transcript)], cache_dir=tmp_path / "other").texts == wb.texts
    monkeypatch.undo()  # other inputs are read as usual
    monkeypatch.setenv(workbook.PIN_ENV, str(pinned))
    assert list(workbook.load([DEBATE], cache_dir=tmp_path / "cache").texts) == ["debate.txt"]
    # without a cache entry to link, the pin is written out
    wb.entry = None
    again = workbook.pin(wb, tmp_path / "pin2", inputs=[str(transcript)])
    assert workbook._read_entry(again).texts == wb.texts


@pytest.mark.slow
def test_an_input_edited_during_the_run_gives_the_notebooks_the_text_the_manifest_hashes(tmp_path):
    transcript = tmp_path / "talk.txt"
    old = "Ann: The old text. It was read first.\n\nBob: Indeed it was.\n"
    transcript.write_text(old, encoding="utf-8")
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    _notebook(notebooks / "01_segmentation.ipynb", [
        # the user edits the input while the notebook runs
        f"open({str(transcript)!r}, 'w').write('Zed: A new text, saved during the run.\\n')",
        "import json, os\nfrom doculens import workbook\n"
        "wb = workbook.load(inputs, cache_dir=cache_dir)\n"
        "open(os.path.join(out_dir, 'used.json'), 'w').write(json.dumps(wb.texts))",
    ])
    out = tmp_path / "report"
    proc = doculens("run", transcript, "--out", out, "--notebooks", notebooks,
                    "--cache-dir", tmp_path / "cache", env={"CI": "true"})
    assert proc.returncode == 0, proc.stderr
    manifest = json.loads((out / "manifest.json").read_text())
    used = json.loads((out / "used.json").read_text())
    assert used == {"talk.txt": old}
    assert manifest["sources"][0]["sha256"] == hashlib.sha256(old.encode()).hexdigest()
    assert not (out / runner.PINNED).exists()


# --- 3. reader warnings -----------------------------------------------------------------------

WARNINGS = ["no speaker labels: read as one unknown speaker",
            "3 invalid UTF-8 bytes at offsets 10, 11, 12 <replaced>"]


def _warning_reader(path):
    source = read_source(path)
    source.warnings = list(WARNINGS)
    return source


def test_warnings_are_carried_in_the_workbook_and_its_cache(tmp_path, monkeypatch):
    monkeypatch.setattr(workbook, "read_source", _warning_reader)
    wb = workbook.load([DEBATE], cache_dir=tmp_path / "cache")
    assert wb.meta["sources"][0]["warnings"] == WARNINGS
    assert workbook._read_entry(wb.entry).meta["sources"][0]["warnings"] == WARNINGS


def test_warnings_go_to_stderr_the_index_and_the_manifest(tmp_path, monkeypatch, capsys, fake_kernels):
    monkeypatch.setattr(workbook, "read_source", _warning_reader)
    index = _run(tmp_path, [DEBATE], notebooks_dir=fake_kernels)
    err = capsys.readouterr().err.splitlines()
    for warning in WARNINGS:
        assert f"doculens: warning: {DEBATE}: {warning}" in err
    page = index.read_text(encoding="utf-8")
    assert "<h2>Warnings</h2>" in page
    assert "<li><code>debate.txt</code>: no speaker labels: read as one unknown speaker</li>" in page
    assert "&lt;replaced&gt;" in page and "<replaced>" not in page
    manifest = json.loads((index.parent / "manifest.json").read_text())
    assert manifest["sources"][0]["warnings"] == WARNINGS
    assert not (index.parent / runner.PINNED).exists()
    # the kernels were started after the inputs were read, and told where the workbook is
    assert len(FakePool.made) == 1 and workbook.PIN_ENV in FakePool.made[0].env


def test_no_warnings_no_warnings_section(tmp_path, fake_kernels):
    index = _run(tmp_path, [DEBATE], notebooks_dir=fake_kernels)
    assert "<h2>Warnings</h2>" not in index.read_text(encoding="utf-8")


# --- 5. the README's table of bad input -------------------------------------------------------

def test_the_readme_quotes_the_runners_messages():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("### Bad input"):readme.index("<!-- bad input: rows above this line -->")]
    for message in [runner.SYMLINK_LOOP, runner.FOLDER_LOOP, workbook.TOO_LARGE,
                    "speaker labels but no speech (every turn is empty)",
                    "cannot write the report to OUT: it is a symbolic link loop",
                    "is not writable", "No space left on device", "is a file, not a folder",
                    "(it is the current folder or holds it)", "(it holds the input FILE)",
                    "(it is a file)", "expected an integer, got 'abc'", "is set by the runner",
                    "matches no notebook", "no such file"]:
        assert message in table, message


# --- 4. Ctrl-C --------------------------------------------------------------------------------

def _plain_ctrl_c():
    """Ctrl-C as a terminal gives it: SIGINT neither blocked nor ignored (a library an
    earlier test loaded may leave it otherwise in the test process, and a child inherits a
    blocked or ignored signal)."""
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    signal.signal(signal.SIGINT, signal.default_int_handler)


@pytest.fixture
def plain_ctrl_c():
    mask = signal.pthread_sigmask(signal.SIG_BLOCK, set())
    handler = signal.getsignal(signal.SIGINT)
    _plain_ctrl_c()
    yield
    signal.pthread_sigmask(signal.SIG_SETMASK, mask)
    signal.signal(signal.SIGINT, handler if handler is not None else signal.default_int_handler)


def test_ctrl_c_removes_the_temporary_folder_and_stops_the_pool(tmp_path, monkeypatch, fake_kernels,
                                                                plain_ctrl_c):
    import _thread

    out = tmp_path / "report"
    earlier_report(out)

    def execute(nb, out_dir, parameters, *, km=None):  # a notebook that runs until stopped
        (out_dir / "notebooks").mkdir(exist_ok=True)
        (out_dir / "notebooks" / nb.name).write_text("{}")
        _thread.interrupt_main()  # as Ctrl-C does
        assert FakePool.made[0].stopping.wait(10)
        raise RunError("interrupted", 1)

    monkeypatch.setattr(runner, "execute", execute)
    sent = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        _run(tmp_path, [DEBATE], notebooks_dir=fake_kernels)
    assert time.monotonic() - sent < 30  # liveness, not speed: it stops rather than hangs
    assert FakePool.made[0].stopping.is_set()
    assert (out / "index.html").read_text() == "earlier report"
    assert _leftovers(tmp_path) == [] and not (tmp_path / "report.failed").exists()


def test_ctrl_c_is_held_back_while_the_report_is_swapped_in(plain_ctrl_c):
    with runner._interrupt_held():
        os.kill(os.getpid(), signal.SIGINT)  # dropped: the renames must not be cut in two
        time.sleep(0.05)
    with pytest.raises(KeyboardInterrupt):  # and the usual handler is back
        os.kill(os.getpid(), signal.SIGINT)
        time.sleep(1)


@pytest.mark.slow
def test_ctrl_c_stops_the_kernels_at_once_and_keeps_the_earlier_report(tmp_path, plain_ctrl_c):
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    started = tmp_path / "started"
    _notebook(notebooks / "01_segmentation.ipynb", [
        f"import os\nopen({str(started)!r}, 'w').write(str(os.getpid()))",
        "import time\ntime.sleep(60)",
    ])
    out = tmp_path / "report"
    earlier_report(out)
    proc = subprocess.Popen([sys.executable, "-m", "doculens", "run", str(DEBATE), "--out", str(out),
                             "--notebooks", str(notebooks), "--cache-dir", str(tmp_path / "cache"),
                             "--jobs", "1"], cwd=ROOT, env={**os.environ, "CI": "true"},
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            preexec_fn=_plain_ctrl_c)
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(proc.stderr), daemon=True)
    reader.start()
    try:
        deadline = time.monotonic() + 240
        while not (any("running 1 notebook" in line for line in lines) and started.exists()
                   and started.read_text()):
            assert proc.poll() is None, "".join(lines)
            assert time.monotonic() < deadline, "the notebook never started: " + "".join(lines)
            time.sleep(0.1)
        kernel_pid = int(started.read_text())
        time.sleep(0.5)  # well inside time.sleep(60)
        sent = time.monotonic()
        proc.send_signal(signal.SIGINT)
        code = proc.wait(timeout=15)
        elapsed = time.monotonic() - sent
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    reader.join(5)
    assert code == 130, "".join(lines)
    assert elapsed < 15
    assert "Traceback" not in "".join(lines)
    assert lines[-1].strip() == "doculens: interrupted; the earlier report is untouched"
    assert (out / "index.html").read_text() == "earlier report" and (out / MARKER).exists()
    assert _leftovers(tmp_path) == [] and not (tmp_path / "report.failed").exists()
    for _ in range(50):  # the kernel is gone, not left sleeping
        try:
            os.kill(kernel_pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.1)
    else:
        pytest.fail(f"kernel {kernel_pid} still runs")


def test_a_kernel_that_died_is_started_again_once():
    """A kernel that dies before it answers (it happens, rarely, at start) is restarted once
    before a notebook gets it; a second death is the run's error."""
    import queue

    class Km:
        restarts = 0

        def restart_kernel(self, now=False):
            Km.restarts += 1

    def pool_with(failures):
        pool = runner.KernelPool.__new__(runner.KernelPool)
        pool.stopping, pool.idle = threading.Event(), queue.Queue()
        pool.idle.put(Km())
        left = [failures]

        def run(km, code):
            if left[0]:
                left[0] -= 1
                raise RuntimeError("Kernel died before replying to kernel_info")
        pool._run = run
        return pool

    assert isinstance(pool_with(1).acquire(), Km) and Km.restarts == 1
    with pytest.raises(RuntimeError, match="Kernel died"):
        pool_with(2).acquire()
    assert Km.restarts == 2
