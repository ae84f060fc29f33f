"""Fetching web pages politely: a clear User-Agent, timeouts, retries with backoff, a size limit, robots.txt."""

from __future__ import annotations

import logging
import urllib.robotparser
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx
from tenacity import Retrying, retry_if_exception_type, stop_after_attempt, wait_exponential

from graph.errors import InvalidInput

logger = logging.getLogger(__name__)

USER_AGENT = "geokg/0.1 (+https://example.org/geokg)"
DISALLOW_ALL = ["User-agent: *", "Disallow: /"]


class FetchError(InvalidInput):
    """A URL that could not be fetched: refused by robots.txt, an HTTP error, too large or unreachable."""

    code = "fetch_failed"


class _Transient(Exception):
    """A failure worth retrying: a network error, 429 or a 5xx answer."""


@dataclass(frozen=True)
class Fetched:
    """A fetched document: where it ended up after redirects, its type and its bytes."""

    url: str
    content_type: str
    body: bytes
    encoding: str | None = None

    @property
    def text(self) -> str:
        return self.body.decode(self.encoding or "utf-8", errors="replace")


def is_url(spec: str) -> bool:
    """Whether a command-line argument names an http(s) URL rather than a path."""
    return urlsplit(spec).scheme.lower() in ("http", "https")


class Fetcher:
    """One HTTP client with the politeness rules; reuse it for many URLs (robots.txt is cached per site)."""

    def __init__(self, *, timeout_s: float = 15.0, max_bytes: int = 5_000_000, attempts: int = 3,
                 backoff_s: float = 0.5, respect_robots: bool = True) -> None:
        self.max_bytes = max_bytes
        self.respect_robots = respect_robots
        self._attempts = attempts
        self._backoff_s = backoff_s
        self._robots: dict[str, urllib.robotparser.RobotFileParser] = {}
        self._client = httpx.Client(timeout=timeout_s, follow_redirects=True, max_redirects=5,
                                    headers={"User-Agent": USER_AGENT})

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def fetch(self, url: str) -> Fetched:
        """The document at `url`; FetchError with a one-line reason if it cannot be had."""
        if not is_url(url):
            raise FetchError(f"{url}: not an http(s) URL")
        if self.respect_robots and not self.allowed(url):
            raise FetchError(f"{url}: disallowed by the site's robots.txt for {USER_AGENT}")
        fetched = self._get_with_retries(url)
        if isinstance(fetched, int):
            raise FetchError(f"{url}: HTTP {fetched}")
        return fetched

    def allowed(self, url: str) -> bool:
        """Whether the site's robots.txt lets our User-Agent fetch this URL."""
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        parser = self._robots.get(origin)
        if parser is None:
            parser = self._robots[origin] = self._read_robots(origin)
        return parser.can_fetch(USER_AGENT, url)

    def _read_robots(self, origin: str) -> urllib.robotparser.RobotFileParser:
        parser = urllib.robotparser.RobotFileParser(f"{origin}/robots.txt")
        try:
            got = self._get_with_retries(f"{origin}/robots.txt")
        except FetchError as exc:  # unreachable: assume nothing is allowed rather than guess
            logger.warning("robots.txt of %s unreadable (%s); not fetching from it", origin, exc)
            parser.parse(DISALLOW_ALL)
            return parser
        if isinstance(got, int):  # the rules of urllib.robotparser: 401/403 forbid all, other 4xx allow all
            parser.parse(DISALLOW_ALL if got in (401, 403) or got >= 500 else [])
        else:
            parser.parse(got.text.splitlines())
        return parser

    def _get_with_retries(self, url: str) -> Fetched | int:
        """The document, or the final HTTP error status; retries transient failures with backoff."""
        retrying = Retrying(stop=stop_after_attempt(self._attempts), reraise=True,
                            wait=wait_exponential(multiplier=self._backoff_s, max=10),
                            retry=retry_if_exception_type(_Transient))
        try:
            return retrying(self._get_once, url)
        except _Transient as exc:
            raise FetchError(f"{url}: {exc} (after {self._attempts} attempts)") from None

    def _get_once(self, url: str) -> Fetched | int:
        try:
            with self._client.stream("GET", url) as response:
                if response.status_code == 429 or response.status_code >= 500:
                    raise _Transient(f"HTTP {response.status_code}")
                if response.status_code >= 400:
                    return response.status_code
                declared = response.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > self.max_bytes:
                    raise FetchError(f"{url}: {declared} bytes, over the limit of {self.max_bytes}")
                body = bytearray()
                for chunk in response.iter_bytes():
                    body.extend(chunk)
                    if len(body) > self.max_bytes:
                        raise FetchError(f"{url}: over the size limit of {self.max_bytes} bytes")
                return Fetched(str(response.url), response.headers.get("content-type", ""), bytes(body),
                               response.charset_encoding)
        except httpx.TransportError as exc:
            raise _Transient(type(exc).__name__ + (f": {exc}" if str(exc) else "")) from exc
        except httpx.HTTPError as exc:
            raise FetchError(f"{url}: {exc}") from exc
