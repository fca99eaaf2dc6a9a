"""Seaborn figures for the notebooks. Each answers one question, named in its title.

Every function takes tidy tables and returns the matplotlib Figure, so a notebook cell
makes one call and shows the result.

Example:
    >>> fig = turn_lengths(turns)  # doctest: +SKIP
"""

from __future__ import annotations

import numbers

import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns

UNKNOWN_SPEAKER = "(unattributed)"
# Speakers shown by name in crowded plots; the rest are grouped as "others".
MAX_SPEAKERS = 12
OTHERS = "(others)"
PALETTE = "tab20"
TIMELINE_ROW_HEIGHT = 0.32  # inches per speaker row
FIGURE_WIDTH = 11  # inches
#: a per-document figure (one panel, row or column per document) draws at most this many
#: documents, the first ones in document order, so that neither the figure nor its cost
#: grows with the corpus; a note under it says how many were left out, and the tables hold
#: every row.
MAX_TOPIC_DOCUMENTS = 12


def _check_max_documents(max_documents, default: int = MAX_TOPIC_DOCUMENTS) -> int:
    """``max_documents`` as an int (``None``: ``default``); ValueError unless a positive integer.

    Example:
        >>> _check_max_documents(None), _check_max_documents(3)
        (12, 3)
    """
    if max_documents is None:
        return default
    if isinstance(max_documents, bool) or not isinstance(max_documents, numbers.Integral) \
            or max_documents < 1:
        raise ValueError(f"max_documents must be a positive integer, not {max_documents!r}")
    return int(max_documents)


def _first_documents(docs, max_documents) -> tuple[list, str]:
    """The first ``max_documents`` of ``docs`` (in the order given: document order), and a
    note on the ones left out ("" when every document is drawn).

    Example:
        >>> _first_documents([1, 2, 3], 2)
        ([1, 2], '1 more document not drawn (at most 2)')
    """
    max_documents = _check_max_documents(max_documents)
    docs = list(docs)
    rest = len(docs) - max_documents
    note = (f"{rest} more document{'s' if rest > 1 else ''} not drawn (at most {max_documents})"
            if rest > 0 else "")
    return docs[:max_documents], note


def _left_out(notes: list[str], where: str) -> str:
    """The notes on what a figure leaves out, joined, then where to find it all ("" when
    nothing is left out).

    Example:
        >>> _left_out(["2 more documents not drawn (at most 12)", ""], "every turn is in the turns table")
        '2 more documents not drawn (at most 12); every turn is in the turns table.'
    """
    notes = [n for n in notes if n]
    return f"{'; '.join(notes)}; {where}." if notes else ""


def readable_speakers(speakers: pd.Series, *, keep: list[str] | None = None) -> pd.Series:
    """Speaker names ready for axes: empty ones as "(unattributed)", others beyond ``keep``
    grouped as "(others)".

    Example:
        >>> readable_speakers(pd.Series(["Ann", "", "Bob"]), keep=["Ann"]).tolist()
        ['Ann', '(unattributed)', '(others)']
    """
    out = speakers.fillna("").replace("", UNKNOWN_SPEAKER)
    if keep is not None:
        allowed = set(keep) | {UNKNOWN_SPEAKER}
        out = out.where(out.isin(allowed), OTHERS)
    return out


def _top_speakers(turns: pd.DataFrame, n: int) -> list[str]:
    words = turns.groupby("speaker")["n_words"].sum().sort_values(ascending=False)
    return [s for s in words.index if s][:n]


def speaker_timeline(turns: pd.DataFrame, documents: pd.DataFrame, *,
                     max_speakers: int = MAX_SPEAKERS, max_documents: int = MAX_TOPIC_DOCUMENTS):
    """Who speaks when in each document: one bar per turn, by position in the document.

    One panel per document, the first ``max_documents`` in document order (a positive int,
    else ValueError; ``None`` is the default); a note under the figure counts the others,
    whose turns are all in the turns table.

    Example:
        >>> fig = speaker_timeline(wb.turns, wb.documents)  # doctest: +SKIP
    """
    docs, left_out = _first_documents(documents["doc_id"], max_documents)
    note = _left_out([left_out], "every turn is in the turns table")
    keep = _top_speakers(turns, max_speakers)  # (named as in the other figures of the run)
    turns = turns[turns["doc_id"].isin(docs)]
    data = turns.merge(documents[["doc_id", "title", "start", "end"]].rename(
        columns={"start": "doc_start", "end": "doc_end"}), on="doc_id")
    length = (data["doc_end"] - data["doc_start"]).clip(lower=1)
    data = data.assign(who=readable_speakers(data["speaker"], keep=keep),
                       x0=100 * (data["start"] - data["doc_start"]) / length,
                       x1=100 * (data["end"] - data["doc_start"]) / length)
    order = [s for s in keep + [UNKNOWN_SPEAKER, OTHERS] if s in set(data["who"])]
    colours = _speaker_colours(keep)
    heights = [max(len(set(data.loc[data["doc_id"] == d, "who"])), 1) for d in docs]
    fig, axes = plt.subplots(len(docs), 1, sharex=True, squeeze=False,
                             figsize=(FIGURE_WIDTH, 1.2 + TIMELINE_ROW_HEIGHT * sum(heights) + 0.6 * len(docs)),
                             gridspec_kw={"height_ratios": heights})
    for ax, doc_id in zip(axes[:, 0], docs):
        part = data[data["doc_id"] == doc_id]
        rows = [s for s in order if s in set(part["who"])]
        for y, who in enumerate(rows):
            mine = part[part["who"] == who]
            ax.hlines([y] * len(mine), mine["x0"], mine["x1"], colors=[colours[who]], linewidth=8)
        ax.set_yticks(range(len(rows)), rows)
        ax.set_ylim(len(rows) - 0.5, -0.5)
        title = documents.loc[documents["doc_id"] == doc_id, "title"].iloc[0] or f"Document {doc_id}"
        ax.set_title(f"Document {doc_id}: {_shorten(title)}", loc="left", fontsize="medium")
        ax.set_ylabel("")
    axes[-1, 0].set_xlabel("Position in the document (% of its text)"
                           + (f"\n{note}" if note else ""))
    axes[-1, 0].set_xlim(0, 100)
    fig.suptitle("Who speaks when in each document?", fontweight="bold")
    return _finish(fig)


