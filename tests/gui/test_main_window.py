import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase, QFontInfo, QFontMetrics
from PySide6.QtWidgets import QApplication

from ewo_desk.ui import prompts
from ewo_desk.ui.app import ensure_font
from ewo_desk.ui.main_window import MainWindow
from tests.gui.sample_cases import add_sample_cases


@pytest.fixture
def window(qtbot, vault):
    add_sample_cases(vault)
    window = MainWindow(vault)
    qtbot.addWidget(window)
    window.show()
    return window


def test_caseload_is_listed_with_a_count(window):
    assert window.proxy.rowCount() == 6
    assert window.count_label.text() == "6 cases"
    assert "Sam Okafor" in window.windowTitle()
    assert window.stack.currentWidget() is window.table


def test_typing_in_search_filters_as_you_type(qtbot, window):
    qtbot.keyClicks(window.search, "riverside")
    assert window.proxy.rowCount() == 2
    assert window.count_label.text() == "Showing 2 of 6 cases"
    qtbot.keyClicks(window.search, "zzz")
    assert window.stack.currentWidget() is window.empty_label
    assert "riversidezzz" in window.empty_label.text()
    window.search.clear()
    assert window.count_label.text() == "6 cases"


def test_empty_caseload_says_so(qtbot, vault):
    window = MainWindow(vault)
    qtbot.addWidget(window)
    assert window.count_label.text() == "No cases"
    assert window.stack.currentWidget() is window.empty_label


def test_menus_have_lock_and_quit_shortcuts(qtbot, window):
    assert window.lock_action.shortcut().toString() == "Ctrl+L"
    assert window.quit_action.shortcut().toString() == "Ctrl+Q"
    with qtbot.waitSignal(window.lock_requested):
        window.lock_action.trigger()
    window.find_action.trigger()


def test_closing_the_window_asks_to_quit(qtbot, window):
    with qtbot.waitSignal(window.quit_requested):
        window.close()


def test_activating_a_row_names_the_case(qtbot, window):
    index = window.proxy.index(0, 0)
    with qtbot.waitSignal(window.case_activated) as blocker:
        window.table.activated.emit(index)
    assert blocker.args[0].startswith("EWO-2026-")


def test_about_goes_through_the_prompt_seam(window, monkeypatch):
    shown = []
    monkeypatch.setattr(prompts, "inform", lambda parent, title, text: shown.append(title))
    window.menuBar().actions()[-1].menu().actions()[0].trigger()
    assert shown == ["About EWO Desk"]


def test_app_font_resolves_to_an_installed_family_with_latin_accents():
    app = QApplication.instance()
    family = ensure_font(app)
    assert family and family == QFontInfo(app.font()).family()
    assert family in QFontDatabase.families(QFontDatabase.WritingSystem.Latin)
    metrics = QFontMetrics(app.font())
    for ch in "ëřễịƠÓá":
        assert metrics.inFontUcs4(ord(ch)), f"{family} has no glyph for {ch!r}"


@pytest.mark.parametrize(
    ("system", "sample", "package"),
    [
        (QFontDatabase.WritingSystem.Arabic, "محمد", "fonts-noto-core"),
        (QFontDatabase.WritingSystem.SimplifiedChinese, "王芳", "fonts-noto-cjk"),
    ],
)
def test_non_latin_names_have_a_font(system, sample, package):
    families = QFontDatabase.families(system)
    if not families:
        pytest.skip(f"no {system.name} font installed (Debian: apt install {package})")
    covered = any(
        all(QFontMetrics(QFont(f)).inFontUcs4(ord(ch)) for ch in sample) for f in families
    )
    assert covered, f"no installed font draws {sample!r}"


def test_table_shows_names_in_every_script(window):
    names = {window.proxy.index(r, 1).data() for r in range(window.proxy.rowCount())}
    assert "Zoë Dvořák" in names and "محمد Al-Hassan" in names
    assert window.table.horizontalHeader().sortIndicatorSection() == -1  # the store's order
    assert window.table.isSortingEnabled()
    assert Qt.ItemFlag.ItemIsEditable not in window.model.flags(window.model.index(0, 0))


def test_my_work_is_built_after_the_first_paint_and_opens_cases(qtbot, window):
    qtbot.waitUntil(lambda: window.my_work is not None)
    assert window.tabs.widget(0) is window.my_work
    ref = window.model.case_at(0)["ref"]
    window.my_work.case_requested.emit(ref)
    assert window.current_workspace().ref == ref


def test_a_case_opens_once_with_attendance_and_documents_and_closes_with_ctrl_w(qtbot, window):
    ref = window.model.case_at(0)["ref"]
    first = window.open_case(ref)
    assert window.open_case(ref) is first and len(window.workspaces()) == 1
    titles = [first.tabs.tabText(i) for i in range(first.tabs.count())]
    assert titles[-2:] == ["&Attendance", "&Documents"]
    assert window.letter_action.isEnabled()
    assert window.close_case_action.shortcut().toString() == "Ctrl+W"
    window.close_case_action.trigger()
    assert window.workspaces() == [] and not window.letter_action.isEnabled()
    window.close_case_tab(1)  # the Caseload tab is never closed
    assert window.tabs.widget(1) is window.caseload


def test_dark_and_light_appearance_are_applied_and_remembered(qtbot, window):
    from PySide6.QtCore import QSettings
    from PySide6.QtGui import QPalette

    from ewo_desk.ui import appearance

    def lightness() -> int:
        return QApplication.instance().palette().color(QPalette.ColorRole.Window).lightness()

    try:
        appearance.choose("dark")
        assert lightness() < 128 and QSettings().value(appearance.KEY) == "dark"
        appearance.choose("light")
        assert lightness() >= 128 and appearance.saved() == "light"
    finally:
        appearance.choose("system")


def test_dropping_a_register_file_opens_its_import_preview(qtbot, window, tmp_path):
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDropEvent

    from ewo_desk.ui.attendance import ImportDialog

    register = tmp_path / "register.csv"
    register.write_text("upn,date,session,code\n", encoding="utf-8")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(register))])
    event = QDropEvent(
        QPointF(10, 10), Qt.DropAction.CopyAction, mime,
        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
    )  # fmt: skip
    window.dropEvent(event)
    dialogs = [d for d in window.findChildren(ImportDialog) if d.isVisible()]
    assert len(dialogs) == 1
    assert dialogs[0].file_label.text() == str(register)
    dialogs[0].reject()
