import pytest

from ewo_desk.store.vault import Vault
from ewo_desk.ui.unlock import UnlockDialog
from tests.conftest import PASSPHRASE

NEW_PASSPHRASE = "a brand new kettle sings"


@pytest.fixture
def recovery_code(paths):
    vault, code = Vault.create(paths, PASSPHRASE)
    vault.close()
    return code


@pytest.fixture
def dialog(qtbot, paths, recovery_code):
    dialog = UnlockDialog(paths)
    qtbot.addWidget(dialog)
    dialog.show()
    yield dialog
    if dialog.vault is not None:
        dialog.vault.close()


def test_wrong_then_right_passphrase(qtbot, dialog):
    dialog.passphrase.setText("not my passphrase at all")
    dialog.unlock_button.click()
    qtbot.waitUntil(lambda: dialog.error_label.isVisible())
    assert "does not open this caseload" in dialog.error_label.text()
    assert dialog.isVisible() and dialog.vault is None
    assert dialog.passphrase.isEnabled()

    dialog.passphrase.setText(PASSPHRASE)
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        qtbot.keyClick(dialog.passphrase, "\r")
    assert dialog.vault is not None
    assert dialog.passphrase.text() == ""


def test_empty_passphrase_is_explained(dialog):
    dialog.unlock_button.click()
    assert dialog.error_label.text() == "Type your passphrase first."


def test_recovery_code_sets_a_new_passphrase(qtbot, dialog, paths, recovery_code):
    dialog.recovery_button.click()
    recovery = dialog.recovery_dialog
    assert recovery is not None and recovery.isVisible()
    recovery.code.setText(recovery_code.lower().replace("-", " "))  # forgiving input
    assert not recovery.unlock_button.isEnabled()
    recovery.new_passphrase.first.setText(NEW_PASSPHRASE)
    recovery.new_passphrase.second.setText(NEW_PASSPHRASE)
    assert recovery.unlock_button.isEnabled()
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        recovery.unlock_button.click()
    assert dialog.vault is not None and not recovery.isVisible()
    dialog.vault.close()
    dialog.vault = None
    Vault.open_with_passphrase(paths, NEW_PASSPHRASE).close()


def test_wrong_recovery_code_keeps_the_dialog_open(qtbot, dialog):
    dialog.recovery_button.click()
    recovery = dialog.recovery_dialog
    recovery.code.setText("AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH")
    recovery.new_passphrase.first.setText(NEW_PASSPHRASE)
    recovery.new_passphrase.second.setText(NEW_PASSPHRASE)
    recovery.unlock_button.click()
    qtbot.waitUntil(lambda: recovery.error_label.isVisible())
    assert "recovery code does not open" in recovery.error_label.text()
    assert recovery.isVisible() and dialog.isVisible() and dialog.vault is None


def test_keyring_opens_when_policy_allows(qtbot, paths):
    vault, _code = Vault.create(paths, PASSPHRASE)
    vault.allow_keyring_unlock(True, PASSPHRASE)
    vault.close()
    dialog = UnlockDialog(paths)
    qtbot.addWidget(dialog)
    assert dialog.try_keyring()
    assert dialog.vault is not None
    dialog.vault.close()


def test_keyring_unavailable_shows_why_above_the_passphrase(qtbot, paths, memory_keyring):
    vault, _code = Vault.create(paths, PASSPHRASE)
    vault.allow_keyring_unlock(True, PASSPHRASE)
    vault.close()
    memory_keyring.secrets.clear()
    dialog = UnlockDialog(paths)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.try_keyring()
    assert dialog.keyring_label.isVisible()
    assert "Enter your passphrase" in dialog.keyring_label.text()
    assert not dialog.error_label.isVisible()


def test_policy_default_asks_for_the_passphrase_without_a_notice(qtbot, dialog):
    assert not dialog.try_keyring()
    assert not dialog.keyring_label.isVisible()
