"""Topical segments: contiguous runs of sentences about one topic, found with C99.

Algorithm
---------
:func:`find_boundaries` implements C99 (Choi 2000, "Advances in domain independent linear
text segmentation", NAACL), step by step:

1. every sentence becomes a vector of the counts of its content-word stems (lower-cased
   words, :data:`STOPWORDS` removed, Porter-stemmed);
2. a sentence-by-sentence cosine similarity matrix;
3. each similarity is replaced by its *rank* in its 11 x 11 neighbourhood
   (:data:`RANK_MASK`): the share of the examined neighbours that are less similar. This
   local contrast is what makes C99 work on short, sparse sentences. The 121 comparisons are
   done as 121 numpy comparisons against shifted copies of the matrix, a few rows at a time;
4. divisive clustering: starting from the whole document, each step makes the one split
   (of any current segment) that maximises the *inside density*
   ``D = sum of the rank values inside the diagonal blocks / sum of the blocks' areas``.
   Every candidate split is scored in O(1) from a 2-D prefix sum, and after a split only
   the candidates inside the segment just split are scored again;
5. the number of segments: the gain ``dD(m) = D(m) - D(m-1)`` is large while real topic
   boundaries are being found and drops afterwards. Keep the splits up to the last one
   whose gain is at least ``mean + c * sd`` of all the gains (Choi's c = 1.2,
   :data:`STOP_C`), or pass ``n_segments`` to ask for a fixed number.

Two changes to plain C99, both measured on Choi's data and on the seed:

* the gains are smoothed with a [1, 2, 1] kernel before the threshold (a single noisy
  gain late in the clustering otherwise decides the number of segments: on the seed it
  turned 14 segments into 34), see :func:`_auto_segments`;
* once the number of segments ``m`` is known, the greedy split is replaced by the
  ``m``-segment segmentation of *highest* inside density, found exactly by dynamic
  programming inside Dinkelbach's method for ratio objectives (:func:`_optimal`). It is
  the same objective, optimised instead of approximated; with the true number of
  segments it lowers Pk on Choi's data from about 0.14 to about 0.12.

Measured by ``benchmarks/bench_topics.py`` on Choi's own 3-11 data set (100 documents):
see that script's report for Pk/WindowDiff against NLTK's TextTiling and the "no boundary"
baseline (published: C99 Pk 0.12-0.13, TextTiling 0.46).

On transcripts, :func:`segment_topics` runs C99 per document (segments never cross
documents) and never lets a segment be shorter than ``min_sentences`` (the optimisation
does not consider such segments; any left over are merged into the more similar
neighbour). ``snap=N`` moves each boundary to the nearest speaker-turn boundary (a new
turn or paragraph) at most N sentences away; it is off by default because on the seed it
did not help: C99's boundaries fall on a turn start only a little more often than a random
sentence does (36% against 30% over all boundaries), within 2 sentences nearly every
boundary has a turn start (98%, 89% by chance) so snapping moves most of them, it lowers the
inside density of every document (by 3-13%) and raises the similarity across boundaries (0.030 to 0.038), and on
reading 14 moved boundaries about as many got worse as better (it often parts an
interviewer's question from its answer). Each segment gets its
offsets (``text[start:end]`` is the span), its speakers by words spoken, and keywords: the
terms most distinctive of the segment within its document (tf-idf with the document's
segments as the collection), each shown as its most frequent surface form.

Long documents: bounded memory
------------------------------
Steps 2-5 hold several n x n matrices (similarities, ranks, prefix sums, the block sums of
the optimisation; about 40 bytes a cell at the peak), which for one long transcript is too
much: a 1 MB single-document transcript (about 13,000 sentences) took 6.5 GB and 5 MB
failed. So C99 never sees more than :data:`BLOCK_SENTENCES` (1,500) sentences at once
(:func:`_c99_blocks`). A longer document is cut into the fewest blocks of equal nominal
length at most ``BLOCK_SENTENCES - 2 * SEAM_REACH``; each cut then moves by up to
:data:`SEAM_REACH` (50) sentences to the speaker-turn start (any sentence when there is
none) across which the talk is least cohesive: the lowest mean cosine similarity between
the :data:`SEAM_WINDOW` (10) sentences before and after it, as in TextTiling. C99 runs on
each block on its own, with its own automatic stop (or its share of ``n_segments``), and
the cuts are boundaries too. Memory is then the document's own tables plus one block's
matrices (about 0.1 GB), i.e. linear in the document's length, and so is time (about half a
second a block). Measured by ``benchmarks/bench_topics.py`` on one document made of the
2016 debates repeated: 1 MB (13,000 sentences) peaks at about 0.3 GB in 5 s (C99 over the
whole document: 6.6 GB, 127 s), 5 MB (64,000) at about 0.4 GB in 30 s (whole process,
``ru_maxrss``, the sentences table included). A document of at most 1,500 sentences (all of
Choi's, the seed's and the 2016 debates') is segmented exactly as before. On Choi's 100
documents concatenated into one of 6,919 sentences, the blocks give Pk 0.145 (automatic)
and 0.137 (known number), against 0.145 and 0.139 for C99 over the whole document at once
(2.0 GB); blocks of 300 sentences give 0.142, and 0.155 if the cuts do not move.

Known limit: on long, fast-moving talk the automatic stop still over-segments (223 segments
for the 879 sentences of the 2016 vice-presidential debate): a late, isolated gain above
the threshold extends the segmentation. No general fix was found (all of these keep Choi's
Pk <= 0.15: computing the threshold only over the gains before the density's maximum brings
that debate to 54 segments but by a 3% margin and leaves another at 147; stopping at the
first gain below it roughly halves the seed's segments; a minimum mean segment length is a
tuned cap).

Example
-------
>>> from doculens.topics import find_boundaries
>>> texts = ["The cat chased a mouse.", "The cat caught the mouse.", "A mouse fears cats.",
...          "Stocks fell on the market.", "The market lost value.", "Stocks and markets."]
>>> find_boundaries(texts, n_segments=2)
[3]
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from functools import lru_cache

import numpy as np
import pandas as pd
from nltk.stem.porter import PorterStemmer

from .segment import count_words

__all__ = [
    "TOPIC_COLUMNS",
    "STOPWORDS",
    "RANK_MASK",
    "STOP_C",
    "MIN_SENTENCES",
    "MIN_DOCUMENT_SENTENCES",
    "SNAP_SENTENCES",
    "BLOCK_SENTENCES",
    "N_KEYWORDS",
    "N_LABEL_KEYWORDS",
    "terms",
    "find_boundaries",
    "segment_topics",
    "topic_of",
]

# --------------------------------------------------------------------------------------
# Named constants
# --------------------------------------------------------------------------------------

#: the columns of :func:`segment_topics`, in order.
TOPIC_COLUMNS = ["topic_id", "doc_id", "start", "end", "first_sentence_id", "last_sentence_id",
                 "n_sentences", "n_words", "speakers", "keywords", "label"]
#: side of the square neighbourhood in which C99 ranks a similarity (Choi 2000: 11 x 11).
RANK_MASK = 11
#: rows of the similarity matrix ranked at a time (to stay in the cache; speed only).
RANK_ROWS = 32
#: C99's automatic stop: keep splits whose density gain is >= mean + STOP_C * sd (Choi: 1.2).
STOP_C = 1.2
#: default shortest topical segment of :func:`segment_topics`, in sentences.
MIN_SENTENCES = 3
#: low-pass kernel applied to the density gains before the automatic stop (ours, binomial).
GAIN_SMOOTHING = (1, 2, 1)
#: density gains within this of each other (or of 0) count as equal: float noise.
GAIN_TOLERANCE = 1e-12
#: the optimisation considers segments up to BAND_FACTOR x the greedy split's longest,
#: and at least MIN_BAND sentences (it widens when a segment reaches the limit).
BAND_FACTOR = 3
MIN_BAND = 60
#: cap on the rounds of Dinkelbach's method (it usually settles in 2-4).
MAX_DINKELBACH_ROUNDS = 20
#: longest run of sentences C99 works on at once: a longer document is cut into blocks of
#: at most this many sentences (see the module docstring). Its matrices take about
#: 40 bytes a cell, so one block needs about 0.1 GB whatever the document's length; every
#: document of the seed and of the 2016 debates (up to 1,401 sentences) fits in one.
BLOCK_SENTENCES = 1500
#: how far (sentences) a block cut may move from its nominal place to find the least
#: cohesive speaker-turn start.
SEAM_REACH = 50
#: sentences on each side of a candidate block cut whose similarity measures its cohesion.
SEAM_WINDOW = 10
#: documents with fewer sentences than this are one segment.
MIN_DOCUMENT_SENTENCES = 12
#: default of ``snap``: how far a boundary may move to a speaker-turn boundary (0: off;
#: see the module docstring for why it is off).
SNAP_SENTENCES = 0
#: keywords per segment, and how many of them make its label.
N_KEYWORDS = 5
N_LABEL_KEYWORDS = 3
KEYWORD_SEPARATOR = "; "
LABEL_SEPARATOR = " · "
SPEAKER_SEPARATOR = "; "
#: shortest term kept, in characters ("AI" counts; single letters left by lost
#: apostrophes, as in "world s", do not).
MIN_TERM_CHARS = 2

# --------------------------------------------------------------------------------------
# Stopwords
# --------------------------------------------------------------------------------------

# The Snowball English stop word list (snowballstem.org, algorithms/english/stop.txt,
# by Martin Porter; BSD 3-clause licence), as published.
_SNOWBALL = """
i me my myself we our ours ourselves you your yours yourself yourselves he him his himself
she her hers herself it its itself they them their theirs themselves what which who whom
this that these those am is are was were be been being have has had having do does did
doing would should could ought i'm you're he's she's it's we're they're i've you've we've
they've i'd you'd he'd she'd we'd they'd i'll you'll he'll she'll we'll they'll isn't
aren't wasn't weren't hasn't haven't hadn't doesn't don't didn't won't wouldn't shan't
shouldn't can't cannot couldn't mustn't let's that's who's what's here's there's when's
where's why's how's a an the and but if or because as until while of at by for with about
against between into through during before after above below to from up down in out on
off over under again further then once here there when where why how all any both each
few more most other some such no nor not only own same so than too very
"""
# The same file's comment "other possible stopwords" (same source and licence).
_SNOWBALL_MORE = """
one every least less many now ever never say says said also get go goes just made make put
see seen whether like well back even still way take since another however two three four
five first second new old high long
"""
# Ours: words of spoken English that carry no topic (fillers, hedges, discourse markers,
# modal and light verbs), collected from the seed transcripts.
_SPOKEN = """
yeah yes yep okay ok oh um uh ah hmm hi hello thanks thank right really actually basically
know think thought
mean means going gonna wanna got gotten thing things something anything everything nothing
lot lots kind sort maybe perhaps sure can will may might must shall us let lets tell told
want wanted look looks looked come came comes give gave given talk talking tell telling
keep much little very quite pretty always often already yet today now just around also
able ask asked call called day days year years time times people person way ways
seem seems seemed become becomes became usually true truly indeed certainly probably
definitely whole
it'll that'll there'll who'll what'll it'd that'd there'd who'd ain't y'all
mr mrs ms dr
"""


def _stopwords() -> frozenset[str]:
    words = set((_SNOWBALL + _SNOWBALL_MORE + _SPOKEN).split())
    # Transcripts lose or vary apostrophes ("doesn t", "don’t"): drop the fragments too.
    for word in list(words):
        if "'" in word:
            words.update(part for part in word.split("'") if part)
    return frozenset(words)


#: the stop word list (Snowball English, its "other possible" words, and our spoken-English
#: fillers), plus the pieces of its contractions. Lower case, straight apostrophes.
STOPWORDS = _stopwords()

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_POSSESSIVE = re.compile(r"'s$")
_STEMMER = PorterStemmer()


@lru_cache(maxsize=200_000)
def _stem(word: str) -> str:
    return _STEMMER.stem(word)


def _tokens(text: str) -> list[tuple[str, str, bool]]:
    """(stem, surface form, opens the sentence) of every content word of ``text``."""
    out = []
    for i, match in enumerate(_WORD.finditer(text)):
        surface = match.group().replace("’", "'")
        lower = surface.lower()
        if lower in STOPWORDS:
            continue
        lower = _POSSESSIVE.sub("", lower)
        surface = surface[:len(lower)]
        if len(lower) < MIN_TERM_CHARS or lower in STOPWORDS:
            continue
        out.append((_stem(lower), surface, i == 0))
    return out


def terms(text: str) -> list[str]:
    """The content-word stems of ``text`` (what C99 compares), in order.

    >>> terms("The markets didn’t fall; TikTok's users were falling.")
    ['market', 'fall', 'tiktok', 'user', 'fall']
    """
    return [stem for stem, _, _ in _tokens(text)]


# --------------------------------------------------------------------------------------
# C99
# --------------------------------------------------------------------------------------


def _similarity(stems: list[list[str]]) -> np.ndarray:
    """Cosine similarity of the sentences' stem-count vectors (0 for empty sentences).

    Only stems occurring in two sentences or more can contribute to a dot product, so the
    count matrix keeps only those columns; the norms use every stem.
    """
    n = len(stems)
    counts = [Counter(s) for s in stems]
    norms = np.sqrt(np.array([sum(v * v for v in c.values()) for c in counts], dtype=float))
    df = Counter(t for c in counts for t in c)
    shared = {t: j for j, t in enumerate(t for t, k in df.items() if k > 1)}
    x = np.zeros((n, len(shared)))
    for i, c in enumerate(counts):
        for t, v in c.items():
            j = shared.get(t)
            if j is not None:
                x[i, j] = v
    sim = x @ x.T
    safe = np.where(norms > 0, norms, 1.0)
    sim /= safe[:, None]
    sim /= safe[None, :]
    np.fill_diagonal(sim, np.where(norms > 0, 1.0, 0.0))
    return sim


#: below this share of non-zero similarities, :func:`_rank` counts only the non-zero cells.
SPARSE_SHARE = 0.1


def _rank(sim: np.ndarray, mask: int = RANK_MASK) -> np.ndarray:
    """C99's rank matrix: for each cell, the share of the cells in its ``mask`` x ``mask``
    neighbourhood (clipped at the edges) whose similarity is lower.

    >>> _rank(np.array([[1.0, 0.0], [0.0, 1.0]]), mask=3)
    array([[0.5, 0. ],
           [0. , 0.5]])
    """
    n = len(sim)
    r = mask // 2
    padded = np.full((n + 2 * r, n + 2 * r), np.inf)  # inf < x is always False
    padded[r:r + n, r:r + n] = sim
    rows, cols = np.nonzero(sim)
    if len(rows) < SPARSE_SHARE * n * n and not (sim < 0).any():
        # Sentence vectors share few words, so most similarities are 0, and a 0 has no
        # lower neighbour (similarities are >= 0): only the non-zero cells are counted,
        # each against its neighbours by flat index. The same matrix, much faster.
        width = n + 2 * r
        flat = padded.ravel()
        at = rows * width + cols
        value = sim[rows, cols]
        count = np.zeros(len(rows), dtype=np.int32)
        for dy in range(mask):
            for dx in range(mask):
                count += flat[at + (dy * width + dx)] < value
        lower = np.zeros((n, n), dtype=np.int32)
        lower[rows, cols] = count
        idx = np.arange(n)
        examined = np.minimum(idx + r, n - 1) - np.maximum(idx - r, 0) + 1
        return lower / np.outer(examined, examined)
    # counts up to mask ** 2; uint8 holds them for the default mask (121). The comparisons
    # run a few rows at a time, so that the rows compared stay in the processor's cache.
    lower = np.zeros((n, n), dtype=np.uint8 if mask * mask < 256 else np.int32)
    less = np.empty((RANK_ROWS, n), dtype=bool)
    for top in range(0, n, RANK_ROWS):
        bottom = min(n, top + RANK_ROWS)
        centre, count, out = sim[top:bottom], lower[top:bottom], less[:bottom - top]
        for dy in range(mask):
            band = padded[top + dy:bottom + dy]
            for dx in range(mask):
                np.less(band[:, dx:dx + n], centre, out=out)
                count += out
    idx = np.arange(n)
    examined = np.minimum(idx + r, n - 1) - np.maximum(idx - r, 0) + 1
    return lower / np.outer(examined, examined)


def _divisive(rank: np.ndarray, *, max_segments: int,
              min_size: int) -> tuple[list[int], list[float]]:
    """Choi's divisive clustering: the split order and the inside density after each split.

    Returns ``(splits, densities)``: ``splits[m]`` is the boundary added at step ``m + 1``
    and ``densities[m]`` the density with ``m + 1`` segments (``densities[0]``: one segment).
    """
    n = len(rank)
    prefix = np.zeros((n + 1, n + 1))
    prefix[1:, 1:] = rank.cumsum(0).cumsum(1)

    def block(a, b):  # sum of rank[a:b, a:b], vectorised over arrays of a and b
        return prefix[b, b] - prefix[a, b] - prefix[b, a] + prefix[a, a]

    pos = np.arange(n + 1)
    seg_start = np.zeros(n + 1, dtype=int)  # for each candidate boundary c: its segment
    seg_end = np.full(n + 1, n, dtype=int)
    is_boundary = np.zeros(n + 1, dtype=bool)
    is_boundary[[0, n]] = True
    # what splitting at each candidate c would add to the inside sum and to the area, and
    # whether it may: these change only inside the segment just split, so only they are
    # scored again after a split
    gain, grow = np.empty(n + 1), np.empty(n + 1, dtype=int)
    ok = np.empty(n + 1, dtype=bool)

    def score(lo, hi):
        p, a, b = pos[lo:hi], seg_start[lo:hi], seg_end[lo:hi]
        gain[lo:hi] = block(a, p) + block(p, b) - block(a, b)
        grow[lo:hi] = (p - a) ** 2 + (b - p) ** 2 - (b - a) ** 2
        ok[lo:hi] = ~is_boundary[lo:hi] & (p - a >= min_size) & (b - p >= min_size)

    score(0, n + 1)
    inside, area = float(prefix[n, n]), float(n * n)
    splits, densities = [], [inside / area]
    while len(densities) < max_segments:
        if not ok.any():
            break
        density = (inside + gain) / (area + grow)
        density[~ok] = -np.inf
        c = int(np.argmax(density))
        s, e = int(seg_start[c]), int(seg_end[c])
        inside += float(gain[c])
        area += float(grow[c])
        seg_end[s:c] = c
        seg_start[c:e + 1] = c
        seg_end[c] = e
        is_boundary[c] = True
        splits.append(c)
        densities.append(inside / area)
        score(s, e + 1)
    return splits, densities


def _auto_segments(densities: list[float], c: float) -> int:
    """Number of segments by Choi's gradient rule: the last split whose density gain is at
    least ``mean + c * sd`` of all the gains (1 when there is no such split).

    The gains are first smoothed with the small low-pass kernel :data:`GAIN_SMOOTHING`, so
    that one noisy late gain cannot extend the segmentation by dozens of splits (on the
    seed, one document went from 14 to 34 segments on a single spike without it).

    >>> three_big_gains = [0.5, 0.6, 0.7, 0.8] + [0.8 + 0.005 * i for i in range(1, 17)]
    >>> _auto_segments(three_big_gains, c=1.2)
    4
    """
    gains = np.diff(densities)
    if len(gains) < 2:
        return 1
    kernel = np.asarray(GAIN_SMOOTHING, dtype=float)
    half = len(kernel) // 2
    smooth = np.convolve(np.pad(gains, half, mode="edge"), kernel / kernel.sum(), mode="valid")
    if not smooth.std() > GAIN_TOLERANCE:  # all gains alike (say, no content words)
        return 1
    cutoff = smooth.mean() + c * smooth.std()
    above = np.flatnonzero((smooth >= cutoff) & (smooth > GAIN_TOLERANCE))
    return int(above[-1]) + 2 if len(above) else 1


def _block_sums(rank: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``inside[a, b]`` = sum of ``rank[a:b, a:b]`` and ``area[a, b]`` = ``(b - a) ** 2`` for
    every pair of edges ``0 <= a, b <= n``."""
    n = len(rank)
    prefix = np.zeros((n + 1, n + 1))
    prefix[1:, 1:] = rank.cumsum(0).cumsum(1)
    diag = np.diagonal(prefix)
    inside = diag[:, None] + diag[None, :] - prefix - prefix.T
    edges = np.arange(n + 1)
    return inside, (edges[None, :] - edges[:, None]) ** 2


