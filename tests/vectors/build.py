"""Build tests/vectors/eval.json from the hand-written cases in tests/vectors/cases/*.yaml.

Both evaluators (rule_evaluator.py and selfcheck.js) are tested against eval.json, so the JSON is
the single shared vector file (STYLE 8) and the YAML is where a person writes and reviews
cases, one sentence each. Run after editing a case:

    .venv/bin/python tests/vectors/build.py
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
CASES = HERE / "cases"
OUTPUT = HERE / "eval.json"


def vectors() -> list[dict]:
    """Every case of every file, in file order, with dates as ISO text."""
    found = []
    for path in sorted(CASES.glob("*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")):
            today = case.get("today")
            vector = {
                "name": case["name"],
                "file": path.name,
                "today": today.isoformat() if isinstance(today, date) else today,
                "state": case.get("state"),
                "category": case.get("category"),
                "profile": case.get("profile", {}),
            }
            if "facets" in case:
                vector["facets"] = case["facets"]
            if "error" in case:
                vector["error"] = case["error"]
            else:
                vector["expected"] = case["expect"]
            unknown = set(case) - {"name", "today", "state", "category", "profile", "expect", "error", "facets"}
            if unknown:
                raise SystemExit(f"{path.name}: {case['name']}: unknown keys {sorted(unknown)}")
            found.append(vector)
    return found


def text() -> str:
    return json.dumps(vectors(), ensure_ascii=False, indent=1) + "\n"


if __name__ == "__main__":
    OUTPUT.write_text(text(), encoding="utf-8")
    print(f"wrote {OUTPUT.relative_to(Path.cwd()) if OUTPUT.is_relative_to(Path.cwd()) else OUTPUT}: {len(vectors())} vectors")
