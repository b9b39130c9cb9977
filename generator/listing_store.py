"""The listing store: the one place that names, finds, reads, writes and merges listing files.

Every route that writes into ``listings/`` goes through here: ``new``, ``checked``, the issue
route (``generator/issue_to_listing.py``), ``merge``, the importers and ``fake``. So there is one
``slug`` (file names and ids), one id check, one "stays inside the folder" check, and one
round-trip merge.

The merge (``merge_file``, ``merge_activity``) edits a file with ruamel.yaml's round-trip mode and
changes only the lines whose values differ: quoting, flow style (``cost: {kind: free}``), number
spelling (``3.80``), comments and line lengths of everything else stay as the group wrote them.
Values are compared as a listing means them: ``3.8`` equals ``3.80``, a date equals its
``YYYY-MM-DD`` text, text is compared without the spaces around it. A file whose values are all
the same comes back byte for byte.

For the issue route (owned by the ``groups`` engineer): ``merge_file(old_text, sent)`` merges a
whole or partial listing (the web form's file) into a file's text; ``merge_activity(node, sent,
whole=…)`` merges one activity into a ruamel node of that file; ``dump(data, original=text)``
writes a changed ruamel document back with only the changed lines different from ``text``.
"""

from __future__ import annotations

import datetime as dt
import difflib
import io
import os
import re
import tempfile
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarstring import (
    DoubleQuotedScalarString,
    LiteralScalarString,
    SingleQuotedScalarString,
)

from generator import safe_paths
from generator.formats import ID_PATTERN

SCHEMA_LINE = "# yaml-language-server: $schema=../schema/listing.schema.json\n"
VENUES_FILE = "venues.yml"
SLUG_LENGTH = 60  # file names; activity ids may be longer (80)
_ID = re.compile(ID_PATTERN)
# Letters that Unicode does not split into a plain letter and an accent.
_TRANSLIT = str.maketrans({"ß": "ss", "æ": "ae", "Æ": "ae", "ø": "o", "Ø": "o", "œ": "oe", "Œ": "oe",
                           "ł": "l", "Ł": "l", "đ": "d", "Đ": "d", "þ": "th", "Þ": "th", "ı": "i"})


class StoreError(Exception):
    """Something the person must fix first; the message says what, in plain English."""


class UnsafeName(StoreError, safe_paths.UnsafePath):
    """A name that is not an id, or a path outside its folder (caught as either kind)."""


# ---------------------------------------------------------------------------------------------
# Names


def slug(text: str, length: int = SLUG_LENGTH) -> str:
    """'Tea & Cake Café' -> 'tea-and-cake-cafe': the one way a name becomes a file name or id.

    Accents are dropped (é -> e, ß -> ss), "&" is "and", apostrophes vanish (St Anne's -> st-annes),
    everything else that is not a letter or digit becomes one hyphen. "" when nothing is left."""
    text = str(text).translate(_TRANSLIT)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = text.lower().replace("&", " and ").replace("'", "")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:length].strip("-")


def is_id(text: object) -> bool:
    return isinstance(text, str) and 2 <= len(text) <= 80 and bool(_ID.fullmatch(text))


def check_id(text: object, what: str = "organisation id") -> str:
    try:
        return safe_paths.checked_id(text, what)
    except safe_paths.UnsafePath as err:
        raise UnsafeName(str(err)) from None


def inside(folder: Path, path: Path) -> bool:
    """True when `path` (resolved, links followed) is inside `folder` (safe_paths.inside)."""
    try:
        safe_paths.inside(folder, str(Path(path).resolve()))
    except safe_paths.UnsafePath:
        return False
    return True


def path_for(listings: Path, org_id: str) -> Path:
    """listings/<org_id>.yml, refusing ids that are not ids (so never outside the folder)."""
    if org_id == Path(VENUES_FILE).stem:
        raise UnsafeName('"venues" is the shared venues file: give the listing another name.')
    try:
        return safe_paths.listing_file(Path(listings), org_id)
    except safe_paths.UnsafePath as err:
        raise UnsafeName(str(err)) from None


