"""The GitHub workflows: actionlint (with shellcheck) on each file, and their shell steps run here
for real, with a fake `gh` that records what it was asked to do."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator import cli

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
ALLOWED_ACTIONS = {"actions/checkout", "actions/setup-python", "actions/upload-pages-artifact",
                   "actions/deploy-pages", "peter-evans/create-pull-request",
                   "actions/upload-artifact", "actions/download-artifact",
                   "actions/cache"}  # the build cache; publish runs on main only, whose caches PRs cannot write
ISSUES = ROOT / "tests" / "fixtures" / "issues"


def _tool(name: str) -> str:
    """A tool installed from requirements.txt (next to this Python, or on PATH). Never a skip."""
    here = Path(sys.executable).parent / name
    found = str(here) if here.exists() else shutil.which(name)
    if not found:
        pytest.fail(f"{name} is not installed: run `make setup` (it is pinned in requirements.txt).")
    return found


def _workflow(name: str) -> dict:
    return yaml.safe_load((ROOT / ".github" / "workflows" / name).read_text())


def _steps(name: str) -> list[dict]:
    return [step for job in _workflow(name)["jobs"].values() for step in job.get("steps", [])]


def _step(workflow: str, name: str) -> dict:
    return next(s for s in _steps(workflow) if s.get("name") == name)


def test_there_are_the_four_workflows():
    assert [p.name for p in WORKFLOWS] == ["issue-to-pr.yml", "publish.yml", "pull-request.yml",
                                           "staleness.yml"]


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_actionlint_passes(path):
    shellcheck = _tool("shellcheck")
    env = {**os.environ, "PATH": f"{Path(shellcheck).parent}{os.pathsep}{os.environ['PATH']}"}
    result = subprocess.run([_tool("actionlint"), "-shellcheck", shellcheck, str(path)],
                            capture_output=True, text=True, cwd=ROOT, env=env)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_and_shellcheck_really_catch_mistakes(tmp_path):
    bad = tmp_path / ".github" / "workflows" / "bad.yml"
    bad.parent.mkdir(parents=True)
    bad.write_text("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
                   "      - run: echo $foo\n      - uses: actions/checkout@v1\n")
    result = subprocess.run([_tool("actionlint"), "-shellcheck", _tool("shellcheck"), str(bad)],
                            capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 1
    assert "SC2086" in result.stdout
    assert 'the runner of "actions/checkout@v1" action is too old' in result.stdout


def test_only_allowed_actions_and_no_expressions_inside_scripts():
    for path in WORKFLOWS:
        for step in _steps(path.name):
            if "uses" in step:
                assert step["uses"].split("@")[0] in ALLOWED_ACTIONS, (path.name, step["uses"])
            # Untrusted text (issue bodies, titles) reaches scripts only through env variables.
            assert "${{" not in step.get("run", ""), (path.name, step.get("name"))


def test_actions_are_pinned_to_commit_shas_with_their_version():
    """A tag can be moved to other code; a commit cannot. The comment says which release it is."""
    for path in WORKFLOWS:
        for line in path.read_text().splitlines():
            match = re.match(r"\s*(?:- )?uses: (\S+)(.*)$", line)
            if match:
                ref, rest = match.groups()
                assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", ref), (path.name, line)
                assert re.fullmatch(r" # v[0-9]+\.[0-9]+\.[0-9]+", rest), (path.name, line)


def _script(job: dict) -> str:
    return "\n".join(step.get("run", "") for step in job.get("steps", []))


def test_every_job_has_the_least_permissions_and_no_writer_runs_our_code():
    for path in WORKFLOWS:
        workflow = _workflow(path.name)
        assert workflow["permissions"] == {}, path.name  # nothing unless a job asks
        for name, job in workflow["jobs"].items():
            assert "permissions" in job, (path.name, name)
            writes = {k for k, v in job["permissions"].items() if v == "write"}
            if writes:
                script = _script(job)
                for word in ("pip install", "python -m generator", "make ", ".ci/run", "apt-get"):
                    assert word not in script, (path.name, name, word)
                assert not any("setup-python" in s.get("uses", "") for s in job["steps"]), (path.name, name)


def test_untrusted_issue_text_is_read_only_by_the_read_only_job():
    jobs = _workflow("issue-to-pr.yml")["jobs"]
    readers = [name for name, job in jobs.items() if "github.event.issue.body" in yaml.safe_dump(job)]
    assert readers == ["check"]
    assert jobs["check"]["permissions"] == {"contents": "read"}
    checkout = next(s for s in jobs["check"]["steps"] if "actions/checkout" in s.get("uses", ""))
    assert checkout["with"]["persist-credentials"] is False
    assert jobs["open-pr"]["needs"] == "check" and jobs["reply"]["needs"] == "check"
    assert set(jobs["open-pr"]["permissions"]) == {"contents", "pull-requests", "issues"}
    assert jobs["reply"]["permissions"] == {"issues": "write"}


def test_the_issue_route_runs_the_pull_request_checks_itself():
    """A pull request opened with GITHUB_TOKEN starts no other workflow, so the check job runs
    what "Check a pull request" would: validate against the whole directory, schema, build, links."""
    check = _script(_workflow("issue-to-pr.yml")["jobs"]["check"])
    for command in ("python -m generator validate", "python -m generator schema --check",
                    "python -m generator build", "python -m generator linkcheck"):
        assert command in check, command
    pr_check = _script({"steps": _steps("pull-request.yml")})
    for command in ("python -m generator schema --check", "python -m generator build",
                    "python -m generator linkcheck"):
        assert command in pr_check, command


def test_every_pull_request_runs_ruff_and_the_tests():
    workflow = _workflow("pull-request.yml")
    assert list(workflow[True]) == ["pull_request"]  # YAML reads the key `on` as true
    tests = workflow["jobs"]["tests"]
    script = _script(tests)
    assert "make lint" in script and ".ci/run" in script
    makefile = (ROOT / "Makefile").read_text()
    assert "-m ruff check ." in makefile and "-m pytest" in makefile
    assert "make test" in (ROOT / ".ci" / "run").read_text()


def _generator_commands(script: str) -> list[list[str]]:
    script = script.replace("\\\n", " ")
    found = []
    for match in re.finditer(r"python -m generator ([^\n]*)", script):
        words = []
        for word in shlex.split(match.group(1)):
            if word in ("&&", "||", ";", "|") or word.startswith((">", "2>")) or word == "then":
                break
            words.append("PLACEHOLDER" if "$" in word else word)
        found.append(words)
    return found


def test_every_generator_command_in_a_workflow_exists_and_parses():
    seen = set()
    parser = cli.parser()
    for path in WORKFLOWS:
        for step in _steps(path.name):
            for words in _generator_commands(step.get("run", "")):
                stand_in = {"--issue": "1", "--kind": "new"}  # values the shell fills in
                args = [w if w != "PLACEHOLDER" else stand_in.get(prev, "x")
                        for prev, w in zip([""] + words[:-1], words, strict=True)]
                parser.parse_args(args)  # exits (fails the test) on an unknown command or option
                seen.add(words[0])
    assert seen == {"issue-to-listing", "validate", "schema", "build", "linkcheck", "stale"}


# ---------------------------------------------------------------------------------------------
# Running the steps


FAKE_GH = """#!/usr/bin/env python3
import os, sys
args = sys.argv[1:]
with open(os.environ["GH_LOG"], "a") as log:
    log.write(repr(args) + "\\n")
    for flag in ("--body-file",):
        if flag in args:
            with open(args[args.index(flag) + 1]) as f:
                log.write("BODY:" + repr(f.read()) + "\\n")
