"""SIGKILL the writer at random moments: nothing acknowledged is lost, nothing is half-written."""

import os

import pytest

from tests.conftest import PASSPHRASE
from tests.crash_harness import prepare, run

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")


def test_acknowledged_writes_survive_sigkill(tmp_path):
    paths = prepare(tmp_path / "vault", PASSPHRASE)
    report = run(paths, PASSPHRASE, kills=12, seed=7)
    assert report.kills == 12 and report.recoveries == 12
    assert report.acknowledged > 0, "the writer never got a write acknowledged"
    assert report.lost == []
    assert report.problems == []
