"""The overview's rows link to each document's decoded source text, and the linked table
escapes every cell (a transcript is data)."""

from __future__ import annotations

import json
import re

import pandas as pd

from conftest import FIXTURES

from doculens import overview, reports
from doculens.workbook import build


def test_a_linked_table_escapes_every_cell_and_links_the_source():
    df = pd.DataFrame({"doc_id": [1], "source": ["a <b>.txt"], "source_file": ["sources/a <b>.txt"],
                       "title": ["<script>alert(1)</script>"]})
    html = reports.table_html(df, links={"source": "source_file"})
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert '<a href="sources/a%20%3Cb%3E.txt">a &lt;b&gt;.txt</a>' in html
    assert "source_file" not in html  # the href column itself is not shown
    # the column options count the columns shown (an index past the last one hangs
    # DataTables in a browser)
    for targets in re.findall(r'"targets": (\[[0-9, ]*\])', html):
        assert max(json.loads(targets), default=0) < 4


def test_hidden_columns_of_a_linked_table_exist():
    df = pd.DataFrame({c: ["x"] for c in "abcdefghijkl"}).assign(href=["sources/x.txt"])
    html = reports.table_html(df, links={"a": "href"})
    targets = [t for found in re.findall(r'"targets": (\[[0-9, ]*\])', html) for t in json.loads(found)]
    assert targets and max(targets) == 11  # 12 columns shown, the last one hidden by default


def test_each_overview_row_names_the_file_its_source_link_opens(tmp_path):
    wb = build([FIXTURES / "debate.txt", FIXTURES / "talk.vtt"])
    table = overview.documents(wb)
    reports.save_texts(wb.texts, tmp_path)
    assert list(table["source_file"]) == [reports.source_file(s) for s in table["source"]]
    for rel in table["source_file"]:
        assert (tmp_path / rel).is_file()
    # offsets index the linked text
    for row in table.itertuples():
        text = (tmp_path / row.source_file).read_text(encoding="utf-8")
        assert text == wb.texts[row.source] and 0 <= row.start < row.end <= len(text)