if args[:2] == ["issue", "list"]:
    print(os.environ.get("FAKE_EXISTING_ISSUE", ""))
"""


@pytest.fixture()
def runner(tmp_path):
    """A work folder like a runner's checkout: listings and settings copied, a fake gh on PATH."""
    work = tmp_path / "work"
    work.mkdir()
    for folder in ("listings", "site_config", "schema"):
        shutil.copytree(ROOT / folder, work / folder)
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    gh = bin_dir / "gh"
    gh.write_text(FAKE_GH)
    gh.chmod(0o755)
    temp = tmp_path / "runner-temp"
    temp.mkdir()
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
           "PYTHONPATH": str(ROOT), "RUNNER_TEMP": str(temp), "GITHUB_OUTPUT": str(tmp_path / "output"),
           "GITHUB_REPOSITORY": "example-org/whats-on", "GH_LOG": str(tmp_path / "gh.log"),
           "GH_TOKEN": "fake"}
    return work, temp, env, tmp_path


def run_step(step: dict, work: Path, env: dict, extra: dict | None = None) -> subprocess.CompletedProcess:
    """As GitHub runs a `run:` step: bash -e -o pipefail, with the workflow's env values."""
    step_env = {**env, **{k: str(v) for k, v in (extra or {}).items()}}
    step_env.update({k: str(v) for k, v in step.get("env", {}).items() if "${{" not in str(v)})
    return subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
                          cwd=work, env=step_env, capture_output=True, text=True)


