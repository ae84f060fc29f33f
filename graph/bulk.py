"""Building thousands of models in one store call: list validators, and the collector held meanwhile.

Both backends build a hub's depth-2 network (about 4,000 edges) and long pages this way: one
pydantic-core call per list instead of a model per row, with the cyclic collector paused.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

from pydantic import TypeAdapter

from graph.models import Actor, Edge, Event, TimelineItem

ACTORS = TypeAdapter(list[Actor])
EDGES = TypeAdapter(list[Edge])
EVENTS = TypeAdapter(list[Event])
TIMELINE_ITEMS = TypeAdapter(list[TimelineItem])


@contextmanager
def collector_paused() -> Iterator[None]:
    """Hold the cyclic garbage collector while thousands of acyclic models are built in one call.

    Each model is a few container objects: thousands trigger dozens of young collections that
    promote them all, and full collections of the heap follow every few requests (a third of the
    CPU of a hub's depth-2 network at 1M events). Reference counting frees these models anyway; the
    collector runs once, afterwards. Thread-safe enough: a thread only re-enables what it disabled,
    so at worst a collection runs during another thread's pause.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
