"""Catalog search latency: the in-memory index against the database's index, a plain
``LIKE '%term%'`` scan, ranking every match and a rapidfuzz scan.

Every path runs ``catalog.selectors.catalog_search`` as the UI and the API do (parse, match,
rank, typo fallback, people) for an anonymous user:

- ENGINE, the default: the process's in-memory snapshot of the search entries
  (``search_memory.snapshot()``, the text engine's ``TextIndex``) matches and bounds every
  entry, the database loads only the page's candidates;
- SQL_INDEX, the database index: ``search_memory.enabled(False)``, so matching is
  ``search_index.entries_matching`` (SQLite's FTS5 trigram index) as before the snapshot;
- BASELINE: the database path with ``entries_matching`` swapped for
  ``entries_matching_by_scan`` (``LIKE`` over the same normalised column, the same
  AND-of-OR-of-substrings);
- RANK_ALL: the database path ranking every match (``rank_everything``), the reference.

All must give the same answer; every query is checked (first pages and every hit). Runs are
interleaved (engine, database index, baseline, rank all, then shifted by one...) in one
process after a warm-up, each starting with the text engine's memo caches empty, so that no
path ranks names another has just folded. The snapshot is built once before timing (its build
time, word count and the process's peak RSS are reported); a last section times catching up
with a write (an entry rewritten, the snapshot's overlay updated) before a search.
"""

from __future__ import annotations

import cProfile
import os
import platform
import pstats
import resource
import sqlite3
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from math import ceil
from typing import Any
from unittest import mock

import django
import ToJyutping
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from num2words import num2words
from pypinyin import Style, lazy_pinyin
from rapidfuzz import fuzz, process

from benchmarks import catalog_precision, synthetic
from cinebridge.catalog import search_index, search_memory, selectors
from cinebridge.catalog import views as catalog_views
from cinebridge.catalog.models import (
    LocalisedTitle,
    Person,
    PersonName,
    SearchEntry,
    SearchKind,
    SearchTerm,
    Title,
    TitleStatus,
)
from cinebridge.engines.text import fold, normalise, parse_query
from cinebridge.engines.text import query as text_query
from cinebridge.engines.text.han import han_readings

CATEGORIES = {
    "exact-ru": "original title, Cyrillic",
    "exact-vi": "original title, Vietnamese with diacritics",
    "exact-zh": "original title, simplified Han (2, 4, 6 characters)",
    "english": "English title (original or localised)",
    "romanised-ru": "Russian title typed in another romanisation (j-glides, c, h)",
    "vi-no-marks": "Vietnamese title typed without diacritics",
    "zh-traditional": "Chinese title in traditional characters",
    "pinyin-spaced": "toneless pinyin, one syllable per word",
    "pinyin-joined": "toneless pinyin, no spaces",
    "common-word": "one frequent word (broad result set)",
    "person": "person name (either script, no diacritics)",
    "typo-1": "one word with one typo (typo path)",
    "typo-2": "long word with two typos (typo path)",
    "no-result": "nothing matches, even with typos",
    # The spellings of issue 10 (docs/search.md, "Queries people really type"):
    "pinyin-tones": "pinyin with tone numbers (xi1 you2 ji4)",
    "wade-giles": "Chinese title in Wade-Giles",
    "jyutping": "Chinese title in toneless Jyutping (Cantonese)",
    "han-viet": "Chinese title in its Sino-Vietnamese reading",
    "numbers": "a numbered title, its number written the other way",
    "layout": "Russian title typed on the Latin keyboard layout",
    "year": "original title and its year",
}
# Fixed typo queries over words every generated catalog holds (see synthetic's word lists).
TYPO_QUERIES = {
    "typo-1": ("drgaon", "lyubvo", "sliver moon"),  # dragon, любовь (BGN lyubov'), silver
    "typo-2": ("advnetrue", "hoemcomign"),  # adventure, homecoming: two transpositions each
}
NO_RESULT_QUERY = "qxzv wkjq"


@dataclass(frozen=True)
class BenchQuery:
    category: str
    text: str


def _spread(items: Sequence[str], count: int, accept: Callable[[str], bool] = bool) -> list[str]:
    """``count`` accepted items spread evenly over ``items`` (deterministic)."""
    picked: list[str] = []
    for k in range(count):
        start = len(items) * (2 * k + 1) // (2 * count)
        for item in [*items[start:], *items[:start]]:
            if accept(item) and item not in picked:
                picked.append(item)
                break
    return picked


