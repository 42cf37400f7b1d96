"""Where EWO Desk keeps its files. One place decides, so tests and portable installs never touch
the real profile: `--data-dir` beats `EWO_DESK_DATA_DIR` beats the platformdirs user data folder."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "EWO Desk"
ENV_DATA_DIR = "EWO_DESK_DATA_DIR"


@dataclass(frozen=True)
class DataPaths:
    root: Path

    @property
    def database(self) -> Path:
        return self.root / "caseload.db"

    @property
    def keyslots(self) -> Path:
        return self.root / "caseload.keys.json"

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    @property
    def logs(self) -> Path:
        return self.root / "logs"


def resolve_data_dir(explicit: str | os.PathLike[str] | None = None) -> DataPaths:
    if explicit:
        return DataPaths(Path(explicit).expanduser().resolve())
    env = os.environ.get(ENV_DATA_DIR)
    if env:
        return DataPaths(Path(env).expanduser().resolve())
    return DataPaths(Path(platformdirs.user_data_dir(APP_NAME, appauthor=False, roaming=False)))
