"""Stance as HTML for the notebook: evidence and mentions with the target marked and cue
words underlined. Every piece of transcript text is escaped.

>>> t = pd.DataFrame({"speaker": ["<A>"], "target": ["CCP"], "rank": [1], "side": ["against"],
...     "score": [-0.5], "stance": ["against"], "kind": ["evaluation"], "via": ["name"],
...     "doc_id": [1], "sentence_id": [3], "start": [10], "end": [30],
...     "sentence": ["The <b>CCP</b> lies."], "cues": ["lies"], "speaker_stance": ["against"],
...     "mention_start": [17], "mention_end": [20], "reported": [""]})
>>> html_out = str(evidence_html(t))
>>> "&lt;b&gt;<mark>CCP</mark>&lt;/b&gt; <u>lies</u>" in html_out, "&lt;A&gt;" in html_out
(True, True)
"""

from __future__ import annotations

import pandas as pd

from doculens.stance.polarity import DEFAULT_WINDOW, directed_cues

__all__ = ["evidence_html", "highlighted", "show_mentions", "targets_html", "VIEW_COLUMNS"]

CUE_SEPARATOR = "; "


def _marked(sentence: str, s_start: int, m_start: int, m_end: int, cues: str) -> str:
    """Escaped HTML of a sentence: the mention in ``<mark>``, its cue words in ``<u>``.

    ``cues`` is the mention's ``cues`` column: only those words are underlined, where the
    scorer found them (nearest the mention when a word recurs), so the HTML shows exactly
    the words behind the score."""
    from doculens.reports import highlight

    a, b = int(m_start - s_start), int(m_end - s_start)
    cues = cues if isinstance(cues, str) else ""  # NaN from a CSV read back
    wanted = [c.removeprefix("not ") for c in cues.split(CUE_SEPARATOR) if c]
    # the scorer's own spans, with a window wide enough to reach every cue it reported
    found, _, _ = directed_cues(sentence, a, b, max(DEFAULT_WINDOW, len(sentence.split())),
                                anaphora=False)
    spans = [(a, b, "mark")]
    for word in wanted:
        places = [(abs(c_start - a), c_start, c_end) for text, c_start, c_end, _ in found
                  if text.removeprefix("not ") == word and (c_start, c_end, "u") not in spans]
        if places:
            _, c_start, c_end = min(places)
            spans.append((c_start, c_end, "u"))
    return highlight(sentence, spans)


def _reported_note(row) -> str:
    """" (reported: said)" after a mention in reported speech, escaped; "" otherwise."""
    from doculens.reports import escape

    cue = getattr(row, "reported", "")
    return f" <i>(reported: {escape(cue)})</i>" if isinstance(cue, str) and cue else ""


def evidence_html(table: pd.DataFrame):
    """The evidence (:func:`doculens.stance.evidence`) as escaped HTML: per speaker and
    target, its verdict and the sentences against and for, each with its score, kind of
    statement and how the target was found, the target marked and the cue words underlined.
    """
    from doculens.reports import _HTML, escape

    if table.empty:
        return _HTML("<p>No mentions of the targets.</p>")
    blocks = []
    for (speaker, target), g in table.groupby(["speaker", "target"], sort=False):
        verdict = g["speaker_stance"].iloc[0]
        parts = []
        for side, rows in g.groupby("side", sort=False) if "side" in g else [("", g)]:
            items = []
            for r in rows.itertuples(index=False):
                how = " · ".join(escape(str(v)) for v in (getattr(r, "kind", ""), getattr(r, "via", ""))
                                 if isinstance(v, str) and v)
                items.append(
                    f'<li><b>{r.score:+.2f}</b> {escape(r.stance)}{_reported_note(r)}'
                    f'{" · " + how if how else ""} · document {escape(r.doc_id)}, sentence '
                    f'{escape(r.sentence_id)} · <small>characters {int(r.start)}–{int(r.end)}'
                    f'</small><blockquote style="margin:.2em 0 .4em 1.2em">'
                    f'{_marked(r.sentence, r.start, r.mention_start, r.mention_end, r.cues)}'
                    f'</blockquote></li>')
            title = {"against": "Against", "favor": "For"}.get(side, "")
            parts.append((f"<h5>{title}</h5>" if title else "") + f'<ol>{"".join(items)}</ol>')
        blocks.append(
            f'<div class="doculens-stance"><h4>{escape(speaker or "(unattributed)")} on '
            f'{escape(target)}: {escape(verdict)}</h4>{"".join(parts)}</div>')
    return _HTML("".join(blocks))


