"""Topical segments (doculens.topics): C99 boundaries, the topics table and its traceability."""

from itertools import combinations

import numpy as np
import pandas as pd
import pytest

from doculens import topics as T
from doculens.segment import count_words

BAKING = [
    "Bake the bread dough in a hot oven until the crust turns golden.",
    "Knead the dough with flour and yeast before the bread rises.",
    "A sourdough bread needs a starter of flour, water and wild yeast.",
    "The oven should be hot when the dough goes in.",
    "Flour with more protein gives the bread dough a chewy crust.",
    "Let the yeast dough rise twice before you shape the loaf of bread.",
    "Brush the loaf with egg so the crust of the bread browns in the oven.",
    "Cool the baked bread on a rack before slicing the loaf.",
]
ASTRONOMY = [
    "The telescope showed the rings of Saturn and the moons of Jupiter.",
    "Astronomers measure the distance to a star from its parallax.",
    "A galaxy holds billions of stars orbiting a black hole.",
    "Through the telescope the planet Jupiter showed its moons and bands.",
    "The light of a distant star takes years to reach a telescope on Earth.",
    "Astronomers found a planet orbiting a star in another galaxy.",
    "Saturn is the planet with the brightest rings seen through a telescope.",
    "A black hole bends the light of stars behind it.",
]
FOOTBALL = [
    "The striker scored a goal in the final minute of the match.",
    "The goalkeeper saved a penalty and the team won the match.",
    "The referee showed the striker a yellow card for the foul.",
    "Fans of the team sang as the match went to a penalty shootout.",
    "The coach picked a new goalkeeper for the cup match.",
    "A goal from the striker put the team into the cup final.",
    "The referee gave a penalty after the foul on the striker.",
    "The team celebrated the cup with their fans after the final match.",
]
SUBJECTS = [BAKING, ASTRONOMY, FOOTBALL]


def sentences_table(docs, *, speakers=None, turns=None, first_id=1, first_doc=1):
    """A sentences table (and its source text) for documents given as lists of sentences:
    sentences are separated by one space, documents by a blank line."""
    rows, text, sid, tid = [], "", first_id, 1
    for d, doc in enumerate(docs):
        if text:
            text += "\n\n"
        for i, sentence in enumerate(doc):
            if i:
                text += " "
            start = len(text)
            text += sentence
            speaker = speakers[d][i] if speakers else "Ann"
            turn = turns[d][i] if turns else d + 1
            rows.append((sid, first_doc + d, turn, speaker, start, len(text), sentence))
            sid += 1
        tid += 1
    table = pd.DataFrame(rows, columns=["sentence_id", "doc_id", "turn_id", "speaker", "start",
                                        "end", "text"])
    table["is_question"] = table["text"].str.endswith("?")
    return table, text


# --------------------------------------------------------------------------------------
# find_boundaries
# --------------------------------------------------------------------------------------


def test_three_subjects_are_split_exactly_at_the_two_true_boundaries():
    texts = BAKING + ASTRONOMY + FOOTBALL
    assert T.find_boundaries(texts) == [8, 16]
    assert T.find_boundaries(texts, n_segments=3) == [8, 16]


def test_two_subjects_found_whatever_the_order_and_sizes():
    texts = FOOTBALL[:5] + BAKING
    assert T.find_boundaries(texts, n_segments=2) == [5]
    assert T.find_boundaries(texts) == [5]


@pytest.mark.parametrize("k", [1, 2, 3, 5, 8])
def test_n_segments_is_honoured(k):
    texts = BAKING + ASTRONOMY + FOOTBALL
    bounds = T.find_boundaries(texts, n_segments=k)
    assert len(bounds) == k - 1
    assert bounds == sorted(set(bounds))
    assert all(0 < b < len(texts) for b in bounds)


def test_min_size_is_honoured():
    texts = BAKING + ASTRONOMY + FOOTBALL
    for min_size in (2, 4, 6):
        bounds = T.find_boundaries(texts, n_segments=4, min_size=min_size)
        sizes = np.diff([0] + bounds + [len(texts)])
        assert sizes.min() >= min_size
    # more segments than fit are not forced
    assert len(T.find_boundaries(texts, n_segments=10, min_size=6)) <= len(texts) // 6 - 1


