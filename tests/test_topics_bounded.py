"""C99 on long documents (doculens.topics): blocks of at most BLOCK_SENTENCES sentences,
so that memory is linear in the document's length."""

import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from doculens import topics as T

# Invented talk: each subject has its own words; sentences mix them into varied templates.
SUBJECTS = {
    "garden": ["tomato", "compost", "seedling", "trellis", "mulch", "greenhouse", "pruning",
               "orchard", "soil", "harvest"],
    "sailing": ["sail", "harbour", "anchor", "mast", "tide", "keel", "rudder", "regatta",
                "mooring", "dinghy"],
    "railway": ["locomotive", "platform", "timetable", "signal", "carriage", "junction",
                "sleeper", "freight", "station", "conductor"],
    "bees": ["hive", "honey", "queen", "pollen", "swarm", "beeswax", "nectar", "colony",
             "apiary", "drone"],
    "chess": ["bishop", "pawn", "gambit", "checkmate", "rook", "endgame", "opening",
              "tournament", "knight", "castling"],
    "weaving": ["loom", "yarn", "shuttle", "warp", "weft", "tapestry", "spindle", "wool",
                "pattern", "dye"],
}
TEMPLATES = [
    "The {0} and the {1} were on everyone's mind that spring.",
    "Nobody expected the {0} to matter so much for the {1}.",
    "My grandfather kept a {0} next to the {1} for years.",
    "Was the {0} ready before the {1} arrived?",
    "We argued about the {0}, the {1} and the {2} all evening.",
    "Every {0} needs a good {1}, she insisted.",
    "Later the {0} broke and the {1} had to wait.",
    "I remember the smell of the {0} near the {1}.",
]
SPEAKERS = ["Ann Lee", "Bo Park", "Cy Diaz"]


def invented_document(n_sentences, *, seed=0):
    """Sentences (text, speaker, turn), and the true subject boundaries, of one invented
    conversation: subjects of 15-40 sentences, turns of 1-6 sentences, three speakers;
    every sentence is distinct (a running number, which is not a word)."""
    rng = np.random.default_rng(seed)
    names = list(SUBJECTS)
    rows, bounds, subject, turn, left_in_turn = [], [], None, 0, 0
    while len(rows) < n_sentences:
        subject = rng.choice([s for s in names if s != subject])
        if rows:
            bounds.append(len(rows))
        for _ in range(int(rng.integers(15, 41))):
            if left_in_turn == 0:
                turn += 1
                left_in_turn = int(rng.integers(1, 7))
            left_in_turn -= 1
            words = rng.choice(SUBJECTS[subject], size=3, replace=False)
            text = TEMPLATES[rng.integers(len(TEMPLATES))].format(*words)
            rows.append((f"{text[:-1]} ({len(rows) + 1}){text[-1]}",
                         SPEAKERS[turn % len(SPEAKERS)], turn))
    rows = rows[:n_sentences]
    return rows, [b for b in bounds if b < n_sentences]


def sentences_table(docs):
    """A sentences table for documents given as invented_document rows (ids from 1; the
    documents' texts joined by blank lines)."""
    out, pos, sid = [], 0, 1
    for doc_id, rows in enumerate(docs, start=1):
        for text, speaker, turn in rows:
            out.append((sid, doc_id, doc_id * 1_000_000 + turn, speaker, pos, pos + len(text),
                        text))
            pos += len(text) + 1
            sid += 1
        pos += 1
    return pd.DataFrame(out, columns=["sentence_id", "doc_id", "turn_id", "speaker", "start",
                                      "end", "text"])


def boundaries_of(topics, table, doc_id):
    """Sentence indices (within the document) at which the document's topics start."""
    ids = table.loc[table["doc_id"] == doc_id, "sentence_id"].tolist()
    first = topics.loc[topics["doc_id"] == doc_id, "first_sentence_id"].tolist()
    return [ids.index(i) for i in first[1:]]


