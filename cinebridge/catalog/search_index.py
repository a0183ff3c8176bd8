"""The catalog's adapter to the text engine: keeps search entries in step and runs matches.

Matching is done by the database (SQLite FTS5 trigram index, PostgreSQL pg_trgm GIN index):
each query term must occur as a substring of an entry's ``text`` (any of the term's
alternatives); ranking is done by the engine on the matched entries' names.
The typo vocabulary is held in memory per process and reloaded when the change counter
``catalog.search_vocabulary`` moves, so another process's writes are seen before answering.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Sequence

from django.db import connection
from django.db.models import Q, QuerySet
from django.db.models.expressions import RawSQL

from cinebridge.catalog import search_memory
from cinebridge.catalog.models import Person, SearchEntry, SearchKind, SearchTerm, Title
from cinebridge.catalog.search_schema import FTS_TABLE
from cinebridge.core.audit import counter_bump, counter_stamp
from cinebridge.engines.text import (
    Query,
    expand_with_typos,
    forms_to_plain,
    name_forms,
    typo_sources,
)
from cinebridge.engines.text import allowed_typos as engine_allowed_typos
from cinebridge.engines.text.bounds import literal_text
from cinebridge.engines.text.normalise import index_text_of_forms
from cinebridge.engines.text.vocabulary import Vocabulary

VOCABULARY_COUNTER = "catalog.search_vocabulary"
MIN_FTS_LENGTH = 3  # the trigram tokenizer cannot look up shorter strings


def title_names(title: Title) -> list[str]:
    """The names a title is found by: the original title first, then every localised title."""
    names = [title.original_title]
    for text in title.localised_titles.values_list("text", flat=True):
        if text not in names:
            names.append(text)
    return names


def person_names(person: Person) -> list[str]:
    """The names a person is found by: the primary name first, then names in other scripts."""
    names = [person.name]
    for text in person.names.values_list("text", flat=True):
        if text not in names:
            names.append(text)
    return names


def _vocabulary_words(text: str) -> set[str]:
    return {w for w in text.split() if w.isascii() and w.isalnum() and engine_allowed_typos(w) > 0}


def entry_columns(names: list[str]) -> tuple[str, list[list[str]], str]:
    """The stored search columns of ``names``: (index text, name forms, literal forms)."""
    all_forms = [name_forms(name) for name in names]
    return (
        index_text_of_forms(all_forms),
        [forms_to_plain(forms) for forms in all_forms],
        literal_text(all_forms),
    )


def _entry_write(
    *, kind: str, title: Title | None, person: Person | None, names: list[str]
) -> None:
    text, forms, literal = entry_columns(names)
    target = {"title": title} if title is not None else {"person": person}
    SearchEntry.objects.update_or_create(
        **target,
        defaults={
            "kind": kind,
            "text": text,
            "names": names,
            "forms": forms,
            "literal": literal,
            "version": search_memory.entry_version(),
        },
    )
    words = _vocabulary_words(text)
    if words:
        known = set(SearchTerm.objects.filter(term__in=words).values_list("term", flat=True))
        new = words - known
        if new:
            SearchTerm.objects.bulk_create(
                [SearchTerm(term=w) for w in sorted(new)], ignore_conflicts=True
            )
            counter_bump(VOCABULARY_COUNTER)


def entry_refresh_title(title: Title) -> None:
    """Rebuild the title's search entry (call inside the writing transaction)."""
    _entry_write(kind=SearchKind.TITLE, title=title, person=None, names=title_names(title))


def entry_refresh_person(person: Person) -> None:
    """Rebuild the person's search entry (call inside the writing transaction)."""
    _entry_write(kind=SearchKind.PERSON, title=None, person=person, names=person_names(person))


def entries_rebuild() -> int:
    """Rebuild every search entry (after an engine change); returns how many were written."""
    count = 0
    for title in Title.objects.prefetch_related("localised_titles").iterator(chunk_size=500):
        entry_refresh_title(title)
        count += 1
    for person in Person.objects.prefetch_related("names").iterator(chunk_size=500):
        entry_refresh_person(person)
        count += 1
    return count


