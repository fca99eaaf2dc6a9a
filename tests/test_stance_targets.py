"""doculens.stance.targets: the ``targets`` parameter in every form, and automatic targets.

Names are invented; the debate fixture (tests/fixtures/debate_stance.txt) has a moderator,
Dana Cruz, two candidates, Alice Moreno and Robert Kline, and their running mates, Tom Reyes
(Moreno's) and Linda Park (Kline's), who are named but never speak.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from doculens import workbook
from doculens.stance import AUTO, TARGET_COLUMNS, TargetError, discover_targets, parse_targets
from doculens.stance.targets import is_person_name, moderators, name_forms

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "debate_stance.txt"


@pytest.fixture(scope="module")
def debate():
    return workbook.build([FIXTURE])


@pytest.fixture(scope="module")
def found(debate):
    return discover_targets(debate.sentences, speakers=debate.speakers)


# --------------------------------------------------------------------------------------
# parse_targets: every accepted form
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["auto", "AUTO", "  auto  "])
def test_auto_in_any_case(value):
    assert parse_targets(value) == AUTO == "auto"


def test_one_name():
    assert parse_targets("Robert Kline") == {"Robert Kline": ["Robert Kline"]}
    assert parse_targets("  Robert Kline ") == {"Robert Kline": ["Robert Kline"]}


def test_a_list_of_names_keeps_its_order():
    assert parse_targets(["Robert Kline", "Alice Moreno", "Harbor Union"]) == {
        "Robert Kline": ["Robert Kline"], "Alice Moreno": ["Alice Moreno"],
        "Harbor Union": ["Harbor Union"]}
    assert parse_targets(("Robert Kline",)) == {"Robert Kline": ["Robert Kline"]}


def test_a_dict_with_string_and_list_aliases():
    got = parse_targets({"Robert Kline": "Governor Kline",
                         "Harbor Union": ["Harbor Union", "the union"],
                         " Alice Moreno ": []})
    assert got == {"Robert Kline": ["Governor Kline"],
                   "Harbor Union": ["Harbor Union", "the union"],
                   "Alice Moreno": ["Alice Moreno"]}  # no aliases: the name itself


def test_blank_aliases_are_dropped():
    assert parse_targets({"Robert Kline": ["  ", "Kline"]}) == {"Robert Kline": ["Kline"]}


def test_a_json_file(tmp_path):
    path = tmp_path / "targets.json"
    path.write_text(json.dumps({"Robert Kline": ["Robert Kline", "Governor Kline"],
                                "Alice Moreno": "Senator Moreno"}), encoding="utf-8")
    assert parse_targets(str(path)) == {"Robert Kline": ["Robert Kline", "Governor Kline"],
                                        "Alice Moreno": ["Senator Moreno"]}


def test_a_json_list(tmp_path):
    path = tmp_path / "names.json"
    path.write_text('["Tom Reyes", "Linda Park"]', encoding="utf-8")
    assert parse_targets(str(path)) == {"Tom Reyes": ["Tom Reyes"], "Linda Park": ["Linda Park"]}


def test_a_yaml_file(tmp_path):
    path = tmp_path / "targets.yaml"
    path.write_text("Robert Kline:\n  - Robert Kline\n  - Governor Kline\n"
                    "Harbor Union: the union\n", encoding="utf-8")
    assert parse_targets(str(path)) == {"Robert Kline": ["Robert Kline", "Governor Kline"],
                                        "Harbor Union": ["the union"]}


def test_a_yml_file_relative_to_base_dir(tmp_path):
    (tmp_path / "people.yml").write_text("- Tom Reyes\n- Linda Park\n", encoding="utf-8")
    assert parse_targets("people.yml", base_dir=tmp_path) == {
        "Tom Reyes": ["Tom Reyes"], "Linda Park": ["Linda Park"]}


# --------------------------------------------------------------------------------------
# parse_targets: bad values, each a one-line TargetError
# --------------------------------------------------------------------------------------


def _one_line_error(value, **kwargs) -> str:
    with pytest.raises(TargetError) as info:
        parse_targets(value, **kwargs)
    message = str(info.value)
    assert message.startswith("targets: ")
    assert "\n" not in message and len(message) < 300
    return message


@pytest.mark.parametrize("value, words", [
    ([1, 2], "names (strings)"),
    ({}, "empty"),
    ([], "empty"),
    ("", "empty"),
    ("   ", "empty"),
    (42, "42"),
    (None, "None"),
    (["Robert Kline", ""], "names (strings)"),
    ({"Robert Kline": 7}, "aliases"),
    ({"Robert Kline": ["Kline", 3]}, "aliases"),
    ({"": ["Kline"]}, "non-empty string"),
])
def test_bad_values_raise_a_one_line_target_error(value, words):
    assert words in _one_line_error(value)


def test_target_error_is_a_value_error():
    assert issubclass(TargetError, ValueError)


def test_a_missing_file(tmp_path):
    message = _one_line_error(str(tmp_path / "nowhere.yaml"))
    assert "not found" in message and "nowhere.yaml" in message


def test_a_yaml_file_holding_a_number(tmp_path):
    path = tmp_path / "number.yaml"
    path.write_text("42\n", encoding="utf-8")
    assert "42" in _one_line_error(str(path))


def test_an_empty_yaml_file(tmp_path):
    path = tmp_path / "empty.yaml"
    path.write_text("# nothing here\n", encoding="utf-8")
    assert "empty" in _one_line_error(str(path))


def test_malformed_files(tmp_path):
    bad_json = tmp_path / "bad.json"
    bad_json.write_text('{"Robert Kline": [', encoding="utf-8")
    assert "cannot read" in _one_line_error(str(bad_json))
    bad_yaml = tmp_path / "bad.yaml"
    bad_yaml.write_text("Robert Kline: [Kline\nAlice Moreno: x: y\n", encoding="utf-8")
    assert "cannot read" in _one_line_error(str(bad_yaml))


def test_a_file_saying_auto_or_naming_another_file(tmp_path):
    auto = tmp_path / "auto.yaml"
    auto.write_text("auto\n", encoding="utf-8")
    assert "auto" in _one_line_error(str(auto))
    other = tmp_path / "pointer.yaml"
    other.write_text("other.yaml\n", encoding="utf-8")
    assert "another file" in _one_line_error(str(other))


# --------------------------------------------------------------------------------------
# Name forms and moderators
# --------------------------------------------------------------------------------------


def test_person_names_and_institutions():
    assert is_person_name("Alice Moreno") and is_person_name("Senator Alice Moreno")
    assert not is_person_name("Moreno")  # one word: not enough to call it a person
    assert not is_person_name("Moreno Foundation") and not is_person_name("Harbor Union")
    assert not is_person_name("NATO")


def test_name_forms():
    assert name_forms("Senator Alice Moreno") == {
        "Alice Moreno": "full", "Moreno": "surname", "Alice": "first"}
    assert name_forms("Alice Moreno", first_name_ok=False) == {
        "Alice Moreno": "full", "Moreno": "surname"}


def test_the_moderator_of_the_fixture(debate):
    assert moderators(debate.sentences, debate.speakers) == {"Dana Cruz"}


def test_a_roster_role_names_a_moderator():
    s = pd.DataFrame({"doc_id": [1, 1], "speaker": ["Dana Cruz", "Robert Kline"],
                      "is_question": [False, False]})
    roster = pd.DataFrame({"speaker": ["Dana Cruz", "Robert Kline"], "role": ["Host", "Governor"]})
    assert moderators(s, roster) == {"Dana Cruz"}
    assert moderators(s) == set()  # two speakers and no question: nobody moderates


# --------------------------------------------------------------------------------------
# discover_targets on the debate fixture
# --------------------------------------------------------------------------------------


def test_the_fixture_reads_as_one_debate(debate):
    assert debate.documents[["kind", "title", "series"]].values.tolist() == [
        ["Debate", "Second Regional Debate", "Public Affairs Channel"]]
    assert set(debate.speakers["speaker"]) == {"Dana Cruz", "Alice Moreno", "Robert Kline"}
    turns = debate.sentences.drop_duplicates("turn_id")["speaker"].tolist()
    assert turns[:4] == ["Dana Cruz", "Alice Moreno", "Dana Cruz", "Robert Kline"]
    assert len(turns) == 23 and turns[-1] == "Dana Cruz"


def test_discovery_table_shape(found):
    assert list(found.columns) == TARGET_COLUMNS
    assert found["target"].is_unique
    assert found["n_named"].dtype == "int64" and (found["n_named"] >= 1).all()


def test_the_candidates_are_speaker_targets_and_the_moderator_is_not(found):
    speakers = found[found["kind"] == "speaker"]
    assert set(speakers["target"]) == {"Alice Moreno", "Robert Kline"}
    assert set(speakers["source"]) == {"speaker label"}
    assert "Dana Cruz" not in set(found["target"])
    aliases = dict(zip(found["target"], found["aliases"]))
    assert set(aliases["Alice Moreno"].split("; ")) == {"Alice Moreno", "Moreno", "Alice"}
    assert set(aliases["Robert Kline"].split("; ")) == {"Robert Kline", "Kline", "Robert"}


def test_a_named_running_mate_is_a_recurring_person(found):
    row = found[found["target"] == "Tom Reyes"]
    assert row[["kind", "source"]].values.tolist() == [["person", "recurring name"]]
    assert "Reyes" in row["aliases"].iloc[0].split("; ")


def test_the_other_running_mate_is_a_recurring_person_too(found):
    assert "Linda Park" in set(found["target"])


def test_titled_runs_do_not_become_extra_targets(found):
    # "Senator Moreno", "Governor Kline", "Senator Alice Moreno" are the speakers, not new people
    assert not any(t in {"Moreno", "Kline", "Senator Moreno", "Governor Kline"} for t in found["target"])
    assert len(found) == len(set(t.split()[-1] for t in found["target"]))


def test_discovery_needs_a_recurring_name():
    s = pd.DataFrame({"sentence_id": [1, 2, 3], "doc_id": [1] * 3,
                      "speaker": ["Alice Moreno", "Robert Kline", "Robert Kline"],
                      "is_question": [False] * 3,
                      "text": ["Robert, Sam Ortiz agrees with me.", "Alice is wrong.",
                               "The Harbor Union knows it, and the Harbor Union said so."]})
    got = discover_targets(s)
    assert set(got["target"]) == {"Alice Moreno", "Robert Kline"}  # Sam Ortiz once, union twice
    got = discover_targets(s, min_mentions=2)
    assert got.set_index("target").loc["Harbor Union", "kind"] == "institution"
    assert "Sam Ortiz" not in set(got["target"])


def test_a_possessive_name_ends_the_name():
    texts = ["Dana Whitfield’s Facebook page grew fast.", "Dana Whitfield's Facebook group had fans.",
             "Nobody asked Dana Whitfield's Facebook friends.", "The Children's Defense Fund wrote.",
             "The Children's Defense Fund answered.", "Then the Children's Defense Fund left."]
    s = pd.DataFrame({"sentence_id": range(1, 7), "doc_id": [1] * 6, "speaker": ["Ann"] * 6,
                      "is_question": [False] * 6, "text": texts})
    got = set(discover_targets(s)["target"])
    assert "Dana Whitfield" in got
    assert not any("Facebook" in t and "Whitfield" in t for t in got)