def assert_tiles(topics, table):
    """Topics are contiguous, cover every sentence once and never cross documents."""
    for doc_id, doc in table.groupby("doc_id", sort=False):
        part = topics[topics["doc_id"] == doc_id]
        assert len(part), doc_id
        ids = doc["sentence_id"].tolist()
        assert part["first_sentence_id"].iloc[0] == ids[0]
        assert part["last_sentence_id"].iloc[-1] == ids[-1]
        assert (part["first_sentence_id"].to_numpy()[1:]
                == part["last_sentence_id"].to_numpy()[:-1] + 1).all()
        assert part["n_sentences"].sum() == len(doc)
        assert (part["last_sentence_id"] - part["first_sentence_id"] + 1
                == part["n_sentences"]).all()
        assert part["start"].iloc[0] == doc["start"].iloc[0]
        assert part["end"].iloc[-1] == doc["end"].iloc[-1]
        assert set(part["first_sentence_id"]) <= set(ids)
        assert set(part["last_sentence_id"]) <= set(ids)
    assert topics["topic_id"].tolist() == list(range(1, len(topics) + 1))


# --------------------------------------------------------------------------------------
# (1) a long document is cut into blocks and its topics tile it
# --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def long_case():
    n_long = 2 * T.BLOCK_SENTENCES + 300  # three blocks
    long_rows, truth = invented_document(n_long, seed=1)
    docs = [invented_document(30, seed=2)[0], long_rows, invented_document(45, seed=3)[0]]
    table = sentences_table(docs)
    return table, T.segment_topics(table), truth


def test_long_document_needs_several_blocks(long_case):
    table, _, _ = long_case
    doc = table[table["doc_id"] == 2]
    turn = doc["turn_id"].to_numpy()
    edges, cohesion = T._block_edges([T.terms(t) for t in doc["text"]],
                                     np.r_[True, turn[1:] != turn[:-1]])
    assert len(edges) == 4 and len(cohesion) == 2
    assert edges[0] == 0 and edges[-1] == len(doc)
    assert max(np.diff(edges)) <= T.BLOCK_SENTENCES
    # every cut is a turn start
    assert all(turn[c] != turn[c - 1] for c in edges[1:-1])


def test_long_document_topics_tile_the_documents(long_case):
    table, topics, _ = long_case
    assert list(topics.columns) == T.TOPIC_COLUMNS
    assert_tiles(topics, table)
    assert (topics["n_sentences"] >= T.MIN_SENTENCES).all()


def test_long_document_blocks_find_the_subjects(long_case):
    # each block's own automatic stop still works: about as many segments as subjects, and
    # nearly every true subject change found within 2 sentences
    table, topics, truth = long_case
    found = np.array(boundaries_of(topics, table, 2))
    assert 0.7 * len(truth) <= len(found) <= 1.5 * len(truth)
    near = [np.abs(found - b).min() <= 2 for b in truth]
    assert np.mean(near) >= 0.9


# --------------------------------------------------------------------------------------
# (2) a document that fits one block is segmented exactly as by plain C99
# --------------------------------------------------------------------------------------


def plain(texts, min_size):
    """The plain, single-block path: C99 over the whole document, then the merge."""
    stems = [T.terms(t) for t in texts]
    bounds, sim = T._c99(stems, n_segments=None, min_size=min_size, mask=T.RANK_MASK,
                         c=T.STOP_C)
    return T._merge_short(bounds, len(texts), sim, min_size)


def test_document_within_one_block_is_plain_c99():
    rows, _ = invented_document(400, seed=4)
    table = sentences_table([rows])
    texts = [r[0] for r in rows]
    expected = plain(texts, T.MIN_SENTENCES)
    assert len(expected) > 5
    assert boundaries_of(T.segment_topics(table), table, 1) == expected
    assert T.find_boundaries(texts, min_size=T.MIN_SENTENCES) == expected


