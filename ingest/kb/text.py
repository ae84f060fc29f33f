"""Text normalisation shared by every index: accents, case, punctuation and possessives fold away."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "ʼ": "'", "´": "'"})
_DASHES = re.compile(r"[-‐‑‒–—―/]")
_POSSESSIVE = re.compile(r"(?<=\w)'s?\b")
_DOTTED_ACRONYM = re.compile(r"\b(?:[A-Za-z]\.){2,}")
_NON_WORD = re.compile(r"[^\w\s']")
_SPACES = re.compile(r"\s+")
_LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+")


def fold(text: str) -> str:
    """Drop diacritics and special letters so `Erdoğan` and `Erdogan` compare equal."""
    if text.isascii():
        return text
    text = text.replace("ß", "ss").replace("ı", "i").replace("ø", "o").replace("Ø", "O")
    text = text.replace("æ", "ae").replace("œ", "oe").replace("đ", "d").replace("Đ", "D")
    text = text.replace("ł", "l").replace("Ł", "L")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=200_000)
def normalize(text: str) -> str:
    """The lookup key of a mention: folded, lower case, no punctuation, possessive or leading article."""
    text = fold(text).translate(_APOSTROPHES).replace("+", " plus ")
    text = _DOTTED_ACRONYM.sub(lambda m: m.group(0).replace(".", ""), text)
    text = _DASHES.sub(" ", text)
    text = _POSSESSIVE.sub("", text)
    text = _NON_WORD.sub(" ", text).replace("'", " ")
    text = _SPACES.sub(" ", text).strip().lower()
    return _LEADING_ARTICLE.sub("", text)


def tokens(key: str) -> list[str]:
    """The words of an already normalised key."""
    return key.split()


def is_acronym(text: str) -> bool:
    """Whether a form is an upper-case short form (`US`, `U.K.`, `NATO`) that must match case-sensitively."""
    letters = [ch for ch in text if ch.isalpha()]
    return 0 < len(letters) <= 6 and all(ch.isupper() for ch in letters)


def has_upper(text: str) -> bool:
    """Whether a mention has any capital letter (so `us` the pronoun is not `US` the country)."""
    return any(ch.isupper() for ch in text)