# --- matching ---------------------------------------------------------------------------------


def _fts_phrase(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _term_q(alternatives: Sequence[str]) -> Q:
    condition = Q()
    for alternative in alternatives:
        condition |= Q(text__contains=alternative)
    return condition


def entries_matching(query: Query, entries: QuerySet[SearchEntry]) -> QuerySet[SearchEntry]:
    """``entries`` narrowed to those where every query term occurs (index-assisted)."""
    if not query.terms:
        return entries
    if connection.vendor == "sqlite":
        indexed = [t for t in query.terms if min(map(len, t.alternatives)) >= MIN_FTS_LENGTH]
        rest = [t for t in query.terms if t not in indexed]
        if indexed:
            match = " AND ".join(
                "(" + " OR ".join(_fts_phrase(a) for a in t.alternatives) + ")" for t in indexed
            )
            entries = entries.filter(
                id__in=RawSQL(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", [match])
            )
        for term in rest:
            entries = entries.filter(_term_q(term.alternatives))
        return entries
    return entries_matching_by_scan(query, entries)


def entries_matching_by_scan(query: Query, entries: QuerySet[SearchEntry]) -> QuerySet[SearchEntry]:
    """The same answer as ``entries_matching`` with plain ``LIKE '%term%'`` conditions only.

    On PostgreSQL this is the production path (pg_trgm's GIN index serves LIKE); on SQLite it
    is a full scan, kept as the benchmark's baseline.
    """
    for term in query.terms:
        entries = entries.filter(_term_q(term.alternatives))
    return entries


# --- typo vocabulary ---------------------------------------------------------------------------

_vocabulary_lock = threading.Lock()
_vocabulary: tuple[tuple[str, int], Vocabulary] | None = None


def vocabulary() -> Vocabulary:
    """This process's copy of the vocabulary, reloaded if any process added words since (or
    the counter was deleted and counted again: its generation changed)."""
    global _vocabulary
    current = counter_stamp(VOCABULARY_COUNTER)
    cached = _vocabulary
    if cached is not None and cached[0] == current:
        return cached[1]
    with _vocabulary_lock:
        if _vocabulary is None or _vocabulary[0] != current:
            words = SearchTerm.objects.values_list("term", flat=True).iterator(chunk_size=5000)
            _vocabulary = (current, Vocabulary(words))
        return _vocabulary[1]


def query_with_typos(query: Query) -> Query:
    """``query`` with each long-enough term widened to the vocabulary words it may have meant.

    Each term is compared as typed and as its skeleton (``typo_sources``). Only the last
    term may be a word still being typed, so only it is compared with the beginnings of
    longer words; terms in Chinese characters get no typo alternatives.
    """
    vocab = vocabulary()
    candidates: dict[str, list[str]] = {}
    last = len(query.terms) - 1
    skeletons = Counter(term.skeleton for term in query.terms)
    for position, term in enumerate(query.terms):
        sources = typo_sources(term)
        if skeletons[term.skeleton] == 1 and any(form in vocab for form, _ in sources):
            # A word of the catalog typed as is is meant: expand_with_typos keeps none of
            # its corrections, found or not (the words of terms with one skeleton are shared).
            candidates[term.skeleton] = [form for form, _ in sources]
            continue
        for form, distance in sources:
            near = vocab.near(form, distance, prefixes=position == last)
            candidates.setdefault(term.skeleton, []).extend(near)
    return expand_with_typos(query, candidates) if candidates else query


def statistics_refresh() -> None:
    """Refresh the query planner's statistics after a bulk load (imports, demo, benchmarks).

    Without them SQLite may plan a search by scanning titles instead of starting from the
    few rows the text index matched.
    """
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("ANALYZE")
        elif connection.vendor == "postgresql":
            cursor.execute("ANALYZE catalog_searchentry, catalog_title")
