"""The HTML memo in a real browser: Debian's Chromium prints it to A4 PDF, and axe-core, run inside
the page, finds no violation of WCAG 2.1 A/AA or of its best practices.

Both tools come from `.ci/run` (apt-get chromium, npm axe-core); without them these tests skip.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from kansencoach.core.draft.export import to_html

from export_cases import EXAMPLES, example

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
RUNNER = """
<script>
axe.run(document, {runOnly: {type: "tag", values: %s}}).then(function (result) {
  var out = document.createElement("pre");
  out.id = "axe-result";
  out.textContent = JSON.stringify(result.violations.map(function (v) {
    return {id: v.id, help: v.help, nodes: v.nodes.map(function (n) { return n.target.join(" "); })};
  }));
  document.body.appendChild(out);
});
</script>
"""

pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="chromium is not installed (apt-get install chromium)"
)


def axe_script() -> Path | None:
    npm = shutil.which("npm")
    if npm is None:
        return None
    root = subprocess.run([npm, "root", "-g"], capture_output=True, text=True, timeout=60, check=False)
    path = Path(root.stdout.strip()) / "axe-core" / "axe.min.js"
    return path if path.is_file() else None


def chromium(*arguments: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    with tempfile.TemporaryDirectory() as profile:
        return subprocess.run(
            [
                CHROMIUM,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                f"--user-data-dir={profile}",
                *arguments,
            ],
            capture_output=True,
            text=True,
            timeout=180,
            check=False,
        )


def test_chromium_prints_the_vve_memo_to_a4_pages(tmp_path: Path) -> None:
    _, _, draft, meta = example("voorstel", tmp_path / "store.db")
    page = tmp_path / "voorstel.html"
    page.write_text(to_html(draft, meta), encoding="utf-8")
    pdf = tmp_path / "voorstel.pdf"
    result = chromium("--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri())
    assert pdf.is_file(), result.stderr
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    sizes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", data)
    assert sizes and all(abs(float(w) - 595) < 2 and abs(float(h) - 842) < 2 for w, h in sizes)
    # six main sections, each starting on a new page (print stylesheet)
    assert len(re.findall(rb"/Type\s*/Page\b", data)) >= 6
    png = tmp_path / "voorstel.png"
    chromium("--window-size=1000,1400", f"--screenshot={png}", page.as_uri())
    assert png.is_file() and png.stat().st_size > 10_000


@pytest.mark.parametrize("case", sorted(EXAMPLES))
def test_axe_finds_no_wcag_or_best_practice_violation(case: str, tmp_path: Path) -> None:
    script = axe_script()
    if script is None:
        pytest.skip("axe-core is not installed (npm install -g axe-core)")
    _, _, draft, meta = example(case, tmp_path / "store.db")
    page = to_html(draft, meta)
    injected = f"<script>{script.read_text(encoding='utf-8')}</script>{RUNNER % json.dumps(AXE_TAGS)}"
    path = tmp_path / "axe.html"
    path.write_text(page.replace("</body>", injected + "</body>"), encoding="utf-8")
    result = chromium("--virtual-time-budget=30000", "--dump-dom", path.as_uri())
    found = re.search(r'<pre id="axe-result">(.*?)</pre>', result.stdout, re.DOTALL)
    assert found is not None, "axe did not report: " + result.stderr[-2000:]
    import html

    violations = json.loads(html.unescape(found.group(1)))
    assert violations == [], json.dumps(violations, ensure_ascii=False, indent=2)
