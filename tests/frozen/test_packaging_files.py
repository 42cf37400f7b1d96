"""Fast checks of the packaging files (no build needed; these run in `make test`).

They catch the drift a build would only show later: a version bump that misses the Windows
version resource, a migration or data file the spec does not bundle, an installer that would
delete the officer's caseload.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from ewo_desk import __version__
from ewo_desk.documents import resources
from ewo_desk.store import migrate

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
SPEC = (PACKAGING / "ewo_desk.spec").read_text(encoding="utf-8")
ISS = (PACKAGING / "windows" / "ewo-desk.iss").read_text(encoding="utf-8")


def spec_datas() -> list[tuple[str, str]]:
    """(source glob relative to the repo root, destination) for each `ROOT / "..."` data entry."""
    return re.findall(r'\(str\(ROOT / "([^"]+)"\), "([^"]+)"\)', SPEC)


def test_version_resource_matches_the_app() -> None:
    text = re.sub(r"\s+", "", (PACKAGING / "windows" / "version_info.txt").read_text("utf-8"))
    numbers = ",".join((__version__.split(".") + ["0"] * 4)[:4])
    assert f"filevers=({numbers})" in text
    assert f"prodvers=({numbers})" in text
    assert f"'FileVersion','{__version__}'" in text
    assert f"'ProductVersion','{__version__}'" in text


def test_changelog_names_the_version() -> None:
    assert f"## [{__version__}]" in (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")


def test_every_migration_file_is_bundled() -> None:
    datas = spec_datas()
    package_dir = ROOT / "ewo_desk"
    for path in migrate.SCRIPTS.rglob("*"):
        if path.is_dir() or "__pycache__" in path.parts:
            continue
        rel = path.relative_to(ROOT).as_posix()
        if path.name == "__init__.py":
            continue  # a module: frozen with the code
        covered = [
            dest
            for src, dest in datas
            if Path(rel).match(src) and dest == Path(rel).parent.as_posix()
        ]
        assert covered, f"{rel} is not bundled as data by packaging/ewo_desk.spec"
    # Frozen, migrate.py finds the scripts next to itself: the destination mirrors the package.
    assert migrate.SCRIPTS.relative_to(package_dir.parent).as_posix() == "ewo_desk/store/migrations"


@pytest.mark.parametrize(
    ("finder", "source"),
    [
        (resources.fonts_dir, "resources/fonts"),
        (resources.shipped_templates_dir, "letter_templates"),
    ],
)
def test_shipped_files_land_where_resources_looks(monkeypatch, tmp_path, finder, source) -> None:
    datas = spec_datas()
    assert any(src.startswith(source + "/") and dest == source for src, dest in datas), source
    assert any((ROOT / source).iterdir())
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert finder() == tmp_path / source


def test_sqlcipher_driver_is_an_explicit_hidden_import() -> None:
    assert '"sqlcipher3"' in SPEC and '"sqlcipher3.dbapi2"' in SPEC


def test_installer_is_per_user_and_leaves_the_caseload() -> None:
    assert re.search(r"^PrivilegesRequired=lowest$", ISS, re.M)
    assert not re.search(r"^\[UninstallDelete\]", ISS, re.M)
    # The program folder and the data folder (platformdirs: %LOCALAPPDATA%\EWO Desk) differ.
    assert re.search(r"^DefaultDirName=\{autopf\}\\", ISS, re.M)
    for line in re.findall(r"^Type: .*$", ISS, re.M):
        assert 'Name: "{app}\\' in line, line


def test_desktop_entry_matches_the_app() -> None:
    entry = (PACKAGING / "linux" / "ewo-desk.desktop").read_text(encoding="utf-8")
    assert "\nExec=ewo-desk\n" in entry
    assert "\nType=Application\n" in entry
