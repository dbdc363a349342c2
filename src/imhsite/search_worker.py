"""The theme's search worker: ours, which imports Material's (templates/theme/assets/javascripts/
workers/imhsite-search.js) and loads a split index's state parts (search_entries.add_to_index).

Material's pages start the worker their `__config` JSON names (base.html's `config` block, its
"search" value); templates/theme/main.html passes that block through `wrap_search_worker`, which
names ours there instead and Material's in its address (`?material=<file>`, beside it), so a
Material upgrade's new worker file is the one imported.
"""

from __future__ import annotations

import re

from mkdocs.exceptions import PluginError

WRAPPER = "imhsite-search.js"
_MATERIAL_WORKER = re.compile(r'("search":\s*")((?:[^"/]*/)*)([\w.-]+\.js)"')
"""The "search" value of Material's `__config` JSON: the worker's folder and file."""


def wrap_search_worker(config_block: str) -> str:
    """Material's `config` block with our worker in place of Material's, which it names."""
    wrapped, found = _MATERIAL_WORKER.subn(rf'\g<1>\g<2>{WRAPPER}?material=\g<3>"', config_block)
    if found != 1:
        raise PluginError("the theme's __config JSON names no search worker as Material 9.8's does; "
                          "see src/imhsite/search_worker.py")
    return wrapped
