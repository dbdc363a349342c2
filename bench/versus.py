"""The same pages built by Hugo and by plain Jinja, beside the imhsite build (issue 14).

`run.py --versus-hugo` calls this module. For each size it writes, once and untimed, a Hugo
project from the pages imhsite generates (`render_site`) and the hand-written pages of
`content/`:

- `content/`: every page's Markdown as imhsite generates it, with a `title` (the page's first
  `# ` heading) added to its front matter; a folder's `index.md` becomes Hugo's `_index.md` (a
  section page), and the home page `content/_index.md`;
- `static/`: the generated downloads and scripts, which Hugo copies as MkDocs does;
- `layouts/_default/`: minimal `baseof.html`, `single.html` and `list.html` giving each page its
  section's navigation and its table of contents (`.TableOfContents`), and nothing else (no
  theme, no search index);
- `config.toml`: raw HTML kept (`unsafe`: the pages carry HTML blocks), `{ #id }` heading
  attributes read, no RSS or taxonomy pages.

The "Jinja floor" reads the same content tree and writes the same pages through one Jinja
layout with the same section navigation and a table of contents made from the headings, without
converting any Markdown: what writing these pages costs at the least, in Python.

Then `hugo` and the floor are timed as subprocesses (wall seconds, and CPU seconds and peak
memory from `os.wait4`), interleaved with the `mkdocs build` runs of run.py.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import yaml

CONFIG = """\
baseURL = "https://imhsite.example/"
title = "Infant Mental Health Endorsement requirements"
languageCode = "en"
disableKinds = ["taxonomy", "term", "RSS"]
enableGitInfo = false

[markup.goldmark.renderer]
unsafe = true

[markup.goldmark.parser.attribute]
title = true

[markup.tableOfContents]
startLevel = 2
endLevel = 3
"""

BASEOF = """\
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} - {{ .Site.Title }}</title>
<link rel="stylesheet" href="{{ "assets/imhsite/imhsite.css" | relURL }}">
</head>
<body>
<header><a href="{{ "/" | relURL }}">{{ .Site.Title }}</a></header>
<nav class="section">
{{- with .CurrentSection }}
<a href="{{ .RelPermalink }}">{{ .Title }}</a>
<ul>
{{- range .Pages }}
<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>
{{- end }}
</ul>
{{- end }}
</nav>
<aside class="toc">{{ .TableOfContents }}</aside>
<main>{{ block "main" . }}{{ end }}</main>
</body>
</html>
"""

SINGLE = '{{ define "main" }}{{ .Content }}{{ end }}\n'
LIST = SINGLE

FLOOR_LAYOUT = """\
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ title }} - {{ site_title }}</title>
<link rel="stylesheet" href="{{ root }}assets/imhsite/imhsite.css">
</head>
<body>
<header><a href="{{ root }}">{{ site_title }}</a></header>
<nav class="section">
<a href="{{ root }}{{ section.url }}">{{ section.title }}</a>
<ul>
{%- for page in section.pages %}
<li><a href="{{ root }}{{ page.url }}">{{ page.title }}</a></li>
{%- endfor %}
</ul>
</nav>
<aside class="toc"><nav id="TableOfContents"><ul>
{%- for level, anchor, text in toc %}
<li class="toc-{{ level }}"><a href="#{{ anchor }}">{{ text }}</a></li>
{%- endfor %}
</ul></nav></aside>
<main>{{ body | safe }}</main>
</body>
</html>
"""

FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.S)
H1 = re.compile(r"^# +(.+?)\s*$", re.M)
HEADING = re.compile(r"^(#{2,3}) +(.+?)(?:\s*\{\s*#([\w-]+)\s*\})?\s*$", re.M)


def _title(markdown: str, path: str) -> str:
    found = H1.search(markdown)
    return re.sub(r"\\(.)", r"\1", found.group(1)) if found else Path(path).stem


def _hugo_path(path: str) -> str:
    """Where a page of the MkDocs tree goes in Hugo's: folder indexes become section pages."""
    folder, name = os.path.split(path)
    if name == "index.md":
        return os.path.join(folder, "_index.md")
    return path


def _with_title(markdown: str, title: str) -> str:
    found = FRONT_MATTER.match(markdown)
    meta = (yaml.safe_load(found.group(1)) or {}) if found else {}
    meta.setdefault("title", title)
    body = markdown[found.end():] if found else markdown
    return "---\n" + yaml.safe_dump(meta, sort_keys=False, allow_unicode=True) + "---\n" + body


