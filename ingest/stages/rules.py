"""Load the rule data files (triggers, modality cues, codes) into lookup tables, once."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

RULES_DIR = Path(__file__).resolve().parent.parent / "rules"


@dataclass(frozen=True)
class Trigger:
    """A word that evokes an event type, and what else the sentence needs for it to count."""

    type: str
    lemma: str
    pos: str
    needs: str | None = None


@dataclass
class EventRules:
    """Everything the rule files say about one event type."""

    type: str
    prefilter: list[re.Pattern[str]]  # case-insensitive in effect: run them on the lower-cased sentence
    cue: re.Pattern[str] | None
    triggers: list[Trigger]
    roles: dict[str, str]
    codes: dict[str, str]


@dataclass
class Rules:
    """All rule data, indexed for the stages."""

    events: dict[str, EventRules]
    modality: dict[str, Any]
    by_lemma: dict[tuple[str, str], list[Trigger]] = field(default_factory=dict)
    planned_phrases: list[re.Pattern[str]] = field(default_factory=list)
    _word_sets: dict[tuple[str, ...], frozenset[str]] = field(default_factory=dict, repr=False)

    def words(self, *path: str) -> frozenset[str]:
        """A word list from modality.yaml, e.g. words("not_events", "modals") (built once per path)."""
        if path not in self._word_sets:
            node: Any = self.modality
            for key in path:
                node = node[key]
            self._word_sets[path] = frozenset(node)
        return self._word_sets[path]


def _load_yaml(name: str) -> Any:
    return yaml.safe_load((RULES_DIR / name).read_text(encoding="utf-8"))


def _prefilter(pattern: str) -> re.Pattern[str]:
    """A prefilter pattern; one in lower case is matched case-sensitively against lower-cased text, which
    Python's re does several times faster than an IGNORECASE search (see trigger.sentence_types)."""
    if pattern == pattern.lower():
        return re.compile(pattern)
    return re.compile(pattern, re.IGNORECASE)


@lru_cache(maxsize=1)
def load_rules() -> Rules:
    """Read ingest/rules/*.yaml into a Rules object (cached)."""
    events: dict[str, EventRules] = {}
    for type_, block in _load_yaml("triggers.yaml").items():
        triggers = [Trigger(type_, t["lemma"], t["pos"], t.get("needs")) for t in block["triggers"]]
        events[type_] = EventRules(
            type=type_,
            prefilter=[_prefilter(p) for p in block.get("prefilter", [])],
            cue=re.compile(block["cue"], re.IGNORECASE) if block.get("cue") else None,
            triggers=triggers,
            roles=dict(block.get("roles", {})),
            codes={k: str(v) for k, v in (block.get("codes") or {}).items()},
        )
    modality = _load_yaml("modality.yaml")
    rules = Rules(events=events, modality=modality)
    for event in events.values():
        for trigger in event.triggers:
            rules.by_lemma.setdefault((trigger.lemma, trigger.pos), []).append(trigger)
    rules.planned_phrases = [re.compile(p, re.IGNORECASE) for p in modality["planned"]["phrases"]]
    return rules
