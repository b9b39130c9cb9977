"""Private stays private (issue 12, item 1): no maintainer's e-mail, GitHub handle or (distinctive)
name appears in anything published — any file of the built site (pages, finder data, the web
form's prefill data, calendars, open data, PDFs), any file inside the site's zip, open data
exported without --include-private, or the weekly staleness issue (`stale --format markdown`)."""

from __future__ import annotations

import contextlib
import hashlib
import html
import io
import re
import subprocess
import zipfile
from dataclasses import dataclass

import pytest

from generator.cli import main
from tests.conftest import DEMO, DEMO_TODAY

pytestmark = pytest.mark.pdf


@dataclass(frozen=True)
class Secret:
    what: str
    value: str
    pattern: re.Pattern
    core: str  # text every match contains (casefolded): looked for first, the pattern only where it is

    def found_in(self, text: str, folded: str) -> bool:
        return self.core in folded and self.pattern.search(text) is not None


def _public_text(demo) -> str:
    """Everything a listing publishes on purpose (its fields, without maintainers), lower case."""
    parts = []
    for org in demo.organisations:
        parts.append(org.organisation.model_dump_json(exclude={"maintainers"}))
    for entry in demo.activities:
        parts.append(entry.activity.model_dump_json())
    return "\n".join(parts).lower()


def _secrets(demo) -> list[Secret]:
    """Each maintainer's e-mail, GitHub handle and name, unless the same text is published on
    purpose elsewhere in the listing (a group may give its own address as its contact, and
    checked_by is a name or role the group chose to show)."""
    public = _public_text(demo)
    found: dict[str, Secret] = {}
    for org in demo.organisations:
        for m in org.organisation.maintainers:
            if m.email and m.email.lower() not in public:
                found[m.email.lower()] = Secret(f"{org.id}: e-mail", m.email, re.compile(
                    re.escape(m.email), re.I), m.email.casefold())
            if m.github:
                handle = re.escape(m.github)
                pattern = (rf"(?<![\w-])@{handle}(?![\w-])|github\.com/{handle}(?![\w-])"
                           if m.github.lower() in public else rf"(?<![\w.@/-]){handle}(?![\w-])")
                found[f"gh:{m.github.lower()}"] = Secret(f"{org.id}: GitHub handle", m.github,
                                                         re.compile(pattern, re.I), m.github.casefold())
            if m.name and " " in m.name.strip() and m.name.lower() not in public:
                found[f"name:{m.name.lower()}"] = Secret(f"{org.id}: name", m.name, re.compile(
                    r"\b" + r"\s+".join(re.escape(w) for w in m.name.split()) + r"\b", re.I),
                    max(m.name.casefold().split(), key=len))
    return list(found.values())


def _text_of(name: str, data: bytes) -> str:
    if name.endswith(".pdf"):
        return subprocess.run(["pdftotext", "-q", "-", "-"], input=data, capture_output=True,
                              check=True).stdout.decode("utf-8", "replace")
    text = data.decode("utf-8", "replace")
    # The same text as a browser, a JSON reader or a calendar app would read it.
    unescaped = re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), text)
    return "\n".join((text, html.unescape(text), unescaped, text.replace("\\,", ",").replace("\r\n ", "")))


_SEEN: dict[tuple[int, str, bytes], tuple[int, ...]] = {}  # (secrets, kind, content hash) -> found


def _found(secrets: list[Secret], name: str, data: bytes) -> list[Secret]:
    """The secrets in one file. The same bytes (a page and its copy in a zip, an audio file and
    its copy in the print zip) are read once per test run."""
    kind = ".pdf" if name.endswith(".pdf") else "text"
    key = (id(secrets), kind, hashlib.sha256(data).digest())
    if key not in _SEEN:
        text = _text_of(name, data)
        folded = text.casefold()  # what re.I matches, folded the same way as each secret's core
        _SEEN[key] = tuple(i for i, s in enumerate(secrets) if s.found_in(text, folded))
    return [secrets[i] for i in _SEEN[key]]


