"""Smoke test of the frozen app (PyInstaller build from packaging/build.sh).

Skipped unless EWO_DESK_FROZEN_APP names the built executable, so `make test` stays fast:

    bash packaging/build.sh
    EWO_DESK_FROZEN_APP=dist/ewo-desk/ewo-desk \
        .venv/bin/python -m pytest tests/frozen -m slow -p no:xdist

Everything runs headless against a temporary data folder: offscreen Qt, the null keyring (so the
officer's real keychain is never touched), the passphrase from EWO_DESK_PASSPHRASE. What it proves
is that the bundle has what the source tree has: the SQLCipher driver, the Alembic scripts (init
migrates), the `holidays` calendar (demo), the fonts and letter templates (a letter), Pillow
(a PNG logo on that letter), and the Qt plugins (the app opens its first window).
"""

from __future__ import annotations

import json
import os
import signal
import struct
import subprocess
import sys
import time
import zlib
from pathlib import Path

import pytest

from ewo_desk import __version__

FROZEN = os.environ.get("EWO_DESK_FROZEN_APP", "")
PASSPHRASE = "frozen smoke test passphrase 7"
# Values for the letter's `asks:` by type, for any template the test picks.
ASK_VALUES = {"date": "2026-12-01", "percent": "82.5", "number": "3", "money": "60.00"}
NAMED_VALUES = {"meeting_date": "2026-12-01", "meeting_time": "10:00", "meeting_place": "School"}

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not FROZEN, reason="set EWO_DESK_FROZEN_APP to the built executable"),
]


@pytest.fixture(scope="module")
def app() -> Path:
    path = Path(FROZEN).resolve()
    assert path.is_file(), f"EWO_DESK_FROZEN_APP={FROZEN} is not a file"
    return path


def frozen_env(data_dir: Path, **extra: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        # nothing from the test's own Python may leak into the frozen interpreter
        if not k.startswith(("PYTHON", "EWO_DESK_", "QT_")) and k not in {"VIRTUAL_ENV", "DISPLAY"}
    }
    env.update(
        QT_QPA_PLATFORM="offscreen",
        PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring",
        EWO_DESK_DATA_DIR=str(data_dir),
        EWO_DESK_PASSPHRASE=PASSPHRASE,
        LC_ALL=os.environ.get("LC_ALL", "C.UTF-8"),
    )
    env.update(extra)
    return env