def listing_files(listings: Path) -> list[Path]:
    return sorted(p for p in Path(listings).glob("*.y*ml") if p.name != VENUES_FILE
                  and p.suffix in (".yml", ".yaml"))


def unique(base: str, taken: set[str]) -> str:
    """base, or base-2, base-3 … : the first not in `taken` (which it joins)."""
    name, n = base, 2
    while name in taken:
        name, n = f"{base}-{n}", n + 1
    taken.add(name)
    return name


_ID_LINE = re.compile(r"^\s*-?\s*\{?\s*id:\s*['\"]?([a-z0-9-]+)", re.M)


def activity_ids(listings: Path) -> dict[str, Path]:
    """Activity id -> the file it is in (read from the text: quick; venues.yml left out)."""
    found: dict[str, Path] = {}
    for path in listing_files(listings):
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        for activity_id in _ID_LINE.findall(text):
            found.setdefault(activity_id, path)
    return found


# ---------------------------------------------------------------------------------------------
# Reading and writing


def yaml() -> YAML:
    """ruamel.yaml set up to write listings the way they are written by hand."""
    y = YAML(typ="rt")
    y.preserve_quotes = True
    y.width = 4096  # never rewrap a long line
    y.indent(mapping=2, sequence=4, offset=2)
    return y


def load(text: str, name: str = "the file") -> CommentedMap:
    """Text -> a ruamel round-trip document. Refuses what the safe loader refuses (aliases, tags,
    huge or deep files) before ruamel sees it."""
    from generator.yaml_load import YamlProblem, loads

    try:
        loads(text)
    except YamlProblem as err:
        raise StoreError(f"{name}, line {err.line}: {err.message}.") from None
    try:
        data = yaml().load(text)
    except YAMLError as err:
        raise StoreError(f"{name} is not valid YAML: {err}") from None
    if not isinstance(data, CommentedMap) or not isinstance(data.get("organisation"), dict):
        raise StoreError(f"{name} is not a listing: it should start with organisation: and its name.")
    if not isinstance(data.get("activities", []), list) or not all(
            isinstance(a, dict) for a in data.get("activities") or []):
        raise StoreError(f"{name}: activities: should be a list of activities, each starting with - id:.")
    return data


def read(path: Path) -> tuple[str, CommentedMap]:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise StoreError(f"Cannot read {path}: {err}.") from None
    return text, load(text, str(path))


def _plain_dump(data: object) -> str:
    out = io.StringIO()
    yaml().dump(data, out)
    return out.getvalue()


def dump(data: object, original: str | None = None, changes: Iterable[Change] = ()) -> str:
    """A ruamel document -> text. With `original` (the text it was loaded from), every line the
    change did not touch is kept exactly as it was in `original`. When every change is one value
    replaced by another (`changes` from a merge), only those values' text is edited."""
    after = _plain_dump(data)
    if original is None:
        return after
    changes = list(changes)
    if changes and all(c.node is not None for c in changes):
        edited = _edit_in_place(original, changes)
        if edited is not None and _same_data(edited, after):
            return edited
    before = _plain_dump(yaml().load(original))
    if before == original:
        return after
    spliced = splice(original, before, after)
    return spliced if _same_data(spliced, after) else after


def _same_data(text: str, other: str) -> bool:
    try:
        return _as_plain(yaml().load(text)) == _as_plain(yaml().load(other))
    except YAMLError:
        return False


def _render(node: CommentedMap, key: str, flow: bool) -> str | None:
    """The value node[key] as it would be written after `key: ` on one line, or None."""
    buf = io.StringIO()
    yaml().dump({"x": node[key]}, buf)
    text = buf.getvalue()
    if not text.startswith("x: ") or text.count("\n") != 1:
        return None
    value = text[3:-1]
    if flow and value[:1] not in "'\"" and re.search(r"[,\[\]{}]", value):
        value = '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return value


