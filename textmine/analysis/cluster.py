"""Run the analysis stage on a Dask cluster; the store stays the single writer.

Posts are sent to the workers in chunks; each worker loads the German pipeline once (cached per
process by ``load_pipeline``) and returns the JSON records and topic terms, which the calling
process writes to SQLite. The result is the same as a local run: the same pipeline, the same
texts, and chunks gathered in their original order.

``scheduler`` is ``"local"`` (a ``LocalCluster`` on this machine, one worker per core) or the
address of a running scheduler, e.g. ``tcp://10.0.0.5:8786`` (start it with ``dask scheduler``
and ``dask worker tcp://10.0.0.5:8786`` on each machine, all with textmine installed).
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from textmine.analysis.texts import Analysis, analyze_texts

#: Posts per task: big enough to amortise scheduling, small enough to balance the workers.
CHUNK = 32
#: How long to try to reach a scheduler before giving up with one line.
CONNECT_TIMEOUT_S = 20.0


class DaskError(Exception):
    """The Dask cluster cannot be used; the message is one line for the user."""


def _analyze_chunk(model: str | None, items: list[tuple[str | None, str | None, str]]) -> list[Analysis]:
    from textmine.nlp.pipeline import shared_pipeline

    return list(analyze_texts(shared_pipeline(model), items))


class DaskAnalyzer:
    """A callable with the signature of ``analyze_texts`` that runs on a Dask cluster."""

    def __init__(self, scheduler: str = "local", *, model: str | None = None, n_workers: int | None = None) -> None:
        from textmine.extras import require

        require("dask", "--dask")
        from dask.distributed import Client, LocalCluster

        self.model = model
        self._cluster = None
        try:
            if scheduler == "local":
                self._cluster = LocalCluster(n_workers=n_workers, threads_per_worker=1, processes=True,
                                             dashboard_address=None)
                self.client = Client(self._cluster)
            else:
                if "://" not in scheduler and ":" not in scheduler:
                    raise ValueError("expected 'local' or an address like tcp://host:8786")
                self.client = Client(scheduler, timeout=f"{CONNECT_TIMEOUT_S}s")
        except (OSError, ValueError, TypeError) as error:  # TimeoutError is an OSError
            if self._cluster is not None:
                self._cluster.close()
            reason = " ".join(str(error).split())[:200] or error.__class__.__name__
            raise DaskError(f"cannot use the Dask scheduler {scheduler!r}: {reason}") from error

    def __call__(self, nlp: object, items: Iterable[tuple[str | None, str | None, str]], **_: object) -> Iterator[Analysis]:
        items = list(items)
        chunks = [items[i:i + CHUNK] for i in range(0, len(items), CHUNK)]
        futures = self.client.map(_analyze_chunk, [self.model] * len(chunks), chunks, pure=False)
        for future in futures:  # in submission order: results line up with the input
            yield from future.result()

    def close(self) -> None:
        self.client.close()
        if self._cluster is not None:
            self._cluster.close()

    def __enter__(self) -> "DaskAnalyzer":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
