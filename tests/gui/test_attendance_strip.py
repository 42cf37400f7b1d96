"""RegisterStrip on its own: a whole school year, weekend rows only when needed, the legend."""

from datetime import date, timedelta

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QLabel

from ewo_desk.domain.attendance import Mark, PupilRegister, Session
from ewo_desk.ui.attendance.strip import COLOURS, LABELS, NO_MARK, RegisterStrip, legend
from tests.unit.attendance.builders import UPN

FIRST, LAST = date(2025, 9, 1), date(2026, 8, 31)


def school_year(extra=()):
    """Every weekday of 2025/26 present, Wednesdays on a trip (V), Fridays PM ill (I)."""
    found, day = [], FIRST
    while day <= LAST:
        if day.weekday() < 5:
            found.append(Mark(UPN, day, Session.AM, "V" if day.weekday() == 2 else "/"))
            found.append(Mark(UPN, day, Session.PM, "I" if day.weekday() == 4 else "\\"))
        day += timedelta(days=1)
    return PupilRegister.from_marks(UPN, [*found, *extra])


def colour_at(strip, day, session):
    rect = strip.session_rect(day, session)
    image = strip.grab().toImage()
    ratio = image.devicePixelRatio()
    return image.pixelColor(QPoint(int((rect.left() + 1) * ratio), int((rect.top() + 1) * ratio)))


def test_a_whole_year_is_laid_out_in_week_columns(qtbot):
    strip = RegisterStrip()
    qtbot.addWidget(strip)
    strip.set_register(school_year(), FIRST, LAST)
    assert strip.kind_at(date(2025, 9, 3), Session.AM) == "approved_activity"
    assert strip.kind_at(date(2025, 9, 5), Session.PM) == "authorised"
    assert strip.kind_at(date(2025, 9, 6), Session.AM) is None  # Saturdays are not drawn
    monday, next_monday = (strip.session_rect(date(2025, 9, d), Session.AM) for d in (1, 8))
    assert next_monday.left() > monday.left() and next_monday.top() == monday.top()
    pm = strip.session_rect(date(2025, 9, 1), Session.PM)
    assert pm.top() > monday.top() and pm.left() == monday.left()
    assert strip.size() == strip.sizeHint()
    assert (
        colour_at(strip, date(2025, 9, 3), Session.AM).name() == COLOURS["approved_activity"].name()
    )
    assert colour_at(strip, date(2026, 7, 17), Session.PM).name() == COLOURS["authorised"].name()


def test_weekend_rows_appear_only_for_a_weekend_mark(qtbot):
    strip = RegisterStrip()
    qtbot.addWidget(strip)
    strip.set_register(school_year(), FIRST, LAST)
    weekdays_only = strip.sizeHint().height()
    saturday = date(2025, 10, 4)
    strip.set_register(school_year([Mark(UPN, saturday, Session.AM, "G")]), FIRST, LAST)
    assert strip.sizeHint().height() > weekdays_only
    assert strip.kind_at(saturday, Session.AM) == "unauthorised"
    assert strip.kind_at(saturday, Session.PM) == NO_MARK


def test_the_legend_names_every_look_in_words(qtbot):
    widget = legend()
    qtbot.addWidget(widget)
    texts = {label.text() for label in widget.findChildren(QLabel) if label.text()}
    assert set(LABELS.values()) <= texts
    assert any("threshold" in text for text in texts)
