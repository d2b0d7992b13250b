"""``textmine topics`` and ``textmine runs``: fit, store, apply and inspect topic models."""
from __future__ import annotations

from pathlib import Path
from typing import Optional, Tuple

import typer

from textmine import config as settings
from textmine.cli.app import app
from textmine.cli.common import (
    EXIT_EMPTY,
    EXIT_INPUT,
    EXIT_STORE,
    EXIT_USAGE,
    CsvOption,
    DbOption,
    JsonOption,
    check_out,
    console,
    err_console,
    fail,
    open_corpus,
    progress_bar,
    warn_partial,
)
from textmine.cli.output import emit_rows
from textmine.outfiles import atomic_path
from textmine.sanitize import plain
from textmine.topics.run_folders import RunFolderError


def _read_seed_words(path: Path) -> list[list[str]]:
    if not path.is_file():
        fail(f"{path}: no such file", EXIT_INPUT, "one topic per line, words separated by spaces or commas")
    lines = path.read_text(encoding="utf-8").splitlines()
    topics = [[w for w in line.replace(",", " ").split() if w] for line in lines if line.strip() and not line.startswith("#")]
    if not topics:
        fail(f"{path}: no seed words in it", EXIT_INPUT, "one topic per line, words separated by spaces or commas")
    return topics


@app.command()
def topics(
    k: str = typer.Option("auto", "--k", help="Number of topics: N, 'auto' (sweep 5,7,9,11,13,15,20 up to the corpus size) or a range START:STOP:STEP."),
    method: Optional[str] = typer.Option(None, "--method", help="lda or nmf (default: the measured best, see README)."),
    seed: int = typer.Option(1, "--seed", help="Random seed: the same seed gives bit-identical topics."),
    workers: int = typer.Option(1, "--workers", min=1, help="Worker processes for the fits."),
    resamples: int = typer.Option(3, "--resamples", min=1, help="Resamples per k for the stability of --k auto/ranges (more: steadier, slower)."),
    seed_words: Optional[Path] = typer.Option(None, "--seed-words", help="File with one topic per line of German seed words (guided LDA)."),
    over_time: Optional[str] = typer.Option(None, "--over-time", help="Topic shares per month, quarter or year (uses the latest run, or --run)."),
    by: Optional[str] = typer.Option(None, "--by", help="Topics per 'actor' or 'sector' (uses the latest run, or --run)."),
    apply: Optional[int] = typer.Option(None, "--apply", help="Assign posts to the topics of stored run RUN without refitting."),
    run: Optional[int] = typer.Option(None, "--run", help="The stored run to use with --over-time/--by (default: latest)."),
    plot: Optional[Path] = typer.Option(None, "--plot", help="Write a PNG of the k curve or of the shares over time."),
    db: Optional[str] = DbOption, as_json: bool = JsonOption, as_csv: bool = CsvOption,
) -> None:
    """Fit a gensim topic model on the stored posts and show topics, shares and example posts.

    Examples: [bold]textmine topics --k 9 --seed 1[/] · [bold]textmine topics --over-time year[/] ·
    [bold]textmine topics --by sector[/]
    """
    from textmine.topics import runs as topic_runs
    from textmine.topics.model import TopicError

    if not settings.database_path(db).exists():
        fail(f"no database at {settings.database_path(db)}", EXIT_EMPTY, "run textmine ingest FEED first")
    with open_corpus(db, readonly=False) as corpus:
        if plot is not None:
            check_out(corpus, plot)
        try:
            if over_time:
                rows = corpus.topic_shares_over_time(over_time, run=run)
                emit_rows(console, rows, title=f"Topic shares per {over_time} (run {corpus.store.topic_run(run)['id']})",
                          as_json=as_json, as_csv=as_csv)
                if plot:
                    _plot_over_time(rows, plot)
                return
            if by:
                _show_by(corpus, by, run, as_json, as_csv)
                return
            if apply is not None:
                out = [{key: row[key] for key in ("post", "topic", "label")} for row in corpus.apply_topics(apply)]
                emit_rows(console, out, title=f"Assigned {len(out)} new post(s) to run {apply}", as_json=as_json, as_csv=as_csv)
                return
            guided = _read_seed_words(seed_words) if seed_words else None
            with progress_bar() as progress:
                task = progress.add_task("fitting topics", total=None)

                def report(stage: str, fraction: float) -> None:
                    progress.update(task, description=stage, completed=fraction * 100, total=100)

                fitted = corpus.fit_topics(k, method=method, seed=seed, workers=workers, resamples=resamples,
                                           seed_words=guided, progress=report)
        except topic_runs.NothingToFit as error:
            fail(str(error), EXIT_EMPTY, "run textmine ingest FEED first" if "analysed" in str(error) else None)
        except topic_runs.RunNotFound as error:
            if apply is not None or run is not None:
                fail(str(error), EXIT_USAGE, "textmine runs lists the runs")
            fail(str(error), EXIT_EMPTY, "run textmine topics first")
        except RunFolderError as error:
            # A model folder that cannot be written (fit) or trusted (apply): no half run is stored.
            if apply is not None:
                fail(str(error), EXIT_INPUT, "textmine runs lists the runs")
            fail(str(error), EXIT_STORE, "check the permissions and free space next to the database")
        except TopicError as error:
            fail(str(error), EXIT_USAGE, "check --k (e.g. 9, auto or 5:30:5), --method, --over-time, --by and the seed-word file")
        warn_partial(corpus, f"topic run {fitted.id}")
        posts = {p.id: p for p in corpus.store.posts(fitted.post_ids)}
    model, curve = fitted.model, fitted.k_curve
    if curve is not None and not as_json:
        emit_rows(console, curve, title=f"Choice of k (picked k={model.k}: {fitted.pick_reason})", as_csv=as_csv)
        if plot:
            _plot_curve(curve, model.k, plot)
    payload = {
        "run": fitted.id, "k": model.k, "method": model.method, "seed": seed, "coherence": model.coherence,
        "k_curve": curve,
        "topics": [{"id": t["id"], "label": t["label"], "terms": t["terms"], "share": t["share"]} for t in model.topics],
        "posts": [{"id": row["id"], "url": posts[row["id"]].url, "title": posts[row["id"]].title, "topic": row["topic"],
                   "weights": row["weights"]} for row in fitted.assignments()],
    }
    examples = _examples(fitted.post_ids, model, posts)
    table_rows = [{"topic": t["id"], "label": t["label"], "share": t["share"], "top terms": t["terms"][:8],
                   "example posts": examples.get(t["id"], [])} for t in model.topics]
    emit_rows(console, table_rows, as_json=as_json, as_csv=as_csv, json_payload=payload,
              title=f"Topics (run {fitted.id}: {model.method}, k={model.k}, seed={seed}; "
                    f"c_v={model.coherence.get('c_v', float('nan')):.3f}, c_npmi={model.coherence.get('c_npmi', float('nan')):.3f})")


