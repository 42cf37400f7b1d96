"""Render every main screen of the app to PNG files, with made-up data (the demo caseload).

    make screenshots        (under Xvfb, into docs/screenshots)
    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/shots.py [OUT_DIR]   (default /tmp/shots)

Uses a throwaway data folder and an in-memory keyring; never the real profile or keychain.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.null.Keyring"
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import keyring  # noqa: E402
from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from ewo_desk.paths import DataPaths  # noqa: E402
from ewo_desk.store import vault as vault_module  # noqa: E402
from ewo_desk.store.keyslots import ScryptCost  # noqa: E402
from ewo_desk.store.vault import Vault  # noqa: E402
from ewo_desk.ui.app import configure_application  # noqa: E402
from ewo_desk.ui.first_run import FirstRunWizard  # noqa: E402
from ewo_desk.ui.main_window import MainWindow  # noqa: E402
from ewo_desk.ui.unlock import UnlockDialog  # noqa: E402
from tests.conftest import MemoryKeyring  # noqa: E402
from tests.gui.sample_cases import add_sample_cases  # noqa: E402

PASSPHRASE = "correct horse battery staple"


def settle(ms: int = 50) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def wait_for(condition: object, timeout_ms: int = 20_000) -> None:
    waited = 0
    while not condition() and waited < timeout_ms:  # type: ignore[operator]
        settle(20)
        waited += 20


def shot(widget: QWidget, out: Path, name: str) -> None:
    settle()
    widget.grab().save(str(out / f"{name}.png"))
    print(out / f"{name}.png")


def first_run(out: Path, paths: DataPaths) -> None:
    wizard = FirstRunWizard(paths)
    wizard.show()
    shot(wizard, out, "01-welcome")
    wizard.next()
    pair = wizard.passphrase_page.new_passphrase
    pair.first.setText("bluecats")
    shot(wizard, out, "02-passphrase-short")
    pair.first.setText(PASSPHRASE)
    pair.second.setText(PASSPHRASE)
    shot(wizard, out, "03-passphrase-ok")
    wizard.next()
    wait_for(lambda: wizard.currentId() == 2)
    shot(wizard, out, "04-recovery-code")
    wizard.recovery_page.stored_box.setChecked(True)
    wizard.next()
    wizard.profile_page.officer_name.setText("Zoë Adeyemi")
    wizard.profile_page.council_name.setText("Northbridge Council")
    shot(wizard, out, "05-profile")
    wizard.next()
    shot(wizard, out, "06-demo")
    assert wizard.vault is not None
    wizard.vault.close()
    wizard.hide()


def unlock(out: Path, paths: DataPaths) -> None:
    dialog = UnlockDialog(paths)
    dialog.show()
    shot(dialog, out, "07-unlock")
    dialog.passphrase.setText("wrong passphrase")
    dialog.try_passphrase()
    wait_for(dialog.error_label.isVisible)
    shot(dialog, out, "08-unlock-wrong")
    dialog.keyring_label.setText(
        "The system keyring is locked or no longer holds this caseload's key. "
        "Enter your passphrase."
    )
    dialog.keyring_label.setVisible(True)
    dialog.error_label.setVisible(False)
    shot(dialog, out, "09-unlock-keyring-notice")
    dialog.open_recovery()
    recovery = dialog.recovery_dialog
    assert recovery is not None
    recovery.code.setText("ABCD-EFGH")
    recovery.new_passphrase.first.setText("a brand new kettle")
    shot(recovery, out, "10-recovery-dialog")
    recovery.hide()
    dialog.hide()


def main_window(out: Path, paths: DataPaths) -> None:
    vault = Vault.open_with_passphrase(paths, PASSPHRASE)
    window = MainWindow(vault)
    window.show()
    if window.model.rowCount() == 0:
        add_sample_cases(vault)
        window.reload()
    shot(window, out, "11-caseload")
    window.search.setText("nb3")
    shot(window, out, "12-caseload-search")
    window.search.setText("nobody")
    shot(window, out, "13-caseload-no-match")
    window.search.clear()
    window.close_for_lock()
    vault.close()


def app_screens(out: Path, paths: DataPaths) -> None:
    """The screens an officer lives in, on the synthetic demo caseload."""
    from datetime import date

    from ewo_desk.ui import appearance, setup_actions
    from ewo_desk.ui.attendance import ImportDialog
    from ewo_desk.ui.documents import LetterDialog
    from ewo_desk.ui.settings_dialog import SettingsDialog
    from ewo_desk.ui.visit_form import VisitForm

    vault, _code = Vault.create(paths, PASSPHRASE)
    print(setup_actions.load_demo(vault, date.today()))
    window = MainWindow(vault)
    window.resize(1280, 800)
    window.show()
    wait_for(lambda: window.my_work is not None)
    window.show_my_work()
    shot(window, out, "20-my-work")
    window.show_caseload()
    shot(window, out, "21-caseload")
    workspace = window.open_case("EWO-2025-0004")  # Tèmítọ́pẹ́ Adébáyọ̀
    shot(window, out, "22-case-chronology")
    workspace.tabs.setCurrentWidget(workspace.pathway)
    shot(window, out, "23-case-legal-pathway")
    workspace.tabs.setCurrentWidget(workspace.attendance)
    shot(window, out, "24-case-attendance")
    workspace.tabs.setCurrentWidget(workspace.people)
    shot(window, out, "25-case-people")
    czech = window.open_case("EWO-2026-0017")  # Matěj Dvořák
    czech.record_step()
    assert czech.step_dialog is not None
    shot(czech.step_dialog, out, "26-record-step")
    czech.step_dialog.reject()
    letter = LetterDialog(vault, "EWO-2026-0017", template="attendance_meeting_invitation")
    letter.resize(1100, 760)
    letter.show()
    editors = {field.ask.name: field.editor for field in letter.fields}
    editors["meeting_time"].setPlainText("10:00 am")
    editors["meeting_place"].setPlainText("Meeting room 2, St Aidan's Catholic Primary School")
    wait_for(lambda: letter.generate_button.isEnabled())
    shot(letter, out, "27-new-letter")
    letter.hide()
    czech.tabs.setCurrentWidget(czech.documents)
    shot(window, out, "28-case-documents")
    form = VisitForm(vault, "EWO-2026-0017")
    form.show()
    shot(form, out, "29-home-visit")
    form.hide()
    sample = ROOT / "tests" / "data" / "attendance" / "register_sample.csv"
    dialog = ImportDialog(vault, path=sample)
    dialog.show()
    settle(1500)  # the preview is made off the GUI thread
    shot(dialog, out, "30-import-preview")
    dialog.hide()
    from ewo_desk.ui.plan_dialog import PlanDialog
    from ewo_desk.ui.referral_dialog import ReferralDialog

    plan = PlanDialog(vault, "EWO-2026-0017")
    plan.what.setText("Home visit after school, with the Czech interpreter")
    plan.show()
    shot(plan, out, "34-plan-visit")
    plan.hide()
    referral = ReferralDialog(vault)
    referral.resize(900, 760)
    referral.show()
    shot(referral, out, "35-new-case")
    referral.hide()
    settings = SettingsDialog(vault)
    settings.show()
    shot(settings, out, "31-settings")
    settings.hide()
    appearance.apply("dark")
    window.show_caseload()
    shot(window, out, "32-caseload-dark")
    workspace = window.open_case("EWO-2025-0004")
    workspace.tabs.setCurrentWidget(workspace.attendance)
    shot(window, out, "33-case-attendance-dark")
    appearance.apply("system")
    window.close_for_lock()
    vault.close()


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/shots")
    out.mkdir(parents=True, exist_ok=True)
    keyring.set_keyring(MemoryKeyring())
    vault_module.passphrase_cost = lambda: ScryptCost(n=1 << 10)
    app = QApplication(["ewo-desk"])
    configure_application(app)
    with tempfile.TemporaryDirectory() as tmp:
        paths = DataPaths(Path(tmp) / "data")
        first_run(out, paths)
        unlock(out, paths)
        main_window(out, paths)
        app_screens(out, DataPaths(Path(tmp) / "demo"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
