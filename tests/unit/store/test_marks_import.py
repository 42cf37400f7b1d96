from datetime import date

import pytest
import sqlalchemy as sa

from ewo_desk.importers.register_csv import parse_register_csv
from ewo_desk.store import audit
from ewo_desk.store.marks import (
    AlreadyImported,
    UnknownPupils,
    import_parsed,
    mark_history,
    registers,
)
from ewo_desk.store.schema import AttendanceImport, AttendanceMark, Child

TODAY = date(2026, 11, 22)
UPN = "A123456789012"


def csv(rows, names=True):
    head = "upn,date,session,code,surname,forename\n" if names else "upn,date,session,code\n"
    body = "".join(
        f"{u},{d},{s},{c}" + (",Wiśniewski,Łukasz\n" if names else "\n") for u, d, s, c in rows
    )
    return (head + body).encode()


def weeks_of_g(start_day=5, days=5):
    """Unauthorised (G) every session Monday to Friday in the week of 5 Oct 2026."""
    return [
        (UPN, f"2026-10-{start_day + i:02d}", s, "G") for i in range(days) for s in ("AM", "PM")
    ]


def parse(data, name="week.csv"):
    return parse_register_csv(data, name, not_after=TODAY)


def test_first_import_adds_pupils_and_reports_the_crossing(vault):
    with vault.session() as s:
        report = import_parsed(s, parse(csv(weeks_of_g())), TODAY)
    assert report.marks == 10 and report.pupils_added == [UPN] and report.changed == []
    assert [c.met_on for c in report.new_crossings] == [date(2026, 10, 9)]
    with vault.reader() as s:
        child = s.scalars(sa.select(Child)).one()
        assert (child.given_names, child.family_name) == ("Łukasz", "Wiśniewski")
        snapshot = s.scalars(sa.select(AttendanceImport)).one()
        assert snapshot.mark_count == 10 and snapshot.date_from == date(2026, 10, 5)
        assert snapshot.code_set == "G"
        assert audit.verify(s).ok


def test_reimport_keeps_history_and_shows_changes(vault):
    with vault.session() as s:
        import_parsed(s, parse(csv(weeks_of_g())), TODAY)
    recoded = [
        (u, d, sess, "M" if (d, sess) == ("2026-10-05", "AM") else c)
        for u, d, sess, c in weeks_of_g()
    ]
    with vault.session() as s:
        report = import_parsed(s, parse(csv(recoded), "week-v2.csv"), TODAY)
    [change] = report.changed
    assert (change.date, change.old, change.new) == (date(2026, 10, 5), "G", "M")
    assert report.new_crossings == []  # 9 unauthorised now: no longer met
    with vault.reader() as s:
        assert s.scalar(sa.select(sa.func.count(AttendanceMark.id))) == 20  # nothing overwritten
        register = registers(s)[UPN]
        assert register.codes[0] == "M"  # figures use the newest mark
        [history] = mark_history(s, s.scalars(sa.select(Child.id)).one())
        assert (history["old"], history["new"], history["file"]) == ("G", "M", "week-v2.csv")


def test_same_file_twice_is_refused(vault):
    data = csv(weeks_of_g())
    with vault.session() as s:
        import_parsed(s, parse(data), TODAY)
    with pytest.raises(AlreadyImported, match="already imported"), vault.session() as s:
        import_parsed(s, parse(data, "copy.csv"), TODAY)


def test_unknown_pupil_without_a_name_writes_nothing(vault):
    with pytest.raises(UnknownPupils, match=UPN), vault.session() as s:
        import_parsed(s, parse(csv(weeks_of_g(), names=False)), TODAY)
    with vault.reader() as s:
        assert s.scalar(sa.select(sa.func.count(AttendanceImport.id))) == 0
        assert s.scalar(sa.select(sa.func.count(Child.id))) == 0


def test_known_pupil_needs_no_name(vault):
    with vault.session() as s:
        s.add(Child(upn=UPN, given_names="Łukasz", family_name="Wiśniewski"))
    with vault.session() as s:
        report = import_parsed(s, parse(csv(weeks_of_g(), names=False)), TODAY)
    assert report.pupils_added == []


def test_cli_import(vault, paths, tmp_path, monkeypatch, capsys):
    from ewo_desk.cli import main
    from tests.conftest import PASSPHRASE

    vault.close()
    monkeypatch.setenv("EWO_DESK_PASSPHRASE", PASSPHRASE)
    source = tmp_path / "week.csv"
    source.write_bytes(csv(weeks_of_g()))
    assert main(["import", str(source)]) == 0
    out = capsys.readouterr().out
    assert "Imported week.csv: 10 marks for 1 pupils" in out
    assert "threshold crossing: A123456789012 on 09/10/2026 PM" in out
    assert main(["import", str(source)]) == 2
    assert "already imported" in capsys.readouterr().err
    broken = tmp_path / "broken.csv"
    broken.write_bytes(b"upn,date,session,code\nA123456789012,2026-10-05,AM,ZZ\n")
    assert main(["import", str(broken)]) == 2
    assert "broken.csv" in capsys.readouterr().err