def _optimal(rank: np.ndarray, start: list[int], min_size: int) -> list[int]:
    """The segmentation with as many segments as ``start`` (the greedy one) that has the
    highest inside density, with at least ``min_size`` sentences a segment.

    The density is a ratio, so Dinkelbach's method (1967) is used: for a trial density
    ``lam`` the best segmentation for ``sum(inside) - lam * sum(area)`` is found by dynamic
    programming over the segment ends (that objective adds up over segments), its density
    becomes the next ``lam``, until the segmentation no longer changes. Starting from the
    greedy split's density, every round can only raise the density. To keep long
    documents fast the programme considers segments of up to :data:`BAND_FACTOR` times the
    greedy split's longest (at least :data:`MIN_BAND` sentences); when a segment of the
    result reaches that limit, the limit doubles and the round is done again.
    """
    n = len(rank)
    m = len(start) + 1
    inside, area = _block_sums(rank)

    def density(edges):
        a, b = np.array(edges[:-1]), np.array(edges[1:])
        return inside[a, b].sum() / area[a, b].sum()

    edges = [0] + sorted(start) + [n]
    lam = density(edges)
    band = min(n, max(MIN_BAND, BAND_FACTOR * int(np.diff(edges).max())))
    rounds = 0
    while rounds < MAX_DINKELBACH_ROUNDS:
        rounds += 1
        lengths = np.arange(band, 0, -1)  # ties go to the longer last segment
        ends = np.arange(n + 1)
        starts = ends[:, None] - lengths[None, :]  # [end b, length - 1] -> start a
        ok = (starts >= 0) & (lengths[None, :] >= min_size)
        starts = np.where(ok, starts, 0)
        weight = np.where(ok, inside[starts, ends[:, None]] - lam * lengths[None, :] ** 2, -np.inf)
        best = np.full(n + 1, -np.inf)
        best[0] = 0.0
        back = np.zeros((m + 1, n + 1), dtype=np.int32)
        rows = np.arange(n + 1)
        for k in range(1, m + 1):
            candidates = best[starts] + weight
            pick = np.argmax(candidates, axis=1)
            back[k] = starts[rows, pick]
            best = candidates[rows, pick]
        if not np.isfinite(best[n]):
            break
        found = [n]
        for k in range(m, 0, -1):
            found.append(int(back[k, found[-1]]))
        found.reverse()
        if band < n and np.diff(found).max() >= band:
            band = min(n, 2 * band)
            continue
        if found == edges or density(found) <= density(edges):
            break
        edges, lam = found, density(found)
    return edges[1:-1]