def targets_html(targets: pd.DataFrame, *, automatic: bool):
    """The targets in use, with their aliases and where they came from, and how to change
    them (the ``targets`` parameter), escaped."""
    from doculens.reports import _HTML, escape

    how = ("<p>Set the <code>targets</code> parameter to choose others: a name "
           "(<code>-p targets \"Jane Doe\"</code>), a list of names, a dict of name → aliases, "
           "or a path to a YAML or JSON file holding one of these.</p>")
    if targets.empty:
        found = "found no person or institution that recurs" if automatic else "has no targets"
        return _HTML(f"<p>This run {found}, so there is no stance to show.</p>{how}")
    rows = "".join(f"<tr><td>{escape(r.target)}</td><td>{escape(r.kind)}</td>"
                   f"<td>{escape(r.aliases)}</td><td>{escape(r.source)}</td></tr>"
                   for r in targets.itertuples(index=False))
    intro = ("Targets found automatically in the transcript" if automatic
             else "Targets given by the <code>targets</code> parameter")
    return _HTML(f"<p>{intro}:</p><table><thead><tr><th>target</th><th>kind</th><th>aliases</th>"
                 f"<th>source</th></tr></thead><tbody>{rows}</tbody></table>{how}")


#: columns of :func:`highlighted`.
VIEW_COLUMNS = ["target", "speaker", "stance", "score", "kind", "via", "sentence", "cues",
                "reported", "doc_id", "sentence_id", "start", "end"]


def highlighted(scored: pd.DataFrame) -> pd.DataFrame:
    """The scored mentions ready to show as HTML: every string escaped and ``sentence`` with
    the mention in ``<mark>`` and its cues in ``<u>``. Columns :data:`VIEW_COLUMNS`.

    >>> from doculens.stance import find_mentions, score_mentions
    >>> s = pd.DataFrame({"sentence_id": [0], "doc_id": [0], "turn_id": [0],
    ...     "speaker": ["<i>K</i>"], "start": [0], "end": [17], "text": ["<b>Xi</b> is evil."]})
    >>> v = highlighted(score_mentions(find_mentions(s, targets={"Xi": ["Xi"]})))
    >>> v["sentence"].iloc[0], v["speaker"].iloc[0]
    ('&lt;b&gt;<mark>Xi</mark>&lt;/b&gt; is <u>evil</u>.', '&lt;i&gt;K&lt;/i&gt;')
    """
    from doculens.reports import escape

    if scored.empty:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in VIEW_COLUMNS})
    view = scored.copy()
    view["sentence"] = [_marked(t, s, a, b, c) for t, s, a, b, c in zip(
        scored["sentence"], scored["sentence_start"], scored["start"], scored["end"],
        scored["cues"])]
    view = view.reindex(columns=VIEW_COLUMNS, fill_value="")
    for col in view.columns:
        if col != "sentence" and not pd.api.types.is_numeric_dtype(view[col]):
            view[col] = view[col].map(lambda v: escape(v) if isinstance(v, str) else v)
    return view.reset_index(drop=True)


def show_mentions(scored: pd.DataFrame, *, caption: str | None = None):
    """An interactive table of the scored mentions, target and cues highlighted.

    Built from :func:`highlighted` (all transcript text escaped there) and rendered by
    itables with ``allow_html=True``.

    Example:
        >>> show_mentions(scored)  # doctest: +SKIP
    """
    from doculens.reports import _HTML, escape, table_html

    view = highlighted(scored)
    return _HTML(table_html(view, caption=escape(caption) if caption else None,
                            name="stance_mentions", allow_html=True),
                 f"{len(view):,} mentions of the targets")
