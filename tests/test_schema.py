"""JSON Schemas for editors: committed, current, and named by every data file."""

from __future__ import annotations

from click.testing import CliRunner
from conftest import DATA, ROOT

from imhsite.checks.schema_comment import PREFIX, first_line
from imhsite.cli import main
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


def test_schema_writes_every_file_or_none(tmp_path):
    """A folder where the last schema must go: one line, and the output folder as it was."""
    output = tmp_path / "schema"
    output.mkdir()
    (output / "glossary.schema.json").write_text("previous", encoding="utf-8")
    last = output / list(SCHEMAS)[-1]
    last.mkdir()
    refused = CliRunner().invoke(main, ["schema", "-o", str(output)])
    assert refused.exit_code == 1
    assert refused.output == f"Error: cannot write {last}: a folder stands where the file must go\n"
    assert sorted(p.name for p in output.iterdir()) == ["glossary.schema.json", last.name]
    assert (output / "glossary.schema.json").read_text(encoding="utf-8") == "previous"

    missing = tmp_path / "missing" / "schema"
    refused = CliRunner().invoke(main, ["schema", "-o", str(missing)])
    assert refused.exit_code == 1 and refused.output == f"Error: cannot write {missing}: No such file or directory\n"
    assert not missing.parent.exists()

    last.rmdir()
    written = CliRunner().invoke(main, ["schema", "-o", str(output)])
    assert written.exit_code == 0, written.output
    assert {p.name: p.read_text(encoding="utf-8") for p in output.iterdir()} == schema_texts()