def _originals(language: str) -> list[str]:
    published = Title.objects.filter(status=TitleStatus.PUBLISHED, original_language=language)
    return list(published.order_by("id").values_list("original_title", flat=True))


def _people(country: str) -> list[tuple[int, str]]:
    """(id, name) of the public people from ``country``, by id."""
    people = Person.objects.filter(is_public=True, country=country).order_by("id")
    return list(people.values_list("id", "name"))


def _other_name(person: tuple[int, str]) -> str:
    """The person's first name in another script."""
    names = PersonName.objects.filter(person_id=person[0]).order_by("id")
    return names.values_list("text", flat=True).first() or person[1]


def queries_pick() -> list[BenchQuery]:
    """The fixed query mix, drawn from the stored catalog (the same catalog gives the same mix)."""
    ru, vi, zh = _originals("ru"), _originals("vi"), _originals("zh-Hans")
    english = _spread(_originals("en"), 2)
    english += _spread(
        list(
            LocalisedTitle.objects.filter(
                language="en", title__original_language="ru", title__status=TitleStatus.PUBLISHED
            )
            .order_by("id")
            .values_list("text", flat=True)
        ),
        1,
    )
    several_words = _spread(
        ru, 3, lambda t: len(t.split()) >= 2 and any(c in t.lower() for c in "ёйяюхцщ")
    )
    pinyin = _spread(zh, 2, lambda t: len(t) >= 4)
    ru_people, zh_people, vi_people = (_people(country) for country in ("RU", "CN", "VN"))
    picks = {
        "exact-ru": _spread(ru, 3),
        "exact-vi": _spread(vi, 3),
        "exact-zh": [_spread(zh, 1, lambda t, n=n: len(t) == n)[0] for n in (2, 4, 6)],
        "english": english,
        "romanised-ru": [synthetic.romanise_plain(t) for t in several_words],
        "vi-no-marks": [
            synthetic.strip_marks(t).lower()
            for t in _spread(vi, 3, lambda t: synthetic.strip_marks(t) != t)
        ],
        "zh-traditional": [
            synthetic.traditional(t)
            for t in _spread(zh, 3, lambda t: synthetic.traditional(t) != t)
        ],
        "pinyin-spaced": [synthetic.pinyin_plain(t, spaced=True) for t in pinyin],
        "pinyin-joined": [synthetic.pinyin_plain(t, spaced=False) for t in pinyin],
        "common-word": [
            synthetic.RUSSIAN_WORDS.split()[0],
            synthetic.ENGLISH_WORDS.split()[0],
            synthetic.VIETNAMESE_WORDS.split("|")[0].strip(),
            synthetic.CHINESE_WORDS.split()[0],
        ],
        "person": [
            ru_people[len(ru_people) // 2][1],
            synthetic.strip_marks(_other_name(ru_people[len(ru_people) // 3])).lower(),
            zh_people[len(zh_people) // 2][1],
            synthetic.strip_marks(vi_people[len(vi_people) // 2][1]).lower(),
        ],
        **TYPO_QUERIES,
        "no-result": [NO_RESULT_QUERY],
        **_other_spellings(ru, pinyin),
    }
    return [BenchQuery(category, text) for category in CATEGORIES for text in picks[category]]


# Russian keys typed on a US layout (the ЙЦУКЕН positions): what ``layout`` queries type.
_ON_LATIN_KEYS = str.maketrans(
    "йцукенгшщзхъфывапролджэячсмитьбюё", "qwertyuiop[]asdfghjkl;'zxcvbnm,.`"
)


def _numbered() -> list[tuple[str, str]]:
    """(original title, language) of the published titles ending with a number."""
    titles = Title.objects.filter(status=TitleStatus.PUBLISHED).order_by("id")
    rows = titles.values_list("original_title", "original_language")
    return [(t, lang) for t, lang in rows if t.split()[-1].isdigit()]


def _other_spellings(ru: list[str], han: list[str]) -> dict[str, list[str]]:
    """Queries of the issue-10 categories: the spellings other systems give the same titles
    (computed with the libraries directly, not with the engine's han module, but for the
    Sino-Vietnamese reading, whose data only the engine holds)."""
    numbered = _spread([t for t, lang in _numbered() if lang == "en"], 2)
    with_year = Title.objects.filter(
        status=TitleStatus.PUBLISHED, original_title__in=_spread(ru, 2)
    ).order_by("id")
    return {
        "pinyin-tones": [" ".join(lazy_pinyin(t, style=Style.TONE3)) for t in han],
        "wade-giles": [" ".join(lazy_pinyin(t, style=Style.WADEGILES)) for t in han],
        "jyutping": [
            " ".join(j.rstrip("0123456789") for _, j in ToJyutping.get_jyutping_list(t) if j)
            for t in han
        ],
        "han-viet": [han_readings(fold(t))[-1] for t in han],
        "numbers": [" ".join([*t.split()[:-1], num2words(int(t.split()[-1]))]) for t in numbered],
        "layout": [
            t.lower().translate(_ON_LATIN_KEYS)
            for t in _spread(ru, 2, lambda t: t.replace(" ", "").isalpha())
        ],
        "year": [f"{t} {y}" for t, y in with_year.values_list("original_title", "year")[:2]],
    }


# --- the paths --------------------------------------------------------------------------------

_SCAN = search_index.entries_matching_by_scan


def _engine_caches_clear() -> None:
    """Empty the text engine's memo caches (name forms, pinyin...), not its loaded resources."""
    for module in (normalise, text_query):
        for value in vars(module).values():
            parameters = getattr(value, "cache_parameters", None)
            if parameters is not None and parameters()["maxsize"] != 1:  # 1: a loaded converter
                value.cache_clear()


# What a search page reads of a result: the first page of titles, the count, a few people.
PAGE = catalog_views.PAGE_SIZE
PEOPLE_SHOWN = 8
ENGINE, SQL_INDEX, BASELINE, RANK_ALL = "engine", "database index", "baseline", "rank everything"
PATHS = (ENGINE, SQL_INDEX, BASELINE, RANK_ALL)


@dataclass(frozen=True)
class Page:
    """What the catalog page shows of one search, read as the page reads it."""

    titles: list[Any]
    total: int
    people: list[Any]
    typo_corrected: bool


def _page(result: selectors.SearchResult) -> Page:
    return Page(
        list(result.title_hits[:PAGE]),
        result.total,
        list(result.person_hits[:PEOPLE_SHOWN]),
        result.typo_corrected,
    )


def _search(text: str, *, path: str) -> tuple[float, selectors.SearchResult, Page]:
    """One full search and the reading of its first page (seconds, result, page). The engine
    searches the in-memory snapshot; every other path the database (``enabled(False)``):
    SQL_INDEX with its text index, the baseline with the LIKE scan, RANK_ALL ranking every
    match, as before ranking went page by page."""
    user = AnonymousUser()
    _engine_caches_clear()
    if path == ENGINE:
        started = time.perf_counter()
        result = selectors.catalog_search(user=user, text=text)
        page = _page(result)
        return time.perf_counter() - started, result, page
    search_memory.enabled(False)
    try:
        if path == BASELINE:
            with mock.patch.object(search_index, "entries_matching", _SCAN):
                started = time.perf_counter()
                result = selectors.catalog_search(user=user, text=text)
                page = _page(result)
                return time.perf_counter() - started, result, page
        started = time.perf_counter()
        result = selectors.catalog_search(user=user, text=text, rank_everything=path == RANK_ALL)
        page = _page(result)
        return time.perf_counter() - started, result, page
    finally:
        search_memory.enabled(True)


def _hits(hits: Any) -> list[tuple[int, int, int, str]]:
    return [(h.key, h.tier, h.typos, h.matched_name) for h in hits]


def _answer(result: selectors.SearchResult) -> tuple[Any, ...]:
    return (
        _hits(result.title_hits),
        _hits(result.person_hits),
        result.typo_corrected,
        result.also,
    )


def _page_answer(page: Page) -> tuple[Any, ...]:
    return (_hits(page.titles), page.total, _hits(page.people), page.typo_corrected)


def _title_entries(*, visible: bool = True) -> Any:
    """The title entries catalog_search matches in (visible to an anonymous user), or all."""
    entries = SearchEntry.objects.filter(kind=SearchKind.TITLE)
    if not visible:
        return entries
    return entries.filter(selectors.visible_titles_q(AnonymousUser(), "title__"))


def _match(
    matcher: Callable[..., Any], query: Any, *, visible: bool = True
) -> tuple[float, list[int]]:
    """The matching step alone in the database: the title entries' ids, evaluated (seconds,
    sorted ids)."""
    started = time.perf_counter()
    ids = list(matcher(query, _title_entries(visible=visible)).values_list("id", flat=True))
    return time.perf_counter() - started, sorted(ids)


def _match_memory(snap: search_memory.Snapshot, query: Any) -> tuple[float, list[int]]:
    """The matching step alone in memory: the ids of the snapshot's title entries visible to
    an anonymous user that match (seconds, sorted ids)."""
    started = time.perf_counter()
    entries = snap.entries
    wanted = entries.is_title & selectors.visible_entries_mask(AnonymousUser(), entries)
    ids = entries.ids[snap.index.matching(query) & wanted].tolist()
    return time.perf_counter() - started, sorted(ids)


MATCH_MEMORY, MATCH_INDEX, MATCH_SCAN = "match: memory", "match: database index", "match: LIKE"
MATCHERS = (MATCH_MEMORY, MATCH_INDEX, MATCH_SCAN)


@dataclass
class QueryFigures:
    query: BenchQuery
    title_hits: int
    person_hits: int
    typo_pass: str  # "" (enough exact hits), "ran" (vocabulary searched), "widened" (and used)
    match_query: Any  # what the matching step is timed on: the widened query if it was run
    ranked: int  # matches the first page's ranking ranked (titles and people)
    engine: list[float] = field(default_factory=list)  # seconds per run
    sql_index: list[float] = field(default_factory=list)
    baseline: list[float] = field(default_factory=list)
    rank_all: list[float] = field(default_factory=list)
    rapidfuzz: list[float] = field(default_factory=list)
    match_memory: list[float] = field(default_factory=list)
    match_index: list[float] = field(default_factory=list)
    match_scan: list[float] = field(default_factory=list)
    match_index_only: list[float] = field(default_factory=list)  # no visibility filter

    def timings(self, path: str) -> list[float]:
        return {
            ENGINE: self.engine,
            SQL_INDEX: self.sql_index,
            BASELINE: self.baseline,
            RANK_ALL: self.rank_all,
            MATCH_MEMORY: self.match_memory,
            MATCH_INDEX: self.match_index,
            MATCH_SCAN: self.match_scan,
        }[path]


def _differ(what: str, query: BenchQuery, answers: dict[str, Any]) -> None:
    lines = "\n".join(f"  {name}: {answer!r:.2000}" for name, answer in answers.items())
    sys.exit(f"{what} DIFFER for {query.category} {query.text!r}:\n{lines}")


def _ranked(result: selectors.SearchResult) -> int:
    hits = (result.title_hits, result.person_hits)
    return sum(getattr(h, "candidates_ranked", 0) for h in hits)


def _check(query: BenchQuery) -> QueryFigures:
    """Run every path once and abort loudly if their answers differ: the first page (read
    first, as the page reads it) must equal the first page of ranking every match and the
    database index's, and every hit, in order, the database index's, the baseline's and the
    reference's; the query's figures so far."""
    _, engine, engine_page = _search(query.text, path=ENGINE)
    ranked = _ranked(engine)
    _, reference, reference_page = _search(query.text, path=RANK_ALL)
    _, sql_index, sql_page = _search(query.text, path=SQL_INDEX)
    pages = {
        "engine": _page_answer(engine_page),
        "rank all": _page_answer(reference_page),
        "database index": _page_answer(sql_page),
    }
    if len({repr(page) for page in pages.values()}) > 1:
        _differ("FIRST PAGES", query, pages)
    _, baseline, _ = _search(query.text, path=BASELINE)
    answers = {
        name: _answer(r)
        for name, r in (("engine", engine), ("database index", sql_index), ("baseline", baseline))
    }
    answers["rank all"] = _answer(reference)
    if len({repr(answer) for answer in answers.values()}) > 1:
        _differ("ANSWERS", query, answers)
    parsed = parse_query(query.text)
    match_query, typo_pass = parsed, ""
    people = SearchEntry.objects.filter(
        selectors.visible_people_q(AnonymousUser(), "person__"), kind=SearchKind.PERSON
    )
    exact = (
        search_index.entries_matching(parsed, _title_entries()).count()
        + search_index.entries_matching(parsed, people).count()
    )
    if parsed.terms and exact < selectors.TYPO_THRESHOLD:
        match_query = search_index.query_with_typos(parsed)
        typo_pass = "widened" if match_query != parsed else "ran"
    return QueryFigures(
        query, len(engine.title_hits), len(engine.person_hits), typo_pass, match_query, ranked
    )


def _rotated(items: Sequence[str], shift: int) -> list[str]:
    shift %= len(items)
    return [*items[shift:], *items[:shift]]


def measure(queries: list[BenchQuery], repeat: int) -> list[QueryFigures]:
    """Check every query, warm up, then time every path ``repeat`` times each, interleaved;
    then the matching step alone, the same way."""
    figures = [_check(q) for q in queries]
    scan = RapidfuzzScan()
    for run in range(repeat + 1):  # run 0 is a warm-up
        for index, f in enumerate(figures):
            for path in _rotated(PATHS, run + index):
                seconds, _, _ = _search(f.query.text, path=path)
                if run:
                    f.timings(path).append(seconds)
            seconds = scan.timed(f.query.text)
            if run:
                f.rapidfuzz.append(seconds)
    snap = _snapshot_required()
    for run in range(repeat + 1):
        for index, f in enumerate(figures):
            answers = {}
            for matcher in _rotated(MATCHERS, run + index):
                if matcher == MATCH_MEMORY:
                    seconds, ids = _match_memory(snap, f.match_query)
                else:
                    by_index = matcher == MATCH_INDEX
                    chosen = search_index.entries_matching if by_index else _SCAN
                    seconds, ids = _match(chosen, f.match_query)
                answers[matcher] = ids
                if run:
                    f.timings(matcher).append(seconds)
            if len({tuple(ids) for ids in answers.values()}) > 1:
                _differ("MATCHED ENTRIES", f.query, {"query": f.match_query, **answers})
            seconds, _ = _match(search_index.entries_matching, f.match_query, visible=False)
            if run:
                f.match_index_only.append(seconds)
    return figures


def _snapshot_required() -> search_memory.Snapshot:
    """The process's snapshot; abort if there is none (the engine path would silently be the
    database's)."""
    snap = search_memory.snapshot()
    if snap is None:
        sys.exit(
            "NO SNAPSHOT: search_memory.snapshot() returned None (inside a transaction, or "
            "disabled), so the engine path would search the database"
        )
    return snap


@dataclass(frozen=True)
class SnapshotFigures:
    seconds: float  # median build time
    runs: int
    words: int  # distinct words of the index (text and literal columns)
    entries: int
    rss_before: int  # the process's peak RSS, bytes, before the first build
    rss_after: int  # and after the builds


def _peak_rss() -> int:
    """The process's peak resident set size in bytes (ru_maxrss: KiB on Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024


def snapshot_build() -> SnapshotFigures:
    """Build the snapshot as a cold process does (median of 3, or 1 run if over 5 s); it stays
    built for the measures."""
    rss_before = _peak_rss()
    timings: list[float] = []
    while len(timings) < 3:
        search_memory._current = None
        started = time.perf_counter()
        _snapshot_required()
        timings.append(time.perf_counter() - started)
        if timings[0] > 5:
            break
    snap = _snapshot_required()
    return SnapshotFigures(
        statistics.median(timings),
        len(timings),
        len(snap.index._words),
        len(snap.entries.ids),
        rss_before,
        _peak_rss(),
    )


CATCH_UP_WRITES = 20


@dataclass(frozen=True)
class CatchUpFigures:
    query: str
    catch_up: list[float]  # seconds: snapshot() after one write
    with_search: list[float]  # the catch-up and then one search (first page read)


def catch_up_measure(query: str) -> CatchUpFigures:
    """Rewrite a title's search entry (the same content: the counter moves, nothing else),
    then time ``snapshot()`` catching up and a search of ``query``; for titles spread over the
    catalog, in autocommit. The snapshot is built again afterwards (no overlay left)."""
    if connection.in_atomic_block:
        sys.exit("CATCH-UP: must run in autocommit, outside a transaction")
    _snapshot_required()
    ids = list(Title.objects.order_by("id").values_list("id", flat=True))
    picked = [ids[len(ids) * (2 * k + 1) // (2 * CATCH_UP_WRITES)] for k in range(CATCH_UP_WRITES)]
    catch_up, with_search = [], []
    try:
        for title in Title.objects.filter(id__in=picked).order_by("id"):
            search_index.entry_refresh_title(title)
            started = time.perf_counter()
            _snapshot_required()
            caught_up = time.perf_counter() - started
            searched, _, _ = _search(query, path=ENGINE)
            catch_up.append(caught_up)
            with_search.append(caught_up + searched)
    finally:
        search_memory._current = None
        search_memory.snapshot()
    return CatchUpFigures(query, catch_up, with_search)


class RapidfuzzScan:
    """The reference an afternoon gives: every visible title's index text held in memory
    (loaded once, not timed) and a rapidfuzz ``partial_ratio`` top-``PAGE`` over all of them
    per query. Its answers differ (no tiers, no romanisation rules): it is timed, not checked."""

    def __init__(self) -> None:
        rows = _title_entries().values_list("title_id", "text")
        self.keys, self.texts = zip(*rows, strict=True) if rows else ((), ())

    def timed(self, text: str) -> float:
        started = time.perf_counter()
        folded = parse_query(text).folded
        process.extract(folded, self.texts, scorer=fuzz.partial_ratio, limit=PAGE)
        return time.perf_counter() - started


# --- report -----------------------------------------------------------------------------------


def _percentile(samples: Sequence[float], share: float) -> float:
    """The nearest-rank percentile: the smallest sample at or above ``share`` of them."""
    ordered = sorted(samples)
    return ordered[max(0, ceil(share * len(ordered)) - 1)]


def _p95(samples: Sequence[float]) -> float:
    return _percentile(samples, 0.95)


def _p99(samples: Sequence[float]) -> float:
    return _percentile(samples, 0.99)


def _spread_ms(samples: Sequence[float]) -> list[str]:
    """Median, p95 and p99 in ms."""
    return [_ms(statistics.median(samples)), _ms(_p95(samples)), _ms(_p99(samples))]


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:,.1f}"


def _ratio(baseline: float, engine: float) -> str:
    return f"{baseline / engine:,.1f}x" if engine else "-"


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    widths = [max(len(str(c)) for c in column) for column in zip(headers, *rows, strict=True)]
    lines = [
        "| " + " | ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)) + " |"
        for row in (headers, ["-" * w for w in widths], *rows)
    ]
    return "\n".join(lines)


def _category_rows(
    figures: list[QueryFigures],
) -> tuple[list[list[str]], list[list[str]], list[list[str]]]:
    by_category: dict[str, list[QueryFigures]] = defaultdict(list)
    for f in figures:
        by_category[f.query.category].append(f)
    groups = [*by_category.items(), ("all", figures)]
    search_rows, reference_rows, match_rows = [], [], []
    for category, members in groups:
        engine = [s for f in members for s in f.engine]
        sql_index = [s for f in members for s in f.sql_index]
        baseline = [s for f in members for s in f.baseline]
        rank_all = [s for f in members for s in f.rank_all]
        scan = [s for f in members for s in f.rapidfuzz]
        hits = statistics.mean(f.title_hits for f in members)
        ranked = statistics.mean(f.ranked for f in members)
        search_rows.append(
            [
                category,
                str(len(members)),
                f"{hits:,.0f}",
                f"{ranked:,.0f}",
                *_spread_ms(engine),
                *_spread_ms(baseline),
                _ratio(statistics.median(baseline), statistics.median(engine)),
                _ratio(_p95(baseline), _p95(engine)),
                _ratio(_p99(baseline), _p99(engine)),
            ]
        )
        reference_rows.append(
            [
                category,
                *_spread_ms(engine),
                *_spread_ms(sql_index),
                *_spread_ms(rank_all),
                *_spread_ms(scan),
                _ratio(_p95(sql_index), _p95(engine)),
                _ratio(_p95(rank_all), _p95(engine)),
                _ratio(_p95(scan), _p95(engine)),
                _ratio(_p99(scan), _p99(engine)),
            ]
        )
        match_memory = [s for f in members for s in f.match_memory]
        match_index = [s for f in members for s in f.match_index]
        match_scan = [s for f in members for s in f.match_scan]
        index_only = [s for f in members for s in f.match_index_only]
        match_rows.append(
            [
                category,
                _ms(statistics.median(match_memory)),
                _ms(_p95(match_memory)),
                _ms(statistics.median(match_index)),
                _ms(_p95(match_index)),
                _ms(statistics.median(match_scan)),
                _ms(_p95(match_scan)),
                _ratio(statistics.median(match_index), statistics.median(match_memory)),
                _ratio(statistics.median(match_scan), statistics.median(match_memory)),
                _ms(statistics.median(index_only)),
            ]
        )
    return search_rows, reference_rows, match_rows


def _query_rows(figures: list[QueryFigures]) -> list[list[str]]:
    return [
        [
            str(i),
            f.query.category,
            f.query.text,
            f"{f.title_hits:,}",
            f"{f.person_hits:,}",
            f.typo_pass,
            f"{f.ranked:,}",
            _ms(statistics.median(f.engine)),
            _ms(statistics.median(f.sql_index)),
            _ms(statistics.median(f.rank_all)),
            _ms(statistics.median(f.baseline)),
            _ms(statistics.median(f.rapidfuzz)),
            _ratio(statistics.median(f.baseline), statistics.median(f.engine)),
        ]
        for i, f in enumerate(figures, 1)
    ]


def _database_size() -> str:
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        size = sum(
            os.path.getsize(f"{settings['NAME']}{suffix}")
            for suffix in ("", "-wal")
            if os.path.exists(f"{settings['NAME']}{suffix}")
        )
    else:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_database_size(current_database())")
            size = cursor.fetchone()[0]
    return f"{size / 2**20:,.0f} MiB"


def _vocabulary_load() -> tuple[int, float]:
    """(words, median seconds) to load the typo vocabulary into memory, as a cold process does."""
    timings = []
    for _ in range(3):
        search_index._vocabulary = None
        started = time.perf_counter()
        words = len(search_index.vocabulary())
        timings.append(time.perf_counter() - started)
    return words, statistics.median(timings)


def _code_version() -> str:
    """The checked-out commit, and whether the working tree differs from it."""

    def git(*args: str) -> str:
        return subprocess.run(["git", *args], capture_output=True, text=True, check=True).stdout

    try:
        commit, changes = git("rev-parse", "--short", "HEAD"), git("status", "--porcelain")
    except (OSError, subprocess.CalledProcessError):
        return "unknown (not a git checkout)"
    return commit.strip() + (" + uncommitted changes" if changes.strip() else "")


def _environment() -> list[str]:
    database = connection.vendor
    if database == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("SELECT sqlite_version()")
            database += (
                f" {cursor.fetchone()[0]} (Python's sqlite3 module: {sqlite3.sqlite_version})"
            )
    return [
        f"code: {_code_version()}",
        f"machine: {platform.machine()}, {os.cpu_count()} CPUs, {platform.platform()}",
        f"Python {platform.python_version()}, Django {django.get_version()}, database {database}",
    ]


def run(*, command: str, build: dict[str, Any], repeat: int, profile: str | None) -> None:
    """Pick the queries, measure, print the report (and a profile when asked)."""
    print(f"\n# Catalog search benchmark\n\ncommand: {command}")
    print(f"date: {time.strftime('%Y-%m-%d %H:%M %Z')}")
    for line in _environment():
        print(line)
    titles = Title.objects.count()
    published = Title.objects.filter(status=TitleStatus.PUBLISHED).count()
    print(
        f"catalog: {titles:,} titles ({published:,} published), "
        f"{LocalisedTitle.objects.count():,} localised titles, {Person.objects.count():,} people, "
        f"{SearchEntry.objects.count():,} search entries, "
        f"{SearchTerm.objects.count():,} vocabulary words; database {_database_size()}"
    )
    print(
        f"built {'in this run' if build.get('built_now') else 'earlier'} ({build['built_at']}): "
        f"{build['build_seconds']:.0f} s = generate {build['generate_seconds']:.0f} s + "
        f"index texts {build['texts_seconds']:.0f} s ({build['processes']} processes) + "
        f"write {build['write_seconds']:.0f} s"
    )
    words, seconds = _vocabulary_load()
    print(f"typo vocabulary: {words:,} words loaded into memory in {_ms(seconds)} ms")
    built = snapshot_build()
    print(
        f"in-memory snapshot: {built.entries:,} entries, {built.words:,} distinct words, built "
        f"in {_ms(built.seconds)} ms ({'median of 3' if built.runs > 1 else '1 run'}); peak RSS "
        f"{built.rss_after / 2**20:,.0f} MiB after the build "
        f"({built.rss_before / 2**20:,.0f} MiB before)"
    )

    queries = queries_pick()
    started = time.perf_counter()
    figures = measure(queries, repeat)
    print(
        f"\n{len(queries)} queries; on every one the first page equals the first page of "
        "ranking every match and the database index's, and every hit equals the database "
        "index's and the LIKE baseline's; "
        f"{repeat} timed runs per query and path after a warm-up, interleaved "
        f"({time.perf_counter() - started:.0f} s)."
    )
    broad = next(q.text for q in queries if q.category == "common-word")
    catch_up = catch_up_measure(broad)
    search_rows, reference_rows, match_rows = _category_rows(figures)
    sql_index = (
        "the FTS5 trigram index"
        if connection.vendor == "sqlite"
        else "entries_matching, on this database the same LIKE (served by a trigram index)"
    )
    engine = "the in-memory index (search_memory's snapshot, the text engine's TextIndex)"
    print(
        f"\nengine = {engine}; database index = catalog_search with the snapshot disabled, "
        f"matching with {sql_index}; LIKE = the database path matching with a LIKE scan\n"
    )
    print(
        f"## Full search (catalog_search, then reading the first page of {PAGE} titles, the "
        f"count and {PEOPLE_SHOWN} people), ms: engine against the LIKE scan; "
        "'ranked' = matches ranked in Python for that page (mean per query)\n"
    )
    print(
        _table(
            [
                "category",
                "queries",
                "title hits",
                "ranked",
                "engine median",
                "engine p95",
                "engine p99",
                "LIKE median",
                "LIKE p95",
                "LIKE p99",
                "ratio median",
                "ratio p95",
                "ratio p99",
            ],
            search_rows,
        )
    )
    print(
        "\n## The same search against ranking every match, the database index and a rapidfuzz "
        "scan: ranking every match (in the database, as before the first-page ranking) and the "
        "database index give the same answers (checked); rapidfuzz scans every visible title's "
        f"index text in memory (partial_ratio, top {PAGE}; other answers, not checked), ms\n"
    )
    print(
        _table(
            [
                "category",
                "engine median",
                "engine p95",
                "engine p99",
                "SQL index median",
                "SQL index p95",
                "SQL index p99",
                "rank-all median",
                "rank-all p95",
                "rank-all p99",
                "rapidfuzz median",
                "rapidfuzz p95",
                "rapidfuzz p99",
                "SQL index/engine p95",
                "rank-all/engine p95",
                "rapidfuzz/engine p95",
                "rapidfuzz/engine p99",
            ],
            reference_rows,
        )
    )
    print(
        "\n## Matching step alone (ids of the title entries visible to an anonymous user, "
        "same ids checked), ms: memory = the snapshot's TextIndex.matching and the visibility "
        "mask (snapshot taken beforehand), database index = entries_matching, LIKE = the scan; "
        "last column: the database index's match over all title entries, without the "
        "visibility condition\n"
    )
    print(
        _table(
            [
                "category",
                "memory median",
                "memory p95",
                "SQL index median",
                "SQL index p95",
                "LIKE median",
                "LIKE p95",
                "SQL index/memory median",
                "LIKE/memory median",
                "SQL index median, all titles",
            ],
            match_rows,
        )
    )
    print("\n## Per query (full search), ms\n")
    print(
        _table(
            [
                "#",
                "category",
                "query",
                "title hits",
                "people",
                "typo pass",
                "ranked",
                "engine median",
                "SQL index median",
                "rank-all median",
                "LIKE median",
                "rapidfuzz median",
                "ratio LIKE",
            ],
            _query_rows(figures),
        )
    )
    print(
        "\ntypo pass: 'ran' = fewer than TYPO_THRESHOLD exact title and person hits, so the typo vocabulary "
        "was searched; 'widened' = and it added alternatives, so matching ran again with them."
    )
    print(
        f"\n## Catching up after a write: {len(catch_up.catch_up)} titles spread over the "
        "catalog, each entry rewritten (same content, the change counter moves) in autocommit, "
        "then snapshot() reads the written entry into its overlay, then one search of "
        f"{catch_up.query!r} (first page read), ms\n"
    )
    steps = (("catch-up alone", catch_up.catch_up), ("catch-up + search", catch_up.with_search))
    rows = [
        [name, _ms(statistics.median(samples)), _ms(_p95(samples)), _ms(max(samples))]
        for name, samples in steps
    ]
    print(_table(["step", "median", "p95", "max"], rows))
    print("\n## Pinyin precision: toneless pinyin typed for sampled Chinese titles\n")
    print(
        _table(
            ["pinyin", "queries", "title found", "precision", "precision@10", "MRR", "median hits"],
            catalog_precision.pinyin_precision(),
        )
    )
    print(
        "precision: share of the hits whose original title contains the queried title's "
        "characters, averaged over queries; MRR: mean of 1 / rank of the queried title."
    )
    print("\nCategories:")
    for category, description in CATEGORIES.items():
        print(f"  {category:15} {description}")
    if profile:
        _profile(figures, profile)


def _profile(figures: list[QueryFigures], category: str) -> None:
    """cProfile the engine path on one category's queries (3 runs each); top costs."""
    if category == "slowest":
        medians = defaultdict(list)
        for f in figures:
            medians[f.query.category] += f.engine
        category = max(medians, key=lambda c: statistics.median(medians[c]))
    profiler = cProfile.Profile()
    for f in figures:
        if f.query.category == category:
            for _ in range(3):
                profiler.runcall(_search, f.query.text, path=ENGINE)
    print(f"\n## Profile of the engine path, category {category} (3 runs per query)\n")
    stats = pstats.Stats(profiler, stream=sys.stdout).strip_dirs()
    stats.sort_stats("tottime").print_stats(15)
    stats.sort_stats("cumulative").print_stats(25)
