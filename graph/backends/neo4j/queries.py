"""Every Cypher statement of the Neo4j store, parameterized; nothing else builds Cypher.

Graph model: (Actor)-[:PARTICIPATED_IN {role, position, type, status, sort_key, tkey}]->(Event),
(Article)-[:REPORTS {sentence, start, end}]->(Event), (ActorName {norm, name})-[:NAME_OF]->(Actor),
and (Actor)-[:CO {pkey, hkey, weight, counts}]->(Actor) in both directions for actors sharing events
(kept by pairs.py). Codes, attributes and roles are JSON strings.

Events keep `okey` = sort_key SEP id, and an actor's first participation in an event keeps
`tkey` = actor_id SEP sort_key SEP event_id: string order on these keys is (sort_key, id) order,
so a timeline page is one range seek over a single index, read in index order. Likewise a CO's
`hkey` = actor SEP (MAX - weight) SEP other orders an actor's neighbours heaviest first.
"""

from __future__ import annotations

SEP = "\u0001"  # sorts below every printable character, so a shorter prefix sorts first
AFTER_SEP = "\u0002"  # the exclusive upper bound of every key that starts with `prefix + SEP`

SCHEMA = (
    "CREATE CONSTRAINT actor_id IF NOT EXISTS FOR (a:Actor) REQUIRE a.id IS UNIQUE",
    "CREATE CONSTRAINT event_id IF NOT EXISTS FOR (e:Event) REQUIRE e.id IS UNIQUE",
    "CREATE CONSTRAINT article_id IF NOT EXISTS FOR (r:Article) REQUIRE r.id IS UNIQUE",
    # Like the SQLite store, two articles cannot share a URL (Conflict); the constraint is also its index.
    "CREATE CONSTRAINT article_url IF NOT EXISTS FOR (r:Article) REQUIRE r.url IS UNIQUE",
    "CREATE INDEX article_content_hash IF NOT EXISTS FOR (r:Article) ON (r.content_hash)",
    "CREATE INDEX event_okey IF NOT EXISTS FOR (e:Event) ON (e.okey)",
    # No index on sort_key alone: date ranges and (sort_key, id) order both seek event_okey.
    "CREATE INDEX event_type IF NOT EXISTS FOR (e:Event) ON (e.type)",
    "CREATE INDEX event_place_key IF NOT EXISTS FOR (e:Event) ON (e.plkey)",
    "CREATE INDEX participation_tkey IF NOT EXISTS FOR ()-[p:PARTICIPATED_IN]-() ON (p.tkey)",
    "CREATE INDEX co_hkey IF NOT EXISTS FOR ()-[c:CO]-() ON (c.hkey)",
    "CREATE INDEX co_pkey IF NOT EXISTS FOR ()-[c:CO]-() ON (c.pkey)",
    "CREATE INDEX actor_name_norm IF NOT EXISTS FOR (n:ActorName) ON (n.norm)",
    "CREATE FULLTEXT INDEX actor_name_text IF NOT EXISTS FOR (n:ActorName) ON EACH [n.norm]",
)
AWAIT_INDEXES = "CALL db.awaitIndexes($seconds)"

CLEAR = "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"
PING = "RETURN 1 AS ok"

# --- writes -------------------------------------------------------------------------------------

UPSERT_ARTICLES = """
UNWIND $rows AS row
MERGE (r:Article {id: row.id})
SET r.url = row.url, r.source = row.source, r.title = row.title, r.published_at = row.published_at,
    r.content_hash = row.content_hash"""

UPSERT_ACTORS = """
UNWIND $rows AS row
MERGE (a:Actor {id: row.id})
SET a.name = row.name, a.kind = row.kind, a.country = row.country, a.aliases = row.aliases, a.roles = row.roles
WITH a, row
CALL (a) { MATCH (a)<-[:NAME_OF]-(old:ActorName) DETACH DELETE old }
CALL (a, row) { UNWIND row.names AS name CREATE (:ActorName {norm: name.norm, name: name.name})-[:NAME_OF]->(a) }
"""