def _edit_in_place(original: str, changes: list[Change]) -> str | None:
    lines = original.splitlines(keepends=True)
    edits = []
    for change in changes:
        node, key = change.node, change.key
        try:
            line, col = node.lc.value(key)
        except (KeyError, AttributeError, TypeError):
            return None
        flow = bool(node.fa.flow_style())
        new = _render(node, key, flow)
        if new is None or line >= len(lines):
            return None
        match = (_FLOW_VALUE if flow else _BLOCK_VALUE).match(lines[line], col)
        if not match or match.group(1).startswith(("|", ">")):
            return None
        edits.append((line, match.start(1), match.end(1), new))
    for line, start, end, new in sorted(edits, reverse=True):
        lines[line] = lines[line][:start] + new + lines[line][end:]
    return "".join(lines)


def splice(original: str, before: str, after: str) -> str:
    """Apply the change before -> after to `original`, where `before` is ruamel's rewriting of
    `original` (the same values, perhaps laid out a little differently)."""
    o_lines, b_lines, m_lines = (s.splitlines(keepends=True) for s in (original, before, after))
    replaced: list[list[str] | None] = [None] * len(b_lines)  # None: line unchanged
    inserted: dict[int, list[str]] = {}
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, b_lines, m_lines, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        if tag == "insert":
            inserted.setdefault(i1, []).extend(m_lines[j1:j2])
            continue
        for k in range(i1, i2):
            replaced[k] = []
        replaced[i1] = m_lines[j1:j2]
    out: list[str] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, b_lines, o_lines, autojunk=False).get_opcodes():
        if tag == "equal":
            for k in range(i1, i2):
                out += inserted.pop(k, [])
                out += [o_lines[j1 + k - i1]] if replaced[k] is None else replaced[k]
        elif tag == "insert":  # lines only the original has (ruamel dropped them): keep them
            out += o_lines[j1:j2]
        else:
            touched = any(r is not None for r in replaced[i1:i2]) or any(k in inserted for k in range(i1 + 1, i2))
            if not touched:
                out += inserted.pop(i1, []) + o_lines[j1:j2]
            else:
                for k in range(i1, i2):
                    out += inserted.pop(k, [])
                    out += [b_lines[k]] if replaced[k] is None else replaced[k]
    for k in sorted(inserted):
        out += inserted[k]
    return "".join(out)


def _as_plain(node: object) -> object:
    if isinstance(node, dict):
        return {str(k): _as_plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_as_plain(v) for v in node]
    return node


