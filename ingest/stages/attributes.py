"""Drop-ins for spaCy's attribute_ruler and rule lemmatizer that set the same attributes through caches.

The packaged ruler runs a Matcher with ~180 token patterns (mostly "TAG X -> POS Y") over every token,
which costs as much as the tagger and parser together. A token's single-token matches depend only on its
(TAG, LOWER, DEP, IS_SPACE), so they are worked out once per distinct combination and cached; the few
multi-token patterns ("gon na", "let 's") send a document down the exact ordered path. Patterns with
anything but plain values, IN, NOT_IN and REGEX over those four attributes make `compile_ruler` return
None, and the caller keeps the packaged component.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.strings import StringStore
from spacy.tokens import Doc

View = tuple[str, str, str, bool]  # TAG, LOWER, DEP, IS_SPACE as strings
Check = Callable[[View], bool]
_FIELDS = {"TAG": 0, "LOWER": 1, "DEP": 2, "IS_SPACE": 3}
_READ: list[int | str] = [TAG, LOWER, DEP, IS_SPACE]
_LEMMA_READ: list[int | str] = [ORTH, POS, MORPH, LEMMA]
CACHE_LIMIT = 200_000


class UnsupportedPattern(ValueError):
    """A ruler pattern uses an attribute or operator this module does not reproduce."""


@dataclass(frozen=True)
class _Rule:
    """One matcher pattern of one ruler entry: conditions per token, and which token gets the attributes."""

    order: int
    checks: tuple[Check, ...]
    index: int
    attrs: dict[int, int]


def _condition(field: int, spec: object) -> Check:
    if isinstance(spec, dict):
        if len(spec) != 1:
            raise UnsupportedPattern(f"several operators in one condition: {spec}")
        (op, value), = spec.items()
        if op == "IN":
            members = frozenset(value)
            return lambda view: view[field] in members
        if op == "NOT_IN":
            outsiders = frozenset(value)
            return lambda view: view[field] not in outsiders
        if op == "REGEX":
            regex = re.compile(value)
            return lambda view: bool(regex.search(view[field]))
        raise UnsupportedPattern(f"operator {op}")
    return lambda view: view[field] == spec


def _token_check(spec: dict[str, Any]) -> Check:
    checks = []
    for attr, value in spec.items():
        if attr not in _FIELDS:
            raise UnsupportedPattern(f"attribute {attr}")
        checks.append(_condition(_FIELDS[attr], value))
    return lambda view: all(check(view) for check in checks)


def _lower_values(spec: dict[str, Any]) -> frozenset[str] | None:
    """The lower-case forms a token pattern is limited to, if it names them (plain value or IN)."""
    value = spec.get("LOWER")
    if isinstance(value, str):
        return frozenset([value])
    if isinstance(value, dict) and set(value) == {"IN"}:
        return frozenset(value["IN"])
    return None


class FastAttributeRuler:
    """Applies an AttributeRuler's patterns in its order (later entries win), without its Matcher."""

    def __init__(self, ruler: AttributeRuler) -> None:
        self._strings: StringStore = ruler.vocab.strings
        self._single: list[_Rule] = []
        self._multi: list[_Rule] = []
        self._wordless: list[_Rule] = []  # no condition on the word: the same for every word of a shape
        self._by_word: dict[str, list[_Rule]] = {}  # the word must be one of a list
        self._word_pattern: list[_Rule] = []  # a regular expression or exclusion over the word
        entries: list[Any] = list(ruler.patterns)
        for order, entry in enumerate(entries):
            for pattern in entry["patterns"]:
                rule = _Rule(order, tuple(_token_check(spec) for spec in pattern), int(entry.get("index", 0)),
                             dict(ruler.attrs[order]))
                if len(pattern) > 1:
                    self._multi.append(rule)
                    continue
                self._single.append(rule)
                words = _lower_values(pattern[0])
                if "LOWER" not in pattern[0]:
                    self._wordless.append(rule)
                elif words is None:
                    self._word_pattern.append(rule)
                for word in words or ():
                    self._by_word.setdefault(word, []).append(rule)
        self.columns: list[int | str] = sorted({attr for rule in self._single + self._multi for attr in rule.attrs})
        self._position = {attr: col for col, attr in enumerate(self.columns)}
        self._cache: dict[tuple[int, ...], tuple[list[_Rule], dict[int, int], bool]] = {}
        self._shapes: dict[tuple[int, int, int], list[_Rule]] = {}

    def _work_out(self, key: tuple[int, ...]) -> tuple[list[_Rule], dict[int, int], bool]:
        """The single-token rules a token matches (in ruler order), their merged attributes, and whether a
        multi-token rule may start at it."""
        tag, _, dep, space = key
        view = self._view(key)
        shape = (tag, dep, space)
        if shape not in self._shapes:
            self._shapes[shape] = [r for r in self._wordless if r.checks[0](view)]
        rules = self._shapes[shape] + [r for r in self._by_word.get(view[1], []) + self._word_pattern
                                       if r.checks[0](view)]
        rules.sort(key=lambda r: r.order)
        return rules, _merge(rules), any(rule.checks[0](view) for rule in self._multi)

    def __call__(self, doc: Doc) -> Doc:
        """Set POS, MORPH, LEMMA (and the rest the rules name) as the packaged ruler would."""
        if not len(doc):
            return doc
        if len(self._cache) > CACHE_LIMIT:
            self._cache.clear()  # a long-running worker meets ever new words
        keys = [tuple(row) for row in doc.to_array(_READ).tolist()]
        found = []
        for key in keys:
            hit = self._cache.get(key)
            if hit is None:
                hit = self._cache[key] = self._work_out(key)
            found.append(hit)
        merged = [attrs for _, attrs, _ in found]
        starts = [i for i, (_, _, may_start) in enumerate(found) if may_start]
        for target, extra in self._multi_matches(keys, starts).items():
            # several rules on one token: the ruler applies them by entry order
            merged[target] = _merge(sorted(found[target][0] + extra, key=lambda r: r.order))
        values = doc.to_array(self.columns).tolist()
        for row, attrs in zip(values, merged, strict=True):
            for attr, value in attrs.items():
                row[self._position[attr]] = value
        array: Any = numpy.array(values, dtype=numpy.uint64).reshape(len(doc), len(self.columns))
        doc.from_array(self.columns, array)
        return doc

    def _multi_matches(self, keys: list[tuple[int, ...]], starts: list[int]) -> dict[int, list[_Rule]]:
        """Multi-token rules matching from the given starts, by the token they set."""
        out: dict[int, list[_Rule]] = {}
        for start in starts:
            for rule in self._multi:
                end = start + len(rule.checks)
                if end <= len(keys) and all(check(self._view(keys[start + k])) for k, check in enumerate(rule.checks)):
                    out.setdefault((start if rule.index >= 0 else end) + rule.index, []).append(rule)
        return out

    def _view(self, key: tuple[int, ...]) -> View:
        tag, lower, dep, space = key
        return self._strings[tag], self._strings[lower], self._strings[dep], bool(space)


