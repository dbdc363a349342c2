"""Benchmark the site build at several sizes and print a table of medians.

    python bench/run.py                      # N = 5, 50, 200 states, 3 runs each
    python bench/run.py --sizes 5 50 --repeat 5 --output bench/RESULTS.md

For each size N it writes a MkDocs project of N synthetic states (bench/synthetic.py: the real
mkdocs.yml, templates/ and content/, and a data/ folder valid under the real schema) into a
temporary folder and measures:

- loading + validation (`load_dataset`) and page generation (`render_site`), in a fresh Python;
- the full `mkdocs build` (a subprocess, as a user runs it), its peak memory (maxrss) and the
  size of the site it writes;
- the rebuild after a one-state YAML edit while `mkdocs serve --livereload` runs: from the
  moment the edited file is written until the served page shows the change, under
  `serve --dirty` (the editors' preview: only changed pages are rebuilt), under plain `serve`
  (the whole site every time) and with only the edited state published (`plugins.imhsite.states`);
- the self-check page's payload (its HTML, selfcheck.js and the rules JSON embedded in the
  page; bytes and gzipped bytes) and, under node, the time selfcheck.js takes to evaluate every
  state and category for one profile;
- with --versus-hugo, the same pages built by Hugo (minimal layouts: a section's navigation and
  a table of contents) and by a "Jinja floor" (plain Jinja, no Markdown), each run interleaved
  with the `mkdocs build` runs, and imhsite / Hugo in CPU seconds (see bench/versus.py).

Every figure is the median of --repeat runs (the serve rebuild: of --repeat edits to one
running server). Run it from any folder with the project's Python (`.venv/bin/python`).
"""

from __future__ import annotations

import argparse
import gzip
import html as html_lib
import json
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))

import synthetic  # noqa: E402
import versus  # noqa: E402

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}

PROFILE = {
    "degree": "master", "training_hours": 40, "rsc_training_hours": 6, "dei_training_hours": 4,
    "rsc_hours": 30, "rsc_provider": "IMHS", "rsc_about_own_rsc_hours": 0,
    "infant_work_years": 3, "prevention_work_years": 2, "families_served": 8,
    "imh_work_years": 2, "imh_internship_years": 0, "rsc_provision_years": 0,
    "policy_leadership_years": 0, "faculty_leadership_years": 0, "leadership_activities": False,
}
"""The one profile evaluated: a Master's-prepared practitioner two years into IMH work."""

NODE_SCRIPT = r"""
const fs = require("fs");
const [script, rulesFile, profileFile, runs] = process.argv.slice(2);
const api = require(script);
const text = fs.readFileSync(rulesFile, "utf8");
const wanted = JSON.parse(fs.readFileSync(profileFile, "utf8"));
const now = () => Number(process.hrtime.bigint()) / 1e6;
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
let parses = [];
let rules;
for (let i = 0; i < 21; i++) { const t = now(); rules = JSON.parse(text); parses.push(now() - t); }
const profile = {};
for (const name of Object.keys(rules.fields)) if (name in wanted) profile[name] = wanted[name];
const today = new Date().toISOString().slice(0, 10);
const once = () => { const checked = api.checkProfile(rules, profile); return api.evaluate(rules, checked.profile, today); };
let results = once();
for (let i = 0; i < 50; i++) once();  // let the engine optimise the evaluator first
let per = 1;
for (;;) { const t = now(); for (let i = 0; i < per; i++) once(); if (now() - t >= 50) break; per *= 2; }
const times = [];
for (let b = 0; b < Number(runs); b++) { const t = now(); for (let i = 0; i < per; i++) once(); times.push((now() - t) / per); }
console.log(JSON.stringify({ evaluate_ms: median(times), parse_ms: median(parses), results: results.length,
  eligible: results.filter((r) => r.eligible).length }));
"""


# --- measuring ------------------------------------------------------------------------------


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def mkdocs_command(n: int) -> list[str]:
    """How to run MkDocs on a project of n synthetic states (sizes above 54 widen the codes)."""
    if synthetic.needs_wide_codes(n):
        return [sys.executable, str(Path(__file__).resolve()), "_mkdocs"]
    return [sys.executable, "-m", "mkdocs"]


