"""notebooks/03_stance.ipynb: its committed form, and papermill runs on two fixtures.

tests/fixtures/targets_small.txt holds two documents in which Dana Wu speaks against the
CCP, Xi Jinping and TikTok and Lee Park in their favour; a lower-case "party" that is not the
CCP, and a ``<b>`` tag around a target, which must reach the report escaped. It runs with a
targets dict. tests/fixtures/debate_stance.txt is a moderated debate that runs with the
default, automatic targets.
"""

from __future__ import annotations

import ast
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from conftest import code_outputs, figures_of_clean_run, notebook_parameters, run_notebook

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "03_stance.ipynb"
FIXTURE = ROOT / "tests" / "fixtures" / "targets_small.txt"
DEBATE = ROOT / "tests" / "fixtures" / "debate_stance.txt"
OWN_PARAMETERS = ["targets", "min_mentions", "n_evidence", "max_speakers", "max_pairs"]
# ByteDance is left out on purpose: the run must use these targets, not the defaults
TARGETS = {"CCP": ["CCP", "Chinese Communist Party", "Communist Party", "the Party"],
           "Xi Jinping": ["Xi Jinping", "Xi", "Chairman Xi"], "TikTok": ["TikTok"]}


def test_committed_notebook_declares_its_own_parameters():
    assert notebook_parameters(NOTEBOOK)[4:] == OWN_PARAMETERS


def test_committed_targets_are_automatic():
    """A reader who opens the notebook finds targets discovered in the transcript."""
    nb = nbformat.read(NOTEBOOK, as_version=4)
    cell = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
    values = {n.targets[0].id: ast.literal_eval(n.value) for n in ast.parse(cell.source).body}
    assert values["targets"] == "auto"


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    return run_notebook("03_stance.ipynb", [FIXTURE], tmp_path_factory.mktemp("nb03"),
                        targets=TARGETS, min_mentions=1)


@pytest.mark.slow
def test_notebook_runs_without_errors(executed):
    nb, tables = executed
    assert figures_of_clean_run(nb) == 3  # shares per target, heatmap, intervals
    for name in ("stance_targets", "stance_mentions", "stance_by_speaker", "stance_by_document",
                 "stance_evidence"):
        csv = pd.read_csv(tables / f"{name}.csv", keep_default_na=False)
        parquet = pd.read_parquet(tables / f"{name}.parquet")
        assert list(csv.columns) == list(parquet.columns) and len(csv) == len(parquet) > 0


@pytest.mark.slow
def test_mentions_follow_the_targets_parameter_and_trace_to_the_source(executed):
    _, tables = executed
    text = FIXTURE.read_text(encoding="utf-8")
    mentions = pd.read_parquet(tables / "stance_mentions.parquet")
    assert set(mentions["target"]) == set(TARGETS)
    assert "ByteDance" not in set(mentions["alias"])  # not among this run's targets
    for row in mentions.itertuples():
        assert text[row.start:row.end] == row.alias
        assert text[row.sentence_start:row.sentence_end] == row.sentence
    assert "party last night" not in " ".join(mentions.loc[mentions["target"] == "CCP", "sentence"])
    assert (mentions.loc[mentions["speaker"] == "Dana Wu", "target"].value_counts()
            .to_dict() == {"CCP": 4, "TikTok": 2, "Xi Jinping": 2})


@pytest.mark.slow
def test_each_speaker_gets_the_stance_the_fixture_gives_them(executed):
    _, tables = executed
    table = pd.read_parquet(tables / "stance_by_speaker.parquet")
    table = table.set_index(["speaker", "target"])
    stance, mean = table["stance"], table["mean"]
    assert stance["Dana Wu", "CCP"] == "against"
    assert stance["Lee Park", "Xi Jinping"] == "favor"
    # two sentences are too few for a verdict, but the mean already leans the fixture's way
    assert stance["Dana Wu", "Xi Jinping"] == stance["Dana Wu", "TikTok"] == "insufficient"
    assert mean["Dana Wu", "Xi Jinping"] < 0 and mean["Dana Wu", "TikTok"] < 0
    assert stance["Lee Park", "TikTok"] == "insufficient" and mean["Lee Park", "TikTok"] > 0
    evidence = pd.read_parquet(tables / "stance_evidence.parquet")
    text = FIXTURE.read_text(encoding="utf-8")
    for row in evidence.itertuples():
        assert text[row.start:row.end] == row.sentence


@pytest.mark.slow
def test_transcript_text_reaches_the_report_escaped(executed):
    nb, _ = executed
    markup = "".join(o["data"]["text/html"] for o in code_outputs(nb)
                     if "text/html" in o.get("data", {}))
    assert "&lt;b&gt;" in markup
    assert "<b>CCP" not in markup and "<b><mark>CCP" not in markup


@pytest.fixture(scope="module")
def debate(tmp_path_factory):
    return run_notebook("03_stance.ipynb", [DEBATE], tmp_path_factory.mktemp("nb03debate"))


@pytest.mark.slow
def test_debate_with_automatic_targets(debate):
    nb, tables = debate
    assert figures_of_clean_run(nb) == 3
    targets = pd.read_parquet(tables / "stance_targets.parquet")
    assert {"Alice Moreno", "Robert Kline"} <= set(targets["target"])
    assert "Dana Cruz" not in set(targets["target"])  # the moderator is no target
    mentions = pd.read_parquet(tables / "stance_mentions.parquet")
    assert {"name", "address", "pronoun"} <= set(mentions["via"])
    text = DEBATE.read_text(encoding="utf-8")
    for row in mentions.itertuples():
        assert text[row.start:row.end] == row.alias
    verdicts = pd.read_parquet(tables / "stance_by_speaker.parquet").set_index(["speaker", "target"])
    assert verdicts.loc[("Alice Moreno", "Robert Kline"), "stance"] == "against"
    assert verdicts.loc[("Alice Moreno", "Tom Reyes"), "stance"] == "favor"
    page = "".join(o["data"]["text/html"] for o in code_outputs(nb) if "text/html" in o.get("data", {}))
    assert "found automatically" in page and "targets" in page  # how to choose others