def test_degenerate_inputs():
    assert T.find_boundaries([]) == []
    assert T.find_boundaries(["One sentence about bread."]) == []
    assert T.find_boundaries(["", "", ""]) == []  # nothing to compare: no boundary needed
    with pytest.raises(ValueError):
        T.find_boundaries(BAKING, n_segments=0)
    with pytest.raises(ValueError):
        T.find_boundaries(BAKING, min_size=0)


def test_terms_drop_stopwords_and_stem():
    assert T.terms("I don’t think the bakers were baking breads.") == ["baker", "bake", "bread"]
    assert T.terms("Yeah, um, you know, it is what it is.") == []
    # the pieces of lost apostrophes are stopwords too ("doesn t", "world s")
    assert T.terms("It doesn t know the world s biggest app.") == ["world", "biggest", "app"]
    assert {"the", "and", "doesn", "yeah"} <= T.STOPWORDS
    # spoken contractions and titles carry no topic either
    assert T.terms("It’ll be fine, Mr. Wang said, and it'll stay so.") == ["fine", "wang", "stay"]


# --------------------------------------------------------------------------------------
# C99 internals: the vectorised rank matrix and the exact optimisation
# --------------------------------------------------------------------------------------


def naive_rank(sim, mask):
    n, r = len(sim), mask // 2
    out = np.zeros_like(sim)
    for i in range(n):
        for j in range(n):
            block = sim[max(0, i - r):i + r + 1, max(0, j - r):j + r + 1]
            out[i, j] = (block < sim[i, j]).sum() / block.size
    return out


@pytest.mark.parametrize("n,mask", [(7, 3), (15, 5), (30, 11), (12, 11)])
def test_rank_matrix_equals_the_definition(n, mask):
    rng = np.random.default_rng(n)
    sim = rng.integers(0, 5, size=(n, n)) / 4  # with ties, as real similarities have
    sim = (sim + sim.T) / 2
    assert np.allclose(T._rank(sim, mask), naive_rank(sim, mask))


def density(rank, bounds):
    edges = [0] + list(bounds) + [len(rank)]
    inside = sum(rank[a:b, a:b].sum() for a, b in zip(edges, edges[1:]))
    return inside / sum((b - a) ** 2 for a, b in zip(edges, edges[1:]))


@pytest.mark.parametrize("seed", range(4))
def test_optimal_segmentation_is_the_best_of_all(seed):
    rng = np.random.default_rng(seed)
    n, m = 11, 3
    rank = rng.random((n, n))
    rank = (rank + rank.T) / 2
    best = max(combinations(range(1, n), m - 1), key=lambda b: density(rank, b))
    splits, _ = T._divisive(rank, max_segments=m, min_size=1)
    found = T._optimal(rank, sorted(splits), 1)
    assert density(rank, found) == pytest.approx(density(rank, best))
    assert density(rank, found) >= density(rank, sorted(splits)) - 1e-12
    # with a minimum size, the best among the allowed ones
    allowed = [b for b in combinations(range(1, n), m - 1)
               if min(np.diff((0,) + b + (n,))) >= 3]
    best3 = max(allowed, key=lambda b: density(rank, b))
    start, _ = T._divisive(rank, max_segments=m, min_size=3)
    found3 = T._optimal(rank, sorted(start), 3)
    assert min(np.diff([0] + found3 + [n])) >= 3
    assert density(rank, found3) == pytest.approx(density(rank, best3))


def test_divisive_density_grows_and_auto_stop_finds_the_knee():
    texts = BAKING + ASTRONOMY + FOOTBALL
    rank = T._rank(T._similarity([T.terms(t) for t in texts]))
    splits, densities = T._divisive(rank, max_segments=len(texts), min_size=1)
    assert len(splits) == len(texts) - 1 and sorted(splits) == list(range(1, len(texts)))
    assert sorted(splits[:2]) == [8, 16]  # the first two splits are the true boundaries
    assert T._auto_segments(densities, T.STOP_C) == 3


# --------------------------------------------------------------------------------------
# segment_topics / topic_of
# --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def synthetic():
    """Two documents: baking/astronomy/football, then football/baking; two speakers."""
    docs = [BAKING + ASTRONOMY + FOOTBALL, FOOTBALL + BAKING]
    speakers = [["Ann"] * 8 + ["Bob"] * 8 + ["Ann"] * 4 + ["Cy"] * 4, ["Bob"] * 16]
    turns = [[1] * 8 + [2] * 8 + [3] * 4 + [4] * 4, [5] * 16]
    table, text = sentences_table(docs, speakers=speakers, turns=turns, first_id=101)
    table.index = table.index + 1000  # an index that is not 0..n-1
    return table, text, T.segment_topics(table)


