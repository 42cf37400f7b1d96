"""The attendance tab shows the domain's figures for the marks held, and the strip paints them."""

from datetime import date

import pytest
from PySide6.QtCore import QDate, QEvent, QPoint
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QToolTip

from ewo_desk.domain.attendance import (
    Session,
    attendance_level,
    last_school_weeks,
    penalty_threshold,
    summarise,
)
from ewo_desk.ui.attendance import AttendanceView
from ewo_desk.ui.attendance.panels import ROWS
from ewo_desk.ui.attendance.strip import COLOURS, NO_MARK
from tests.gui.attendance_fixtures import (
    AUTUMN,
    REF,
    TODAY,
    add_case,
    no_work_left_running,  # noqa: F401
    store,
)


@pytest.fixture
def view(qtbot, vault):
    add_case(vault)
    store(vault, AUTUMN)
    view = AttendanceView(vault, REF, today=lambda: TODAY)
    qtbot.addWidget(view)
    view.resize(1100, 900)
    view.show()
    return view


def shown(figures) -> dict[str, str]:
    def text(value):
        if isinstance(value, bool):
            return "Yes" if value else "No"
        if isinstance(value, float):
            return f"{value:.1f}%"
        return "—" if value is None else str(value)

    return {key: text(getattr(figures, key)) for key, _ in ROWS}


def test_figures_are_the_domains_for_the_same_marks(view):
    year = summarise(AUTUMN, date(2026, 9, 1), TODAY)
    recent = summarise(AUTUMN, *last_school_weeks(AUTUMN, 4, TODAY))
    for period, figures in (("year", year), ("recent", recent)):
        assert {key: view.figures.text(period, key) for key, _ in ROWS} == shown(figures)
    assert view.figures.text("year", "possible") == "58"  # 60 sessions, 2 closed (#)
    view.figures.range_from.setDate(QDate(2026, 9, 14))
    view.figures.range_to.setDate(QDate(2026, 9, 18))
    assert view.figures.text("range", "unauthorised") == "10"
    ranged = summarise(AUTUMN, date(2026, 9, 14), date(2026, 9, 18))
    assert {key: view.figures.text("range", key) for key, _ in ROWS} == shown(ranged)
    view.refresh()  # the officer's range survives a refresh
    assert view.figures.text("range", "unauthorised") == "10"


def test_level_and_threshold_say_what_the_domain_says(view):
    level = attendance_level(AUTUMN, TODAY)
    assert f"Level {level.level}" in view.level_head.text()
    threshold = penalty_threshold(AUTUMN)
    assert threshold.met and threshold.met_on == date(2026, 9, 18)
    assert "Threshold met on Fri 18/09/2026 PM" in view.threshold_head.text()
    assert "Fri 18/09/2026:  AM G, PM G" in view.threshold_sessions.text()


def test_a_range_ending_before_it_starts_shows_no_figures(view):
    view.figures.range_from.setDate(QDate(2026, 10, 1))
    view.figures.range_to.setDate(QDate(2026, 9, 1))
    assert view.figures.text("range", "possible") == "—"
    assert "start on or before" in view.figures.cells[("range", "possible")].toolTip()


def test_strip_paints_each_session_in_its_category_with_a_tooltip(view, monkeypatch):
    strip = view.strip
    holiday = date(2026, 9, 16)  # G, counted towards the threshold
    assert strip.kind_at(holiday, Session.PM) == "unauthorised"
    assert strip.kind_at(date(2026, 9, 7), Session.AM) == "present"
    assert strip.kind_at(date(2026, 10, 16), Session.PM) == "not_counted"
    assert strip.kind_at(date(2026, 9, 1), Session.AM) == NO_MARK  # before the first mark
    rect = strip.session_rect(holiday, Session.PM)
    image = strip.grab().toImage()
    ratio = image.devicePixelRatio()
    corner = QPoint(int((rect.left() + 1) * ratio), int((rect.top() + 1) * ratio))
    assert image.pixelColor(corner).name() == COLOURS["unauthorised"].name()
    tip = strip.tooltip_at(rect.center())
    assert tip.startswith("Wed 16/09/2026 PM: G — Holiday not authorised (unauthorised absence)")
    assert "Counted towards the penalty-notice threshold" in tip
    assert strip.tooltip_at(strip.session_rect(date(2026, 9, 1), Session.AM).center()).endswith(
        "no mark held"
    )
    shown_tips = []  # the offscreen platform cannot raise a real tooltip window
    monkeypatch.setattr(QToolTip, "showText", lambda _pos, text, _widget: shown_tips.append(text))
    strip.event(QHelpEvent(QEvent.Type.ToolTip, rect.center(), strip.mapToGlobal(rect.center())))
    assert shown_tips == [tip]


def test_history_lists_each_import_and_the_marks_it_changed(view):
    recoded = AUTUMN.between(date(2026, 10, 5), date(2026, 10, 9))
    changed = type(recoded)(recoded.upn, recoded.slots, ("M", "M", *recoded.codes[2:]))
    store(view.vault, changed, "autumn-v2.csv")
    view.refresh()
    top = view.history.topLevelItem(0)
    assert (top.text(0), top.text(5)) == ("autumn-v2.csv", "10 marks, 2 changed")
    assert view.history.change_lines() == [
        "Mon 05/10/2026 AM:  N → M   (Reason not yet established → Leave: medical or dental "
        "appointment)",
        "Mon 05/10/2026 PM:  N → M   (Reason not yet established → Leave: medical or dental "
        "appointment)",
    ]
    assert view.figures.text("year", "unauthorised") == str(
        summarise(AUTUMN, date(2026, 9, 1), TODAY).unauthorised - 2
    )


def test_a_case_without_marks_says_how_to_get_them(qtbot, vault):
    add_case(vault)
    view = AttendanceView(vault, REF, today=lambda: TODAY)
    qtbot.addWidget(view)
    assert view.empty.isVisibleTo(view)
    assert "Import register" in view.empty.text()
    assert view.figures.text("year", "attendance_pct") == "—"
    assert view.figures.text("recent", "possible") == "—"
