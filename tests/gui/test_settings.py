"""Settings: council, officer and policy saved together or not at all; pictures checked when
chosen; the keyring choice and a new passphrase applied off the GUI thread."""

import json

import pytest
from PySide6.QtGui import QColor, QImage

from ewo_desk.store.casework import current_officer
from ewo_desk.store.policy import council, load_policy
from ewo_desk.store.settings_store import Profile, save_profile
from ewo_desk.store.vault import Vault
from ewo_desk.ui import prompts
from ewo_desk.ui.settings_dialog import SettingsDialog
from tests.conftest import PASSPHRASE

NEW_PASSPHRASE = "a brand new kettle sings"


@pytest.fixture
def dialog(qtbot, vault):
    with vault.session() as session:
        save_profile(session, Profile("Zoë Adeyemi", "North team", "Northshire CC", ""))
    dialog = SettingsDialog(vault)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


@pytest.fixture
def png(tmp_path):
    image = QImage(120, 40, QImage.Format.Format_RGB32)
    image.fill(QColor("navy"))
    path = tmp_path / "head.png"
    assert image.save(str(path), "PNG")
    return path


def choose(monkeypatch, picker, path):
    monkeypatch.setattr(prompts, "open_path", lambda *args: str(path))
    picker.choose_button.click()


def stored(vault):
    with vault.reader() as session:
        row, officer = council(session), current_officer(session)
        return row, officer, load_policy(session).overrides(), row.policy_json


def test_council_officer_and_policy_round_trip(qtbot, dialog, vault, png, monkeypatch):
    dialog.council_tab.fields["name"].setText("Northshire County Council")
    dialog.council_tab.fields["postcode"].setText("NT1 1AA")
    choose(monkeypatch, dialog.council_tab.letterhead, png)
    assert dialog.council_tab.letterhead.preview.pixmap() is not None
    assert not dialog.council_tab.letterhead.preview.pixmap().isNull()
    dialog.officer_tab.fields["role"].setText("Senior Education Welfare Officer")
    dialog.officer_tab.may_issue.setChecked(True)
    choose(monkeypatch, dialog.officer_tab.signature, png)
    dialog.policy_rows.rows["retention.years_after_closure"].set_value(7)
    dialog.policy_rows.rows["pathway.contract_label"].set_value("parenting contract")
    dialog.policy_rows.rows["attendance.level_band_floors"].editor.setText("92, 85.5")
    dialog.policy_rows.rows["pathway.pn_period_counts_first_day"].set_value(False)

    with qtbot.waitSignal(dialog.saved):
        dialog.save_button.click()
    assert not dialog.isVisible()

    row, officer, overrides, _raw = stored(vault)
    assert (row.name, row.postcode) == ("Northshire County Council", "NT1 1AA")
    assert row.letterhead == png.read_bytes() and row.logo is None
    assert officer.role == "Senior Education Welfare Officer" and officer.may_issue_penalty_notices
    assert officer.signature == png.read_bytes() and officer.name == "Zoë Adeyemi"
    assert overrides == {
        "retention.years_after_closure": 7,
        "pathway.contract_label": "parenting contract",
        "attendance.level_band_floors": [92.0, 85.5],
        "pathway.pn_period_counts_first_day": False,
    }

    again = SettingsDialog(vault)
    qtbot.addWidget(again)
    assert again.council_tab.fields["name"].text() == "Northshire County Council"
    assert again.officer_tab.may_issue.isChecked()
    assert again.policy_rows.rows["retention.years_after_closure"].value() == 7
    assert again.policy_rows.rows["attendance.level_band_floors"].editor.text() == "92, 85.5"
    assert "KB" in again.council_tab.letterhead.file_label.text()


def test_an_invalid_policy_is_named_beside_its_field_and_nothing_is_written(qtbot, dialog, vault):
    before = stored(vault)[3]
    dialog.council_tab.fields["name"].setText("Changed County Council")
    dialog.policy_rows.rows["pathway.nti_school_weeks_min"].set_value(9)  # longer than longest
    dialog.save_button.click()

    row = dialog.policy_rows.rows["pathway.nti_school_weeks_min"]
    assert row.error_label.isVisible()
    assert "Notice-to-improve weeks" in row.error_label.text()
    assert not dialog.policy_rows.rows["pathway.nti_school_weeks_max"].error_label.isVisible()
    assert dialog.tabs.currentWidget() is dialog.policy_tab
    assert dialog.error_label.text().startswith("Nothing was saved: 1 thing needs correcting")
    assert dialog.isVisible()
    row_now, _officer, _overrides, raw = stored(vault)
    assert row_now.name == "Northshire CC" and raw == before  # the council change waited too


