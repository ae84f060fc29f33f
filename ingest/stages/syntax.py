"""Dependency helpers: the syntactic slots around a trigger and the actors a noun phrase refers to."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Token

from ingest.stages.types import ActorRef, Context, Mention, Sentence

SUBJECT_DEPS = {"nsubj", "csubj"}
PASSIVE_DEPS = {"nsubjpass"}
OBJECT_DEPS = {"dobj", "dative"}
SLOT_PREPS = {"with", "between", "to", "on", "against", "of", "by", "among", "alongside", "from"}
PLACE_PREPS = {"to", "in", "into", "at", "for", "inside", "near"}
CLAUSE_INHERIT = {"xcomp", "conj", "advcl", "ccomp", "acl", "pcomp", "acomp"}
PERSON_PRONOUNS = {"he", "she", "him", "her", "his"}
RELATIVE_PRONOUNS = {"who", "which", "that", "whom"}
GROUP_HEADS = {
    "negotiator", "delegation", "official", "diplomat", "side", "government", "leader", "team",
    "counterpart", "authority", "force", "troop", "minister", "envoy", "representative", "leadership",
}


def expand(tokens: Iterable[Token]) -> list[Token]:
    """Tokens with their conjuncts ("Xi and Biden"), each once, in order."""
    out: dict[int, Token] = {}
    for tok in tokens:
        out[tok.i] = tok
        for conj in tok.conjuncts:
            out[conj.i] = conj
    return [out[i] for i in sorted(out)]


def subjects(verb: Token, depth: int = 0) -> tuple[list[Token], bool]:
    """The verb's subjects (inheriting from a governing clause), and whether the subject is passive."""
    own = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
    if own and verb.dep_ == "relcl" and own[0].lower_ in RELATIVE_PRONOUNS:
        return expand([verb.head]), False  # "Cameron, who resigned": the relative's antecedent
    if own:
        return expand(own), False
    passive = [c for c in verb.children if c.dep_ in PASSIVE_DEPS]
    if passive:
        return expand(passive), True
    if verb.dep_ == "conj":
        # "X became A and Y was named B": the parser hangs Y on A; the word before the auxiliary is the subject
        aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass") and c.i < verb.i]
        before = verb.doc[aux[0].i - 1] if aux and aux[0].i > 0 else None
        if before is not None and before.dep_ == "conj" and before.pos_ in ("PROPN", "NOUN", "PRON"):
            return [before], any(c.dep_ == "auxpass" for c in aux)
    if depth < 3 and verb.dep_ in CLAUSE_INHERIT and verb.head != verb:
        if verb.head.pos_ in ("VERB", "AUX", "ADJ"):
            found, inherited_passive = subjects(verb.head, depth + 1)
            # "she was expected to hold a call": she is the active subject of "hold"
            return found, inherited_passive and verb.dep_ == "conj"
        if verb.dep_ == "acl":
            noun = verb.head
            infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
            if infinitive and noun.dep_ in ("dobj", "attr") and noun.head.pos_ in ("VERB", "AUX"):
                return subjects(noun.head, depth + 1)[0], False  # "X accepted an invitation to visit"
            return [noun], False
    if verb.dep_ == "relcl":
        return [verb.head], False
    return [], False


def children_by_dep(token: Token, deps: set[str]) -> list[Token]:
    """Children with one of the dependency labels, with conjuncts."""
    return expand(c for c in token.children if c.dep_ in deps)


def prep_objects(token: Token) -> dict[str, list[Token]]:
    """Objects of the token's prepositions, by preposition ("with" -> [Xi, Biden])."""
    out: dict[str, list[Token]] = {}
    preps = [c for c in token.children if c.dep_ in ("prep", "agent") or (c.dep_ == "dative" and c.pos_ == "ADP")]
    # "on X and on Y": a coordinated preposition brings its own object
    preps += [c for p in preps for c in p.children if c.dep_ == "conj" and c.pos_ == "ADP"]
    for child in preps:
        objects = [g for g in child.children if g.dep_ == "pobj"]
        if objects:
            out.setdefault(child.lower_, []).extend(expand(objects))
    return out


