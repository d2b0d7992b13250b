"""Peak memory of reading odd feeds: one-line feeds in a single-byte encoding and huge non-item
elements. Memory must stay flat: the peak may not grow with the feed's size.

Each case runs ``read_feed`` (read + clean, no store, no analysis) in a fresh subprocess, at two
sizes, and reports peak RSS; growth = peak at the large size / peak at the small size. Ends with
one JSON line.

    python scripts/bench_feed_memory.py [--sizes-mb 20,80]
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHILD = """
import json, resource, sys, time
sys.path.insert(0, sys.argv[2])
from textmine.ingest.feeds import FeedError, FeedInfo, Post, read_feed
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
info = FeedInfo(); posts = 0; error = None; t = time.perf_counter()
try:
    with open(sys.argv[1], "rb") as handle:
        for record in read_feed(handle, info):
            posts += isinstance(record, Post)
except FeedError as exc:
    error = str(exc)
print(json.dumps({"posts": posts, "error": error, "seconds": time.perf_counter() - t,
                  "import_rss_mb": base, "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

ITEM = ("<item><title>Beitrag {i} über Fürsorge</title><guid>p-{i}</guid>"
        "<description>Bürgerschaftliches Engagement für Vereine, Nummer {i}. Grüße!</description></item>")


def _write(path: Path, size_mb: int, case: str) -> None:
    target = size_mb * 1_000_000
    with path.open("wb") as out:
        if case.startswith("one-line"):
            declared, written = {"one-line-latin1": ("ISO-8859-1", "latin-1"),
                                 "one-line-latin1-declared-utf8": ("UTF-8", "cp1252"),
                                 "one-line-utf8-declared-latin1": ("ISO-8859-1", "utf-8")}[case]
            out.write(f'<?xml version="1.0" encoding="{declared}"?><rss version="2.0"><channel><title>T</title>'.encode(written))
            i = 0
            while out.tell() < target:
                out.write("".join(ITEM.format(i=i + k) for k in range(1000)).encode(written))
                i += 1000
            out.write(b"</channel></rss>")
        elif case == "many-channel-elements":
            out.write(b'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" '
                      b'xmlns:wp="http://wordpress.org/export/1.2/"><channel><title>T</title>')
            i = 0
            while out.tell() < target:
                out.write("".join(f"<wp:term><wp:term_id>{i + k}</wp:term_id><wp:term_name>Schlagwort {i + k}</wp:term_name>"
                                  f"<wp:term_description>{'Beschreibung ' * 20}</wp:term_description></wp:term>"
                                  for k in range(1000)).encode())
                i += 1000
            out.write(ITEM.format(i=0).encode() + b"</channel></rss>")
        elif case == "huge-element-between-items":
            out.write(b'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>T</title>')
            out.write(ITEM.format(i=0).encode() + b"<cloud>")
            chunk = ("<node>" + "Daten " * 100 + "</node>").encode()
            while out.tell() < target:
                out.write(chunk * 100)
            out.write(b"</cloud>" + ITEM.format(i=1).encode() + b"</channel></rss>")
        else:
            raise ValueError(case)


CASES = ("one-line-latin1", "one-line-latin1-declared-utf8", "one-line-utf8-declared-latin1",
         "many-channel-elements", "huge-element-between-items")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes-mb", default="20,80")
    parser.add_argument("--cases", default=",".join(CASES))
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes_mb.split(",")]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for case in args.cases.split(","):
            peaks = []
            for size in sizes:
                path = Path(tmp) / f"{case}-{size}.xml"
                _write(path, size, case)
                out = subprocess.run([sys.executable, "-c", CHILD, str(path), str(ROOT)],
                                     capture_output=True, text=True, check=False)
                if out.returncode != 0:
                    sys.exit(f"error: {case} {size} MB: {out.stderr.strip().splitlines()[-1]}")
                data = json.loads(out.stdout.strip().splitlines()[-1])
                path.unlink()
                peaks.append(data["peak_rss_mb"])
                print(f"{case:<32} {size:>5} MB  posts {data['posts']:>7}  {data['seconds']:6.1f} s  "
                      f"peak RSS {data['peak_rss_mb']:7.1f} MB (imports {data['import_rss_mb']:.1f})"
                      + (f"  error: {data['error']}" if data["error"] else ""))
            rows.append({"case": case, "sizes_mb": sizes, "peak_rss_mb": [round(p, 1) for p in peaks],
                         "growth": round(peaks[-1] / peaks[0], 2)})
    print(json.dumps({"rows": rows}))


if __name__ == "__main__":
    main()
