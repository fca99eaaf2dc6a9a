"""Tests for doculens.claims: every case listed in issue 3, with exact expected values."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pandas as pd
import pytest

from doculens.claims import COLUMNS, TABLE_COLUMNS, claims_table, consistency_groups, extract

SEED = Path(__file__).resolve().parent / "fixtures" / "seed.txt"


def one(text: str, needle: str) -> pd.Series:
    """The single row of extract(text) whose text is ``needle``."""
    df = extract(text)
    rows = df[df["text"] == needle]
    assert len(rows) == 1, df[["text", "kind", "value"]].to_string()
    return rows.iloc[0]


def assert_single(row, kind, value, unit=""):
    assert row["kind"] == kind
    assert row["value"] == pytest.approx(value)
    assert row["low"] == pytest.approx(value) and row["high"] == pytest.approx(value)
    assert row["unit"] == unit


def assert_range(row, kind, low, high, unit=""):
    assert row["kind"] == kind
    assert math.isnan(row["value"])
    assert row["low"] == pytest.approx(low) and row["high"] == pytest.approx(high)
    assert row["unit"] == unit


# --- schema -----------------------------------------------------------------------------

def test_columns_and_offsets():
    text = "China, Inc. controls 80-90% of the market and spent $1.7 trillion in 2020."
    df = extract(text)
    assert list(df.columns[:11]) == ["start", "end", "text", "kind", "value", "low", "high",
                                     "unit", "qualifier", "change", "subject"]
    assert list(df.columns) == COLUMNS
    for r in df.itertuples():
        assert text[r.start:r.end] == r.text


def test_empty():
    df = extract("No numbers here at all.")
    assert df.empty and list(df.columns) == COLUMNS


# --- percents, ranges, money --------------------------------------------------------------

def test_percent_range():
    row = one("Keith Krach: China, Inc. controls 80-90% of the market.", "80-90%")
    assert_range(row, "percent", 80, 90, "%")
    assert row["qualifier"] == "range"
    assert row["subject"] == "of the market"


def test_percent_range_with_to():
    row = one("from years of 5 to 7% of growth to almost zero growth", "5 to 7%")
    assert_range(row, "percent", 5, 7, "%")
    assert row["subject"] == "of growth"


def test_like_80_or_60_is_two_values():
    df = extract("But the anti-Trump videos were still like 80 or 60%, around that.")
    assert df["text"].tolist() == ["80", "60%"]
    assert df["value"].tolist() == [80.0, 60.0]
    assert df["unit"].tolist() == ["%", "%"]
    assert df["kind"].tolist() == ["percent", "percent"]
    assert df["qualifier"].tolist() == ["approx", "approx"]


def test_money_trillion():
    row = one("We are going to invest $1.7 trillion dollars in securing our future.",
              "$1.7 trillion dollars")
    assert_single(row, "money", 1.7e12, "USD")


def test_money_dollar_adjective():
    row = one("called for a 2 trillion dollar ‘New Green Deal.’", "2 trillion dollar")
    assert_single(row, "money", 2e12, "USD")


def test_default_currency_parameter():
    row = extract("It cost $5 million.", default_currency="CAD").iloc[0]
    assert_single(row, "money", 5e6, "CAD")


def test_restatement_yuan_dollars():
    df = extract("which cost a damage of 2.7 trillion yuan or $450 billion dollars.")
    assert df["text"].tolist() == ["2.7 trillion yuan", "$450 billion dollars"]
    assert df["value"].tolist() == [2.7e12, 4.5e11]
    assert df["unit"].tolist() == ["CNY", "USD"]     # no doubled unit
    groups = df["restatement_group"].tolist()
    assert groups[0] == groups[1] and not pd.isna(groups[0])


def test_restatement_with_around():
    df = extract("The cost fell below 40,000 yuan, or around $6,000 dollars, per ton.")
    assert df["value"].tolist() == [40000.0, 6000.0]
    assert df["unit"].tolist() == ["CNY", "USD"]
    assert df["restatement_group"].iloc[0] == df["restatement_group"].iloc[1]
    assert df["qualifier"].iloc[1] == "approx"
    assert df["per"].tolist() == ["ton", "ton"]


def test_shared_scale_money_range():
    row = one("US telecom equipment imports rose from $71 to $129 billion between 2000 and 2008.",
              "$71 to $129 billion")
    assert_range(row, "money", 7.1e10, 1.29e11, "USD")
    assert row["change"] == "up"


@pytest.mark.parametrize("text,needle,value,unit,kind", [
    ("an estimated total of $117.5 billion in agreements", "$117.5 billion", 1.175e11, "USD", "money"),
    ("it already had a 60,000-ton polysilicon production capacity", "60,000-ton", 60000, "ton", "quantity"),
    ("an annual output of 100,000 tons of high-purity polysilicon", "100,000 tons", 100000, "ton", "quantity"),
])
def test_amounts_and_quantities(text, needle, value, unit, kind):
    assert_single(one(text, needle), kind, value, unit)


# --- qualifiers ---------------------------------------------------------------------------

def test_more_than_with_subject():
    row = one("Since 2011, more than 750 solar companies have liquidated or closed.", "750")
    assert_single(row, "count", 750)
    assert row["qualifier"] == "more_than"
    assert row["subject"] == "solar companies"


@pytest.mark.parametrize("text,needle,value,qualifier", [
    ("accounts for at least 60% of global capacity", "60%", 60, "at_least"),
    ("and nearly 80% of solar cells", "80%", 80, "approx"),
    ("by 2020 it provided about 45% of the world’s supply", "45%", 45, "approx"),
])
def test_percent_qualifiers(text, needle, value, qualifier):
    row = one(text, needle)
    assert_single(row, "percent", value, "%")
    assert row["qualifier"] == qualifier


def test_up_to_vague_money():
    row = one("The total worth was up to hundreds of billions of dollars.",
              "hundreds of billions of dollars")
    assert_range(row, "money", 1e11, 1e12, "USD")
    assert row["qualifier"] == "up_to"


def test_over_word_number():
    row = one("made a few points to over one hundred thousand Party officials at the provincial level",
              "one hundred thousand")
    assert_single(row, "count", 100000)
    assert row["qualifier"] == "more_than"
    assert row["subject"] == "Party officials"


# --- word numbers and vague amounts ----------------------------------------------------------

@pytest.mark.parametrize("text,needle,value,subject", [
    ("taken away by half a dozen unidentified men", "half a dozen", 6, "unidentified men"),
    ("the Tomorrow Group that comprised nine companies was", "nine", 9, "companies"),
    ("the world s largest app with a billion active users worldwide", "a billion", 1e9,
     "active users"),
])
def test_word_numbers(text, needle, value, subject):
    row = one(text, needle)
    assert_single(row, "count", value)
    assert row["subject"] == subject


@pytest.mark.parametrize("text,needle,low,high,kind,unit", [
    ("departments receive tens of millions of hacking attempts", "tens of millions", 1e7, 1e8,
     "count", ""),
    ("hundreds of billions", "hundreds of billions", 1e11, 1e12, "count", ""),
    ("it used thousands of mirrors in the desert", "thousands", 1e3, 1e4, "count", ""),
    ("have invested billions of dollars in projects", "billions of dollars", 1e9, 1e10,
     "money", "USD"),
])
def test_vague_amounts(text, needle, low, high, kind, unit):
    row = one(text, needle)
    assert_range(row, kind, low, high, unit)
    assert row["qualifier"] == "approx"


# --- fractions and multipliers ----------------------------------------------------------------

def test_fractions():
    df = extract("The average salary may be just a half or a third of that in Shanghai.")
    assert df["text"].tolist() == ["a half", "a third"]
    assert df["kind"].tolist() == ["fraction", "fraction"]
    assert df["value"].tolist() == pytest.approx([0.5, 1 / 3])
    row = one("is expected to account for one-half of all green energy by 2050", "one-half")
    assert_single(row, "fraction", 0.5)
    assert row["subject"] == "of all green energy"
    assert_single(one("right now it is only maybe a quarter or less than that", "a quarter"),
                  "fraction", 0.25)


@pytest.mark.parametrize("text,needle,value", [
    ("Then between 2015 and 2017, that number tripled.", "tripled", 3),
    ("caused oil prices in America to quadruple, which led", "quadruple", 4),
    ("The danger the CCP poses to the U.S. through TikTok is two-fold.", "two-fold", 2),
    ("Prices are two and a half times higher.", "two and a half times", 2.5),
])
def test_multipliers(text, needle, value):
    assert_single(one(text, needle), "multiplier", value)


# --- dates and times ---------------------------------------------------------------------------

@pytest.mark.parametrize("text,needle,iso,low,high", [
    ("China’s solar energy industry originated in the 1990s as an exports-oriented industry",
     "1990s", "199X", 1990, 1999),
    ("In the second half of the 20th century, the United States was a leader",
     "second half of the 20th century", "1950/1999", 1950, 1999),
])
def test_date_ranges(text, needle, iso, low, high):
    row = one(text, needle)
    assert_range(row, "date", low, high)
    assert row["iso"] == iso


@pytest.mark.parametrize("text,needle,iso", [
    ("At around 1am on January 27, 2017, billionaire Xiao Jianhua was taken", "January 27, 2017",
     "2017-01-27"),
    ("On May 5th, the People’s Daily published an article", "May 5th", "--05-05"),
    ("Politically, on February 21, the torch was extinguished", "February 21", "--02-21"),
])
def test_dates(text, needle, iso):
    row = one(text, needle)
    assert row["kind"] == "date" and row["iso"] == iso


def test_time_1am():
    row = one("At around 1am on January 27, 2017, billionaire Xiao Jianhua was taken", "1am")
    assert_single(row, "time", 1, "hour")
    assert row["iso"] == "T01:00"


def test_by_2050_keeps_qualifier():
    row = one("so by 2050 America will be a 100% clean energy economy.", "2050")
    assert_single(row, "year", 2050)
    assert row["qualifier"] == "by"


# --- durations -------------------------------------------------------------------------------

@pytest.mark.parametrize("text,needle,value,unit", [
    ("dispatched a special envoy for a three-week charm offensive", "three-week", 3, "week"),
    ("he attended 20 formal events in a day and a half, including", "a day and a half", 1.5, "day"),
    ("Xiao’s case was put on hold for 5 years until earlier this month", "5 years", 5, "year"),
    ("The Party’s conclave is three month away", "three month", 3, "month"),
    ("But under Putin’s 13 years of ruling, Russia has transformed", "13 years", 13, "year"),
])
def test_durations(text, needle, value, unit):
    assert_single(one(text, needle), "duration", value, unit)


# --- not units, not claims ---------------------------------------------------------------------

@pytest.mark.parametrize("text,needle", [
    ("which included 5G networks produced by Huawei", "5G"),
    ("from its handling of Covid-19, to its diplomacy", "19"),
    ("he hardly ever mentioned the zero-covid policy", "zero"),
    ("This is the luxury Four Seasons Hotel in Central, Hong Kong.", "Four"),
    ("The Communist Party’s 20th National Congress is going to be held in fall.", "20th"),
    ("Xi and Putin at the 4th Eastern Economic Forum in Vladivostok", "4th"),
])
def test_names_are_not_claims(text, needle):
    row = one(text, needle)
    assert not row["is_claim"]
    assert row["unit"] == ""


def test_discourse_ordinals_and_pronoun_one_are_ignored():
    text = ("First, China created many websites. the second is that Li Keqiang did not wear a mask. "
            "He is the one that managed the money. One, there happened to be a big coal mine. "
            "And two, Xinjiang’s labor is very cheap.")
    assert extract(text).empty


def test_list_letters_are_ignored():
    assert extract("The options are: a) cheap, b) fast. (1) first item.").empty


def test_ccp_committees_is_a_count():
    df = extract("In the organization, there are 12 CCP committees, 5 CCP branch committees.")
    row = df.iloc[0]
    assert_single(row, "count", 12)
    assert row["subject"] == "CCP committees"


def test_1999_lucent_is_a_year():
    row = one("and in 1999 Lucent was the sixth largest US company", "1999")
    assert_single(row, "year", 1999)
    assert row["iso"] == "1999"


# --- claims table -------------------------------------------------------------------------------

def sentences_of(text: str, speakers: dict[str, str] | None = None) -> pd.DataFrame:
    """A minimal sentences table: split on sentence punctuation and newlines."""
    rows = []
    for i, m in enumerate(re.finditer(r"[^.!?\n]+[.!?]*", text)):
        s, e = m.span()
        while s < e and text[s].isspace():
            s += 1
        if s == e:
            continue
        rows.append({"sentence_id": len(rows), "doc_id": 0, "turn_id": 0, "speaker": "",
                     "start": s, "end": e, "text": text[s:e], "is_question": text[e - 1] == "?"})
    return pd.DataFrame(rows)


SNIPPET = (
    "Keith Krach: China, Inc. controls 80-90% of the market.\n"
    "According to the Financial Times, key departments receive tens of millions of hacking attempts each month.\n"
    "Reports from the World Uyghur Congress submitted to the UN in 2018 suggest that 1 million Uyghurs are held.\n"
    "I believe 30% of them are innocent.\n"
    "According to researchers, and as reported by Bloomberg, TikTok collects 5 kinds of data.\n"
    "Keith Krach: China Inc controls 90% of the market. All top 10 companies are Chinese except First Solar "
    "in US with 2 % and a Korea 5% Chinese manufacturers have diversified, but Chinese factories still "
    "produce 60 percent of the world’s PV cells\n"
    "It produces more than 66% of polysilicon and nearly 80% of solar cells.\n"
    "This is the 20th National Congress on January 27, 2017.\n"
)


@pytest.fixture(scope="module")
def table():
    return claims_table(sentences_of(SNIPPET))


def test_table_offsets_into_source(table):
    for r in table.itertuples():
        assert SNIPPET[r.start:r.end] == r.text
    assert {"doc_id", "sentence_id", "speaker", "is_claim", "checkworthiness", "attribution",
            "consistency_group"} <= set(table.columns)


def test_attribution(table):
    def attribution_of(needle):
        return table.loc[table["text"] == needle, "attribution"].iloc[0]
    assert attribution_of("tens of millions") == "According to the Financial Times"
    assert attribution_of("1 million") == ("Reports from the World Uyghur Congress submitted "
                                           "to the UN in 2018 suggest")
    assert attribution_of("30%") == "I believe"
    assert attribution_of("5") == "According to researchers; as reported by Bloomberg"
    assert attribution_of("80-90%") == ""


def test_is_claim_and_checkworthiness(table):
    name = table[table["text"] == "20th"].iloc[0]
    assert not name["is_claim"] and name["checkworthiness"] == 0
    date = table[table["text"] == "January 27, 2017"].iloc[0]
    pct = table[table["text"] == "80-90%"].iloc[0]
    assert date["is_claim"] and pct["checkworthiness"] > date["checkworthiness"] > 0


def test_consistency_groups(table):
    market = table[table["text"].isin(["80-90%", "90%"])]
    assert market["consistency_group"].nunique() == 1 and market["consistency_group"].notna().all()
    cells = table[table["text"].isin(["2 %", "60 percent", "80%"])]
    assert cells["consistency_group"].nunique() == 1 and cells["consistency_group"].notna().all()
    assert cells["consistency_group"].iloc[0] != market["consistency_group"].iloc[0]
    groups = consistency_groups(table)
    assert sorted(map(len, groups["values"])) == [2, 4]
    assert ["80-90%", "90%"] in groups["values"].tolist()


def test_seed_runs_and_offsets():
    text = SEED.read_text(encoding="utf-8")
    df = extract(text)
    assert len(df) > 150
    assert all(text[s:e] == t for s, e, t in zip(df["start"], df["end"], df["text"]))
    assert set(df["kind"]) <= {"percent", "money", "count", "quantity", "year", "date", "time",
                               "duration", "ordinal", "multiplier", "fraction", "age"}


# --- the real seed, through the workbook -----------------------------------------------

@pytest.fixture(scope="module")
def seed_table():
    from doculens.workbook import build
    wb = build([SEED])
    return wb, claims_table(wb.sentences)


def test_seed_claims_table_offsets_and_columns(seed_table):
    wb, table = seed_table
    assert list(table.columns) == TABLE_COLUMNS
    for r in table.itertuples():
        assert wb.source_text(r.doc_id)[r.start:r.end] == r.text


def test_seed_consistency_krach_market_share(seed_table):
    _, table = seed_table
    krach = table[(table["speaker"] == "Keith Krach") & table["text"].isin(["80-90%", "90%"])]
    assert sorted(krach["text"]) == ["80-90%", "90%"]
    assert krach["consistency_group"].notna().all() and krach["consistency_group"].nunique() == 1
    group = table[table["consistency_group"] == krach["consistency_group"].iloc[0]]
    assert sorted(group["text"]) == ["80-90%", "90%"]
    assert set(group["subject"]) == {"of the market"}


def test_seed_consistency_pv_cells(seed_table):
    _, table = seed_table
    two = table[(table["text"] == "2 %") & (table["speaker"] == "Keith Krach")]
    assert len(two) == 1 and pd.notna(two["consistency_group"].iloc[0])
    group = table[table["consistency_group"] == two["consistency_group"].iloc[0]]
    assert {"2 %", "60 percent", "80%"} <= set(group["text"])
    nearly = group[group["text"] == "80%"].iloc[0]
    assert nearly["qualifier"] == "approx" and nearly["value"] == 80
    assert group[group["text"] == "60 percent"]["subject"].iloc[0] == "of the world’s PV cells"
    market = table.loc[table["text"] == "80-90%", "consistency_group"].iloc[0]
    assert market != two["consistency_group"].iloc[0]
    sides = consistency_groups(table)
    assert ["80-90%", "90%"] in sides["values"].tolist()


# --- notebook views ------------------------------------------------------------------------

def test_views_escape_and_tidy(seed_table):
    from doculens.claims import (GROUP_COLUMNS, TIMELINE_COLUMNS, claim_groups, highlighted,
                                 most_checkworthy, timeline)
    wb, table = seed_table
    groups = claim_groups(table)
    assert list(groups.columns) == GROUP_COLUMNS
    assert set(groups["consistency_group"]) == set(table["consistency_group"].dropna())
    years = timeline(table)
    assert list(years.columns) == TIMELINE_COLUMNS
    assert (years["year_from"] <= years["year_to"]).all()
    century = years[years["text"] == "second half of the 20th century"].iloc[0]
    assert (century["year_from"], century["year_to"]) == (1950, 1999)
    top = most_checkworthy(table, n=10)
    assert len(top) == 10 and top["checkworthiness"].is_monotonic_decreasing
    assert not top["kind"].isin(["year", "date", "time"]).any()
    view = highlighted(table.head(20), wb.sentences)
    assert view["sentence"].str.count("<mark>").eq(1).all()
    sentences = pd.DataFrame({"sentence_id": [1], "doc_id": [1], "turn_id": [1],
                              "speaker": ["<script>x</script>"], "start": [0], "end": [30],
                              "text": ["<b>It</b> rose 5% & more."], "is_question": [False]})
    view = highlighted(claims_table(sentences), sentences)
    assert view["sentence"].iloc[0] == "&lt;b&gt;It&lt;/b&gt; rose <mark>5%</mark> &amp; more."
    assert view["speaker"].iloc[0] == "&lt;script&gt;x&lt;/script&gt;"


# --- number grammar (issue 3 follow-up: Recognizers-Text coverage) ------------------------

@pytest.mark.parametrize("text, value", [
    ("two hundred and thirty five thousand", 235000),
    ("one million two hundred thousand", 1_200_000),
    ("two hundred point zero three", 200.03),
    ("two hundred point seventy-one", 200.71),
    ("nought point five", 0.5),
    ("4 hundred million", 4e8),
    ("4 thousand 3 hundred and 21", 4321),
    ("322 hundred", 32200),
    ("1.5 k", 1500),
    ("10 bln", 1e10),
    ("fifty - two", 52),
    ("a dozen", 12),
    ("three dozens", 36),
    ("six crore and two hundred", 60_000_200),
    ("three lakh crore", 3e12),
    ("1.1^23", 1.1 ** 23),
    ("10^6", 1e6),
    ("1.3x10^6", 1.3e6),
    ("6.23x10^-4", 6.23e-4),
    ("12.32e+14", 1.232e15),
    ("1 234 567", 1_234_567),
    ("12,34,567.89", 1_234_567.89),
    ("2 1/4", 2.25),
    ("five and a half million", 5.5e6),
    ("3 million and a half", 3.5e6),
    ("one billion and a quarter million", 1_000_250_000),
    ("half a million", 5e5),
    ("two thirds of a million", 2e6 / 3),
    ("twenty and three fifths", 20.6),
    ("one hundred and three quarters", 100.75),
    ("twenty-three fifths", 4.6),
])
def test_number_grammar_exact_values(text, value):
    df = extract(text)
    assert len(df) == 1, df[["text", "kind", "value"]].to_string()
    assert df["text"].iloc[0] == text
    assert df["value"].iloc[0] == pytest.approx(value)


@pytest.mark.parametrize("text, value", [
    ("three fifths", 0.6), ("a trillionth", 1e-12), ("one over four", 0.25),
    ("two out of five", 0.4), ("one in twenty-one", 1 / 21), ("⅔", 2 / 3),
])
def test_word_fractions_and_ratios(text, value):
    row = one(text, text)
    assert row["kind"] == "fraction"
    assert row["value"] == pytest.approx(value)


@pytest.mark.parametrize("text, needle, value", [
    ("The answer is minus five", "minus five", -5),
    ("The answer is minus one", "minus one", -1),
    ("It read -4/5 on the dial", "-4/5", -0.8),
    ("- 10 k", "- 10 k", -10000),
])
def test_signed_numbers(text, needle, value):
    assert one(text, needle)["value"] == pytest.approx(value)


def test_grammar_does_not_join_two_amounts():
    df = extract("Sales hit 5 million and 3 million units; 2 million and 300 jobs.")
    assert df["value"].tolist()[:2] == [5e6, 3e6]
    assert 2e6 in df["value"].tolist() and 300 in df["value"].tolist()
    assert extract("It was between 5 and 10")[["low", "high"]].values.tolist() == [[5.0, 10.0]]


@pytest.mark.parametrize("text, qualifier, low, high", [
    ("greater than or equal to 50", "at_least", 50, 50),
    ("x>10", "more_than", 10, 10),
    ("10 or more people", "at_least", 10, 10),
    ("five hundred or less", "at_most", 500, 500),
    ("equals 20", "exact", 20, 20),
    ("exceeding 150", "more_than", 150, 150),
])
def test_bounds(text, qualifier, low, high):
    row = extract(text).iloc[0]
    assert (row["qualifier"], row["low"], row["high"]) == (qualifier, low, high)


def test_bound_pairs_make_an_interval():
    df = extract("x is larger than 10 and smaller than 20. y is no more than 50 and no less than 20.")
    assert df[["low", "high", "qualifier"]].values.tolist() == [[10.0, 20.0, "range"],
                                                                 [20.0, 50.0, "range"]]
    # an empty interval stays two bounds
    assert len(extract("More than 40 and less than 10 are two ranges")) >= 2


@pytest.mark.parametrize("text, value, unit", [
    ("420 million finnish markka", 4.2e8, "FIM"),
    ("6.65 billion pesetas", 6.65e9, "ESP"),
    ("250 million dutch guilders", 2.5e8, "NLG"),
    ("10 turkish lira", 10, "TRY"),
    ("361 million pounds", 3.61e8, "GBP"),
    ("10 €", 10, "EUR"),
    ("100元", 100, "CNY"),
    ("USD115", 115, "USD"),
    ("30 MUSD", 3e7, "USD"),
    ("thirteen dollars and forty-five cents", 13.45, "USD"),
    ("a $48.2 million contract", 4.82e7, "USD"),
    ("$A82,615,680", 82_615_680, "AUD"),
])
def test_currency_names(text, value, unit):
    row = extract(text).iloc[0]
    assert row["kind"] == "money"
    assert (row["value"], row["unit"]) == (pytest.approx(value), unit)


def test_percent_words_and_names():
    assert one("thirty percentage", "thirty percentage")["value"] == 30
    assert one("per cent of twenty-two", "twenty-two")["unit"] == "%"
    assert extract("see https://www.test.com/search?q=30%25%2020%").empty
    for text, needle in (("The S&P 500 rose", "500"), ("the iPhone 11 Pro", "11"),
                         ("Game 7 at home", "7")):
        assert not one(text, needle)["is_claim"]


def test_news_levels_and_scores():
    df = extract("Revenue rose to $7.36 billion from $6.78 billion a year earlier.")
    assert df["value"].tolist() == [7.36e9, 6.78e9]       # two values, not a range
    assert_range(one("They won 9-2 on Sunday.", "9-2"), "count", 2, 9)
    assert not one("It ended 2-2.", "2-2")["is_claim"]
    row = one("The index (16369.03 up 58.06 points).", "16369.03")
    assert (row["kind"], row["unit"]) == ("quantity", "point")
    assert one("Dozens of people were hurt.", "Dozens")[["low", "high"]].tolist() == [12, 120]


def test_approximate_range_keeps_approx():
    row = one("Adults need about 2000 - 2500 Calories a day.", "2000 - 2500 Calories a day")
    assert (row["low"], row["high"], row["qualifier"]) == (2000, 2500, "approx")


# --- rates, changes and subjects (NewsQuant misses) -------------------------------------

def test_per_rate_after_percent_and_duration():
    row = one("The market is growing almost five percent a year.", "five percent a year")
    assert (row["kind"], row["value"], row["unit"], row["per"]) == ("percent", 5.0, "%", "year")
    row = one("I work 40 to 50 hours a week.", "40 to 50 hours a week")
    assert_range(row, "duration", 40, 50, "hour")
    assert row["per"] == "week"
    # "a year earlier" is a point in time, not a rate
    row = one("Revenue rose from $6.78 billion a year earlier.", "$6.78 billion")
    assert (row["value"], row["per"]) == (6.78e9, "")
    # a multi-year duration stays the rate's own word
    row = one("Seas could rise 11 feet per century.", "11 feet per century")
    assert (row["unit"], row["per"]) == ("ft", "century")


def test_per_rate_after_a_parenthetical_restatement():
    df = extract("Shares were tendered to the offer of C$6 (US$4.46) per share in cash.")
    assert df[["text", "unit", "per"]].values.tolist() == [
        ["C$6", "CAD", "share"], ["US$4.46", "USD", ""]]


def test_basis_point_singular():
    row = one("There was a 60 basis point improvement in margins.", "60 basis point")
    assert (row["kind"], row["value"], row["unit"]) == ("quantity", 60.0, "bp")


def test_change_verb_with_object_before_by():
    row = one("The brand was expected to grow sales by 35 per cent this half.", "35 per cent")
    assert (row["value"], row["change"]) == (35.0, "up")
    row = one("The bank cut its forecast by 2%.", "2%")
    assert row["change"] == "down"
    assert one("Profit was revised upward by $40 million.", "$40 million")["change"] == "up"


def test_change_noun_of_is_not_a_change():
    # "a gain of 2.13%", "a decrease of 400,000 barrels": a noun, annotated as a plain amount
    assert one("Not as impressive as the major gain of 2.13% in August.", "2.13%")["change"] == ""
    assert one("They pledged a decrease of 400,000 barrels a day.",
               "400,000 barrels a day")["change"] == ""


def test_change_carried_to_a_percent_restatement():
    df = extract("Employment grew by 125,600 positions or 2.2 per cent.")
    assert df[["text", "value", "change"]].values.tolist() == [
        ["125,600", 125600.0, "up"], ["2.2 per cent", 2.2, "up"]]


def test_from_unit_to_bare_number_is_a_range():
    row = one("He went from 208 pounds to 193 by exercising.", "208 pounds to 193")
    assert_range(row, "quantity", 193, 208, "lb")
    assert row["qualifier"] == "range"


def test_restatement_keeps_the_bound():
    df = extract("The moths can fly more than 100 kilometers (60 miles).")
    assert df[["text", "value", "unit", "qualifier"]].values.tolist() == [
        ["100 kilometers", 100.0, "km", "more_than"], ["60 miles", 60.0, "mile", "more_than"]]
    df = extract("It costs 40,000 yuan, or around $6,000.")
    assert df["qualifier"].tolist() == ["exact", "approx"]


@pytest.mark.parametrize("text, needle, subject", [
    ("one of the most spectacular catches ever", "one", "of the most spectacular catches"),
    ("With eight more picks the team went all over the map.", "eight", "more picks"),
    ("It is one of my local stores.", "one", "of my local stores"),
    ("It is one of the hottest luxury cars in the world with tuners.", "one",
     "of the hottest luxury cars in the world"),
    ("one of the proudest moments in his life.", "one", "of the proudest moments in his life"),
    ("one of the best screens in this price range in terms of quality", "one",
     "of the best screens"),
    ("She put one hand behind her head.", "one", "hand"),
    ("It will make the S8 around 40k cheaper than its rivals.", "40k", ""),
    ("It grew 5 more than last year.", "5", ""),
])
def test_subject_phrases(text, needle, subject):
    assert one(text, needle)["subject"] == subject


# --- value-less percents, units, ages, rates, ellipsis (NewsQuant unit follow-up) -----------

def test_valueless_percent_mentions():
    df = extract("Only a small percentage of voters turned out, and nobody knows the exact "
                 "percentage.")
    cols = ["text", "kind", "unit", "qualifier", "subject", "is_claim", "note"]
    assert df[cols].values.tolist() == [
        ["small percentage", "percent", "%", "approx", "of voters", True, "vague"],
        ["percentage", "percent", "%", "", "", False, "no value"]]
    assert df[["value", "low", "high"]].isna().all().all()
    # a percent word a number already carries makes no second row
    assert extract("What percent of twenty is that?")["text"].tolist() == ["twenty"]
    assert extract("It rose 5 percent.")["text"].tolist() == ["5 percent"]


def test_valueless_percent_joins_no_consistency_group():
    s = pd.DataFrame({"sentence_id": [0, 1], "doc_id": [0, 0], "turn_id": [0, 1],
                      "speaker": ["A", "B"], "start": [0, 40],
                      "end": [38, 80], "text": ["A large percentage of the fans left.",
                                                "Some 30 percent of the fans left."],
                      "is_question": [False, False]})
    table = claims_table(s)
    assert table["text"].tolist() == ["large percentage", "30 percent"]
    assert table["consistency_group"].isna().all()


def test_hyphenated_rate_and_points_beside_a_counted_noun():
    row = one("The plant refines 80,000 barrel-a-day of crude.", "80,000 barrel-a-day")
    assert_single(row, "quantity", 80000, "barrel")
    assert row["per"] == "day"
    df = extract("She averaged 12.5 points and 6.5 assists per game.")
    assert df[["text", "kind", "unit", "per", "subject"]].values.tolist() == [
        ["12.5 points", "quantity", "point", "", ""], ["6.5", "count", "", "game", "assists"]]


def test_us_customary_volumes_and_part_of_a_unit():
    df = extract("He drank 2 US pints and then 1/4 of a gallon.")
    assert df[["text", "kind", "value", "unit"]].values.tolist() == [
        ["2 US pints", "quantity", 2.0, "pt"], ["1/4 of a gallon", "quantity", 0.25, "gal"]]
    assert_single(one("One fluid ounce is enough.", "One fluid ounce"), "quantity", 1, "fl oz")
    # only a part of one unit reads "of a <unit>"
    assert one("We drew three of a kind.", "three")["kind"] == "count"


def test_suspended_hyphens_take_the_unit_of_the_compound():
    df = extract("a 5- or 10-minute break")
    assert df[["text", "kind", "value", "unit"]].values.tolist() == [
        ["5", "duration", 5.0, "minute"], ["10-minute", "duration", 10.0, "minute"]]
    df = extract("engines with four-, five- and six-cylinder layouts")
    assert df[["text", "kind", "unit", "subject"]].values.tolist() == [
        ["four", "quantity", "cylinder", "layouts"], ["five", "quantity", "cylinder", "layouts"],
        ["six-cylinder", "quantity", "cylinder", "layouts"]]


@pytest.mark.parametrize("text, needle, value, unit", [
    ("Maria Lopez, 34, said the rent doubled.", "34", 34, "year"),
    ("Lopez, 34, said so.", "34", 34, "year"),
    ("When she was 17 she left.", "17", 17, "year"),
    ("He will be 40 by the end of the year.", "40", 40, "year"),
    ("They have a 6 month-old son.", "6 month-old", 6, "month"),
    ("No child under the age of 12 years may enter.", "12 years", 12, "year"),
])
def test_ages_without_years_old(text, needle, value, unit):
    assert_single(one(text, needle), "age", value, unit)


def test_not_ages():
    df = extract("In Paris, 3, 4 and 5 were sold.")
    assert set(df["kind"]) == {"count"}
    assert one("He was 5 minutes late.", "5 minutes")["kind"] == "duration"
    assert one("She was 150 in the ranking.", "150")["kind"] == "count"   # > AGE_MAX


def test_rate_after_a_counted_noun():
    row = one("The lab runs 3,000 tests per day.", "3,000")
    assert (row["subject"], row["per"]) == ("tests", "day")
    row = one("The heart beats 70 times a minute.", "70")
    assert (row["subject"], row["per"]) == ("times", "minute")
    assert one("We had 20 people a year earlier.", "20")["per"] == ""


def test_coordinated_subject_shares_its_plural_head():
    assert one("About 460 Ford and Honda cars were recalled.", "460")["subject"] == \
        "Ford and Honda cars"
    assert one("They sold 2.7m digital and physical copies.", "2.7m")["subject"] == \
        "digital and physical copies"
    assert one("We hired 40 nurses and doctors.", "40")["subject"] == "nurses"


def test_elided_units_from_a_neighbour():
    df = extract("Tickets were 80 cents, while the cheapest were 65.")
    assert df[["text", "kind", "value", "unit", "note"]].values.tolist() == [
        ["80 cents", "money", 0.8, "USD", ""], ["65", "money", 0.65, "USD", "elided unit"]]
    row = one("Exports rose 4 percent but imports fell by 2.", "2")
    assert_single(row, "percent", 2, "%")
    assert row["change"] == "down"
    row = one("We sold 300 cars in May and 280 in June.", "280")
    assert (row["kind"], row["subject"], row["note"]) == ("count", "cars", "elided unit")
    row = one("We had 22 burglaries, compared with an average of 20 per week.", "20")
    assert (row["subject"], row["per"]) == ("burglaries", "week")
    assert_single(one("They raised 3 million of the 10 million dollars they need.", "3 million"),
                  "money", 3e6, "USD")
    assert_single(one("Prices went from about 10-12 dollars to 15.", "15"), "money", 15, "USD")


def test_no_elided_unit_without_a_cue_or_between_unlike_amounts():
    # far apart in size: an index level, not a percent
    assert one("It rose 5% and the index closed at 3,000.", "3,000")["kind"] == "count"
    # the number starts a new clause
    assert one("The fee is $4.50 and 12 is the limit.", "12")["kind"] == "count"
    # no coordination or comparison between them
    assert one("He paid $5 for 2.", "2")["kind"] == "count"


def test_range_with_a_non_year_end_is_no_year():
    row = one("Hiring went from 1000 to 2000 engineers.", "1000 to 2000")
    assert_range(row, "count", 1000, 2000)
    assert row["subject"] == "engineers"
    assert one("between 500 and 2000 people", "500 and 2000")["subject"] == "people"
    assert one("From 1999 to 2005 prices rose.", "1999 to 2005")["kind"] == "year"


def test_one_noun_or_n():
    assert_single(one("It should take a week or two.", "two"), "duration", 2, "week")
    assert one("They may add another pick or two.", "two")["subject"] == "pick"


def test_more_units_and_spaced_currency_codes():
    assert_single(one("The line carries 110 kV.", "110 kV"), "quantity", 110, "kV")
    assert_single(one("The engine makes 150 PS.", "150 PS"), "quantity", 150, "PS")
    row = one("It costs AU $20 a month.", "AU $20 a month")
    assert_single(row, "money", 20, "AUD")
    assert row["per"] == "month"


def test_house_numbers_clock_times_with_zones_and_day_ranges():
    df = extract("She lives at 49 Elm Road and works at 16-18 Mill Avenue, 3 Main Street shops.")
    assert df[["text", "is_claim", "note"]].values.tolist() == [
        ["49", False, "address"], ["16", False, "address"], ["18", False, "address"],
        ["3", True, ""]]
    # a saint's or a brand's name after a number is no street: the number is a count
    for text in ("About 200 St Petersburg residents protested.", "He sold 500 Dr Pepper cans."):
        assert extract(text)[["is_claim", "note"]].values.tolist() == [[True, ""]]
    row = one("The order was signed at 0930 GMT on Friday.", "0930")
    assert (row["kind"], row["iso"]) == ("time", "T09:30")
    assert row["value"] == pytest.approx(9.5)
    df = extract("The festival runs Aug. 12-15 and Sept. 3, 2024.")
    assert df[["text", "kind", "iso"]].values.tolist() == [
        ["Aug. 12-15", "date", "--08-12/--08-15"], ["Sept. 3, 2024", "date", "2024-09-03"]]


def test_elided_unit_keeps_no_scale_it_cannot_see():
    assert one("We spent $5 million and hired 20.", "20")["kind"] == "count"
    assert one("We were 12 in the team.", "12")["kind"] == "count"


def test_coordination_needs_the_plural_to_be_the_head():
    assert one("its new 2 drug regimen and shingles vaccine", "2")["subject"] == "drug regimen"
