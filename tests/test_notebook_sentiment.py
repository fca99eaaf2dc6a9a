"""notebooks/02_sentiment.ipynb: its committed form, and a papermill run on a small fixture.

The fixture (tests/fixtures/sentiment_small.txt) holds two documents opened by
``Documentary | Title | Series`` headings, five speakers and clearly positive and negative
sentences; one negative sentence holds ``<b>`` markup, which must reach the report escaped.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from conftest import code_outputs, figures_of_clean_run, notebook_parameters, run_notebook

from doculens.sentiment import NEGATIVE_THRESHOLD, POSITIVE_THRESHOLD

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "02_sentiment.ipynb"
FIXTURE = ROOT / "tests" / "fixtures" / "sentiment_small.txt"
RUNNER_PARAMETERS = {"inputs", "run_name", "out_dir", "cache_dir"}
OWN_PARAMETERS = {"window", "n_extremes", "context_sentences", "max_speakers", "max_documents"}

STATS = ["n_sentences", "n_words", "mean", "sd", "share_negative", "share_neutral",
         "share_positive"]
SENTENCE_COLUMNS = ["sentence_id", "doc_id", "turn_id", "speaker", "start", "end", "text",
                    "is_question", "neg", "neu", "pos", "compound", "sentiment", "topic_id"]
TABLE_COLUMNS = {
    "sentiment_by_speaker": ["speaker", "doc_id", "start", "end", *STATS],
    "sentiment_by_turn": ["turn_id", "doc_id", "speaker", "start", "end", *STATS],
    "sentiment_by_document": ["doc_id", "start", "end", *STATS, "n_speakers"],
    "sentiment_by_topic": ["topic_id", "doc_id", "label", "start", "end", *STATS, "speakers"],
}


# --------------------------------------------------------------------------------------
# The committed notebook (fast)
# --------------------------------------------------------------------------------------


def test_committed_notebook_declares_its_own_parameters():
    """The rules every notebook follows are tested in test_project; these are its own names."""
    assert set(notebook_parameters(NOTEBOOK)[4:]) == OWN_PARAMETERS


# --------------------------------------------------------------------------------------
# A papermill run on the fixture (slow)
# --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    return run_notebook("02_sentiment.ipynb", [FIXTURE], tmp_path_factory.mktemp("nb02"), window=3, n_extremes=3)


@pytest.mark.slow
def test_notebook_runs_without_errors(executed):
    nb, _ = executed
    assert figures_of_clean_run(nb) == 4  # arc, per-speaker boxes, speaker x document heatmap, topics


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(TABLE_COLUMNS))
def test_tables_written_as_csv_and_parquet_with_documented_columns(executed, name):
    _, tables = executed
    parquet = pd.read_parquet(tables / f"{name}.parquet")
    csv = pd.read_csv(tables / f"{name}.csv", keep_default_na=False)
    assert list(parquet.columns) == TABLE_COLUMNS[name]
    assert list(csv.columns) == TABLE_COLUMNS[name]
    assert len(csv) == len(parquet) > 0


def _scored_sentences():
    """The sentences table as every run writes it (01_segmentation saves it, scored)."""
    from doculens.workbook import build

    return build([FIXTURE]).sentences


def test_sentence_scores_in_range_and_labelled():
    s = _scored_sentences()
    assert list(s.columns) == SENTENCE_COLUMNS
    assert len(s) == 33 and s["doc_id"].nunique() == 2
    for col in ("neg", "neu", "pos"):
        assert s[col].between(0, 1).all()
    assert s["compound"].between(-1, 1).all()
    assert (s[["neg", "neu", "pos"]].sum(axis=1) - 1).abs().max() <= 0.002  # rounded shares
    expected = s["compound"].map(lambda c: "positive" if c >= POSITIVE_THRESHOLD
                                 else "negative" if c <= NEGATIVE_THRESHOLD else "neutral")
    assert (s["sentiment"] == expected).all()
    worst = s.loc[s["compound"].idxmin()]
    assert worst["speaker"] == "Tom Reed" and worst["compound"] < -0.9


@pytest.mark.slow
def test_aggregates_count_the_sentences(executed):
    _, tables = executed
    s = _scored_sentences()
    by_speaker = pd.read_parquet(tables / "sentiment_by_speaker.parquet")
    counts = s.groupby(["speaker", "doc_id"]).size().rename("n").reset_index()
    merged = by_speaker.merge(counts, on=["speaker", "doc_id"], how="outer", indicator=True)
    assert (merged["_merge"] == "both").all()
    assert (merged["n_sentences"] == merged["n"]).all()
    for name, key in (("sentiment_by_turn", "turn_id"), ("sentiment_by_document", "doc_id"),
                      ("sentiment_by_topic", "topic_id")):
        table = pd.read_parquet(tables / f"{name}.parquet")
        assert table["n_sentences"].sum() == len(s)
        assert table.set_index(key)["n_sentences"].to_dict() == s.groupby(key).size().to_dict()
    for table in (by_speaker, pd.read_parquet(tables / "sentiment_by_document.parquet")):
        assert table["mean"].between(-1, 1).all() and (table["sd"] >= 0).all()
    mean = by_speaker.set_index(["speaker", "doc_id"])["mean"]
    assert mean["Ann Bell", 2] < -0.3 and mean["Sam Ortiz", 2] > 0.5


@pytest.mark.slow
def test_transcript_text_reaches_the_report_escaped(executed):
    nb, _ = executed
    markup = "".join(o["data"]["text/html"] for o in code_outputs(nb)
                     if "text/html" in o.get("data", {}))
    assert "sentiment-sentence-17" in markup  # the <b> sentence is an extreme, with anchor
    assert "&lt;b&gt; shameful lies &lt;/b&gt;" in markup
    assert "<b> shameful" not in markup