def turn_lengths(turns: pd.DataFrame, *, max_speakers: int = MAX_SPEAKERS):
    """How long are each speaker's turns? Words per turn, one box per speaker, longest first.

    Example:
        >>> fig = turn_lengths(wb.turns)  # doctest: +SKIP
    """
    keep = _top_speakers(turns, max_speakers)
    data = turns.assign(who=readable_speakers(turns["speaker"], keep=keep))
    data = data[data["n_words"] > 0]  # (a log axis has no room for an empty turn)
    order = list(data.groupby("who")["n_words"].median().sort_values(ascending=False).index)
    counts = data["who"].value_counts()
    fig, ax = plt.subplots(figsize=(FIGURE_WIDTH, 1 + 0.4 * len(order)))
    sns.boxplot(data=data, y="who", x="n_words", order=order, ax=ax, color="lightsteelblue",
                fliersize=0)
    sns.stripplot(data=data, y="who", x="n_words", order=order, ax=ax, size=3, color="0.25",
                  alpha=0.6)
    ax.set_yticks(range(len(order)), [f"{s} (n={counts[s]})" for s in order])
    ax.set_xscale("log")
    ax.set_xlim(0.8, max(float(data["n_words"].max()), 10) * 1.3)
    ax.set_xlabel("Words per turn (log scale; n = number of turns)")
    ax.set_ylabel("Speaker")
    ax.set_title("How long are each speaker's turns?", fontweight="bold")
    return _finish(fig)


def talk_share(share: pd.DataFrame, *, max_speakers: int = MAX_SPEAKERS,
               max_documents: int = MAX_TOPIC_DOCUMENTS):
    """Who does the talking in each document? Share of words by speaker, per document.

    ``share`` is the output of :func:`doculens.speakers.talk_share`. One group of bars per
    document, the first ``max_documents`` in the table's order (a positive int, else
    ValueError; ``None`` is the default); a note under the figure counts the others.

    Example:
        >>> fig = talk_share(talk_share_table)  # doctest: +SKIP
    """
    top = share.groupby("speaker")["n_words"].sum().sort_values(ascending=False)
    keep = [s for s in top.index if s][:max_speakers]
    first, left_out = _first_documents(dict.fromkeys(share["doc_id"]), max_documents)
    note = _left_out([left_out], "every share is in the talk share table")
    share = share[share["doc_id"].isin(first)]
    data = share.assign(who=readable_speakers(share["speaker"], keep=keep))
    data = data.groupby(["doc_id", "who"], as_index=False)["share"].sum()
    data["document"] = "Document " + data["doc_id"].astype(str)
    order = [s for s in keep + [UNKNOWN_SPEAKER, OTHERS] if s in set(data["who"])]
    fig, ax = plt.subplots(figsize=(FIGURE_WIDTH, 1.5 + 0.35 * len(order) * data["doc_id"].nunique() / 2))
    sns.barplot(data=data, y="who", x="share", hue="document", order=order, ax=ax,
                palette="deep")
    ax.xaxis.set_major_formatter(lambda v, _: f"{v:.0%}")
    ax.set_xlabel("Share of the document's words" + (f"\n{note}" if note else ""))
    ax.set_ylabel("Speaker")
    ax.set_title("Who does the talking in each document?", fontweight="bold")
    ax.legend(title="", loc="lower right")
    return _finish(fig)


def _finish(fig, *, title_inches: float = 0.0):
    """Lay out and close ``fig`` so that a notebook shows it once, as the cell's result.

    ``title_inches`` keeps that much room above the axes for a suptitle that tight_layout
    would otherwise let the first panel's title run into.
    """
    top = 1.0 - title_inches / fig.get_figheight() if title_inches else 1.0
    fig.tight_layout(rect=(0, 0, 1, top))
    # tight_layout leaves a placeholder layout engine, which makes every later save draw
    # the whole figure once more before drawing it for real: the layout is final, drop it
    fig.set_layout_engine("none")
    plt.close(fig)
    return fig


def _empty_figure(question: str, why: str):
    """A small figure that keeps the question and says why there is nothing to plot."""
    fig, ax = plt.subplots(figsize=(FIGURE_WIDTH * 0.8, 1.6))
    ax.axis("off")
    ax.text(0.5, 0.4, why, ha="center", va="center", fontsize="large", color="0.3")
    ax.set_title(question, fontweight="bold")
    return _finish(fig)


def _finish_heatmap(fig, ax, *, x: str, y: str, title: str):
    """Label a seaborn heatmap's axes (ticks upright, no grid) and finish its figure."""
    ax.grid(False)
    ax.set_xlabel(x)
    ax.set_ylabel(y)
    ax.tick_params(axis="x", labelrotation=0)
    ax.tick_params(axis="y", labelrotation=0)
    ax.set_title(title, fontweight="bold")
    return _finish(fig)


