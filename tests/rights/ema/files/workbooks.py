"""Synthetic EMA Avails spreadsheets (templates v1.9), built with openpyxl from the template
layout the codec ships (``xlsx-templates-v1.9.json``): three header rows, then one row per
transaction.  Every value is made up; ``python -m tests.rights.ema.files.workbooks DIR``
writes the two workbooks to DIR for a look in a spreadsheet program.
"""

from __future__ import annotations

import sys
from datetime import date
from io import BytesIO
from pathlib import Path
from typing import Any

import openpyxl

from cinebridge.rights.ema.xlsx_io import TEMPLATE_VERSION, TEMPLATES

LICENSOR = "Example Animation"

MOVIE_ROWS: list[dict[str, Any]] = [
    {
        "DisplayName": LICENSOR,
        "AssetLanguage": "ru",
        "Territory": "VN,TH",
        "WorkType": "Movie",
        "EntryType": "Full Extract",
        "TitleInternalAlias": "Hedgehog in the Fog",
        "TitleDisplayUnlimited": "Ёжик в тумане",
        "LicenseType": "SVOD",
        "FormatProfile": "HD",
        "Start": date(2027, 3, 1),
        "End": date(2029, 3, 1),
        "PriceType": "WSP",
        "PriceValue": 4.99,
        "PriceCurrency": "USD",
        "SRP": 6.99,
        "AltID": "EX-HEDGEHOG",
        "ContentID": "md:cid:org:example:hedgehog",
        "AvailID": "HEDGEHOG-SVOD-VN",
        "ALID": "md:alid:org:example:hedgehog",
        "SuppressionLiftDate": date(2027, 2, 15),
        "ReleaseYear": 1975,
        "RatingSystem": "FSK",
        "RatingValue": "0",
        "ContractID": "EX-2027-014",
        "Exclusive": True,
        "AllowedLanguages": "vi,zh-Hant",
    },
    {
        "DisplayName": LICENSOR,
        "AssetLanguage": "ru",
        "Territory": "US",
        "WorkType": "Movie",
        "EntryType": "Full Extract",
        "TitleInternalAlias": "Hedgehog in the Fog",
        "TitleDisplayUnlimited": "Ёжик в тумане",
        "LicenseType": "AVOD",
        "FormatProfile": "SD",
        "Start": date(2027, 6, 1),
        "End": "Open",
        "AltID": "EX-HEDGEHOG",
        "ContentID": "md:cid:org:example:hedgehog",
        "ALID": "md:alid:org:example:hedgehog",
        "ReleaseYear": 1975,
        "Exclusive": False,
    },
    {
        "DisplayName": LICENSOR,
        "AssetLanguage": "en",
        "Territory": "GB,IE",
        "WorkType": "Movie",
        "EntryType": "Full Extract",
        "TitleInternalAlias": "The Tale of Tales",
        "LicenseType": "EST",
        "FormatProfile": "HD",
        "Start": date(2027, 1, 1),
        "End": date(2030, 1, 1),
        "PriceType": "Tier",
        "PriceValue": 3,
        "ContentID": "md:cid:org:example:tales",
        "AvailID": "TALES-EST-GB",
        "ALID": "md:alid:org:example:tales",
        "RatingSystem": "BBFC",
        "RatingValue": "PG",
        "Exclusive": False,
    },
]


def _episode(number: int, avail_id: str | None) -> dict[str, Any]:
    return {
        "DisplayName": LICENSOR,
        "AssetLanguage": "ru",
        "Territory": "VN",
        "WorkType": "Episode",
        "EntryType": "Full Extract",
        "SeriesTitleInternalAlias": "Just You Wait",
        "SeriesTitleDisplayUnlimited": "Just You Wait",
        "SeasonNumber": 1,
        "EpisodeNumber": number,
        "EpisodeTitleInternalAlias": f"Episode {number}",
        "ALID": f"md:alid:org:example:wolf-s01e{number:02d}",
        "LicenseType": "SVOD",
        "FormatProfile": "HD",
        "Start": date(2027, 1, 1),
        "End": date(2028, 1, 1),
        "PriceType": "EpisodeWSP",
        "PriceValue": 25000,
        "PriceCurrency": "VND",
        "SeriesContentID": "md:cid:org:example:wolf",
        "SeasonContentID": "md:cid:org:example:wolf-s01",
        "EpisodeContentID": f"md:cid:org:example:wolf-s01e{number:02d}",
        "AvailID": avail_id,
        "Exclusive": True,
        "RatingSystem": "RARS",
        "RatingValue": "0+",
    }


TV_ROWS: list[dict[str, Any]] = [
    _episode(1, "WOLF-S01E01-SVOD"),
    _episode(2, "WOLF-S01E02-SVOD"),
    _episode(3, None),
    {
        "DisplayName": LICENSOR,
        "Territory": "RU,KZ",
        "WorkType": "Season",
        "EntryType": "Full Extract",
        "SeriesTitleInternalAlias": "Just You Wait",
        "SeriesTitleDisplayUnlimited": "Just You Wait",
        "SeasonNumber": 2,
        "SeasonTitleDisplayUnlimited": "Season two",
        "ALID": "md:alid:org:example:wolf-s02",
        "LicenseType": "EST",
        "FormatProfile": "HD",
        "Start": date(2027, 1, 1),
        "End": "Open",
        "PriceType": "SeasonWSP",
        "PriceValue": 990,
        "PriceCurrency": "RUB",
        "SeriesContentID": "md:cid:org:example:wolf",
        "SeasonContentID": "md:cid:org:example:wolf-s02",
        "AvailID": "WOLF-S02-EST",
    },
]


def workbook(kind: str, rows: list[dict[str, Any]]) -> bytes:
    """An .xlsx in the v1.9 ``kind`` ("movies" or "tv") template layout holding ``rows``."""
    template = TEMPLATES[kind]
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = template["sheet"]
    groups, names, comments = zip(*template["columns"], strict=True)
    sheet.append(list(groups))
    sheet.append(list(names))
    sheet.append([TEMPLATE_VERSION, *comments[1:]])
    for row in rows:
        unknown = set(row) - set(names)
        assert not unknown, f"not template columns: {unknown}"
        sheet.append([row.get(name) for name in names])
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def movies_workbook(rows: list[dict[str, Any]] | None = None) -> bytes:
    """The synthetic Movies v1.9 workbook (or one holding ``rows``)."""
    return workbook("movies", MOVIE_ROWS if rows is None else rows)


def tv_workbook(rows: list[dict[str, Any]] | None = None) -> bytes:
    """The synthetic TV v1.9 workbook (or one holding ``rows``)."""
    return workbook("tv", TV_ROWS if rows is None else rows)


if __name__ == "__main__":
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else ".")
    (folder / "movies_v1.9.xlsx").write_bytes(movies_workbook())
    (folder / "tv_v1.9.xlsx").write_bytes(tv_workbook())