MISSING_ACTORS = "UNWIND $ids AS id WITH id WHERE NOT EXISTS { MATCH (:Actor {id: id}) } RETURN collect(id) AS ids"
MISSING_ARTICLES = "UNWIND $ids AS id WITH id WHERE NOT EXISTS { MATCH (:Article {id: id}) } RETURN collect(id) AS ids"

# One statement per batch: properties (the first write keeps first_seen; reported_at is the earliest
# ever written; sort_key follows from both), participants replaced, reports merged, sources recounted.
UPSERT_EVENTS = """
UNWIND $rows AS row
MERGE (e:Event {id: row.id})
ON CREATE SET e.first_seen = row.first_seen, e.reported_at = row.reported_at
ON MATCH SET e.reported_at = CASE
    WHEN row.reported_at IS NOT NULL AND (e.reported_at IS NULL OR row.reported_at < e.reported_at)
    THEN row.reported_at ELSE e.reported_at END
SET e.type = row.type, e.date = row.date, e.date_precision = row.date_precision, e.status = row.status,
    e.place_name = row.place_name, e.place_country = row.place_country, e.place_norm = row.place_norm,
    e.codes = row.codes, e.attributes = row.attributes, e.confidence = row.confidence,
    e.sort_key = substring(coalesce(row.date, e.reported_at, '0000-00-00'), 0, 10)
SET e.okey = e.sort_key + $sep + e.id,
    e.plkey = CASE WHEN e.place_norm IS NOT NULL THEN e.place_norm + $sep + e.sort_key + $sep + e.id END
WITH e, row
CALL (e) { MATCH (e)<-[old:PARTICIPATED_IN]-() DELETE old }
CALL (e, row) {
    UNWIND row.participants AS part
    MATCH (a:Actor {id: part.actor_id})
    CREATE (a)-[p:PARTICIPATED_IN {role: part.role, position: part.position, type: e.type, status: e.status,
                                   sort_key: e.sort_key}]->(e)
    SET p.tkey = CASE WHEN part.first THEN a.id + $sep + e.sort_key + $sep + e.id END
}
CALL (e, row) {
    UNWIND row.reports AS report
    MATCH (r:Article {id: report.article_id})
    MERGE (r)-[rep:REPORTS]->(e)
    SET rep.sentence = report.sentence, rep.start = report.start, rep.end = report.end
}
SET e.source_count = COUNT { (:Article)-[:REPORTS]->(e) }"""

# Events not stored yet need no MERGE, no participant deletion and no stored-pairs read: a plain CREATE
# with keys computed by rows.new_event_params, and no Eager barriers between its clauses.
EXISTING_EVENTS = "UNWIND $ids AS id MATCH (e:Event {id: id}) RETURN collect(id) AS ids"

CREATE_EVENTS = """
UNWIND $rows AS row
CREATE (e:Event {id: row.id, first_seen: row.first_seen, reported_at: row.reported_at, type: row.type,
                 date: row.date, date_precision: row.date_precision, status: row.status,
                 place_name: row.place_name, place_country: row.place_country, place_norm: row.place_norm,
                 codes: row.codes, attributes: row.attributes, confidence: row.confidence,
                 sort_key: row.sort_key, okey: row.okey, plkey: row.plkey})
WITH e, row
CALL (e, row) {
    UNWIND row.participants AS part
    MATCH (a:Actor {id: part.actor_id})
    CREATE (a)-[:PARTICIPATED_IN {role: part.role, position: part.position, type: row.type, status: row.status,
                                  sort_key: row.sort_key, tkey: part.tkey}]->(e)
}
CALL (e, row) {
    UNWIND row.reports AS report
    MATCH (r:Article {id: report.article_id})
    CREATE (r)-[:REPORTS {sentence: report.sentence, start: report.start, end: report.end}]->(e)
    RETURN count(*) AS sources
}
SET e.source_count = sources"""