def _c99(stems: list[list[str]], *, n_segments: int | None, min_size: int, mask: int,
         c: float) -> tuple[list[int], np.ndarray]:
    """C99 boundaries of one document's sentences (as stem lists), and its similarity matrix."""
    n = len(stems)
    sim = _similarity(stems)
    if n < 2 or n_segments == 1 or n < 2 * min_size:
        return [], sim
    rank = _rank(sim, mask)
    # Choi's greedy divisive clustering, unconstrained as published, gives the number of
    # segments (gradient rule) and the starting point of the exact optimisation.
    limit = n if n_segments is None else n_segments
    splits, densities = _divisive(rank, max_segments=limit, min_size=1)
    m = _auto_segments(densities, c) if n_segments is None else len(densities)
    if m < 2:
        return [], sim
    greedy = splits[:m - 1]
    if min_size > 1:
        greedy, _ = _divisive(rank, max_segments=m, min_size=min_size)
        if not greedy:
            return [], sim
    return _optimal(rank, sorted(greedy), min_size), sim


class _Cosines:
    """The sentence similarity matrix of a long document, computed a piece at a time:
    ``sims[a:b, c:d]`` equals ``_similarity(stems)[a:b, c:d]`` (up to rounding) without the
    n x n matrix ever being held. Only what :func:`_merge_short` needs (2-D slicing)."""

    def __init__(self, stems: list[list[str]]):
        self.counts = [Counter(s) for s in stems]
        self.norms = np.sqrt(np.array([sum(v * v for v in c.values()) for c in self.counts],
                                      dtype=float))

    def __len__(self) -> int:
        return len(self.counts)

    def __getitem__(self, key: tuple[slice, slice]) -> np.ndarray:
        every = np.arange(len(self.counts))
        rows, cols = every[key[0]], every[key[1]]
        vocab: dict[str, int] = {}
        for i in rows:
            for t in self.counts[i]:
                vocab.setdefault(t, len(vocab))

        def matrix(index):
            x = np.zeros((len(index), len(vocab)))
            for r, i in enumerate(index):
                for t, v in self.counts[i].items():
                    j = vocab.get(t)
                    if j is not None:
                        x[r, j] = v
            return x

        sim = matrix(rows) @ matrix(cols).T
        safe = np.where(self.norms > 0, self.norms, 1.0)
        sim /= safe[rows][:, None]
        sim /= safe[cols][None, :]
        same = rows[:, None] == cols[None, :]
        sim[same] = np.broadcast_to(np.where(self.norms[rows] > 0, 1.0, 0.0)[:, None],
                                    same.shape)[same]
        return sim


