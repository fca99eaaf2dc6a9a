"""notebooks/04_numeric_claims.ipynb: its committed form, and a papermill run on a small fixture.

The fixture (tests/fixtures/claims_small.txt) holds two documents opened by
``Documentary | Title | Series`` headings, with a few numeric claims: a contradiction in each
document (80-90% / 90% of the solar market; four hundred / nearly 500 workers), a restatement
(2.7 trillion yuan or $450 billion dollars), a cited source, and a sentence with ``<b>`` markup,
which must reach the report escaped.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from conftest import code_outputs, figures_of_clean_run, notebook_parameters, run_notebook

from doculens.claims import GROUP_COLUMNS, TABLE_COLUMNS
from doculens.workbook import build

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "04_numeric_claims.ipynb"
FIXTURE = ROOT / "tests" / "fixtures" / "claims_small.txt"
RUNNER_PARAMETERS = ["inputs", "run_name", "out_dir", "cache_dir"]
OWN_PARAMETERS = {"default_currency", "top_n", "max_speakers", "max_documents"}


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
    return run_notebook("04_numeric_claims.ipynb", [FIXTURE], tmp_path_factory.mktemp("nb04"), top_n=5)


@pytest.mark.slow
def test_notebook_runs_without_errors(executed):
    nb, _ = executed
    assert figures_of_clean_run(nb) == 3  # kinds, speakers, timeline


@pytest.mark.slow
@pytest.mark.parametrize("name,columns", [("claims", TABLE_COLUMNS),
                                          ("claim_groups", GROUP_COLUMNS)])
def test_tables_written_with_documented_columns(executed, name, columns):
    _, tables = executed
    parquet = pd.read_parquet(tables / f"{name}.parquet")
    csv = pd.read_csv(tables / f"{name}.csv", keep_default_na=False)
    assert list(parquet.columns) == columns
    assert list(csv.columns) == columns
    assert len(csv) == len(parquet) > 0


@pytest.mark.slow
def test_offsets_index_the_source_text(executed):
    _, tables = executed
    claims = pd.read_parquet(tables / "claims.parquet")
    wb = build([FIXTURE])
    for row in claims.itertuples():
        assert wb.source_text(row.doc_id)[row.start:row.end] == row.text
        assert row.text in row.sentence


@pytest.mark.slow
def test_claims_contradictions_and_restatements(executed):
    _, tables = executed
    claims = pd.read_parquet(tables / "claims.parquet")
    assert claims["doc_id"].nunique() == 2
    by_text = claims.set_index("text")
    assert by_text.loc["80-90%", "low"] == 80 and by_text.loc["80-90%", "high"] == 90
    assert by_text.loc["80-90%", "attribution"] == "according to the Energy Agency"
    assert by_text.loc["750", "qualifier"] == "more_than"
    assert by_text.loc["750", "subject"] == "solar companies"
    yuan, usd = by_text.loc["2.7 trillion yuan"], by_text.loc["$450 billion dollars"]
    assert (yuan["value"], yuan["unit"], usd["value"], usd["unit"]) == (2.7e12, "CNY", 4.5e11, "USD")
    assert yuan["restatement_group"] == usd["restatement_group"]
    groups = pd.read_parquet(tables / "claim_groups.parquet")
    members = groups.groupby("consistency_group")["text"].apply(list).tolist()
    assert ["80-90%", "90%"] in members
    assert ["Four hundred", "500"] in members


@pytest.mark.slow
def test_transcript_text_reaches_the_report_escaped(executed):
    nb, _ = executed
    markup = "".join(o["data"]["text/html"] for o in code_outputs(nb)
                     if "text/html" in o.get("data", {}))
    assert "<mark>1,000</mark>" in markup  # the number highlighted in its sentence
    assert "&lt;b&gt;" in markup
    assert "<b>1,000" not in markup and "lies</b>" not in markup
