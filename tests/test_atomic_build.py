"""A build that fails, warns under --strict or is killed leaves the previous site byte for byte.

Each test starts from a good site in an output folder (a copy of the real build), breaks a copy
of the project (the data, a template, the freshness of a state, or the build process itself) and
builds into the same folder again: the build must fail (a non-zero exit status, a message that
says why) and the folder must hold exactly the files it held, with exactly the same bytes.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT, build_site
from faulty_disk import FAULTS, REASONS, fingerprint, run_with_fault

STAGING = ".imhsite-staging-"


def copy_project(root: Path) -> Path:
    for part in ("data", "templates", "content", "mkdocs.yml"):
        src = ROOT / part
        (shutil.copytree if src.is_dir() else shutil.copy)(src, root / part)
    return root


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def leftovers(out: Path) -> list[str]:
    return sorted(p.name for p in out.parent.glob(f"{STAGING}{out.name}-*"))


@pytest.fixture
def published(tmp_path, built_site):
    """A project copy and an output folder holding a good build of it; the folder's fingerprint."""
    project = copy_project(tmp_path / "project")
    out = tmp_path / "public" / "site"
    shutil.copytree(built_site, out)
    return project, out, fingerprint(out)


BREAKAGES = {
    "data": (
        "data/requirements/va.yaml", "min_hours: 48", "min_hours: forty-eight",
        r"data/requirements/va\.yaml:\d+: categories\.IFRS\.initial\.training\.min_hours: expected a whole number",
    ),
    "template": (
        "templates/guide.md.j2", "## Initial requirements", "## Initial requirements {{ no_such_value.anywhere }}",
        r"template error: templates/guide\.md\.j2:\d+: .*no_such_value",
    ),
    "template syntax": (
        "templates/glossary.md.j2", "{% for term in glossary.terms %}", "{% for term in glossary.terms %",
        r"template error: .*glossary\.md\.j2",
    ),
    "impossible date": (
        "data/requirements/va.yaml", "last_checked: ", "last_checked: 2026-02-30\n# was: ",
        r"data/requirements/va\.yaml:\d+: last_checked: expected a real date as YYYY-MM-DD, got '2026-02-30'",
    ),
    "nesting 500 levels deep": (
        "data/requirements/va.yaml", "last_checked: ", "deep: " + "[" * 500 + "]" * 500 + "\nlast_checked: ",
        r"data/requirements/va\.yaml:\d+: nested more than \d+ levels deep",
    ),
    "stale data under --strict": (
        "data/requirements/va.yaml", "last_checked: ", "last_checked: 2001-01-01\n# was: ",
        r"va\.yaml:\d+: last_checked: warning: 2001-01-01 is more than 12 months ago.*\n(?:.*\n)*.*Aborted with \d+ warnings in strict mode",
    ),
}


@pytest.mark.parametrize("breakage", BREAKAGES)
def test_a_failed_build_leaves_the_previous_site_byte_for_byte(published, breakage):
    project, out, before = published
    file, old, new, said = BREAKAGES[breakage]
    edit(project / file, old, new)
    result = build_site(out, project / "mkdocs.yml")
    assert result.returncode != 0, f"the {breakage} build succeeded"
    said_all = result.stderr + result.stdout
    assert re.search(said, said_all), said_all[-2000:]
    assert "Traceback" not in result.stderr
    assert fingerprint(out) == before, f"the {breakage} build changed the published site"
    assert leftovers(out) == [], "a failed build left its staging folder behind"


def rename_a_state_file_to_yml(project: Path) -> None:
    (project / "data/requirements/nm.yaml").rename(project / "data/requirements/nm.yml")


def save_a_source_text_as_cp1252(project: Path) -> None:
    text = project / "data/sources/004_702cdf564c10a0d2.txt"
    text.write_bytes(text.read_text(encoding="utf-8").encode("cp1252", "replace"))  # its ® is then byte 0xae


def make_unreadable(path: Path) -> None:
    """`path` becomes a file no process can read, root included: reading /proc/self/mem at its start fails (EIO)."""
    path.unlink()
    path.symlink_to("/proc/self/mem")


UNREADABLE = {
    "state file named .yml": (
        rename_a_state_file_to_yml, r"data/requirements/nm\.yml:1: data files are read only when named \*\.yaml; rename it to nm\.yaml"),
    "source text in cp1252": (
        save_a_source_text_as_cp1252, r"data/sources/004_702cdf564c10a0d2\.txt:\d+: not UTF-8 text: byte 0xae at offset \d+"),
    "state file it cannot read": (
        lambda project: make_unreadable(project / "data/requirements/nm.yaml"),
        r"data/requirements/nm\.yaml:1: cannot be read: Input/output error"),
    "source text it cannot read": (
        lambda project: make_unreadable(project / "data/sources/004_702cdf564c10a0d2.txt"),
        r"data/sources/004_702cdf564c10a0d2\.txt:1: cannot be read: Input/output error"),
}


