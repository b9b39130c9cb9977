"""Read one YAML file safely, keeping the line and column of every key and value.

Listings come from volunteers and strangers, so a file is refused (never half-read) when it is
too big, not text, uses YAML aliases or tags, or repeats a key. Scalars are read the way a person
means them, not by YAML 1.1's surprises: ``10:30`` stays the text "10:30" (not 630 minutes),
``no`` stays "no" (not false); only true/false, null, whole numbers and decimals are converted.
Quoted values are always text. Dates stay text and the models turn them into dates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

MAX_BYTES = 512 * 1024
MAX_NODES = 50_000
MAX_DEPTH = 40

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_INT = re.compile(r"^[-+]?(0|[1-9][0-9]*)$")
_FLOAT = re.compile(r"^[-+]?([0-9]+\.[0-9]*|\.[0-9]+)$")
_STD_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}

Path_ = tuple[str | int, ...]


class YamlProblem(Exception):
    """The file cannot be read at all. Carries the place to point at."""

    def __init__(self, message: str, line: int = 1, column: int = 1, path: Path_ = ()):
        super().__init__(message)
        self.message, self.line, self.column, self.path = message, line, column, path


@dataclass
class Loaded:
    """A file's data plus where each piece was written (1-based line and column)."""

    data: object
    positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def where(self, path: Path_, *, key: bool = False) -> tuple[int, int]:
        """The closest known place for a path: the key itself, or the nearest parent."""
        path = tuple(path)
        table = self.key_positions if key else self.positions
        while path:
            if path in table:
                return table[path]
            if path in self.positions:
                return self.positions[path]
            path = path[:-1]
        return self.positions.get((), (1, 1))


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _scalar(node: yaml.ScalarNode) -> object:
    value = node.value
    if node.style:  # quoted or block scalar: always text
        return value
    if node.tag not in ("tag:yaml.org,2002:str",) and node.tag in _STD_TAGS:
        lowered = value.lower()
        if lowered in ("true", "false"):
            return lowered == "true"
        if lowered in ("null", "~", ""):
            return None
        if _INT.match(value):
            return int(value)
        if _FLOAT.match(value):
            return float(value)
    return value


class _Builder:
    def __init__(self) -> None:
        self.positions: dict[Path_, tuple[int, int]] = {}
        self.key_positions: dict[Path_, tuple[int, int]] = {}
        self.seen: set[int] = set()
        self.count = 0

    def build(self, node: yaml.Node, path: Path_, depth: int = 0) -> object:
        line, col = _mark(node)
        self.count += 1
        if self.count > MAX_NODES:
            raise YamlProblem(
                f"the file has more than {MAX_NODES:,} values, far more than a listing needs. "
                "Split it into one file per organisation",
                line,
                col,
            )
        if depth > MAX_DEPTH:
            raise YamlProblem("the file is nested too deeply to be a listing", line, col, path)
        if id(node) in self.seen:
            raise _AliasUsed(
                "the file uses a YAML alias (*name). Write the value out in full instead", line, col, path
            )
        self.seen.add(id(node))
        if node.tag not in _STD_TAGS:
            raise YamlProblem(
                f"the tag {node.tag.replace('tag:yaml.org,2002:', '!!')} is not allowed in a listing. "
                "Remove it and write a plain value",
                line,
                col,
                path,
            )
        self.positions[path] = (line, col)
        if isinstance(node, yaml.ScalarNode):
            return _scalar(node)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, path + (i,), depth + 1) for i, item in enumerate(node.value)]
        result: dict[str, object] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise YamlProblem("a key must be a plain word", *_mark(key_node), path)
            if key_node.tag == "tag:yaml.org,2002:merge" or key_node.value == "<<":
                raise YamlProblem(
                    "the file uses a YAML merge (<<:). Write the values out in full instead",
                    *_mark(key_node),
                    path,
                )
            key = str(key_node.value)
            if key in result:
                first = self.key_positions[path + (key,)][0]
                raise YamlProblem(
                    f"this key is written twice (first on line {first}). Keep one of them",
                    *_mark(key_node),
                    path + (key,),
                )
            self.key_positions[path + (key,)] = _mark(key_node)
            result[key] = self.build(value_node, path + (key,), depth + 1)
        return result


