"""Report pages a reader trusts: offline HTML with a title, a header and links to every page.

Each executed notebook becomes ``<out>/<name>.html`` through the template in
``doculens/templates/doculens`` (JupyterLab's page with no script from the network: no
require.js, no MathJax, no mermaid). The interactive tables' bundle (itables and
DataTables, about 1 MB) is written once per report, as ``assets/itables.js``, and every page
loads it from there instead of carrying its own copy. The executed notebooks are signed, so
that JupyterLab trusts their outputs.

Example:
    >>> title_of("03_stance")
    '03 · Stance'
"""

from __future__ import annotations

import re
from pathlib import Path

__all__ = ["TEMPLATE_DIR", "ASSETS", "title_of", "render_page", "share_table_bundle",
           "sign_notebook"]

TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"
TEMPLATE = "doculens"
#: where the shared table bundle is written, relative to the report folder
ASSETS = "assets/itables.js"
# the offline itables initialisation: two base64 literals, the CSS and the JS module
_INJECT = re.compile(r'injectCSS\("(?P<css>[A-Za-z0-9+/=]+)"\);(?P<between>\s*window\.\w+\s*=\s*)'
                     r'injectModule\("(?P<js>[A-Za-z0-9+/=]+)"\)')


def title_of(stem: str) -> str:
    """A page's title from its notebook's file name ("03_stance" -> "03 · Stance")."""
    number, _, rest = stem.partition("_")
    words = rest.replace("_", " ").strip()
    return f"{number} · {words[:1].upper()}{words[1:]}" if words else stem


def share_table_bundle(page: str, out_dir: Path) -> str:
    """Move the page's inline table bundle to ``<out_dir>/assets/itables.js`` (written once)
    and load it from there. A classic script, which browsers also load from ``file://``;
    the module is still imported from a blob as itables does. Pages without tables are
    returned unchanged."""
    m = _INJECT.search(page)
    if not m:
        return page
    target = Path(out_dir) / ASSETS
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("// itables and DataTables (MIT), shared by the pages of this report\n"
                          f'window.doculensItables = {{css: "{m.group("css")}", js: "{m.group("js")}"}};\n',
                          encoding="utf-8")
    replaced = (page[:m.start()] + "injectCSS(window.doculensItables.css);" + m.group("between")
                + "injectModule(window.doculensItables.js)" + page[m.end():])
    # the asset must load before the initialisation script that uses it
    script_start = replaced.rfind("<script", 0, m.start())
    return (replaced[:script_start] + f'<script src="{ASSETS}"></script>\n'
            + replaced[script_start:])


def render_page(executed: Path, out_dir: Path, *, run_name: str, inputs: list[str],
                pages: list[str]) -> Path:
    """Render an executed notebook to ``<out_dir>/<stem>.html``: no code, no prompts, a
    title naming the notebook and the run, a header naming the run and its inputs, and
    links to the index and to every page (``pages``: the notebook stems of the report)."""
    import nbformat
    from nbconvert import HTMLExporter

    nb = nbformat.read(executed, as_version=4)
    nb.metadata["title"] = f"{title_of(executed.stem)} · {run_name}"
    exporter = HTMLExporter(template_name=TEMPLATE, extra_template_basedirs=[str(TEMPLATE_DIR)],
                            exclude_input=True, exclude_input_prompt=True,
                            exclude_output_prompt=True)
    links = [(f"{stem}.html", title_of(stem), stem == executed.stem) for stem in pages]
    resources = {"doculens": {"run_name": run_name, "inputs": [Path(i).name for i in inputs],
                              "pages": links, "index": "index.html"}}
    body, _ = exporter.from_notebook_node(nb, resources=resources)
    body = share_table_bundle(body, out_dir)
    target = Path(out_dir) / f"{executed.stem}.html"
    target.write_text(body, encoding="utf-8")
    return target


def sign_notebook(path: Path) -> None:
    """Sign an executed notebook with the user's Jupyter key, so that JupyterLab trusts its
    outputs (interactive tables instead of a static preview)."""
    import nbformat
    from nbformat.sign import NotebookNotary

    nb = nbformat.read(path, as_version=4)
    NotebookNotary().sign(nb)
