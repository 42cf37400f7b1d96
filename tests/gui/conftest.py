"""GUI fixtures: the app styled as in production, and prompts that fail loudly if not answered."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings

from ewo_desk.ui import prompts


@pytest.fixture(autouse=True)
def private_settings(tmp_path_factory):
    """QSettings (the appearance choice) go to a temporary folder, never the user's config."""
    folder = str(tmp_path_factory.mktemp("qsettings"))
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, folder)


@pytest.fixture(autouse=True)
def configured_app(qapp, private_settings):
    from ewo_desk.ui.app import configure_application

    configure_application(qapp)
    return qapp


@pytest.fixture(autouse=True)
def no_real_prompts(monkeypatch):
    """A test that reaches a standard dialog it did not answer fails instead of hanging."""

    def unexpected(*args, **kwargs):
        raise AssertionError(f"unexpected dialog: {args[1:3]!r}")

    for name in ("inform", "warn", "confirm", "ask_text", "save_path", "choose_printer",
                 "open_paths", "open_path"):
        monkeypatch.setattr(prompts, name, unexpected)


@pytest.fixture
def quit_calls():
    return []
