"""The app as `make run` starts it: a real process, offscreen, on an empty data folder."""

import os
import subprocess
import sys


def test_the_app_starts_and_shows_its_first_window(tmp_path):
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "EWO_DESK_SMOKE_EXIT": "1",  # run_gui exits 0 once a window is visible, else 3
        "EWO_DESK_DATA_DIR": str(tmp_path / "data"),
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",  # never the real keychain
    }
    done = subprocess.run(
        [sys.executable, "-m", "ewo_desk"], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert not (tmp_path / "data" / "caseload.db").exists()  # nothing made before the officer asks
