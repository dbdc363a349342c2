"""JSON Schemas for editors: committed, current, and named by every data file."""

from __future__ import annotations

from conftest import DATA, ROOT

from imhsite.checks.schema_comment import PREFIX, first_line
from imhsite.load import FILE_MODELS
from imhsite.model import StateData
from imhsite.schema import SCHEMAS, schema_texts


def test_committed_schemas_match_the_model():
    for name, text in schema_texts().items():
        assert (ROOT / "schema" / name).read_text(encoding="utf-8") == text, f"run `imhsite schema`: {name} is stale"


def test_the_schema_line_the_check_asks_for_finds_the_committed_schema():
    """The line schema-comment asks for (and the shipped data passes: test_validate.py) leads to the schema."""
    for path in [*DATA.glob("*.yaml"), *(DATA / "requirements").glob("*.yaml")]:
        model = FILE_MODELS.get(path.name, StateData)
        schema = (path.parent / first_line(path, DATA, model).removeprefix(PREFIX)).resolve()
        assert SCHEMAS[schema.name] is model and schema.read_text(encoding="utf-8") == schema_texts()[schema.name], path