def _shorten(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --------------------------------------------------------------------------------------
# Sentiment (notebook 02_sentiment): each takes the scored sentences table, i.e. the output
# of doculens.sentiment.add_sentiment, and computes what it shows with that module, so the
# figures and the saved tables share one arithmetic.
# --------------------------------------------------------------------------------------

# Diverging palette for sentiment, centred at 0: red is negative, blue is positive.
SENTIMENT_CMAP = "RdBu"
UNKNOWN_COLOUR, OTHERS_COLOUR = "0.80", "0.55"
ARC_ROW_HEIGHT = 2.3  # inches per document in the arc figure
BAND_ALPHA = 0.35  # opacity of the speaking-turn bands behind the arc
HEATMAP_ANNOTATE_MAX_CELLS = 400  # beyond this the heatmap's numbers would be unreadable
HEATMAP_MIN_RANGE = 0.1  # smallest colour range (±) so near-zero means stay pale
HEATMAP_MIN_SENTENCES = 3  # cells this small do not set the colour range (they may saturate)
NEUTRAL_BAND = 0.05  # VADER's neutral band, |compound| < 0.05


def _sentence_speakers(scored: pd.DataFrame, max_speakers: int) -> tuple[list[str], pd.Series]:
    """The speakers named in sentiment plots (most words first) and each sentence's name."""
    from .segment import count_words

    # words as the turns table counts them, so every figure ranks (and colours) alike
    words = scored["text"].fillna("").astype(str).map(count_words)
    keep = _top_speakers(scored.assign(n_words=words), max_speakers)
    return keep, readable_speakers(scored["speaker"], keep=keep)


def _speaker_colours(order: list[str]) -> dict[str, tuple]:
    """One colour per named speaker: tab20's strong colours first, then its light ones,
    without its greys (kept for the unattributed and the others)."""
    named = [s for s in order if s not in (UNKNOWN_SPEAKER, OTHERS)]
    base = sns.color_palette(PALETTE, 20)
    ranked = [c for i, c in enumerate(base[0::2] + base[1::2]) if i not in (7, 17)]
    colours = {s: ranked[i % len(ranked)] for i, s in enumerate(named)}
    colours[UNKNOWN_SPEAKER] = UNKNOWN_COLOUR
    colours[OTHERS] = OTHERS_COLOUR
    return colours


def _doc_label(documents: pd.DataFrame, doc_id, limit: int = 80) -> str:
    titles = documents.loc[documents["doc_id"] == doc_id, "title"]
    title = titles.iloc[0] if len(titles) and titles.iloc[0] else ""
    return f"Document {doc_id}: {_shorten(title, limit)}" if title else f"Document {doc_id}"


def sentiment_arc(scored: pd.DataFrame, documents: pd.DataFrame, *, window: int = 9,
                  max_speakers: int = MAX_SPEAKERS, max_documents: int = MAX_TOPIC_DOCUMENTS):
    """Where does each document turn dark or warm, and who is speaking then?

    One panel per document with scored sentences, the first ``max_documents`` in document
    order (a positive int, else ValueError); a note under the figure counts the others.
    Each panel: the rolling mean of the sentences' compound scores
    (:func:`doculens.sentiment.arc`, ``window`` sentences, centred) over sentence
    position, each sentence's own score as a faint dot, and the speaking turns as
    background bands coloured by speaker, so a dip can be tied to whoever was speaking.

    Example:
        >>> fig = sentiment_arc(scored, wb.documents, window=9)  # doctest: +SKIP
    """
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    from .sentiment import arc

    valid = scored[scored["compound"].notna()]
    present = set(valid["doc_id"])
    docs, left_out = _first_documents(
        [d for d in documents["doc_id"] if d in present] or sorted(present), max_documents)
    note = _left_out([left_out], "every sentence is in the sentences table")
    data = arc(valid[valid["doc_id"].isin(docs)], window=window)
    keep, _ = _sentence_speakers(scored, max_speakers)  # (named as in the other figures)
    data["who"] = readable_speakers(data["speaker"], keep=keep)
    order = [s for s in keep + [UNKNOWN_SPEAKER, OTHERS] if s in set(data["who"])]
    colours = _speaker_colours(keep)
    fig, axes = plt.subplots(max(len(docs), 1), 1, squeeze=False,
                             figsize=(FIGURE_WIDTH, 1.0 + ARC_ROW_HEIGHT * max(len(docs), 1)))
    turns = data.groupby(["doc_id", "turn_index"], sort=False).agg(
        who=("who", "first"), first=("position", "min"), last=("position", "max"))
    for ax, doc_id in zip(axes[:, 0], docs):
        part = data[data["doc_id"] == doc_id]
        bands = turns.loc[doc_id]
        handles = []
        for who in [s for s in order if s in set(bands["who"])]:
            mine = bands[bands["who"] == who]
            spans = list(zip(mine["first"] - 0.5, mine["last"] - mine["first"] + 1))
            ax.broken_barh(spans, (-1.05, 2.1), facecolors=[colours[who]], alpha=BAND_ALPHA,
                           linewidth=0)
            handles.append(Patch(facecolor=colours[who], alpha=BAND_ALPHA, label=who))
        ax.axhline(0, color="0.4", linewidth=0.8)
        ax.scatter(part["position"], part["compound"], s=7, color="0.25", alpha=0.35,
                   linewidths=0)
        ax.plot(part["position"], part["rolling"], color="black", linewidth=1.8)
        handles += [Line2D([], [], color="black", linewidth=1.8,
                           label=f"rolling mean ({window} sentences)"),
                    Line2D([], [], color="0.25", alpha=0.5, marker="o", linestyle="",
                           markersize=3, label="one sentence")]
        ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0),
                  fontsize="small", frameon=False)
        ax.set_xlim(-0.5, part["position"].max() + 0.5)
        ax.set_ylim(-1.05, 1.05)
        ax.set_yticks([-1, -0.5, 0, 0.5, 1])
        ax.grid(axis="x", visible=False)
        ax.set_ylabel("Compound\n(−1 … +1)")
        ax.set_xlabel("")
        ax.set_title(f"{_doc_label(documents, doc_id)} ({len(part)} sentences)",
                     loc="left", fontsize="medium")
    axes[-1, 0].set_xlabel("Sentence position in the document (bands: speaking turns, "
                           "coloured by speaker)" + (f"\n{note}" if note else ""))
    fig.suptitle("Where does each document turn dark or warm, and who is speaking then?",
                 fontweight="bold")
    return _finish(fig)


