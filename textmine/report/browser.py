"""Open the report in a headless browser (screenshots for the docs and the page tests)."""
from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from textmine.report.build import ReportError

# -- headless browser ------------------------------------------------------------------------------
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")

def find_browser() -> str | None:
    """A headless-capable Chromium on PATH, or None."""
    return next((path for path in map(shutil.which, BROWSERS) if path), None)

@dataclass
class BrowserResult:
    returncode: int
    dom: str
    log: str

    @property
    def console_messages(self) -> list[str]:
        """What the page wrote to the console: uncaught errors, CSP refusals, console.* calls.

        Chromium logs every console message at INFO level, so the report (which logs nothing)
        must produce none."""
        return [line for line in self.log.splitlines() if re.search(r":CONSOLE[:(]|Uncaught|Refused to", line)]

def open_in_browser(html_path: str | Path, *, screenshot: str | Path | None = None, fragment: str = "",
                    window: tuple[int, int] = (1280, 2000), timeout: int = 90, browser: str | None = None) -> BrowserResult:
    """Load the file in headless Chromium: the DOM after scripts ran, the console log, a screenshot.

    The browser gets a throwaway profile and no network features, so nothing leaves the machine."""
    browser = browser or find_browser()
    if browser is None:
        raise ReportError("no Chromium found: install it (Debian: apt-get install chromium)")
    url = Path(html_path).resolve().as_uri() + (f"#{fragment}" if fragment else "")
    with tempfile.TemporaryDirectory(prefix="textmine-chromium-") as profile:
        base = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-extensions",
                "--disable-dev-shm-usage", f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0",
                f"--window-size={window[0]},{window[1]}", "--hide-scrollbars", "--virtual-time-budget=5000"]
        returncode, dom, log = _run(base + ["--dump-dom", url], timeout)
        if screenshot is not None:
            code, _, shot_log = _run(base + [f"--screenshot={Path(screenshot).resolve()}", url], timeout)
            log += shot_log
            if code != 0 or not Path(screenshot).exists():
                raise ReportError(f"chromium could not take the screenshot (exit {code}): {shot_log.strip()[-300:]}")
    return BrowserResult(returncode, dom, log)

def _run(command: list[str], timeout: int) -> tuple[int, str, str]:
    """Run Chromium in its own process group, so a hung page takes all its helper processes down with it."""
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        out, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        raise ReportError(f"chromium did not finish within {timeout} s (a script on the page may hang)") from None
    return process.returncode, out, err