def python_timings(project: Path, n: int, repeat: int) -> dict[str, float]:
    """load_dataset and render_site, timed in a fresh interpreter (median of repeat runs)."""
    out = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "_python", str(project), str(n), str(repeat)],
        capture_output=True, text=True, env=ENV, check=False,
    )
    if out.returncode != 0:
        raise SystemExit(f"loading/rendering {n} states failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def _python_child(project: Path, n: int, repeat: int) -> None:
    if synthetic.needs_wide_codes(n):
        synthetic.widen_state_codes()
    from imhsite.load import data_version, load_dataset
    from imhsite.render import Options, render_site

    loads, renders = [], []
    for _ in range(repeat):
        start = time.perf_counter()
        dataset = load_dataset(project / "data")
        loads.append(time.perf_counter() - start)
        options = Options(data_version=data_version(project / "data"))
        start = time.perf_counter()
        site = render_site(dataset, project / "templates", options)
        renders.append(time.perf_counter() - start)
    pages = sum(1 for p in site.files if p.endswith(".md"))
    print(json.dumps({"load": median(loads), "render": median(renders), "generated_pages": pages}))


def write_hugo_project(project: Path, n: int) -> int:
    """The Hugo project of the generated pages, in project/hugo (untimed); its number of pages."""
    out = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "_hugo_project", str(project), str(n)],
        capture_output=True, text=True, env=ENV, check=False,
    )
    if out.returncode != 0:
        raise SystemExit(f"writing the Hugo project of {n} states failed:\n{out.stderr[-3000:]}")
    return int(out.stdout.strip().splitlines()[-1])


def _hugo_project_child(project: Path, n: int) -> None:
    if synthetic.needs_wide_codes(n):
        synthetic.widen_state_codes()
    from imhsite.load import data_version, load_dataset
    from imhsite.render import Options, render_site

    site = render_site(load_dataset(project / "data"), project / "templates",
                       Options(data_version=data_version(project / "data")))
    print(versus.write_hugo_project(site.files, project / "content", project / "hugo"))


def timed_build(project: Path, n: int, site: Path) -> tuple[float, float, float]:
    """One `mkdocs build`: (wall seconds, CPU seconds, peak resident memory in MB)."""
    log = project / "build.log"
    with open(log, "wb") as sink:
        start = time.perf_counter()
        proc = subprocess.Popen(
            mkdocs_command(n) + ["build", "-q", "-f", str(project / "mkdocs.yml"), "-d", str(site)],
            stdout=sink, stderr=subprocess.STDOUT, cwd=project, env=ENV,
        )
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"mkdocs build of {n} states failed:\n{log.read_text(errors='replace')[-3000:]}")
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024  # Linux: maxrss in KB


def site_size(site: Path) -> tuple[int, int]:
    """(bytes of every file under site/, number of HTML pages)."""
    files = [p for p in site.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), sum(1 for p in files if p.suffix == ".html")


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


RULES_ELEMENT = re.compile(rb'<(script|template)\b[^>]*\bid="imhsite-rules"[^>]*>(.*?)</\1>', re.S)
"""The element the self-check page keeps its rules JSON in (a <template>, or a JSON <script>)."""


def self_check_payload(site: Path) -> dict[str, int]:
    """Bytes and gzipped bytes of the self-check page, its script and the rules it embeds."""
    html = (site / "self-check" / "index.html").read_bytes()
    script = (site / "assets" / "imhsite" / "selfcheck.js").read_bytes()
    found = RULES_ELEMENT.search(html)
    rules = found.group(2) if found else b""
    return {"html": len(html), "html_gz": gz(html), "js": len(script), "js_gz": gz(script),
            "json": len(rules), "json_gz": gz(rules)}


def rules_json(site: Path) -> str:
    """The rules JSON as the browser reads it from the page."""
    found = RULES_ELEMENT.search((site / "self-check" / "index.html").read_bytes())
    if not found:
        raise SystemExit('no element with id="imhsite-rules" in self-check/index.html')
    return html_lib.unescape(found.group(2).decode("utf-8"))


