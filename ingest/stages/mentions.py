"""Actor mentions: knowledge-base names, roles and places over the whole text, then NER in parsed sentences."""

from __future__ import annotations

import calendar
import re
import unicodedata

from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from ingest.stages.kbview import Resolved
from ingest.stages.resources import Resources
from ingest.stages.syntax import AGENCY_HEADS
from ingest.stages.types import ActorRef, Context, Mention

COUNTRYISH = {"country", "demonym", "capital", "metonym"}
TITLE_WORDS = {
    "president", "minister", "secretary", "prime", "premier", "chancellor", "king", "queen", "prince",
    "general", "gen", "mr", "mrs", "ms", "dr", "sir", "lord", "leader", "envoy", "ambassador", "senator",
    "spokesman", "spokeswoman", "spokesperson", "director", "chief", "foreign", "defence", "defense",
    "state", "vice", "deputy", "former", "new", "the", "and", "but", "when", "after", "with", "as",
}
CALENDAR_WORDS = {m.lower() for m in (*calendar.month_name, *calendar.day_name) if m}
_NAME_WORD = r"[A-Z][\w'’-]+"


def slug(text: str) -> str:
    """ASCII lower-case slug with dashes, for ids of actors the knowledge base does not know."""
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch)).lower()
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-") or "unknown"


def find_text_mentions(ctx: Context, res: Resources) -> None:
    """Stage: match knowledge-base surface forms and role nouns over the whole cleaned text."""
    ctx.book = res.book
    doc = ctx.doc if ctx.doc is not None else res.nlp.make_doc(ctx.text)
    spans: list[Span] = []
    for matcher in (res.exact_matcher, res.folded_matcher):
        for match_id, start, end in matcher(doc):
            span = Span(doc, start, end, label=match_id)
            if len(span) == 1 and span[0].is_stop and matcher is res.folded_matcher:
                continue  # "In", "Will", "May" opening a sentence are not surnames
            if span.text[:1].isupper() or span.text[:1].isdigit():
                spans.append(span)
    names = list(spans)
    for _, start, end in res.role_matcher(doc):
        # "US Treasury Secretary": the role swallows the name it starts inside, so the role wins the overlap.
        role_label = "role"
        for name in names:
            if name.start < start < name.end:
                start, role_label = name.start, f"role+{start - name.start}"
        spans.append(Span(doc, start, end, label=role_label))
    mentions: list[Mention] = []
    for span in filter_spans(spans):
        how = span.label_
        if how == "surname":
            wider = _wider_name(doc, span)
            if wider is not None:
                # "Li Hongzhong" holds the surname "Li" but is somebody else: a person of that full name
                known = res.book.resolve(wider.text, day=ctx.published)
                actor = known.actor if known is not None and _shares_word(wider.text, known.actor) else \
                    ActorRef(id=f"person:{slug(wider.text)}", name=wider.text, kind="person")
                mentions.append(Mention(wider.start_char, wider.end_char, wider.text, actor, "name"))
                continue
        if how.startswith("role"):
            prefix = int(how.partition("+")[2] or 0)
            resolved = _resolve_role(doc, span, prefix, mentions, ctx, res)
        else:
            resolved = res.book.resolve(span.text, day=ctx.published)
        if resolved is not None:
            mentions.append(Mention(span.start_char, span.end_char, span.text, resolved.actor, resolved.how))
    ctx.mentions = mentions


def _wider_name(doc: Doc, span: Span) -> Span | None:
    """The full name around a matched surname when the text writes more of a name than the match."""
    start, end = span.start, span.end
    while end < len(doc) and end - span.start < 3 and _name_part(doc[end]):
        end += 1
    while start > 0 and span.end - start < 3 and _name_part(doc[start - 1]) and not doc[start - 1].is_sent_start:
        start -= 1
    if (start, end) == (span.start, span.end):
        return None
    return doc[start:end]


def _name_part(tok: Token) -> bool:
    text = tok.text
    return (text[:1].isupper() and text[1:].islower() and text.isalpha() and not tok.is_stop
            and text.lower() not in TITLE_WORDS and text.lower() not in CALENDAR_WORDS and len(text) > 1)


def _resolve_role(doc: Doc, span: Span, prefix: int, before: list[Mention], ctx: Context,
                  res: Resources) -> Resolved | None:
    """Resolve "Kazakhstan's foreign minister" / "the US Treasury Secretary" to the holder on the date."""
    left = doc[max(0, span.start - 3):span.start].text.lower()
    if re.search(r"\b(former|ex-|late|then-|previous|outgoing)", left):
        return None
    if span.start > 0 and doc[span.start - 1].lower_ in ("a", "an", "any", "another", "every", "each"):
        return None  # "a foreign leader" is nobody in particular
    hint = None
    direct = res.book.resolve(span.text, day=ctx.published)
    if direct is not None and direct.actor.kind == "person":
        return direct
    for size in range(1, prefix + 1):
        head = res.book.resolve(span[:size].text, day=ctx.published)
        if head is not None and head.actor.kind in ("country", "organisation"):
            hint = head.actor.country or head.actor.id.removeprefix("country:")
            return res.book.resolve(span[size:].text, country_hint=hint, day=ctx.published)
    for mention in reversed(before):
        gap = ctx.text[mention.end:span.start_char]
        if mention.how in COUNTRYISH and re.fullmatch(r"(['’]s)?\s*(new|top|own)?\s*", gap):
            hint = mention.actor.country or mention.actor.id.removeprefix("country:")
            break
        if mention.end < span.start_char - 20:
            break
    after = re.match(r"\s+of\s+(?:the\s+)?([A-Z][\w ]{2,40}?)\b(?=[,.;]|\s+[a-z])", ctx.text[span.end_char:])
    if hint is None and after:
        hint = res.book.country(after.group(1))
    found = res.book.resolve(span.text, country_hint=hint, day=ctx.published)
    if found is None and hint is None and span.start > 0 and doc[span.start - 1].lower_ == "the":
        # "the chancellor" after "Olaf Scholz": the office in the country of the person the story is about
        people = [m.actor for m in before if m.actor.kind == "person" and m.actor.country]
        if people:
            found = res.book.resolve(span.text, country_hint=people[-1].country, day=ctx.published)
    return found


