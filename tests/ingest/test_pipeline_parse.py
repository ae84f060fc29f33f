"""The parse stage: which sentences are parsed, from which tokens, and where NER runs."""

from __future__ import annotations

import pytest
from spacy.attrs import NORM, ORTH, SPACY

from ingest.articles import ArticleIn
from ingest.pipeline import STAGES, Extractor
from ingest.stages.parse import WORD_COLUMNS, sentence_doc
from ingest.stages.segment import split_sentences
from ingest.stages.types import Context

TEXT = ("ANKARA, March 3 - Turkish President Tayyip Erdogan flew to the Black Sea resort of Sochi on Monday.\n\n"
        "Erdogan also met the businessman Kemal Yazicioglu at the Dolmabahce Palace.\n\n"
        "Markets were calm.  The lira held steady.")


@pytest.fixture(scope="module")
def context() -> Context:
    extractor = Extractor()
    ctx = Context(article=ArticleIn(id="t", text=TEXT, published_at="2025-03-04"))
    for name in ("clean", "segment", "trigger", "mentions", "parse"):
        STAGES[name]([ctx], extractor.resources)
    return ctx


def test_parse_only_sentences_with_triggers(context: Context) -> None:
    parsed = [s.text for s in context.sentences if s.doc is not None]
    assert len(parsed) == 2
    assert all("Markets" not in text and "lira" not in text for text in parsed)


def test_parse_docs_hold_the_sentence_tokens_and_offsets(context: Context) -> None:
    for sentence in context.sentences:
        if sentence.doc is None:
            continue
        assert sentence.doc.text == sentence.text  # no trailing space from the article's tokens
        for tok in sentence.doc:
            start = sentence.start + tok.idx
            assert context.text[start:start + len(tok.text)] == tok.text


def test_parse_runs_ner_only_where_a_name_is_new(context: Context) -> None:
    flew, met = [s for s in context.sentences if s.doc is not None]
    assert flew.doc is not None and met.doc is not None
    assert not flew.doc.has_annotation("ENT_IOB")  # Erdogan and Sochi are known, the Black Sea is a sea
    assert met.doc.has_annotation("ENT_IOB")  # the businessman is nobody the knowledge base knows
    assert "Kemal Yazicioglu" in {ent.text for ent in met.doc.ents}


def test_sentence_doc_is_the_sentence_tokenized_on_its_own() -> None:
    nlp = Extractor().resources.nlp
    text = "He didn't say it's over.\nThey're gonna meet, and we'll see. Officials can't go."
    article = nlp.make_doc(text)
    columns: list[int | str] = [ORTH, SPACY, NORM]
    for sentence in split_sentences(text, article):
        built = sentence_doc(sentence, article.to_array(WORD_COLUMNS).tolist(), nlp)
        alone = nlp.make_doc(sentence.text)
        assert built.text == alone.text
        # the model reads norms: "n't" is "not", "gon" is "going" only through the tokenizer's special cases
        assert (built.to_array(columns) == alone.to_array(columns)).all(), sentence.text
