"""The actor knowledge base: who is who and who held which office when (see README.md)."""

from ingest.kb.base import KnowledgeBase, default_kb
from ingest.kb.offices import Office
from ingest.kb.records import Resolution, SurfaceForm

__all__ = ["KnowledgeBase", "Office", "Resolution", "SurfaceForm", "default_kb"]
