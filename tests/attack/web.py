"""Plain HTTP to the portal on 127.0.0.1 for the attack run: any method, any
header, a path sent exactly as written, and a dropped connection reported as
status 0 rather than raised."""

import http.client
import json
import re
import time
import urllib.parse
from dataclasses import dataclass
from xml.etree import ElementTree

try:
    import feedparser
except ImportError:  # not a declared dependency: fall back to a strict XML parse
    feedparser = None

FEED_PARSER = "feedparser" if feedparser else "xml.etree (feedparser not installed)"


@dataclass
class Reply:
    status: int
    headers: object
    body: bytes
    seconds: float
    error: str = ""

    @property
    def text(self):
        return self.body.decode("utf-8", "replace")

    @property
    def is_html(self):
        return "text/html" in (self.headers.get("Content-Type", "") if self.headers else "")

    def json(self):
        return json.loads(self.body)


def fetch(port, path, method="GET", headers=None, body=None, timeout=15):
    """One request on a connection of its own."""
    started = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        data = response.read()
        return Reply(response.status, response.headers, data, time.perf_counter() - started)
    except (OSError, http.client.HTTPException) as error:
        return Reply(0, None, b"", time.perf_counter() - started, repr(error))
    finally:
        connection.close()


def query(**params):
    return "?" + urllib.parse.urlencode(params)


class Reader:
    """A reader with a cookie jar of one, seen through the trusted proxy as
    coming from `address` (X-Forwarded-For)."""

    def __init__(self, port, address):
        self.port, self.address, self.cookies = port, address, {}

    def request(self, path, data=None):
        headers = {"X-Forwarded-For": self.address}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            body = urllib.parse.urlencode(data).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        reply = fetch(self.port, path, "POST" if data is not None else "GET", headers, body)
        for header in (reply.headers.get_all("Set-Cookie") or []) if reply.headers else []:
            name, _, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        return reply

    def open_report_form(self, slug):
        """The report page's CSRF token and signed start token."""
        reply = self.request(f"/articles/{slug}/report/")
        csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', reply.text)
        started = re.search(r'name="started" value="([^"]+)"', reply.text)
        if reply.status != 200 or not csrf or not started:
            raise RuntimeError(f"report form: {reply.status} {reply.error}")
        return {"csrfmiddlewaretoken": csrf.group(1), "started": started.group(1)}

    def send_report(self, slug, form, sentence):
        data = {**form, "sentence": sentence, "suggestion": "A better wording.", "email": ""}
        return self.request(f"/articles/{slug}/report/", data | {"website": ""})


def feed_problem(body):
    """None for a feed that parses cleanly (feedparser: not bozo), else what is wrong;
    with the entries' titles and authors."""
    if feedparser is not None:
        parsed = feedparser.parse(body)
        if parsed.bozo:
            return f"bozo: {parsed.bozo_exception!r}", []
        if not parsed.version:
            return "not recognised as RSS or Atom", []
        return None, [(e.get("title", ""), e.get("author", "")) for e in parsed.entries]
    try:
        root = ElementTree.fromstring(body)
    except ElementTree.ParseError as error:
        return f"not well-formed XML: {error}", []
    entries = [e for e in root.iter() if e.tag.rsplit("}", 1)[-1] in ("item", "entry")]
    found = []
    for entry in entries:
        texts = {child.tag.rsplit("}", 1)[-1]: "".join(child.itertext()) for child in entry}
        found.append((texts.get("title", ""), texts.get("author", "") or texts.get("name", "")))
    if root.tag.rsplit("}", 1)[-1] not in ("rss", "feed"):
        return f"root element {root.tag!r} is neither rss nor feed", []
    return None, found