def run(app: Path, data_dir: Path, *args: str, timeout: float = 180) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [str(app), *args],
        env=frozen_env(data_dir),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
        cwd=data_dir.parent,
    )
    assert result.returncode == 0, (
        f"ewo-desk {' '.join(args)} exited {result.returncode}\n"
        f"--- stdout\n{result.stdout[-3000:]}\n--- stderr\n{result.stderr[-3000:]}"
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result


@pytest.fixture(scope="module")
def demo_vault(app: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """init, demo and check on a fresh data folder, each exiting 0."""
    data_dir = tmp_path_factory.mktemp("frozen") / "data"
    created = run(app, data_dir, "init", "--officer", "Smoke Test", "--council", "Testshire")
    assert "recovery code" in created.stdout.lower()
    assert (data_dir / "caseload.db").is_file()
    run(app, data_dir, "demo")
    checked = run(app, data_dir, "check")
    assert "OK" in checked.stdout
    return data_dir


def test_version(app: Path, tmp_path: Path) -> None:
    result = run(app, tmp_path / "data", "--version")
    assert result.stdout.strip() == f"EWO Desk {__version__}"


def test_init_demo_check(demo_vault: Path) -> None:
    # The fixture did the work; the migration scripts ran from the bundle (no backups needed
    # for a new caseload, and the schema check in `check` passed).
    assert (demo_vault / "caseload.keys.json").is_file()
    assert (demo_vault / "logs" / "ewo-desk.log").is_file()


def test_cases_json(app: Path, demo_vault: Path) -> None:
    cases = json.loads(run(app, demo_vault, "cases", "--json").stdout)
    assert len(cases) >= 10
    assert all(case["ref"] for case in cases)


def tiny_png(path: Path) -> Path:
    """A 4x4 red PNG, written without Pillow so only the frozen app's Pillow reads it."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(b"\x00" + b"\xff\x00\x00" * 4 for _ in range(4))
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 4, 4, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )
    return path


def test_letter_pdf(app: Path, demo_vault: Path, tmp_path: Path) -> None:
    template = "attendance_meeting_invitation"
    letters = {t["name"]: t for t in json.loads(run(app, demo_vault, "letters", "--json").stdout)}
    assert template in letters, sorted(letters)
    ref = json.loads(run(app, demo_vault, "cases", "--json").stdout)[0]["ref"]
    args = ["letter", ref, template, "--out", str(tmp_path / "x.pdf")]
    if letters[template]["to"] == "parent":
        case = json.loads(run(app, demo_vault, "case", ref, "--json").stdout)
        args += ["--parent", str(case["parents"][0]["id"])]
    for ask in letters[template]["asks"]:
        if ask["optional"]:
            continue
        value = NAMED_VALUES.get(ask["name"]) or (
            ask["choices"][0] if ask["choices"] else ASK_VALUES.get(ask["type"], "Smoke test")
        )
        args += ["--set", f"{ask['name']}={value}"]
    # A PNG logo goes through the bundled Pillow and reportlab's image code.
    run(app, demo_vault, "council", "set", "--logo", str(tiny_png(tmp_path / "logo.png")))
    run(app, demo_vault, *args)
    pdf = (tmp_path / "x.pdf").read_bytes()
    assert pdf.startswith(b"%PDF"), pdf[:20]
    assert len(pdf) > 2000


@pytest.mark.parametrize("with_caseload", [False, True], ids=["first-run", "unlock"])
def test_gui_starts(app: Path, demo_vault: Path, tmp_path: Path, with_caseload: bool) -> None:
    """`ewo-desk` with no command opens its first window (set-up, or unlock) and quits cleanly.

    EWO_DESK_SMOKE_EXIT=1 asks run_gui to quit by itself once the first window is shown. Where the
    app does not honour it, the test waits for the app's "UI font" log line (written once
    QApplication exists and is configured), gives the first window two seconds, and sends SIGINT,
    which run_gui maps to a clean quit.
    """
    data_dir = demo_vault if with_caseload else tmp_path / "empty"
    log = data_dir / "logs" / "ewo-desk.log"
    before = log.read_text(encoding="utf-8") if log.exists() else ""
    proc = subprocess.Popen(
        [str(app)],
        env=frozen_env(data_dir, EWO_DESK_SMOKE_EXIT="1"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        cwd=tmp_path,
    )
    try:
        deadline = time.monotonic() + 60
        while proc.poll() is None and time.monotonic() < deadline:
            text = log.read_text(encoding="utf-8") if log.exists() else ""
            if "UI font" in text[len(before) :]:
                time.sleep(2)
                break
            time.sleep(0.1)
        if proc.poll() is None:
            if sys.platform == "win32":
                pytest.fail("the app did not quit by itself: it needs EWO_DESK_SMOKE_EXIT=1 here")
            proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 0, f"exit {proc.returncode}\n{out[-2000:]}\n{err[-3000:]}"
    assert "Traceback" not in err, err
    assert "Could not load the Qt platform plugin" not in err, err
    assert "UI font" in log.read_text(encoding="utf-8")[len(before) :]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the session lock on D-Bus")
def test_the_linux_bundle_can_hear_the_session_lock_and_shape_names(app):
    """QtDBus (ui/autolock.py) and uharfbuzz (PDF shaping) are imported lazily: check they are
    in the bundle, since the smoke run never reaches either."""
    internal = app.parent / "_internal"
    assert list((internal / "PySide6").glob("QtDBus*")), "QtDBus was trimmed"
    assert (internal / "uharfbuzz").is_dir() and (internal / "pypdfium2_raw").is_dir()
