"""The reports as a reader sees them: every page of a seed report and of a debate report,
loaded in headless Chromium (Debian's package; `.ci/run` installs it where it can).

Checks, per page: no request leaves the machine (Chromium's network log), no console error
or uncaught exception, no visible "NaN" or literal "\\n" in the rendered tables, no element
wider than a 1,280 px viewport, a title and the navigation; and on the seed, "$71 to $129
billion" as written. Screenshots are saved under each report's `screenshots/` for review.
Skipped, with the reason, where Chromium is not installed.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import FIXTURES
from test_runner import doculens

VIEWPORT = 1280
BROWSERS = ("chromium", "chromium-browser", "google-chrome")
# Chromium's own traffic (updates, sync, safe browsing) is switched off, as on the probe.
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-default-apps", "--disable-extensions", "--hide-scrollbars",
         f"--window-size={VIEWPORT},1600", "--virtual-time-budget=15000",
         # no name resolves: a request the page makes is recorded, and goes nowhere
         "--host-resolver-rules=MAP * ~NOTFOUND"]
# Measures the page once its tables have been drawn: errors caught from the start, the
# widest element, and the text of every table cell.
PROBE_HEAD = """<script>window.__doculens_errors = [];
window.addEventListener('error', e => window.__doculens_errors.push(String(e.message)));
const __doculens_error = console.error;
console.error = function (...args) { window.__doculens_errors.push(args.join(' ')); __doculens_error(...args); };
</script>"""
PROBE_BODY = """<script>setTimeout(() => {
  let widest = 0, culprit = '';
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if (r.width > 0 && r.right > widest) { widest = r.right; culprit = el.tagName + '.' + el.className; }
  }
  const cells = [...document.querySelectorAll('td')].filter(td => td.offsetParent !== null)
                  .map(td => td.innerText);
  const out = document.createElement('pre');
  out.id = 'doculens-probe';
  out.textContent = JSON.stringify({errors: window.__doculens_errors, widest, culprit,
    scroll: document.documentElement.scrollWidth, cells,
    tables: document.querySelectorAll('.dt-container').length});
  document.body.appendChild(out);
}, 8000);</script>"""


def _browser() -> str | None:
    return next((path for name in BROWSERS if (path := shutil.which(name))), None)


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    if _browser() is None:
        pytest.skip("Chromium is not installed (Debian package `chromium`; .ci/run installs it "
                    "where apt-get works)")
    base = tmp_path_factory.mktemp("browser")
    made = {}
    for name, inputs in (("seed", [FIXTURES / "seed.txt"]),
                         ("debate", [FIXTURES / "debate_stance.txt"])):
        out = base / name
        proc = doculens("run", *inputs, "--out", out, "--jobs", "2", "--cache-dir", base / "cache",
                        env={"CI": "true"})
        assert proc.returncode == 0, proc.stderr
        made[name] = out
    return made


def _load(page: Path, work: Path) -> tuple[dict, list[str]]:
    """Open an instrumented copy of ``page`` (same folder, so relative links hold); return
    the probe's measures and the URLs Chromium requested."""
    html = page.read_text(encoding="utf-8")
    probe = page.with_name(f".probe-{page.name}")
    probe.write_text(html.replace("<head>", "<head>" + PROBE_HEAD, 1)
                     .replace("</body>", PROBE_BODY + "</body>", 1), encoding="utf-8")
    netlog = work / f"{page.stem}.netlog.json"
    try:
        proc = subprocess.run([_browser(), *FLAGS, f"--user-data-dir={work / 'profile'}",
                               f"--log-net-log={netlog}", "--dump-dom", probe.as_uri()],
                              capture_output=True, text=True, timeout=180)
    finally:
        probe.unlink()
    found = re.search(r'<pre id="doculens-probe">(.*?)</pre>', proc.stdout, re.S)
    assert found, f"{page.name}: the page never finished drawing: {proc.stderr[-500:]}"
    import html as htmllib

    measures = json.loads(htmllib.unescape(found.group(1)))
    return measures, _page_requests(netlog)


def _page_requests(netlog: Path) -> list[str]:
    """URLs the page asked the network for: URL_REQUEST_START_JOB events the page initiated
    (Chromium's own update and time checks have the initiator "not an origin")."""
    if not netlog.exists():
        return []
    log = json.loads(netlog.read_text(encoding="utf-8", errors="replace") or "{}")
    kinds = {v: k for k, v in log.get("constants", {}).get("logEventTypes", {}).items()}
    return [e["params"].get("url", "?") for e in log.get("events", [])
            if kinds.get(e.get("type")) == "URL_REQUEST_START_JOB"
            and e.get("params", {}).get("initiator") != "not an origin"]


def _screenshot(page: Path, target: Path, work: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run([_browser(), *FLAGS, f"--user-data-dir={work / 'profile'}",
                    f"--screenshot={target}", page.as_uri()],
                   capture_output=True, timeout=180)


@pytest.mark.slow
@pytest.mark.parametrize("report", ["seed", "debate"])
def test_every_page_reads_well_in_a_browser(reports, report, tmp_path):
    out = reports[report]
    pages = sorted(out.glob("[0-9][0-9]_*.html"))
    assert len(pages) == 5  # the overview and four analyses
    index = (out / "index.html").read_text(encoding="utf-8")
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert re.search(r"<title>\d\d · [^<]+ · [^<]+</title>", html), page.name
        assert 'class="doculens-nav"' in html and 'href="index.html"' in html
        assert all(f'href="{other.name}"' in html for other in pages)
        assert f'href="{page.name}"' in index
        measures, urls = _load(page, tmp_path)
        remote = [u for u in urls if re.match(r"(?:https?|wss?|ftp)://", u)]
        assert remote == [], f"{page.name} requested {remote[:3]}"
        assert measures["errors"] == [], f"{page.name}: {measures['errors'][:3]}"
        assert measures["tables"] > 0, f"{page.name}: no interactive table was drawn"
        assert measures["widest"] <= VIEWPORT and measures["scroll"] <= VIEWPORT, \
            f"{page.name}: {measures['culprit']} reaches {measures['widest']:.0f} px"
        cells = " | ".join(measures["cells"])
        assert not re.search(r"(?<![A-Za-z])NaN(?![A-Za-z])", cells), page.name
        assert "\\n" not in cells, page.name
        if report == "seed" and page.stem == "04_numeric_claims":
            assert "$71 to $129 billion" in cells
        _screenshot(page, out / "screenshots" / f"{page.stem}.png", tmp_path)
        assert (out / "screenshots" / f"{page.stem}.png").exists()
