"""python -m generator schema [--check]"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator import schema_export

HELP = "Write the JSON Schema files in schema/ from the models (--check: fail if out of date)."


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--out", type=Path, default=Path("schema"), metavar="DIR",
                   help="folder for the schema files (default: schema)")
    p.add_argument("--check", action="store_true",
                   help="write nothing; exit 1 if any schema file is missing or out of date")


def run(args: argparse.Namespace) -> int:
    if args.check:
        stale = schema_export.out_of_date(args.out)
        for path in stale:
            print(f"{path}: out of date. Run: python -m generator schema", file=sys.stderr)
        if stale:
            return 1
        print(f"All {len(schema_export.schemas())} schema files are up to date.", file=sys.stderr)
        return 0
    changed = schema_export.write(args.out)
    for path in changed:
        print(f"Wrote {path}")
    if not changed:
        print(f"All {len(schema_export.schemas())} schema files were already up to date.", file=sys.stderr)
    return 0
