"""Show tables in notebooks and HTML reports, and write them as tidy CSV and Parquet.

Tables are shown with itables (searchable, sortable, working offline in JupyterLab and in
the exported HTML). itables escapes cell text, and every HTML fragment built here goes
through :func:`html.escape`: a transcript is data, never markup.

Example:
    >>> import pandas as pd
    >>> html_out = table_html(pd.DataFrame({"text": ["<b>hi</b>"]}))
    >>> "<b>hi</b>" in html_out, "&lt;b&gt;hi&lt;/b&gt;" in html_out
    (False, True)
"""

from __future__ import annotations

import html
import os
import shutil
import re
from pathlib import Path

import pandas as pd

# Largest table (in bytes of data) shown whole; itables samples larger ones down. Our choice:
# the seed's sentences table is about 150 kB and must be shown whole.
MAX_TABLE_BYTES = 4_000_000
# Rows per page in interactive tables.
PAGE_LENGTH = 10
# Resolution of figures in notebooks and reports: sharp on screen, and cheap to render.
FIGURE_DPI = 90


# Significant digits shown for non-integral numbers in tables.
SIGNIFICANT_DIGITS = 6
# Whole numbers up to this size are written out in full with thousands separators.
LARGEST_WRITTEN_OUT = 1e16


def format_number(value: float) -> str:
    """How tables show a float: whole numbers in full with separators, others to six digits.

    Example:
        >>> format_number(1.7e12), format_number(0.333333333), format_number(80.0)
        ('1,700,000,000,000', '0.333333', '80')
    """
    if value != value:  # NaN
        return ""
    if float(value).is_integer() and abs(value) < LARGEST_WRITTEN_OUT:
        return f"{value:,.0f}"
    return f"{value:,.{SIGNIFICANT_DIGITS}g}"


def setup_notebook(*, interactive: bool = True) -> None:
    """Prepare a notebook: offline itables (the JS is embedded, so HTML reports work without
    network), one seaborn theme for every plot, and readable numbers in tables.

    Example:
        >>> setup_notebook()  # doctest: +SKIP
    """
    import matplotlib
    import seaborn as sns

    sns.set_theme(style="whitegrid", context="notebook")
    pd.set_option("display.float_format", format_number)  # no "1.700000e+12" in tables
    matplotlib.rcParams["figure.dpi"] = FIGURE_DPI
    try:  # figures are laid out by doculens.plots; skip the inline backend's second "tight" pass
        from IPython import get_ipython

        shell = get_ipython()
        if shell is not None:
            shell.run_line_magic("config", "InlineBackend.print_figure_kwargs = {'bbox_inches': None}")
    except ImportError:
        pass
    if interactive:
        import itables

        itables.init_notebook_mode(all_interactive=False, connected=False)
        itables.options.maxBytes = MAX_TABLE_BYTES
        itables.options.pageLength = PAGE_LENGTH


class _HTML:
    """A fragment of HTML a notebook cell displays as its result; ``text`` is its plain-text
    form (what a terminal, a text export or ``print`` shows)."""

    def __init__(self, markup: str, text: str | None = None):
        self.markup = markup
        self.text = text

    def _repr_html_(self) -> str:
        return self.markup

    def __repr__(self) -> str:
        if self.text is not None:
            return self.text
        return html.unescape(re.sub(r"<[^>]+>", " ", self.markup)).strip()

    def __str__(self) -> str:
        return self.markup


#: columns shown by default (the rest one click away, under "Column visibility")
COMPACT_COLUMNS = 8
#: columns never among the compact default: offsets and bookkeeping a reader seldom needs
QUIET_COLUMNS = frozenset({"start", "end", "sentence_start", "sentence_end", "mention_start",
                           "mention_end", "start_time", "end_time", "source", "evidence_sentence_ids",
                           "first_sentence_id", "last_sentence_id", "restatement_group", "iso",
                           "low", "high", "per", "n_in_sentence", "vocative", "mention_score"})
#: integer-like columns written without thousands separators (ids, years, offsets)
PLAIN_NUMBER = re.compile(r"(?:^|_)(?:id|ids|year|years|start|end|rank|group)$")
#: a text column wraps, at this minimum width
TEXT_MIN_WIDTH = "16em"
#: rows shown at most when a table is larger than the interactive limit
PREVIEW_ROWS = 2000