def _outputs(tmp: Path) -> dict[str, str]:
    lines = (tmp / "output").read_text().splitlines()
    return dict(line.split("=", 1) for line in lines)


def _gh_log(tmp: Path) -> list[str]:
    path = tmp / "gh.log"
    return path.read_text().splitlines() if path.exists() else []


def test_staleness_issue_body_is_the_stale_report(runner):
    work, temp, env, tmp = runner
    write = run_step(_step("staleness.yml", "Write the report"), work, env)
    assert write.returncode == 0, write.stderr
    report = subprocess.run([sys.executable, "-m", "generator", "stale", "--format", "markdown"],
                            cwd=work, env=env, capture_output=True, text=True).stdout
    body = (temp / "stale.md").read_text()
    assert body == report
    assert body.startswith("# Listings to re-check")
    assert "@" not in body  # maintainers' handles and e-mails are private: never in the public issue
    assert "[Update this activity](https://whats-on.example.org/add/?activity=" in body

    top = _workflow("staleness.yml")["env"]
    issue = run_step(_step("staleness.yml", "Open the issue or comment on it"), work, env, top)
    assert issue.returncode == 0, issue.stderr
    log = _gh_log(tmp)
    assert log[1].startswith("['issue', 'list', '--repo', 'example-org/whats-on', '--label', 'staleness'")
    assert log[2] == repr(["issue", "create", "--repo", "example-org/whats-on", "--title",
                           "Listings to re-check", "--label", "staleness", "--body-file",
                           str(temp / "stale.md")])
    assert log[3] == "BODY:" + repr(report)


def test_staleness_comments_on_the_open_issue_each_week(runner):
    work, temp, env, tmp = runner
    assert run_step(_step("staleness.yml", "Write the report"), work, env).returncode == 0
    top = _workflow("staleness.yml")["env"]
    done = run_step(_step("staleness.yml", "Open the issue or comment on it"), work, env,
                    {**top, "FAKE_EXISTING_ISSUE": "12"})
    assert done.returncode == 0, done.stderr
    # a new comment notifies everyone watching; editing the body (and clearing ticks) did not
    assert _gh_log(tmp)[2] == repr(["issue", "comment", "12", "--repo", "example-org/whats-on",
                                    "--body-file", str(temp / "stale.md")])


def _issue_env(body: str, labels: str) -> dict:
    return {"ISSUE": "7", "LABELS": labels, "BODY": body}


def test_issue_step_writes_the_listing_and_pr_text(runner):
    work, temp, env, tmp = runner
    body = (ISSUES / "add-fields.md").read_text()
    step = _step("issue-to-pr.yml", "Turn the issue into a listing file")
    done = run_step(step, work, env, _issue_env(body, "listing: new"))
    assert done.returncode == 0, done.stderr
    out = _outputs(tmp)
    assert out == {"ok": "true", "kind": "new", "path": "listings/garston-knit-and-natter.yml"}
    written = (work / out["path"]).read_text()
    assert "  - id: wednesday-knit-and-natter\n" in written
    assert (temp / "pr.md").read_text().startswith("Adds `listings/garston-knit-and-natter.yml`, from #7.")


