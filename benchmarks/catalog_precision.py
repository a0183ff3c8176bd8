"""How precisely toneless pinyin finds Chinese titles in the synthetic catalog.

Each sampled published zh-Hans title is searched for by its pinyin as typed (pypinyin's
phrase reading, syllables spaced or run together). A hit is relevant when its original
title contains the sampled title's characters. Pinyin without tones, the skeleton and
the other readings of polyphonic characters all widen a pinyin search; this table shows
what that costs in precision.
"""

from __future__ import annotations

import statistics

from django.contrib.auth.models import AnonymousUser

from benchmarks import synthetic
from cinebridge.catalog import selectors
from cinebridge.catalog.models import Title, TitleStatus

SAMPLE = 150


def pinyin_precision(sample: int = SAMPLE) -> list[list[str]]:
    """Rows (spelling, queries, found, precision, P@10, MRR, median hits) for the report."""
    zh = list(
        Title.objects.filter(status=TitleStatus.PUBLISHED, original_language="zh-Hans")
        .order_by("id")
        .values_list("id", "original_title")
    )
    picked = zh[:: max(1, len(zh) // sample)][:sample]
    originals = dict(Title.objects.values_list("id", "original_title"))
    rows = []
    for spaced in (True, False):
        precision, at_ten, reciprocal, counts, found = [], [], [], [], 0
        for pk, han in picked:
            text = synthetic.pinyin_plain(han, spaced=spaced)
            hits = selectors.catalog_search(user=AnonymousUser(), text=text).title_hits
            keys = [hit.key for hit in hits]
            relevant = [han in originals[key] for key in keys]
            precision.append(sum(relevant) / len(keys) if keys else 0.0)
            at_ten.append(sum(relevant[:10]) / len(relevant[:10]) if keys else 0.0)
            reciprocal.append(1 / (keys.index(pk) + 1) if pk in keys else 0.0)
            counts.append(len(keys))
            found += pk in keys
        rows.append(
            [
                "spaced" if spaced else "joined",
                str(len(picked)),
                str(found),
                f"{statistics.mean(precision):.3f}",
                f"{statistics.mean(at_ten):.3f}",
                f"{statistics.mean(reciprocal):.3f}",
                f"{statistics.median(counts):g}",
            ]
        )
    return rows
