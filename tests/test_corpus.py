"""Corpus mode (doculens.corpus): each file segmented on its own, cached per file, run in a
local process pool or on a Dask cluster, and combined with ids unique within the run.

The Dask test starts a ``distributed.LocalCluster`` on loopback (two worker processes) and
asserts that every table equals the local run's."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pandas as pd
import pytest

from conftest import FIXTURES, ROOT

from doculens import corpus, workbook
from doculens.reading import read_source
from doculens.workbook import TABLES, build, load

SEED = ROOT / "seeds"


def corpus_folder(tmp_path, n=4):
    """``n`` distinct small transcripts (the debate fixture with a numbered closing line),
    plus the talk captions and a file with a speaker who recurs under a fuller name."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    debate = (FIXTURES / "debate.txt").read_text(encoding="utf-8")
    for i in range(n):
        (folder / f"debate_{i:02d}.txt").write_text(
            debate + f"\nMODERATOR: That closes evening number {i + 1}. Good night.\n", encoding="utf-8")
    shutil.copy(FIXTURES / "talk.vtt", folder / "talk.vtt")
    return folder


def assert_same_tables(a, b):
    for name in TABLES:
        pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name), obj=name)
    assert a.texts == b.texts
    assert a.meta == b.meta


def test_ids_are_unique_and_follow_the_input_order(tmp_path):
    wb = build([corpus_folder(tmp_path)])
    for table, column in [("documents", "doc_id"), ("turns", "turn_id"),
                          ("sentences", "sentence_id"), ("topics", "topic_id")]:
        ids = getattr(wb, table)[column].tolist()
        assert ids == list(range(1, len(ids) + 1)), (table, column)
    # every reference points at a row of its table, in the same document
    sentences = wb.sentences
    assert set(sentences["turn_id"]) <= set(wb.turns["turn_id"])
    assert set(sentences["topic_id"].dropna()) == set(wb.topics["topic_id"])
    turn_doc = wb.turns.set_index("turn_id")["doc_id"]
    assert (sentences["doc_id"].to_numpy() == turn_doc.loc[sentences["turn_id"]].to_numpy()).all()
    topic = wb.topics.set_index("topic_id")
    firsts = wb.sentences.set_index("sentence_id").loc[topic["first_sentence_id"]]
    assert (firsts["doc_id"].to_numpy() == topic["doc_id"].to_numpy()).all()
    # each document's offsets index its own source's text
    for row in wb.sentences.sample(20, random_state=1).itertuples():
        assert wb.source_text(row.doc_id)[row.start:row.end] == row.text
    # documents follow the sorted file order
    assert wb.documents["source"].drop_duplicates().tolist() == sorted(wb.texts)
    # a speaker's docs list the run's ids, not the file's
    docs = {int(d) for value in wb.speakers["docs"] for d in str(value).split(";") if d}
    assert docs <= set(wb.documents["doc_id"]) and max(docs) > 1


def test_a_process_pool_gives_the_same_tables(tmp_path):
    folder = corpus_folder(tmp_path)
    assert_same_tables(build([folder], jobs=1), build([folder], jobs=2))


def test_one_file_segmented_alone_equals_its_part_of_a_corpus(tmp_path):
    folder = corpus_folder(tmp_path)
    alone = build([folder / "debate_02.txt"])
    run = build([folder])
    doc = run.documents.loc[run.documents["source"] == "debate_02.txt", "doc_id"].iloc[0]
    first = doc - 1
    mine = run.sentences[run.sentences["doc_id"] == doc]
    assert mine["text"].tolist() == alone.sentences["text"].tolist()
    assert (mine["doc_id"] - first).tolist() == alone.sentences["doc_id"].tolist()
    assert mine["compound"].tolist() == alone.sentences["compound"].tolist()
    assert (mine["start"].tolist(), mine["end"].tolist()) == (alone.sentences["start"].tolist(),
                                                              alone.sentences["end"].tolist())


def test_adding_a_file_segments_only_that_file(tmp_path):
    folder = corpus_folder(tmp_path, n=3)
    cache = tmp_path / "cache"
    paths = sorted(p for p in folder.iterdir())
    first = corpus.segment_files([read_source(p) for p in paths], jobs=1, cache_dir=cache)
    assert not any(r.cached for r in first)
    extra = folder / "debate_99.txt"
    extra.write_text("ANN: A new evening. We talk about bridges.\nBOB: Bridges are fine.\n",
                     encoding="utf-8")
    paths = sorted(p for p in folder.iterdir())
    second = corpus.segment_files([read_source(p) for p in paths], jobs=1, cache_dir=cache)
    fresh = [os.path.basename(r.path) for r in second if not r.cached]
    assert fresh == ["debate_99.txt"]
    # a cached file gives the same tables as a fresh one
    for a, b in zip(first, [r for r in second if os.path.basename(r.path) != "debate_99.txt"]):
        for name in corpus.FILE_TABLES:
            pd.testing.assert_frame_equal(a.tables[name], b.tables[name], obj=name)