def speaker_sentiment(scored: pd.DataFrame, *, max_speakers: int = MAX_SPEAKERS):
    """Who speaks in the darkest or warmest terms? One box per speaker, all documents.

    Each box is the distribution of the speaker's sentence scores (dots: the sentences);
    the diamond is the word-weighted mean (as in the ``sentiment_by_speaker`` table), and
    speakers are sorted by it, most negative first. Labels carry n, the number of sentences.

    Example:
        >>> fig = speaker_sentiment(scored)  # doctest: +SKIP
    """
    from .sentiment import by_speaker

    _, who = _sentence_speakers(scored, max_speakers)
    data = scored.assign(speaker=who)
    data = data[data["compound"].notna()]
    summary = by_speaker(data, per_document=False).sort_values(
        ["mean", "speaker"], kind="stable", ignore_index=True)
    order = list(summary["speaker"])
    fig, ax = plt.subplots(figsize=(FIGURE_WIDTH, 1.6 + 0.45 * max(len(order), 1)))
    ax.axvspan(-NEUTRAL_BAND, NEUTRAL_BAND, color="0.9", zorder=0, label="neutral band (±0.05)")
    ax.axvline(0, color="0.4", linewidth=0.8, zorder=1)
    sns.boxplot(data=data, y="speaker", x="compound", order=order, ax=ax,
                color="lightsteelblue", fliersize=0, width=0.6)
    sns.stripplot(data=data, y="speaker", x="compound", order=order, ax=ax, size=2.5,
                  color="0.25", alpha=0.45, jitter=0.25)
    ax.scatter(summary["mean"], range(len(order)), marker="D", s=45, color="crimson",
               edgecolor="white", zorder=5, label="word-weighted mean")
    ax.set_yticks(range(len(order)),
                  [f"{s} (n={n})" for s, n in zip(order, summary["n_sentences"])])
    ax.set_xlim(-1.05, 1.05)
    ax.set_xlabel("Compound score of each sentence (−1 most negative … +1 most positive)")
    ax.set_ylabel("Speaker (n = sentences)")
    ax.legend(loc="lower left", bbox_to_anchor=(0.0, 1.0), ncol=2, frameon=False,
              fontsize="small")
    ax.set_title("Who speaks in the darkest or warmest terms?", fontweight="bold", pad=24)
    return _finish(fig)


#: a heatmap is at least this wide (inches), so that its title and labels fit one document.
HEATMAP_MIN_WIDTH = 7.5


def sentiment_heatmap(scored: pd.DataFrame, documents: pd.DataFrame, *,
                      max_speakers: int = MAX_SPEAKERS, max_documents: int = MAX_TOPIC_DOCUMENTS):
    """How warm or dark is each speaker in each document? Mean sentiment per cell.

    One column per document with scored sentences, the first ``max_documents`` in document
    order (a positive int, else ValueError); a note under the figure counts the others, and
    rows are the speakers of the documents drawn. Cells are the word-weighted mean compound
    of the speaker's sentences in that document (as in the ``sentiment_by_speaker`` table),
    annotated with the mean and n (sentences); the diverging palette is centred at 0 and
    its range is set by the cells of at least ``HEATMAP_MIN_SENTENCES`` sentences (smaller
    cells beyond it show the end colour).
    Blank cells: the speaker does not speak there.

    Example:
        >>> fig = sentiment_heatmap(scored, wb.documents)  # doctest: +SKIP
    """
    import textwrap

    from .sentiment import by_speaker

    _, who = _sentence_speakers(scored, max_speakers)  # (named as in the other figures)
    data = scored.assign(speaker=who)
    data = data[data["compound"].notna()]
    present = set(data["doc_id"])
    cols, left_out = _first_documents(
        [d for d in documents["doc_id"] if d in present] or sorted(present), max_documents)
    note = _left_out([left_out], "every cell is in the sentiment_by_speaker table")
    data = data[data["doc_id"].isin(cols)]
    cells = by_speaker(data)
    overall = by_speaker(data, per_document=False).sort_values(
        ["mean", "speaker"], kind="stable")
    rows = list(overall["speaker"])
    mean = cells.pivot(index="speaker", columns="doc_id", values="mean").reindex(
        index=rows, columns=cols)
    count = cells.pivot(index="speaker", columns="doc_id", values="n_sentences").reindex(
        index=rows, columns=cols)
    labels = [textwrap.fill(_doc_label(documents, d, limit=56), 20) for d in cols]
    mean.columns = labels
    # the colour range comes from cells with enough sentences, so that one lone sentence
    # does not wash out the rest; a smaller cell beyond it saturates (arrows on the bar)
    solid = mean.where(count.to_numpy() >= HEATMAP_MIN_SENTENCES)
    reach = solid.abs().max().max()
    if pd.isna(reach):
        reach = mean.abs().max().max()
    reach = max(float(reach) if pd.notna(reach) else 0.0, HEATMAP_MIN_RANGE)
    beyond = bool((mean.abs() > reach).any().any())
    annotate = mean.size <= HEATMAP_ANNOTATE_MAX_CELLS
    text = (mean.map(lambda v: "" if pd.isna(v) else f"{v:+.2f}")
            + count.set_axis(labels, axis=1).map(
                lambda n: "" if pd.isna(n) else f"\nn={int(n)}")) if annotate else False
    fig, ax = plt.subplots(figsize=(min(max(HEATMAP_MIN_WIDTH, 3.0 + 2.1 * len(cols)), 24),
                                    2.6 + 0.5 * len(rows)))
    sns.heatmap(mean, cmap=SENTIMENT_CMAP, center=0, vmin=-reach, vmax=reach,
                annot=text, fmt="", annot_kws={"fontsize": "small"}, linewidths=0.5,
                linecolor="white", ax=ax,
                cbar_kws={"label": "Mean compound\n← negative · positive →",
                          "extend": "both" if beyond else "neither"})
    return _finish_heatmap(fig, ax, x="Document" + (f"\n{note}" if note else ""),
                           y="Speaker\n(most negative first)",
                           title="How warm or dark is each speaker in each document?")


# --------------------------------------------------------------------------------------
# Numeric claims (notebook 04_numeric_claims): each takes the claims table, i.e. the output
# of doculens.claims.claims_table, or a table derived from it by doculens.claims.
# --------------------------------------------------------------------------------------

CLAIM_KIND_ORDER = ("percent", "money", "count", "quantity", "multiplier", "fraction",
                    "duration", "age", "ordinal", "year", "date", "time")
CLAIM_LABELS = {True: "claim", False: "name, title or compound"}
TIMELINE_POINT_SIZE = 40


def _claim_kinds(claims: pd.DataFrame) -> list[str]:
    present = set(claims["kind"])
    return [k for k in CLAIM_KIND_ORDER if k in present] + sorted(present - set(CLAIM_KIND_ORDER))