@pytest.mark.parametrize("fault", UNREADABLE)
def test_data_the_site_cannot_read_fails_the_build_in_one_line(published, fault):
    """Before, a .yml state was left out of the site unseen, and a cp1252 or unreadable file was a traceback."""
    project, out, before = published
    damage, said = UNREADABLE[fault]
    damage(project)
    result = build_site(out, project / "mkdocs.yml")
    assert result.returncode != 0, f"the build with a {fault} succeeded"
    assert len(re.findall(said, result.stderr)) == 1, result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    assert fingerprint(out) == before
    assert leftovers(out) == []


@pytest.mark.parametrize("fault", FAULTS)
def test_an_output_fault_is_one_line_and_leaves_the_previous_site(tmp_path, built_site, fault):
    """A read-only file system, a full disk or a file-size limit: before, a Python traceback."""
    project = copy_project(tmp_path / "project")
    seed = tmp_path / "seed"
    shutil.copytree(built_site, seed / "site")
    public = tmp_path / "public"
    command = ["env", "NO_MKDOCS_2_WARNING=1", sys.executable, "-m", "mkdocs", "build", "--strict",
               "-f", str(project / "mkdocs.yml"), "-d", str(public / "site")]
    result, files = run_with_fault(fault, public, seed, command, project)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    [said] = [line for line in result.stderr.splitlines() if not line.startswith("INFO")]
    assert re.fullmatch(rf"Error: the build into {re.escape(str(public / 'site'))} failed: "
                        rf"{REASONS[fault]}: {re.escape(str(public))}/\S+", said), said
    assert files == fingerprint(seed), "the failed build changed the published site or left files behind"


def test_the_same_project_unbroken_does_replace_the_site(published):
    """The control: without the breakage the build publishes (so the tests above can fail)."""
    project, out, before = published
    edit(project / "content" / "about.md", "# About this site", "# About this site, rebuilt")
    result = build_site(out, project / "mkdocs.yml")
    assert result.returncode == 0, result.stderr[-2000:]
    after = fingerprint(out)
    assert after != before and "about/index.html" in after
    assert "rebuilt" in (out / "about" / "index.html").read_text(encoding="utf-8")
    assert leftovers(out) == []


def test_a_killed_build_leaves_the_previous_site_byte_for_byte(published):
    project, out, before = published
    # a finished build would differ from what is published: a change the kill must keep out
    edit(project / "content" / "about.md", "# About this site", "# About this site, half built")
    build = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(out)],
        cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    staging = None
    deadline = time.monotonic() + 120
    try:
        while build.poll() is None and time.monotonic() < deadline:
            found = [p for p in out.parent.glob(f"{STAGING}{out.name}-*") if p.is_dir()]
            if found and next(found[0].rglob("*.html"), None) is not None:
                staging = found[0]  # the build has started writing pages
                os.kill(build.pid, signal.SIGKILL)
                break
            time.sleep(0.005)
    finally:
        if build.poll() is None:
            os.kill(build.pid, signal.SIGKILL)
        build.wait()
    assert staging is not None, "the build finished (or never wrote a page) before it could be killed"
    assert build.returncode == -signal.SIGKILL
    assert staging.exists(), "the kill came after the build had published"
    assert fingerprint(out) == before, "the killed build changed the published site"

    # the next build clears what the killed one left and publishes
    result = build_site(out, project / "mkdocs.yml")
    assert result.returncode == 0, result.stderr[-2000:]
    assert leftovers(out) == []
    assert "half built" in (out / "about" / "index.html").read_text(encoding="utf-8")


def test_a_build_stopped_between_the_two_renames_gets_its_site_back(tmp_path):
    """publish() moves the old site aside, then the new one in; a stop in between loses neither."""
    from imhsite import atomic_output

    final = tmp_path / "site"
    final.mkdir()
    (final / "index.html").write_text("previous site")
    staging = atomic_output.staging_folder(final)
    (staging / "index.html").write_text("new site")
    final.rename(atomic_output._previous(final))  # the first rename of publish(), then a stop
    assert not final.exists()
    atomic_output.staging_folder(final)  # the next build starts
    assert (final / "index.html").read_text() == "previous site"