STORED_EVENT_PAIRS = """
UNWIND $ids AS id
MATCH (e:Event {id: id})
MATCH (a:Actor)-[:PARTICIPATED_IN]->(e)<-[:PARTICIPATED_IN]-(b:Actor)
WHERE a <> b
RETURN DISTINCT e.id AS event, a.id AS a, b.id AS b, e.type AS type"""

# CO rows are distinct ordered pairs with weight and by-type deltas (see pairs.py), found by pkey in an
# index rather than by expanding from either actor, which may have thousands of COs, before the
# transaction writes anything, then updated by element id.
EXISTING_CO = """
UNWIND $pkeys AS k
MATCH ()-[c:CO {pkey: k}]->()
USING INDEX SEEK c:CO(pkey)
RETURN collect(k) AS found, collect(elementId(c)) AS rids"""

# Both directions of a new pair in one row (its `twins`), so its two actors are found once.
CREATE_CO = """
UNWIND $rows AS row
MATCH (a:Actor {id: row.a})
MATCH (b:Actor {id: row.b})
CREATE (a)-[:CO {pkey: row.pkey, weight: row.weight, counts: row.counts, hkey: row.hkey}]->(b)
FOREACH (twin IN row.twins |
    CREATE (b)-[:CO {pkey: twin.pkey, weight: row.weight, counts: row.counts, hkey: twin.hkey}]->(a))"""

ADD_TO_CO = """
UNWIND $rows AS row
MATCH ()-[c:CO]->()
WHERE elementId(c) = row.rid
WITH row, c, c.weight + row.weight AS weight
SET c.weight = weight, c.counts = [i IN range(0, size(row.counts) - 1) | c.counts[i] + row.counts[i]],
    c.hkey = row.a + $sep + right('0000000000' + toString($max_weight - weight), 10) + $sep + row.b
WITH c, weight WHERE weight <= 0
DELETE c"""

RECOUNT_SOURCES = """
UNWIND $ids AS id
MATCH (e:Event {id: id})
SET e.source_count = COUNT { (:Article)-[:REPORTS]->(e) }
RETURN count(e) AS updated"""

# The events an article reports, and those of them no other article reports.
ARTICLE_REPORTED_EVENTS = """
MATCH (r:Article {id: $id})
RETURN COLLECT { MATCH (r)-[:REPORTS]->(e:Event) RETURN e.id } AS ids,
       COLLECT { MATCH (r)-[:REPORTS]->(e:Event) WHERE NOT EXISTS { (x:Article)-[:REPORTS]->(e) WHERE x <> r }
                 RETURN e.id } AS orphans"""

DELETE_ARTICLE = """
MATCH (r:Article {id: $id})
DETACH DELETE r
WITH 1 AS done
UNWIND $orphans AS id
MATCH (e:Event {id: id})
DETACH DELETE e"""

# --- reads --------------------------------------------------------------------------------------

# The columns every whole-event read returns: participants as [role, actor] in written order (one
# expansion gives both the participants and the actors), for reads.event_and_actors.
EVENT_COLUMNS = """
    e {.id, .type, .date, .date_precision, .status, .place_name, .place_country, .codes, .attributes,
       .confidence, .first_seen, .reported_at, .source_count} AS event,
    COLLECT { MATCH (a:Actor)-[p:PARTICIPATED_IN]->(e) WITH a, p ORDER BY p.position
              RETURN [p.role, a {.*}] } AS participants,
    COLLECT { MATCH (x:Article)-[rep:REPORTS]->(e) WITH x, rep ORDER BY x.id
              RETURN {article_id: x.id, sentence: rep.sentence, start: rep.start, end: rep.end} } AS reports"""

LOAD_EVENTS = "UNWIND $ids AS id MATCH (e:Event {id: id}) RETURN" + EVENT_COLUMNS

EVENT_SOURCES = """
MATCH (e:Event {id: $id})<-[rep:REPORTS]-(x:Article)
RETURN x {.*} AS article ORDER BY x.id"""