def _leaks(secrets: list[Secret], files: dict[str, bytes]) -> list[str]:
    out = []
    for name, data in files.items():
        if name.endswith((".png", ".ico", ".woff", ".woff2", ".ttf", ".zip", ".jpg", ".webp")):
            continue
        out += [f"{name}: {s.what} ({s.value})" for s in _found(secrets, name, data)]
    return out


@pytest.fixture(scope="module")
def secrets(demo):
    found = _secrets(demo)
    kinds = {s.what.split(": ")[1] for s in found}
    assert {"e-mail", "GitHub handle"} <= kinds, "the demo should have maintainers to look for"
    assert len(found) >= 20
    return found


def test_the_scan_finds_what_it_looks_for(secrets):
    """The scan is real: a maintainer's e-mail, handle and name written into a page are caught."""
    email = next(s for s in secrets if s.what.endswith("e-mail"))
    handle = next(s for s in secrets if s.what.endswith("GitHub handle"))
    page = f"<p>Contact {html.escape(email.value).replace('@', '&#64;')}, @{handle.value}</p>"
    assert len(_leaks(secrets, {"index.html": page.encode()})) >= 2
    escaped = email.value.replace("@", "\\u0040")
    js = 'var x = {"email": "' + escaped + '"}'
    assert _leaks(secrets, {"a.js": js.encode()})


def test_no_published_file_of_the_site_names_a_maintainer(demo_site, secrets):
    files = {p.relative_to(demo_site).as_posix(): p.read_bytes()
             for p in sorted(demo_site.rglob("*")) if p.is_file()}
    assert any(n.startswith("add/listings/") for n in files), "the form's prefill data is scanned"
    assert any(n.endswith(".pdf") for n in files) and any(n.endswith(".ics") for n in files)
    assert _leaks(secrets, files) == []


def test_nothing_in_the_zip_names_a_maintainer(demo_site, secrets):
    zips = list(demo_site.rglob("*.zip"))
    assert zips, "the site's zip is scanned"
    for path in zips:
        with zipfile.ZipFile(path) as zf:
            files = {}
            for info in zf.infolist():
                data = zf.read(info)
                inside = demo_site / info.filename.split("/", 1)[1]
                if info.filename.endswith(".pdf") and inside.is_file() and inside.read_bytes() == data:
                    continue  # the same PDF as the site's, already read
                files[f"{path.name}:{info.filename}"] = data
            assert len(files) > 100
            assert _leaks(secrets, files) == []


def test_open_data_without_include_private_names_no_maintainer(tmp_path, secrets, capsys):
    out = tmp_path / "data"
    assert main(["export", "all", str(out), "--today", DEMO_TODAY.isoformat(), "--quiet",
                 "--listings", str(DEMO / "listings"), "--config", str(DEMO / "site_config")]) == 0
    files = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert any(n.endswith(".json") for n in files) and any(n.endswith(".csv") for n in files)
    assert _leaks(secrets, files) == []
    # With --include-private the same scan does find them: the scan is looking in the right place.
    private = tmp_path / "private"
    assert main(["export", "hsds", str(private), "--include-private", "--today", DEMO_TODAY.isoformat(),
                 "--listings", str(DEMO / "listings"), "--config", str(DEMO / "site_config")]) == 0
    found = {p.name: p.read_bytes() for p in private.rglob("*.json")}
    assert _leaks(secrets, found)


def test_the_public_staleness_issue_names_no_maintainer(secrets):
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        main(["stale", "--format", "markdown", "--today", DEMO_TODAY.isoformat(),
              "--listings", str(DEMO / "listings"), "--config", str(DEMO / "site_config")])
    report = out.getvalue()
    assert report.startswith("#") and "stale" in report.lower()
    assert _leaks(secrets, {"stale.md": report.encode()}) == []
