"""Walking every page a person can reach, by following the links they are shown (issue 28).

`Walk` starts from a person's landing page and a few addresses that are typed rather than
linked, and follows every same-origin link (and htmx `data-hx-get`, image and GET form) it
finds, GET only. Each
address is fetched once, through the browser context's own request client (so it carries the
person's cookies); a link that answers 403, 404 or 5xx is a fault of the page that showed it.
An HTML page is then shown in the tab from that same answer (no second request) and measured
the way a person sees it: at both widths by resizing the one tab (layout.faults), and for
markup that reached the screen as text. Its HTML is kept for the W3C checker (vnu.py).

A few addresses of each endpoint are enough to see its template: `PER_ENDPOINT` caps how many
distinct addresses of one endpoint are shown and measured, `FETCH_PER_ENDPOINT` how many are
fetched for their status (a list of fifty reports links fifty pages of one template), and
`FETCH_PER_DOWNLOAD` how many of an endpoint that answers with a file.
"""

import re
import time
from dataclasses import dataclass, field
from urllib.parse import urldefrag, urljoin, urlsplit

from werkzeug.exceptions import HTTPException

from tests.browser.layout import faults

PER_ENDPOINT = 3
FETCH_PER_ENDPOINT = 12
FETCH_PER_DOWNLOAD = 2  # a PDF is costly to make, and one template makes them all
# Never followed: they end something (a session, a record, a report) or change the language.
NEVER_FOLLOW = re.compile(r"sign-out|/exit\b|delete|withdraw|revoke|close|/language\b")
DENIED = {403, 404}

# Markup that reached the screen as text: a tag or a character reference in what a person reads.
MARKUP_AS_TEXT = r"""() => {
  const found = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const pattern = /<\/?[a-zA-Z][a-zA-Z0-9-]*(?:[\s>\/]|$)|&(?:[a-zA-Z][a-zA-Z0-9]{1,31}|#[0-9]{1,7}|#x[0-9a-fA-F]{1,6});/;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || parent.closest('script, style, template, textarea, code, pre, [data-user-text]')) continue;
    const match = node.textContent.match(pattern);
    if (match) found.push(`shows markup as text: "${node.textContent.trim().slice(0, 100)}"`);
  }
  return found;
}"""

# A day written another way than the language's one (portal/platform/i18n.py, DAY_FORMAT):
# "July 7, 2026" or "Jul 7, 2026" in English, "7 jul 2026" in Dutch.
OTHER_DATE_FORMATS = {
    "en": r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? \d{1,2}, \d{4}\b",
    "nl": r"\b\d{1,2} (?:jan|feb|mrt|apr|jun|jul|aug|sep|okt|nov|dec)\.? \d{4}\b",
}
DATES = r"""(pattern) => {
  const found = new Set();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const other = new RegExp(pattern, 'g');
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || parent.closest('script, style, template, textarea, [data-user-text]')) continue;
    for (const match of node.textContent.matchAll(other)) found.add(match[0]);
  }
  return [...found].map(day => `writes a day as "${day}", not as the language's one way`);
}"""

# Where a person can go from the page: links, htmx GETs, images (a broken one is a fault too)
# and GET forms as they stand (a filter with its defaults, a confirmation with nothing ticked).
LINKS = """() => [
  ...[...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href')),
  ...[...document.querySelectorAll('[data-hx-get], [hx-get]')]
    .map(e => e.getAttribute('data-hx-get') || e.getAttribute('hx-get')),
  ...[...document.querySelectorAll('img[src]')].map(img => img.getAttribute('src')),
  ...[...document.querySelectorAll('form')].filter(f => f.method === 'get')
    .map(f => f.action + '?' + new URLSearchParams(new FormData(f))),
]"""


@dataclass
class Seen:
    """One page as the walk found it."""

    who: str
    lang: str
    path: str
    endpoint: str
    html: str


