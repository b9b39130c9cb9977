"""python -m generator linkcheck [SITE]"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator.linkcheck import check_site

HELP = "Check the links inside a built site: every linked page, file and #fragment exists."


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("site", nargs="?", type=Path, default=Path("site"), metavar="SITE",
                   help="the built site folder (default: site)")


def run(args: argparse.Namespace) -> int:
    if not (args.site / "index.html").exists():
        print(f"{args.site}/index.html is missing: build the site first (python -m generator build).",
              file=sys.stderr)
        return 2
    broken, pages, links = check_site(args.site)
    for problem in broken:
        print(problem)
    if broken:
        print(f"{len(broken)} broken link(s) in {pages} pages ({links} links checked).", file=sys.stderr)
        return 1
    print(f"All {links} links in {pages} pages work.", file=sys.stderr)
    return 0
