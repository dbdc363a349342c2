"""The imhsite plugin's options as the site's mkdocs.yml sets them, read without MkDocs.

`imhsite validate` judges a data folder as the build that publishes it does: with the
`stale_after_months` of the mkdocs.yml beside the folder, when that file's plugin reads it.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from .checks.common import STALE_AFTER_MONTHS
from .problems import DataError, Problem, display_name
from .yaml_reader import Loader

CONFIG_FILE = "mkdocs.yml"
PLUGIN = "imhsite"
DATA_DIR_DEFAULT = "data"
"""The plugin's `data_dir` when mkdocs.yml does not set it (mkdocs_plugin._Config takes it from here)."""


def stale_after_months(data_dir: Path) -> int:
    """How many months ago a state of `data_dir` may have been last checked, as its site's build says.

    The site is the mkdocs.yml in the folder above `data_dir` whose imhsite plugin reads
    `data_dir`; without one, the default. Raises DataError, one line at mkdocs.yml's line, when
    the file cannot be parsed or the value is not a whole number.
    """
    config = Path(data_dir).resolve().parent / CONFIG_FILE
    if not config.is_file():
        return STALE_AFTER_MONTHS
    name = display_name(config)
    try:
        # composing needs no constructor, so tags MkDocs alone knows (!!python/name:, !ENV) pass
        root = yaml.compose(config.read_text(encoding="utf-8"), Loader=Loader)
    except (yaml.YAMLError, UnicodeDecodeError, OSError) as err:
        line = err.problem_mark.line + 1 if isinstance(err, yaml.MarkedYAMLError) and err.problem_mark else 1
        raise DataError([Problem(name, line, "", f"cannot be read: {err}".splitlines()[0])]) from None
    options = _plugin_options(root)
    if options is None:
        return STALE_AFTER_MONTHS
    folder = _value(options, "data_dir")
    folder_name = folder.value if isinstance(folder, yaml.ScalarNode) else DATA_DIR_DEFAULT
    if (config.parent / folder_name).resolve() != Path(data_dir).resolve():
        return STALE_AFTER_MONTHS  # the site publishes another data folder
    months = _value(options, "stale_after_months")
    if months is None:
        return STALE_AFTER_MONTHS
    if months.tag != "tag:yaml.org,2002:int":
        raise DataError([Problem(name, months.start_mark.line + 1, f"plugins.{PLUGIN}.stale_after_months",
                                 f"expected a whole number of months, got {str(months.value)[:40]!r}")])
    return Loader("").construct_object(months)


def _plugin_options(root: yaml.Node | None) -> yaml.MappingNode | None:
    """The imhsite plugin's mapping of options, in the list or the mapping form of `plugins:`."""
    plugins = _value(root, "plugins") if isinstance(root, yaml.MappingNode) else None
    if isinstance(plugins, yaml.MappingNode):
        entries = [plugins]
    elif isinstance(plugins, yaml.SequenceNode):
        entries = [item for item in plugins.value if isinstance(item, yaml.MappingNode)]
    else:
        return None
    for entry in entries:
        options = _value(entry, PLUGIN)
        if isinstance(options, yaml.MappingNode):
            return options
    return None


def _value(mapping: yaml.MappingNode, key: str) -> yaml.Node | None:
    return next((value for name, value in mapping.value if isinstance(name, yaml.ScalarNode) and name.value == key), None)
