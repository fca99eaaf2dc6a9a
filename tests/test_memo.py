"""doculens.memo: an analysis of a workbook computed once and shared, never for other text,
parameters or code, and never twice at once."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
import threading
import time

import pandas as pd
import pytest

from conftest import FIXTURES

from doculens import claims, memo, stance
from doculens.workbook import build, load


@pytest.fixture
def wb(tmp_path):
    return load([FIXTURES / "debate_stance.txt", FIXTURES / "claims_small.txt"],
                cache_dir=tmp_path / "cache", jobs=1)


def counting(value):
    calls = []

    def compute():
        calls.append(1)
        return value
    return compute, calls


def test_a_remembered_analysis_is_computed_once(wb):
    compute, calls = counting(pd.DataFrame({"a": [1, 2], "b": ["x", None]}))
    first = memo.remember(wb, "demo", compute, n=1)
    again = memo.remember(wb, "demo", compute, n=1)
    assert len(calls) == 1
    pd.testing.assert_frame_equal(first, again)
    memo.remember(wb, "demo", compute, n=2)  # other parameters: computed again
    assert len(calls) == 2


def test_stance_and_claims_read_back_exactly(wb):
    fresh = stance.analyse(wb.sentences, speakers=wb.speakers)
    stance.analyse(wb)
    kept = stance.analyse(wb)  # read from the workbook's folder
    for field in dataclasses.fields(fresh):
        a, b = getattr(fresh, field.name), getattr(kept, field.name)
        if isinstance(a, pd.DataFrame):
            pd.testing.assert_frame_equal(a, b, obj=field.name)
        else:
            assert a == b
    claims.claims_table(wb)
    pd.testing.assert_frame_equal(claims.claims_table(wb), claims.claims_table(wb.sentences))
    stored = list((wb.entry / memo.ANALYSES).iterdir())
    assert sorted(p.name.split("-")[0] for p in stored) == ["claims", "stance"]


def test_other_targets_are_another_analysis(wb):
    auto = stance.analyse(wb)
    given = stance.analyse(wb, targets={"Linda Park": ["Park"]})
    assert list(given.targets["target"]) == ["Linda Park"]
    assert list(auto.targets["target"]) != ["Linda Park"]


def test_a_workbook_without_a_folder_is_computed_every_time():
    wb = build([FIXTURES / "debate.txt"])
    compute, calls = counting(pd.DataFrame({"a": [1]}))
    memo.remember(wb, "demo", compute)
    memo.remember(wb, "demo", compute)
    assert len(calls) == 2


def test_the_second_asker_waits_for_the_first(wb, monkeypatch):
    monkeypatch.setattr(memo, "_POLL", 0.05)
    value = pd.DataFrame({"a": [7]})
    key = memo._key("demo", {})
    where = wb.entry / memo.ANALYSES / f"demo-{key}"
    where.parent.mkdir(exist_ok=True)
    lock = where.parent / f".{where.name}{memo._LOCK}"
    lock.write_text(str(os.getpid()))  # another computation is under way (a live process)

    def finish():
        time.sleep(0.5)
        memo._write(where, value)
        lock.unlink()

    thread = threading.Thread(target=finish)
    thread.start()
    compute, calls = counting(pd.DataFrame({"a": [0]}))
    got = memo.remember(wb, "demo", compute)
    thread.join()
    assert calls == [] and got["a"].tolist() == [7]


def test_a_lock_left_by_a_dead_process_is_taken_over(wb, monkeypatch):
    monkeypatch.setattr(memo, "_POLL", 0.05)
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    key = memo._key("demo", {})
    where = wb.entry / memo.ANALYSES / f"demo-{key}"
    where.parent.mkdir(exist_ok=True)
    (where.parent / f".{where.name}{memo._LOCK}").write_text(str(dead.pid))
    compute, calls = counting(pd.DataFrame({"a": [1]}))
    assert memo.remember(wb, "demo", compute)["a"].tolist() == [1]
    assert calls == [1]
    assert not (where.parent / f".{where.name}{memo._LOCK}").exists()
