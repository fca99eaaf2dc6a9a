"""Views of the claims table for notebooks/04_numeric_claims: groups, timeline, the most
check-worthy claims and highlighted HTML (all transcript text escaped)."""

from __future__ import annotations

import pandas as pd

from doculens.claims.table import claims_table  # noqa: F401 (the examples build a table)

# --- Notebook views -----------------------------------------------------------------------
# Helpers for notebooks/04_numeric_claims: each takes the claims table (and the sentences
# table when it needs the sentence offsets) and returns one table or one HTML fragment.

# One row per claim that belongs to a consistency group (the tidy form of the groups, saved
# as tables/claim_groups).
GROUP_COLUMNS = ["consistency_group", "group_subject", "doc_id", "sentence_id", "speaker",
                 "start", "end", "text", "kind", "value", "low", "high", "unit", "qualifier",
                 "subject", "sentence"]
# One row per year or dated mention with a known year.
TIMELINE_COLUMNS = ["doc_id", "sentence_id", "speaker", "start", "end", "text", "kind",
                    "iso", "qualifier", "year_from", "year_to", "sentence"]
# Columns of the highlighted claims view, in order (``sentence`` becomes HTML).
VIEW_COLUMNS = ["doc_id", "speaker", "sentence", "text", "kind", "value", "low", "high",
                "unit", "qualifier", "change", "subject", "attribution", "checkworthiness",
                "is_claim", "consistency_group", "start", "end"]
TIMELINE_KINDS = ("year", "date")


def claim_groups(claims: pd.DataFrame) -> pd.DataFrame:
    """The claims of each consistency group, one row per claim (columns :data:`GROUP_COLUMNS`).

    ``group_subject`` is the longest subject in the group; rows are sorted by group and offset.

    >>> s = pd.DataFrame({"sentence_id": [0, 1], "doc_id": [0, 0], "turn_id": [0, 1],
    ...     "speaker": ["K", "K"], "start": [0, 30], "end": [29, 55],
    ...     "text": ["It holds 80-90% of the market.", "It holds 90% of the market."],
    ...     "is_question": [False, False]})
    >>> claim_groups(claims_table(s))[["consistency_group", "text", "low", "high"]].values.tolist()
    [[1, '80-90%', 80.0, 90.0], [1, '90%', 90.0, 90.0]]
    """
    if claims.empty or "consistency_group" not in claims:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in GROUP_COLUMNS})
    part = claims[claims["consistency_group"].notna()].copy()
    subjects = part[part["subject"] != ""].groupby("consistency_group")["subject"].agg(
        lambda v: max(v, key=len))
    part["group_subject"] = part["consistency_group"].map(subjects).fillna("")
    part = part.sort_values(["consistency_group", "doc_id", "start"], kind="stable")
    return part[GROUP_COLUMNS].reset_index(drop=True)


def timeline(claims: pd.DataFrame) -> pd.DataFrame:
    """Years and dates mentioned, with the span of years each covers (:data:`TIMELINE_COLUMNS`).

    ``year_from``/``year_to`` are the first and last year ("1990s" -> 1990..1999, "the second
    half of the 20th century" -> 1950..1999, "2017" -> 2017..2017). Dates without a year
    ("May 5th") cannot be placed and are left out; names ("20th National Congress") too.

    >>> s = pd.DataFrame({"sentence_id": [0], "doc_id": [0], "turn_id": [0], "speaker": ["K"],
    ...     "start": [0], "end": [40], "text": ["In the 1990s and in 2017, on May 5th."],
    ...     "is_question": [False]})
    >>> timeline(claims_table(s))[["text", "year_from", "year_to"]].values.tolist()
    [['1990s', 1990.0, 1999.0], ['2017', 2017.0, 2017.0]]
    """
    if claims.empty:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in TIMELINE_COLUMNS})
    part = claims[claims["kind"].isin(TIMELINE_KINDS) & claims["is_claim"].astype(bool)
                  & claims["low"].notna()].copy()
    part["year_from"] = part["low"].astype("float64")
    part["year_to"] = part["high"].astype("float64")
    part = part.sort_values(["year_from", "year_to", "doc_id", "start"], kind="stable")
    return part[TIMELINE_COLUMNS].reset_index(drop=True)


def most_checkworthy(claims: pd.DataFrame, n: int = 15) -> pd.DataFrame:
    """The ``n`` claims with the highest checkworthiness (ties: in reading order).

    >>> s = pd.DataFrame({"sentence_id": [0], "doc_id": [0], "turn_id": [0], "speaker": ["K"],
    ...     "start": [0], "end": [40], "text": ["In 2017 it rose 5% to $3 billion."],
    ...     "is_question": [False]})
    >>> most_checkworthy(claims_table(s), n=2)["text"].tolist()
    ['5%', '$3 billion']
    """
    if claims.empty:
        return claims.copy()
    ranked = claims[claims["is_claim"].astype(bool)]
    return ranked.sort_values(["checkworthiness", "doc_id", "start"],
                              ascending=[False, True, True], kind="stable").head(n)


def _sentence_starts(claims: pd.DataFrame, sentences: pd.DataFrame) -> pd.Series:
    starts = sentences.set_index("sentence_id")["start"]
    return claims["sentence_id"].map(starts)