def add_ner_mentions(ctx: Context, res: Resources) -> None:
    """Stage: add people and organisations that spaCy's NER finds in parsed sentences but the book lacks."""
    added: list[Mention] = []
    for sentence in ctx.sentences:
        if sentence.doc is None:
            continue
        for ent in sentence.doc.ents:
            if ent.label_ not in ("PERSON", "ORG", "GPE", "NORP"):
                continue
            start, end = sentence.start + ent.start_char, sentence.start + ent.end_char
            inside = [m for m in ctx.mentions if m.start < end and start < m.end]
            if ent.label_ == "PERSON" and len(ent) > 1 and inside and all(
                    m.how == "surname" and start <= m.start and m.end <= end and m.end - m.start < end - start
                    for m in inside):
                # "Li Hongzhong" is not "Li" the better-known premier: the full name wins
                ctx.mentions = [m for m in ctx.mentions if m not in inside]
            elif inside or any(m.start < end and start < m.end for m in added):
                continue
            text = ent.text.strip(" '’\"")
            text = re.sub(r"['’]s$", "", text)
            actor = _known_person(text, ctx.mentions + added) or _ner_actor(text, ent.label_, ctx, res)
            if actor is not None:
                added.append(Mention(start, end, text, actor, "ner"))
    ctx.mentions = _corefer_surnames(sorted(ctx.mentions + added, key=lambda m: m.start))


def _corefer_surnames(mentions: list[Mention]) -> list[Mention]:
    """A bare surname means the person of that name met earlier in the article ("Li" after "Li Hongzhong"),
    before any better-known holder of the name the knowledge base would pick."""
    for i, mention in enumerate(mentions):
        if mention.how != "surname" or " " in mention.text:
            continue
        for earlier in reversed(mentions[:i]):
            if earlier.actor.kind == "person" and " " in earlier.text and mention.text in earlier.text.split():
                mention.actor = earlier.actor
                break
    return mentions


def _known_person(text: str, mentions: list[Mention]) -> ActorRef | None:
    """A one-word name ("Kim", "Li") that is part of a person named earlier in the article."""
    if " " in text:
        return None
    for mention in reversed(mentions):
        if mention.actor.kind == "person" and text in mention.actor.name.split():
            return mention.actor
    return None


# State bodies named by a common word alone; "the U.S. Treasury" is the state (syntax.AGENCY_HEADS).
GENERIC_ORG_WORDS = AGENCY_HEADS | {"state", "congress", "parliament", "senate", "court", "police"}


def _ner_actor(text: str, label: str, ctx: Context, res: Resources) -> ActorRef | None:
    resolved = res.book.resolve(text, day=ctx.published)
    if resolved is not None and _shares_word(text, resolved.actor):
        return resolved.actor
    if label in ("GPE", "NORP"):
        iso3 = res.book.country(text)
        return res.book.country_actor(iso3) if iso3 else None
    if label == "ORG":
        if len(text) < 3 or (text.isupper() and len(text) < 4) or text.lower() in GENERIC_ORG_WORDS:
            return None  # "the Treasury and State departments": a common word is no organisation of its own
        return ActorRef(id=f"org:{slug(text)}", name=text, kind="organisation")
    words = text.split()
    if not words or words[0].lower().strip(".") in TITLE_WORDS or not words[-1][:1].isupper():
        return None
    full = text if len(words) > 1 else _full_name(words[0], ctx.text) or text
    return ActorRef(id=f"person:{slug(full)}", name=full, kind="person")


def _shares_word(text: str, actor: ActorRef) -> bool:
    # Guard against loose matches: the found actor must carry a word of the mention in a name.
    words = {w.lower() for w in re.findall(r"\w+", text)}
    names = " ".join([actor.name, *actor.aliases]).lower()
    return any(w in re.findall(r"\w+", names) for w in words)


def _full_name(surname: str, text: str) -> str | None:
    """The first "Given Surname" in the article for a surname met alone (in-article coreference)."""
    pattern = re.compile(rf"\b((?:{_NAME_WORD} ){{1,2}}){re.escape(surname)}\b")
    for hit in pattern.finditer(text):
        given = [w for w in hit.group(1).split() if w.lower().strip(".") not in TITLE_WORDS]
        if given and all(w[:1].isupper() for w in given):
            return " ".join([*given, surname])
    return None