def test_topics_table_columns_and_types(synthetic):
    _, _, topics = synthetic
    assert list(topics.columns) == T.TOPIC_COLUMNS
    for col in ["topic_id", "doc_id", "start", "end", "first_sentence_id", "last_sentence_id",
                "n_sentences", "n_words"]:
        assert topics[col].dtype == "int64"


def test_synthetic_documents_split_at_the_true_boundaries(synthetic):
    table, _, topics = synthetic
    assert topics["doc_id"].tolist() == [1, 1, 1, 2, 2]
    assert topics["first_sentence_id"].tolist() == [101, 109, 117, 125, 133]
    assert topics["n_sentences"].tolist() == [8, 8, 8, 8, 8]
    assert topics["topic_id"].tolist() == [1, 2, 3, 4, 5]


def test_offsets_trace_back_to_the_text(synthetic):
    table, text, topics = synthetic
    by_id = table.set_index("sentence_id")["text"]
    for t in topics.itertuples():
        span = text[t.start:t.end]
        assert span.startswith(by_id[t.first_sentence_id])
        assert span.endswith(by_id[t.last_sentence_id])
        assert "\n\n" not in span  # never crosses a document


def test_words_speakers_keywords_label(synthetic):
    table, _, topics = synthetic
    first = topics.iloc[2]  # football in document 1: 4 sentences by Ann, 4 by Cy
    sents = table[table["sentence_id"].between(first.first_sentence_id, first.last_sentence_id)]
    assert first.n_words == sum(count_words(s) for s in sents["text"])
    words = sents.assign(w=sents["text"].map(count_words)).groupby("speaker")["w"].sum()
    assert first.speakers == "; ".join(words.sort_values(ascending=False, kind="stable").index)
    assert topics.iloc[0].speakers == "Ann" and topics.iloc[1].speakers == "Bob"
    for t in topics.itertuples():
        keywords = t.keywords.split("; ")
        assert len(keywords) == T.N_KEYWORDS
        assert t.label == " · ".join(keywords[:3])
        segment_text = " ".join(table[table["sentence_id"].between(
            t.first_sentence_id, t.last_sentence_id)]["text"]).lower()
        assert all(k.lower() in segment_text for k in keywords)
    labels = topics["label"].tolist()
    assert "bread" in labels[0] and "dough" in labels[0]
    assert "telescope" in labels[1] or "star" in labels[1]
    assert "match" in labels[2] or "striker" in labels[2]
    # proper nouns keep their capital; sentence-initial words do not
    astronomy = topics.iloc[1].keywords.split("; ")
    assert not any(k in astronomy for k in ["The", "Astronomers", "Through"])


def test_topic_of_covers_every_sentence(synthetic):
    table, _, topics = synthetic
    ids = T.topic_of(table, topics)
    assert ids.index.equals(table.index)
    assert ids.notna().all()
    for t in topics.itertuples():
        mine = table["sentence_id"].between(t.first_sentence_id, t.last_sentence_id)
        assert (ids[mine] == t.topic_id).all()
        assert (table.loc[mine, "doc_id"] == t.doc_id).all()


def test_topic_of_leaves_uncovered_sentences_missing(synthetic):
    table, _, topics = synthetic
    ids = T.topic_of(table, topics[topics["doc_id"] == 1])
    assert ids[table["doc_id"] == 2].isna().all()
    assert ids[table["doc_id"] == 1].notna().all()


def test_short_document_is_one_segment():
    table, text = sentences_table([BAKING[:3] + ASTRONOMY[:3]])
    topics = T.segment_topics(table)
    assert len(topics) == 1
    row = topics.iloc[0]
    assert (row.start, row.end) == (0, len(text))
    assert (row.first_sentence_id, row.last_sentence_id, row.n_sentences) == (1, 6, 6)


