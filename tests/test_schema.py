"""JSON Schemas for editors: committed, current, and named by every data file."""

from __future__ import annotations

from conftest import DATA, ROOT

from imhsite.schema import SCHEMAS, schema_texts


def test_committed_schemas_match_the_model():
    for name, text in schema_texts().items():
        assert (ROOT / "schema" / name).read_text(encoding="utf-8") == text, f"run `imhsite schema`: {name} is stale"


def test_every_data_file_names_its_schema_on_its_first_line():
    expected = {"competencies.yaml": "competencies", "glossary.yaml": "glossary", "overview.yaml": "overview",
                "sources.yaml": "sources"}
    for path in [*DATA.glob("*.yaml"), *(DATA / "requirements").glob("*.yaml")]:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        kind = expected.get(path.name, "requirements")
        assert first.startswith("# yaml-language-server: $schema=") and first.endswith(f"schema/{kind}.schema.json"), path
        assert f"{kind}.schema.json" in SCHEMAS
