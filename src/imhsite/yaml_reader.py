"""Read one YAML file safely into plain Python values, keeping each value's line number.

Hazards are refused before they can cost time or memory: oversized files, bytes that are
not UTF-8, control characters, aliases and anchors (the "billion laughs" bomb), tags
(`!include`), nesting deeper than any data file needs, merge keys, duplicate keys, dates
that do not exist and non-mapping documents. Each is one line naming the file and line.
"""

from __future__ import annotations

from collections.abc import Iterator
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
    builder = _Builder(name)
    try:
        found = builder.document(yaml.parse(text, Loader=Loader))
    except yaml.MarkedYAMLError as err:
        raise DataError([_syntax_problem(err, text, name)]) from None
    except yaml.reader.ReaderError as err:
        line = raw[: err.position].count(b"\n") + 1  # libyaml counts positions in UTF-8 bytes
        raise DataError([Problem(name, line, "", f"{err.reason}: found U+{err.character:04X}")]) from None
    if found is None:
        raise DataError([Problem(name, 1, "", "file is empty; expected a mapping")])
    value, line = found
    if not isinstance(value, dict):
        kind = "a list" if isinstance(value, list) else "a single value"
        raise DataError([Problem(name, line, "", f"expected a mapping at the top, got {kind}")])
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
    """Builds dicts, lists and scalars from the parser's events, recording lines and refusing hazards.

    One pass over the events: an anchor, alias, tag or level too deep stops it where it
    stands, before anything is expanded (composing a YAML bomb is cheap, expanding it is not;
    a tag would pick a constructor; building nested values recurses once per level).
    """

    def __init__(self, name: str):
        self.name = name
        self.lines: dict[Path_, int] = {}
        self.problems: list[Problem] = []
        self.scalars = Loader("")

    def document(self, events: Iterator[yaml.Event]) -> tuple[Any, int] | None:
        """The single document's value and its line, or None for a file without one."""
        next(events)  # the stream's start
        start = next(events)
        if isinstance(start, yaml.StreamEndEvent):
            return None
        top = next(events)
        value = self.build(top, events, (), 0)
        next(events)  # the document's end
        following = next(events)
        if isinstance(following, yaml.DocumentStartEvent):
            raise yaml.composer.ComposerError("expected a single document in the stream", start.start_mark,
                                              "but found another document", following.start_mark)
        return value, top.start_mark.line + 1

    def build(self, event: yaml.Event, events: Iterator[yaml.Event], path: Path_, depth: int) -> Any:
        """The value that starts with `event` (the rest of it read from `events`)."""
        depth = self._refuse_hazards(event, depth)
        line = event.start_mark.line + 1
        self.lines[path] = line
        if isinstance(event, yaml.MappingStartEvent):
            return self._mapping(events, path, depth)
        if isinstance(event, yaml.SequenceStartEvent):
            items: list[Any] = []
            for item in events:
                if isinstance(item, yaml.SequenceEndEvent):
                    return items
                items.append(self.build(item, events, path + (len(items),), depth))
        if event.style:  # quoted or a block: text, as YAML resolves an untagged scalar that is not plain
            return event.value
        node = yaml.ScalarNode(self.scalars.resolve(yaml.ScalarNode, event.value, event.implicit),
                               event.value, event.start_mark, event.end_mark, event.style)
        try:
            return self.scalars.construct_object(node)
        except ValueError as err:  # a date or time that does not exist, such as 2026-02-30
            self.problems.append(Problem(self.name, line, dotted(path), f"expected a real date as YYYY-MM-DD, got {node.value!r}: {err}"))
        except yaml.constructor.ConstructorError:  # a plain `=`, YAML's "value" key
            self.problems.append(Problem(self.name, line, dotted(path), f"cannot read {node.value!r} as a value; put it in quotes"))
        return None

    def _mapping(self, events: Iterator[yaml.Event], path: Path_, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key in events:
            if isinstance(key, yaml.MappingEndEvent):
                return result
            line = key.start_mark.line + 1
            if not isinstance(key, yaml.ScalarEvent):
                self._skip(key, events, depth)
                self.problems.append(Problem(self.name, line, dotted(path), "a key must be plain text"))
                self._skip(next(events), events, depth)
                continue
            self._refuse_hazards(key, depth)
            value = next(events)
            if self.scalars.resolve(yaml.ScalarNode, key.value, key.implicit) == "tag:yaml.org,2002:merge":
                self.problems.append(Problem(self.name, line, dotted(path), "YAML merge keys (<<) are not allowed"))
            elif key.value in result:
                self.problems.append(Problem(self.name, line, dotted(path + (key.value,)), "duplicate key; each field may appear once"))
            else:
                result[key.value] = self.build(value, events, path + (key.value,), depth)
                continue
            self._skip(value, events, depth)
        return result

    def _skip(self, event: yaml.Event, events: Iterator[yaml.Event], depth: int) -> None:
        """Read past the value that starts with `event`, refusing its hazards, building nothing."""
        depth = self._refuse_hazards(event, depth)
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            for inner in events:
                if isinstance(inner, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                    return
                self._skip(inner, events, depth)

    def _refuse_hazards(self, event: yaml.Event, depth: int) -> int:
        """The nesting depth inside `event`; DataError for an anchor, alias, tag or level too deep."""
        line = event.start_mark.line + 1
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise DataError([Problem(self.name, line, "", "YAML anchors and aliases (&name, *name) are not allowed; write the value out")])
        if getattr(event, "tag", None) is not None:
            raise DataError([Problem(self.name, line, "", f"YAML tags ({event.tag}) are not allowed; write the value out")])
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                raise DataError([Problem(self.name, line, "", f"nested more than {MAX_DEPTH} levels deep; no data file needs that many")])
        return depth
