"""Screenshot the HTML report of a corpus database in headless Chromium (for the README).

Prepare the database, then run this script::

    textmine ingest corpus/sample-blog.xml ../shared/corpus/npo-rss.xml --db /tmp/report.sqlite
    textmine topics --k 8 --db /tmp/report.sqlite
    python scripts/screenshot_report.py --db /tmp/report.sqlite --out docs/report.png
    python scripts/screenshot_report.py --db /tmp/report.sqlite --only discourse --size 1280x3700 --out docs/report-discourse.png

Needs Chromium (Debian: ``apt-get install chromium``).
"""
from __future__ import annotations

import argparse
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from textmine.report.browser import find_browser, open_in_browser  # noqa: E402
from textmine.report.build import ReportError, build_report  # noqa: E402


def only_section(html_path: Path, section: str, out: Path) -> Path:
    """A copy of the report whose main part is one section (head, styles and script kept)."""
    page = html_path.read_text(encoding="utf-8")
    found = re.search(rf'<section id="{re.escape(section)}">.*?</section>\n', page, flags=re.DOTALL)
    if found is None:
        raise ReportError(f"the report has no section {section!r}")
    start, end = page.index("<main>") + len("<main>\n"), page.index("</main>")
    out.write_text(page[:start] + found.group(0) + page[end:], encoding="utf-8")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="textmine.sqlite", help="corpus database (default: ./textmine.sqlite)")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "report.png", help="PNG to write")
    parser.add_argument("--html", type=Path, help="also keep the report here (default: a temporary file)")
    parser.add_argument("--run", type=int, help="topic run to show (default: the latest)")
    parser.add_argument("--only", default=None, help="show only this section of the report, e.g. discourse")
    parser.add_argument("--size", default="1280x2000", help="browser window WIDTHxHEIGHT (default 1280x2000)")
    args = parser.parse_args(argv)
    if find_browser() is None:
        print("error: no Chromium found (Debian: apt-get install chromium)", file=sys.stderr)
        return 3
    if not Path(args.db).exists():
        print(f"error: no database at {args.db} (see this script's docstring for how to build one)", file=sys.stderr)
        return 3
    width, height = (int(part) for part in args.size.lower().split("x"))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="textmine-report-") as tmp:
        html_path = args.html or Path(tmp) / "report.html"
        try:
            build_report(args.db, html_path, run=args.run)
            if args.only:
                html_path = only_section(html_path, args.only, Path(tmp) / "section.html")
            result = open_in_browser(html_path, screenshot=args.out, window=(width, height))
        except ReportError as error:
            print(f"error: {error}", file=sys.stderr)
            return 1
    if result.console_messages:
        print("error: the report logged to the browser console:\n" + "\n".join(result.console_messages), file=sys.stderr)
        return 1
    print(f"wrote {args.out} ({args.out.stat().st_size / 1024:.0f} KiB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