GET_ACTORS = "UNWIND $ids AS id MATCH (a:Actor {id: id}) RETURN a {.*} AS actor"
GET_ARTICLE = "MATCH (r:Article {id: $id}) RETURN r {.*} AS article"
FIND_ARTICLE_BY_URL = "MATCH (r:Article {url: $url}) RETURN r {.*} AS article LIMIT 1"
FIND_ARTICLE_BY_HASH = """
MATCH (r:Article {content_hash: $hash}) RETURN r {.*} AS article ORDER BY r.id LIMIT 1"""

_EVENT_FILTERS = """
  AND ($types IS NULL OR e.type IN $types) AND ($status IS NULL OR e.status = $status)
  AND ($place IS NULL OR e.place_norm = $place)
  AND all(other IN $others WHERE EXISTS { (e)<-[:PARTICIPATED_IN]-(:Actor {id: other}) })"""

# One page is one range seek over the narrowest key for the filter, read in index order: an actor's
# participations (tkey), one place's events (plkey) or all events (okey); the rest filters.
_TIMELINE_PAGE = """
MATCH ()-[t:PARTICIPATED_IN]->(e:Event)
WHERE t.tkey >= $lo AND t.tkey < $hi AND t.tkey > $after""" + _EVENT_FILTERS + """
WITH t.tkey AS key, e ORDER BY t.tkey {direction} LIMIT $limit
RETURN key,""" + EVENT_COLUMNS

_PLACE_PAGE = """
MATCH (e:Event)
WHERE e.plkey >= $lo AND e.plkey < $hi AND e.plkey > $after""" + _EVENT_FILTERS + """
WITH e.plkey AS key, e ORDER BY e.plkey {direction} LIMIT $limit
RETURN key,""" + EVENT_COLUMNS

_EVENTS_PAGE = """
MATCH (e:Event)
WHERE e.okey >= $lo AND e.okey < $hi AND e.okey > $after""" + _EVENT_FILTERS + """
WITH e.okey AS key, e ORDER BY e.okey {direction} LIMIT $limit
RETURN key,""" + EVENT_COLUMNS

TIMELINE_PAGE = {True: _TIMELINE_PAGE.replace("{direction}", "DESC"),
                 False: _TIMELINE_PAGE.replace("{direction}", "ASC")}
PLACE_PAGE = {True: _PLACE_PAGE.replace("{direction}", "DESC"), False: _PLACE_PAGE.replace("{direction}", "ASC")}
EVENTS_PAGE = {True: _EVENTS_PAGE.replace("{direction}", "DESC"),
               False: _EVENTS_PAGE.replace("{direction}", "ASC")}  # keyed by newest_first

ACTOR_DEGREES = """
UNWIND $ids AS id
MATCH (a:Actor {id: id})
RETURN id, COUNT { (a)-[:PARTICIPATED_IN]->() } AS n"""

STATS = """
CALL () { MATCH (a:Actor) RETURN count(a) AS actors }
CALL () { MATCH (e:Event) RETURN count(e) AS events }
CALL () { MATCH (r:Article) RETURN count(r) AS articles }
CALL () { MATCH ()-[rep:REPORTS]->() RETURN count(rep) AS reports }
RETURN actors, events, articles, reports"""
# Counted per known type through the type index, without reading every event's properties.
EVENTS_BY_TYPE = """
UNWIND $types AS type
CALL (type) { MATCH (e:Event {type: type}) RETURN count(e) AS n }
WITH type, n WHERE n > 0
RETURN type, n ORDER BY type"""

# --- search -------------------------------------------------------------------------------------