def claim_kinds(claims: pd.DataFrame):
    """What kinds of numbers are mentioned, and how many of them are claims?

    One bar per kind (number of mentions), split into claims and numbers that are part of a
    name, a title or a compound ("5G", "20th National Congress", "zero-covid").

    Example:
        >>> fig = claim_kinds(claims)  # doctest: +SKIP
    """
    data = claims.assign(status=claims["is_claim"].astype(bool).map(CLAIM_LABELS))
    order = _claim_kinds(claims)
    fig, ax = plt.subplots(figsize=(FIGURE_WIDTH, 1.5 + 0.35 * max(len(order), 1)))
    if data.empty:
        ax.text(0.5, 0.5, "No numbers found", ha="center", va="center", transform=ax.transAxes)
    else:
        sns.countplot(data=data, y="kind", hue="status", order=order,
                      hue_order=[v for v in CLAIM_LABELS.values() if v in set(data["status"])],
                      ax=ax, palette="deep")
        ax.legend(title="", loc="lower right")
    ax.set_xlabel("Number of mentions")
    ax.set_ylabel("Kind of number")
    ax.set_title("What kinds of numbers are mentioned, and how many are claims?",
                 fontweight="bold")
    return _finish(fig)


def claims_by_speaker(claims: pd.DataFrame, *, max_speakers: int = MAX_SPEAKERS):
    """Who cites the most numbers, and of which kind? Claims per speaker, stacked by kind.

    Only claims (``is_claim``) are counted; speakers are sorted by their number of claims,
    and those beyond ``max_speakers`` are grouped as "(others)".

    Example:
        >>> fig = claims_by_speaker(claims, max_speakers=12)  # doctest: +SKIP
    """
    data = claims[claims["is_claim"].astype(bool)]
    counts = data["speaker"].fillna("").value_counts()
    keep = [s for s in counts.index if s][:max_speakers]
    data = data.assign(who=readable_speakers(data["speaker"], keep=keep))
    order = list(data["who"].value_counts().index)
    kinds = _claim_kinds(data) if not data.empty else []
    fig, ax = plt.subplots(figsize=(FIGURE_WIDTH, 1.5 + 0.4 * max(len(order), 1)))
    if data.empty:
        ax.text(0.5, 0.5, "No claims found", ha="center", va="center", transform=ax.transAxes)
    else:
        colours = dict(zip(CLAIM_KIND_ORDER, sns.color_palette(PALETTE, len(CLAIM_KIND_ORDER))))
        data = data.assign(who=pd.Categorical(data["who"], categories=order))
        sns.histplot(data=data, y="who", hue="kind", hue_order=kinds, multiple="stack",
                     discrete=True, shrink=0.8, linewidth=0, alpha=1, ax=ax,
                     palette={k: colours.get(k, OTHERS_COLOUR) for k in kinds})
        ax.set_ylim(len(order) - 0.5, -0.5)
        sns.move_legend(ax, "upper left", bbox_to_anchor=(1.01, 1.0), frameon=False,
                        fontsize="small", title="Kind")
    ax.set_xlabel("Number of claims")
    ax.set_ylabel("Speaker")
    ax.set_title("Who cites the most numbers, and of which kind?", fontweight="bold")
    return _finish(fig)


