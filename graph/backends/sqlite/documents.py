"""SQL that renders rows as one JSON document, so pydantic parses and validates a whole result in one call.

A model per row built in Python (json.loads of each JSON column, then __init__) costs several times
more CPU than SQLite writing the JSON and pydantic-core reading it. Ordered lists are aggregated
from an ordered subquery with a single source and no outer ORDER BY: SQLite keeps that order.
"""

from __future__ import annotations


def actor_object(alias: str) -> str:
    """A JSON Actor from the actors row aliased `alias` (roles are stored without their defaults)."""
    a = alias
    return (f"json_object('id', {a}.id, 'name', {a}.name, 'kind', {a}.kind, 'country', {a}.country, "
            f"'aliases', json({a}.aliases), 'roles', json({a}.roles))")


# SQLite writes REAL values with 15 significant digits; 17 read back as the same double.
EVENT_OBJECT = """json_object(
    'id', e.id, 'type', e.type, 'date', e.date, 'date_precision', e.date_precision, 'status', e.status,
    'place', CASE WHEN e.place_name != '' THEN json_object('name', e.place_name, 'country', e.place_country) END,
    'codes', json(e.codes), 'attributes', json(e.attributes), 'confidence', json(printf('%!.17g', e.confidence)),
    'first_seen', e.first_seen, 'reported_at', e.reported_at, 'source_count', e.source_count,
    'participants', (SELECT json_group_array(json_object('actor_id', actor_id, 'role', role))
                     FROM (SELECT actor_id, role FROM participations WHERE event_id = e.id ORDER BY position)),
    'reports', (SELECT json_group_array(json_object('article_id', article_id, 'sentence', sentence,
                                                    'start', start_offset, 'end', end_offset))
                FROM (SELECT * FROM reports WHERE event_id = e.id ORDER BY article_id)))"""

ACTORS_BY_ID = (f"SELECT json_group_array({actor_object('a')}) FROM actors a "
                "WHERE a.id IN (SELECT value FROM json_each(?))")

EVENTS_BY_ID = f"SELECT json_group_array({EVENT_OBJECT}) FROM events e WHERE e.id IN (SELECT value FROM json_each(?))"