def phrase_bounds(tok: Token) -> tuple[int, int]:
    """Character span of the noun phrase up to its head (left modifiers, compounds, the head)."""
    start = tok.left_edge.idx
    end = tok.idx + len(tok)
    for child in tok.rights:
        if child.dep_ in ("compound", "flat", "nummod") and child.i == tok.i + 1:
            end = child.idx + len(child)
    return start, end


def mentions_in(ctx: Context, start: int, end: int) -> list[Mention]:
    """Mentions overlapping the article character span."""
    return [m for m in ctx.mentions if m.start < end and start < m.end]


def actors_of(tok: Token, ctx: Context, sentence: Sentence, exclude: frozenset[str] = frozenset()
              ) -> list[ActorRef]:
    """The actors a noun phrase headed by `tok` refers to: a person, an organisation or countries."""
    if tok.lower_ in PERSON_PRONOUNS:
        found = antecedent(ctx, sentence, tok, exclude)
        return [found] if found else []
    counted = [GROUP_SIZES[c.lower_] for c in tok.children if c.lower_ in GROUP_SIZES]
    if counted or tok.lower_ in ("both", "two"):
        # "the two leaders", "the three countries": that many parties named before ("two Syrian banks": none)
        group = plural_antecedent(ctx, sentence.start + tok.idx, tok.lemma_.lower(), size=(counted or [2])[0])
        if group:
            return group
    if tok.lower_ in PLURAL_PRONOUNS:
        return plural_antecedent(ctx, sentence.start + tok.idx, tok.lower_)
    of_states = _role_of_states(tok, ctx, sentence)
    if of_states:
        return of_states
    if tok.lemma_.lower() == "counterpart":
        return _counterpart(tok, ctx, sentence)
    start, end = phrase_bounds(tok)
    head_start, head_end = sentence.start + tok.idx, sentence.start + tok.idx + len(tok)
    found_mentions = mentions_in(ctx, sentence.start + start, sentence.start + end)
    if not found_mentions and tok.tag_ == "NNS" and tok.lemma_.lower() in PEOPLE_NOUNS | STATE_NOUNS \
            and any(c.lower_ == "the" for c in tok.children):
        return plural_antecedent(ctx, head_start, tok.lemma_.lower())  # "the leaders met"
    own = [m for m in found_mentions if m.start < head_end and head_start < m.end]
    people = [m for m in found_mentions if m.actor.kind == "person"]
    if len(people) > 1 and any(t.dep_ == "cc" and t.lower_ in ("and", "&") for t in tok.subtree if t.i < tok.i):
        return _unique([_via(m) for m in people])  # the parser hung "A and B" inside one phrase
    if own:
        return [_via(own[0])]
    for child in tok.children:
        if child.dep_ == "appos":
            named = [a for a in actors_of(child, ctx, sentence) if a.kind == "person"]
            if named:
                return named
        if child.dep_ == "acl" and child.lemma_.lower() in ("lead", "head"):
            # "a delegation led by X" acts through X
            leaders = [g for a in child.children if a.dep_ == "agent" for g in a.children if g.dep_ == "pobj"]
            named = [a for t in expand(leaders) for a in actors_of(t, ctx, sentence) if a.kind == "person"]
            if named:
                return named
    people = [m for m in found_mentions if m.actor.kind == "person"]
    if people:
        return [_via(people[-1])]
    if tok.pos_ == "PROPN" and not own and tok.lemma_.lower() not in AGENCY_HEADS:
        return []  # an unknown name is nobody we know; "the U.S. Treasury" acts for the state named in it
    orgs = [m for m in found_mentions if m.actor.kind == "organisation"]
    if orgs:
        return [orgs[-1].actor]
    countries = [m.actor for m in found_mentions if m.actor.kind in ("country", "group")]
    if countries and (own or tok.lemma_.lower() in GROUP_HEADS or tok.pos_ in ("NOUN", "PROPN")):
        return _unique(countries)
    return []


