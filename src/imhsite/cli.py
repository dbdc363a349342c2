"""The `imhsite` command: each subcommand is a thin shell over a module that does the work.

Every problem in the data is printed by `report`, one `Problem` a line; exit statuses are
those `main`'s help lists.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path

import click

from . import diff as data_diff
from . import applicant_profile, atomic_output, export, load, scaffold, schema
from .model import CATEGORY_CODES
from .problems import DataError, Problem
from .terminal import shown

DEFAULT_DATA = Path("data")
DATA_PROBLEMS = 1
"""Exit status when the data has problems (see `main`'s help)."""
COMMAND_MISUSED = 2
"""Exit status when the command was used wrongly, its own input (a profile) included; click's too."""


@click.group()
@click.version_option(package_name="imhsite")
def main() -> None:
    """Infant Mental Health Endorsement requirements: validate, export and check the data.

    \b
    Exit status:
      0  done; the data has no problem
      1  the data has problems, printed one a line as
         file:line: field: message (check-id); a warning (a placeholder,
         a stale date) stops the published build, so it fails too
      2  the command was used wrongly: an unknown option, code or revision,
         a missing or unreadable file, a file it would overwrite, a profile
         `imhsite check` cannot read (one line, as data problems are)
    """


@main.command()
@click.argument("path", type=click.Path(exists=True, path_type=Path), default=DEFAULT_DATA)
@click.option("--data", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Data folder whose sources a single file is checked against (default: the file's own).")
def validate(path: Path, data: Path | None) -> None:
    """Check every data file (or one file) and report all problems, one line each.

    Passes only when the data can be published: `mkdocs build --strict` refuses warnings
    (placeholders, a state never checked or checked longer ago than mkdocs.yml's
    `stale_after_months`, numbers their text contradicts), so they fail here too; a preview
    (`mkdocs serve --no-strict`) shows past them.

    \b
    Example:
        imhsite validate                              # the whole data/ folder
        imhsite validate data/requirements/va.yaml    # one file
    """
    exit_on_problems(load.validate_path(path, data))
    click.echo(f"{load.display_name(path)}: OK")


@main.command("schema")
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path), default=Path("schema"), show_default=True)
def schema_command(output: Path) -> None:
    """Write the JSON Schemas that data files name on their first line.

    Every schema is written or none is: a failure is one line and leaves the folder as it was.

    \b
    Example:
        imhsite schema -o schema
    """
    try:
        written = schema.write_schemas(output)
    except OSError as err:
        raise click.ClickException(f"cannot write {err.filename or output}: {err.strerror or err}") from None
    for path in written:
        click.echo(f"wrote {path}")


@main.command("export")
@click.option("--format", "format_", type=click.Choice(["json", "csv"]), default="json", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="File to write; standard output if omitted.")
@click.option("--data", type=click.Path(exists=True, file_okay=False, path_type=Path), default=DEFAULT_DATA, show_default=True)
def export_command(format_: str, output: Path | None, data: Path) -> None:
    """Write the whole validated dataset as JSON or CSV.

    The output file is replaced only once the new one is complete: a failed write (a full
    disk, a missing folder) leaves the previous file as it was, and says why in one line.

    \b
    Example:
        imhsite export --format csv -o requirements.csv
    """
    dataset = load_or_exit(data)
    text = export.to_json(dataset) if format_ == "json" else export.to_csv(dataset)
    if output:
        try:
            atomic_output.write_file(output, text)
        except OSError as err:
            raise click.ClickException(f"cannot write {output}: {err.strerror or err}") from None
    else:
        click.echo(text, nl=False)


@main.command("new-state")
@click.argument("code")
@click.option("--name", required=True, help="The state's name, e.g. 'New Mexico'.")
@click.option("--association", help="The association's name (default: '<name> association').")
@click.option("--category", "categories", multiple=True, type=click.Choice(CATEGORY_CODES, case_sensitive=False),
              help="A category the association publishes (repeat; default: all).")
@click.option("--data", type=click.Path(exists=True, file_okay=False, path_type=Path), default=DEFAULT_DATA, show_default=True)
def new_state(code: str, name: str, association: str | None, categories: tuple[str, ...], data: Path) -> None:
    """Scaffold data/requirements/<code>.yaml with every facet marked not published.

    Also lists the state's source document in data/sources.yaml. Every input is checked
    first: either both files are written or neither is. The new file previews as it stands;
    `imhsite validate` then lists what to fill in before it can be published.

    \b
    Example:
        imhsite new-state TX --name Texas --association "Texas Association for Infant Mental Health"
        imhsite new-state tx --name Texas --category ifa --category imhs
    """
    code = code.strip().upper()
    association = association or f"{name} association"
    overview = load.load_overview_names(data)
    chosen = {c: overview.get(c, c) for c in (categories or CATEGORY_CODES)}
    try:
        target = scaffold.create_state(data, code, name, association, chosen)
    except scaffold.ScaffoldError as err:
        if err.option:
            raise click.BadParameter(str(err), param_hint=repr(err.option)) from None
        raise click.UsageError(str(err)) from None
    except DataError as err:
        exit_on_problems(err.problems)
    except OSError as err:
        raise click.ClickException(f"cannot write {err.filename or data}: {err.strerror or err}") from None
    document = data / load.SOURCE_TEXTS_DIR / scaffold.document_file_name(code)
    click.echo(f"wrote {target} and listed {document.name} in {data / load.SOURCES_FILE}")
    click.echo(f"next: save the document's text as {document}, then fill in each facet it states;"
               " `imhsite validate` lists what is left:")
    report(load.validate_path(target, data))


@main.command("diff")
@click.argument("old")
@click.argument("new")
@click.option("--format", "format_", type=click.Choice(["text", "markdown"]), default="text", show_default=True)
def diff_command(old: str, new: str, format_: str) -> None:
    """List every requirement added, removed or changed between two versions of the data.

    OLD and NEW are data folders or git revisions (their data/ folder is used). A long
    text that changed shows the words that changed, as [-removed-]{+added+}.

    \b
    Example:
        imhsite diff HEAD~1 HEAD
        imhsite diff /tmp/data-before data --format markdown
    """
    try:
        changes = data_diff.diff_specs(old, new)
    except ValueError as err:
        raise click.UsageError(str(err)) from None
    except DataError as err:
        exit_on_problems(err.problems)
    click.echo(shown(data_diff.to_text(changes)) if format_ == "text" else data_diff.to_markdown(changes), nl=False)


def report(problems: Iterable[Problem]) -> None:
    """Print each problem on its own line of standard error: the one form every problem takes."""
    for problem in problems:
        click.echo(shown(str(problem)), err=True)


def exit_on_problems(problems: list[Problem]) -> None:
    """Report the problems and exit with DATA_PROBLEMS, if there is any."""
    report(problems)
    if problems:
        raise SystemExit(DATA_PROBLEMS)


def load_or_exit(data: Path) -> load.Dataset:
    """Load the dataset, or print its problems and exit with status 1."""
    try:
        return load.load_dataset(data)
    except DataError as err:
        exit_on_problems(err.problems)
        raise  # unreachable: DataError always carries problems


@main.command("check", epilog=applicant_profile.fields_help())
@click.option("--profile", "profile_path", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The applicant profile, YAML or JSON: the fields listed below.")
@click.option("--state", help="A state code such as VA; every state if omitted.")
@click.option("--category", help="A category code such as IMHS; every category if omitted.")
@click.option("--format", "format_", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--data", type=click.Path(exists=True, file_okay=False, path_type=Path), default=DEFAULT_DATA, show_default=True)
@click.option("--today", type=click.DateTime(["%Y-%m-%d"]), help="Evaluate as of this date (YYYY-MM-DD); today if omitted.")
def check(profile_path: Path, state: str | None, category: str | None, format_: str, data: Path, today) -> None:
    """Say which endorsements a profile meets, closest first, and what it is still missing.

    The same evaluation as the self-check page, from the same compiled rules. Each result
    is "meets the published minimums", "meets the numbers, if" (conditions the check cannot
    verify, one per line marked ?), "not yet" (each gap marked -) or "cannot be measured
    here". A profile's problem is one line on stderr, `file:line: field: message (profile)`,
    and an unknown state or category code a usage error; both exit with status 2.

    \b
    Example:
        imhsite check --profile me.yaml --state VA --category IMHS
        imhsite check --profile me.json --format json
    """
    import json

    from . import check_command, rule_compiler, rule_evaluator

    tree = rule_compiler.compile_rules(load_or_exit(data))
    try:
        state, category = check_command.check_codes(tree, state, category)
    except applicant_profile.ProfileError as err:
        raise click.BadParameter(shown(str(err)), param_hint=f"--{err.field}") from None
    try:
        profile = applicant_profile.read_profile(profile_path)
    except DataError as err:
        report(err.problems)
        raise SystemExit(COMMAND_MISUSED) from None
    results = rule_evaluator.evaluate(tree, profile, today.date() if today else date.today(), state, category)
    if format_ == "json":
        click.echo(json.dumps({"headline": rule_evaluator.headline(tree, results), "results": results},
                              ensure_ascii=False, indent=2))
    else:
        click.echo(shown(check_command.text_report(tree, results)), nl=False)


if __name__ == "__main__":
    main()
