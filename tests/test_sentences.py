"""Tests for doculens.sentences: lossless spans, boundary rules, seed cases, question flag."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from doculens.sentences import (
    ABBREVIATIONS,
    PREPOSITIVE_ABBREVIATIONS,
    SENTENCE_STARTERS,
    is_question,
    sentence_spans,
    split_sentences,
)

SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_5091d5ce2a71cf37.txt"

#: Characters that exercise every rule: terminals, closers, openers, bullets, list labels,
#: abbreviations' letters, digits, all kinds of whitespace and a few non-Latin letters.
PUNCTUATION_HEAVY = (
    "aAbBcCeEgIiMmprsStUuDdNo019 .....!?…‽'\"“”‘’()[]{}«»•⁃◦-–—*:;,$%&#°\n\n\t\r\u2029\u00a0"
    "\u3000。！？」é中"
)


def texts(sentences: list[str] | pd.DataFrame) -> list[str]:
    """The sentence texts of a frame."""
    return sentences["text"].tolist()


def check_invariants(source: str) -> pd.DataFrame:
    """Assert the span contract on ``source`` and return the frame."""
    df = split_sentences(source)
    assert list(df.columns) == ["start", "end", "text"]
    covered = [False] * len(source)
    previous_end = 0
    for start, end, text in zip(df["start"], df["end"], df["text"]):
        assert text == source[start:end]
        assert text, "no empty sentences"
        assert not text[0].isspace() and not text[-1].isspace()
        assert start >= previous_end, "in order and not overlapping"
        previous_end = end
        for i in range(start, end):
            covered[i] = True
    for i, ch in enumerate(source):
        if not ch.isspace():
            assert covered[i], f"non-whitespace {ch!r} at {i} not in any sentence"
    return df


# ----------------------------------------------------------------------------- contract

@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_lossless_on_random_unicode(source):
    check_invariants(source)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=PUNCTUATION_HEAVY, max_size=200))
def test_lossless_on_punctuation_heavy_text(source):
    check_invariants(source)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([
    "Mr.", "Dr.", "U.S.", "U.S..", "Inc.", "No.", "p.", "a.m.", "P.M.", "e.g.", "etc.",
    "A.", "b.", "1.", "2.)", "3)", "•", "⁃9.", "...", ". . .", "…", "?!", "word", "Word",
    "“Quote.”", "'quote.'", "(paren.)", "$100.00.", "1.5", "\n", "\n\n", "s", "t",
]), max_size=30))
def test_lossless_on_rule_tokens(tokens):
    check_invariants(" ".join(tokens))


def test_empty_and_whitespace_give_empty_frame():
    for source in ("", "   ", "\n\n\t ", "\u3000"):
        df = split_sentences(source)
        assert df.empty
        assert list(df.columns) == ["start", "end", "text"]
    assert sentence_spans("") == []


def test_offsets_are_integers():
    df = split_sentences("One. Two.")
    assert str(df["start"].dtype) == "int64" and str(df["end"].dtype) == "int64"
    assert df.values.tolist() == [[0, 4, "One."], [5, 9, "Two."]]


# ------------------------------------------------------------------------- boundary rules

@pytest.mark.parametrize("source, expected", [
    # Golden Rules (pySBD's english_golden_rules, MIT): a representative subset.
    ("Hello World. My name is Jonas.", ["Hello World.", "My name is Jonas."]),
    ("What is your name? My name is Jonas.", ["What is your name?", "My name is Jonas."]),
    ("My name is Jonas E. Smith.", ["My name is Jonas E. Smith."]),
    ("Please turn to p. 55.", ["Please turn to p. 55."]),
    ("Were Jane and co. at the party?", ["Were Jane and co. at the party?"]),
    ("They closed the deal with Pitt, Briggs & Co. It closed yesterday.",
     ["They closed the deal with Pitt, Briggs & Co.", "It closed yesterday."]),
    ("I can see Mt. Fuji from here.", ["I can see Mt. Fuji from here."]),
    ("St. Michael's Church is on 5th st. near the light.",
     ["St. Michael's Church is on 5th st. near the light."]),
    ("That is JFK Jr.'s book.", ["That is JFK Jr.'s book."]),
    ("I visited the U.S.A. last year.", ["I visited the U.S.A. last year."]),
    ("I live in the U.S. How about you?", ["I live in the U.S.", "How about you?"]),
    ("I work for the U.S. Government in Virginia.",
     ["I work for the U.S. Government in Virginia."]),
    ("At 5 a.m. Mr. Smith went to the bank. He left the bank at 6 P.M. Mr. Smith then went "
     "to the store.", ["At 5 a.m. Mr. Smith went to the bank.", "He left the bank at 6 P.M.",
                       "Mr. Smith then went to the store."]),
    ("She has $100.00. It is in her bag.", ["She has $100.00.", "It is in her bag."]),
    ("Her email is Jane.Doe@example.com. I sent her an email.",
     ["Her email is Jane.Doe@example.com.", "I sent her an email."]),
    ("She turned to him, 'This is great.' she said.",
     ["She turned to him, 'This is great.' she said."]),
    ('She turned to him, "This is great." She held the book out to show him.',
     ['She turned to him, "This is great."', "She held the book out to show him."]),
    ("Hello?! Is that you?", ["Hello?!", "Is that you?"]),
    ("1.) The first item 2.) The second item", ["1.) The first item", "2.) The second item"]),
    ("1) The first item. 2) The second item.", ["1) The first item.", "2) The second item."]),
    ("1. The first item 2. The second item", ["1. The first item", "2. The second item"]),
    ("• 9. The first item • 10. The second item", ["• 9. The first item", "• 10. The second item"]),
    ("a. The first item b. The second item c. The third list item",
     ["a. The first item", "b. The second item", "c. The third list item"]),
    ("She works at Yahoo! in the accounting department.",
     ["She works at Yahoo! in the accounting department."]),
    ("We make a good team, you and I. Did you see Albert I. Jones yesterday?",
     ["We make a good team, you and I.", "Did you see Albert I. Jones yesterday?"]),
    ('"Bohr [...] used the analogy of parallel stairways [...]" (Smith 55).',
     ['"Bohr [...] used the analogy of parallel stairways [...]" (Smith 55).']),
    ("I never meant that.... She left the store.", ["I never meant that....", "She left the store."]),
    ("I wasn’t really ... well, what I mean...see . . . what I'm saying, the thing is . . . "
     "I didn’t mean it.", ["I wasn’t really ... well, what I mean...see . . . what I'm saying, "
                          "the thing is . . . I didn’t mean it."]),
    ("One further habit which was somewhat weakened . . . was that of combining words into "
     "self-interpreting compounds. . . . The practice was not abandoned. . . .",
     ["One further habit which was somewhat weakened . . . was that of combining words into "
      "self-interpreting compounds.", ". . . The practice was not abandoned. . . ."]),
])
def test_golden_rules_subset(source, expected):
    assert texts(check_invariants(source)) == expected


@pytest.mark.parametrize("source, expected", [
    # abbreviations and titles
    ("He met Dr. Zhang and Mrs. Li and Ms. Wu. They talked.",
     ["He met Dr. Zhang and Mrs. Li and Ms. Wu.", "They talked."]),
    ("Ask Mr. Krach. He knows.", ["Ask Mr. Krach.", "He knows."]),
    ("It is No. 1 in sales. No. I don't think so.",
     ["It is No. 1 in sales.", "No.", "I don't think so."]),
    ("Apps such as WeChat, Douyin and etc. Because they are convenient.",
     ["Apps such as WeChat, Douyin and etc.", "Because they are convenient."]),
    ("Big firms, e.g. Google and i.e. Apple, use it.", ["Big firms, e.g. Google and i.e. Apple, use it."]),
    ("We meet at 5 p.m. tomorrow. Bring food.", ["We meet at 5 p.m. tomorrow.", "Bring food."]),
    ("He lives in Washington, D.C. He works there.", ["He lives in Washington, D.C.", "He works there."]),
    ("The U.S. Air Force agreed.", ["The U.S. Air Force agreed."]),
    ("Biden vs. Trump was close.", ["Biden vs. Trump was close."]),
    ("John Smith Jr. He came.", ["John Smith Jr.", "He came."]),
    ("We chose Plan B. We left.", ["We chose Plan B.", "We left."]),
    ("George W. Bush spoke.", ["George W. Bush spoke."]),
    # decimals and numbers
    ("Growth was 1.5 percent. Then 2.25 percent.", ["Growth was 1.5 percent.", "Then 2.25 percent."]),
    ("It costs $3.50. That is cheap.", ["It costs $3.50.", "That is cheap."]),
    ("It fell in 2019. 27 of 34 start-ups failed.", ["It fell in 2019.", "27 of 34 start-ups failed."]),
    # quotes
    ("He said “It is over.” Then he left.", ["He said “It is over.”", "Then he left."]),
    ("“Is it?” she asked.", ["“Is it?” she asked."]),
    ("He wrote: 'Done.' Then slept.", ["He wrote: 'Done.'", "Then slept."]),
    # ellipses
    ("It is connected to this… That’s why.", ["It is connected to this…", "That’s why."]),
    ("Well… maybe.", ["Well… maybe."]),
    ("He waited . . . and waited.", ["He waited . . . and waited."]),
    # lists at the start of lines and bullets
    ("Steps:\n1) Open it.\n2) Close it.", ["Steps:", "1) Open it.", "2) Close it."]),
    ("Steps:\n1. Open it\n2. Close it", ["Steps:", "1. Open it", "2. Close it"]),
    ("Steps:\n• Open it\n• Close it", ["Steps:", "• Open it", "• Close it"]),
    ("Steps:\n- Open it\n- Close it", ["Steps:", "- Open it", "- Close it"]),
    ("- one\n- two\n- three", ["- one", "- two", "- three"]),
    ("he said\n- and then left.", ["he said\n- and then left."]),  # a hard wrap, not a bullet
    ("Options:\na. Red.\nb. Blue.", ["Options:", "a. Red.", "b. Blue."]),
    # paragraphs and hard wraps
    ("A hard\nwrapped sentence. Next one.", ["A hard\nwrapped sentence.", "Next one."]),
    ("No stop here\n\nNew paragraph\n \nThird", ["No stop here", "New paragraph", "Third"]),
    ("Line one\r\n\r\nLine two", ["Line one", "Line two"]),
    # lost capitals in transcripts
    ("owning it overseas. you know, it matters.", ["owning it overseas.", "you know, it matters."]),
    # full-width CJK terminals
    ("你好。我很好！", ["你好。", "我很好！"]),
])
def test_rules(source, expected):
    assert texts(check_invariants(source)) == expected


# ------------------------------------------------------------------------------ the seed

SEED_CASES = [
    # text from the seed, expected sentences
    ("On September 28th, Judge Carl Nichols of the U.S. District Court in Washington, D.C "
     "revoked the Trump Administration s ban on TikTok.",
     ["On September 28th, Judge Carl Nichols of the U.S. District Court in Washington, D.C "
      "revoked the Trump Administration s ban on TikTok."]),
    ("The Trump administration originally demanded that TikTok be sold to an American company "
     "or face a complete ban within the U.S.. A\nproposal emerged between TikTok, Oracle and "
     "Walmart.",
     ["The Trump administration originally demanded that TikTok be sold to an American company "
      "or face a complete ban within the U.S..",
      "A\nproposal emerged between TikTok, Oracle and Walmart."]),
    ("Keith Krach: There are 3 big problems with status quo.\nA. Makes more expensive to "
     "finance. China’s Inc.’s subsidies, whether flowing or serving as backstop, will make an "
     "investor seek a higher return as compensation.",
     ["Keith Krach: There are 3 big problems with status quo.",
      "A. Makes more expensive to finance.",
      "China’s Inc.’s subsidies, whether flowing or serving as backstop, will make an investor "
      "seek a higher return as compensation."]),
    ("B. Stifles innovation. Given the climate challenge. PV solar appears to function much "
     "more as a barrier than a bridge for next -generation technologies.",
     ["B. Stifles innovation.", "Given the climate challenge.",
      "PV solar appears to function much more as a barrier than a bridge for next -generation "
      "technologies."]),
    ("C. China Inc strategically owns the beginning of the supply chain.",
     ["C. China Inc strategically owns the beginning of the supply chain."]),
    ("Current Sec. of State Blinken reinforced Secretary Pompeo’s labeling.",
     ["Current Sec. of State Blinken reinforced Secretary Pompeo’s labeling."]),
    ("Increase public investment in R&D is absolutely essential. I am free trader.",
     ["Increase public investment in R&D is absolutely essential.", "I am free trader."]),
    ("TikTok is one of the world s most popular social media apps. The first time you open it, "
     "it doesn t know what you like. He told me that TikTok s system adds multiple tags.",
     ["TikTok is one of the world s most popular social media apps.",
      "The first time you open it, it doesn t know what you like.",
      "He told me that TikTok s system adds multiple tags."]),
    ("Keith Krach: China, Inc. controls 80-90% of the market.",
     ["Keith Krach: China, Inc. controls 80-90% of the market."]),
    ("It was set up on the basis of Poly Technologies, Inc., an arms-manufacturing wing.",
     ["It was set up on the basis of Poly Technologies, Inc., an arms-manufacturing wing."]),
    ("Globalization is connected to this… That’s why Xi Jinping goes to Davos.",
     ["Globalization is connected to this…", "That’s why Xi Jinping goes to Davos."]),
    ("The bloodletting is worse for second- and third-generation technologies like thin film. "
     "27 of 34 start-ups went belly up.",
     ["The bloodletting is worse for second- and third-generation technologies like thin film.",
      "27 of 34 start-ups went belly up."]),
    ("China expert, Dr. Zhang Tianliang told me this.",
     ["China expert, Dr. Zhang Tianliang told me this."]),
    ("Simone:Thank you Mr. Krach for being with us today. What is the biggest reason for that?",
     ["Simone:Thank you Mr. Krach for being with us today.",
      "What is the biggest reason for that?"]),
]


@pytest.mark.parametrize("source, expected", SEED_CASES)
def test_seed_cases(source, expected):
    assert texts(check_invariants(source)) == expected


@pytest.mark.skipif(not SEED.exists(), reason="seed transcript absent")
def test_whole_seed_is_lossless_and_keeps_abbreviations():
    source = SEED.read_text(encoding="utf-8")
    df = check_invariants(source)
    assert 500 < len(df) < 900
    ends = tuple(f" {a}" for a in ("Mr.", "Dr.", "Mrs.", "Sec.", "Inc.’s", "U.S."))
    assert not [t for t in df["text"] if t.endswith(ends)]
    assert "A. Makes more expensive to finance." in set(df["text"])


# ------------------------------------------------------------------------------ questions

@pytest.mark.parametrize("sentence, expected", [
    ("What is your name?", True),
    ("He asked, “Why not?”", True),
    ("(Really?)", True),
    ("'Is it?' ", True),
    ("Hello?!", True),
    ("Hello!?", True),
    ("Is it ready.", False),
    ("Why? Because.", False),
    ("", False),
])
def test_is_question(sentence, expected):
    assert is_question(sentence) is expected


def test_question_flag_on_split():
    df = split_sentences("Are we okay with this? Through my conversations, I learned. Right?")
    assert [is_question(t) for t in df["text"]] == [True, False, True]


# ----------------------------------------------------------------------------------- data

def test_rule_lists_are_lowercase_data():
    assert {"mr", "mrs", "ms", "dr", "st", "mt", "sec"} <= PREPOSITIVE_ABBREVIATIONS
    assert {"inc", "co", "jr", "etc", "no"} <= ABBREVIATIONS
    assert all(a == a.lower() for a in ABBREVIATIONS | PREPOSITIVE_ABBREVIATIONS)
    assert {"How", "The", "I"} <= SENTENCE_STARTERS
    assert "is" not in ABBREVIATIONS  # ordinary English words removed from pySBD's list
