"""Multilingual text search core: fold and romanise names, match query terms, rank hits.

Pure Python, no Django. See docs/search.md for how the database side uses it.
"""

from cinebridge.engines.text.fuzzy import allowed_typos, trigrams, typo_distance
from cinebridge.engines.text.normalise import (
    NameForms,
    fold,
    forms_from_plain,
    forms_to_plain,
    index_text,
    name_forms,
    romanise,
    skeleton,
)
from cinebridge.engines.text.query import (
    Query,
    QueryTerm,
    expand_with_typos,
    parse_query,
    query_matches,
    term_matches,
    typo_cost,
    typo_sources,
)
from cinebridge.engines.text.ranking import Candidate, Hit, rank

__all__ = [
    "Candidate",
    "Hit",
    "NameForms",
    "Query",
    "QueryTerm",
    "allowed_typos",
    "expand_with_typos",
    "fold",
    "forms_from_plain",
    "forms_to_plain",
    "index_text",
    "name_forms",
    "parse_query",
    "query_matches",
    "rank",
    "romanise",
    "skeleton",
    "term_matches",
    "trigrams",
    "typo_cost",
    "typo_distance",
    "typo_sources",
]