def unnamed_group(tok: Token) -> ActorRef | None:
    """A capitalised group the knowledge base lacks ("the Ramstein support group") as an actor."""
    words = [t for t in tok.subtree if t.i <= tok.i and t.dep_ not in ("det", "poss", "case", "punct")]
    if not any(t.pos_ == "PROPN" for t in words) or (tok.pos_ == "PROPN" and len(words) == 1):
        return None
    if tok.lemma_.lower() not in ("group", "format", "council", "coalition", "alliance", "forum", "bloc",
                                  "organisation", "organization", "commission", "committee", "union"):
        return None
    name = " ".join(t.text for t in words)
    slug = "-".join(w.lower() for w in name.split() if w.isalnum())
    return ActorRef(id=f"group:{slug}", name=name, kind="group")


def _role_of_states(tok: Token, ctx: Context, sentence: Sentence) -> list[ActorRef]:
    """"the foreign ministers of Saudi Arabia and Iran": each state's holder of the role on the date."""
    if tok.pos_ != "NOUN" or tok.lemma_.lower() not in PEOPLE_NOUNS | {"diplomat", "secretary", "chief"}:
        return []
    states = [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
              for g in expand(x for x in c.children if x.dep_ == "pobj")]
    if any(c.lower_ in ("two", "both") for g in states for c in g.children):
        return []  # "the leaders of the two countries" names nobody new
    owners = [c for c in tok.children if c.dep_ == "poss"]
    if tok.tag_ == "NNS" and owners and any(g.lower_ in ("two", "both") for g in owners[0].children):
        states = owners  # "the two countries' foreign ministers"
    codes = [a.id.removeprefix("country:") for t in states for a in actors_of(t, ctx, sentence)
             if a.kind == "country"]
    if not codes or ctx.book is None:
        return []
    role = " ".join([*(c.text for c in tok.lefts if c.dep_ in ("amod", "compound")), tok.lemma_.lower()])
    holders = [ctx.book.resolve(role, country_hint=code, day=ctx.published) for code in codes]
    return _unique([h.actor.model_copy(update={"via": "role"}) for h in holders
                    if h is not None and h.actor.kind == "person"])


def _counterpart(tok: Token, ctx: Context, sentence: Sentence) -> list[ActorRef]:
    """"his Ukrainian counterpart": whoever holds, in that country, the office the possessor holds."""
    book = ctx.book
    owners = [c for c in tok.children if c.dep_ == "poss"]
    start, end = phrase_bounds(tok)
    countries = [m.actor for m in mentions_in(ctx, sentence.start + start, sentence.start + end)
                 if m.actor.kind == "country"]
    if book is None or book.kb is None or not owners or not countries or ctx.published is None:
        return []
    owner = actors_of(owners[0], ctx, sentence)
    record = book.kb.get(owner[0].id) if owner and owner[0].kind == "person" else None
    terms = [t for t in getattr(record, "roles", []) if _active(t.start, t.end, ctx.published.isoformat())]
    for term in terms:
        found = book.resolve(term.role.replace("_", " "), country_hint=countries[0].id.removeprefix("country:"),
                             day=ctx.published)
        if found is not None and found.actor.kind == "person":
            return [found.actor]
    return []


def _active(start: str | None, end: str | None, day: str) -> bool:
    return (start or "0000") <= day and (end is None or day <= end)


def _via(mention: Mention) -> ActorRef:
    return mention.actor.model_copy(update={"via": mention.how})


def antecedent(ctx: Context, sentence: Sentence, tok: Token, exclude: frozenset[str] = frozenset(),
               window: int = 3) -> ActorRef | None:
    """The person "he", "she" or "his" most likely refers to: a subject earlier in the sentence, else the
    first person named in each earlier sentence (subjects come first), nearest sentence first."""
    offset = sentence.start + tok.idx
    same = [m for m in ctx.mentions if sentence.start <= m.start < offset and m.actor.kind == "person"
            and m.actor.id not in exclude]
    if same and sentence.doc is not None:
        subjects_here = [m for m in same for t in sentence.doc
                         if t.dep_ in ("nsubj", "nsubjpass") and sentence.start + t.idx >= m.start
                         and sentence.start + t.idx < m.end]
        others = [m for m in same if m not in subjects_here]
        if tok.dep_ in ("dobj", "oprd", "dative") and others:
            # "Trump ousted Waltz ... and named him": an object pronoun takes up the sentence's first
            # object, not its subject ("named Syrskyi to replace him": not Syrskyi either)
            return others[0].actor
        if subjects_here:
            return subjects_here[-1].actor
    if same:
        return same[0].actor
    earlier = [s for s in ctx.sentences if s.end <= sentence.start][-window:]
    for previous in reversed(earlier):
        people = [m for m in ctx.mentions if previous.start <= m.start < previous.end
                  and m.actor.kind == "person" and m.actor.id not in exclude]
        if people:
            return people[0].actor
    return None


