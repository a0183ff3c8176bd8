"""The avails benchmark's printed summary: markdown tables from the per-database figures."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

TARGETS_MS = {"Q1": 2.0, "Q2": 4.0, "Q3": 30.0}  # issue 9
WHY_NOT_TARGET_MS = 100.0
PEAK_TARGET_MIB = 100.0
MARKET_TARGET_MS = 50.0
CATCH_UP_TARGET_MS = 10.0
BUILD_TARGET_S = 5.0


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    widths = [max(len(str(c)) for c in column) for column in zip(headers, *rows, strict=True)]
    return "\n".join(
        "| " + " | ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)) + " |"
        for row in (headers, ["-" * w for w in widths], *rows)
    )


def _ms(value: float | None) -> str:
    return "-" if value is None else f"{value:,.1f}"


def _ratio(slow: float | None, fast: float | None) -> str:
    if not (slow and fast):
        return "-"
    ratio = slow / fast
    return f"{ratio:,.1f}x" if ratio >= 1 else f"{ratio:.3f}x"


def _mib(value: int | None) -> str:
    return "-" if value is None else f"{value / 2**20:,.1f}"


def _met(ok: bool) -> str:
    return "met" if ok else "MISSED"


def _header(ran: dict[str, dict[str, Any]]) -> list[str]:
    lines = []
    for name, r in ran.items():
        lines.append(
            f"{name}: {r['database']}; {r['machine']}, Python {r['python']}, Django "
            f"{r['django']}; load average {r['load_average'][0]} at the start, "
            f"{r['load_average'][1]} at the end"
        )
    if ran:
        r = next(iter(ran.values()))
        rows = r["dataset"]["rows"]
        lines.append(
            f"data set (identical in each database): {rows['title']:,} titles, "
            f"{rows['rights_in']:,} rights in, {rows['deal']:,} deals, {rows['grant']:,} grants, "
            f"{rows['holdback']:,} holdbacks, {r['dataset']['holders']:,} organisations; query "
            f"holder: organisation {r['holder']} ({r['holder_titles']:,} titles)\n"
        )
    return lines


def _queries(ran: dict[str, dict[str, Any]]) -> list[str]:
    rows = []
    for name, r in ran.items():
        for shape, s in r["shapes"].items():
            e, sel, scan, b = s["engine"], s["engine_selector"], s["scan"], s.get("baseline")
            c = s["counts"]
            sql = "-"
            if b:
                sql = (
                    f"{s['baseline_form']}: {b['sql_median_ms']:,.0f} + {b['sweep_median_ms']:,.0f}"
                )
            rows.append(
                [
                    shape,
                    name,
                    _ms(e["median_ms"]),
                    _ms(e["p95_ms"]),
                    _ms(sel["median_ms"]),
                    _ms(scan["median_ms"]),
                    _ratio(scan["median_ms"], e["median_ms"]),
                    _ms(b["median_ms"]) if b else "-",
                    sql,
                    _ratio(b["median_ms"], e["median_ms"]) if b else "-",
                    f"{c['available']:,} / {c['partial']:,} / {c['unavailable']:,}",
                ]
            )
    return [
        _table(
            [
                "query",
                "database",
                "engine median",
                "engine p95",
                "avails_for median",
                "numpy scan median",
                "scan / engine",
                "SQL median",
                "SQL form: statements + sweep",
                "SQL / engine",
                "available / partial / unavailable",
            ],
            rows,
        ),
        "\nms, medians of the timed runs; engine = AvailsIndex.query on the built index; "
        "avails_for = the selector the pages call (also checks the change log); numpy scan = "
        "the plain full scan over the same rows, loaded once (load not counted); SQL = the "
        "fastest baseline formulation on that database, execute + fetch, then the per-title "
        "sweep in Python (Q3: an entire form, one statement, available or not); statuses "
        "identical to the baseline's for every title (Q3: the available titles).",
    ]


def _forms(ran: dict[str, dict[str, Any]]) -> list[str]:
    lines = []
    for name, r in ran.items():
        for shape, s in r["shapes"].items():
            forms = s.get("baseline_forms", {})
            if len(forms) > 1:
                each = ", ".join(
                    f"{form} {f['median_ms']:,.0f} ms ({f['sql_median_ms']:,.0f} in SQL)"
                    for form, f in forms.items()
                )
                lines.append(f"\n{shape} on {name}, baseline medians by formulation: {each}.")
    return lines


def _why_not(ran: dict[str, dict[str, Any]]) -> list[str]:
    rows = []
    for name, r in ran.items():
        for shape, s in r["shapes"].items():
            w, a = s["why_not"], s["agreement"]
            rows.append(
                [
                    shape,
                    name,
                    f"{w['titles_not_available']:,}",
                    _ms(w.get("query_ms")),
                    _ms(w.get("why_not_extra_ms")),
                    f"{w['reasons']:,}" if "reasons" in w else "-",
                    f"{w['explain_per_title_ms']:,.2f}",
                    f"{w['explain_all_extrapolated_ms'] / 1000:,.1f} s",
                    _mib(s["engine"]["peak_bytes"]),
                    _mib(w.get("peak_bytes")),
                    _mib(w.get("rss_peak_bytes")),
                    _mib(s["scan"]["peak_bytes"]),
                    f"{a['scan_blocking_pairs']:,}",
                    f"{a['pairs_compared_equal_on_titles']:,}" if "pairs_equal" in a else "-",
                ]
            )
    return [
        "",
        _table(
            [
                "query",
                "database",
                "titles not available",
                "query ms",
                "why_not() extra ms",
                "why-not rows",
                "explain() ms a title (sample)",
                "explain() all (extrapolated)",
                "query peak MiB",
                "query + why_not peak MiB",
                "query + why_not RSS peak MiB",
                "scan peak MiB",
                "scan blocking pairs",
                "titles with equal pairs",
            ],
            rows,
        ),
        "\nwhy_not() extra = median time of why_not() on a fresh answer (computed on its first call, after the query); explain() "
        "= the old per-title path, timed on a sample of the titles not available and "
        "extrapolated to all of them (labelled: not measured whole); peaks = tracemalloc's peak "
        "while one call runs (numpy buffers included, not what numba allocates); RSS peak = how "
        "far resident memory rose during one query + why_not() (numba included). "
        "The engine's available titles equal the "
        "scan's (ENTIRE; OVERLAP: the scan's are among them); its why-not records are among the "
        "scan's blocking pairs, and equal them on every not-available title the scan finds held "
        "for the whole period in every cell; why_not().blocks(t) equals explain(t)'s distinct "
        "blocks on the sample.",
    ]


def _market(results: dict[str, dict[str, Any]]) -> list[str]:
    rows = []
    for name, r in results.items():
        m = r.get("market")
        if not m:
            continue
        if "missing" in m:
            rows.append([name, "-", "-", "-", "-", "-", "-", "-", m["missing"]])
            continue
        rows.append(
            [
                name,
                f"{r['dataset']['grants']:,} / {m['holders']:,}",
                f"{m['pairs']:,}",
                f"{m['available_pairs']:,} / {m['partial_pairs']:,}",
                _ms(m["median_ms"]),
                _ms(m["p95_ms"]),
                _mib(m["peak_bytes"]),
                _mib(m.get("rss_peak_bytes")),
                _ms(m.get("query_and_why_not_ms")),
            ]
        )
    if not rows:
        return []
    return [
        "",
        _table(
            [
                "whole market (Viet Nam x SVOD, Q1 period, exclusive)",
                "grants / holders",
                "(title, holder) answers",
                "available / partial",
                "median ms",
                "p95 ms",
                "peak MiB",
                "RSS peak MiB",
                "+ why_not() ms (1 run)",
            ],
            rows,
        ),
    ]


def _index(ran: dict[str, dict[str, Any]]) -> list[str]:
    rows = []
    for name, r in ran.items():
        b, u, load = r["build"], r["update"], r["scan_load"]
        rows.append(
            [
                name,
                f"{r['dataset']['build_seconds']:,.0f} s",
                f"{b['seconds']:,.1f} s",
                f"{b['rows']:,}",
                _mib(b["memory_bytes"]),
                _mib(b["rss_delta_bytes"]),
                _mib(b.get("tracemalloc_peak_bytes")),
                f"{load['seconds']:,.1f} s",
                _mib(load["bytes"]),
                _ms(u["catch_up_ms"]),
                _ms(u["catch_up_max_ms"]),
                _ms(u["catch_up_and_query_ms"]),
                f"{u['rebuild_and_query_s']:,.1f} s",
            ]
        )
    return [
        "",
        _table(
            [
                "database",
                "data set build",
                "index build",
                "index rows",
                "memory_bytes() MiB",
                "RSS delta MiB",
                "build peak MiB",
                "scan load",
                "scan MiB",
                "catch-up ms",
                "catch-up max ms",
                "catch-up + Q1 ms",
                "rebuild + Q1",
            ],
            rows,
        ),
        "\ncatch-up = avails_index() replaying the change log after a deal (10 titles) was "
        "signed through services.deal_sign, median of 3 deals signed one after another; "
        "rebuild = index_build() from the database.",
    ]


def _targets(ran: dict[str, dict[str, Any]], results: dict[str, dict[str, Any]]) -> list[str]:
    lines = []
    for name, r in ran.items():
        parts = []
        for shape, s in r["shapes"].items():
            ms, w = s["engine"]["median_ms"], s["why_not"]
            parts.append(
                f"{shape} under {TARGETS_MS[shape]:.0f} ms: {_met(ms < TARGETS_MS[shape])} "
                f"({ms:,.1f})"
            )
            if "why_not_extra_ms" in w:
                extra = w["why_not_extra_ms"]
                parts.append(
                    f"{shape} why-not under {WHY_NOT_TARGET_MS:.0f} ms more: "
                    f"{_met(extra < WHY_NOT_TARGET_MS)} ({extra:,.1f})"
                )
            peak = max(
                s["engine"]["peak_bytes"], w.get("peak_bytes", 0), w.get("rss_peak_bytes", 0)
            )
            peak /= 2**20
            parts.append(
                f"{shape} peak under {PEAK_TARGET_MIB:.0f} MiB: "
                f"{_met(peak < PEAK_TARGET_MIB)} ({peak:,.1f})"
            )
        build, catch_up = r["build"]["seconds"], r["update"]["catch_up_ms"]
        parts.append(
            f"index build under {BUILD_TARGET_S:.0f} s: {_met(build < BUILD_TARGET_S)} "
            f"({build:,.1f})"
        )
        parts.append(
            f"catch-up under {CATCH_UP_TARGET_MS:.0f} ms: "
            f"{_met(catch_up < CATCH_UP_TARGET_MS)} ({catch_up:,.1f})"
        )
        lines.append(f"\nTargets on {name}: " + "; ".join(parts) + ".")
    for name, r in results.items():
        m = r.get("market") or {}
        if "median_ms" in m and name.startswith("whole market"):
            ms = m["median_ms"]
            lines.append(
                f"\nWhole market at {r['dataset']['grants']:,} grants and "
                f"{m['holders']:,} holders under {MARKET_TARGET_MS:.0f} ms: "
                f"{_met(ms < MARKET_TARGET_MS)} ({ms:,.1f} ms)."
            )
    return lines


def report(results: dict[str, dict[str, Any]]) -> str:
    """The side-by-side tables (markdown), and whether the issue's targets are met."""
    ran = {name: r for name, r in results.items() if "shapes" in r}
    lines = _header(ran)
    if ran:
        lines += _queries(ran) + _forms(ran) + _why_not(ran) + _index(ran)
    lines += _market(results)
    for name, r in results.items():
        if "skipped" in r or "failed" in r:
            lines.append(
                f"\n{name}: {'skipped' if 'skipped' in r else 'FAILED'}: "
                f"{r.get('skipped') or r.get('failed')}"
            )
    lines += _targets(ran, results)
    return "\n".join(lines)