def test_a_list_that_is_not_numbers_is_explained(qtbot, dialog):
    row = dialog.policy_rows.rows["attendance.level_band_floors"]
    row.editor.setText("90, eighty")
    dialog.save_button.click()
    assert row.error_label.text() == "Write numbers separated by commas, for example 90, 80."
    assert dialog.isVisible()


def test_an_auto_lock_out_of_range_is_shown_on_the_security_tab(qtbot, dialog, vault):
    dialog.policy_rows.rows["security.auto_lock_minutes"].set_value(0)
    dialog.save_button.click()
    row = dialog.policy_rows.rows["security.auto_lock_minutes"]
    assert row.error_label.text() == "Auto-lock: 1 to 60 minutes, not 0."
    assert dialog.tabs.currentWidget().widget() is dialog.security_tab
    assert json.loads(stored(vault)[3] or "{}") == {}


def test_the_officer_must_have_a_name(qtbot, dialog):
    dialog.officer_tab.fields["name"].setText("  ")
    dialog.save_button.click()
    assert "Your name is needed" in dialog.officer_tab.error_label.text()
    assert dialog.tabs.currentWidget().widget() is dialog.officer_tab


def test_a_bad_letterhead_is_refused_with_a_plain_message(qtbot, dialog, vault, tmp_path,
                                                        monkeypatch):  # fmt: skip
    text = tmp_path / "letterhead.docx"
    text.write_bytes(b"PK\x03\x04 a word document, not a picture")
    choose(monkeypatch, dialog.council_tab.letterhead, text)
    error = dialog.council_tab.letterhead.error_label
    assert error.isVisible()
    assert error.text() == (
        "letterhead.docx: The letterhead must be a PDF or PNG or JPEG file; this file is not "
        "one. Nothing was changed."
    )
    assert dialog.council_tab.letterhead.chosen is None
    with qtbot.waitSignal(dialog.saved):
        dialog.save_button.click()
    assert stored(vault)[0].letterhead is None


def test_an_unreadable_file_is_explained(qtbot, dialog, tmp_path, monkeypatch):
    choose(monkeypatch, dialog.officer_tab.signature, tmp_path / "gone.png")
    assert "gone.png could not be read" in dialog.officer_tab.signature.error_label.text()


def test_change_passphrase_off_the_gui_thread(qtbot, dialog, paths):
    security = dialog.security_tab
    dialog.show_tab(security)
    assert not security.change_button.isEnabled()
    security.current.setText("not my passphrase")
    security.new_passphrase.first.setText(NEW_PASSPHRASE)
    security.new_passphrase.second.setText(NEW_PASSPHRASE)
    security.change_button.click()
    qtbot.waitUntil(lambda: security.error_label.isVisible(), timeout=10_000)
    assert "does not open this caseload" in security.error_label.text()

    security.current.setText(PASSPHRASE)
    security.change_button.click()
    assert not dialog.save_button.isEnabled()  # busy: nothing else is written meanwhile
    qtbot.waitUntil(lambda: "Passphrase changed" in security.status_label.text(), timeout=10_000)
    assert dialog.save_button.isEnabled() and security.current.text() == ""
    Vault.open_with_passphrase(paths, NEW_PASSPHRASE).close()


def test_keyring_choice_is_applied_to_the_key_file(qtbot, dialog, paths):
    security = dialog.security_tab
    assert not Vault.keyring_policy(paths) and not security.keyring_box.isChecked()
    security.keyring_box.setChecked(True)
    assert not security.keyring_button.isEnabled()  # needs the current passphrase
    security.current.setText(PASSPHRASE)
    security.keyring_button.click()
    qtbot.waitUntil(lambda: "keyring may now open" in security.status_label.text(),
                    timeout=10_000)  # fmt: skip
    assert Vault.keyring_policy(paths)


def test_a_failure_part_way_through_saving_keeps_nothing(qtbot, dialog, vault, monkeypatch):
    from ewo_desk.errors import EwoDeskError
    from ewo_desk.ui import settings_dialog

    def refuse(*args):
        raise EwoDeskError("The disk is full.")

    monkeypatch.setattr(settings_dialog, "update_officer", refuse)
    dialog.council_tab.fields["name"].setText("Changed County Council")  # written first
    dialog.save_button.click()
    assert dialog.error_label.text() == "Nothing was saved. The disk is full."
    assert stored(vault)[0].name == "Northshire CC"
