"""Rebuilding after an edit: the load and render caches, and `mkdocs serve --dirty` on the real project."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import pytest

from imhsite.load import LoadCache, load_dataset
from imhsite.problems import DataError
from imhsite.render import Options, RenderCache, render_site
from test_editors import edit, project_copy

VA_CONTACT = "contact: vaendorsement@vcu.edu\n"


def test_an_unchanged_file_is_not_read_again_and_an_edited_one_is(tmp_path):
    project = project_copy(tmp_path)
    cache = LoadCache()
    first = load_dataset(project / "data", cache=cache)
    edit(project / "data/requirements/va.yaml", VA_CONTACT, "contact: new@example.org\n")
    second = load_dataset(project / "data", cache=cache)
    assert second.states["OR"] is first.states["OR"] and second.glossary is first.glossary
    assert second.states["VA"] is not first.states["VA"]
    assert second.states["VA"].association.contact == "new@example.org"


def test_a_cached_file_keeps_its_problems_and_a_changed_source_is_checked_again(tmp_path):
    project = project_copy(tmp_path)
    cache = LoadCache()
    load_dataset(project / "data", cache=cache)
    # the state file is unchanged; the document its quote comes from loses the quoted words
    source = next(p for p in (project / "data/sources").iterdir() if "Membership in NMAIMH" in p.read_text())
    source.write_text(source.read_text().replace("Membership in NMAIMH", "Membership in another body"))
    for _attempt in range(2):
        with pytest.raises(DataError) as raised:
            load_dataset(project / "data", cache=cache)
        assert any("nm.yaml" in str(p) and "quote not found" in str(p) for p in raised.value.problems)


def test_a_render_from_the_cache_equals_a_fresh_render(tmp_path):
    project = project_copy(tmp_path)
    load_cache, render_cache = LoadCache(), RenderCache()
    options = Options(data_version="v")
    render_site(load_dataset(project / "data", cache=load_cache), project / "templates", options, render_cache)
    edit(project / "data/requirements/va.yaml", VA_CONTACT, "contact: new@example.org\n")
    cached = render_site(load_dataset(project / "data", cache=load_cache), project / "templates", options, render_cache)
    fresh = render_site(load_dataset(project / "data"), project / "templates", options)
    assert cached.files == fresh.files and cached.nav == fresh.nav
    assert "new@example.org" in cached.files["virginia/ifa.md"]
    # a template edit reaches every page, cached or not
    guide = project / "templates/guide.md.j2"
    guide.write_text(guide.read_text().replace("## Initial requirements", "## Requirements to apply"))
    cached = render_site(load_dataset(project / "data", cache=load_cache), project / "templates", options, render_cache)
    assert all("## Requirements to apply" in cached.files[f"{s}/ifa.md"] for s in ("virginia", "oregon", "michigan"))


def test_an_edit_renders_only_the_edited_states_parts_again(tmp_path):
    """The all-states pages are put together from per-state parts; another state's are reused as they were."""
    project = project_copy(tmp_path)
    load_cache, render_cache = LoadCache(), RenderCache()
    options = Options(data_version="v")
    before = render_site(load_dataset(project / "data", cache=load_cache), project / "templates", options, render_cache)
    kept = dict(render_cache.states)
    cells = {code: dict(parts.cells) for code, parts in kept.items()}
    assert all(cells.values()), "every state's comparison cells are kept"
    # Virginia's IFA now asks for typically 46 hours of training: its comparison cell differs
    edit(project / "data/requirements/va.yaml", "typical_hours: 45\n", "typical_hours: 46\n")
    after = render_site(load_dataset(project / "data", cache=load_cache), project / "templates", options, render_cache)
    assert render_cache.states["VA"] is not kept["VA"]
    for code, parts in kept.items():
        if code != "VA":
            assert render_cache.states[code] is parts
            assert all(parts.cells[key] is cell for key, cell in cells[code].items()), f"{code}'s cells rendered again"
    fresh = render_site(load_dataset(project / "data"), project / "templates", options)
    assert after.files == fresh.files and after.nav == fresh.nav
    changed = {path for path in after.files if after.files[path] != before.files[path]}
    assert {"compare/ifa.md", "virginia/ifa.md", "virginia/index.md", "downloads/requirements.json",
            "downloads/requirements.csv"} <= changed
    assert not {path for path in changed if path.startswith(("oregon/", "michigan/", "compare/imhs"))}


def test_a_comparison_whose_columns_an_edit_left_as_they_were_is_kept(tmp_path):
    project = project_copy(tmp_path)
    load_cache, render_cache = LoadCache(), RenderCache()
    options = Options(data_version="v")
    before = render_site(load_dataset(project / "data", cache=load_cache), project / "templates", options, render_cache)
    edit(project / "data/requirements/va.yaml", VA_CONTACT, "contact: new@example.org\n")  # no comparison shows it
    after = render_site(load_dataset(project / "data", cache=load_cache), project / "templates", options, render_cache)
    assert after.files["virginia/index.md"] != before.files["virginia/index.md"]
    comparisons = [path for path in after.files if path.startswith("compare/") and path != "compare/index.md"]
    assert comparisons and all(after.files[path] is before.files[path] for path in comparisons)
    fresh = render_site(load_dataset(project / "data"), project / "templates", options)
    assert after.files == fresh.files


