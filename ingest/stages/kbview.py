"""The extractor's view of the actor knowledge base (ingest.kb), with a small fallback without it."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import pycountry

from ingest.stages.types import ActorRef

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Form:
    """A string to look for in text, how it names an actor, and whether case must match exactly."""

    text: str
    how: str
    exact: bool


@dataclass(frozen=True)
class Resolved:
    """An actor a mention resolved to, and how (name, surname, role, capital, demonym, ...)."""

    actor: ActorRef
    how: str


class ActorBook:
    """Resolve mentions to actors through ingest.kb when it is available, else through pycountry."""

    def __init__(self, kb: Any | None) -> None:
        self.kb = kb
        self._cache: dict[tuple[str, str | None, dt.date | None], Resolved | None] = {}

    def resolve(self, text: str, country_hint: str | None = None, day: dt.date | None = None) -> Resolved | None:
        """The actor `text` names on `day`, or None."""
        key = (text, country_hint, day)
        if key not in self._cache:
            self._cache[key] = self._resolve(text, country_hint, day)
        return self._cache[key]

    def _resolve(self, text: str, country_hint: str | None, day: dt.date | None) -> Resolved | None:
        if self.kb is None:
            iso3 = _pycountry_iso3(text)
            return Resolved(self.country_actor(iso3), "country") if iso3 else None
        hit = self.kb.resolve(text, country_hint=country_hint, date=day)
        if hit is None:
            return None
        return Resolved(ActorRef.from_actor(hit.actor), str(hit.how))

    def forms(self) -> list[Form]:
        """Every name, alias, surname, country, capital, demonym and organisation name to look for."""
        if self.kb is None:
            return [Form(c.name, "country", False) for c in pycountry.countries]
        return [Form(f.text, str(f.how), bool(getattr(f, "exact", False))) for f in self.kb.surface_forms()]

    def role_phrases(self) -> list[str]:
        """Role nouns such as "foreign minister" or "Pentagon chief"."""
        return list(self.kb.role_phrases()) if self.kb is not None else []

    def country(self, text: str) -> str | None:
        """The ISO alpha-3 code a country name, demonym or capital stands for."""
        if self.kb is None:
            return _pycountry_iso3(text)
        code = self.kb.country(text)
        return str(code) if code else None

    def country_actor(self, iso3: str) -> ActorRef:
        """The country actor for an ISO alpha-3 code."""
        if self.kb is not None:
            actor = self.kb.get(f"country:{iso3}")
            if actor is not None:
                return ActorRef.from_actor(actor)
        record = pycountry.countries.get(alpha_3=iso3)
        name = getattr(record, "common_name", None) or getattr(record, "name", iso3)
        return ActorRef(id=f"country:{iso3}", name=name, kind="country", country=iso3)


def _pycountry_iso3(text: str) -> str | None:
    try:
        return str(pycountry.countries.lookup(text).alpha_3)
    except LookupError:
        return None


@lru_cache(maxsize=1)
def default_book() -> ActorBook:
    """The book over ingest.kb's default knowledge base, or the fallback when it cannot load."""
    try:
        from ingest.kb import default_kb
    except ImportError:
        logger.warning("ingest.kb is not available: resolving countries only")
        return ActorBook(None)
    return ActorBook(default_kb())
