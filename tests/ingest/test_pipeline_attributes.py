"""The fast attribute ruler sets exactly what spaCy's packaged attribute_ruler sets."""

from __future__ import annotations

import pytest
import spacy
from spacy.attrs import LEMMA, MORPH, POS, TAG
from spacy.language import Language
from spacy.pipeline import AttributeRuler, Lemmatizer

from ingest.stages.attributes import compile_lemmatizer, compile_ruler
from ingest.stages.resources import MODEL

SENTENCES = [
    "The foreign minister said she would travel to Ankara on Tuesday for talks with her counterpart.",
    "There is no date yet, and there were doubts that it would happen at all.",
    "Let's be clear: they're gonna have to sign it, ain't they?",
    "Y'all got ta see somethin' nobody has seen, c'mon.",
    "I'd have done it if you'd asked me; it's been a long week for everyone.",
    "  Two spaces, then a dash - and an em dash \u2014 before 'em.",
]


@pytest.fixture(scope="module")
def nlp() -> Language:
    return spacy.load(MODEL)


def test_fast_ruler_sets_the_same_attributes_as_the_packaged_one(nlp: Language) -> None:
    packaged = nlp.get_pipe("attribute_ruler")
    assert isinstance(packaged, AttributeRuler)
    fast = compile_ruler(packaged)
    assert fast is not None
    columns: list[int | str] = [POS, TAG, MORPH, LEMMA]
    for doc in nlp.pipe(SENTENCES, disable=["attribute_ruler", "lemmatizer", "ner"]):
        expected, got = packaged(doc.copy()), fast(doc.copy())
        assert [t.pos_ for t in got] == [t.pos_ for t in expected], doc.text
        assert [str(t.morph) for t in got] == [str(t.morph) for t in expected], doc.text
        assert (got.to_array(columns) == expected.to_array(columns)).all(), doc.text


def test_fast_ruler_applies_multi_token_rules(nlp: Language) -> None:
    fast = compile_ruler(nlp.get_pipe("attribute_ruler"))  # type: ignore[arg-type]
    assert fast is not None
    doc = fast(nlp("There are talks.", disable=["attribute_ruler", "lemmatizer", "ner"]))
    assert doc[1].pos_ == "VERB"  # "expl + are": the existential verb, set through the second token


def test_compile_ruler_declines_patterns_it_cannot_reproduce(nlp: Language) -> None:
    ruler = AttributeRuler(nlp.vocab)
    ruler.add([[{"LENGTH": 3}]], {"POS": "NOUN"})
    assert compile_ruler(ruler) is None


def test_cached_lemmatizer_sets_the_same_lemmas_as_the_packaged_one(nlp: Language) -> None:
    packaged = nlp.get_pipe("lemmatizer")
    assert isinstance(packaged, Lemmatizer)
    cached = compile_lemmatizer(packaged)
    assert cached is not None
    for doc in nlp.pipe(SENTENCES * 2, disable=["lemmatizer", "ner"]):  # twice: the second time from the cache
        expected, got = packaged(doc.copy()), cached(doc.copy())
        assert [t.lemma_ for t in got] == [t.lemma_ for t in expected], doc.text
    assert [t.lemma_ for t in cached(nlp("They were meeting.", disable=["lemmatizer", "ner"]))] == [
        "they", "be", "meet", "."]
