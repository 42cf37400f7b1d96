"""The start of the officer's journey, end to end: set-up → caseload → lock → unlock → quit."""

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWizard

from ewo_desk.store.vault import Vault
from ewo_desk.ui.controller import AppController
from tests.conftest import PASSPHRASE
from tests.gui.test_first_run import create_vault, finish_profile


def close_all(controller: AppController) -> None:
    """The controller owns its windows (and deletes them itself); tidy up what is left."""
    for widget in (controller.wizard, controller.unlock_dialog, controller.window):
        if widget is not None:
            widget.hide()
            widget.deleteLater()
    controller.shutdown()


def test_first_run_then_lock_unlock_and_quit(qtbot, paths):
    quits: list[bool] = []
    controller = AppController(paths, quit=lambda: quits.append(True))
    controller.start()
    wizard = controller.wizard
    assert wizard is not None and wizard.isVisible()

    create_vault(qtbot, wizard)
    finish_profile(wizard)
    wizard.button(QWizard.WizardButton.FinishButton).click()
    qtbot.waitUntil(lambda: controller.window is not None)
    window = controller.window
    assert window.isVisible() and window.count_label.text() == "No cases"
    assert "Zoë Adeyemi" in window.windowTitle()

    QGuiApplication.clipboard().setText("case data")
    window.lock_action.trigger()
    assert controller.vault is None and controller.window is None and not window.isVisible()
    assert QGuiApplication.clipboard().text() == ""
    assert not quits
    dialog = controller.unlock_dialog
    assert dialog is not None and dialog.isVisible()

    dialog.passphrase.setText(PASSPHRASE)
    dialog.unlock_button.click()
    qtbot.waitUntil(lambda: controller.window is not None)
    assert controller.vault is not None

    controller.window.quit_action.trigger()
    assert quits == [True] and controller.vault is None
    close_all(controller)


def test_existing_caseload_starts_at_unlock_and_quit_there_ends_the_app(qtbot, paths):
    Vault.create(paths, PASSPHRASE)[0].close()
    quits: list[bool] = []
    controller = AppController(paths, quit=lambda: quits.append(True))
    controller.start()
    dialog = controller.unlock_dialog
    assert controller.wizard is None and dialog is not None and dialog.isVisible()
    dialog.quit_button.click()
    assert quits == [True] and controller.window is None
    close_all(controller)


def test_keyring_policy_skips_the_unlock_dialog(qtbot, paths):
    vault, _code = Vault.create(paths, PASSPHRASE)
    vault.allow_keyring_unlock(True, PASSPHRASE)
    vault.close()
    controller = AppController(paths, quit=lambda: None)
    controller.start()
    assert controller.window is not None and controller.vault is not None
    close_all(controller)
    assert controller.vault is None


def test_run_gui_starts_and_ends_with_the_event_loop(qapp, paths, monkeypatch):
    from PySide6.QtCore import QTimer

    from ewo_desk.ui import app as app_module
    from ewo_desk.ui.unlock import UnlockDialog

    Vault.create(paths, PASSPHRASE)[0].close()
    seen: list[str] = []

    def quit_when_asked() -> None:
        for widget in qapp.topLevelWidgets():
            if isinstance(widget, UnlockDialog) and widget.isVisible():
                seen.append(widget.windowTitle())
                widget.quit_button.click()

    poll = QTimer()
    poll.timeout.connect(quit_when_asked)
    poll.start(5)
    try:
        assert app_module.run_gui(paths, ["ewo-desk"]) == 0
    finally:
        poll.stop()
        qapp.setQuitOnLastWindowClosed(True)
    assert seen == ["Unlock EWO Desk"]
    assert qapp.applicationName() == "EWO Desk"
