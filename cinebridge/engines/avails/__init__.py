"""The avails engine: what can be licensed, where, in which media, when, and why not.

Pure Python and numpy, no Django. Apps hand it plain records (rights in, signed grants,
holdbacks) and get plain answers. See docs/avails.md for the data structures.
"""

from cinebridge.engines.avails.columns import RowColumns
from cinebridge.engines.avails.conflicts import GrantConflict, deal_conflicts
from cinebridge.engines.avails.explain import (
    Row,
    RowKind,
    missing_languages,
    row_of,
    title_avails,
)
from cinebridge.engines.avails.index import AvailsIndex, warm_up
from cinebridge.engines.avails.languages import (
    OTHER,
    LanguageLeaves,
    language_leaf,
    meeting_version,
    version_meets,
)
from cinebridge.engines.avails.records import (
    OPEN_END,
    AvailsQuery,
    Block,
    BlockedCell,
    Cell,
    Grant,
    Holdback,
    LanguageVersion,
    Match,
    Period,
    PeriodInvalid,
    Reason,
    RightsIn,
    Status,
    TitleAvails,
)
from cinebridge.engines.avails.results import WHY_REASONS, AvailsResult, WhyNot
from cinebridge.engines.avails.taxonomy import Node, Taxonomy, UnknownCode, bits, refine

__all__ = [
    "OPEN_END",
    "OTHER",
    "WHY_REASONS",
    "LanguageLeaves",
    "WhyNot",
    "language_leaf",
    "AvailsIndex",
    "AvailsQuery",
    "AvailsResult",
    "Block",
    "BlockedCell",
    "Cell",
    "Grant",
    "GrantConflict",
    "Holdback",
    "LanguageVersion",
    "Match",
    "Node",
    "Period",
    "PeriodInvalid",
    "Reason",
    "RightsIn",
    "Row",
    "RowColumns",
    "RowKind",
    "Status",
    "Taxonomy",
    "TitleAvails",
    "UnknownCode",
    "bits",
    "deal_conflicts",
    "meeting_version",
    "missing_languages",
    "refine",
    "row_of",
    "title_avails",
    "version_meets",
    "warm_up",
]
