"""Template filters of the web UI: reference names and title texts in the active UI language.

Every filter reads what the views already prefetched (``.all()`` on related managers), so a
results grid costs no query per card.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from babel.numbers import format_currency
from django import template
from django.utils.translation import get_language, to_locale

from cinebridge.core import reference
from cinebridge.core.audit import ACTION_LABELS

register = template.Library()


def _ui_language() -> str:
    return (get_language() or "en").lower()


def _language_rank(tag: str, ui: str) -> int | None:
    """How well the BCP 47 ``tag`` suits the UI language ``ui`` (lower is better, None: not)."""
    tag = (tag or "").lower()
    ui_base = ui.split("-")[0]
    if tag == ui:
        return 0
    if tag.split("-")[0] != ui_base:
        return None
    # A romanisation (ru-Latn, zh-Latn-pinyin) is not written in the reader's script: a Russian
    # reader is better served by the English title than by "Nu, pogodi!".
    if "-latn" in tag:
        return None
    # For a Simplified Chinese UI a Traditional title is worse than an unmarked one.
    if ui == "zh-hans" and "-hant" in tag:
        return 2
    return 1


@register.filter
def nfc(text: str) -> str:
    """``text`` in Unicode NFC (Django spells some language names with combining accents)."""
    return unicodedata.normalize("NFC", str(text))


@register.filter
def country_name(code: str) -> str:
    """The country's name in the UI language (``RU`` -> ``Russia`` / ``Россия`` / ``俄罗斯``)."""
    return reference.country_name(code, _ui_language())


@register.filter
def language_name(tag: str) -> str:
    """The language's name in the UI language (``zh-Hans`` -> ``Chinese (Simplified)``)."""
    return reference.language_name(tag, _ui_language())


@register.filter
def country_names(title: Any) -> str:
    """A title's production countries, named in the UI language, comma separated."""
    return ", ".join(
        reference.country_name(c.country, _ui_language()) for c in title.countries.all()
    )


def _best_for_language(
    items: Iterable[Any], ui: str, kind_order: Mapping[str, int] | None = None
) -> Any:
    best, best_key = None, None
    for item in items:
        rank = _language_rank(item.language, ui)
        if rank is None:
            continue
        key = (rank, (kind_order or {}).get(getattr(item, "kind", ""), 9))
        if best_key is None or key < best_key:
            best, best_key = item, key
    return best


_TITLE_KIND_ORDER = {"official": 0, "alternative": 1, "romanisation": 2}


@register.filter
def localised_title(title: Any) -> str:
    """The title's name in the UI language, else its English name, else ``""``.

    Empty when that name is the original title itself (a Russian film seen in the Russian UI).
    """
    names = list(title.localised_titles.all())
    chosen = _best_for_language(names, _ui_language(), _TITLE_KIND_ORDER) or _best_for_language(
        names, "en", _TITLE_KIND_ORDER
    )
    if chosen is None or chosen.text == title.original_title:
        return ""
    return chosen.text


@register.filter
def synopsis(title: Any) -> str:
    """The synopsis in the UI language, else English, else the original language's, else any."""
    texts = list(title.synopses.all())
    if not texts:
        return ""
    for ui in (_ui_language(), "en", (title.original_language or "").lower()):
        chosen = _best_for_language(texts, ui)
        if chosen is not None:
            return chosen.text
    return texts[0].text


@register.filter
def genre_name(genre: Any) -> str:
    """The genre's name in the UI language."""
    return genre.localised_name(get_language() or "en")


@register.filter
def assets_of_kind(title: Any, kind: str) -> list[Any]:
    """The title's media assets of ``kind`` (``poster``, ``trailer``, ``screener``...)."""
    return [a for a in title.assets.all() if a.kind == kind]


@register.filter
def poster(title: Any) -> Any:
    """The title's first poster asset, or None."""
    return next((a for a in title.assets.all() if a.kind == "poster"), None)


@register.filter
def public_assets(title: Any) -> list[Any]:
    """Trailers, posters and stills: shown to everyone."""
    return [a for a in title.assets.all() if a.is_public]


@register.filter
def trade_assets(title: Any) -> list[Any]:
    """Screeners and press kits: shown to signed-in trade users only."""
    return [a for a in title.assets.all() if not a.is_public]


@register.filter
def credits_by_role(title: Any) -> list[tuple[str, list[Any]]]:
    """The title's credits grouped by role, roles in the platform's order, credits in theirs."""
    from cinebridge.catalog.models import CreditRole

    groups: dict[str, list[Any]] = {}
    for credit in title.credits.all():
        groups.setdefault(credit.role, []).append(credit)
    return [(label, groups[value]) for value, label in CreditRole.choices if value in groups]


@register.filter
def other_names(person: Any) -> str:
    """The person's names in other scripts, joined with `` / ``."""
    return " / ".join(n.text for n in person.names.all() if n.text != person.name)


@register.filter
def role_label(code: str) -> str:
    """The translated label of an organisation role code (``sales`` -> ``Sales``)."""
    from cinebridge.organisations.models import Role

    try:
        return str(Role(code).label)
    except ValueError:
        return code


@register.filter
def found_via(hits: Mapping[int, Any] | None, title: Any) -> str:
    """The name a search hit matched when it is not the original title, else ``""``."""
    hit = (hits or {}).get(title.pk)
    name = getattr(hit, "matched_name", "")
    return name if name and name != title.original_title else ""


@register.filter
def action_label(action: str) -> str:
    """The words for an audit action (``deal.signed`` -> "Signed"), else the code itself."""
    return str(ACTION_LABELS.get(action, action))


@register.filter
def change_text(value: Any) -> str:
    """An audit change as text: ``[old, new]`` pairs as ``old → new``, other values as is."""
    if isinstance(value, list) and len(value) == 2:
        old, new = ("—" if v in (None, "") else v for v in value)
        return f"{old} → {new}"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


@register.filter
def money(amount: Decimal | None, currency: str) -> str:
    """``amount`` in ``currency`` formatted for the UI language (``$ 5,900,000.00``)."""
    if amount is None:
        return ""
    if not currency:
        return str(amount)
    try:
        return format_currency(amount, currency, locale=to_locale(get_language() or "en"))
    except (ValueError, LookupError):
        return f"{amount} {currency}"
