"""Owner-only files and folders, and atomic replacement, for everything in the data folder."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

DIR_MODE = 0o700
FILE_MODE = 0o600


def ensure_private_dir(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
    restrict(path)
    return path


def restrict(path: Path) -> None:
    """0700 for folders, 0600 for files. A no-op where POSIX modes mean nothing (Windows)."""
    if os.name != "posix" or not path.exists():
        return
    os.chmod(path, DIR_MODE if path.is_dir() else FILE_MODE)


def atomic_write(path: Path, data: bytes) -> None:
    """Write all of `data` or nothing: temp file in the same folder, fsync, rename over."""
    ensure_private_dir(path.parent)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        restrict(Path(tmp))
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    _fsync_dir(path.parent)


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
