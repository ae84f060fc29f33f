"""Organisations, agencies and non-state groups from `data/organisations.yaml`."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

from graph.errors import ConfigError
from graph.models import Actor, ActorKind
from ingest.kb.loader import DATA_DIR, SafeLoader

ORGANISATIONS_FILE = DATA_DIR / "organisations.yaml"
_FIELDS = {"id", "name", "kind", "country", "aliases", "metonyms", "head_role", "parent", "head_phrases"}


@dataclass
class Organisation:
    """An organisation or group; `head_role` names the country office that leads a national agency."""

    id: str
    name: str
    kind: ActorKind = "organisation"
    country: str | None = None
    aliases: list[str] = field(default_factory=list)
    metonyms: list[str] = field(default_factory=list)
    head_role: str | None = None
    parent: str | None = None
    head_phrases: list[str] = field(default_factory=list)

    def actor(self) -> Actor:
        """The organisation as a graph actor."""
        return Actor(id=self.id, name=self.name, kind=self.kind, aliases=self.aliases + self.metonyms,
                     country=self.country)


@cache
def load_organisations(path: Path = ORGANISATIONS_FILE) -> dict[str, Organisation]:
    """The organisations file keyed by actor id."""
    entries = yaml.load(path.read_text(encoding="utf-8"), Loader=SafeLoader) or []
    organisations: dict[str, Organisation] = {}
    for entry in entries:
        unknown = set(entry) - _FIELDS
        if unknown:
            # An unquoted comma in a flow mapping silently makes a key of half a name: fail loudly.
            raise ConfigError(f"{path}: {entry.get('id')}: unknown fields {sorted(map(str, unknown))}")
        organisation = Organisation(
            id=entry["id"], name=entry["name"], kind=entry.get("kind", "organisation"),
            country=entry.get("country"), aliases=list(entry.get("aliases") or []),
            metonyms=list(entry.get("metonyms") or []), head_role=entry.get("head_role"),
            parent=entry.get("parent"), head_phrases=list(entry.get("head_phrases") or []),
        )
        organisations[organisation.id] = organisation
    return organisations
