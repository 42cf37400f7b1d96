"""After `demo`, nothing personal lies in plain text anywhere in the data folder."""

import json

import pytest

from ewo_desk.cli import main
from tests.conftest import PASSPHRASE

pytest.importorskip("ewo_desk.demo")


def test_demo_leaves_no_plaintext_in_the_data_folder(paths, monkeypatch, capsys):
    from ewo_desk import demo

    written: list[str] = []
    real = demo.populate

    def spy(session, **kwargs):
        summary = real(session, **kwargs)
        written.extend(summary.names)
        return summary

    monkeypatch.setattr(demo, "populate", spy)
    monkeypatch.setenv("EWO_DESK_PASSPHRASE", PASSPHRASE)
    assert main(["init", "--officer", "Zoë Adeyemi"]) == 0
    assert main(["demo"]) == 0
    capsys.readouterr()
    assert main(["cases", "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) >= 35

    # 5+ bytes: a 4-byte word turns up by chance in megabytes of ciphertext about 1 run in 800.
    needles = {n.encode("utf-8") for name in written for n in name.split() if len(n.encode()) >= 5}
    needles |= {name.encode("utf-8") for name in written}
    assert len(needles) > 50
    files = [f for f in paths.root.rglob("*") if f.is_file()]
    names = {f.name for f in files}
    assert {"caseload.db", "caseload.keys.json", "ewo-desk.log"} <= names
    # The database key, in any spelling, appears nowhere either (only wrapped, in the key file).
    from ewo_desk.store.keyslots import KeySlots

    key = KeySlots.from_bytes(paths.keyslots.read_bytes()).unlock_with_passphrase(PASSPHRASE)
    needles |= {key, key.hex().encode(), key.hex().upper().encode()}
    for f in files:
        data = f.read_bytes()
        assert b"SQLite format 3" not in data, f
        found = sorted(repr(n) for n in needles if n in data)
        assert not found, f"{f.name} holds {found[:5]}"
