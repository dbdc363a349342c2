"""Real-browser helpers: serve a built site on localhost and drive Debian's chromium."""

from __future__ import annotations

import functools
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Locator, Page

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"

LAUNCH_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
"""Without the background-networking flags chromium tries to reach Google's hosts."""


class _Handler(SimpleHTTPRequestHandler):
    extra_headers: dict[str, str] = {}

    def end_headers(self) -> None:
        for name, value in self.extra_headers.items():
            self.send_header(name, value)
        super().end_headers()

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the base class's name
        pass


@contextmanager
def serve(site: Path, headers: dict[str, str] | None = None) -> Iterator[str]:
    """Serve `site` on a free localhost port; yields the base URL."""
    handler = type("Handler", (_Handler,), {"extra_headers": dict(headers or {})})
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def chromium(extra_args: tuple[str, ...] = ()) -> Iterator[object]:
    """A headless Debian chromium driven by Playwright (its own browser download is not used)."""
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.fail(f"chromium not found at {CHROMIUM}: run scripts/test.sh, which installs it")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS + list(extra_args), headless=True)
        try:
            yield browser
        finally:
            browser.close()


AFTER_MATERIALS_CLOSE = """() => new Promise((done) => setTimeout(done, 250))"""
"""A timer that fires after Material's: 125 ms after each address its `location$` emits (a page
load or an instant navigation), Material closes the search and the drawer (bundle.ts), so a
search opened within those 125 ms closes again. Timers fire in the order their deadlines fall."""


def open_search(page: Page) -> Locator:
    """Open Material's search by clicking its box, once Material's own close has passed; the box."""
    page.wait_for_function("() => window.location$ !== undefined")
    page.evaluate(AFTER_MATERIALS_CLOSE)
    box = page.locator("input.md-search__input")
    box.click()
    page.wait_for_function("() => document.querySelector('[data-md-toggle=search]').checked")
    return box
