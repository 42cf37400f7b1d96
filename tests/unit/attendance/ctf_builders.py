"""Build small CTF documents in tests, in the shape of ctf-attendance.md §3 (fictional data)."""

from __future__ import annotations

from datetime import date

from tests.unit.attendance.builders import UPN


def ctf(*pupils: str, root: str = "CTfile", header_extra: str = "") -> str:
    return f"""<?xml version="1.0" encoding="utf-8"?>
<{root}>
  <Header>
    <DocumentName>Common Transfer File</DocumentName>
    <CTFversion>25.0</CTFversion>
    <DateTime>2025-10-27T09:30:12</DateTime>
    <DocumentQualifier>full</DocumentQualifier>
    <SourceSchool><LEA>999</LEA><Estab>2001</Estab><URN>199901</URN>
      <SchoolName>Fictional Meadow Academy</SchoolName><AcademicYear>2025</AcademicYear>
    </SourceSchool>
    <DestSchool><LEA>999</LEA><Estab>2002</Estab></DestSchool>{header_extra}
  </Header>
  <CTFpupilData>{"".join(pupils)}</CTFpupilData>
</{root}>"""


def pupil(
    upn: str | None = UPN,
    *blocks: str,
    surname: str = "Ashdown",
    extra: str = "",
    sex: str = "<Sex>F</Sex>",
    dob: str = "2014-03-09",
) -> str:
    upn_element = "" if upn is None else f"<UPN>{upn}</UPN>"
    attendance = f"<Attendance>{''.join(blocks)}</Attendance>" if blocks else ""
    return f"""
    <Pupil>{upn_element}<Surname>{surname}</Surname><Forename>Ellie</Forename>
      <DOB>{dob}</DOB>{sex}{extra}{attendance}
    </Pupil>"""


def year_data(
    year: int,
    counts: tuple[int, int, int, int] | None = None,
    start: date | None = None,
    marks: str | None = None,
    *,
    estab: str = "2001",
    start_element: str = "AttendanceStartDate",
) -> str:
    """counts = (possible, attended, authorised, unauthorised); None: counted from `marks` by
    the caller is not done here, so pass them."""
    possible, attended, authorised, unauthorised = counts or (0, 0, 0, 0)
    sessions = ""
    if start is not None or marks is not None:
        start_xml = "" if start is None else f"<{start_element}>{start}</{start_element}>"
        sessions = f"<AttendSessions>{start_xml}<AttendanceMarks>{marks or ''}</AttendanceMarks>"
        sessions += "</AttendSessions>"
    return f"""
      <YearData><Year>{year}</Year><LEA>999</LEA><Estab>{estab}</Estab><URN>199901</URN>
        <SchoolName>Fictional Meadow Academy</SchoolName>
        <SessionsPossible>{possible}</SessionsPossible>
        <SessionsAuthorised>{authorised}</SessionsAuthorised>
        <SessionsAttended>{attended}</SessionsAttended>
        <SessionsUnauthorised>{unauthorised}</SessionsUnauthorised>{sessions}
      </YearData>"""


def contact(order: str = "1", responsibility: str | None = "true", address: str = "") -> str:
    flag = "" if responsibility is None else f"<Responsibility>{responsibility}</Responsibility>"
    return f"""<Contact><Order>{order}</Order><Title>Ms</Title><Surname>Brennan</Surname>
      <Forename>Claire</Forename><Relationship>PAM</Relationship>{flag}{address}</Contact>"""
