"""Report pages: offline, titled, linked, and sharing one table bundle."""

import re

import nbformat
import pandas as pd

from doculens.pages import ASSETS, render_page, sign_notebook, title_of


def _executed(path, markdown="Prices rose from $71 to $129 billion."):
    """A notebook as papermill leaves it: markdown, a setup cell's itables bundle and a table."""
    from itables import to_html_datatable
    from itables.javascript import generate_init_offline_itables_html
    from itables.options import dt_bundle

    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    setup = nbformat.v4.new_code_cell("reports.setup_notebook()")
    setup.outputs = [nbformat.v4.new_output("display_data",
                                            data={"text/html": generate_init_offline_itables_html(dt_bundle)})]
    table = nbformat.v4.new_code_cell("reports.show_table(df)")
    table.outputs = [nbformat.v4.new_output("execute_result", execution_count=1, data={
        "text/html": to_html_datatable(pd.DataFrame({"a": [1]}), connected=False),
        "text/plain": "   a\n0  1"})]
    nb.cells = [nbformat.v4.new_markdown_cell(markdown), setup, table]
    nbformat.write(nb, path)
    return path


def test_title_of():
    assert title_of("01_segmentation") == "01 · Segmentation"
    assert title_of("04_numeric_claims") == "04 · Numeric claims"


def test_pages_load_nothing_from_the_network_and_share_one_bundle(tmp_path):
    nbs = tmp_path / "notebooks"
    nbs.mkdir()
    pages = []
    for stem in ("01_segmentation", "02_sentiment"):
        executed = _executed(nbs / f"{stem}.ipynb")
        pages.append(render_page(executed, tmp_path, run_name="my <run>", inputs=["/data/a.txt"],
                                 pages=["01_segmentation", "02_sentiment"]))
    bundle = tmp_path / ASSETS
    assert bundle.exists() and bundle.stat().st_size > 100_000
    for page in pages:
        html = page.read_text(encoding="utf-8")
        # nothing a browser would fetch from elsewhere: no script, stylesheet or frame URL
        assert not re.search(r'<(?:script|link|iframe|img)[^>]+(?:src|href)="(?:https?:)?//', html)
        assert "mathjax" not in html.lower() and "require.min.js" not in html
        assert f'<script src="{ASSETS}"></script>' in html
        assert len(html) < bundle.stat().st_size  # the bundle is not in the page
        assert "$71 to $129 billion" in html  # dollars stay dollars
        assert "<title>" in html and "my &lt;run&gt;</title>" in html  # escaped run name
        assert 'href="index.html"' in html and 'href="02_sentiment.html"' in html
        assert "/data/a.txt" not in html and "a.txt" in html  # inputs named, no local paths
    assert re.search(r'aria-current="page"[^>]*>01 · Segmentation<', pages[0].read_text(encoding="utf-8"))


def test_signed_notebooks_are_trusted(tmp_path):
    from nbformat.sign import NotebookNotary

    executed = _executed(tmp_path / "03_stance.ipynb")
    sign_notebook(executed)
    assert NotebookNotary().check_signature(nbformat.read(executed, as_version=4))