def test_issue_step_for_a_stopped_activity(runner):
    work, temp, env, tmp = runner
    step = _step("issue-to-pr.yml", "Turn the issue into a listing file")
    done = run_step(step, work, env, _issue_env((ISSUES / "stopped.md").read_text(),
                                                "listing: stopped,good first issue"))
    assert done.returncode == 0, done.stderr
    assert _outputs(tmp)["kind"] == "stopped"
    assert "    status: ended\n" in (work / "listings" / "aigburth-walkers.yml").read_text()


def test_issue_step_for_nothing_has_changed(runner):
    """The "Nothing has changed" form (a reminder e-mail's link) records a check; the sender is
    passed on, so the PR says when they are not one of the group's maintainers."""
    from tests.issue_bodies import body

    work, temp, env, tmp = runner
    step = _step("issue-to-pr.yml", "Turn the issue into a listing file")
    issue = body("checked", activity_id="aigburth-tuesday-walk", checked_by="Jean",
                 all_correct=["I have checked: everything in the listing is still correct"])
    done = run_step(step, work, env, {**_issue_env(issue, "listing: checked"), "AUTHOR": "someone-else"})
    assert done.returncode == 0, done.stderr
    assert _outputs(tmp)["kind"] == "checked"
    pr = (temp / "pr.md").read_text()
    assert pr.startswith("**Check before merging:**\n\n- ⚠ The sender is not one of this group's listed maintainers.")
    assert "Records a check (nothing changed) of `listings/aigburth-walkers.yml`" in pr


def test_issue_with_problems_gets_a_plain_english_comment(runner):
    work, temp, env, tmp = runner
    body = (ISSUES / "add-fields.md").read_text().replace("0151 496 0456", "0151 496")
    step = _step("issue-to-pr.yml", "Turn the issue into a listing file")
    done = run_step(step, work, env, _issue_env(body, "listing: new"))
    assert done.returncode == 0, done.stderr
    assert _outputs(tmp)["ok"] == "false"

    comment = run_step(_step("issue-to-pr.yml", "Tell the sender what to fix"), work, env,
                       _issue_env(body, "listing: new"))
    assert comment.returncode == 1  # the run is marked failed too
    log = _gh_log(tmp)
    assert log[0] == repr(["issue", "comment", "7", "--repo", "example-org/whats-on", "--body-file",
                           str(temp / "comment.md")])
    text = (temp / "comment.md").read_text()
    assert text.startswith("Thank you for sending this. We could not add it yet, because of these problems:")
    assert 'Phone number: "0151 496" is not a UK phone number: it has 7 digits.' in text, text
    assert "listings/" not in text and "activities[" not in text  # the question, not a file path


def test_issue_the_converter_cannot_read_gets_its_message(runner):
    work, temp, env, tmp = runner
    step = _step("issue-to-pr.yml", "Turn the issue into a listing file")
    run_step(step, work, env, _issue_env((ISSUES / "update-bad-id.md").read_text(), "listing: update"))
    assert _outputs(tmp)["ok"] == "false"
    assert (temp / "problems.txt").read_text().startswith('Which activity?: There is no activity "no-such-walk"')


# ---------------------------------------------------------------------------------------------
# The pull-request check of changed listings, in a real git repository