def test_block_limit_is_inclusive_and_blocks_are_plain_c99(monkeypatch):
    rows, _ = invented_document(600, seed=5)
    texts = [r[0] for r in rows]
    stems = [T.terms(t) for t in texts]

    def c99(part):
        return T._c99(part, n_segments=None, min_size=1, mask=T.RANK_MASK, c=T.STOP_C)[0]

    monkeypatch.setattr(T, "BLOCK_SENTENCES", 600)
    assert T._block_edges(stems, None) == ([0, 600], [])
    assert T.find_boundaries(texts) == c99(stems)
    # one sentence over the limit: blocks
    monkeypatch.setattr(T, "BLOCK_SENTENCES", 599)
    assert len(T._block_edges(stems, None)[0]) == 3
    # each block is segmented exactly as plain C99 would segment it alone
    monkeypatch.setattr(T, "BLOCK_SENTENCES", 250)
    edges, _ = T._block_edges(stems, None)
    assert len(edges) >= 4 and max(np.diff(edges)) <= 250
    expected = []
    for a, b in zip(edges, edges[1:]):
        expected += ([a] if a else []) + [a + x for x in c99(stems[a:b])]
    assert T.find_boundaries(texts) == expected


def test_n_segments_over_blocks(monkeypatch):
    rows, _ = invented_document(600, seed=6)
    texts = [r[0] for r in rows]
    monkeypatch.setattr(T, "BLOCK_SENTENCES", 250)
    assert len(T._block_edges([T.terms(t) for t in texts], None)[0]) == 5  # four blocks
    for k in (1, 2, 3, 4, 7, 20):
        assert len(T.find_boundaries(texts, n_segments=k)) == k - 1
    assert T._apportion(7, [200, 200, 200]) == [3, 2, 2]
    assert sum(T._apportion(20, [240, 190, 170])) == 20


def test_lazy_similarities_equal_the_matrix():
    rows, _ = invented_document(120, seed=7)
    stems = [T.terms(r[0]) for r in rows] + [[]]  # and a sentence without content words
    full, lazy = T._similarity(stems), T._Cosines(stems)
    for a, b, c, d in [(0, 121, 0, 121), (10, 13, 0, 10), (100, 121, 50, 121)]:
        assert np.allclose(lazy[a:b, c:d], full[a:b, c:d])


# --------------------------------------------------------------------------------------
# (3) memory: 20,000 sentences in one document
# --------------------------------------------------------------------------------------

N_MEMORY = 20_000
# One n x n float64 matrix of 20,000 sentences is 3.2 GB, and C99 over the whole document
# held several; the blocks need a fraction of the bound.
MEMORY_BOUND = 1.5e9

CHILD = """
import resource, sys, time
sys.path.insert(0, {tests!r})
from test_topics_bounded import invented_document, sentences_table
from doculens.topics import segment_topics
rows, _ = invented_document({n}, seed=8)
table = sentences_table([rows])
t0 = time.perf_counter()
topics = segment_topics(table)
seconds = time.perf_counter() - t0
assert topics["n_sentences"].sum() == {n}
hwm = 0
try:  # this process's own peak; ru_maxrss starts at the parent's peak after vfork + exec
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            hwm = int(line.split()[1]) * 1024
except OSError:
    pass
maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
print(hwm or maxrss, maxrss, len(topics), round(seconds, 1))
"""


def test_memory_is_bounded_on_a_long_document():
    code = CHILD.format(tests=str(Path(__file__).parent), n=N_MEMORY)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    peak, maxrss, n_topics, seconds = done.stdout.split()
    assert int(n_topics) > N_MEMORY / 100
    assert int(peak) < MEMORY_BOUND, (peak, maxrss, seconds)


@pytest.mark.parametrize("n, share", [(7, 0.05), (60, 0.03), (250, 0.05), (120, 0.5)])
def test_the_sparse_rank_equals_the_dense_one(monkeypatch, n, share):
    rng = np.random.default_rng(n)
    sim = rng.integers(0, 4, (n, n)).astype(float) * (rng.random((n, n)) < share)
    sim = (sim + sim.T) / 2  # ties, as short sentences make
    np.fill_diagonal(sim, 1.0)
    got = T._rank(sim)
    monkeypatch.setattr(T, "SPARSE_SHARE", 0.0)  # the dense count
    assert np.array_equal(got, T._rank(sim))