_SEARCH_SCOPE = "($kinds IS NULL OR a.kind IN $kinds) AND ($country IS NULL OR a.country = $country)"
# Exact names, then names the query prefixes (shortest first), as one record of [id, name, norm] rows:
# the driver decodes one record of lists several times faster than as many records.
SEARCH_NAMED = """
CALL () {
    MATCH (n:ActorName {norm: $q})-[:NAME_OF]->(a:Actor)
    WHERE """ + _SEARCH_SCOPE + """
    RETURN a.id AS id, n.name AS name, n.norm AS norm LIMIT $k
  UNION ALL
    MATCH (n:ActorName)-[:NAME_OF]->(a:Actor)
    WHERE n.norm STARTS WITH $q AND n.norm <> $q AND """ + _SEARCH_SCOPE + """
    RETURN a.id AS id, n.name AS name, n.norm AS norm ORDER BY size(n.norm), n.norm LIMIT $k_prefix
}
RETURN collect([id, name, norm]) AS rows"""
SEARCH_FUZZY = """
CALL db.index.fulltext.queryNodes('actor_name_text', $lucene, {limit: $k}) YIELD node
MATCH (node)-[:NAME_OF]->(a:Actor)
WHERE """ + _SEARCH_SCOPE + """
RETURN collect([a.id, node.name, node.norm]) AS rows"""

# --- profiles, networks, paths ------------------------------------------------------------------

ACTOR_SUMMARY = """
MATCH (a:Actor {id: $id})
CALL (a) { MATCH (a)-[p:PARTICIPATED_IN]->() RETURN min(p.sort_key) AS first, max(p.sort_key) AS last }
RETURN COLLECT { MATCH (a)-[p:PARTICIPATED_IN]->(e:Event) WITH p.type AS type, count(DISTINCT e) AS n
                 ORDER BY type RETURN [type, n] } AS counts,
       first, last,
       COLLECT { MATCH ()-[c:CO]->(b:Actor) WHERE c.hkey >= $id + $sep AND c.hkey < $id + $after_sep
                 WITH c, b ORDER BY c.hkey LIMIT $top
                 RETURN [b {.*}, c.weight] } AS top"""

# Both actors are bound, so expanding from the one with fewer participations bounds the work.
_LIGHTER_FIRST = """
WITH CASE WHEN COUNT { (x)-[:PARTICIPATED_IN]->() } <= COUNT { (y)-[:PARTICIPATED_IN]->() }
          THEN [x, y] ELSE [y, x] END AS ends
WITH ends[0] AS light, ends[1] AS heavy"""

SHARED_EVENTS = """
MATCH (x:Actor {id: $a}), (y:Actor {id: $b})""" + _LIGHTER_FIRST + """
MATCH (light)-[:PARTICIPATED_IN]->(e:Event)<-[:PARTICIPATED_IN]-(heavy)
RETURN DISTINCT e.id AS id, e.type AS type, e.sort_key AS sort_key"""

_EDGE_FILTERS = """
  AND ($types IS NULL OR p.type IN $types) AND ($status IS NULL OR p.status = $status)
  AND ($date_from IS NULL OR p.sort_key >= $date_from) AND ($date_to IS NULL OR p.sort_key <= $date_to)"""

# The best new neighbours of a frontier: each frontier actor's `per_actor` heaviest (from CO in index
# order; by summing the wanted types of CO counts; or, when dates or status filter, from the events),
# reduced to the strongest tie of each actor not kept yet. EgoNetwork.keep_layer needs no more.
_BEST_NEW = """
WITH target, max(weight) AS strength
WHERE NOT target IN $kept
RETURN target, strength ORDER BY strength DESC, target LIMIT $room"""

HEAVIEST_CO = """
UNWIND $ids AS id
CALL (id) {
    MATCH ()-[c:CO]->(b:Actor)
    WHERE c.hkey >= id + $sep AND c.hkey < id + $sep + $below
    WITH c, b ORDER BY c.hkey LIMIT $per_actor
    RETURN b.id AS target, c.weight AS weight
}""" + _BEST_NEW

HEAVIEST_CO_TYPED = """
UNWIND $ids AS id
MATCH (:Actor {id: id})-[c:CO]->(b:Actor)
WITH id, b, reduce(total = 0, i IN $type_index | total + c.counts[i]) AS weight
WHERE weight >= $min_weight
WITH id, b, weight ORDER BY weight DESC, b.id
WITH id, collect([b.id, weight])[..$per_actor] AS top
UNWIND top AS pair
WITH pair[0] AS target, pair[1] AS weight""" + _BEST_NEW

