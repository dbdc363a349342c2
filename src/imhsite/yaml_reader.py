"""Read one YAML file safely into plain Python values, keeping each value's line number.

Hazards are refused before they can cost time or memory: oversized files, bytes that are
not UTF-8, control characters, aliases and anchors (the "billion laughs" bomb), tags
(`!include`), nesting deeper than any data file needs, merge keys, duplicate keys, dates
that do not exist and non-mapping documents. Each is one line naming the file and line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .problems import DataError, Path_, Problem, dotted

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's loader is about ten times faster than the pure-Python one."""

MAX_BYTES = 2_000_000
"""A state file is a few dozen kilobytes; anything this large is a mistake or an attack."""

MAX_DEPTH = 32
"""Mappings and lists inside each other: the competencies nest 11 deep; 500 would exhaust the stack."""


class ParsedFile:
    """A parsed data file: its values and the line of each value's location."""

    def __init__(self, name: str, value: Any, lines: dict[Path_, int]):
        self.name = name
        self.value = value
        self.lines = lines

    def line_of(self, path: Path_) -> int:
        """The line of `path`, or of its nearest existing parent (for a missing field)."""
        for end in range(len(path), -1, -1):
            if path[:end] in self.lines:
                return self.lines[path[:end]]
        return 1

    def problem(self, path: Path_, field: str, message: str) -> Problem:
        return Problem(self.name, self.line_of(path), field, message)


def read_yaml(path: Path, name: str | None = None) -> ParsedFile:
    """Parse `path` into a mapping, or raise DataError naming the file and line."""
    name = name or str(path)
    try:
        raw = path.read_bytes()
    except OSError as err:  # permission denied, an I/O error: the file, not the program, is at fault
        raise DataError([Problem(name, 1, "", f"cannot be read: {err.strerror or err}")]) from None
    if len(raw) > MAX_BYTES:
        raise DataError([Problem(name, 1, "", f"file is {len(raw):,} bytes, over the {MAX_BYTES:,}-byte limit")])
    text = utf8_text(raw, name)
    try:
        _refuse_hazards(text, name)
        node = yaml.compose(text, Loader=Loader)
    except yaml.MarkedYAMLError as err:
        raise DataError([_syntax_problem(err, text, name)]) from None
    except yaml.reader.ReaderError as err:
        line = raw[: err.position].count(b"\n") + 1  # libyaml counts positions in UTF-8 bytes
        raise DataError([Problem(name, line, "", f"{err.reason}: found U+{err.character:04X}")]) from None
    if node is None:
        raise DataError([Problem(name, 1, "", "file is empty; expected a mapping")])
    if not isinstance(node, yaml.MappingNode):
        kind = "a list" if isinstance(node, yaml.SequenceNode) else "a single value"
        raise DataError([Problem(name, node.start_mark.line + 1, "", f"expected a mapping at the top, got {kind}")])
    builder = _Builder(name)
    value = builder.build(node, ())
    if builder.problems:
        raise DataError(builder.problems)
    return ParsedFile(name, value, builder.lines)


def utf8_text(raw: bytes, name: str) -> str:
    """`raw` decoded as UTF-8, or DataError naming the line of the first byte that is not."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise DataError([Problem(name, line, "", f"not UTF-8 text: byte {raw[err.start]:#04x} at offset {err.start}")]) from None


def _refuse_hazards(text: str, name: str) -> None:
    """Stop at the first anchor, alias, tag or level too deep, before anything is built.

    Composing a YAML bomb is cheap, expanding it is not; a tag would pick a constructor; and
    building nested values recurses once per level.
    """
    depth = 0
    for event in yaml.parse(text, Loader=Loader):
        line = event.start_mark.line + 1
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise DataError([Problem(name, line, "", "YAML anchors and aliases (&name, *name) are not allowed; write the value out")])
        if getattr(event, "tag", None) is not None:
            raise DataError([Problem(name, line, "", f"YAML tags ({event.tag}) are not allowed; write the value out")])
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                raise DataError([Problem(name, line, "", f"nested more than {MAX_DEPTH} levels deep; no data file needs that many")])
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1


_OPENERS = {"quoted scalar": "a quote", "flow sequence": "a [", "flow mapping": "a {"}
"""What libyaml's contexts open, in an editor's words."""


def _syntax_problem(err: yaml.MarkedYAMLError, text: str, name: str) -> Problem:
    """A syntax error in an editor's words, at the line to look at.

    An unclosed quote or bracket is noticed lines later (at the end of the file, for a
    quote): the line where it opened is the one to fix. A tab is named as such, whatever the
    parser stumbled on.
    """
    mark = err.problem_mark or err.context_mark
    line, column = (mark.line, mark.column) if mark else (0, 0)
    opener = next((words for context, words in _OPENERS.items() if context in (err.context or "")), None)
    if opener and err.context_mark and (err.context_mark.line != line or "end of stream" in (err.problem or "")):
        return Problem(name, err.context_mark.line + 1, "",
                       f"YAML syntax error: {opener} opened on this line is not closed (line {line + 1}: {err.problem})")
    lines = text.splitlines()  # the line breaks libyaml counts (\r too), for text it accepts
    if line < len(lines) and lines[line][column:column + 1] == "\t":
        return Problem(name, line + 1, "", f"YAML syntax error: a tab at column {column + 1}; indent with spaces, never tabs")
    return Problem(name, line + 1, "", f"YAML syntax error: {err.problem or err.context}")


class _Builder:
    """Turns a node graph into dicts, lists and scalars, recording lines and refusing hazards."""

    def __init__(self, name: str):
        self.name = name
        self.lines: dict[Path_, int] = {}
        self.problems: list[Problem] = []
        self.scalars = Loader("")

    def build(self, node: yaml.Node, path: Path_) -> Any:
        line = node.start_mark.line + 1
        self.lines[path] = line
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, path + (i,)) for i, item in enumerate(node.value)]
        try:
            return self.scalars.construct_object(node)
        except ValueError as err:  # a date or time that does not exist, such as 2026-02-30
            self.problems.append(Problem(self.name, line, dotted(path), f"expected a real date as YYYY-MM-DD, got {node.value!r}: {err}"))
            return None

    def _mapping(self, node: yaml.MappingNode, path: Path_) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            if key_node.tag == "tag:yaml.org,2002:merge":
                self.problems.append(Problem(self.name, line, dotted(path), "YAML merge keys (<<) are not allowed"))
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self.problems.append(Problem(self.name, line, dotted(path), "a key must be plain text"))
                continue
            key = key_node.value
            if key in result:
                self.problems.append(Problem(self.name, line, dotted(path + (key,)), "duplicate key; each field may appear once"))
                continue
            result[key] = self.build(value_node, path + (key,))
        return result
