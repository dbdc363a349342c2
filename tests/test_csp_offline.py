"""The site under a strict Content-Security-Policy, and offline: no request leaves the local host.

The built site is served with the policy below (scripts only from the site itself: no inline
script, no inline event handler, no eval). Chromium fills the self-check, opens every page type
through Material's instant navigation and uses the search; a `securitypolicyviolation` listener,
the console and the page-error events must stay silent, and every request the pages make must go
to 127.0.0.1.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from browser import chromium, open_search, serve

POLICY = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
          "img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'")
"""Material sets inline styles from its scripts (hence 'unsafe-inline' for styles) and its CSS
uses data: icons; scripts come from the site only."""

WATCH = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(event.violatedDirective + " " + (event.blockedURI || "inline") + " " + (event.sample || ""));
});
"""

DESKTOP = {"width": 1280, "height": 900}


def test_the_policy_allows_scripts_from_the_site_only():
    script_src = re.search(r"script-src ([^;]+)", POLICY).group(1)
    assert script_src == "'self'"


class _InlineScripts(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: list[str] = []
        self._inline = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=...>")
        if tag == "script" and not attrs.get("src") and attrs.get("type") != "application/json":
            self._inline = True
        for name in ("href", "src", "action"):
            if (attrs.get(name) or "").strip().lower().startswith("javascript:"):
                self.found.append(f"<{tag} {name}={attrs[name][:30]}>")

    def handle_data(self, data):
        if self._inline:
            self.found.append(f"inline script: {data.strip()[:60]!r}")

    def handle_endtag(self, tag):
        if tag == "script":
            self._inline = False


def test_no_page_has_inline_script_or_event_handler(built_site):
    """What the policy would block, looked for in every built page (the browser visits a few)."""
    found = []
    for html in sorted(built_site.rglob("*.html")):
        scan = _InlineScripts()
        scan.feed(html.read_text(encoding="utf-8"))
        found += [f"{html.relative_to(built_site)}: {f}" for f in scan.found]
    assert not found, "\n".join(found[:20])


SITE_HOST = "imhsite.test"
"""A name the browser resolves to the local server on port 80: Material's instant navigation
compares links with the sitemap's addresses without their port, so it only swaps pages on a
default port (on 127.0.0.1:PORT every link reloads the page). Nothing is resolved through DNS."""


@pytest.fixture(scope="module")
def strict_site(built_site):
    """The built site behind the policy: its 127.0.0.1 address."""
    with serve(built_site, headers={"Content-Security-Policy": POLICY}) as base:
        yield base


@pytest.fixture
def browser_page(strict_site):
    """A desktop page watched for policy violations, script errors, console errors and requests.

    `page.base` is http://imhsite.test, which this browser alone resolves to the server above.
    """
    port = urlsplit(strict_site).port
    with chromium(extra_args=(f"--host-resolver-rules=MAP {SITE_HOST}:80 127.0.0.1:{port}",)) as browser:
        context = browser.new_context(viewport=DESKTOP)
        context.add_init_script(WATCH)
        page = context.new_page()
        page.base = f"http://{SITE_HOST}"
        page.problems = []
        page.requests = []
        page.on("pageerror", lambda err: page.problems.append(f"script error: {err}"))
        page.on("console", lambda msg: page.problems.append(f"console: {msg.text}") if msg.type == "error" else None)
        context.on("request", lambda request: page.requests.append(request.url))
        context.on("websocket", lambda socket: page.requests.append(socket.url))
        yield page
        context.close()


def elsewhere(page) -> list[str]:
    """Requests to anything but the site (the test host, or 127.0.0.1 itself)."""
    return [url for url in page.requests if urlsplit(url).hostname not in (SITE_HOST, "127.0.0.1")]


def violations(page) -> list[str]:
    return page.evaluate("window.__violations")


def test_the_self_check_works_under_the_policy(strict_site, browser_page):
    page = browser_page
    page.goto(f"{page.base}/self-check/")
    page.wait_for_selector("#imhsite-results:not(:empty)")
    before = page.locator("#imhsite-results").inner_text()
    page.select_option("#imhsite-state", "VA")
    page.get_by_label("Highest degree or credential earned").select_option("master")
    page.get_by_label("Specialized in-service training, all topics").fill("48")
    page.get_by_label("RS/C received").fill("50")
    page.get_by_label("Endorsement of your RS/C provider").select_option("IMHM-C")
    page.get_by_label("Infant mental health services (paid)").fill("2")
    page.wait_for_function("(before) => document.querySelector('#imhsite-results').innerText !== before", arg=before)
    assert "Virginia" in page.locator(".imhsite-headline").inner_text()
    page.locator('[data-cell="VA IMHS"] summary').click()
    assert page.locator('[data-cell="VA IMHS"] details').evaluate("d => d.open")
    page.get_by_role("button", name="Save in this browser").click()
    assert page.locator("#imhsite-save-status").inner_text()
    assert violations(page) == [] and page.problems == []


COUNT_SWAPS = "window.__swaps = 0; document$.subscribe(() => { window.__swaps += 1; })"
"""Material's document$ emits each page it swaps in (and, at once, the page it started on)."""


def follow(page, url: str) -> None:
    """Click a visible link to `url` on the current page, as a reader would; wait for the swap."""
    find = "(url) => Array.from(document.querySelectorAll('a')).find(a => a.href === url && a.offsetParent !== null)"
    element = page.evaluate_handle(find, url).as_element()
    assert element, f"no visible link to {url} on {page.url}"
    swaps = page.evaluate("window.__swaps")
    element.click()
    page.wait_for_function("(n) => window.__swaps > n", arg=swaps)
    assert page.url == url
    page.wait_for_load_state("networkidle")


def test_every_page_type_search_and_instant_navigation_stay_on_the_local_host(strict_site, browser_page):
    page = browser_page
    page.goto(page.base + "/")
    page.evaluate("window.__loaded_once = true")
    page.wait_for_function("() => window.document$ !== undefined")
    page.evaluate(COUNT_SWAPS)
    for path in ("/virginia/", "/virginia/ifrs/", "/compare/ifrs/", "/competencies/", "/competencies/imhm/",
                 "/competencies/levels/", "/glossary/", "/sources/", "/self-check/"):
        follow(page, page.base + path)
        assert page.evaluate("window.__loaded_once === true"), f"{path}: the page was reloaded, not swapped"
    page.wait_for_selector("#imhsite-results:not(:empty)")

    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

    search = open_search(page)
    # results render as the query grows, and a query typed before the search worker is ready
    # may be answered for its first letters only: retype until those of the whole query show
    result = page.locator(".md-search-result__link[href*='h=reflective+supervision'] >> visible=true").first
    for attempt in range(3):
        search.fill("")
        search.press_sequentially("reflective supervision", delay=20)
        try:
            result.wait_for(state="visible", timeout=10_000)
            break
        except PlaywrightTimeoutError:
            if attempt == 2:
                debug = page.evaluate("""() => [document.querySelector('input.md-search__input').value,
                    document.querySelector('.md-search-result__meta') && document.querySelector('.md-search-result__meta').textContent,
                    Array.from(document.querySelectorAll('.md-search-result__link')).slice(0, 4).map(a => [a.href, a.offsetParent !== null, a.getBoundingClientRect().height]),
                    document.querySelector('[data-md-toggle=search]').checked, location.href]""")
                raise AssertionError(f"no search result for the whole query: {debug}")
    swaps = page.evaluate("window.__swaps")
    result.click()
    page.wait_for_function("(n) => window.__swaps > n", arg=swaps)
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.__loaded_once === true")

    assert not elsewhere(page), f"requests left the site: {elsewhere(page)}"
    assert any("/search/search_index.json" in url for url in page.requests)
    assert sum("/assets/javascripts/bundle." in url for url in page.requests) == 1, "a page was loaded afresh"
    assert violations(page) == [] and page.problems == []


def test_every_page_loaded_afresh_stays_local_and_silent(built_site, strict_site, browser_page):
    """Each page type opened directly, as a bookmark would: the same, without instant navigation."""
    page = browser_page
    for path in ("/", "/virginia/", "/virginia/ifrs/", "/compare/imhs/", "/competencies/imhm/",
                 "/competencies/levels/", "/glossary/", "/sources/", "/about/", "/editors/", "/self-check/"):
        page.goto(strict_site + path)
        page.wait_for_load_state("networkidle")
        assert violations(page) == [], path
    assert {urlsplit(url).hostname for url in page.requests} == {"127.0.0.1"}, elsewhere(page)
    assert page.problems == []
