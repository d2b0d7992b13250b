"""``textmine topics`` and ``textmine runs``: fit, store, apply and inspect topic models."""
from __future__ import annotations

from pathlib import Path
from typing import Optional, Tuple

import typer

from textmine import settings
from textmine.cli import (EXIT_EMPTY, EXIT_INPUT, EXIT_STORE, EXIT_USAGE, CsvOption, DbOption, JsonOption, _progress,
                          app, check_out, console, err_console, fail, open_corpus, warn_partial)
from textmine.outfiles import atomic_path
from textmine.output import emit_rows
from textmine.run_folders import RunFolderError, model_folder, save_model
from textmine.sanitize import plain


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
    from textmine import topics as topic_models

    if not settings.database_path(db).exists():
        fail(f"no database at {settings.database_path(db)}", EXIT_EMPTY, "run textmine ingest FEED first")
    with open_corpus(db, readonly=False) as corpus:
        if plot is not None:
            check_out(corpus, plot)
        rows = list(corpus.store.terms())
        if not rows:
            fail("no analysed posts in the database", EXIT_EMPTY, "run textmine ingest FEED first")
        if over_time or by:
            stored = corpus.store.topic_run(run)
            if stored is None and run is not None:
                fail(f"no topic run {run} in the database", EXIT_USAGE, "textmine runs lists the runs")
            if stored is None:
                fail("no stored topic run", EXIT_EMPTY, "run textmine topics first")
            assignments = corpus.store.topic_assignments(stored["id"])
            if over_time:
                _show_over_time(stored, rows, assignments, over_time, plot, as_json, as_csv)
            else:
                _show_by(stored, list(corpus.records()), assignments, by, as_json, as_csv)
            return
        if apply is not None:
            _apply_run(corpus, apply, rows, as_json, as_csv)
            return
        ids = [r[0] for r in rows]
        term_lists = [r[2] for r in rows]
        method = method or topic_models.DEFAULT_METHOD
        if method not in topic_models.METHODS:
            fail(f"unknown method {method!r}", EXIT_USAGE, f"choose one of {', '.join(topic_models.METHODS)}")
        try:
            ks = topic_models.parse_k(k, n_docs=len(rows))
        except ValueError as error:
            fail(str(error), EXIT_USAGE, "e.g. --k 9, --k auto or --k 5:30:5")
        guided = _read_seed_words(seed_words) if seed_words else None
        curve = None
        with _progress() as progress:
            task = progress.add_task("fitting topics", total=None)

            def report(stage: str, fraction: float) -> None:
                progress.update(task, description=stage, completed=fraction * 100, total=100)

            try:
                if len(ks) > 1:
                    best_k, curve = topic_models.choose_k(term_lists, ks, method=method, seed=seed, workers=workers,
                                                          resamples=resamples, progress=report)
                else:
                    best_k = ks[0]
                model = topic_models.fit_topics(term_lists, best_k, method=method, seed=seed, workers=workers,
                                                seed_words=guided, progress=report)
            except topic_models.TopicError as error:
                fail(str(error), EXIT_USAGE, "check --k, --method and the seed-word file")
        # The model folder first (complete, checksummed), then the run in one transaction: a folder
        # that cannot be written stores no half run.
        try:
            model_dir, digest = save_model(model, corpus.store.path)
        except RunFolderError as error:
            fail(str(error), EXIT_STORE, "check the permissions and free space next to the database")
        params = {"k": k, "workers": workers, "seed_words": guided, "posts": len(ids), "resamples": resamples,
                  "model_sha256": digest}
        run_id = corpus.store.add_topic_run(
            method=model.method, k=model.k, seed=seed, params=params, coherence=model.coherence,
            topics=model.topics, model_dir=model_dir,
            assignments=((pid, int(dom), [round(float(w), 6) for w in weights])
                         for pid, dom, weights in zip(ids, model.dominant, model.doc_topics)),
        )
        warn_partial(corpus, f"topic run {run_id}")
        posts = {p.id: p for p in corpus.store.posts(ids)}
    if curve is not None and not as_json:
        emit_rows(console, curve, title=f"Choice of k (picked k={best_k}: {topic_models.pick_reason(curve)})", as_csv=as_csv)
        if plot:
            _plot_curve(curve, best_k, plot)
    payload = {
        "run": run_id, "k": model.k, "method": model.method, "seed": seed, "coherence": model.coherence,
        "k_curve": curve,
        "topics": [{"id": t["id"], "label": t["label"], "terms": t["terms"], "share": t["share"]} for t in model.topics],
        "posts": [{"id": pid, "url": posts[pid].url, "title": posts[pid].title, "topic": int(dom),
                   "weights": [round(float(w), 4) for w in weights]}
                  for pid, dom, weights in zip(ids, model.dominant, model.doc_topics)],
    }
    examples = _examples(ids, model, posts)
    table_rows = [{"topic": t["id"], "label": t["label"], "share": t["share"], "top terms": t["terms"][:8],
                   "example posts": examples.get(t["id"], [])} for t in model.topics]
    emit_rows(console, table_rows, as_json=as_json, as_csv=as_csv, json_payload=payload,
              title=f"Topics (run {run_id}: {model.method}, k={model.k}, seed={seed}; "
                    f"c_v={model.coherence.get('c_v', float('nan')):.3f}, c_npmi={model.coherence.get('c_npmi', float('nan')):.3f})")


