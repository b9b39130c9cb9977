"""A lighter `Loaded` for worker processes to send back to the main one.

Sending every value's position of 10,000 files between processes costs seconds. The main process
only needs a few of them for a good file: where each activity and its id are (for the page's
source line and duplicate-id messages) and where an inline venue is (for transport warnings).
`SlimLoaded` keeps just those (and the top two levels); asking for any other position reads the file again, once, so the
answer is exactly what the full `Loaded` would say.
"""

from __future__ import annotations

from pathlib import Path

from generator.yaml_load import Loaded, Path_, load_file


def _keep(path: Path_) -> bool:
    return len(path) <= 2 or (path[0] == "activities" and path[2] in ("id", "where"))


class SlimLoaded(Loaded):
    def __init__(self, loaded: Loaded, file: Path):
        super().__init__(
            loaded.data,
            {p: v for p, v in loaded.positions.items() if _keep(p)},
            {p: v for p, v in loaded.key_positions.items() if _keep(p)},
        )
        self.file = file
        self._full: Loaded | None = None

    def where(self, path: Path_, *, key: bool = False) -> tuple[int, int]:
        path = tuple(path)
        if path in (self.key_positions if key else self.positions):
            return (self.key_positions if key else self.positions)[path]
        if self._full is None:
            self._full = load_file(self.file)
        return self._full.where(path, key=key)
