"""Text bound for a terminal: what the data says is shown, never obeyed by the terminal."""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
"""Control characters but newline and tab (`ESC]0;...BEL` retitles a window, CR overwrites a
line), line separators and the bidirectional overrides that reorder what a line shows."""


def shown(text: str) -> str:
    """`text` with each control character written as its escape: ESC becomes `\\x1b`."""
    return _CONTROL.sub(lambda match: match.group(0).encode("unicode_escape").decode("ascii"), text)