def _examples(ids: list[str], model, posts: dict, n: int = 2) -> dict[int, list[str]]:  # noqa: ANN001
    best: dict[int, list[tuple[float, str]]] = {}
    for pid, dom, weights in zip(ids, model.dominant, model.doc_topics):
        best.setdefault(int(dom), []).append((float(weights[int(dom)]), posts[pid].title))
    return {topic: [title for _, title in sorted(items, reverse=True)[:n]] for topic, items in best.items()}


def _apply_run(corpus, run_id: int, rows: list, as_json: bool, as_csv: bool) -> None:  # noqa: ANN001
    from textmine import topics as topic_models

    stored = corpus.store.topic_run(run_id)
    if stored is None:
        fail(f"no topic run {run_id} in the database", EXIT_USAGE, "textmine runs lists the runs")
    try:
        folder = model_folder(corpus.store.path, stored)
    except RunFolderError as error:
        fail(str(error), EXIT_INPUT, "textmine runs lists the runs")
    model = topic_models.TopicModel.load(folder)
    done = corpus.store.topic_assignments(run_id)
    new = [r for r in rows if r[0] not in done]
    doc_topics, dominant = model.transform([r[2] for r in new]) if new else ([], [])
    assignments = [(r[0], int(d), [round(float(x), 6) for x in w]) for r, d, w in zip(new, dominant, doc_topics)]
    corpus.store.add_topic_assignments(run_id, assignments)
    labels = {t["id"]: t["label"] for t in stored["topics"]}
    out = [{"post": pid, "topic": topic, "label": labels.get(topic)} for pid, topic, _ in assignments]
    emit_rows(console, out, title=f"Assigned {len(out)} new post(s) to run {run_id}", as_json=as_json, as_csv=as_csv)


def _show_over_time(stored: dict, rows: list, assignments: dict, freq: str, plot: Path | None, as_json: bool, as_csv: bool) -> None:
    from textmine import topics as topic_models

    if freq not in ("month", "quarter", "year"):
        fail(f"unknown period {freq!r}", EXIT_USAGE, "use month, quarter or year")
    dated = [(published, assignments[pid][1]) for pid, published, _ in rows if pid in assignments and published]
    if not dated:
        fail("no dated posts in this run", EXIT_EMPTY)
    table = topic_models.topic_shares_over_time([d for d, _ in dated], [w for _, w in dated], freq=freq, fill_gaps=True)
    labels = {t["id"]: t["label"] for t in stored["topics"]}
    out = [{"period": r["period"], "posts": r["posts"], **{labels.get(i, str(i)): s for i, s in enumerate(r["shares"])}} for r in table]
    emit_rows(console, out, title=f"Topic shares per {freq} (run {stored['id']})", as_json=as_json, as_csv=as_csv)
    if plot:
        _plot_over_time(out, plot)


def _show_by(stored: dict, records: list, assignments: dict, by: str, as_json: bool, as_csv: bool) -> None:
    from textmine.topics_by import topics_by

    if by not in ("actor", "sector"):
        fail(f"unknown --by {by!r}", EXIT_USAGE, "use actor or sector")
    rows = topics_by(records, assignments, stored["topics"], key=by)
    if by == "actor" and not as_csv:
        from textmine.topics_by import typical_actors

        typical = typical_actors(records, assignments, stored["topics"])
        per_topic = [{"topic": t["id"], "label": t["label"], "typical actors": typical.get(t["id"], [])} for t in stored["topics"]]
        if as_json:
            emit_rows(console, rows, as_json=True, json_payload={"actors": rows, "topics": per_topic})
            return
        emit_rows(console, per_topic, title=f"Most typical actors per topic (run {stored['id']})")
    emit_rows(console, rows, title=f"Topics by {by} (run {stored['id']})", as_json=as_json, as_csv=as_csv)


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
    if compare is not None:
        _compare_runs(db, *compare, as_json=as_json, as_csv=as_csv)
        return
    with open_corpus(db, readonly=True) as corpus:
        stored = corpus.store.topic_runs()
    rows = [{"run": r["id"], "created": r["created_at"], "method": r["method"], "k": r["k"], "seed": r["seed"],
             "c_v": r["coherence"].get("c_v"), "c_npmi": r["coherence"].get("c_npmi"),
             "labels": [t["label"] for t in r["topics"]]} for r in stored]
    emit_rows(console, rows, title="Topic runs", as_json=as_json, as_csv=as_csv)


def _compare_runs(db: Optional[str], run_a: int, run_b: int, *, as_json: bool, as_csv: bool) -> None:
    from textmine.topics_compare import compare_runs

    with open_corpus(db, readonly=True) as corpus:
        runs_found = {run_id: corpus.store.topic_run(run_id) for run_id in (run_a, run_b)}
        missing = [str(run_id) for run_id, found in runs_found.items() if found is None]
        if missing:
            fail(f"no topic run {', '.join(missing)} in the database", EXIT_USAGE, "textmine runs lists the runs")
        dominant = {run_id: {post: topic for post, (topic, _) in corpus.store.topic_assignments(run_id).items()}
                    for run_id in (run_a, run_b)}
    result = compare_runs(runs_found[run_a]["topics"], runs_found[run_b]["topics"], dominant[run_a], dominant[run_b])
    payload = {"run_a": run_a, "run_b": run_b, **result}
    title = (f"Run {run_a} vs run {run_b}: term agreement {result['term_agreement']}, posts ARI "
             f"{result['posts_ari']} / NMI {result['posts_nmi']} over {result['shared_posts']} shared posts")
    if result["only_in_a"] or result["only_in_b"]:
        title += f" ({result['only_in_a']} posts only in run {run_a}, {result['only_in_b']} only in run {run_b})"
    emit_rows(console, result["pairs"], title=title, as_json=as_json, as_csv=as_csv, json_payload=payload)
