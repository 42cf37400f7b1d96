"""Where the files shipped with EWO Desk live: fonts, the default letter templates.

These are read-only program files, never the officer's data folder (only ewo_desk.store opens
files there). A frozen build (PyInstaller) unpacks them next to the program.
"""

from __future__ import annotations

import sys
from pathlib import Path


def program_root() -> Path:
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    return Path(__file__).resolve().parents[2]


def fonts_dir() -> Path:
    return program_root() / "resources" / "fonts"


def shipped_templates_dir() -> Path:
    return program_root() / "letter_templates"