AGENCY_HEADS = {"treasury", "department", "ministry", "government", "administration", "office", "cabinet",
                "embassy", "commission"}
GROUP_SIZES = {"two": 2, "both": 2, "three": 3, "four": 4}
PEOPLE_NOUNS = {"leader", "man", "president", "minister", "premier", "counterpart", "head", "woman", "official"}
PLURAL_PRONOUNS = {"they", "them", "their"}
STATE_NOUNS = {"side", "country", "nation", "government", "state", "capital", "neighbour", "neighbor"}


def plural_antecedent(ctx: Context, offset: int, lemma: str, window: int = 1200, size: int = 2) -> list[ActorRef]:
    """"the two leaders", "both sides", "they": the parties of the last event found with `size` of them,
    else the last `size` distinct people (or states) named before."""
    if lemma in STATE_NOUNS:
        kinds = {"country"}
    elif lemma in PEOPLE_NOUNS or lemma in PLURAL_PRONOUNS or lemma == "two":
        kinds = {"person"}
    else:
        return []
    for previous in reversed(ctx.candidates):
        if previous.sentence.start >= offset or previous.trigger.idx + previous.sentence.start >= offset:
            continue
        if offset - previous.sentence.end > window:
            break
        parties = previous.actors()
        if kinds == {"country"}:
            parties = _unique([_state_of(a, ctx) for a in parties if a.country or a.kind == "country"])
        parties = [a for a in parties if a.kind in kinds]
        if len(parties) == size:
            return parties
    found: list[ActorRef] = []
    for mention in reversed(ctx.mentions):
        if mention.end > offset or mention.actor.kind not in kinds:
            continue
        if offset - mention.end > window:
            break
        if all(a.id != mention.actor.id for a in found):
            found.append(mention.actor)
        if len(found) == size:
            return found[::-1]
    return []


def _state_of(actor: ActorRef, ctx: Context) -> ActorRef:
    if actor.kind == "country" or not actor.country:
        return actor
    for mention in ctx.mentions:
        if mention.actor.id == f"country:{actor.country}":
            return mention.actor
    return ActorRef(id=f"country:{actor.country}", name=actor.country, kind="country", country=actor.country)


def slot_actors(tokens: Iterable[Token], ctx: Context, sentence: Sentence,
                exclude: frozenset[str] = frozenset(), *, members: bool = False) -> list[ActorRef]:
    """Actors of every token in a slot, each once; `exclude` are actors a pronoun cannot mean here.
    With `members`, a phrase naming no actor stands for the states or bodies its members belong to."""
    out: list[ActorRef] = []
    for tok in tokens:
        found = actors_of(tok, ctx, sentence, exclude) or (member_states(tok, ctx, sentence) if members else [])
        group = None if found else unnamed_group(tok)
        out.extend(found or ([group] if group else []))
    return _unique(out)


MEMBER_PREPS = {"of", "in", "from"}


def member_states(tok: Token, ctx: Context, sentence: Sentence, depth: int = 0) -> list[ActorRef]:
    """"dozens of Russian diplomats", "200 companies in Iran": the states or organisations a plain noun
    phrase's members belong to (never people: "aides of Putin" are not Putin)."""
    if tok.pos_ not in ("NOUN", "NUM") or depth > 2:
        return []
    found: list[ActorRef] = []
    for child in tok.children:
        if child.dep_ != "prep" or child.lower_ not in MEMBER_PREPS:
            continue
        for obj in expand(g for g in child.children if g.dep_ == "pobj"):
            owners = [a for a in actors_of(obj, ctx, sentence) if a.kind != "person"]
            found.extend(owners or member_states(obj, ctx, sentence, depth + 1))
    return _unique(found)


def _unique(actors: list[ActorRef]) -> list[ActorRef]:
    seen: dict[str, ActorRef] = {}
    for actor in actors:
        seen.setdefault(actor.id, actor)
    return list(seen.values())
