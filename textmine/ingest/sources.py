"""Open a feed from a path, ``-`` (stdin) or an http(s) URL as a seekable binary file.

Network input is bounded: connect/read timeout, a size cap, a redirect limit and only the http(s)
schemes. Stdin and URLs are spooled to a temporary file so the XML parser can stream and, when a
feed lies about its encoding, read it a second time.
"""
from __future__ import annotations

import contextlib
import http.client
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from textmine._version import __version__

DEFAULT_TIMEOUT_S = 20.0
#: The whole download, however slowly the server sends: a trickle of one byte a second is cut off.
DEFAULT_DEADLINE_S = 300.0
DEFAULT_MAX_BYTES = 200 * 1024 * 1024
MAX_REDIRECTS = 5
_CHUNK = 1 << 16


class SourceError(Exception):
    """A feed source cannot be read; the message is one line for the user."""


def is_url(source: str) -> bool:
    return "://" in source[:12]


class _LimitedRedirects(urllib.request.HTTPRedirectHandler):
    max_redirections = MAX_REDIRECTS

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: ANN001 - stdlib signature
        scheme = urllib.parse.urlsplit(newurl).scheme.lower()
        if scheme not in ("http", "https"):
            raise SourceError(f"{req.full_url}: refused redirect to a non-http(s) address: {newurl}")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _size(n: int) -> str:
    """A byte count for a message: "200 MB", "10 kB", "512 bytes"."""
    for unit, factor in (("MB", 1024 * 1024), ("kB", 1000)):
        if n >= factor:
            return f"{n / factor:.3g} {unit}"
    return f"{n} bytes"


def _copy_limited(reader: BinaryIO, writer: BinaryIO, max_bytes: int, what: str,
                  deadline: tuple[float, float] | None = None) -> None:
    """Copy at most ``max_bytes``. With a ``deadline`` (start on the monotonic clock, seconds) read
    whatever has arrived (``read1``) and stop once the deadline has passed."""
    total = 0
    read = reader.read1 if deadline is not None and hasattr(reader, "read1") else reader.read
    while chunk := read(_CHUNK):
        total += len(chunk)
        if total > max_bytes:
            raise SourceError(f"{what} is larger than the limit of {_size(max_bytes)}")
        if deadline is not None and time.monotonic() - deadline[0] > deadline[1]:
            raise SourceError(f"{what}: download not finished within {deadline[1]:g} s "
                              f"({_size(total)} received): the server is too slow")
        writer.write(chunk)
    writer.seek(0)


def _download(url: str, timeout: float, max_bytes: int, deadline_s: float = DEFAULT_DEADLINE_S) -> BinaryIO:
    scheme = urllib.parse.urlsplit(url).scheme.lower()
    if scheme not in ("http", "https"):
        raise SourceError(f"refused {scheme}:// address: only http and https feeds can be fetched")
    opener = urllib.request.build_opener(_LimitedRedirects())
    request = urllib.request.Request(url, headers={"User-Agent": f"textmine/{__version__}"})
    spool = tempfile.TemporaryFile()
    started = time.monotonic()
    try:
        with opener.open(request, timeout=timeout) as response:
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise SourceError(f"{url} is larger than the limit of {_size(max_bytes)}")
            _copy_limited(response, spool, max_bytes, url, deadline=(started, deadline_s))
    except urllib.error.HTTPError as error:
        spool.close()
        if 300 <= error.code < 400:
            raise _redirect_error(url, error) from error
        raise SourceError(f"{url}: HTTP {error.code} {error.reason}") from error
    except urllib.error.URLError as error:
        spool.close()
        raise SourceError(f"{url}: cannot connect ({error.reason})") from error
    except (TimeoutError, OSError) as error:
        spool.close()
        raise SourceError(f"{url}: {error.__class__.__name__}: {error}") from error
    except (http.client.HTTPException, ValueError) as error:
        # A malformed answer: bad status line, too many or too long headers, a bad chunk size.
        spool.close()
        raise SourceError(f"{url}: malformed HTTP answer ({_one_line(error)})") from error
    except SourceError:
        spool.close()
        raise
    return spool


def _one_line(error: Exception) -> str:
    text = " ".join(str(error).split())[:160]
    return f"{error.__class__.__name__}: {text}" if text else error.__class__.__name__


def _redirect_error(url: str, error: urllib.error.HTTPError) -> SourceError:
    """urllib gives up on a redirect with a multi-line message; say why in one line."""
    location = (error.headers.get("Location") or "") if error.headers is not None else ""
    target = urllib.parse.urljoin(url, location)
    if location and urllib.parse.urlsplit(target).scheme.lower() not in ("http", "https"):
        return SourceError(f"{url}: refused redirect to a non-http(s) address: {target}")
    return SourceError(f"{url}: too many redirects (more than {MAX_REDIRECTS}, or a redirect loop)")


@contextlib.contextmanager
def open_source(
    source: str, *, timeout: float = DEFAULT_TIMEOUT_S, max_bytes: int = DEFAULT_MAX_BYTES,
    deadline_s: float | None = None,
) -> Iterator[BinaryIO]:
    """Yield a seekable binary file for ``source`` (path, ``-`` or URL)."""
    if source == "-":
        handle: BinaryIO = tempfile.TemporaryFile()
        _copy_limited(sys.stdin.buffer, handle, max_bytes, "standard input")
    elif is_url(source):
        handle = _download(source, timeout, max_bytes, DEFAULT_DEADLINE_S if deadline_s is None else deadline_s)
    else:
        path = Path(source)
        if not path.exists():
            raise SourceError(f"{source}: no such file")
        if path.is_dir():
            raise SourceError(f"{source}: is a folder, not a feed file")
        try:
            handle = path.open("rb")
        except OSError as error:
            raise SourceError(f"{source}: cannot read ({error.strerror})") from error
    try:
        yield handle
    finally:
        handle.close()
