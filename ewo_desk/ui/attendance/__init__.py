"""The attendance screens: a case's attendance tab and the register import dialog."""

from ewo_desk.ui.attendance.import_dialog import ImportDialog
from ewo_desk.ui.attendance.strip import RegisterStrip
from ewo_desk.ui.attendance.view import AttendanceView

__all__ = ["AttendanceView", "ImportDialog", "RegisterStrip"]
