"""Time `import hsds` on a synthetic directory's own export (JSON folder, then tabular alone).

    python -m generator fake --count 1000 --out /tmp/fake1000/listings
    python -m generator export hsds /tmp/fake1000/hsds --listings /tmp/fake1000/listings
    python scripts/bench_import.py /tmp/fake1000/hsds
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.directory import load_config
from generator.opendata import hsds_import, importing


def main() -> None:
    source = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/fake1000/hsds")
    config_dir = Path("site_config")
    config = load_config(config_dir)
    for name, folder in (("json + tabular folder", source), ("tabular package alone", source / "tabular")):
        started = time.perf_counter()
        found = hsds_import.read_source(folder)
        read = time.perf_counter()
        records = [r for r in hsds_import.records(found.services, config) if not isinstance(r, tuple)]
        converted = time.perf_counter()
        with tempfile.TemporaryDirectory() as tmp:
            report = importing.run(records, Path(tmp) / "listings", config_dir, config)
        done = time.perf_counter()
        print(f"{name}: {len(found.services)} services read {read - started:.1f}s, converted "
              f"{converted - read:.1f}s, built + written + validated {done - converted:.1f}s; "
              f"{len(report.written)} listing files, total {done - started:.1f}s")


if __name__ == "__main__":
    main()