def _fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def _wait_for(url: str, text: str, server: subprocess.Popen, log: Path, seconds: float = 120) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert server.poll() is None, log.read_text()[-3000:]
        body = _fetch(url)
        if body is not None and text in body:
            return body
        time.sleep(0.1)
    raise AssertionError(f"{url} never showed {text!r}:\n{log.read_text()[-3000:]}")


def _wait_for_log(log: Path, text: str, after: str, seconds: float = 60) -> str:
    """The log from the first `after` on, once it holds `text`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        tail = log.read_text().partition(after)[2]
        if text in tail:
            return tail
        time.sleep(0.1)
    raise AssertionError(f"the log never said {text!r} after {after!r}:\n{log.read_text()[-3000:]}")


@contextmanager
def preview(project: Path, log: Path, *options: str) -> Iterator[tuple[str, subprocess.Popen]]:
    """`mkdocs serve --dirty --no-strict` (the editors' preview) on a free local port, logging to `log`."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with open(log, "wb") as sink:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--no-strict", *options, "-a", f"127.0.0.1:{port}"],
            cwd=project, stdout=sink, stderr=subprocess.STDOUT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
        try:
            yield f"http://127.0.0.1:{port}", server
        finally:
            server.terminate()
            server.wait(timeout=30)


def test_serve_dirty_rebuilds_only_the_pages_an_edit_changed(tmp_path):
    project = project_copy(tmp_path)
    log = tmp_path / "serve.log"
    with preview(project, log, "--verbose") as (base, server):
        first = _wait_for(f"{base}/virginia/ifa/", "vaendorsement@vcu.edu", server, log)
        assert "Data version" not in first  # only the sources page names the version, so an edit changes no other page for it
        edit(project / "data/requirements/va.yaml", VA_CONTACT, "contact: edited@example.org\n")
        _wait_for(f"{base}/virginia/ifa/", "edited@example.org", server, log)
        rebuild = _wait_for_log(log, "Documentation built", after="Detected file changes")
        # (MkDocs names the pages it builds only in the first build's log; each page built runs search)
        pages_built = rebuild.count("Running `page_context` event from plugin 'material/search'")
        assert 8 <= pages_built < 20, f"{pages_built} pages rebuilt for one contact address:\n{rebuild[-3000:]}"
        assert "Copying media file: 'downloads/virginia.json'" in rebuild
        assert "downloads/oregon.json" not in rebuild.replace("Skip copying unmodified file: 'downloads/oregon.json'", "")
        assert "Infant Family Associate" in (_fetch(f"{base}/oregon/ifa/") or "")


def test_serve_keeps_the_last_good_pages_while_a_file_is_broken(tmp_path):
    """The editor's guide, Preview: a broken file stops the rebuild with its problem lines; pages wait until it is fixed."""
    project = project_copy(tmp_path)
    log = tmp_path / "serve.log"
    with preview(project, log) as (base, server):
        page = f"{base}/virginia/ifa/"
        _wait_for(page, "vaendorsement@vcu.edu", server, log)
        edit(project / "data/requirements/va.yaml", VA_CONTACT, "contact: <b>broken</b>\n")
        said = _wait_for_log(log, "An error happened during the rebuild", after="Detected file changes")
        assert re.search(r"data/requirements/va\.yaml:\d+: association\.contact: raw HTML is not allowed", said), said
        assert "Traceback" not in said
        with ThreadPoolExecutor(1) as pool:
            waiting = pool.submit(_fetch, page)  # MkDocs holds a request until a build succeeds
            time.sleep(3)
            assert not waiting.done(), "a page was served while its data was broken"
            edit(project / "data/requirements/va.yaml", "contact: <b>broken</b>\n", "contact: fixed@example.org\n")
            assert "fixed@example.org" in (waiting.result(timeout=60) or "")


def test_a_servers_next_environment_takes_the_themes_compiled_templates_until_one_changes(tmp_path):
    from jinja2 import DictLoader, Environment

    from imhsite.mkdocs_plugin import TemplateCodeCache

    code, sources = TemplateCodeCache(), {"main.html": "<p>{{ page }}</p>"}

    def environment() -> Environment:
        env = Environment(loader=DictLoader(sources), bytecode_cache=code)
        compiled = env.compile
        env.compiled = []  # type: ignore[attr-defined]
        env.compile = lambda source, *a, **k: (env.compiled.append(source), compiled(source, *a, **k))[1]  # type: ignore
        return env

    first, second = environment(), environment()
    assert first.get_template("main.html").render(page="a") == "<p>a</p>" and first.compiled
    assert second.get_template("main.html").render(page="b") == "<p>b</p>" and not second.compiled
    sources["main.html"] = "<div>{{ page }}</div>"
    third = environment()
    assert third.get_template("main.html").render(page="c") == "<div>c</div>" and third.compiled


def test_a_server_looks_at_the_projects_folders_more_often_than_at_a_themes(tmp_path):
    from mkdocs.livereload import LiveReloadServer

    from imhsite.serve_watch import PROJECT_POLL_SECONDS, poll_often

    data, theme = tmp_path / "data", tmp_path / "theme"
    data.mkdir(), theme.mkdir()
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    server.watch(str(data))
    server.watch(str(theme))
    assert poll_often(server, [str(data), None]) == 1  # None: mkdocs.yml read from standard input
    intervals = {Path(emitter.watch.path).name: emitter.timeout for emitter in server.observer.emitters}
    assert intervals == {"data": PROJECT_POLL_SECONDS, "theme": server.observer.timeout}
    assert server.observer.timeout > PROJECT_POLL_SECONDS
