"""Charts of the report (matplotlib, embedded as SVG) and the periods they count in."""
from __future__ import annotations

import datetime as dt
import io
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from textmine.report.html import _date, e

SECTOR_COLORS = {
    "economy": "#e15759", "state": "#4e79a7", "civil_society": "#59a14f", "science": "#b07aa1",
    "citizens": "#f28e2b", "media": "#76b7b2", "unknown": "#9d9d9d",
}

# -- periods ---------------------------------------------------------------------------------------
def period_freq(dates: Sequence[dt.date], max_periods: int = 30) -> str:
    """The finest of month, quarter, year that gives at most ``max_periods`` periods."""
    if not dates:
        return "month"
    first, last = min(dates), max(dates)
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    if months <= max_periods:
        return "month"
    if (months + 2) // 3 + 1 <= max_periods:
        return "quarter"
    return "year"

def period_of(date: dt.date, freq: str) -> str:
    if freq == "month":
        return f"{date.year}-{date.month:02d}"
    if freq == "quarter":
        return f"{date.year}-Q{(date.month - 1) // 3 + 1}"
    return str(date.year)

def period_range(dates: Sequence[dt.date], freq: str) -> list[str]:
    """Every period from the first date to the last, gaps included (so the time axis is linear)."""
    if not dates:
        return []
    first, last = min(dates), max(dates)
    step = {"month": 1, "quarter": 3, "year": 12}[freq]
    year, month = first.year, first.month
    if freq == "quarter":
        month = (month - 1) // 3 * 3 + 1
    elif freq == "year":
        month = 1
    periods: list[str] = []
    while (year, month) <= (last.year, last.month):
        periods.append(period_of(dt.date(year, month, 1), freq))
        month += step
        year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    return periods

def topic_prevalence(posts: Iterable[tuple[str | None, list[float]]], k: int) -> tuple[str, list[str], list[list[float]], list[int]]:
    """Mean topic weights per period over (published, weights) pairs: (freq, periods, shares, posts)."""
    dated = [(d, w) for d, w in ((_date(p), w) for p, w in posts) if d is not None and len(w) == k]
    dates = [d for d, _ in dated]
    freq = period_freq(dates)
    periods = period_range(dates, freq)
    sums: dict[str, list[float]] = {p: [0.0] * k for p in periods}
    counts: Counter = Counter()
    for date, weights in dated:
        key = period_of(date, freq)
        counts[key] += 1
        sums[key] = [a + float(b) for a, b in zip(sums[key], weights)]
    shares = [[(s / counts[p]) if counts[p] else 0.0 for s in sums[p]] for p in periods]
    return freq, periods, shares, [counts[p] for p in periods]

# -- charts (matplotlib, inline SVG) ---------------------------------------------------------------
def _svg(fig: Any, name: str, label: str) -> str:
    """The figure as inline SVG (text kept as text, ids salted per chart so several can share a page)."""
    import matplotlib
    import matplotlib.pyplot as plt

    buffer = io.StringIO()
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": f"textmine-{name}"}):
        fig.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    plt.close(fig)
    text = buffer.getvalue()
    return f'<div class="chart" id="chart-{e(name)}" role="img" aria-label="{e(label)}">{text[text.index("<svg"):]}</div>'

def _pyplot() -> Any:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams["text.parse_math"] = False  # "$" in labels from posts stays a dollar sign
    return plt

def _bar_chart(periods: list[str], values: list[int], name: str, ylabel: str) -> str:
    plt = _pyplot()
    from matplotlib.ticker import MaxNLocator

    fig, ax = plt.subplots(figsize=(14, 2.4))
    ax.bar(range(len(periods)), values, color="#4e79a7")
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    _period_axis(ax, periods)
    ax.set_ylabel(ylabel)
    ax.spines[["top", "right"]].set_visible(False)
    return _svg(fig, name, f"bar chart: {ylabel} per period")

def _period_axis(ax: Any, periods: list[str]) -> None:
    step = max(1, len(periods) // 16)
    ax.set_xticks(range(0, len(periods), step))
    ax.set_xticklabels(periods[::step], rotation=45, ha="right", fontsize=8)
    ax.set_xlim(-0.6, len(periods) - 0.4)

def _prevalence_chart(periods: list[str], shares: list[list[float]], labels: list[str], freq: str) -> str:
    plt = _pyplot()
    colors = plt.get_cmap("tab20" if len(labels) > 10 else "tab10").colors
    fig, ax = plt.subplots(figsize=(14, 4.2))
    bottom = [0.0] * len(periods)
    for index, label in enumerate(labels):
        values = [row[index] for row in shares]
        ax.bar(range(len(periods)), values, bottom=bottom, width=0.9, label=label, color=colors[index % len(colors)])
        bottom = [b + v for b, v in zip(bottom, values)]
    _period_axis(ax, periods)
    ax.set_ylim(0, 1)
    ax.set_ylabel(f"mean topic share per {freq}")
    ax.spines[["top", "right"]].set_visible(False)
    ax.legend(fontsize=9, bbox_to_anchor=(1.01, 1), loc="upper left", frameon=False)
    return _svg(fig, "topics-over-time", f"stacked bar chart: mean topic shares per {freq}")
