"""Countries: pycountry's ISO table corrected and extended by `data/countries.yaml`."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pycountry
import yaml

from graph.errors import ConfigError
from graph.models import Actor
from ingest.kb.loader import DATA_DIR, SafeLoader
from ingest.kb.text import normalize

COUNTRIES_FILE = DATA_DIR / "countries.yaml"
_FIELDS = {"name", "variants", "capitals", "demonyms", "seats", "iso2"}
_NO_PLURAL_ENDINGS = ("ese", "ish", "ch", "sh", "s", "x", "z", "i-kiribati", "ni-vanuatu")


@dataclass
class Country:
    """A state or polity with every form news text uses for it."""

    iso3: str
    iso2: str | None
    name: str
    variants: list[str] = field(default_factory=list)
    capitals: list[str] = field(default_factory=list)
    demonyms: list[str] = field(default_factory=list)
    seats: list[str] = field(default_factory=list)

    @property
    def actor_id(self) -> str:
        """The country's actor id, `country:ISO3`."""
        return f"country:{self.iso3}"

    def seat_keys(self) -> set[str]:
        """The normalised names of its seats of government ("kremlin", "white house")."""
        return {normalize(seat) for seat in self.seats}

    def actor(self) -> Actor:
        """The country as a graph actor."""
        return Actor(id=self.actor_id, name=self.name, kind="country", aliases=list(self.variants),
                     country=self.iso3)


@cache
def load_countries(path: Path = COUNTRIES_FILE) -> dict[str, Country]:
    """Every pycountry country plus the polities it lacks, keyed by ISO alpha-3."""
    extra: dict[str, dict[str, object]] = yaml.load(path.read_text(encoding="utf-8"), Loader=SafeLoader) or {}
    for iso3, data in extra.items():
        unknown = set(data) - _FIELDS
        if unknown:
            raise ConfigError(f"{path}: {iso3}: unknown fields {sorted(map(str, unknown))}")
    countries: dict[str, Country] = {}
    for record in pycountry.countries:
        data = extra.get(record.alpha_3, {})
        iso_names = [getattr(record, "common_name", None), record.name, getattr(record, "official_name", None)]
        countries[record.alpha_3] = _country(record.alpha_3, record.alpha_2, data, iso_names)
    for iso3, data in extra.items():
        if iso3 not in countries:
            countries[iso3] = _country(iso3, _text(data.get("iso2")), data, [])
    return countries


def demonym_forms(demonym: str) -> list[str]:
    """The adjective and, where English has one, its plural people form (`Kazakh`, `Kazakhs`)."""
    if demonym.lower().endswith(_NO_PLURAL_ENDINGS):
        return [demonym]
    return [demonym, demonym + "s"]


def _country(iso3: str, iso2: str | None, data: dict[str, object], iso_names: list[str | None]) -> Country:
    plain_iso = [name for name in iso_names if name and "," not in name and "(" not in name]
    name = _text(data.get("name")) or (plain_iso[0] if plain_iso else iso3)
    variants = _list(data.get("variants"))
    variants += [extra for extra in plain_iso if extra != name and extra not in variants]
    return Country(iso3=iso3, iso2=iso2, name=name, variants=variants, capitals=_list(data.get("capitals")),
                   demonyms=_list(data.get("demonyms")), seats=_list(data.get("seats")))


def _text(value: object) -> str | None:
    return str(value) if value else None


def _list(value: object) -> list[str]:
    return [str(item) for item in value] if isinstance(value, list) else []
