"""Per-document figures draw at most ``max_documents`` documents, whatever the corpus size.

A synthetic corpus of 60 (and 200) short documents, each opened by a
``Documentary | Title | Series`` heading with a few ``Name: text`` turns holding years,
numbers and clearly positive and negative words, is segmented once per module; every
per-document figure of doculens.plots is drawn from its tables.
"""

from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402
from matplotlib.text import Text  # noqa: E402

from doculens import claims, plots, sentiment, speakers  # noqa: E402
from doculens.reports import FIGURE_DPI  # noqa: E402

NAMES = ["Ann Bell", "Tom Reed", "Mia Chen", "Raj Patel", "Eve Stone", "Lou Park", "Ida Moss"]
MAX_PNG_BYTES = 2_000_000
MAX_HEIGHT_INCHES = 40  # (a page of figures, not a scroll of hundreds of panels)


def _corpus(n: int) -> str:
    parts = []
    for i in range(n):
        a, b = NAMES[i % len(NAMES)], NAMES[(i + 3) % len(NAMES)]
        parts.append(
            f"Documentary | Episode {i} | Test Series\n\n"
            f"{a}: Welcome to episode {i}. In {1990 + i % 30} the town had {i + 3} boats "
            "and it was wonderful.\n\n"
            f"{b}: Thank you. It was terrible in {2000 + i % 20}; we lost {i * 10 + 5} percent "
            "of the harbour.\n\n"
            f"{a}: What happened after the storm of {1980 + i % 40}?\n\n"
            f"{b}: The people were kind and generous, and the new harbour opened in spring "
            f"{2010 + i % 10}.\n")
    return "\n".join(parts)


def _tables(folder, n: int) -> dict:
    from doculens.workbook import build

    path = folder / f"corpus_{n}.txt"
    path.write_text(_corpus(n), encoding="utf-8")
    wb = build([path])
    assert len(wb.documents) == n
    table = claims.claims_table(wb.sentences)
    return {"wb": wb, "share": speakers.talk_share(wb.turns),
            "by_topic": sentiment.by_topic(wb.sentences, wb.topics),
            "years": claims.timeline(table)}


@pytest.fixture(scope="module")
def corpus60(tmp_path_factory):
    return _tables(tmp_path_factory.mktemp("bounded60"), 60)


@pytest.fixture(scope="module")
def corpus200(tmp_path_factory):
    return _tables(tmp_path_factory.mktemp("bounded200"), 200)


def _documents_drawn(name: str, fig) -> int:
    """How many documents ``fig`` draws: its panels, heatmap columns, rows or bar groups."""
    if name == "sentiment_heatmap":
        return len(fig.axes[0].get_xticklabels())  # (fig.axes[1] is the colour bar)
    if name == "claims_timeline":
        return len(fig.axes[0].get_yticklabels())
    if name == "talk_share":
        return len(fig.axes[0].get_legend().get_texts())  # one colour per document
    return len(fig.axes)  # one panel per document


# each per-document figure, drawn from the tables with the given keyword arguments
FIGURES = {
    "speaker_timeline": lambda t, **kw: plots.speaker_timeline(t["wb"].turns, t["wb"].documents, **kw),
    "talk_share": lambda t, **kw: plots.talk_share(t["share"], **kw),
    "topic_map": lambda t, **kw: plots.topic_map(t["wb"].topics, t["wb"].documents,
                                                 turns=t["wb"].turns, **kw),
    "topic_sentiment": lambda t, **kw: plots.topic_sentiment(t["by_topic"], t["wb"].documents, **kw),
    "sentiment_arc": lambda t, **kw: plots.sentiment_arc(t["wb"].sentences, t["wb"].documents,
                                                         window=3, **kw),
    "sentiment_heatmap": lambda t, **kw: plots.sentiment_heatmap(t["wb"].sentences,
                                                                 t["wb"].documents, **kw),
    "claims_timeline": lambda t, **kw: plots.claims_timeline(t["years"], t["wb"].documents, **kw),
}


def _texts(fig) -> str:
    return "\n".join(t.get_text() for t in fig.findobj(Text))


@pytest.mark.parametrize("name", sorted(FIGURES))
def test_figure_draws_at_most_max_documents_and_says_what_it_left_out(corpus60, name):
    fig = FIGURES[name](corpus60, max_documents=5)
    try:
        assert _documents_drawn(name, fig) == 5
        assert "55 more documents not drawn (at most 5); every " in _texts(fig)
        png = io.BytesIO()
        fig.savefig(png, format="png", dpi=FIGURE_DPI)
        assert png.tell() < MAX_PNG_BYTES
    finally:
        plt.close(fig)


@pytest.mark.parametrize("name", sorted(FIGURES))
def test_figure_size_does_not_grow_with_the_corpus(corpus60, corpus200, name):
    sizes = []
    for tables in (corpus60, corpus200):
        fig = FIGURES[name](tables)  # the default: MAX_TOPIC_DOCUMENTS
        try:
            assert _documents_drawn(name, fig) == plots.MAX_TOPIC_DOCUMENTS
            assert f"more documents not drawn (at most {plots.MAX_TOPIC_DOCUMENTS})" in _texts(fig)
            sizes.append(tuple(fig.get_size_inches()))
        finally:
            plt.close(fig)
    assert sizes[0] == sizes[1]
    assert sizes[1][1] < MAX_HEIGHT_INCHES


@pytest.mark.parametrize("name", sorted(FIGURES))
@pytest.mark.parametrize("bad", [0, -3, 2.5, "12", True])
def test_a_bad_max_documents_is_refused(corpus60, name, bad):
    with pytest.raises(ValueError, match="max_documents must be a positive integer"):
        FIGURES[name](corpus60, max_documents=bad)
    plt.close("all")


def test_no_note_when_every_document_is_drawn(corpus60):
    fig = plots.claims_timeline(corpus60["years"], corpus60["wb"].documents, max_documents=60)
    try:
        assert _documents_drawn("claims_timeline", fig) == 60
        assert "not drawn" not in _texts(fig)
    finally:
        plt.close(fig)


def test_the_first_documents_in_document_order_are_drawn(corpus60):
    wb = corpus60["wb"]
    fig = plots.sentiment_arc(wb.sentences, wb.documents, max_documents=3)
    try:
        titles = [ax.get_title(loc="left") for ax in fig.axes]
        first = list(wb.documents["doc_id"])[:3]
        assert [t.split(":")[0] for t in titles] == [f"Document {d}" for d in first]
    finally:
        plt.close(fig)


def test_none_still_means_the_default(corpus60):
    """speaker_timeline and talk_share took ``max_documents=None`` before it became an int."""
    fig = plots.speaker_timeline(corpus60["wb"].turns, corpus60["wb"].documents,
                                 max_documents=None)
    try:
        assert len(fig.axes) == plots.MAX_TOPIC_DOCUMENTS
    finally:
        plt.close(fig)
