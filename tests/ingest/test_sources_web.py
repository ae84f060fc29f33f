"""Web sources over a real HTTP server on loopback: pages, RSS and Atom feeds, robots.txt, retries, limits."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from ingest.articles import ArticleIn
from ingest.sources import SourceProblem, read_sources
from ingest.sources.urls import USER_AGENT, Fetcher

PAGE = """<html><head><title>{title}</title><meta name="date" content="{date}"></head><body>
<nav>Home | World | Markets</nav><article><h1>{title}</h1><p>{body}</p>
<p>Officials from both delegations described the talks as constructive and said working groups would meet
again within a month to prepare the next round.</p></article><footer>Contact us</footer></body></html>"""


class Site:
    """Pages served by path, with a request log and optional failures before success."""

    def __init__(self) -> None:
        self.routes: dict[str, tuple[int, str, bytes]] = {}
        self.fail_first: dict[str, int] = {}
        self.requests: list[tuple[str, str]] = []
        self.base = ""

    def add(self, path: str, body: str | bytes, ctype: str = "text/html; charset=utf-8", status: int = 200) -> str:
        self.routes[path] = (status, ctype, body.encode() if isinstance(body, str) else body)
        return self.base + path

    def page(self, path: str, title: str, date: str, body: str) -> str:
        return self.add(path, PAGE.format(title=title, date=date, body=body))


@pytest.fixture
def site() -> Iterator[Site]:
    site = Site()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            site.requests.append((self.path, self.headers.get("User-Agent", "")))
            if site.fail_first.get(self.path, 0) > 0:
                site.fail_first[self.path] -= 1
                self.send_response(503)
                self.end_headers()
                return
            status, ctype, body = site.routes.get(self.path, (404, "text/plain", b"not found"))
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *_: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    site.add("/robots.txt", "User-agent: *\nDisallow: /private/\n", "text/plain")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield site
    server.shutdown()
    server.server_close()


def _read(*urls: str, **fetcher_options: float) -> list[ArticleIn | SourceProblem]:
    with Fetcher(backoff_s=0.01, **fetcher_options) as fetcher:  # type: ignore[arg-type]
        return list(read_sources(urls, fetcher=fetcher))


def test_read_page_url_gives_one_article_with_metadata(site: Site) -> None:
    url = site.page("/news/1", "Border talks resume", "2025-04-01",
                    "Armenian and Azerbaijani negotiators resumed border talks in Tbilisi on Tuesday.")
    (item,) = _read(url)
    assert isinstance(item, ArticleIn)
    assert item.title == "Border talks resume"
    assert item.published_at == "2025-04-01"
    assert item.url == url
    assert item.text.startswith("Armenian and Azerbaijani negotiators")
    assert "Markets" not in item.text
    assert {agent for _, agent in site.requests} == {USER_AGENT}


def test_read_rss_feed_fetches_item_pages_and_falls_back_to_summary(site: Site) -> None:
    one = site.page("/news/a", "Port deal signed", "2025-04-02",
                    "Oman and India signed an agreement on the operation of the port of Duqm on Wednesday.")
    missing = site.base + "/news/gone"
    site.add("/feed.xml", f"""<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>
      <item><title>Port deal signed</title><link>{one}</link><guid>a</guid>
        <pubDate>Wed, 02 Apr 2025 09:00:00 GMT</pubDate><description>Short.</description></item>
      <item><title>Envoy expelled</title><link>{missing}</link><guid>b</guid>
        <pubDate>Thu, 03 Apr 2025 10:00:00 GMT</pubDate>
        <description>&lt;p&gt;Latvia expelled a Belarusian diplomat on Thursday.&lt;/p&gt;</description></item>
    </channel></rss>""", "application/rss+xml")
    first, second = _read(site.base + "/feed.xml")
    assert isinstance(first, ArticleIn) and isinstance(second, ArticleIn)
    assert first.text.startswith("Oman and India signed an agreement")
    assert first.published_at == "2025-04-02T09:00:00"
    assert first.url == one
    assert second.text == "Latvia expelled a Belarusian diplomat on Thursday."
    assert second.title == "Envoy expelled"


def test_read_atom_feed_without_page_fetch_uses_content(site: Site) -> None:
    site.add("/atom", """<?xml version="1.0" encoding="utf-8"?>
    <feed xmlns="http://www.w3.org/2005/Atom"><title>Atom wire</title><id>urn:feed</id>
      <updated>2025-04-05T00:00:00Z</updated>
      <entry><title>Sanctions announced</title><id>urn:item:1</id><updated>2025-04-05T12:00:00Z</updated>
        <content type="text">Canada announced sanctions on three Iranian officials on Saturday.</content></entry>
    </feed>""", "application/atom+xml")
    (item,) = _read(site.base + "/atom")
    assert isinstance(item, ArticleIn)
    assert item.text == "Canada announced sanctions on three Iranian officials on Saturday."
    assert item.published_at == "2025-04-05T12:00:00"


def test_read_url_disallowed_by_robots_is_refused_without_fetching(site: Site) -> None:
    site.page("/private/x", "Secret", "2025-04-01", "Nothing to see.")
    (item,) = _read(site.base + "/private/x")
    assert isinstance(item, SourceProblem)
    assert "robots.txt" in item.message
    assert "/private/x" not in [path for path, _ in site.requests]


def test_read_url_retries_transient_errors(site: Site) -> None:
    url = site.page("/flaky", "Flaky", "2025-04-01", "Greece and Turkey held talks on maritime borders on Monday.")
    site.fail_first["/flaky"] = 2
    (item,) = _read(url)
    assert isinstance(item, ArticleIn)
    assert [path for path, _ in site.requests].count("/flaky") == 3


def test_read_url_reports_http_errors_and_size_limit(site: Site) -> None:
    site.add("/big", "x" * 5000)
    site.fail_first["/down"] = 10
    items = _read(site.base + "/nope", site.base + "/big", site.base + "/down", max_bytes=2000)
    messages = [i.message for i in items if isinstance(i, SourceProblem)]
    assert messages[0] == "HTTP 404"
    assert "over the limit of 2000" in messages[1]
    assert messages[2] == "HTTP 503 (after 3 attempts)"
