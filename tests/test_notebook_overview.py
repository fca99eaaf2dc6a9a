"""notebooks/00_overview.ipynb under papermill on two documents, and doculens.overview."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from conftest import FIXTURES, figures_of_clean_run, notebook_parameters, run_notebook

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "00_overview.ipynb"


def test_committed_notebook_declares_its_own_parameters():
    assert notebook_parameters(NOTEBOOK)[4:] == ["max_documents"]


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    return run_notebook("00_overview.ipynb", [FIXTURES / "debate_stance.txt", FIXTURES / "debate.txt"],
                        tmp_path_factory.mktemp("nb00"))


@pytest.mark.slow
def test_overview_has_one_row_per_document_tracing_to_the_source(executed):
    nb, tables = executed
    assert figures_of_clean_run(nb) == 1
    docs = pd.read_parquet(tables / "overview_documents.parquet")
    assert docs["doc_id"].tolist() == [1, 2]
    debate = docs.iloc[0]
    assert debate["source"] == "debate_stance.txt" and debate["n_words"] > 500
    assert "Robert Kline" in debate["speakers"] and "%" in debate["speakers"]
    assert debate["n_claims"] >= 1 and debate["topics"]
    assert "Alice Moreno → Robert Kline: against" in debate["verdicts"]
    text = (FIXTURES / "debate_stance.txt").read_text(encoding="utf-8")
    assert text[debate["start"]:debate["end"]].startswith("Debate | Second Regional Debate")
    for name in ("overview_speakers", "overview_targets"):
        csv = pd.read_csv(tables / f"{name}.csv")
        assert list(csv.columns) == list(pd.read_parquet(tables / f"{name}.parquet").columns)


def test_recurring_speakers_and_targets():
    from doculens import overview, stance
    from doculens.workbook import build

    wb = build([FIXTURES / "debate_stance.txt", FIXTURES / "debate_stance.txt"])
    wb2 = build([FIXTURES / "debate_stance.txt"])
    assert overview.recurring(wb2).empty  # one document: nothing recurs
    result = stance.analyse(wb2)
    assert overview.recurring_targets(result.by_document).empty
    # the same debate twice over (two documents): its speakers recur, with a tone per document
    twice = overview.recurring(wb)
    assert len(wb.documents) == 1 or set(twice["n_documents"]) == {2}