def javascript_timing(site: Path, work: Path, repeat: int) -> dict[str, float] | None:
    """selfcheck.js under node: median ms to evaluate every state and category for PROFILE."""
    node = shutil.which("node")
    if node is None:
        return None
    (work / "rules.json").write_text(rules_json(site), encoding="utf-8")
    (work / "profile.json").write_text(json.dumps(PROFILE), encoding="utf-8")
    (work / "evaluate.js").write_text(NODE_SCRIPT, encoding="utf-8")
    out = subprocess.run(
        [node, str(work / "evaluate.js"), str(site / "assets" / "imhsite" / "selfcheck.js"),
         str(work / "rules.json"), str(work / "profile.json"), str(max(repeat, 5))],
        capture_output=True, text=True, check=False,
    )
    if out.returncode != 0:
        raise SystemExit(f"selfcheck.js under node failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str, timeout: float) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.read().decode("utf-8", errors="replace")
    except OSError:
        return None


def wait_for(url: str, test, deadline: float, server: subprocess.Popen, log: Path) -> float:
    """Poll url until test(body) holds; the time it did. The server answers once a build is done."""
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"mkdocs serve stopped:\n{log.read_text(errors='replace')[-3000:]}")
        body = fetch(url, timeout=max(1.0, deadline - time.monotonic()))
        if body is not None and test(body):
            return time.perf_counter()
        time.sleep(0.05)
    raise SystemExit(f"timed out waiting for {url}:\n{log.read_text(errors='replace')[-3000:]}")


def one_state_config(project: Path, code: str) -> Path:
    """A copy of the project's mkdocs.yml that publishes one state (plugins.imhsite.states)."""
    lines = (project / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if line.strip() == "- imhsite:")
    indent = " " * (len(lines[at]) - len(lines[at].lstrip()) + 4)
    lines.insert(at + 1, f"{indent}states: [{code}]")
    path = project / "mkdocs-one-state.yml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def serve_rebuilds(project: Path, n: int, repeat: int, timeout: float, one_state: bool = False,
                   dirty: bool = False) -> list[float]:
    """Seconds from writing an edited state file to the served page showing the edit.

    With one_state, the server publishes only the edited state (the plugin's `states` option),
    as an editor previewing one association's file would run it.
    """
    import yaml

    state_file = synthetic.first_state_file(project / "data")
    state = yaml.safe_load(state_file.read_text(encoding="utf-8"))
    state["association"]["contact"] = "bench-edit-0@example.org"
    synthetic.write_state(state_file, state)
    config = one_state_config(project, state["state"]) if one_state else project / "mkdocs.yml"
    port = free_port()
    url = f"http://127.0.0.1:{port}/{synthetic.slug(state['name'])}/"
    log = project / ("serve-one-state.log" if one_state else "serve-dirty.log" if dirty else "serve.log")
    times = []
    with open(log, "wb") as sink:
        server = subprocess.Popen(
            mkdocs_command(n) + ["serve", "--livereload", *(["--dirty", "--no-strict"] if dirty else []),
                                 "-f", str(config), "-a", f"127.0.0.1:{port}"],
            stdout=sink, stderr=subprocess.STDOUT, cwd=project, env=ENV,
        )
        try:
            wait_for(url, lambda body: "bench-edit-0@" in body, time.monotonic() + timeout, server, log)
            for edit in range(1, repeat + 1):
                time.sleep(1.0)  # let the watcher settle after the previous build
                contact = f"bench-edit-{edit}@example.org"
                state["association"]["contact"] = contact
                synthetic.write_state(state_file, state)
                start = time.perf_counter()
                seen = wait_for(url, lambda body: contact in body, time.monotonic() + timeout, server, log)
                times.append(seen - start)
        finally:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
    return times


