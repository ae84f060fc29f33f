"""Settings from the environment (prefix GEOKG_) or a `.env` file; nothing else reads os.environ."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from graph.errors import ConfigError

DEFAULT_DATA_DIR = Path(".geokg")


class Settings(BaseSettings):
    """Everything configurable in geokg, with defaults that work on one machine with no server."""

    model_config = SettingsConfigDict(env_prefix="GEOKG_", env_file=".env", extra="ignore")

    data_dir: Path = Field(DEFAULT_DATA_DIR, description="Where the embedded store, queue and Neo4j live.")
    store: str = Field(
        "",
        description="sqlite:///path/to/file.sqlite or neo4j://host:port / bolt://host:port; "
        "empty means the embedded SQLite file under data_dir.",
    )
    neo4j_user: str = "neo4j"
    neo4j_password: SecretStr = SecretStr("")
    neo4j_database: str = "neo4j"
    neo4j_port: int = Field(7687, ge=1, le=65535, description="Bolt port of `geokg neo4j start`.")
    neo4j_heap: str = Field("1g", description="JVM heap of `geokg neo4j start`, e.g. 1g or 512m.")
    neo4j_pagecache_mb: int = Field(512, ge=16)
    neo4j_home: Path | None = Field(None, description="Database directory of `geokg neo4j start`.")

    query_timeout_s: float = Field(10.0, gt=0, description="Longest a single store query may run.")
    max_page_size: int = Field(500, ge=1)
    max_network_depth: int = Field(3, ge=1, le=5)
    max_network_nodes: int = Field(500, ge=1)
    max_path_depth: int = Field(6, ge=1, le=10)
    max_article_chars: int = Field(200_000, ge=1000)
    max_batch_articles: int = Field(500, ge=1)
    max_body_bytes: int = Field(10_000_000, ge=1000)

    api_keys: list[str] = Field(
        default_factory=list,
        description="sha256 hex digests of the API keys allowed to write (see `geokg keys hash`).",
    )
    open_reads: bool = Field(True, description="Whether read endpoints need no API key.")
    cors_origins: list[str] = Field(default_factory=list)
    log_json: bool = False
    log_level: str = "INFO"
    prometheus_multiproc_dir: Path | None = Field(
        None, validation_alias="PROMETHEUS_MULTIPROC_DIR",
        description="prometheus_client's own variable (no GEOKG_ prefix): /metrics sums every process writing there.",
    )

    redis_url: str = Field("", description="redis://host:port/db for the scaled-out queue; empty: SQLite queue.")

    @field_validator("store")
    @classmethod
    def _check_store_url(cls, value: str) -> str:
        if value:
            store_kind(value)
        return value

    @property
    def store_url(self) -> str:
        """The store URL actually used: the configured one, or the embedded file under data_dir."""
        return self.store or f"sqlite:///{(self.data_dir / 'geokg.sqlite').as_posix()}"

    @property
    def neo4j_dir(self) -> Path:
        return self.neo4j_home or self.data_dir / "neo4j"


def store_kind(url: str) -> str:
    """'sqlite' or 'neo4j' for a store URL; ConfigError with an example for anything else."""
    scheme = urlsplit(url).scheme.lower()
    if scheme == "sqlite":
        if not url.startswith("sqlite:///") or len(url) <= len("sqlite:///"):
            raise ConfigError(f"bad store URL {url!r}: expected sqlite:///relative/path.sqlite "
                              "or sqlite:////absolute/path.sqlite")
        return "sqlite"
    if scheme in {"neo4j", "neo4j+s", "neo4j+ssc", "bolt", "bolt+s", "bolt+ssc"}:
        if not urlsplit(url).hostname:
            raise ConfigError(f"bad store URL {url!r}: expected e.g. bolt://127.0.0.1:7687")
        return "neo4j"
    raise ConfigError(f"bad store URL {url!r}: use sqlite:///path/to/geokg.sqlite or bolt://host:7687")


def sqlite_path(url: str) -> Path:
    """The file path inside a sqlite:/// URL."""
    return Path(url[len("sqlite:///"):])


@lru_cache
def get_settings() -> Settings:
    """The process's settings, read once; tests build their own `Settings(...)` instead."""
    return Settings()
