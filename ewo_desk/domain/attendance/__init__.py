"""Attendance: register codes, figures, the penalty-notice threshold, levels and targeting.

Every rule reads a `PupilRegister` (one pupil's marks in register order) and takes its dates as
arguments. Importing the package declares its council policy settings.
"""

from ewo_desk.domain.attendance.changes import MarkChange, changed_marks, newest_marks
from ewo_desk.domain.attendance.codes import (
    CODES_BEFORE_2024,
    CODES_FROM_2024,
    NEW_CODES_FROM,
    UNAUTHORISED_CODES,
    Category,
    RegisterCode,
    UnknownCode,
    category_of,
    code_set,
)
from ewo_desk.domain.attendance.figures import AttendanceFigures, summarise
from ewo_desk.domain.attendance.levels import AttendanceLevel, attendance_level
from ewo_desk.domain.attendance.marks import Mark, Session
from ewo_desk.domain.attendance.register import DuplicateSession, PupilRegister, group_by_pupil
from ewo_desk.domain.attendance.school_time import last_school_weeks, school_days, school_weeks
from ewo_desk.domain.attendance.targeting import (
    PupilContext,
    TargetingRow,
    targeting_list,
    write_targeting_csv,
)
from ewo_desk.domain.attendance.threshold import ThresholdResult, penalty_threshold
from ewo_desk.domain.attendance.unresolved import UnresolvedN, unresolved_n_codes
from ewo_desk.domain.attendance.upn import check_letter, is_upn_shape, upn_check_letter_ok

__all__ = [
    "CODES_BEFORE_2024",
    "CODES_FROM_2024",
    "NEW_CODES_FROM",
    "UNAUTHORISED_CODES",
    "AttendanceFigures",
    "AttendanceLevel",
    "Category",
    "DuplicateSession",
    "Mark",
    "MarkChange",
    "PupilContext",
    "PupilRegister",
    "RegisterCode",
    "Session",
    "TargetingRow",
    "ThresholdResult",
    "UnknownCode",
    "UnresolvedN",
    "attendance_level",
    "category_of",
    "changed_marks",
    "check_letter",
    "code_set",
    "group_by_pupil",
    "is_upn_shape",
    "last_school_weeks",
    "newest_marks",
    "penalty_threshold",
    "school_days",
    "school_weeks",
    "summarise",
    "targeting_list",
    "unresolved_n_codes",
    "upn_check_letter_ok",
    "write_targeting_csv",
]
