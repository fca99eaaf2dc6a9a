"""The speaker roster: canonical names, aliases, roles, and people introduced but never labelled."""

import pandas as pd
import pytest

from doculens.speakers import (ROSTER_COLUMNS, canonical_names, find_introductions, name_key,
                               talk_share)
from doculens.workbook import merge_rosters


@pytest.mark.parametrize("speaker, role", [
    ("Li Jun", "a senior Chinese journalist"),
    ("Keith Krach", "former undersecretary of State for the Trump administration"),
    ("Jiang Feng", "China expert"),
    ("Zhang Tianliang", "China expert"),
    ("James Qiu", "a former Apple executive"),
    ("Qin Gang", "China’s Foreign Ministry spokesman"),
    ("Simone Gao", "host of Zooming In"),
    # introduced, never labelled
    ("Jack", "a former employee of Huawei"),
    ("Robert Spalding", "Retired U.S. Air Force Brigadier General"),
    ("Christine", "an emigrant from China"),
    ("Ethan", "a TikTok user from the U.S."),
    ("Puma Shen", "Assistant Professor at National Taipei University"),
])
def test_roles_from_introductions(seed_workbook, speaker, role):
    roster = seed_workbook.speakers.set_index("speaker")
    assert roster.loc[speaker, "role"] == role


def test_roster_columns_counts_and_offsets(seed_workbook, seed_text):
    roster = seed_workbook.speakers
    assert list(roster.columns) == ROSTER_COLUMNS
    assert roster["speaker"].is_unique
    by_name = roster.set_index("speaker")
    for name in ["Jack", "Robert Spalding", "Christine", "Ethan", "Puma Shen"]:
        assert by_name.loc[name, "n_turns"] == 0 and by_name.loc[name, "n_words"] == 0
        start, end = by_name.loc[name, ["start", "end"]]
        assert name.split()[-1] in seed_text[start:end]  # the introduction is where it says
    turns = seed_workbook.turns
    for name, row in by_name.iterrows():
        assert row["n_turns"] == (turns["speaker"] == name).sum()
        assert row["n_words"] == turns.loc[turns["speaker"] == name, "n_words"].sum()
    assert by_name.loc["Keith Krach", "n_turns"] == 19


def test_places_and_organisations_are_not_people(seed_workbook):
    names = set(seed_workbook.speakers["speaker"])
    for not_a_person in ["Beidaihe", "Central Military Commission", "Chinese Communist Party",
                         "National Taipei University", "State Council", "United States", "First Solar"]:
        assert not_a_person not in names


def test_name_key_ignores_order_titles_and_hyphens():
    assert name_key("Tang Jingyuan") == name_key("Jingyuan Tang")
    assert name_key("Dr. Zhang Tianliang") == name_key("Tianliang Zhang")
    assert name_key("Tsai-Yingwen") == name_key("Tsai Yingwen")
    assert name_key("Li Jun") != name_key("Li Keqiang")


def test_first_name_resolves_only_when_unique():
    intros = find_introductions("This is James Qiu, a former Apple executive. "
                                "I spoke with James Wu, a senior analyst.")
    assert canonical_names(["James", "James Wu"], intros) == {"James": "James", "James Wu": "James Wu"}
    intros = find_introductions("This is James Qiu, a former Apple executive.")
    assert canonical_names(["James"], intros) == {"James": "James Qiu"}


def test_self_introduction_and_series_host():
    intros = find_introductions("Hello and welcome. I am Simone Gao. Today we talk.",
                                series=["Zooming In with Simone Gao"])
    assert set(intros["name"]) == {"Simone Gao"}
    assert "host of Zooming In" in set(intros["role"])


def test_talk_share_sums_to_one_per_document(seed_workbook):
    share = talk_share(seed_workbook.turns)
    assert share.groupby("doc_id")["share"].sum().round(2).eq(1.0).all()
    doc3 = share[share["doc_id"] == 3].iloc[0]
    assert doc3["speaker"] == "Simone Gao" and 0.5 < doc3["share"] < 0.7


def test_merge_rosters_across_sources():
    a = pd.DataFrame([["Ann Lee", "Ann", "host", 2, 10, "1", "a.txt", 0, 5]], columns=ROSTER_COLUMNS)
    b = pd.DataFrame([["Ann Lee", "ANN LEE", "", 1, 4, "2", "b.srt", 3, 9],
                      ["Bob", "", "", 1, 2, "2", "b.srt", 10, 12]], columns=ROSTER_COLUMNS)
    merged = merge_rosters([a, b]).set_index("speaker")
    assert merged.loc["Ann Lee"].tolist() == ["Ann; ANN LEE", "host", 3, 14, "1;2", "a.txt;b.srt", 0, 5]
    assert merged.loc["Bob", "n_turns"] == 1


def test_one_person_across_files_is_one_speaker(tmp_path):
    """A middle initial, or a first name in a file that never introduces its speaker, does
    not make another person."""
    from doculens.workbook import build

    (tmp_path / "a.txt").write_text("Documentary | A | S\n\nI am Ann Lee.\n\nAnn: We met.\n\n"
                                    "Donald J. Trump: Hello there.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Ann: Again.\n\nDonald Trump: Hello again.\n\nBob Kane: Hi.\n",
                                    encoding="utf-8")
    wb = build([tmp_path])
    assert set(wb.turns["speaker"]) - {""} == {"Ann Lee", "Donald Trump", "Bob Kane"}
    roster = wb.speakers.set_index("speaker")
    assert "Donald J. Trump" in roster.loc["Donald Trump", "aliases"]
    assert roster.loc["Ann Lee", "n_turns"] == 2