def _merge(rules: list[_Rule]) -> dict[int, int]:
    merged: dict[int, int] = {}
    for rule in rules:
        merged.update(rule.attrs)
    return merged


def compile_ruler(ruler: AttributeRuler) -> FastAttributeRuler | None:
    """The fast equivalent of `ruler`, or None when one of its patterns is beyond this module."""
    try:
        return FastAttributeRuler(ruler)
    except UnsupportedPattern:
        return None


class CachedLemmatizer:
    """spaCy's rule lemmatizer with every answer cached by (word, POS, morphology), which is all it reads.

    The packaged one caches only the words it has to look up, not those it finds in base form, and
    builds a Token object for every word of every sentence either way.
    """

    def __init__(self, lemmatizer: Lemmatizer) -> None:
        self._lemmatizer = lemmatizer
        self._strings: StringStore = lemmatizer.vocab.strings
        self._cache: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Doc) -> Doc:
        """Set the lemma of every token that has none yet, as the packaged lemmatizer would."""
        if not len(doc):
            return doc
        if len(self._cache) > CACHE_LIMIT:
            self._cache.clear()
        rows = doc.to_array(_LEMMA_READ).tolist()
        lemmas = []
        for i, (orth, pos, morph, lemma) in enumerate(rows):
            if lemma == 0:
                key = (orth, pos, morph)
                lemma = self._cache.get(key, 0)
                if lemma == 0:
                    lemma = self._cache[key] = self._strings.add(self._lemmatizer.lemmatize(doc[i])[0])
            lemmas.append(lemma)
        array: Any = numpy.array(lemmas, dtype=numpy.uint64)
        doc.from_array([LEMMA], array)
        return doc


def compile_lemmatizer(lemmatizer: Lemmatizer) -> CachedLemmatizer | None:
    """The cached equivalent of a rule-mode lemmatizer that keeps existing lemmas, else None."""
    if lemmatizer.mode != "rule" or lemmatizer.overwrite:
        return None
    return CachedLemmatizer(lemmatizer)