def _git(work: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=work, check=True, capture_output=True, text=True,
                          env={**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
                               "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}).stdout


@pytest.fixture()
def repo(runner):
    work, temp, env, tmp = runner
    _git(work, "init", "-q", "-b", "main")
    _git(work, "add", ".")
    _git(work, "commit", "-q", "-m", "base")
    base = _git(work, "rev-parse", "HEAD").strip()
    return work, env, base


def _pr_check(work: Path, env: dict, base: str) -> subprocess.CompletedProcess:
    return run_step(_step("pull-request.yml", "Validate the changed listings"), work, env, {"BASE_SHA": base})


def test_pr_check_annotates_only_the_changed_listing(repo):
    work, env, base = repo
    walkers = work / "listings" / "aigburth-walkers.yml"
    walkers.write_text(walkers.read_text().replace("on_the_day_phone: 07700 900123",
                                                   "on_the_day_phone: 07700 9001"))
    line = walkers.read_text().splitlines().index("    on_the_day_phone: 07700 9001") + 1
    _git(work, "commit", "-q", "-am", "change")
    done = _pr_check(work, env, base)
    assert done.returncode == 1
    annotations = [line for line in done.stdout.splitlines() if line.startswith("::")]
    assert annotations == [
        f"::error file=listings/aigburth-walkers.yml,line={line},col=23::activities[0].on_the_day_phone: "
        '"07700 9001" is not a UK phone number: it has 9 digits. UK numbers have 11 digits (a few have 10), '
        "like 0151 496 0123 or 07700 900123."
    ]


def test_pr_check_passes_a_good_change_and_skips_when_no_listing_changed(repo):
    work, env, base = repo
    (work / "notes.txt").write_text("not a listing\n")
    _git(work, "add", "notes.txt")
    _git(work, "commit", "-q", "-m", "notes")
    done = _pr_check(work, env, base)
    assert (done.returncode, done.stdout.strip()) == (0, "No listing or settings files changed.")
    walkers = work / "listings" / "aigburth-walkers.yml"
    walkers.write_text(walkers.read_text().replace("last_checked: 2026-09-14", "last_checked: 2026-11-20"))
    _git(work, "commit", "-q", "-am", "checked")
    done = _pr_check(work, env, base)
    assert done.returncode == 0, done.stdout + done.stderr


def test_pr_check_validates_everything_when_venues_change(repo):
    work, env, base = repo
    venues = work / "listings" / "venues.yml"
    venues.write_text(venues.read_text().replace("  - id: st-annes-hall\n", "  - id: st-annes-church-hall\n", 1))
    _git(work, "commit", "-q", "-am", "rename venue")
    done = _pr_check(work, env, base)
    assert done.returncode == 1
    assert "Shared venues or settings changed: checking every listing." in done.stdout
    assert "::error file=listings/aigburth-walkers.yml" in done.stdout


def test_a_listing_file_with_a_name_on_two_lines_is_refused_before_any_pull_request(runner):
    """Issue 12: the form's "Listing file" field took a name on two lines, which then broke the
    calendar build. The read-only job now stops it, with the line to fix."""
    work, temp, env, tmp = runner
    body = (ISSUES / "update-from-form.md").read_text().replace(
        "    name: Saturday Stroll round Sefton Park\n", '    name: "Saturday\\nStroll round Sefton Park"\n')
    assert '"Saturday\\nStroll' in body
    done = run_step(_step("issue-to-pr.yml", "Turn the issue into a listing file"), work, env,
                    _issue_env(body, "listing: update"))
    assert done.returncode == 0, done.stderr
    assert _outputs(tmp)["ok"] == "false"
    problems = (temp / "problems.txt").read_text()
    assert problems.startswith("Name of the activity: This must be on one line, but it has a line "
                               "break after \"Saturday\"."), problems
    assert not (temp / "listing.yml").exists()


def test_every_job_that_installs_debian_packages_installs_what_a_build_needs():
    """The Makefile's DEBIAN_RUNTIME (fonts, liblouis, espeak-ng, ffmpeg, lunr.js) is what a build
    needs: a workflow job that builds without them would fail on GitHub, not here."""
    runtime = re.search(r"^DEBIAN_RUNTIME := (.*)$", (ROOT / "Makefile").read_text(), re.M).group(1).split()
    for path in sorted((ROOT / ".github" / "workflows").glob("*.yml")):
        for line in path.read_text().splitlines():
            if "apt-get install" in line:
                missing = [p for p in runtime if p not in line.split()]
                assert not missing, f"{path.name}: {line.strip()} lacks {missing}"