def measure(n: int | None, repeat: int, work: Path, serve: bool, serve_timeout: float,
            versus_hugo: bool = False, hugo: str | None = None, dirty_only: bool = False) -> dict[str, object]:
    """Every figure for one project: n synthetic states, or the shipped data when n is None.

    With versus_hugo, each `mkdocs build` run is followed by a Hugo build of the same pages
    (when hugo is a path) and a Jinja-floor run: interleaved rounds, medians of each.
    """
    project = synthetic.write_project(n, work / (f"states-{n}" if n else "shipped"))
    shipped = len(list((project / "data" / "requirements").glob("*.yaml")))
    label = f"{shipped} shipped" if n is None else str(n)
    n = n or shipped
    print(f"[N={label}] project in {project}", file=sys.stderr, flush=True)
    row: dict[str, object] = {"states": label}
    row.update(python_timings(project, n, repeat))
    builds, cpu, memory = [], [], []
    others: dict[str, list[tuple[float, float, float]]] = {"hugo": [], "floor": []}
    site = project / "site"
    if versus_hugo:
        row["source_pages"] = write_hugo_project(project, n)
    for run in range(repeat):
        seconds, cpu_seconds, peak = timed_build(project, n, site)
        builds.append(seconds)
        cpu.append(cpu_seconds)
        memory.append(peak)
        print(f"[N={label}] build {run + 1}/{repeat}: {seconds:.2f} s ({cpu_seconds:.2f} s CPU), {peak:.0f} MB",
              file=sys.stderr, flush=True)
        if not versus_hugo:
            continue
        for key, what, timed in (("hugo", "hugo", (lambda: versus.timed_hugo(hugo, project / "hugo")) if hugo else None),
                                 ("floor", "Jinja floor", lambda: versus.timed_floor(project / "hugo"))):
            if timed is None:
                continue
            try:
                others[key].append(timed())
            except RuntimeError as err:
                raise SystemExit(f"{what} on {n} states: {err}") from None
            seconds, cpu_seconds, peak = others[key][-1]
            print(f"[N={label}] {what} {run + 1}/{repeat}: {seconds:.2f} s ({cpu_seconds:.2f} s CPU), {peak:.0f} MB",
                  file=sys.stderr, flush=True)
    row["build"] = median(builds)
    row["build_cpu"] = median(cpu)
    row["peak_mb"] = median(memory)
    row["output_bytes"], row["pages"] = site_size(site)
    row["search_index"] = search_index_sizes(site)
    for key, runs in others.items():
        if runs:
            row[key] = {"wall": median([r[0] for r in runs]), "cpu": median([r[1] for r in runs]),
                        "peak_mb": median([r[2] for r in runs])}
    if versus_hugo and "hugo" in row:
        row["hugo"]["pages"] = versus.html_pages(project / "hugo" / "public")
    if versus_hugo:
        row["floor"]["pages"] = versus.html_pages(project / "hugo" / "floor")
    row["payload"] = self_check_payload(site)
    row["js"] = javascript_timing(site, project, repeat)
    if serve:
        for key, what, options in (("serve_dirty", "serve --dirty", {"dirty": True}),
                                   ("serve", "serve (whole site)", {}),
                                   ("serve_one", "serve, one state published", {"one_state": True}))[:1 if dirty_only else 3]:
            rebuilds = serve_rebuilds(project, n, repeat, serve_timeout, **options)
            print(f"[N={label}] {what} rebuilds: {', '.join(f'{s:.2f}' for s in rebuilds)} s", file=sys.stderr, flush=True)
            row[key] = median(rebuilds)
    return row


# --- reporting ------------------------------------------------------------------------------


def machine(load_before: tuple[float, float, float]) -> list[str]:
    model = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kb = int(next(l for l in Path("/proc/meminfo").read_text().splitlines() if l.startswith("MemTotal")).split()[1])
        memory = f", {kb / 1024 / 1024:.0f} GB RAM"
    except (OSError, StopIteration, ValueError):
        pass
    node = shutil.which("node")
    node_version = subprocess.run([node, "--version"], capture_output=True, text=True).stdout.strip() if node else "absent"
    from importlib.metadata import version

    return [
        f"- CPU: {os.cpu_count()} x {model}{memory}",
        f"- {platform.system()} {platform.release()}, Python {platform.python_version()}, node {node_version}",
        f"- MkDocs {version('mkdocs')}, mkdocs-material {version('mkdocs-material')}, "
        f"pydantic {version('pydantic')}, PyYAML {version('pyyaml')} (libyaml: {_has_libyaml()})",
        f"- load average (1, 5, 15 min) before the run: {_loads(load_before)}; after: {_loads(os.getloadavg())}"
        " (other work on the machine slows wall-clock figures; CPU seconds are steadier)",
    ]


