"""Claims a reader can trust: attributions past abbreviations, disagreements only between
claims about the same quantity at the same time, and group tables that read as text."""

import pandas as pd
import pytest

from doculens.claims import claims_table, consistency_groups
from doculens.reports import _display_frame


def _sentences(*texts, speaker="Ann Lee"):
    starts, pos = [], 0
    for t in texts:
        starts.append(pos)
        pos += len(t) + 1
    return pd.DataFrame({"sentence_id": range(1, len(texts) + 1), "doc_id": [1] * len(texts),
                         "turn_id": [1] * len(texts), "speaker": [speaker] * len(texts),
                         "start": starts, "end": [s + len(t) for s, t in zip(starts, texts)],
                         "text": list(texts), "is_question": [False] * len(texts)})


def test_attribution_runs_past_abbreviations():
    table = claims_table(_sentences(
        "According to the U.S. Census Bureau, 40% of renters moved.",
        "According to Dr. Maria Lopez, 300 patients were treated."))
    attributions = table.loc[table["kind"].isin(["percent", "count"]), "attribution"].tolist()
    assert attributions[0].startswith("According to the U.S. Census Bureau")
    assert attributions[1].startswith("According to Dr. Maria Lopez")


def test_different_acts_of_the_same_subject_do_not_disagree():
    table = claims_table(_sentences("Last year 250 firms entered the market.",
                                    "Last year 150 firms exited the market."))
    firms = table[table["kind"] == "count"]
    assert len(firms) == 2 and firms["consistency_group"].isna().all()


def test_the_same_quantity_in_different_years_does_not_disagree():
    table = claims_table(_sentences("In 2019 the plant employed 400 workers.",
                                    "In 2021 the plant employed 250 workers."))
    workers = table[table["kind"] == "count"]
    assert len(workers) == 2 and workers["consistency_group"].isna().all()


def test_the_same_quantity_at_the_same_time_disagrees():
    table = claims_table(_sentences("In 2019 the plant employed 400 workers.",
                                    "In 2019 the plant employed 250 workers."))
    workers = table[table["kind"] == "count"]
    assert workers["consistency_group"].notna().all() and workers["consistency_group"].nunique() == 1


def test_group_tables_read_as_text_not_python_lists():
    table = claims_table(_sentences("It holds 80-90% of the market.", "It holds 90% of the market."))
    shown = _display_frame(consistency_groups(table))
    assert shown.loc[0, "values"] == "80-90%; 90%"
    assert "[" not in shown.loc[0, "speakers"] and shown.loc[0, "speakers"] == "Ann Lee; Ann Lee"


def test_the_group_cards_stay_bounded_on_a_large_corpus():
    from doculens.claims import groups_html

    texts = []
    for i, noun in enumerate(["workers", "nurses", "teachers", "drivers"]):
        texts += [f"In 2019 the plant employed {100 + 10 * k + i} {noun}." for k in range(5)]
    sentences = _sentences(*texts)
    table = claims_table(sentences)
    assert table["consistency_group"].nunique() == 4
    full = str(groups_html(table, sentences))
    assert full.count('class="doculens-claim-group"') == 4 and "Showing the first" not in full
    small = str(groups_html(table, sentences, max_groups=2, max_cards=3))
    assert small.count('class="doculens-claim-group"') == 2
    assert "Showing the first 2 of 4 groups" in small and "tables/claim_groups.csv" in small
    assert small.count("… 2 more claims in this group") == 2
    for bad in (0, -1, 1.5, True):
        with pytest.raises(ValueError):
            groups_html(table, sentences, max_groups=bad)