def test_load_reuses_the_per_file_cache_and_matches_build(tmp_path):
    folder = corpus_folder(tmp_path, n=2)
    cache = tmp_path / "cache"
    once = load([folder], cache_dir=cache, jobs=1)
    (folder / "late.txt").write_text("ANN: One more file. It is short.\n", encoding="utf-8")
    again = load([folder], cache_dir=cache, jobs=1)
    assert len(list((cache / "files").iterdir())) == 4  # 3 files + 1 added, one entry each
    assert len(again.documents) == len(once.documents) + 1
    assert_same_tables(again, build([folder]))


def test_a_changed_file_is_segmented_again(tmp_path):
    folder = corpus_folder(tmp_path, n=2)
    cache = tmp_path / "cache"
    load([folder], cache_dir=cache, jobs=1)
    (folder / "debate_00.txt").write_text("ANN: Entirely new words about rivers.\n", encoding="utf-8")
    wb = load([folder], cache_dir=cache, jobs=1)
    assert "rivers" in " ".join(wb.sentences["text"])


def test_a_bad_file_is_listed_and_the_rest_go_on(tmp_path):
    folder = corpus_folder(tmp_path, n=2)
    (folder / "labels_only.txt").write_text("Alice:\nBob:\n", encoding="utf-8")
    shutil.copy(FIXTURES / "binary.txt", folder / "binary.txt")
    wb = build([folder], jobs=2)
    assert sorted(os.path.basename(p) for p in wb.failures["path"]) == ["binary.txt", "labels_only.txt"]
    assert len(wb.documents) == 3


def test_progress_is_plain_lines_without_a_terminal(tmp_path, capsys):
    folder = corpus_folder(tmp_path, n=3)
    corpus.segment_files([read_source(p) for p in sorted(folder.iterdir())], jobs=1)
    err = capsys.readouterr().err
    assert "segmented 4/4 files" in err and "\r" not in err


@pytest.mark.parametrize("address", ["nonsense://x", "localhost", "tcp://host", "x y:1"])
def test_a_bad_scheduler_address_is_refused(address):
    with pytest.raises(corpus.SchedulerError, match="not a Dask scheduler address"):
        corpus.check_scheduler(address)


def test_the_runner_refuses_a_bad_scheduler_before_reading(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "doculens", "run", str(FIXTURES / "debate.txt"),
                           "--out", str(tmp_path / "out"), "--scheduler", "localhost"],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines() == [
        "doculens: error: not a Dask scheduler address: 'localhost' (expected tcp://HOST:PORT)"]
    assert not (tmp_path / "out").exists()


def test_an_unreachable_scheduler_is_one_line(tmp_path, monkeypatch):
    monkeypatch.setattr(corpus, "CONNECT_TIMEOUT", 1)
    with pytest.raises(corpus.SchedulerError, match="cannot reach the Dask scheduler at tcp://127.0.0.1:9"):
        load([FIXTURES / "debate.txt"], cache_dir=tmp_path / "cache", scheduler="tcp://127.0.0.1:9")


@pytest.fixture(scope="module")
def cluster():
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  host="127.0.0.1", dashboard_address=None) as local:
        yield local


def test_dask_gives_the_local_tables(tmp_path, cluster):
    inputs = [corpus_folder(tmp_path), SEED]
    local = load(inputs, cache_dir=tmp_path / "a", jobs=2)
    remote = load(inputs, cache_dir=tmp_path / "b", scheduler=cluster.scheduler_address)
    assert_same_tables(local, remote)
    # the per-file cache is written here, not on the workers
    assert len(list((tmp_path / "b" / "files").iterdir())) == len(local.texts)


def test_the_scheduler_comes_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setattr(corpus, "CONNECT_TIMEOUT", 1)
    monkeypatch.setenv(corpus.SCHEDULER_ENV, "tcp://127.0.0.1:9")
    with pytest.raises(corpus.SchedulerError, match="tcp://127.0.0.1:9"):
        build([FIXTURES / "debate.txt"])


def test_a_large_table_is_a_partitioned_parquet_dataset(tmp_path, monkeypatch):
    from doculens import reports

    monkeypatch.setattr(reports, "LARGE_TABLE_ROWS", 30)
    monkeypatch.setattr(reports, "PART_ROWS", 20)
    wb = build([corpus_folder(tmp_path, n=3)])
    assert len(wb.sentences) > 30 and len(wb.documents) < 30
    listing = reports.save_tables({"sentences": wb.sentences, "documents": wb.documents}, tmp_path / "out")
    dataset = tmp_path / "out" / "tables" / "sentences.parquet"
    parts = sorted(dataset.iterdir())
    assert dataset.is_dir() and len(parts) >= 2
    assert (tmp_path / "out" / "tables" / "documents.parquet").is_file()
    assert (tmp_path / "out" / "tables" / "sentences.csv").is_file()
    # every part holds whole documents, and the dataset reads back as the table
    seen = [set(pd.read_parquet(p)["doc_id"]) for p in parts]
    assert all(not (a & b) for i, a in enumerate(seen) for b in seen[i + 1:])
    pd.testing.assert_frame_equal(pd.read_parquet(dataset), wb.sentences)
    only = pd.read_parquet(dataset, filters=[("doc_id", "==", 2)])
    assert set(only["doc_id"]) == {2} and len(only) == (wb.sentences["doc_id"] == 2).sum()
    assert listing.set_index("file").loc["tables/sentences.parquet", "rows"] == len(wb.sentences)