def _block_edges(stems: list[list[str]], turn_starts: np.ndarray | None, *,
                 size: int | None = None) -> tuple[list[int], list[float]]:
    """Where to cut a document into blocks of at most ``size`` sentences: the edges
    ``[0, ..., n]`` and the cohesion across each inner edge.

    The document is cut into the fewest blocks of equal nominal length at most
    ``size - 2 * SEAM_REACH`` (``size``: :data:`BLOCK_SENTENCES`); each cut then moves, by
    at most :data:`SEAM_REACH` sentences, to the candidate of lowest cohesion (mean cosine
    similarity between the :data:`SEAM_WINDOW` sentences before it and those after it, the
    nearer to its nominal place on a tie): a turn start when there is one within reach,
    else any sentence. So the cut falls where the talk changes subject, as a topic boundary
    would.

    >>> _block_edges([["a"]] * 10, None, size=20)
    ([0, 10], [])
    """
    n = len(stems)
    size = BLOCK_SENTENCES if size is None else size
    if n <= size:
        return [0, n], []
    reach = min(SEAM_REACH, size // 4)
    k = math.ceil(n / (size - 2 * reach))
    w = SEAM_WINDOW
    edges, cohesion = [0], []
    for i in range(1, k):
        nominal = round(i * n / k)
        lo, hi = nominal - reach, nominal + reach
        candidates = np.arange(lo, hi + 1)
        if turn_starts is not None and turn_starts[lo:hi + 1].any():
            candidates = candidates[turn_starts[lo:hi + 1]]
        first = max(0, lo - w)
        sim = _similarity(stems[first:min(n, hi + w)])
        best = min((float(sim[max(first, x - w) - first:x - first, x - first:x + w - first].mean()),
                    abs(int(x) - nominal), int(x)) for x in candidates)
        edges.append(best[2])
        cohesion.append(best[0])
    edges.append(n)
    return edges, cohesion


def _apportion(total: int, sizes: Sequence[int]) -> list[int]:
    """Share ``total`` segments among blocks of these sizes: one each, the rest in
    proportion to size (largest remainders; ``total >= len(sizes)``).

    >>> _apportion(10, [1500, 1500, 600])
    [4, 4, 2]
    """
    k = len(sizes)
    quota = (total - k) * np.asarray(sizes, dtype=float) / sum(sizes)
    seats = np.floor(quota).astype(int)
    for j in np.argsort(-(quota - seats), kind="stable")[:total - k - int(seats.sum())]:
        seats[j] += 1
    return [int(x) + 1 for x in seats]


def _c99_blocks(stems: list[list[str]], turn_starts: np.ndarray | None, *,
                n_segments: int | None, min_size: int, mask: int,
                c: float) -> tuple[list[int], np.ndarray | _Cosines]:
    """C99 boundaries of a document of any length, in memory linear in its length, and its
    similarities (the matrix, or :class:`_Cosines` for a long document).

    A document of at most :data:`BLOCK_SENTENCES` sentences is plain :func:`_c99`. A longer
    one is cut by :func:`_block_edges`; C99 runs on each block on its own (its own automatic
    stop) and the cuts are boundaries too. ``n_segments`` is shared among the blocks by
    length (:func:`_apportion`); when it is smaller than the number of blocks, the blocks
    are not split and only the ``n_segments - 1`` least cohesive cuts are kept.
    """
    edges, cohesion = _block_edges(stems, turn_starts)
    if len(edges) == 2:
        return _c99(stems, n_segments=n_segments, min_size=min_size, mask=mask, c=c)
    cuts = edges[1:-1]
    if n_segments is not None and n_segments < len(edges) - 1:
        keep = np.argsort(cohesion, kind="stable")[:n_segments - 1]
        return sorted(cuts[j] for j in keep), _Cosines(stems)
    wanted: list[int | None] = [None] * (len(edges) - 1)
    if n_segments is not None:
        wanted = list(_apportion(n_segments, np.diff(edges)))
    bounds: list[int] = []
    for a, b, m in zip(edges, edges[1:], wanted):
        if a:
            bounds.append(a)
        inner = _c99(stems[a:b], n_segments=m, min_size=min_size, mask=mask, c=c)[0]
        bounds.extend(a + x for x in inner)
    return bounds, _Cosines(stems)


def find_boundaries(texts: Sequence[str], *, n_segments: int | None = None,
                    min_size: int = 1, mask: int = RANK_MASK, c: float = STOP_C) -> list[int]:
    """C99 topic boundaries of one document given as its sentences, in reading order.

    Returns the sorted indices ``i`` (``0 < i < len(texts)``) at which a new segment
    starts. ``n_segments`` asks for that many segments (fewer when the text is too short);
    by default their number is chosen by Choi's gradient rule with constant ``c``. No
    segment is shorter than ``min_size`` sentences. ``mask`` is the side of the ranking
    neighbourhood. Texts longer than :data:`BLOCK_SENTENCES` sentences are segmented in
    blocks (see the module docstring; with no turns, a cut may fall on any sentence).

    >>> texts = ["Rain and wind today.", "More rain, more wind.", "Wind and rain again.",
    ...          "The team won the match.", "A match the team will remember.",
    ...          "The team celebrated the match."]
    >>> find_boundaries(texts)
    [3]
    >>> find_boundaries(texts, n_segments=1)
    []
    """
    if n_segments is not None and n_segments < 1:
        raise ValueError(f"n_segments must be at least 1, not {n_segments!r}")
    if min_size < 1:
        raise ValueError(f"min_size must be at least 1, not {min_size!r}")
    bounds, _ = _c99_blocks([terms(t) for t in texts], None, n_segments=n_segments,
                            min_size=min_size, mask=mask, c=c)
    return bounds


# --------------------------------------------------------------------------------------
# Segments of a sentences table
# --------------------------------------------------------------------------------------


def _snap(bounds: list[int], turn_starts: np.ndarray, reach: int) -> list[int]:
    """Move each boundary to the nearest turn start at most ``reach`` sentences away
    (the earlier one on a tie); boundaries without one stay."""
    if reach <= 0 or not len(turn_starts):
        return bounds
    out = []
    for b in bounds:
        if not turn_starts[b]:
            for d in range(1, reach + 1):
                if b - d > 0 and turn_starts[b - d]:
                    b -= d
                    break
                if b + d < len(turn_starts) and turn_starts[b + d]:
                    b += d
                    break
        out.append(b)
    return sorted(set(out))


def _merge_short(bounds: list[int], n: int, sim: np.ndarray, min_size: int) -> list[int]:
    """Merge every segment shorter than ``min_size`` into the neighbour whose sentences are
    the more similar to it (mean cosine), shortest first."""
    bounds = list(bounds)
    while bounds:
        edges = [0] + bounds + [n]
        sizes = np.diff(edges)
        k = int(np.argmin(sizes))
        if sizes[k] >= min_size:
            break
        a, b = edges[k], edges[k + 1]
        if k == 0:
            drop = b
        elif k == len(sizes) - 1:
            drop = a
        else:
            left = sim[a:b, edges[k - 1]:a].mean()
            right = sim[a:b, b:edges[k + 2]].mean()
            drop = a if left >= right else b
        bounds.remove(drop)
    return bounds


def _keywords(tokens: list[list[tuple[str, str, bool]]], edges: list[int],
              k: int) -> list[list[str]]:
    """The ``k`` most distinctive terms of each segment of one document: stem count in the
    segment x smoothed idf over the document's segments (``1 + log((1 + S) / (1 + df))``);
    ties by count, then first use. Each is shown as :func:`_surface`."""
    segs = [[t for sent in tokens[a:b] for t in sent] for a, b in zip(edges, edges[1:])]
    counts = [Counter(stem for stem, _, _ in seg) for seg in segs]
    df = Counter(stem for c in counts for stem in c)
    n_segs = len(segs)
    # how each word is written inside sentences anywhere in the document: a name that only
    # opens sentences in one segment ("Putin spoke.") is still a name
    in_document: dict[str, list[tuple[str, bool]]] = defaultdict(list)
    for seg in segs:
        for _, surface, opening in seg:
            if not opening:
                in_document[surface.lower()].append((surface, False))
    out = []
    for seg, count in zip(segs, counts):
        first: dict[str, int] = {}
        uses: dict[str, list[tuple[str, bool]]] = defaultdict(list)
        for i, (stem, surface, opening) in enumerate(seg):
            first.setdefault(stem, i)
            uses[stem].append((surface, opening))
        score = {s: v * (1 + math.log((1 + n_segs) / (1 + df[s]))) for s, v in count.items()}
        best = sorted(score, key=lambda s: (-score[s], -count[s], first[s]))[:k]
        out.append([_surface(uses[stem], document=in_document) for stem in best])
    return out


def _surface(uses: list[tuple[str, bool]], *,
             document: dict[str, list[tuple[str, bool]]] | None = None) -> str:
    """How to show a stem: its most frequent word form (ignoring case), in lower case
    unless it is written capitalised wherever it does not open a sentence ("Putin",
    "TikTok", "AI"). When every use opens a sentence, ``document`` (lower-case form ->
    its uses inside sentences elsewhere in the document) decides.

    >>> _surface([("Markets", True), ("markets", False), ("market", False)])
    'markets'
    >>> _surface([("Putin", True), ("Putin", False)]), _surface([("Solar", True)])
    ('Putin', 'solar')
    >>> _surface([("Putin", True)], document={"putin": [("Putin", False)]})
    'Putin'
    """
    form = Counter(surface.lower() for surface, _ in uses).most_common(1)[0][0]
    written = [(surface, opening) for surface, opening in uses if surface.lower() == form]
    inside = Counter(surface for surface, opening in written if not opening)
    if form in inside:
        return form
    if inside:
        return inside.most_common(1)[0][0]
    elsewhere = Counter(surface for surface, _ in (document or {}).get(form, []))
    if elsewhere:
        return elsewhere.most_common(1)[0][0]
    shown = written[0][0]
    return shown if shown[1:] != shown[1:].lower() else form  # "TikTok" opening a sentence


def _speakers(speakers: list[str], words: list[int]) -> str:
    total: dict[str, int] = {}
    for name, n in zip(speakers, words):
        if name:
            total[name] = total.get(name, 0) + n
    ranked = sorted(total, key=lambda s: -total[s])  # stable: first speaker wins a tie
    return SPEAKER_SEPARATOR.join(ranked)


def segment_topics(sentences: pd.DataFrame, *, min_sentences: int = MIN_SENTENCES,
                   n_segments: int | None = None, snap: int = SNAP_SENTENCES,
                   n_keywords: int = N_KEYWORDS, c: float = STOP_C) -> pd.DataFrame:
    """Split each document's sentences into topical segments (see the module docstring).

    ``sentences`` is the workbook's sentences table in reading order (``sentence_id,
    doc_id, turn_id, speaker, start, end, text``). Returns one row per segment with
    :data:`TOPIC_COLUMNS`: ``topic_id`` (1.. in reading order over the whole table),
    ``doc_id``, ``start``/``end`` (the first sentence's start and the last one's end),
    ``first_sentence_id``/``last_sentence_id``, ``n_sentences``, ``n_words``
    (:func:`doculens.segment.count_words`), ``speakers`` (by words spoken, descending,
    "; "-separated), ``keywords`` (the ``n_keywords`` most distinctive terms of the segment
    within its document, "; "-separated) and ``label`` (the first three keywords joined
    with " · ").

    Segments never cross documents and are at least ``min_sentences`` long; a document
    with fewer than :data:`MIN_DOCUMENT_SENTENCES` sentences is one segment.
    ``n_segments`` asks for that many segments per document (fewer when it is too short);
    by default C99 decides (constant ``c``). ``snap`` (sentences) moves a boundary to the
    nearest speaker-turn boundary within that distance; 0 leaves boundaries where C99 put
    them. A document longer than :data:`BLOCK_SENTENCES` sentences is segmented in blocks
    cut at speaker-turn starts, so memory stays linear in its length (module docstring).

    >>> s = pd.DataFrame({"sentence_id": [1, 2, 3, 4], "doc_id": [1, 1, 1, 2],
    ...     "turn_id": [1, 1, 2, 3], "speaker": ["Ann", "Bob", "Bob", "Cy"],
    ...     "start": [0, 10, 30, 50], "end": [9, 29, 49, 60],
    ...     "text": ["Solar power.", "Solar panels are cheap.", "Panels on roofs.", "Hi."]})
    >>> cols = ["topic_id", "doc_id", "start", "end", "speakers", "label"]
    >>> segment_topics(s)[cols]  # doctest: +NORMALIZE_WHITESPACE
       topic_id  doc_id  start  end  speakers                   label
    0         1       1      0   49  Bob; Ann  solar · panels · power
    1         2       2     50   60        Cy
    """
    if min_sentences < 1:
        raise ValueError(f"min_sentences must be at least 1, not {min_sentences!r}")
    rows = []
    for doc_id, doc in sentences.groupby("doc_id", sort=False):
        texts = doc["text"].fillna("").astype(str).tolist()
        n = len(texts)
        tokens = [_tokens(t) for t in texts]
        bounds: list[int] = []
        if n >= max(MIN_DOCUMENT_SENTENCES, 2 * min_sentences) and n_segments != 1:
            turn_starts = None
            if "turn_id" in doc:
                turn = doc["turn_id"].to_numpy()
                turn_starts = np.r_[True, turn[1:] != turn[:-1]]
            bounds, sim = _c99_blocks([[t[0] for t in sent] for sent in tokens], turn_starts,
                                      n_segments=n_segments, min_size=min_sentences,
                                      mask=RANK_MASK, c=c)
            if snap > 0 and turn_starts is not None:
                bounds = _snap(bounds, turn_starts, snap)
            bounds = _merge_short(bounds, n, sim, min_sentences)
        edges = [0] + bounds + [n]
        keywords = _keywords(tokens, edges, n_keywords)
        words = [count_words(t) for t in texts]
        speakers = doc["speaker"].fillna("").astype(str).tolist() if "speaker" in doc else [""] * n
        starts, ends, ids = doc["start"].tolist(), doc["end"].tolist(), doc["sentence_id"].tolist()
        for (a, b), kw in zip(zip(edges, edges[1:]), keywords):
            rows.append((doc_id, starts[a], ends[b - 1], ids[a], ids[b - 1], b - a,
                         sum(words[a:b]), _speakers(speakers[a:b], words[a:b]),
                         KEYWORD_SEPARATOR.join(kw),
                         LABEL_SEPARATOR.join(kw[:N_LABEL_KEYWORDS])))
    out = pd.DataFrame(rows, columns=TOPIC_COLUMNS[1:])
    out.insert(0, "topic_id", range(1, len(out) + 1))
    return out.astype({"topic_id": "int64", "doc_id": "int64", "start": "int64", "end": "int64",
                       "first_sentence_id": "int64", "last_sentence_id": "int64",
                       "n_sentences": "int64", "n_words": "int64"})


def topic_of(sentences: pd.DataFrame, topics: pd.DataFrame) -> pd.Series:
    """The ``topic_id`` of each sentence (by document and offsets), aligned on the
    sentences' index; missing (``<NA>``) for a sentence no topic covers.

    >>> s = pd.DataFrame({"doc_id": [1, 1, 2], "start": [0, 5, 0], "end": [4, 9, 3]},
    ...                  index=[7, 8, 9])
    >>> t = pd.DataFrame({"topic_id": [1, 2], "doc_id": [1, 2], "start": [0, 0], "end": [9, 3]})
    >>> topic_of(s, t).tolist()
    [1, 1, 2]
    """
    out = pd.Series(pd.NA, index=sentences.index, dtype="Int64", name="topic_id")
    for doc_id, part in topics.sort_values("start").groupby("doc_id", sort=False):
        mine = (sentences["doc_id"] == doc_id).to_numpy()
        if not mine.any():
            continue
        at = sentences["start"].to_numpy()[mine]
        k = np.clip(np.searchsorted(part["start"].to_numpy(), at, side="right") - 1, 0, None)
        inside = (part["start"].to_numpy()[k] <= at) & (at < part["end"].to_numpy()[k])
        ids = pd.array(part["topic_id"].to_numpy()[k], dtype="Int64")
        ids[~inside] = pd.NA
        out[mine] = ids
    return out