def highlighted(claims: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """The claims table ready to show as HTML: every string escaped, and ``sentence`` the
    escaped sentence with the claim's number wrapped in ``<mark>``.

    Columns :data:`VIEW_COLUMNS`. Because every transcript string is escaped here, the
    result can be shown with itables' ``allow_html=True`` (which stops itables escaping)
    without letting transcript markup through: the only markup is the ``<mark>`` tags.

    >>> s = pd.DataFrame({"sentence_id": [3], "doc_id": [0], "turn_id": [0],
    ...     "speaker": ["<i>K</i>"], "start": [10], "end": [30],
    ...     "text": ["<b>Up</b> 90% of it."], "is_question": [False]})
    >>> v = highlighted(claims_table(s), s)
    >>> v["sentence"].iloc[0], v["speaker"].iloc[0]
    ('&lt;b&gt;Up&lt;/b&gt; <mark>90%</mark> of it.', '&lt;i&gt;K&lt;/i&gt;')
    """
    from doculens.reports import escape, highlight

    if claims.empty:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in VIEW_COLUMNS})
    view = claims[[c for c in VIEW_COLUMNS if c in claims.columns]].copy()
    offset = _sentence_starts(claims, sentences)
    view["sentence"] = [highlight(text, [(int(s - o), int(e - o))])
                        for text, s, e, o in zip(claims["sentence"], claims["start"],
                                                 claims["end"], offset)]
    for col in view.columns:
        if col != "sentence" and not pd.api.types.is_numeric_dtype(view[col]):
            view[col] = view[col].map(lambda v: escape(v) if isinstance(v, str) else v)
    return view.reset_index(drop=True)


def show_claims(claims: pd.DataFrame, sentences: pd.DataFrame, *, caption: str | None = None):
    """An interactive table of ``claims`` with the number highlighted in its sentence.

    Built from :func:`highlighted` (all transcript text escaped there) and rendered by itables
    with ``allow_html=True``, so the ``<mark>`` tags of the ``sentence`` column show as
    highlights while any markup in the transcript shows as text.

    Example:
        >>> show_claims(table, wb.sentences)  # doctest: +SKIP
    """
    from doculens.reports import _HTML, escape, table_html

    view = highlighted(claims, sentences)
    if "kind" in view:  # a year is written as a year ("2020", not "2,020")
        from doculens.reports import format_number

        years = view["kind"].isin(["year"])
        for col in ("value", "low", "high"):
            if col in view:
                view[col] = [("" if pd.isna(v) else str(int(v)) if year and float(v).is_integer()
                              else format_number(float(v)))
                             for v, year in zip(view[col], years)]
    return _HTML(table_html(view, caption=escape(caption) if caption else None,
                            name="claims", allow_html=True),
                 f"{len(view):,} numeric mentions")


GROUP_CARD_STYLE = ("flex:1 1 16rem;max-width:28rem;border:1px solid #ccc;border-radius:4px;"
                    "padding:.4rem .6rem;background:#fafafa")


#: consistency groups drawn as cards at most (the table lists them all)
MAX_GROUPS_SHOWN = 60
#: cards drawn per group at most
MAX_CARDS_PER_GROUP = 12


def groups_html(claims: pd.DataFrame, sentences: pd.DataFrame, *,
                max_groups: int = MAX_GROUPS_SHOWN, max_cards: int = MAX_CARDS_PER_GROUP):
    """The consistency groups side by side: per group, one card per claim with its speaker,
    value and sentence (the number highlighted). All transcript text is escaped.

    The first ``max_groups`` groups are drawn, each with its first ``max_cards`` claims,
    so the page stays small on a large corpus; a note says what was left out (every claim
    is in the ``claim_groups`` table).

    >>> s = pd.DataFrame({"sentence_id": [0, 1], "doc_id": [0, 0], "turn_id": [0, 1],
    ...     "speaker": ["K", "K"], "start": [0, 30], "end": [29, 55],
    ...     "text": ["It holds 80-90% of the market.", "It holds 90% of the market."],
    ...     "is_question": [False, False]})
    >>> "<mark>80-90%</mark>" in str(groups_html(claims_table(s), s))
    True
    """
    from doculens.reports import _HTML, escape, highlight

    rows = claim_groups(claims)
    if rows.empty:
        return _HTML("<p>No claims about the same subject disagree.</p>")
    for name, value in (("max_groups", max_groups), ("max_cards", max_cards)):
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise ValueError(f"{name} must be a positive integer, not {value!r}")
    ids = sorted(rows["consistency_group"].unique())
    shown = set(ids[:max_groups])
    rows = rows[rows["consistency_group"].isin(shown)]
    offset = _sentence_starts(rows, sentences)
    parts = []
    if len(ids) > len(shown):
        parts.append(f'<p class="doculens-note">Showing the first {len(shown):,} of {len(ids):,} '
                     f"groups; every claim of every group is in <code>tables/claim_groups.csv</code>.</p>")
    for gid, g in rows.groupby("consistency_group", sort=True):
        first = g.iloc[0]
        unit = f", {escape(first['unit'])}" if first["unit"] else ""
        cards = []
        more = len(g) - max_cards
        g = g.head(max_cards)
        for r, o in zip(g.itertuples(index=False), offset[g.index]):
            cards.append(
                f'<div style="{GROUP_CARD_STYLE}"><b>{escape(r.text)}</b> · '
                f'{escape(r.speaker or "(unattributed)")} · document {escape(r.doc_id)}'
                f'<br><small>{highlight(r.sentence, [(int(r.start - o), int(r.end - o))])}'
                f'</small></div>')
        if more > 0:
            cards.append(f'<div style="{GROUP_CARD_STYLE}"><i>… {more:,} more claims in this group</i></div>')
        parts.append(
            f'<div class="doculens-claim-group" id="claim-group-{int(gid)}">'
            f'<h4>Group {int(gid)}: {escape(first["group_subject"])} '
            f'({escape(first["kind"])}{unit})</h4>'
            f'<div style="display:flex;flex-wrap:wrap;gap:.5rem">{"".join(cards)}</div></div>')
    return _HTML("".join(parts))