def _over(value: float | None, unit: float) -> float | None:
    return None if value is None else value / unit


def scaling_report(results: dict[str, dict[str, Any]]) -> str:
    """One row per data set size, then how each figure grew from the smallest."""
    ran = [r for r in results.values() if "shapes" in r]
    if not ran:
        return "\n".join(f"{n}: {r.get('failed') or r.get('skipped')}" for n, r in results.items())
    shapes = list(ran[0]["shapes"])
    columns: list[tuple[str, Any]] = [
        ("grants", lambda r: r["dataset"]["grants"]),
        ("titles", lambda r: r["dataset"]["titles"]),
        ("index rows", lambda r: r["build"]["rows"]),
        ("index build s", lambda r: r["build"]["seconds"]),
        ("memory_bytes() MiB", lambda r: r["build"]["memory_bytes"] / 2**20),
        ("RSS delta MiB", lambda r: r["build"]["rss_delta_bytes"] / 2**20),
        ("build peak MiB", lambda r: _over(r["build"].get("tracemalloc_peak_bytes"), 2**20)),
        ("scan load s", lambda r: r["scan_load"]["seconds"]),
        *[(f"{q} engine ms", lambda r, q=q: r["shapes"][q]["engine"]["median_ms"]) for q in shapes],
        *[(f"{q} scan ms", lambda r, q=q: r["shapes"][q]["scan"]["median_ms"]) for q in shapes],
        *[
            (
                f"{q} why_not() extra ms",
                lambda r, q=q: r["shapes"][q]["why_not"].get("why_not_extra_ms"),
            )
            for q in shapes
        ],
        *[
            (f"{q} peak MiB", lambda r, q=q: r["shapes"][q]["engine"]["peak_bytes"] / 2**20)
            for q in shapes
        ],
        ("catch-up ms", lambda r: r["update"]["catch_up_ms"]),
    ]
    values = [[get(r) for _, get in columns] for r in ran]

    def show(v: Any) -> str:
        if v is None:
            return "-"
        return f"{v:,}" if isinstance(v, int) else f"{v:,.1f}"

    rows = [
        [name, *(show(v) for v in row)]
        for (name, _), row in zip(columns, zip(*values, strict=True), strict=True)
    ]
    growth = []
    for (name, _), row in zip(columns, zip(*values, strict=True), strict=True):
        first = row[0]
        growth.append([name, *(_ratio(v, first) if first and v is not None else "-" for v in row)])
    sizes = [f"{r['dataset']['grants']:,} grants" for r in ran]
    return "\n".join(
        [
            _table(["figure", *sizes], rows),
            "\nGrowth against the smallest size:\n",
            _table(["figure", *sizes], growth),
        ]
    )