HEAVIEST_BY_EVENTS = """
UNWIND $ids AS id
MATCH (a:Actor {id: id})-[p:PARTICIPATED_IN]->(e:Event)<-[:PARTICIPATED_IN]-(b:Actor)
WHERE b <> a""" + _EDGE_FILTERS + """
WITH a, b, count(DISTINCT e) AS weight
WHERE weight >= $min_weight
WITH a, b, weight ORDER BY weight DESC, b.id
WITH a, collect([b.id, weight])[..$per_actor] AS top
UNWIND top AS pair
WITH pair[0] AS target, pair[1] AS weight""" + _BEST_NEW

# Every pkey lookup carries an index-seek hint: on a small or just-cleared graph the planner would otherwise
# scan the whole pkey index once per pair and keep that plan as the graph grows.
# Shared events by type of every pair among a set of actors (sorted ids, so pairs come in (source,
# target) order): from CO by pkey, one index seek per pair whatever the actors' degrees, with the
# pkeys built in Cypher and the answer as one record of lists, because that decodes fastest; or from
# events when dates or status filter.
CO_AMONG = """
UNWIND range(0, size($ids) - 2) AS i
UNWIND range(i + 1, size($ids) - 1) AS j
MATCH ()-[c:CO {pkey: $ids[i] + $sep + $ids[j]}]->()
USING INDEX SEEK c:CO(pkey)
RETURN collect(i) AS sources, collect(j) AS targets, collect(c.counts) AS counts"""

EDGES_AMONG_BY_EVENTS = """
UNWIND $ids AS id
MATCH (a:Actor {id: id})-[p:PARTICIPATED_IN]->(e:Event)<-[:PARTICIPATED_IN]-(b:Actor)
WHERE a.id < b.id AND b.id IN $ids""" + _EDGE_FILTERS + """
RETURN a.id AS source, b.id AS target, p.type AS type, count(DISTINCT e) AS n"""

# Pairs from one frontier straight into another: one pkey seek per pair while there are few pairs,
# else each side actor's COs read against the other frontier.
BRIDGES_BY_SEEK = """
UNWIND $side AS a
UNWIND $other AS b
MATCH ()-[c:CO {pkey: a + $sep + b}]->()
USING INDEX SEEK c:CO(pkey)
RETURN a AS source, b AS target"""
BRIDGES_BY_EXPAND = """
UNWIND $side AS id
MATCH (:Actor {id: id})-[:CO]->(b:Actor)
WHERE b.id IN $other
RETURN id AS source, b.id AS target"""
MAX_BRIDGE_SEEKS = 20_000

NEIGHBOUR_PAIRS = """
UNWIND $ids AS id
MATCH (:Actor {id: id})-[:CO]->(b:Actor)
RETURN id AS source, b.id AS target"""

# The latest event of each hop: the lighter actor's timeline read newest first in tkey order (the
# same (sort_key, id) order as okey), stopping at the first event the other actor shares.
LATEST_SHARED_EVENTS = """
UNWIND $hops AS hop
MATCH (x:Actor {id: hop[0]}), (y:Actor {id: hop[1]})
WITH hop, CASE WHEN COUNT { (x)-[:PARTICIPATED_IN]->() } <= COUNT { (y)-[:PARTICIPATED_IN]->() }
               THEN [x, y] ELSE [y, x] END AS ends
CALL (ends) {
    WITH ends[0] AS light, ends[1] AS heavy
    MATCH ()-[t:PARTICIPATED_IN]->(e:Event)
    WHERE t.tkey >= light.id + $sep AND t.tkey < light.id + $after_sep
      AND EXISTS { (e)<-[:PARTICIPATED_IN]-(heavy) }
    RETURN e.id AS event_id ORDER BY t.tkey DESC LIMIT 1
}
RETURN hop, event_id"""
