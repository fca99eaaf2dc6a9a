"""The corpus at a glance: one row per document, and who and what recurs across documents.

:func:`documents` joins what the other notebooks find, document by document: its size, its
speakers with their share of talk, its largest topics, its mean sentiment, its numeric
claims and disagreeing groups, and its strongest stance verdicts. :func:`recurring`
follows the speakers who speak in several documents, and :func:`recurring_targets` the
stance targets verdicts reach in several documents.

Example:
    >>> from doculens.workbook import build
    >>> wb = build(["tests/fixtures/debate_stance.txt"])  # doctest: +SKIP
    >>> documents(wb)[["doc_id", "n_words", "speakers"]]  # doctest: +SKIP
"""

from __future__ import annotations

import pandas as pd

__all__ = ["DOCUMENT_COLUMNS", "RECURRING_COLUMNS", "TARGET_COLUMNS", "documents", "recurring",
           "recurring_targets"]

DOCUMENT_COLUMNS = ["doc_id", "source", "source_file", "title", "n_words", "n_speakers", "speakers",
                    "topics", "mean_sentiment", "n_claims", "n_disagreements", "verdicts",
                    "start", "end"]
RECURRING_COLUMNS = ["speaker", "n_documents", "n_words", "mean_sentiment", "by_document"]
TARGET_COLUMNS = ["target", "n_documents", "n_against", "n_favor", "n_neutral", "by_document"]
#: speakers named in a document's row (the most talkative first)
TOP_SPEAKERS = 3
#: topics named in a document's row (the largest first)
TOP_TOPICS = 3
#: stance verdicts named in a document's row (the most decided first)
TOP_VERDICTS = 3
SEPARATOR = "; "


def _weighted_mean(sentences: pd.DataFrame) -> float:
    from .segment import count_words

    data = sentences[sentences["compound"].notna()]
    if data.empty:
        return float("nan")
    weights = data["text"].map(count_words).clip(lower=1)
    return round(float((data["compound"] * weights).sum() / weights.sum()), 4)