def write(listings: Path, path: Path, text: str) -> Path:
    """Write a listing file (atomically) inside `listings`, creating the folder if needed."""
    listings, path = Path(listings), Path(path)
    if path.parent != listings and path.parent.resolve() != listings.resolve():
        raise UnsafeName(f"{path} is not a file in {listings}: nothing was written.")
    if path.name != VENUES_FILE:
        check_id(path.stem)
    if path.is_symlink() and not inside(listings, path):  # a link pointing out of the folder
        raise UnsafeName(f"{path} is not a file in {listings}: nothing was written.")
    listings.mkdir(parents=True, exist_ok=True)
    try:
        mode = path.stat().st_mode & 0o777  # an existing file keeps its permissions
    except FileNotFoundError:
        mode = 0o644  # mkstemp's own 0600 would hide the file from a web server or a colleague
    fd, tmp = tempfile.mkstemp(dir=listings, prefix=f".{path.stem}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def with_schema_line(text: str) -> str:
    return text if text.startswith("# yaml-language-server") else SCHEMA_LINE + text


def new_file_text(data: Mapping) -> str:
    """A new listing file from plain data: schema line, short lists of words [like, this]."""
    return SCHEMA_LINE + _plain_dump(to_node(data))


def to_node(value: object, like: object = None) -> object:
    """Plain data -> ruamel nodes, written like `like` (the value it replaces) where it can be:
    the same quotes, the same flow or block style. Short lists of words go [like, this]."""
    if isinstance(value, Mapping):
        node = CommentedMap()
        for k, v in value.items():
            node[k] = to_node(v, like.get(k) if isinstance(like, Mapping) else None)
        style = like if isinstance(like, CommentedMap) else value
        if isinstance(style, CommentedMap) and style.fa.flow_style():
            node.fa.set_flow_style()
        return node
    if isinstance(value, list | tuple):
        olds = list(like) if isinstance(like, list) else []
        seq = CommentedSeq(to_node(v, olds[i] if i < len(olds) else None) for i, v in enumerate(value))
        style = like if isinstance(like, CommentedSeq) and olds else value
        if isinstance(style, CommentedSeq):
            if style.fa.flow_style():
                seq.fa.set_flow_style()
        elif all(isinstance(v, str) and len(v) < 30 and "\n" not in v for v in value):
            seq.fa.set_flow_style()
        return seq
    if isinstance(value, str):
        if "\n" in value.strip():
            return LiteralScalarString(value.strip("\n") + "\n")
        for kind in (DoubleQuotedScalarString, SingleQuotedScalarString):
            if isinstance(like, kind):
                return kind(value)
        return value
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


# ---------------------------------------------------------------------------------------------
# Finding


def find_activity(listings: Path, activity_id: str) -> tuple[Path, int]:
    """The file and the index in its activities list of the activity with this id."""
    from generator.problems import suggest

    known: list[str] = []
    for path in listing_files(listings):
        try:
            text = path.read_text(encoding="utf-8")
            if activity_id not in text:  # cheap: most files need no parsing at all
                known += _ID_LINE.findall(text)
                continue
            data = yaml().load(text)
        except (YAMLError, UnicodeDecodeError, OSError):
            continue
        activities = data.get("activities") if isinstance(data, dict) else None
        for i, activity in enumerate(activities if isinstance(activities, list) else []):
            if isinstance(activity, dict):
                if activity.get("id") == activity_id:
                    return path, i
                known.append(str(activity.get("id")))
    raise StoreError(f'No activity has the id "{activity_id}".{suggest(activity_id, known)} '
                     f"The ids are the `id:` lines in {listings}/*.yml.")


def _org_name(path: Path) -> str:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""
    match = re.search(r"^organisation:\s*\n(?:[ \t]+.*\n)*?[ \t]+name:\s*(.+?)\s*(?:#.*)?$", text, re.M)
    if not match:
        return ""
    name = match.group(1)
    return name[1:-1] if len(name) > 1 and name[0] == name[-1] and name[0] in "'\"" else name


def find_listing(listings: Path, sent: Mapping, hint: str | None = None) -> Path | None:
    """The file a sent listing belongs to, or None for a group that has no file yet.

    Evidence, strongest first: the ids of the activities it sends; the organisation's name (as
    the files write it, compared by slug); `hint` (the sent file's own name, e.g. the form's
    download `aigburth-walkers.yml`). Evidence that points at two files is refused."""
    ids = [str(a.get("id")) for a in sent.get("activities") or [] if isinstance(a, Mapping)]
    known = activity_ids(listings)
    by_id = {known[i] for i in ids if i in known}
    if len(by_id) > 1:
        names = ", ".join(sorted(p.name for p in by_id))
        raise StoreError(f"The activities in this file are in different listings ({names}): "
                         "send one file for each group.")
    name = str((sent.get("organisation") or {}).get("name", "")).strip()
    by_name = {p for p in listing_files(listings) if name and slug(_org_name(p)) == slug(name)}
    if by_id:
        found = by_id.pop()
        if by_name and found not in by_name:
            raise StoreError(f'The organisation "{name}" has its own listing ({sorted(by_name)[0].name}), '
                             f"but the activities in this file belong to {found.name}. Check the "
                             "organisation's name.")
        return found
    if len(by_name) == 1:
        return by_name.pop()
    if len(by_name) > 1:
        raise StoreError(f'More than one listing is for "{name}" '
                         f"({', '.join(sorted(p.name for p in by_name))}): merge it by hand.")
    if hint and is_id(hint) and (Path(listings) / f"{hint}.yml").exists():
        path = Path(listings) / f"{hint}.yml"
        if not name or slug(_org_name(path)) == slug(name):
            return path
    return None


# ---------------------------------------------------------------------------------------------
# Comparing and merging


def _number(value: object) -> Decimal | None:
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def same(old: object, new: object) -> bool:
    """Equal as a listing means it: 3.8 is 3.80, a date is its text, text without outer spaces."""
    if isinstance(old, Mapping) and isinstance(new, Mapping):
        return old.keys() == new.keys() and all(same(old[k], new[k]) for k in old)
    if isinstance(old, list) and isinstance(new, list):
        return len(old) == len(new) and all(same(a, b) for a, b in zip(old, new, strict=True))
    if isinstance(old, bool) or isinstance(new, bool):
        return type(old) is type(new) and old == new
    a, b = _number(old), _number(new)
    if a is not None and b is not None:
        return a == b
    if isinstance(old, dt.date | str | int | float) and isinstance(new, dt.date | str | int | float):
        return str(old).strip() == str(new).strip()
    return old == new


@dataclass(frozen=True)
class Change:
    where: str  # e.g. "Tuesday Health Walk: on_the_day_phone"
    old: object
    new: object
    # For a single value replaced in place: the ruamel map and key (so the text can be edited
    # on that one line).
    node: object = field(default=None, compare=False, repr=False)
    key: str = field(default="", compare=False, repr=False)

    def __str__(self) -> str:
        if self.old is None:
            return f"{self.where}: added ({_short(self.new)})"
        if self.new is None:
            return f"{self.where}: removed (was {_short(self.old)})"
        return f"{self.where}: {_short(self.old)} -> {_short(self.new)}"


def _short(value: object) -> str:
    if isinstance(value, Mapping | list):
        text = str(_as_plain(value))
    else:
        text = str(value).strip()
    text = " ".join(text.split())
    return text if len(text) <= 60 else text[:57] + "..."


def _model_orders() -> list[list[str]]:
    """The field order of every model a listing is made of (the order the files use)."""
    from pydantic import BaseModel

    from generator import model

    return [list(m.model_fields) for m in vars(model).values()
            if isinstance(m, type) and issubclass(m, BaseModel) and m.model_fields]


def _insert(node: CommentedMap, key: str, value: object, order: list[str]) -> None:
    """Add `key` where the listing's model puts it (else after the key that comes before it in
    `order`, the sender's order)."""
    keys = set(node) | {key}
    for fields in _model_orders():
        if keys <= set(fields):
            order = fields
            break
    position = len(node)
    before = order[: order.index(key)] if key in order else []
    for k in reversed(before):
        if k in node:
            position = list(node).index(k) + 1
            break
    else:
        if before:
            position = 0
    node.insert(position, key, value)


def _merge_map(old: CommentedMap, new: Mapping, where: str, changes: list[Change], *,
               whole: bool, keep: Iterable[str] = ()) -> None:
    keep = set(keep)
    if whole:
        for key in [k for k in old if k not in new and k not in keep]:
            changes.append(Change(f"{where}{key}", _as_plain(old[key]), None))
            del old[key]
    order = list(new)
    for key, value in new.items():
        here = f"{where}{key}"
        if key in old and same(old[key], value):
            continue
        mine = old.get(key)
        if isinstance(mine, CommentedMap) and isinstance(value, Mapping):
            _merge_map(mine, value, here + ".", changes, whole=True)
        elif (isinstance(mine, CommentedSeq) and isinstance(value, list) and mine and value
              and all(isinstance(v, Mapping) for v in list(mine) + value)):
            _merge_list_of_maps(mine, value, here, changes)
        elif key in old:
            scalar_swap = not isinstance(mine, Mapping | list) and not isinstance(value, Mapping | list)
            changes.append(Change(here, _as_plain(mine), _as_plain(value),
                                  old if scalar_swap else None, key if scalar_swap else ""))
            old[key] = to_node(value, mine)
        else:
            changes.append(Change(here, None, _as_plain(value)))
            _insert(old, key, to_node(value), order)


def _merge_list_of_maps(old: CommentedSeq, new: list, where: str, changes: list[Change]) -> None:
    for i, value in enumerate(new):
        if i < len(old):
            _merge_map(old[i], value, f"{where}[{i + 1}].", changes, whole=True)
        else:
            changes.append(Change(f"{where}[{i + 1}]", None, _as_plain(value)))
            old.append(to_node(value, old[0] if old else None))
    while len(old) > len(new):
        changes.append(Change(f"{where}[{len(old)}]", _as_plain(old[-1]), None))
        del old[-1]


def activity_is_whole(activity: Mapping) -> bool:
    """A full activity (every required field) replaces the old one; a partial one changes only
    what it sends."""
    from generator.model import Activity

    return all(name in activity for name, f in Activity.model_fields.items() if f.is_required())


def merge_activity(old: CommentedMap, new: Mapping, *, whole: bool | None = None) -> list[Change]:
    """Make the ruamel node `old` say what `new` says, touching only what differs.

    whole=True: fields `new` leaves out are removed; False: they are kept; None (default): whole
    when `new` has every required field of an activity."""
    whole = activity_is_whole(new) if whole is None else whole
    changes: list[Change] = []
    _merge_map(old, new, f"{old.get('name') or old.get('id')}: ", changes, whole=whole)
    return changes


def _same_person(a: Mapping, b: Mapping) -> bool:
    return any(a.get(k) and b.get(k) and str(a[k]).strip().lower() == str(b[k]).strip().lower()
               for k in ("email", "github"))


def merge_organisation(old: CommentedMap, new: Mapping) -> list[Change]:
    """Fields sent change; fields not sent are kept (the form never has the maintainers, the
    governance notes or the charity number). Maintainers are never removed by a merge: someone
    new is added, and the people already listed stay as they were."""
    changes: list[Change] = []
    sent = {k: v for k, v in new.items() if k != "maintainers"}
    _merge_map(old, sent, "Organisation: ", changes, whole=False)
    people = [m for m in new.get("maintainers") or [] if isinstance(m, Mapping)]
    have = old.get("maintainers")
    for person in people:
        if isinstance(have, list) and any(isinstance(m, Mapping) and _same_person(m, person) for m in have):
            continue
        if not isinstance(have, CommentedSeq):
            have = CommentedSeq()
            _insert(old, "maintainers", have, list(old) + ["maintainers"])
        have.append(to_node(person, have[0] if len(have) else None))
        changes.append(Change("Organisation: maintainers", None, "one more person to remind"))
    return changes


@dataclass
class Merged:
    text: str
    changes: list[Change] = field(default_factory=list)
    added: list[str] = field(default_factory=list)  # ids of activities new to the file
    updated: list[str] = field(default_factory=list)  # ids of activities already there


def merge_file(old_text: str, sent: Mapping, *, name: str = "the listing") -> Merged:
    """Merge a sent listing (whole or partial: the organisation and some activities) into the
    text of an existing file. Activities it does not send stay exactly as they are; one whose id
    the file does not have is added at the end. Only the lines that differ change."""
    data = load(old_text, name)
    changes = merge_organisation(data["organisation"], sent.get("organisation") or {})
    activities = data.get("activities")
    if not isinstance(activities, CommentedSeq):
        activities = CommentedSeq()
        data["activities"] = activities
    have = [str(a.get("id")) for a in activities]
    added, updated = [], []
    for activity in sent.get("activities") or []:
        activity_id = str(activity.get("id"))
        if activity_id in have:
            changes += merge_activity(activities[have.index(activity_id)], activity)
            updated.append(activity_id)
        else:
            if not activity_is_whole(activity):
                raise StoreError(f'{name} has no activity "{activity_id}" to update, and the file '
                                 "sent does not have all of a new activity's details.")
            activities.append(to_node(activity))
            have.append(activity_id)
            added.append(activity_id)
            changes.append(Change(f"{activity.get('name') or activity_id}", None, "new activity"))
    text = old_text if not changes else dump(data, original=old_text, changes=changes)
    return Merged(text, changes, added, updated)


def changed_lines(before: str, after: str) -> list[tuple[int, str, str]]:
    """(line in `after`, old line, new line) for each line that differs; "" for none."""
    a, b = before.splitlines(), after.splitlines()
    out: list[tuple[int, str, str]] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        for k in range(max(i2 - i1, j2 - j1)):
            old = a[i1 + k] if i1 + k < i2 else ""
            new = b[j1 + k] if j1 + k < j2 else ""
            out.append((j1 + k + 1 if j1 + k < j2 else j1 + 1, old, new))
    return out


# ---------------------------------------------------------------------------------------------
# Setting a few fields of one activity in place (``checked``): only those lines change.

_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9 .'()&/-]*[A-Za-z0-9.)]|[A-Za-z]")
# One scalar value where it starts: a quoted string, or plain text up to a comment or line end
# (block style), or up to , } ] as well (flow style).
_BLOCK_VALUE = re.compile(r"""("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^#\n]*?)(?=[ \t]+#|[ \t]*$)""")
_FLOW_VALUE = re.compile(r"""("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^,}\]#\n]*?)(?=[ \t]*[,}\]]|[ \t]+#|[ \t]*$)""")


def scalar(text: str) -> str:
    """`text` as a YAML value that reads back as exactly that text."""
    import json

    if _PLAIN.fullmatch(text) and text.lower() not in ("true", "false", "null", "yes", "no", "on", "off"):
        return text
    return json.dumps(text, ensure_ascii=False)


def set_fields(text: str, index: int, values: dict[str, str]) -> tuple[str, list[tuple[int, str, str]]]:
    """Set keys of activities[index] to values; change only their lines.

    Returns the new text and (line, old, new) for each change (line counted from 1)."""
    data = yaml().load(text)
    activity = data["activities"][index]
    lines = text.splitlines(keepends=True)
    flow = bool(activity.fa.flow_style())
    changes = []
    inserts = []
    for key, value in values.items():
        new = scalar(value) if key != "last_checked" else value
        if key in activity:
            line, col = activity.lc.value(key)
            source = lines[line]
            match = (_FLOW_VALUE if flow else _BLOCK_VALUE).match(source, col)
            if not match:
                raise StoreError(f"Cannot read the {key} value on line {line + 1}. Change it by hand.")
            old = match.group(1)
            lines[line] = source[: match.start(1)] + new + source[match.end(1):]
            changes.append((line + 1, f"{key}: {old}", f"{key}: {new}"))
        elif flow:
            raise StoreError(f"This activity has no {key} line and is written on one line. "
                             f"Add `{key}: {new}` by hand.")
        else:
            inserts.append((key, new))
    if inserts:
        last_key = list(activity)[-1]
        end = _end_line(activity, last_key, lines)
        indent = " " * activity.lc.key(list(activity)[0])[1]
        for offset, (key, new) in enumerate(inserts):
            newline = "" if lines[end + offset - 1].endswith("\n") else "\n"
            lines.insert(end + offset, f"{newline}{indent}{key}: {new}\n")
            changes.append((end + offset + 1, "(no line)", f"{key}: {new}"))
    return "".join(lines), changes


def _end_line(activity, last_key: str, lines: list[str]) -> int:
    """The index of the line after the activity's last value (skipping nested blocks)."""
    start = activity.lc.key(last_key)[0]
    key_col = activity.lc.key(last_key)[1]
    end = start + 1
    while end < len(lines):
        stripped = lines[end].strip()
        indent = len(lines[end]) - len(lines[end].lstrip())
        if stripped and not stripped.startswith("#") and indent <= key_col:
            break
        end += 1
    while end > start + 1 and not lines[end - 1].strip():
        end -= 1  # keep blank lines after the activity where they were
    return end


# ---------------------------------------------------------------------------------------------
# A file that came by e-mail or download (``python -m generator merge``)

_FORM_FILE = re.compile(r"\(file ([a-z0-9-]+)\.ya?ml\)")
_LISTING_START = re.compile(r"^(# yaml-language-server.*|organisation:.*)$", re.M)


def sent_text(raw: bytes) -> tuple[str, str | None]:
    """The listing inside a file that came: a .yml file, the text of the web form's e-mail, or a
    saved e-mail (.eml, with the listing in its text or attached). Also the file name the form
    gave it, when it says (the form's e-mail says "(file aigburth-walkers.yml)")."""
    import email
    from email import policy

    hint: str | None = None
    text = raw.decode("utf-8-sig", errors="replace")
    if re.match(r"(?:[A-Za-z-]+: .*\r?\n)+", text) and re.search(r"^(Subject|From|To): ", text, re.M | re.I):
        message = email.message_from_bytes(raw, policy=policy.default)
        parts = [p for p in message.walk() if not p.is_multipart()]
        yml = [p for p in parts if (p.get_filename() or "").endswith((".yml", ".yaml"))]
        body = message.get_body(preferencelist=("plain",))
        chosen = yml[0] if yml else body
        if chosen is not None:
            if yml:
                hint = Path(yml[0].get_filename()).stem
            text = chosen.get_content() if isinstance(chosen.get_content(), str) else \
                chosen.get_content().decode("utf-8", errors="replace")
    text = text.replace("\r\n", "\n")
    found = _FORM_FILE.search(text)
    if found:
        hint = found.group(1)
    start = _LISTING_START.search(text)
    if start:
        text = text[start.start():]
    return text, hint


@dataclass
class Outcome:
    path: Path
    before: str  # the file's text before ("" for a new file)
    text: str  # its text after the merge
    changes: list[Change]
    created: bool
    problems: list[str]  # why the merged listing would not be valid


def merge_into(listings: Path, file: Path) -> Outcome:
    """Work out what merging `file` into `listings` gives (writes nothing)."""
    from pydantic import ValidationError

    from generator.model import Listing
    from generator.problems import from_validation_error
    from generator.yaml_load import MAX_BYTES, YamlProblem, loads

    file = Path(file)
    if not file.is_file():
        raise StoreError(f"{file} is not a file.")
    if file.stat().st_size > 4 * MAX_BYTES:
        raise StoreError(f"{file} is too big to be a listing.")
    text, hint = sent_text(file.read_bytes())
    if not _LISTING_START.search(text):
        raise StoreError(f"{file.name} has no listing in it: a listing starts with organisation:.")
    sent = load(text, file.name)
    # The form names a file of changes "<listing>-changes.yml"; browsers add " (1)" to repeats.
    stem = re.sub(r"(-changes)?( ?\(\d+\))?$", "", file.stem)
    stem = stem if is_id(stem) else None
    path = find_listing(listings, sent, hint=hint or stem)
    if path is None:
        name = str(sent["organisation"].get("name") or "").strip()
        if not name:
            raise StoreError(f"{file.name} gives no organisation name, so it cannot be matched to a listing.")
        path = path_for(listings, slug(name) or "listing")
        if path.exists():
            raise StoreError(f'{path.name} is the listing of "{_org_name(path)}", not "{name}". '
                             "Check the organisation's name, or add the file by hand under another name.")
        for activity in sent.get("activities") or []:
            if not activity_is_whole(activity):
                raise StoreError(f'{file.name} is for a new group ("{name}"), but the activity '
                                 f'"{activity.get("id")}" does not have all of its details.')
        before, after = "", with_schema_line(text if text.endswith("\n") else text + "\n")
        changes = [Change(str(a.get("name") or a.get("id")), None, "new activity")
                   for a in sent.get("activities") or []]
        created = True
    else:
        before = path.read_text(encoding="utf-8")
        merged = merge_file(before, sent, name=path.name)
        after, changes, created = merged.text, merged.changes, False
    problems: list[str] = []
    try:
        loaded = loads(after)
        Listing.model_validate(loaded.data)
    except YamlProblem as err:
        problems.append(f"line {err.line}: {err.message}")
    except ValidationError as err:
        problems = [f"{p.field}: {p.message}" if p.field else p.message
                    for p in from_validation_error(err, path.name, loaded, Listing)]
    return Outcome(path, before, after, changes, created, problems)