def _display_frame(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``df`` for the eye: ids, years and offsets without separators, numbers
    formatted, missing values blank, line breaks as spaces."""
    out = pd.DataFrame(index=df.index)
    for column in df.columns:
        values = df[column]
        if pd.api.types.is_bool_dtype(values):
            out[column] = values.map(lambda v: "" if pd.isna(v) else ("yes" if v else "no"))
        elif pd.api.types.is_numeric_dtype(values):
            plain = bool(PLAIN_NUMBER.search(str(column)))
            out[column] = values.map(lambda v: "" if pd.isna(v) else (
                str(int(v)) if plain and float(v).is_integer() else format_number(float(v))))
        else:
            out[column] = values.map(_cell_text)
    return out


def _cell_text(value) -> str:
    """A text cell for the eye: lists joined with "; " (an empty item as "—"), line breaks
    as spaces, missing values blank."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, (list, tuple)):
        return "; ".join(_cell_text(v) or "—" for v in value)
    if not isinstance(value, str):
        value = str(value)
    return " ".join(value.split())


def _compact(df: pd.DataFrame) -> list[int]:
    """Indexes of the columns hidden by default: beyond the first :data:`COMPACT_COLUMNS`
    columns that are not in :data:`QUIET_COLUMNS`."""
    shown = [i for i, c in enumerate(df.columns) if c not in QUIET_COLUMNS][:COMPACT_COLUMNS]
    return [i for i in range(len(df.columns)) if i not in shown]


def table_html(df: pd.DataFrame, *, caption: str | None = None, name: str | None = None,
               allow_html: bool = False, links: dict[str, str] | None = None) -> str:
    """HTML for an interactive, escaped table.

    A compact set of columns shows first (the rest under "Column visibility"); text columns
    are left-aligned and wrap; ids and years have no separators; missing values are blank;
    a click on a header sorts. A table larger than the interactive limit shows its first
    rows with a note pointing to the full file (``tables/<name>.csv``).

    Example:
        >>> "datatable" in table_html(pd.DataFrame({"a": [1]})).lower()
        True
    """
    from itables import to_html_datatable

    note = ""
    shown = df
    if len(df) > PREVIEW_ROWS and df.memory_usage(deep=True).sum() > MAX_TABLE_BYTES:
        shown = df.head(PREVIEW_ROWS)
        where = f"<code>tables/{escape(name)}.csv</code> and <code>.parquet</code>" if name else "the table files"
        note = (f'<p class="doculens-note">Showing the first {PREVIEW_ROWS:,} of {len(df):,} rows; '
                f"every row is in {where}.</p>")
    view = _display_frame(shown)  # (with allow_html the caller has escaped every cell)
    if links:  # every cell escaped here; the linked ones wrapped in <a href>
        view = _linked(view, shown, links)
        shown = shown[list(view.columns)]  # (the href columns are not shown)
        allow_html = True
    hidden = _compact(shown)
    text = [i for i, c in enumerate(shown.columns) if not pd.api.types.is_numeric_dtype(shown[c])
            and not pd.api.types.is_bool_dtype(shown[c])]
    column_defs = [{"targets": text, "className": "dt-left", "width": TEXT_MIN_WIDTH}]
    if hidden:
        column_defs.append({"targets": hidden, "visible": False})
    options = dict(caption=caption, connected=False, maxBytes=0, pageLength=PAGE_LENGTH,
                   classes="display compact", columnDefs=column_defs, autoWidth=False,
                   text_in_header_can_be_selected=False, allow_html=allow_html,
                   style="table-layout:auto;width:100%;margin:0")
    if hidden:
        options["buttons"] = [{"extend": "colvis", "text": f"Columns ({len(hidden)} more)"}]
        options["layout"] = {"topStart": "buttons", "topEnd": "search"}
    return note + to_html_datatable(view, **options)


def _linked(view: pd.DataFrame, df: pd.DataFrame, links: dict[str, str]) -> pd.DataFrame:
    """``view`` with every cell escaped and each column of ``links`` (column -> column of
    relative hrefs) a link; a link column itself is not shown."""
    from urllib.parse import quote

    out = view.apply(lambda col: col.map(escape))
    for column, href in links.items():
        out[column] = [f'<a href="{escape(quote(str(h)))}">{v}</a>' if isinstance(h, str) and h else v
                       for v, h in zip(out[column], df[href])]
    return out.drop(columns=[h for h in links.values() if h in out and h not in links])


def show_table(df: pd.DataFrame, *, caption: str | None = None, name: str | None = None,
               links: dict[str, str] | None = None) -> _HTML:
    """Display ``df`` as a searchable, sortable table (the cell's result); its plain-text
    form is the first rows as text. ``links`` maps a column to the column of relative
    hrefs it links to (``{"source": "source_file"}``); the href column is not shown.

    Example:
        >>> print(repr(show_table(pd.DataFrame({"doc_id": [2020], "text": ["a  b"]}))))
          doc_id text
        0   2020  a b
    """
    text = _display_frame(df.head(10)).to_string()
    if len(df) > 10:
        text += f"\n… {len(df):,} rows in all"
    return _HTML(table_html(df, caption=caption, name=name, links=links), text)


def escape(text: str) -> str:
    """Escape transcript text for HTML."""
    return html.escape(str(text), quote=True)


def highlight(text: str, spans: list[tuple], *, tag: str = "mark") -> str:
    """Escaped HTML of ``text`` with the given ``(start, end)`` spans wrapped in ``<mark>``
    (or ``tag``); a span ``(start, end, tag)`` names its own tag. Overlapping spans after
    the first, and spans before the text, are left out.

    Example:
        >>> highlight("a <b> 80%", [(6, 9)])
        'a &lt;b&gt; <mark>80%</mark>'
        >>> highlight("Xi is bad", [(0, 2), (6, 9, "u")])
        '<mark>Xi</mark> is <u>bad</u>'
    """
    out, pos = [], 0
    for start, end, *own in sorted(spans):
        if start < pos or start < 0:
            continue
        tag_here = own[0] if own else tag
        out.append(escape(text[pos:start]))
        out.append(f"<{tag_here}>{escape(text[start:end])}</{tag_here}>")
        pos = end
    out.append(escape(text[pos:]))
    return "".join(out)


#: a table of more rows than this is written as a partitioned Parquet dataset (a folder).
LARGE_TABLE_ROWS = 100_000
#: rows per part of a partitioned table (cut at a document boundary when it has doc_id).
PART_ROWS = 50_000


def save_tables(tables: dict[str, pd.DataFrame], out_dir: str | Path) -> pd.DataFrame:
    """Write each table as ``<out_dir>/tables/<name>.csv`` and ``.parquet``; list the files.

    CSV is UTF-8 without the index. A table of more than :data:`LARGE_TABLE_ROWS` rows is
    written as a partitioned Parquet dataset: ``<name>.parquet`` is then a folder of parts
    of about :data:`PART_ROWS` rows, each holding whole documents, which
    ``pandas.read_parquet`` reads whole or filtered (``filters=[("doc_id", "==", 7)]``
    reads only the parts that hold document 7) and Dask reads lazily
    (``dask.dataframe.read_parquet``). Each file is written under a temporary name and then
    moved into place, so a reader never sees half a table.

    Example:
        >>> save_tables({"documents": pd.DataFrame({"doc_id": [1]})}, "/tmp/doculens-doc")  # doctest: +SKIP
    """
    out_dir = Path(out_dir)
    folder = out_dir / "tables"
    folder.mkdir(parents=True, exist_ok=True)
    rows = []
    for name, table in tables.items():
        parquet = _write_parts if len(table) > LARGE_TABLE_ROWS else (
            lambda p, t: t.to_parquet(p, index=False))
        for suffix, writer in ((".csv", lambda p, t: t.to_csv(p, index=False)), (".parquet", parquet)):
            path = folder / f"{name}{suffix}"
            tmp = path.with_name(f".{path.name}.tmp")
            writer(tmp, table)
            if path.is_dir() and not path.is_symlink():  # a dataset this report wrote before
                shutil.rmtree(path)
            os.replace(tmp, path)
            rows.append((name, path.relative_to(out_dir).as_posix(), len(table), len(table.columns)))
    return pd.DataFrame(rows, columns=["table", "file", "rows", "columns"])


def _write_parts(folder: Path, table: pd.DataFrame) -> None:
    """``table`` as a folder of Parquet parts of about :data:`PART_ROWS` rows, cut where
    ``doc_id`` changes (when the table has it), numbered in row order."""
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir()
    cuts, n = [0], len(table)
    docs = table["doc_id"].to_numpy() if "doc_id" in table else None
    while cuts[-1] < n:
        end = min(cuts[-1] + PART_ROWS, n)
        if docs is not None and end < n:
            later = end
            while later < n and docs[later] == docs[later - 1]:
                later += 1
            end = later
        cuts.append(end)
    for k, (a, b) in enumerate(zip(cuts, cuts[1:])):
        table.iloc[a:b].to_parquet(folder / f"part-{k:05d}.parquet", index=False)


def source_file(name: str) -> str:
    """Where :func:`save_texts` writes the decoded text of source ``name``, relative to the
    report folder.

    >>> source_file("debates/2016.srt")
    'sources/debates__2016.srt.txt'
    """
    path = name.replace("/", "__")
    if not path.lower().endswith(".txt"):
        path += ".txt"
    return f"sources/{path}"


def save_texts(texts: dict[str, str], out_dir: str | Path) -> pd.DataFrame:
    """Save the decoded source texts (the ones all offsets index) under ``<out_dir>/sources``.

    Example:
        >>> save_texts({"a.txt": "Ann: Hi."}, "/tmp/doculens-doc")  # doctest: +SKIP
    """
    out_dir = Path(out_dir)
    folder = out_dir / "sources"
    folder.mkdir(parents=True, exist_ok=True)
    rows = []
    for name, text in texts.items():
        path = out_dir / source_file(name)
        path.write_text(text, encoding="utf-8", newline="\n")
        rows.append((name, path.relative_to(out_dir).as_posix(), len(text)))
    return pd.DataFrame(rows, columns=["source", "file", "characters"])


def failures_note(failures: pd.DataFrame) -> _HTML:
    """An escaped note listing input files that could not be read (empty when none).

    Example:
        >>> str(failures_note(pd.DataFrame({"path": ["x.srt"], "problem": ["bad <timestamp>"]})))
        '<div class="doculens-failures"><b>Inputs not read:</b><ul><li><code>x.srt</code>: bad &lt;timestamp&gt;</li></ul></div>'
    """
    if failures is None or failures.empty:
        return _HTML("<p>All inputs were read.</p>")
    items = "".join(f"<li><code>{escape(p)}</code>: {escape(m)}</li>"
                    for p, m in zip(failures["path"], failures["problem"]))
    return _HTML(f'<div class="doculens-failures"><b>Inputs not read:</b><ul>{items}</ul></div>')