def test_n_segments_and_min_sentences_in_segment_topics():
    table, _ = sentences_table([BAKING + ASTRONOMY + FOOTBALL, FOOTBALL + BAKING + ASTRONOMY])
    topics = T.segment_topics(table, n_segments=2)
    assert topics.groupby("doc_id").size().tolist() == [2, 2]
    topics = T.segment_topics(table, n_segments=6, min_sentences=5)
    assert (topics["n_sentences"] >= 5).all()
    assert topics.groupby("doc_id").size().max() <= 24 // 5
    with pytest.raises(ValueError):
        T.segment_topics(table, min_sentences=0)


def test_snap_moves_boundaries_to_turn_starts():
    # the baking/astronomy boundary is at sentence 8, but the new turn starts at sentence 7
    texts = BAKING + ASTRONOMY + FOOTBALL
    turns = [[1] * 7 + [2] * 9 + [3] * 8]
    table, _ = sentences_table([texts], turns=turns)
    plain = T.segment_topics(table)
    snapped = T.segment_topics(table, snap=2)
    assert plain["first_sentence_id"].tolist() == [1, 9, 17]
    assert snapped["first_sentence_id"].tolist() == [1, 8, 17]
    assert T._snap([8, 16], np.array([True] + [False] * 6 + [True] + [False] * 16), 2) == [7, 16]
    assert T._snap([12], np.zeros(24, dtype=bool), 2) == [12]  # no turn start near: stays


def test_short_segments_merge_into_the_more_similar_neighbour():
    texts = BAKING + ASTRONOMY
    sim = T._similarity([T.terms(t) for t in texts])
    # a 2-sentence segment of astronomy (8, 9) goes to the astronomy side
    assert T._merge_short([8, 10], len(texts), sim, 3) == [8]
    # a 2-sentence baking segment (6, 7) goes to the baking side
    assert T._merge_short([6, 8], len(texts), sim, 3) == [8]
    assert T._merge_short([1], len(texts), sim, 3) == []


def test_empty_table():
    table, _ = sentences_table([])
    topics = T.segment_topics(table)
    assert topics.empty and list(topics.columns) == T.TOPIC_COLUMNS
    assert T.topic_of(table, topics).empty


# --------------------------------------------------------------------------------------
# The seed
# --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_topics(seed_workbook):
    return T.segment_topics(seed_workbook.sentences)


def test_seed_every_document_has_several_segments(seed_workbook, seed_topics):
    sentences = seed_workbook.sentences
    per_doc = seed_topics.groupby("doc_id").size()
    assert set(per_doc.index) == set(sentences["doc_id"])
    assert (per_doc >= 5).all()
    # and not one segment every few sentences either
    assert (seed_topics.groupby("doc_id")["n_sentences"].mean() >= 6).all()
    assert (seed_topics["n_sentences"] >= T.MIN_SENTENCES).all()
    assert seed_topics["topic_id"].tolist() == list(range(1, len(seed_topics) + 1))


def test_seed_segments_tile_each_document(seed_workbook, seed_topics, seed_text):
    sentences = seed_workbook.sentences
    for doc_id, doc in sentences.groupby("doc_id"):
        part = seed_topics[seed_topics["doc_id"] == doc_id]
        ids = doc["sentence_id"].tolist()
        tiled = []
        for t in part.itertuples():
            a, b = ids.index(t.first_sentence_id), ids.index(t.last_sentence_id)
            assert b - a + 1 == t.n_sentences
            tiled += ids[a:b + 1]
            first, last = doc.iloc[a], doc.iloc[b]
            assert (t.start, t.end) == (first.start, last.end)
            assert seed_text[t.start:t.end].startswith(first.text)
            assert seed_text[t.start:t.end].endswith(last.text)
            assert t.n_words == sum(count_words(s) for s in doc["text"].iloc[a:b + 1])
        assert tiled == ids
    assert seed_topics["n_sentences"].sum() == len(sentences)
    assert seed_topics["n_words"].sum() == sum(count_words(s) for s in sentences["text"])
    ids = T.topic_of(sentences, seed_topics)
    assert ids.notna().all() and ids.is_monotonic_increasing


def test_seed_labels_name_the_topics(seed_topics):
    assert (seed_topics["label"].str.len() > 0).all()
    labels = " | ".join(seed_topics["label"])
    # the subjects of the seed's documents show up in the labels
    for word in ["TikTok", "Beidaihe", "Xinjiang", "Putin"]:
        assert word in labels
