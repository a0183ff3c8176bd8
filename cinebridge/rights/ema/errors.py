"""Problems found in EMA avails, and the exception that carries all of them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class EmaProblem:
    """One problem in an EMA document or record list.

    ``location`` is "line 64" for XML, "row 7, column Territory" for spreadsheets and
    "record 3" for records handed to a writer.  ``element`` names the element (with its
    canonical prefix, e.g. "avails:Metadata") or spreadsheet column (e.g. "Territory")
    the problem is about; ``message`` is a sentence a person can act on.
    """

    location: str
    element: str
    message: str

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"


class EmaInvalid(Exception):
    """Raised when a document or record list breaks the EMA rules.

    ``problems`` lists every problem found (never empty); ``str()`` shows them all, one
    per line, so the message alone is enough to fix the input.
    """

    def __init__(self, problems: Iterable[EmaProblem], what: str = "EMA avails") -> None:
        self.problems: list[EmaProblem] = list(problems)
        if not self.problems:
            raise ValueError("EmaInvalid needs at least one problem")
        self.what = what
        super().__init__(str(self))

    def __str__(self) -> str:
        count = len(self.problems)
        head = f"{count} problem{'s' if count != 1 else ''} in {self.what}:"
        return "\n".join([head, *(f"  {problem}" for problem in self.problems)])
