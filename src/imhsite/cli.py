"""The `imhsite` command: each subcommand is a thin shell over a module that does the work."""

from __future__ import annotations

from pathlib import Path

import click

from . import export, load, schema
from .problems import DataError

DEFAULT_DATA = Path("data")


@click.group()
@click.version_option(package_name="imhsite")
def main() -> None:
    """Infant Mental Health Endorsement requirements: validate, export and check the data."""


@main.command()
@click.argument("path", type=click.Path(exists=True, path_type=Path), default=DEFAULT_DATA)
@click.option("--data", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Data folder whose sources a single file is checked against (default: the file's own).")
def validate(path: Path, data: Path | None) -> None:
    """Check every data file (or one file) and report all problems, one line each.

    Example:

        imhsite validate                              # the whole data/ folder
        imhsite validate data/requirements/va.yaml    # one file
    """
    problems = load.validate_path(path, data)
    for problem in problems:
        click.echo(str(problem), err=True)
    if problems:
        raise SystemExit(1)
    click.echo(f"{load.display_name(path)}: OK")


@main.command("schema")
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path), default=Path("schema"), show_default=True)
def schema_command(output: Path) -> None:
    """Write the JSON Schemas that data files name on their first line.

    Example:

        imhsite schema -o schema
    """
    for written in schema.write_schemas(output):
        click.echo(f"wrote {written}")


@main.command("export")
@click.option("--format", "format_", type=click.Choice(["json", "csv"]), default="json", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="File to write; standard output if omitted.")
@click.option("--data", type=click.Path(exists=True, file_okay=False, path_type=Path), default=DEFAULT_DATA, show_default=True)
def export_command(format_: str, output: Path | None, data: Path) -> None:
    """Write the whole validated dataset as JSON or CSV.

    Example:

        imhsite export --format csv -o requirements.csv
    """
    dataset = load_or_exit(data)
    text = export.to_json(dataset) if format_ == "json" else export.to_csv(dataset)
    if output:
        output.write_text(text, encoding="utf-8")
    else:
        click.echo(text, nl=False)


def load_or_exit(data: Path) -> load.Dataset:
    """Load the dataset, or print its problems and exit with status 1."""
    try:
        return load.load_dataset(data)
    except DataError as err:
        for problem in err.problems:
            click.echo(str(problem), err=True)
        raise SystemExit(1) from None
if __name__ == "__main__":
    main()