def claims_timeline(timeline: pd.DataFrame, documents: pd.DataFrame, *,
                    max_documents: int = MAX_TOPIC_DOCUMENTS):
    """Which years and periods does each document talk about?

    ``timeline`` is the output of :func:`doculens.claims.timeline`. One row per document
    with years, the first ``max_documents`` in document order (a positive int, else
    ValueError; a note under the figure counts the others); a dot per year or dated
    mention, a bar for periods ("1990s", "2015 and 2017"). Dots are coloured by kind (a
    bare year or a date).

    Example:
        >>> fig = claims_timeline(claims.timeline(table), wb.documents)  # doctest: +SKIP
    """
    present = set(timeline["doc_id"])
    docs, left_out = _first_documents([d for d in documents["doc_id"] if d in present],
                                      max_documents)
    note = _left_out([left_out], "every year and date is in the claims table")
    timeline = timeline[timeline["doc_id"].isin(docs)]
    labels = {d: _doc_label(documents, d, limit=48) for d in docs}
    fig, ax = plt.subplots(figsize=(FIGURE_WIDTH, 1.8 + 0.6 * max(len(docs), 1)))
    if timeline.empty:
        ax.text(0.5, 0.5, "No years or dates found", ha="center", va="center",
                transform=ax.transAxes)
    else:
        data = timeline.assign(document=timeline["doc_id"].map(labels),
                               y=timeline["doc_id"].map({d: i for i, d in enumerate(docs)}))
        spans = data[data["year_to"] > data["year_from"]]
        ax.hlines(spans["y"], spans["year_from"], spans["year_to"] + 1, colors="0.35",
                  linewidth=6, alpha=0.45, label="period")
        points = data.assign(year=(data["year_from"] + data["year_to"]) / 2)
        sns.stripplot(data=points, x="year", y="y", hue="kind", orient="h", native_scale=True,
                      jitter=0.15, size=6, ax=ax, palette="deep", alpha=0.8)
        ax.set_yticks(range(len(docs)), [labels[d] for d in docs])
        ax.set_ylim(len(docs) - 0.5, -0.5)
        ax.legend(title="", loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
    ax.set_xlabel("Year mentioned (periods as bars, at their middle as dots)"
                  + (f"\n{note}" if note else ""))
    ax.set_ylabel("Document")
    ax.set_title("Which years and periods does each document talk about?", fontweight="bold")
    return _finish(fig)


# --------------------------------------------------------------------------------------
# Topics (notebooks 01_segmentation and 02_sentiment): each takes the topics table, i.e. the
# output of doculens.topics.segment_topics, and its sentiment by doculens.sentiment.by_topic.
# --------------------------------------------------------------------------------------

TOPIC_ROW_HEIGHT = 0.26  # inches per topical segment in the topic map
SUPTITLE_INCHES = 0.35  # room kept above the panels for the figure's question
TOPIC_LABEL_CHARS = 60  # a segment's label is cut to this on the axis
TOPIC_TITLE_CHARS = 48  # a document title is cut to this above its panel (the axes are narrow)


#: a document's panel shows at most this many segments (its largest, in reading order), and
#: a topic figure at most MAX_TOPIC_DOCUMENTS documents (see the top of this module) ...
MAX_TOPIC_ROWS = 30
#: bars in a topic figure at most, over all its documents ...
MAX_TOPIC_TOTAL_ROWS = 100
#: ... but never fewer than this many per document.
MIN_TOPIC_ROWS = 6


def _topic_panels(table: pd.DataFrame, documents: pd.DataFrame, *,
                  max_documents: int = MAX_TOPIC_DOCUMENTS, max_rows: int = MAX_TOPIC_ROWS):
    """One panel per document of ``table`` (the first ``max_documents``), each with its
    ``max_rows`` largest segments in reading order; returns the figure, its axes, the
    documents in panel order, each document's rows, and a note on what was left out."""
    present = set(table["doc_id"])
    docs, left_out = _first_documents([d for d in documents["doc_id"] if d in present],
                                      max_documents)
    # the whole figure holds at most MAX_TOPIC_TOTAL_ROWS bars: fewer per document when
    # there are many documents
    max_rows = min(max_rows, max(MIN_TOPIC_ROWS, MAX_TOPIC_TOTAL_ROWS // max(len(docs), 1)))
    parts, cut = {}, 0
    size = "n_words" if "n_words" in table else "n_sentences"
    for d in docs:
        part = table[table["doc_id"] == d]
        if len(part) > max_rows:
            cut += len(part) - max_rows
            part = part.loc[part[size].nlargest(max_rows).index].sort_index()
        parts[d] = part.reset_index(drop=True)
    heights = [max(len(parts[d]), 1) for d in docs] or [1]
    notes = [f"{cut} smaller segments not drawn (at most {max_rows} per document here)"
             if cut else "", left_out]
    fig, axes = plt.subplots(len(heights), 1, sharex=True, squeeze=False,
                             figsize=(FIGURE_WIDTH, 1.6 + TOPIC_ROW_HEIGHT * sum(heights)
                                      + 0.6 * len(heights)),
                             gridspec_kw={"height_ratios": heights})
    return fig, axes, docs, parts, _left_out(notes, "every segment is in the topics table")


def _main_speaker(speakers: str) -> str:
    first = str(speakers or "").split("; ")[0]
    return first


def topic_map(topics: pd.DataFrame, documents: pd.DataFrame, *,
              turns: pd.DataFrame | None = None, max_speakers: int = MAX_SPEAKERS,
              max_documents: int = MAX_TOPIC_DOCUMENTS):
    """What does each document talk about, in which order, and who leads each part?

    One panel per document with segments, the first ``max_documents`` in document order (a
    positive int, else ValueError; a note under the figure counts the others), one bar per
    topical segment placed by its offsets (% of the document's text), labelled with its id
    and keywords, coloured by the speaker with the most words in it. With ``turns``, speakers are ranked (and coloured) by their words in
    the whole run, as in the other figures of a report.

    Example:
        >>> fig = topic_map(wb.topics, wb.documents, turns=wb.turns)  # doctest: +SKIP
    """
    from matplotlib.patches import Patch

    data = topics.merge(documents[["doc_id", "start", "end"]].rename(
        columns={"start": "doc_start", "end": "doc_end"}), on="doc_id")
    length = (data["doc_end"] - data["doc_start"]).clip(lower=1)
    lead = data["speakers"].map(_main_speaker)
    if turns is not None:
        keep = _top_speakers(turns, max_speakers)
    else:
        words = data.assign(lead=lead).groupby("lead")["n_words"].sum().sort_values(ascending=False)
        keep = [s for s in words.index if s][:max_speakers]
    data = data.assign(who=readable_speakers(lead, keep=keep),
                       x0=100 * (data["start"] - data["doc_start"]) / length,
                       x1=100 * (data["end"] - data["doc_start"]) / length)
    order = [s for s in keep + [UNKNOWN_SPEAKER, OTHERS] if s in set(data["who"])]
    colours = _speaker_colours(keep)
    fig, axes, docs, parts, note = _topic_panels(data, documents, max_documents=max_documents)
    for ax, doc_id in zip(axes[:, 0], docs):
        part = parts[doc_id]
        ax.barh(range(len(part)), part["x1"] - part["x0"], left=part["x0"], height=0.7,
                color=[colours[w] for w in part["who"]])
        ax.set_yticks(range(len(part)),
                      [f"#{t} {_shorten(str(lab), TOPIC_LABEL_CHARS)}"
                       for t, lab in zip(part["topic_id"], part["label"])],
                      fontsize="small")
        ax.set_ylim(len(part) - 0.5, -0.5)
        ax.set_ylabel("")
        title = _doc_label(documents, doc_id, limit=TOPIC_TITLE_CHARS)
        total = int((data["doc_id"] == doc_id).sum())
        ax.set_title(f"{title} ({total} segments)", loc="left", fontsize="medium")
    handles = [Patch(facecolor=colours[w], label=w) for w in order]
    axes[0, 0].legend(handles=handles, title="Speaker with most words", loc="upper left",
                      bbox_to_anchor=(1.01, 1.0), fontsize="small", frameon=False)
    axes[-1, 0].set_xlabel("Position in the document (% of its text)"
                           + (f"\n{note}" if note else ""))
    axes[-1, 0].set_xlim(0, 100)
    fig.suptitle("What does each document talk about, in which order, and who leads each part?",
                 fontweight="bold")
    return _finish(fig, title_inches=SUPTITLE_INCHES)


def topic_sentiment(by_topic: pd.DataFrame, documents: pd.DataFrame, *,
                    max_documents: int = MAX_TOPIC_DOCUMENTS):
    """Which topics are discussed in the darkest or warmest terms?

    One panel per document with segments, the first ``max_documents`` in document order (a
    positive int, else ValueError; a note under the figure counts the others), and in it
    one bar per topical segment, in reading order: the word-weighted mean compound of its
    sentences (the ``sentiment_by_topic`` table), coloured on the diverging sentiment
    palette; labels carry the keywords and n (sentences).

    Example:
        >>> fig = topic_sentiment(sentiment.by_topic(wb.sentences, wb.topics), wb.documents)  # doctest: +SKIP
    """
    _check_max_documents(max_documents)
    if by_topic["mean"].notna().sum() == 0:
        return _empty_figure("Which topics are discussed in the darkest or warmest terms?",
                             "No sentence was scored in these transcripts.")
    cmap = plt.get_cmap(SENTIMENT_CMAP)
    fig, axes, docs, parts, note = _topic_panels(by_topic, documents, max_documents=max_documents)
    drawn = [m for d in docs for m in parts[d]["mean"].abs() if pd.notna(m)]
    reach = max(max(drawn, default=0.0), HEATMAP_MIN_RANGE)  # (the range of the bars drawn)
    for ax, doc_id in zip(axes[:, 0], docs):
        part = parts[doc_id]
        colours = [cmap(0.5 + 0.5 * float(m) / reach) for m in part["mean"].fillna(0)]
        ax.barh(range(len(part)), part["mean"].fillna(0), color=colours, height=0.7,
                edgecolor="0.5", linewidth=0.4)
        ax.axvspan(-NEUTRAL_BAND, NEUTRAL_BAND, color="0.92", zorder=0)
        ax.axvline(0, color="0.4", linewidth=0.8)
        ax.set_yticks(range(len(part)),
                      [f"#{t} {_shorten(str(lab), TOPIC_LABEL_CHARS)} (n={n})"
                       for t, lab, n in zip(part["topic_id"], part["label"], part["n_sentences"])],
                      fontsize="small")
        ax.set_ylim(len(part) - 0.5, -0.5)
        ax.set_ylabel("")
        ax.set_title(_doc_label(documents, doc_id, limit=TOPIC_TITLE_CHARS), loc="left", fontsize="medium")
    axes[-1, 0].set_xlim(-reach * 1.1, reach * 1.1)
    axes[-1, 0].set_xlabel("Mean compound of the segment's sentences (word-weighted; "
                           "grey band: VADER's neutral ±0.05)" + (f"\n{note}" if note else ""))
    fig.suptitle("Which topics are discussed in the darkest or warmest terms?", fontweight="bold")
    return _finish(fig, title_inches=SUPTITLE_INCHES)


# --------------------------------------------------------------------------------------
# Stance (notebook 03_stance): each takes the scored mentions (doculens.stance.score_mentions)
# or the per-speaker table (doculens.stance.stance_by_speaker).
# --------------------------------------------------------------------------------------

STANCE_ORDER = ("against", "neutral", "favor")
#: pairs drawn at most in the interval plot (the most mentioned first), so it never grows
#: with the corpus.
MAX_STANCE_PAIRS = 30

# Smallest colour range (±) of the stance heatmap: means within a mention's neutral band
# (doculens.stance thresholds, ±0.1) stay pale instead of filling the whole scale.
STANCE_MIN_RANGE = 0.3
STANCE_COLOURS = {"against": "#c0392b", "neutral": "0.75", "favor": "#2e86c1",
                  "insufficient": "0.85"}


#: targets drawn at most in the stance figures (the most mentioned first).
MAX_STANCE_TARGETS = 15


def stance_heatmap(by_speaker: pd.DataFrame, *, max_speakers: int = MAX_SPEAKERS,
                   max_targets: int = MAX_STANCE_TARGETS):
    """Which way does each speaker lean toward each target?

    Cells are the mean target-directed score of the speaker's sentences on the target (the
    ``stance_by_speaker`` table), red against, blue in favour, annotated with the mean, n
    (mentions) and the verdict (``stance``, decided from the 95% interval). Speakers with the most mentions first; blank: never mentioned.

    Example:
        >>> fig = stance_heatmap(stance.stance_by_speaker(scored))  # doctest: +SKIP
    """
    if by_speaker.empty:
        return _empty_figure("Which way does each speaker lean toward each target?",
                             "No speaker mentions any target often enough (see min_mentions).")
    data = by_speaker.assign(speaker=by_speaker["speaker"].fillna("").replace("", UNKNOWN_SPEAKER))
    totals = data.groupby("speaker")["n_mentions"].sum().sort_values(ascending=False, kind="stable")
    rows = list(totals.index[:max_speakers])
    data = data[data["speaker"].isin(rows)]
    cols = list(data.groupby("target")["n_mentions"].sum().sort_values(
        ascending=False, kind="stable").index[:max_targets])
    data = data[data["target"].isin(cols)]
    mean = data.pivot(index="speaker", columns="target", values="mean").reindex(index=rows, columns=cols)
    count = data.pivot(index="speaker", columns="target", values="n_mentions").reindex(
        index=rows, columns=cols)
    verdict = data.pivot(index="speaker", columns="target", values="stance").reindex(
        index=rows, columns=cols)
    reach = max(float(mean.abs().max().max()) if mean.notna().any().any() else 0.0,
                STANCE_MIN_RANGE)
    text = (mean.map(lambda v: "" if pd.isna(v) else f"{v:+.2f}")
            + count.map(lambda n: "" if pd.isna(n) else f" (n={int(n)})")
            + verdict.map(lambda v: "" if pd.isna(v) else f"\n{v}"))
    fig, ax = plt.subplots(figsize=(min(3.5 + 1.6 * max(len(cols), 1), 24),
                                    2.2 + 0.5 * max(len(rows), 1)))
    sns.heatmap(mean, cmap=SENTIMENT_CMAP, center=0, vmin=-reach, vmax=reach, annot=text,
                fmt="", annot_kws={"fontsize": "small"}, linewidths=0.5, linecolor="white",
                ax=ax, cbar_kws={"label": "Mean stance score\n← against · in favour →"})
    return _finish_heatmap(fig, ax, x="Target", y="Speaker (most mentions first)",
                           title="Which way does each speaker lean toward each target?")


def stance_shares(scored: pd.DataFrame):
    """How is each target talked about: against, neutral or in favour?

    One stacked bar per target: its mentions by stance label (``score_mentions``), with n.

    Example:
        >>> fig = stance_shares(stance.score_mentions(mentions))  # doctest: +SKIP
    """
    if scored.empty:
        return _empty_figure("How is each target talked about: against, neutral or in favour?",
                             "No target is mentioned in these transcripts.")
    counts = (scored.groupby(["target", "stance"]).size().unstack(fill_value=0)
              .reindex(columns=list(STANCE_ORDER), fill_value=0))
    counts = counts.loc[counts.sum(axis=1).sort_values(ascending=True, kind="stable").index]
    counts = counts.iloc[-MAX_STANCE_TARGETS:]  # the most mentioned targets
    fig, ax = plt.subplots(figsize=(FIGURE_WIDTH * 0.8, 1.6 + 0.45 * max(len(counts), 1)))
    left = pd.Series(0, index=counts.index)
    for label in STANCE_ORDER:
        ax.barh(counts.index, counts[label], left=left, color=STANCE_COLOURS[label],
                label=label, height=0.7)
        left = left + counts[label]
    ax.set_yticks(range(len(counts)), [f"{t} (n={int(n)})" for t, n in counts.sum(axis=1).items()])
    ax.set_xlabel("Mentions")
    ax.set_ylabel("Target (n = mentions)")
    ax.legend(title="Stance of the mention", loc="lower right", frameon=False, fontsize="small")
    ax.set_title("How is each target talked about: against, neutral or in favour?",
                 fontweight="bold")
    return _finish(fig)


def stance_intervals(by_speaker: pd.DataFrame, *, max_pairs: int = MAX_STANCE_PAIRS):
    """How sure is each verdict?

    One row per speaker and target (the ``max_pairs`` most mentioned): the mean stance score
    with its 95% interval, coloured by the verdict. An interval that crosses 0 is neutral;
    pairs with too few sentences for an interval are drawn as a dot (``insufficient``).

    Example:
        >>> fig = stance_intervals(result.by_speaker)  # doctest: +SKIP
    """
    question = "How sure is each verdict? Mean stance with its 95% interval"
    if by_speaker.empty:
        return _empty_figure(question, "No speaker mentions any target.")
    data = by_speaker.assign(speaker=by_speaker["speaker"].fillna("").replace("", UNKNOWN_SPEAKER))
    data = data.sort_values(["n_mentions", "speaker", "target"], ascending=[False, True, True],
                            kind="stable").head(max_pairs).iloc[::-1]
    labels = [f"{s} → {t} (n={n})" for s, t, n in zip(data["speaker"], data["target"],
                                                       data["n_sentences"])]
    fig, ax = plt.subplots(figsize=(FIGURE_WIDTH, 1.8 + 0.32 * len(data)))
    y = list(range(len(data)))
    for i, row in enumerate(data.itertuples(index=False)):
        colour = STANCE_COLOURS.get(row.stance, "0.5")
        if pd.notna(row.ci_low) and pd.notna(row.ci_high):
            ax.plot([row.ci_low, row.ci_high], [i, i], color=colour, linewidth=2.5)
        ax.plot([row.mean], [i], "o", color=colour, markersize=5)
    ax.axvline(0, color="0.3", linewidth=0.8)
    reach = max([STANCE_MIN_RANGE] + [abs(v) for v in data[["mean", "ci_low", "ci_high"]]
                                      .to_numpy().ravel() if pd.notna(v)])
    ax.set_xlim(-min(reach, 1.0) * 1.1, min(reach, 1.0) * 1.1)
    ax.set_yticks(y, labels, fontsize="small")
    ax.set_ylim(-0.7, len(data) - 0.3)
    ax.set_xlabel("Mean stance score of the speaker's sentences (← against · in favour →)")
    ax.set_ylabel("Speaker → target (n = sentences)")
    handles = [plt.Line2D([], [], color=STANCE_COLOURS[k], linewidth=2.5, label=k)
               for k in ("against", "neutral", "favor", "insufficient")]
    ax.legend(handles=handles, title="Verdict", loc="upper left", bbox_to_anchor=(1.01, 1),
              frameon=False, fontsize="small")
    ax.set_title(question, fontweight="bold")
    return _finish(fig)


# --------------------------------------------------------------------------------------
# Overview (notebook 00_overview): takes doculens.overview.documents.
# --------------------------------------------------------------------------------------

#: documents drawn at most in the overview figure (the furthest from neutral first).
MAX_OVERVIEW_DOCUMENTS = 30


def document_sentiment(table: pd.DataFrame, *, max_documents: int = MAX_OVERVIEW_DOCUMENTS):
    """Which documents are the darkest and the warmest?

    One bar per document (``doculens.overview.documents``): the word-weighted mean compound
    of its sentences, on the diverging sentiment palette; at most ``max_documents``, those
    furthest from neutral, in document order.

    Example:
        >>> fig = document_sentiment(overview.documents(wb))  # doctest: +SKIP
    """
    question = "Which documents are the darkest and the warmest?"
    max_documents = _check_max_documents(max_documents, default=MAX_OVERVIEW_DOCUMENTS)
    data = table[table["mean_sentiment"].notna()]
    if data.empty:
        return _empty_figure(question, "No sentence was scored in these transcripts.")
    note = ""
    if len(data) > max_documents:
        note = f" ({max_documents} of {len(data)} documents: those furthest from neutral)"
        data = data.loc[data["mean_sentiment"].abs().nlargest(max_documents).index].sort_index()
    labels = [f"{d} · {_shorten(str(t or s), 48)}" for d, t, s in
              zip(data["doc_id"], data["title"], data["source"])]
    reach = max(float(data["mean_sentiment"].abs().max()), HEATMAP_MIN_RANGE)
    cmap = plt.get_cmap(SENTIMENT_CMAP)
    fig, ax = plt.subplots(figsize=(FIGURE_WIDTH, 1.6 + 0.32 * len(data)))
    ax.barh(range(len(data)), data["mean_sentiment"],
            color=[cmap(0.5 + 0.5 * float(m) / reach) for m in data["mean_sentiment"]],
            edgecolor="0.5", linewidth=0.4, height=0.7)
    ax.axvspan(-NEUTRAL_BAND, NEUTRAL_BAND, color="0.92", zorder=0)
    ax.axvline(0, color="0.4", linewidth=0.8)
    ax.set_yticks(range(len(data)), labels, fontsize="small")
    ax.set_ylim(len(data) - 0.5, -0.5)
    ax.set_xlim(-reach * 1.15, reach * 1.15)
    ax.set_xlabel("Mean compound of the document's sentences (word-weighted; grey band: "
                  "VADER's neutral ±0.05)" + note)
    ax.set_ylabel("Document")
    ax.set_title(question, fontweight="bold")
    return _finish(fig)