def _examples(ids: list[str], model, posts: dict, n: int = 2) -> dict[int, list[str]]:  # noqa: ANN001
    best: dict[int, list[tuple[float, str]]] = {}
    for pid, dom, weights in zip(ids, model.dominant, model.doc_topics):
        best.setdefault(int(dom), []).append((float(weights[int(dom)]), posts[pid].title))
    return {topic: [title for _, title in sorted(items, reverse=True)[:n]] for topic, items in best.items()}


def _show_by(corpus, by: str, run: int | None, as_json: bool, as_csv: bool) -> None:  # noqa: ANN001 - Corpus
    rows = corpus.topics_by(by, run=run)
    run_id = corpus.store.topic_run(run)["id"]
    if by == "actor" and not as_csv:
        per_topic = corpus.typical_actors(run=run)
        if as_json:
            emit_rows(console, rows, as_json=True, json_payload={"actors": rows, "topics": per_topic})
            return
        emit_rows(console, per_topic, title=f"Most typical actors per topic (run {run_id})")
    emit_rows(console, rows, title=f"Topics by {by} (run {run_id})", as_json=as_json, as_csv=as_csv)


def _plot_curve(curve: list[dict], best_k: int, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(6, 3.5))
    ks = [r["k"] for r in curve]
    for key in ("c_v", "c_npmi", "stability"):
        if key in curve[0]:
            ax.plot(ks, [r[key] for r in curve], marker="o", label=key)
    ax.axvline(best_k, color="grey", linestyle="--", label=f"chosen k={best_k}")
    ax.set_xlabel("k (topics)")
    ax.legend()
    fig.tight_layout()
    with atomic_path(path) as temporary:
        fig.savefig(temporary, dpi=120, format="png")
    plt.close(fig)
    err_console.print(f"wrote {plain(path)}", highlight=False)


def _plot_over_time(rows: list[dict], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(8, 4))
    periods = [r["period"] for r in rows]
    topics = [key for key in rows[0] if key not in ("period", "posts")]
    bottom = [0.0] * len(rows)
    for topic in topics:
        values = [r[topic] for r in rows]
        ax.bar(periods, values, bottom=bottom, label=topic)
        bottom = [b + v for b, v in zip(bottom, values)]
    ax.set_ylabel("share of posts")
    ax.tick_params(axis="x", rotation=60)
    ax.legend(fontsize="small", bbox_to_anchor=(1.01, 1), loc="upper left")
    fig.tight_layout()
    with atomic_path(path) as temporary:
        fig.savefig(temporary, dpi=120, format="png")
    plt.close(fig)
    err_console.print(f"wrote {plain(path)}", highlight=False)


@app.command()
def runs(
    compare: Optional[Tuple[int, int]] = typer.Option(
        None, "--compare", metavar="RUN_A RUN_B", help="Match the topics of two runs and show how far the posts moved."),
    db: Optional[str] = DbOption, as_json: bool = JsonOption, as_csv: bool = CsvOption,
) -> None:
    """List the stored topic runs, compare two of them, reuse them (--apply RUN, --run RUN).

    Examples: [bold]textmine runs --json[/] · [bold]textmine runs --compare 1 2[/]
    """
    from textmine.topics import runs as topic_runs

    with open_corpus(db, readonly=True) as corpus:
        if compare is None:
            rows = topic_runs.runs_overview(corpus.store.topic_runs())
            emit_rows(console, rows, title="Topic runs", as_json=as_json, as_csv=as_csv)
            return
        run_a, run_b = compare
        try:
            payload = corpus.compare_runs(run_a, run_b)
        except topic_runs.RunNotFound as error:
            fail(str(error), EXIT_USAGE, "textmine runs lists the runs")
    result = payload
    title = (f"Run {run_a} vs run {run_b}: term agreement {result['term_agreement']}, posts ARI "
             f"{result['posts_ari']} / NMI {result['posts_nmi']} over {result['shared_posts']} shared posts")
    if result["only_in_a"] or result["only_in_b"]:
        title += f" ({result['only_in_a']} posts only in run {run_a}, {result['only_in_b']} only in run {run_b})"
    emit_rows(console, result["pairs"], title=title, as_json=as_json, as_csv=as_csv, json_payload=payload)