@dataclass
class Walk:
    """One person's walk in one language, in one browser tab."""

    page: object  # playwright Page
    base_url: str
    url_map: object  # werkzeug MapAdapter, to name each address's endpoint
    who: str
    lang: str
    pages: list[Seen] = field(default_factory=list)
    faults: list[str] = field(default_factory=list)
    reached: set[str] = field(default_factory=set)
    fetched: dict[str, int] = field(default_factory=dict)

    def endpoint(self, path: str) -> str | None:
        try:
            return self.url_map.match(urlsplit(path).path, method="GET")[0]
        except HTTPException:
            return None

    def local(self, href: str, base: str) -> str | None:
        """The same-origin path (with query) an href points to, or None to leave it."""
        url = urldefrag(urljoin(base, href)).url
        if not url.startswith(self.base_url + "/"):
            return None
        path = url[len(self.base_url) :]
        if path.startswith("/static/") or NEVER_FOLLOW.search(urlsplit(path).path):
            return None
        return path

    def run(self, starts: list[str]) -> None:
        page = self.page
        queue = [(path, "(start)") for path in starts]
        queued = set(starts)
        shown: dict[str, int] = {}
        downloads: set[str] = set()
        answers: dict[str, object] = {}

        def fulfil(route) -> None:
            answer = answers.pop(route.request.url, None)
            if answer is not None and route.request.resource_type == "document":
                route.fulfill(response=answer)
            else:
                route.continue_()

        page.route("**/*", fulfil)
        try:
            while queue:
                path, source = queue.pop(0)
                endpoint = self.endpoint(path) or "(no endpoint)"
                limit = FETCH_PER_DOWNLOAD if endpoint in downloads else FETCH_PER_ENDPOINT
                if self.fetched.get(endpoint, 0) >= limit:
                    continue
                answer = page.context.request.get(self.base_url + path, timeout=60_000)
                self.fetched[endpoint] = self.fetched.get(endpoint, 0) + 1
                status = answer.status
                if status in DENIED or status >= 500:
                    self.faults.append(
                        f"{self.who} ({self.lang}): {source} shows a link to {path}, "
                        f"which answers {status}"
                    )
                    continue
                final = answer.url[len(self.base_url) :]
                final_endpoint = self.endpoint(final)
                if final_endpoint:
                    self.reached.add(final_endpoint)
                if endpoint != "(no endpoint)" and final == path:
                    self.reached.add(endpoint)
                html = "text/html" in answer.headers.get("content-type", "")
                if not html:
                    downloads.add(endpoint)
                if not html or status != 200 or shown.get(final_endpoint, 0) >= PER_ENDPOINT:
                    continue
                if any(s.path == final for s in self.pages if s.who == self.who):
                    continue
                shown[final_endpoint] = shown.get(final_endpoint, 0) + 1
                body = answer.text()
                if not body.lstrip().lower().startswith("<!doctype"):
                    continue  # an htmx fragment: its page is checked where it is included
                self.pages.append(Seen(self.who, self.lang, final, final_endpoint, body))
                answers[answer.url] = answer
                page.goto(answer.url)
                answers.pop(answer.url, None)
                where = f"{self.who} ({self.lang}) "
                width = page.viewport_size["width"]
                widths = (1280, 375) if width == 1280 else (375, 1280)
                self.faults += [where + f for f in faults(page, widths)]
                self.faults += [where + f"{final}: {f}" for f in page.evaluate(MARKUP_AS_TEXT)]
                dates = page.evaluate(DATES, OTHER_DATE_FORMATS[self.lang])
                self.faults += [where + f"{final}: {f}" for f in dates]
                for href in page.evaluate(LINKS):
                    target = href and self.local(href, answer.url)
                    if target and target not in queued:
                        queued.add(target)
                        queue.append((target, final))
        finally:
            page.unroute("**/*", fulfil)


def timed(label: str, started: float) -> str:
    return f"{label} in {time.monotonic() - started:.1f} s"