# PyYAML's words for common slips -> what a volunteer should do about them.
_SYNTAX = (
    ("tab", "there is a tab character here. Indent with spaces, not tabs"),
    ("mapping values are not allowed",
     "a colon (:) is in a place YAML does not expect. If the text has a colon in it, put the "
     'whole text in quotes, like summary: "Note: bring water". Otherwise check that this line '
     "is indented like the lines around it"),
    ("did not find expected ',' or ']'",
     "a list in square brackets [ ] is not closed, or a comma is missing between its items"),
    ("did not find expected ',' or '}'",
     "a group in curly brackets { } is not closed, or a comma is missing between its items"),
    ("did not find expected key",
     "this line is not indented like the lines around it (or text after a quoted value runs "
     "on). Line it up with the other keys at the same level"),
    ("did not find expected '-' indicator",
     "this line is not indented like the other items in the list. Line it up"),
    ("could not find expected ':'",
     "a line is missing its colon. Each line is `key: value`"),
    ("found unexpected end of stream",
     "a quote is opened but never closed. Check the quotes (\" or ') come in pairs"),
    ("found character that cannot start any token",
     "a value starts with a character YAML keeps for itself (such as @, ` or %). Put the "
     "value in quotes"),
    ("found undefined alias",
     "the file uses a YAML alias (*name). Write the value out in full instead"),
)


def _syntax_message(err: yaml.MarkedYAMLError, text: str) -> str:
    problem = (err.problem or "").strip()
    mark = err.problem_mark
    lines = text.splitlines()
    if "\t" in problem or (mark and mark.line < len(lines) and "\t" in lines[mark.line][: mark.column + 1]):
        return f"this is not valid YAML: {_SYNTAX[0][1]}"
    for words, message in _SYNTAX:
        if words in problem:
            return f"this is not valid YAML: {message}"
    context = f" {err.context.strip()}" if err.context else ""
    return (f"this is not valid YAML ({problem}{context}). Check the indentation, and put text "
            "with a colon (:) or a hash (#) in quotes")


def loads(text: str) -> Loaded:
    """Parse YAML text into plain data with positions. Raises YamlProblem."""
    if "\x00" in text:
        raise YamlProblem("the file is not text (it contains binary data). Save it as plain text")
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        if "did not find expected ','" in (err.problem or "") and err.context_mark:
            mark = err.context_mark  # point at the bracket that is never closed
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise YamlProblem(_syntax_message(err, text), line, col) from None
    except yaml.YAMLError as err:
        raise YamlProblem(f"this is not valid YAML: {err}") from None
    if node is None:
        raise YamlProblem(
            "the file is empty. Start a listing with `python -m generator new`, or copy one from "
            "listings/"
        )
    builder = _Builder()
    try:
        data = builder.build(node, ())
    except _AliasUsed as err:
        err.line, err.column = _first_alias(text) or (err.line, err.column)
        raise
    return Loaded(data, builder.positions, builder.key_positions)


class _AliasUsed(YamlProblem):
    """A node met twice: an alias. The composed node only knows where its anchor was."""


def _first_alias(text: str) -> tuple[int, int] | None:
    """Where the first *alias is written (read again only when there is one: errors are rare)."""
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent):
            return event.start_mark.line + 1, event.start_mark.column + 1
    return None


def load_file(path: Path, max_bytes: int = MAX_BYTES) -> Loaded:
    """Read and parse one file. Raises YamlProblem for anything that is not a sane YAML file."""
    size = path.stat().st_size
    if size > max_bytes:
        raise YamlProblem(
            f"the file is {size / 1024 / 1024:.1f} MB, but a listing must be under "
            f"{max_bytes // 1024} KB. Check it is the right file"
        )
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise YamlProblem(
            "the file is not UTF-8 text (it may be a binary or a word-processor file). "
            "Save it as plain text (UTF-8)",
            line,
        ) from None
    return loads(text)