def write_hugo_project(files: dict[str, str], docs: Path, destination: Path) -> int:
    """A Hugo project of the generated files and the hand-written pages; the number of pages."""
    if destination.exists():
        shutil.rmtree(destination)
    pages: dict[str, str] = {}
    for path, text in files.items():
        if path.endswith(".md"):
            pages[path] = text
        else:
            target = destination / "static" / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
    for source in sorted(docs.rglob("*")):
        if source.is_file() and source.suffix == ".md":
            pages.setdefault(source.relative_to(docs).as_posix(), source.read_text(encoding="utf-8"))
        elif source.is_file():
            target = destination / "static" / source.relative_to(docs)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(source, target)
    for path, text in pages.items():
        target = destination / "content" / _hugo_path(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(_with_title(text, _title(text, path)), encoding="utf-8")
    layouts = destination / "layouts" / "_default"
    layouts.mkdir(parents=True)
    (layouts / "baseof.html").write_text(BASEOF, encoding="utf-8")
    (layouts / "single.html").write_text(SINGLE, encoding="utf-8")
    (layouts / "list.html").write_text(LIST, encoding="utf-8")
    (destination / "config.toml").write_text(CONFIG, encoding="utf-8")
    return len(pages)


# --- Hugo -----------------------------------------------------------------------------------


def hugo_version(hugo: str) -> str:
    out = subprocess.run([hugo, "version"], capture_output=True, text=True, check=False)
    return out.stdout.strip().split(" BuildDate")[0] or "unknown"


def find_hugo(explicit: str | None = None, install: bool = True) -> tuple[str | None, str]:
    """Hugo's path, installing Debian's package when absent; else None and why, in one line."""
    if explicit:
        path = shutil.which(explicit)
        return (path, "") if path else (None, f"{explicit} is not an executable")
    path = shutil.which("hugo")
    if path:
        return path, ""
    if not install:
        return None, "hugo is not installed (and --no-hugo-install was given)"
    if shutil.which("apt-get") is None:
        return None, "hugo is not installed and there is no apt-get to install it"
    if os.geteuid() != 0:
        return None, "hugo is not installed and installing it needs root (apt-get install -y hugo)"
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", "hugo"]):
        print(f"[hugo] {' '.join(command)}", file=sys.stderr, flush=True)
        try:
            out = subprocess.run(command, capture_output=True, text=True, env=env, timeout=600, check=False)
        except (OSError, subprocess.TimeoutExpired) as err:
            return None, f"`{' '.join(command)}` failed: {err}"
        if out.returncode != 0:
            last = (out.stderr.strip() or out.stdout.strip() or f"exit status {out.returncode}").splitlines()[-1]
            return None, f"`{' '.join(command)}` failed: {last}"
    path = shutil.which("hugo")
    return (path, "") if path else (None, "apt-get install -y hugo left no hugo on PATH")


def _timed(command: list[str], log: Path, cwd: Path, env: dict[str, str] | None = None) -> tuple[float, float, float]:
    """(wall seconds, CPU seconds, peak resident MB) of one subprocess; raises on failure."""
    with open(log, "wb") as sink:
        start = time.perf_counter()
        proc = subprocess.Popen(command, stdout=sink, stderr=subprocess.STDOUT, cwd=cwd, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{command[0]} failed:\n{log.read_text(errors='replace')[-3000:]}")
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def timed_hugo(hugo: str, project: Path) -> tuple[float, float, float]:
    """One `hugo` build of the project into a fresh public/ folder."""
    public = project / "public"
    if public.exists():
        shutil.rmtree(public)
    env = {**os.environ, "HUGO_CACHEDIR": str(project / "cache")}
    return _timed([hugo, "--quiet", "--source", str(project), "--destination", str(public)],
                  project / "hugo.log", project, env)


def timed_floor(project: Path) -> tuple[float, float, float]:
    """One run of the Jinja floor over the Hugo project's content, in a fresh Python."""
    out = project / "floor"
    if out.exists():
        shutil.rmtree(out)
    return _timed([sys.executable, str(Path(__file__).resolve()), str(project / "content"), str(out)],
                  project / "floor.log", project)


def html_pages(folder: Path) -> int:
    return sum(1 for _ in folder.rglob("*.html"))


# --- the Jinja floor (run as a script) ------------------------------------------------------


def _url(path: str) -> str:
    """The pretty URL of a content file, relative to the site's root ('' for the home page)."""
    stem = path[: -len(".md")]
    if stem == "_index":
        return ""
    if stem.endswith("/_index"):
        return stem[: -len("_index")]
    return stem + "/"


def jinja_floor(content: Path, out: Path) -> int:
    """Write every page of content/ as HTML through one Jinja layout, without Markdown."""
    from jinja2 import Environment

    template = Environment(autoescape=True).from_string(FLOOR_LAYOUT)
    pages = []
    for source in sorted(content.rglob("*.md")):
        path = source.relative_to(content).as_posix()
        text = source.read_text(encoding="utf-8")
        found = FRONT_MATTER.match(text)
        meta = (yaml.safe_load(found.group(1)) or {}) if found else {}
        body = text[found.end():] if found else text
        pages.append({"path": path, "url": _url(path), "title": str(meta.get("title", path)), "body": body})
    sections: dict[str, dict] = {}
    for page in pages:
        folder = page["path"].split("/")[0] if "/" in page["path"] else ""
        section = sections.setdefault(folder, {"url": f"{folder}/" if folder else "", "title": folder, "pages": []})
        if page["path"].endswith("_index.md"):
            section["title"] = page["title"]
        else:
            section["pages"].append(page)
    site_title = "Infant Mental Health Endorsement requirements"
    for page in pages:
        folder = page["path"].split("/")[0] if "/" in page["path"] else ""
        depth = page["url"].count("/")
        toc = [(len(hashes), anchor or _anchor(text), text) for hashes, text, anchor in HEADING.findall(page["body"])]
        html = template.render(title=page["title"], site_title=site_title, root="../" * depth,
                               section=sections[folder], toc=toc, body=page["body"])
        target = out / page["url"] / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")
    return len(pages)


def _anchor(text: str) -> str:
    return re.sub(r"[^\w]+", "-", text.lower()).strip("-")


if __name__ == "__main__":
    jinja_floor(Path(sys.argv[1]), Path(sys.argv[2]))