def documents(wb, *, claims: pd.DataFrame | None = None,
              stance_by_document: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per document (columns :data:`DOCUMENT_COLUMNS`).

    ``speakers``: the :data:`TOP_SPEAKERS` most talkative, with their share of the words;
    ``topics``: the labels of the :data:`TOP_TOPICS` largest topical segments;
    ``mean_sentiment``: the word-weighted mean VADER compound of its sentences;
    ``n_claims``: numbers that are claims (from ``claims``, a claims table);
    ``n_disagreements``: its consistency groups; ``verdicts``: its :data:`TOP_VERDICTS`
    stance verdicts furthest from neutral (from ``stance_by_document``), as
    "speaker → target: stance". ``source_file``: where the report keeps the decoded source
    text (:func:`doculens.reports.source_file`); ``start, end``: the document's span in it.
    """
    from .reports import source_file
    from .speakers import talk_share

    share = talk_share(wb.turns)
    share = _by_doc(share[share["speaker"].fillna("") != ""])
    topics_of = _by_doc(wb.topics)
    sentences_of = _by_doc(wb.sentences)
    claims_of = _by_doc(claims) if claims is not None and len(claims) else {}
    decided = ({} if stance_by_document is None or not len(stance_by_document) else
               _by_doc(stance_by_document[stance_by_document["stance"].isin(["against", "favor"])]))
    empty = pd.DataFrame()
    rows = []
    for doc in wb.documents.itertuples(index=False):
        mine = share.get(doc.doc_id, empty)
        top = mine.sort_values("n_words", ascending=False).head(TOP_SPEAKERS) if len(mine) else mine
        speakers = SEPARATOR.join(f"{s} ({v:.0%})" for s, v in zip(top["speaker"], top["share"])) if len(top) else ""
        topics = topics_of.get(doc.doc_id, empty)
        topics = SEPARATOR.join(topics.sort_values("n_words", ascending=False)
                                .head(TOP_TOPICS)["label"].astype(str)) if len(topics) else ""
        sentences = sentences_of.get(doc.doc_id, wb.sentences.head(0))
        n_claims = n_groups = 0
        here = claims_of.get(doc.doc_id)
        if here is not None:
            n_claims = int(here["is_claim"].astype(bool).sum())
            n_groups = int(here["consistency_group"].dropna().nunique())
        verdicts = ""
        here = decided.get(doc.doc_id)
        if here is not None:
            here = here.assign(_reach=here["mean"].abs()).sort_values(
                ["_reach", "n_mentions"], ascending=[False, False], kind="stable")
            verdicts = SEPARATOR.join(f"{r.speaker or '(unattributed)'} → {r.target}: {r.stance}"
                                      for r in here.head(TOP_VERDICTS).itertuples())
        rows.append((doc.doc_id, doc.source, source_file(doc.source), doc.title or "", int(doc.n_words), len(mine),
                     speakers, topics, _weighted_mean(sentences), n_claims, n_groups, verdicts,
                     int(doc.start), int(doc.end)))
    return pd.DataFrame(rows, columns=DOCUMENT_COLUMNS)


def _by_doc(table: pd.DataFrame) -> dict:
    """``table``'s rows by ``doc_id``, grouped once (not one scan of the table per document)."""
    return {doc_id: part for doc_id, part in table.groupby("doc_id", sort=False)}


def recurring(wb) -> pd.DataFrame:
    """Speakers who speak in more than one document, with their mean sentiment overall and
    per document ("1: +0.05; 3: -0.10"). Columns :data:`RECURRING_COLUMNS`."""
    from .segment import count_words

    data = wb.sentences[(wb.sentences["speaker"].fillna("") != "") & wb.sentences["compound"].notna()]
    data = data.assign(_w=data["text"].map(count_words).clip(lower=1))
    rows = []
    for speaker, mine in data.groupby("speaker"):
        docs = mine.groupby("doc_id")
        if docs.ngroups < 2:
            continue
        per = [(d, float((g["compound"] * g["_w"]).sum() / g["_w"].sum())) for d, g in docs]
        mean = float((mine["compound"] * mine["_w"]).sum() / mine["_w"].sum())
        rows.append((speaker, len(per), int(mine["_w"].sum()), round(mean, 4),
                     SEPARATOR.join(f"{d}: {m:+.2f}" for d, m in per)))
    out = pd.DataFrame(rows, columns=RECURRING_COLUMNS)
    return out.sort_values(["n_documents", "n_words"], ascending=False, kind="stable").reset_index(drop=True)


def recurring_targets(stance_by_document: pd.DataFrame) -> pd.DataFrame:
    """Stance targets with verdicts in more than one document: how many documents hold a
    verdict against, in favour or neutral, and each document's verdicts. Columns
    :data:`TARGET_COLUMNS`."""
    if stance_by_document is None or stance_by_document.empty:
        return pd.DataFrame(columns=TARGET_COLUMNS)
    decided = stance_by_document[stance_by_document["stance"] != "insufficient"]
    rows = []
    for target, mine in decided.groupby("target"):
        if mine["doc_id"].nunique() < 2:
            continue
        counts = mine["stance"].value_counts()
        detail = SEPARATOR.join(f"{d}: {s or '(unattributed)'} {v}" for d, s, v in
                                zip(mine["doc_id"], mine["speaker"], mine["stance"]))
        rows.append((target, int(mine["doc_id"].nunique()), int(counts.get("against", 0)),
                     int(counts.get("favor", 0)), int(counts.get("neutral", 0)), detail))
    out = pd.DataFrame(rows, columns=TARGET_COLUMNS)
    return out.sort_values(["n_documents", "target"], ascending=[False, True], kind="stable").reset_index(drop=True)
