"""What each audience sees of a title: one rule for its page, the API and the file exports.

- public (anyone): the title's identity (kind, names, year, countries, genres, synopses,
  reference) and its public links (trailers, posters, stills);
- trade (any signed-in user): also full credits, language versions, episodes, screeners
  and press kits;
- owner (members of the owning organisation): also drafts, internal notes, the asking
  price, popularity and the title's history.

Which titles a user may see at all (drafts) is ``selectors.titles_visible``; which of a
visible title's sections they see is ``title_view`` here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cinebridge.catalog.models import PUBLIC_ASSET_KINDS
from cinebridge.core.permissions import member_org_ids

ACCESS_PUBLIC, ACCESS_TRADE, ACCESS_OWNER = "public", "trade", "owner"
ACCESS_LEVELS = (ACCESS_PUBLIC, ACCESS_TRADE, ACCESS_OWNER)  # narrowest first


def title_access(user: Any, title: Any) -> str:
    """``owner`` for the owner's members, ``trade`` for other signed-in users, else ``public``."""
    if title.owner_id in member_org_ids(user):
        return ACCESS_OWNER
    if getattr(user, "is_authenticated", False):
        return ACCESS_TRADE
    return ACCESS_PUBLIC


def narrowest(*levels: str) -> str:
    """The access level that shows least of ``levels`` (an export capped at trade...)."""
    return min(levels, key=ACCESS_LEVELS.index)


@dataclass(frozen=True)
class TitleView:
    """The sections of a title one access level shows."""

    access: str
    credits: bool  # credits, and the credited people's names in other scripts
    versions: bool  # language versions
    episodes: bool
    trade_assets: bool  # screeners and press kits
    private: bool  # internal notes, asking price, popularity, history

    @property
    def trade(self) -> bool:
        """True when any trade section shows (the page's sign-in box shows otherwise)."""
        return self.credits or self.versions or self.episodes or self.trade_assets

    def shows_asset(self, kind: str) -> bool:
        """True when an asset of ``kind`` (trailer, screener...) is shown."""
        return kind in PUBLIC_ASSET_KINDS or self.trade_assets


def title_view(access: str) -> TitleView:
    """What ``access`` (``public``, ``trade`` or ``owner``) shows of a title."""
    if access not in ACCESS_LEVELS:
        raise ValueError(f"unknown access level {access!r}")
    trade = access != ACCESS_PUBLIC
    return TitleView(
        access=access,
        credits=trade,
        versions=trade,
        episodes=trade,
        trade_assets=trade,
        private=access == ACCESS_OWNER,
    )


def title_view_for(user: Any, title: Any) -> TitleView:
    """What ``user`` sees of ``title`` (a title they may see at all)."""
    return title_view(title_access(user, title))
