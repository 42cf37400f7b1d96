import re

import pytest
import sqlalchemy as sa
from PySide6.QtGui import QGuiApplication
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QWizard

from ewo_desk.errors import EwoDeskError
from ewo_desk.store.schema import Council, Officer
from ewo_desk.ui import prompts, setup_actions
from ewo_desk.ui.first_run import DEMO, PASSPHRASE, PROFILE, RECOVERY, FirstRunWizard
from tests.conftest import PASSPHRASE as GOOD_PASSPHRASE

CODE = re.compile(r"^[A-Z2-7]{4}(-[A-Z2-7]{4}){7}$")


@pytest.fixture
def wizard(qtbot, paths):
    wizard = FirstRunWizard(paths)
    qtbot.addWidget(wizard)
    wizard.show()
    yield wizard
    if wizard.vault is not None:
        wizard.vault.close()


def next_enabled(wizard: FirstRunWizard) -> bool:
    button = wizard.button(QWizard.WizardButton.CommitButton)
    if not button.isVisible():
        button = wizard.button(QWizard.WizardButton.NextButton)
    return button.isEnabled()


def create_vault(qtbot, wizard: FirstRunWizard) -> str:
    wizard.next()
    assert wizard.currentId() == PASSPHRASE
    page = wizard.passphrase_page.new_passphrase
    page.first.setText(GOOD_PASSPHRASE)
    page.second.setText(GOOD_PASSPHRASE)
    assert next_enabled(wizard)
    with qtbot.waitSignal(wizard.vault_created, timeout=10_000):
        wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == RECOVERY)
    return wizard.recovery_page.code


def finish_profile(wizard: FirstRunWizard) -> None:
    wizard.recovery_page.stored_box.setChecked(True)
    wizard.next()
    assert wizard.currentId() == PROFILE
    wizard.profile_page.officer_name.setText("Zoë Adeyemi")
    wizard.profile_page.council_name.setText("Northbridge Council")
    wizard.next()
    assert wizard.currentId() == DEMO


def test_passphrase_rules_gate_the_create_button(qtbot, wizard):
    wizard.next()
    pair = wizard.passphrase_page.new_passphrase
    pair.first.setText("short")
    pair.second.setText("short")
    assert not next_enabled(wizard)
    assert "Too short" in pair.strength_label.text()
    pair.first.setText(GOOD_PASSPHRASE)
    assert not next_enabled(wizard)  # not repeated yet
    assert "do not match" in pair.match_label.text()
    pair.second.setText(GOOD_PASSPHRASE)
    assert next_enabled(wizard)
    assert "Strong" in pair.strength_label.text()


def test_first_run_creates_the_vault_and_saves_the_officer(qtbot, wizard, paths):
    code = create_vault(qtbot, wizard)
    assert paths.database.exists() and paths.keyslots.exists()
    assert CODE.match(code), code
    shown = wizard.recovery_page.code_label.text().split()
    assert len(shown) == 8 and all(len(group) == 4 for group in shown)
    assert wizard.passphrase_page.new_passphrase.passphrase() == ""  # not kept in the widget
    assert not next_enabled(wizard)  # the "I have stored it" box is required
    finish_profile(wizard)
    assert wizard.recovery_page.code_label.text() == ""  # shown once: gone after leaving
    with qtbot.waitSignal(wizard.accepted, timeout=10_000):
        wizard.button(QWizard.WizardButton.FinishButton).click()
    with wizard.vault.reader() as session:
        officer = session.scalars(sa.select(Officer)).one()
        council = session.get(Council, 1)
    assert officer.is_vault_owner and officer.name == "Zoë Adeyemi"
    assert council is not None and council.name == "Northbridge Council"


def test_demo_option_populates(qtbot, wizard):
    demo = pytest.importorskip("ewo_desk.demo")
    if not hasattr(demo, "populate"):
        pytest.skip("ewo_desk.demo.populate is not written yet")
    from datetime import date

    from ewo_desk.store.casework import list_cases

    create_vault(qtbot, wizard)
    finish_profile(wizard)
    page = wizard.demo_page
    page.demo_box.setChecked(True)
    wizard.button(QWizard.WizardButton.FinishButton).click()
    qtbot.waitUntil(lambda: not wizard.isVisible() or page.error_label.isVisible(), timeout=60_000)
    assert not page.error_label.isVisible(), page.error_label.text()
    assert wizard.result() == QWizard.DialogCode.Accepted
    with wizard.vault.reader() as session:
        assert len(list_cases(session, date.today())) > 10
    assert "Demo caseload added" in wizard.demo_page.result_text


def test_demo_failure_is_explained_and_setup_can_finish(qtbot, wizard, monkeypatch):
    def broken(vault, today):
        raise EwoDeskError("The demo caseload could not be loaded.")

    monkeypatch.setattr(setup_actions, "load_demo", broken)
    create_vault(qtbot, wizard)
    finish_profile(wizard)
    page = wizard.demo_page
    page.demo_box.setChecked(True)
    wizard.button(QWizard.WizardButton.FinishButton).click()
    qtbot.waitUntil(lambda: page.error_label.isVisible())
    assert page.error_label.text() == "The demo caseload could not be loaded."
    assert wizard.isVisible() and not page.demo_box.isChecked()
    with qtbot.waitSignal(wizard.accepted, timeout=10_000):
        wizard.button(QWizard.WizardButton.FinishButton).click()
    with wizard.vault.reader() as session:
        assert session.scalars(sa.select(Officer)).one().name == "Zoë Adeyemi"


def test_recovery_code_copy_save_and_print(qtbot, wizard, monkeypatch, tmp_path, paths):
    code = create_vault(qtbot, wizard)
    page = wizard.recovery_page

    page.copy_button.click()
    assert QGuiApplication.clipboard().text() == code

    target = tmp_path / "elsewhere" / "code.txt"
    target.parent.mkdir()
    monkeypatch.setattr(prompts, "save_path", lambda *a: str(target))
    page.save_button.click()
    assert code in target.read_text(encoding="utf-8")

    inside = paths.root / "code.txt"
    monkeypatch.setattr(prompts, "save_path", lambda *a: str(inside))
    page.save_button.click()
    assert not inside.exists() and page.error_label.isVisible()

    pdf = tmp_path / "code.pdf"

    def pdf_printer(*args):
        printer = QPrinter()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(pdf))
        return printer

    monkeypatch.setattr(prompts, "choose_printer", pdf_printer)
    page.print_button.click()
    assert pdf.read_bytes().startswith(b"%PDF")

    finish_profile(wizard)
    assert QGuiApplication.clipboard().text() != code  # cleared on leaving the page


def test_leaving_before_storing_the_code_asks_first(qtbot, wizard, monkeypatch):
    create_vault(qtbot, wizard)
    asked: list[str] = []

    def answer(parent, title, text, yes="Yes"):
        asked.append(title)
        return False

    monkeypatch.setattr(prompts, "confirm", answer)
    wizard.reject()
    assert asked == ["Leave set-up?"] and wizard.isVisible()
