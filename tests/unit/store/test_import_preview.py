"""The dry run of an import says what the import will report, and writes nothing."""

from datetime import date

import sqlalchemy as sa

from ewo_desk.importers.register_csv import parse_register_csv
from ewo_desk.store.import_preview import Match, preview_import
from ewo_desk.store.marks import import_parsed
from ewo_desk.store.schema import AttendanceImport, AttendanceMark, AuditEntry, Case, Child

TODAY = date(2026, 11, 22)
UPN = "A123456789012"
OTHER = "C999200121001"


def csv(rows, names=True):
    head = "upn,date,session,code,surname,forename\n" if names else "upn,date,session,code\n"
    tail = ",Wiśniewski,Łukasz\n" if names else "\n"
    return (head + "".join(f"{u},{d},{s},{c}{tail}" for u, d, s, c in rows)).encode()


def week(code="G", upn=UPN, day=5):
    return [(upn, f"2026-10-{day + i:02d}", s, code) for i in range(5) for s in ("AM", "PM")]


def parse(data, name="week.csv"):
    return parse_register_csv(data, name, not_after=TODAY)


def counts(vault):
    with vault.reader() as s:
        return [
            s.scalar(sa.select(sa.func.count()).select_from(t))
            for t in (AttendanceImport, AttendanceMark, Child, AuditEntry)
        ]


def test_first_file_previews_new_pupils_and_the_crossing_without_writing(vault):
    before = counts(vault)
    parsed = parse(csv(week()))
    reported = []
    with vault.reader() as s:
        preview = preview_import(s, parsed, lambda done, total: reported.append((done, total)))
    assert counts(vault) == before
    [pupil] = preview.pupils
    assert (pupil.match, pupil.name, pupil.new_marks, pupil.changed) == (
        Match.NEW, "Łukasz Wiśniewski", 10, 0,
    )  # fmt: skip
    assert preview.refused == "" and preview.changed == () and reported[-1] == (1, 1)
    with vault.session() as s:
        report = import_parsed(s, parsed, TODAY)
    assert list(preview.new_crossings) == report.new_crossings


def test_reimport_preview_lists_old_to_new_and_matches_the_case(vault):
    with vault.session() as s:
        import_parsed(s, parse(csv(week())), TODAY)
        child = s.scalars(sa.select(Child)).one()
        s.add(Case(ref="EWO-2026-0001", child_id=child.id, opened_on=date(2026, 9, 1)))
    recoded = [(u, d, s, "M" if (d, s) == ("2026-10-05", "AM") else c) for u, d, s, c in week()]
    recoded += [(UPN, "2026-10-12", "AM", "/")]
    parsed = parse(csv(recoded), "week-v2.csv")
    with vault.reader() as s:
        preview = preview_import(s, parsed)
    [pupil] = preview.pupils
    assert (pupil.match, pupil.case_refs) == (Match.CASE, ("EWO-2026-0001",))
    assert (pupil.new_marks, pupil.changed, preview.unchanged) == (1, 1, 9)
    [change] = preview.changed
    assert (change.date, change.old, change.new) == (date(2026, 10, 5), "G", "M")
    with vault.session() as s:
        report = import_parsed(s, parsed, TODAY)
    assert list(preview.changed) == report.changed
    assert list(preview.new_crossings) == report.new_crossings == []


def test_a_file_already_imported_would_be_refused(vault):
    data = csv(week())
    with vault.session() as s:
        import_parsed(s, parse(data), TODAY)
    with vault.reader() as s:
        preview = preview_import(s, parse(data, "copy.csv"))
    assert "already imported" in preview.refused
    assert preview.pupils[0].match is Match.CHILD


def test_pupils_without_names_are_unknown_and_would_be_refused(vault):
    with vault.reader() as s:
        preview = preview_import(s, parse(csv(week(upn=OTHER), names=False)))
    assert preview.count(Match.UNKNOWN) == 1
    assert OTHER in preview.refused and "not in your caseload" in preview.refused