def _loads(values: tuple[float, float, float]) -> str:
    return ", ".join(f"{v:.2f}" for v in values)


def _has_libyaml() -> str:
    import yaml

    return "yes" if hasattr(yaml, "CSafeLoader") else "no"


def kb(value: float) -> str:
    return f"{value / 1024:.1f}"


def search_index_sizes(site: Path) -> dict | None:
    """Bytes of the site's search index and, split (search_entries.add_to_index), of its states'
    parts: all of them and the largest."""
    index = site / "search" / "search_index.json"
    if not index.exists():
        return None
    parts = [p.stat().st_size for p in (site / "search" / "states").glob("*.json")]
    return {"main": index.stat().st_size, "parts": sum(parts), "largest_part": max(parts, default=0)}


def search_index_cell(sizes: dict | None) -> str:
    if sizes is None:
        return "-"
    main = f"{sizes['main'] / 1e6:.1f}"
    return f"{main}; {sizes['parts'] / 1e6:.1f}, {sizes['largest_part'] / 1e6:.3f}" if sizes["parts"] else main


def seconds_cell(figures: dict | None) -> str:
    return f"{figures['wall']:.2f} ({figures['cpu']:.2f})" if figures else "skipped"


def versus_report(rows: list[dict], repeat: int, hugo_note: str) -> str:
    """The side-by-side table of --versus-hugo: imhsite, Hugo and the Jinja floor."""
    lines = [f"Medians of {repeat} interleaved round{'s' if repeat != 1 else ''} per size (mkdocs build, hugo, Jinja floor);"
             " seconds wall (CPU). Pages: HTML pages each wrote. imhsite builds from YAML; Hugo and the floor start"
             " from the Markdown imhsite generated.", ""]
    if hugo_note:
        lines += [f"Hugo skipped: {hugo_note}.", ""]
    lines += [
        "| states (pages) | imhsite build (s) | Hugo (s) | Jinja floor (s) | imhsite / Hugo (CPU) | imhsite / Jinja floor (CPU) | search index (MB): main; states' parts, largest | peak memory, imhsite / Hugo / floor (MB) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        hugo, floor = r.get("hugo"), r.get("floor")
        pages = f"{r['pages']}" + (f" / {hugo['pages']}" if hugo else "") + (f" / {floor['pages']}" if floor else "")
        ratio = f"{r['build_cpu'] / hugo['cpu']:.1f} x" if hugo and hugo["cpu"] else "-"
        floor_ratio = f"{r['build_cpu'] / floor['cpu']:.1f} x" if floor and floor["cpu"] else "-"
        index = search_index_cell(r["search_index"])
        memory = " / ".join([f"{r['peak_mb']:.0f}", f"{hugo['peak_mb']:.0f}" if hugo else "-",
                             f"{floor['peak_mb']:.0f}" if floor else "-"])
        lines.append(
            f"| {r['states']} ({pages}) | {r['build']:.2f} ({r['build_cpu']:.2f}) | {seconds_cell(hugo)} | {seconds_cell(floor)} "
            f"| {ratio} | {floor_ratio} | {index} | {memory} |"
        )
    return "\n".join(lines)


def report(rows: list[dict], repeat: int) -> str:
    lines = [f"Medians of {repeat} run{'s' if repeat != 1 else ''} per size.", ""]
    lines += [
        "| states | pages | load + validate (s) | generate (s) | mkdocs build (s) | build CPU (s) | generate + validate share | edit visible, `serve --dirty` (s) | same, `serve` rebuilding the whole site (s) | same, serving that state only (s) | peak memory (MB) | site size (MB) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        share = (r["load"] + r["render"]) / r["build"] if r["build"] else float("nan")
        serves = " | ".join(f"{r[k]:.2f}" if k in r else "not run" for k in ("serve_dirty", "serve", "serve_one"))
        lines.append(
            f"| {r['states']} | {r['pages']} | {r['load']:.2f} | {r['render']:.2f} | {r['build']:.2f} | {r['build_cpu']:.2f} | {share:.0%} "
            f"| {serves} | {r['peak_mb']:.0f} | {r['output_bytes'] / 1e6:.1f} |"
        )
    lines += [
        "",
        "| states | self-check HTML, KB (gz) | selfcheck.js, KB (gz) | rules JSON in the page, KB (gz) | data + script gz (KB) | JSON.parse (ms) | evaluate all states x categories (ms) |",
        "|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        p, js = r["payload"], r["js"]
        evaluate = f"{js['evaluate_ms']:.3f} ({js['results']} results)" if js else "node absent"
        parse = f"{js['parse_ms']:.3f}" if js else "-"
        lines.append(
            f"| {r['states']} | {kb(p['html'])} ({kb(p['html_gz'])}) | {kb(p['js'])} ({kb(p['js_gz'])}) "
            f"| {kb(p['json'])} ({kb(p['json_gz'])}) | {kb(p['json_gz'] + p['js_gz'])} | {parse} | {evaluate} |"
        )
    return "\n".join(lines)


# --- entry points ---------------------------------------------------------------------------


def _mkdocs_child(args: list[str]) -> None:
    """MkDocs with the synthetic codes of sizes above 54 admitted (see synthetic.widen_state_codes)."""
    synthetic.widen_state_codes()
    from mkdocs.__main__ import cli

    cli(args, prog_name="mkdocs")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["_mkdocs"]:
        _mkdocs_child(argv[1:])
        return 0
    if argv[:1] == ["_hugo_project"]:
        _hugo_project_child(Path(argv[1]), int(argv[2]))
        return 0
    if argv[:1] == ["_python"]:
        _python_child(Path(argv[1]), int(argv[2]), int(argv[3]))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[5, 50, 200], help="numbers of states (default 5 50 200)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement; medians are reported (default 3)")
    parser.add_argument("--work", type=Path, help="folder for the synthetic projects (default: a temporary one, removed)")
    parser.add_argument("--no-serve", action="store_true", help="skip the `mkdocs serve` rebuild measurement")
    parser.add_argument("--dirty-only", action="store_true",
                        help="measure the serve rebuild under `serve --dirty` only (the editors' preview)")
    parser.add_argument("--no-shipped", action="store_true", help="skip the row for the shipped data/")
    parser.add_argument("--serve-timeout", type=float, default=900, help="seconds to wait for a served build (default 900)")
    parser.add_argument("--output", type=Path, help="also write the report (Markdown) to this file")
    parser.add_argument("--versus-hugo", action="store_true",
                        help="also build the same pages with Hugo and a plain-Jinja floor, interleaved (bench/versus.py)")
    parser.add_argument("--hugo", help="the hugo to run (default: hugo on PATH, installed with apt-get when absent)")
    parser.add_argument("--no-hugo-install", action="store_true", help="do not apt-get install hugo when it is absent")
    args = parser.parse_args(argv)
    if args.repeat < 1 or any(n < 1 for n in args.sizes):
        parser.error("--repeat and --sizes must be at least 1")

    hugo, hugo_note = None, ""
    if args.versus_hugo:
        hugo, hugo_note = versus.find_hugo(args.hugo, install=not args.no_hugo_install)
        if hugo is None:
            print(f"Hugo skipped: {hugo_note}.", file=sys.stderr, flush=True)
    load_before = os.getloadavg()
    work = args.work or Path(tempfile.mkdtemp(prefix="imhsite-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        sizes = ([] if args.no_shipped else [None]) + args.sizes
        rows = [measure(n, args.repeat, work, not args.no_serve, args.serve_timeout, args.versus_hugo, hugo,
                        args.dirty_only)
                for n in sizes]
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    lines = ["## Machine", "", *machine(load_before)]
    if args.versus_hugo:
        lines.append(f"- Hugo: {versus.hugo_version(hugo) if hugo else 'skipped (' + hugo_note + ')'}")
    lines += ["", "## Figures", "", report(rows, args.repeat), ""]
    if args.versus_hugo:
        lines += ["## The same pages with Hugo and plain Jinja", "", versus_report(rows, args.repeat, hugo_note), ""]
    text = "\n".join(lines)
    print(text)
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
