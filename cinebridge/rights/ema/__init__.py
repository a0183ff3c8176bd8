"""Codec for the EMA (MovieLabs) Avails formats: XML v2.x and spreadsheet templates v1.9.

    avails_from_xml(data: bytes, *, check_schema=True) -> list[EmaAvail]
    avails_to_xml(records, *, licensor_default=None) -> bytes
    avails_from_xlsx(data: bytes) -> list[EmaAvail]
    avails_to_xlsx(records) -> bytes

Readers raise :class:`EmaInvalid` with every :class:`EmaProblem` they find; writers raise
it for records that cannot be expressed.  One :class:`EmaAvail` is one Transaction (one
spreadsheet row).  Pure Python: no database, no Django models.
"""

from .errors import EmaInvalid, EmaProblem
from .records import LICENSE_TYPE_TO_MEDIUM, MEDIUM_TO_LICENSE_TYPE, EmaAvail
from .schema import get_schema
from .xlsx_io import avails_from_xlsx, avails_to_xlsx
from .xml_io import avails_from_xml
from .xml_write import avails_to_xml

__all__ = [
    "LICENSE_TYPE_TO_MEDIUM",
    "MEDIUM_TO_LICENSE_TYPE",
    "EmaAvail",
    "EmaInvalid",
    "EmaProblem",
    "avails_from_xlsx",
    "avails_from_xml",
    "avails_to_xlsx",
    "avails_to_xml",
    "get_schema",
]
