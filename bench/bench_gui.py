"""The Caseload page at 5,000 cases: unlock to caseload painted, and search as you type.

    .venv/bin/python bench/bench_gui.py [--runs 5] [--cases 5000] [--keep DIR]

(a) Unlock to caseload painted: `Vault.open_with_passphrase` (scrypt at the calibrated cost),
    `CaseloadPage(vault).reload()`, show, and the first paint finished (`grab()`). Goal <= 1.5 s.
    Reference in the same run: the KDF alone (unwrapping the key from its passphrase slot).
    The attendance figures, levels and overdue counts are computed off the GUI thread after the
    first paint; the time until they are in the table is printed too.
(b) Search as you type: a realistic name typed one key at a time into `page.search`; each
    keystroke timed from the key press to the repaint finished (`QTest.keyClick` + `repaint()`).
    Median and p95 per keystroke; goal median <= 50 ms. Reference in the same run: a pure-Python
    substring scan of the same 5,000 search strings for the same prefix.

The vault (5,000 children and cases, 40 schools, 7,500 parents, a school year of marks so far,
legal steps on a third of the cases) is built once per run with store/bulk in a temporary folder,
or kept in --keep DIR and reused by later runs on the same day.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))
import sqlalchemy as sa  # noqa: E402
from _util import report  # noqa: E402

from ewo_desk.domain import pathway as pw  # noqa: E402
from ewo_desk.domain.attendance.marks import monday_of_week  # noqa: E402
from ewo_desk.domain.attendance.upn import ALPHABET, check_letter  # noqa: E402
from ewo_desk.domain.calendar import school_year_start  # noqa: E402
from ewo_desk.paths import DataPaths  # noqa: E402
from ewo_desk.store.bulk import insert_rows  # noqa: E402
from ewo_desk.store.schema import (  # noqa: E402
    AttendanceImport,
    AttendanceMark,
    Case,
    Child,
    ChildParent,
    Council,
    LegalAction,
    Officer,
    ParentCarer,
    School,
)
from ewo_desk.store.vault import Vault  # noqa: E402

PASSPHRASE = "benchmark passphrase"
GIVEN = (
    "Zoë", "Oliver", "Amelia", "Siobhán", "Ciarán", "Łukasz", "Zofia", "Matěj", "Thị Hoa",
    "Bảo Ngọc", "Tèmítọ́pẹ́", "Mehmet", "Ayşe", "Zeynep", "Fang", "Mohammed", "Aisha", "Freja",
    "Søren", "Andrei", "Ioana", "Arjun", "Priya", "Kayden", "Tyler", "Jordan", "Jaden", "Zainab",
    "Hamza", "Abdirahman", "Hodan", "Tahmid", "Patrick", "Dmytro", "Olena", "Chloé", "Renée",
    "José", "Inés", "Björn", "Ruby", "Harry", "Isla", "Noah", "Mia", "Leo", "Grace", "Alfie",
    "Évelyne", "Nikolaj", "Małgorzata", "Bartłomiej", "Ngozi", "Chidi", "Yusuf", "Fatima",
)  # fmt: skip
FAMILY = (
    "Dvořák", "Nguyễn", "Ó Briain", "Wiśniewski", "Adébáyọ̀", "Yılmaz", "Wang", "Al-Hassan",
    "Müller", "Sørensen", "Popescu", "Raghunathan", "Hughes", "Sutton", "Dawson", "Campbell",
    "Akhtar", "Warsame", "Rahman", "McDonagh", "Kovalenko", "Smith", "Jones", "Taylor", "Brown",
    "Williams", "Wilson", "Johnson", "Davies", "Robinson", "Wright", "Thompson", "Evans",
    "Walker", "White", "Roberts", "Green", "Hall", "Wood", "Jackson", "Clarke", "Patel", "Khan",
    "Lewis", "Begum", "Hussain", "Okafor", "Kowalczyk", "Fernández", "García", "Lefèvre",
    "Öztürk", "Šimková", "Łopez", "Nowak", "Mensah", "Osei", "O'Connor", "Fitzgerald", "Doherty",
)  # fmt: skip
STREETS = (
    "Tannery Lane", "Cobden Street", "Wharf Road", "Alderley Close", "Victoria Terrace",
    "Hollins Way", "Gasworks Row", "Primrose Bank", "Station Approach", "Fernlea Avenue",
    "Kestrel Drive", "Brindley Street", "Orchard Rise", "Ravensdale Gardens", "Sycamore Grove",
)  # fmt: skip
TOWNS = ("Northbridge", "Eastholme", "Saltmarsh", "Kingsway", "Upper Cranford")
STAGES = ("support",) * 6 + ("attendance_contract", "notice_to_improve", "penalty_notice")
ABSENCE = ("I", "I", "I", "M", "C", "N", "O", "G", "U", "L", "B", "E")


def upn(serial: int) -> str:
    body = f"99920{serial:07d}"
    return check_letter(ALPHABET[0] + body) + body


def school_days(today: date) -> list[date]:
    """Weekdays from 1 September to today, less a half-term week in late October."""
    start, days = school_year_start(today), []
    half_term = monday_of_week(((date(today.year if today.month >= 9 else today.year - 1,
                                      10, 27).toordinal()) - 1) // 7)  # fmt: skip
    day = start
    while day <= today:
        if day.weekday() < 5 and not half_term <= day < half_term + timedelta(days=7):
            days.append(day)
        day += timedelta(days=1)
    return days


def build(root: Path, cases: int, today: date, seed: int = 5000) -> None:
    rng = random.Random(seed)
    vault, _code = Vault.create(DataPaths(root), PASSPHRASE, use_keyring=False)
    with vault.session() as s:
        s.add(Council(id=1, name="Northbridge Borough Council"))
        officers = [
            Officer(name=n, is_vault_owner=i == 0)
            for i, n in enumerate(
                ("Rebecca Thornton", "Tomasz Kowalczyk", "Adaeze Okonkwo-Bell", "Sam Okafor")
            )
        ]
        s.add_all(officers)
        schools = [
            School(urn=f"9{90100 + i}", name=f"{rng.choice(STREETS).split()[0]} "
                   f"{'Primary School' if i < 28 else 'Academy'} {i + 1}",
                   phase="Primary" if i < 28 else "Secondary",
                   establishment_type="Community school")
            for i in range(40)
        ]  # fmt: skip
        s.add_all(schools)
        s.flush()
        children = []
        for i in range(cases):
            school = schools[i % len(schools)]
            year = rng.randint(0, 6) if school.phase == "Primary" else rng.randint(7, 11)
            born = date(today.year - 5 - year - (1 if today.month < 9 else 0), 1, 1)
            born += timedelta(days=rng.randint(0, 364))
            children.append({
                "upn": upn(i), "given_names": rng.choice(GIVEN), "family_name": rng.choice(FAMILY),
                "date_of_birth": born, "year_group": "R" if year == 0 else str(year),
                "school_id": school.id, "sex": rng.choice("MF"),
                "address_line1": f"{rng.randint(1, 180)} {rng.choice(STREETS)}",
                "town": rng.choice(TOWNS),
                "postcode": f"NB{rng.randint(1, 9)} {rng.randint(1, 9)}{rng.choice('ABDEFGHJ')}"
                            f"{rng.choice('LNPQRSTUWXYZ')}",
                "eal": rng.random() < 0.2, "free_school_meals": rng.random() < 0.3,
            })  # fmt: skip
        insert_rows(s, Child.__table__, children)
        child_ids = [cid for (cid,) in s.execute(Child.__table__.select().with_only_columns(
            Child.__table__.c.id).order_by(Child.__table__.c.id))]  # fmt: skip
        parents, links = [], []
        for i, child in enumerate(children):
            for p in range(1 if rng.random() < 0.5 else 2):
                parents.append({
                    "title": ("Mrs", "Mr", "Ms")[p], "given_names": rng.choice(GIVEN),
                    "family_name": child["family_name"] if p == 0 else rng.choice(FAMILY),
                    "address_line1": child["address_line1"], "town": child["town"],
                    "postcode": child["postcode"],
                })  # fmt: skip
                links.append((child_ids[i], len(parents)))
        insert_rows(s, ParentCarer.__table__, parents)
        first_parent = s.scalar(sa.select(sa.func.min(ParentCarer.__table__.c.id)))
        insert_rows(s, ChildParent.__table__, [
            {"child_id": c, "parent_id": first_parent + n - 1,
             "relationship_to_child": "Parent"} for c, n in links
        ])  # fmt: skip
        case_rows = []
        for i, child_id in enumerate(child_ids):
            case_rows.append({
                "ref": f"EWO-{today.year}-{i + 1:05d}", "child_id": child_id,
                "school_id": children[i]["school_id"], "officer_id": officers[i % 4].id,
                "opened_on": today - timedelta(days=rng.randint(20, 400)),
                "status": "open" if rng.random() < 0.92 else "closed",
                "stage": rng.choice(STAGES),
            })  # fmt: skip
        insert_rows(s, Case.__table__, case_rows)
        case_ids = [cid for (cid,) in s.execute(Case.__table__.select().with_only_columns(
            Case.__table__.c.id).order_by(Case.__table__.c.id))]  # fmt: skip
        parent_of = {}
        for c, n in links:
            parent_of.setdefault(c, first_parent + n - 1)
        _steps(s, rng, today, case_rows, case_ids, parent_of)
        _marks(s, rng, today, schools, children, child_ids)
    vault.close()


def _steps(s, rng, today, case_rows, case_ids, parent_of) -> None:  # type: ignore[no-untyped-def]
    rows = []
    for case, case_id in zip(case_rows, case_ids, strict=True):
        stage, child, parent = case["stage"], str(case["child_id"]), parent_of[case["child_id"]]
        ago = timedelta(days=rng.randint(5, 70))
        record: pw.LegalAction
        if stage == "attendance_contract":
            start = today - ago
            record = pw.AttendanceContract(
                "0",
                str(parent),
                child,
                start - timedelta(days=7),
                pw.ContractStatus.IN_FORCE,
                start,
                start,
                start,
                start + timedelta(weeks=12),
                first_review_on=start + timedelta(weeks=4),
            )
        elif stage == "notice_to_improve":
            issued = today - ago
            record = pw.NoticeToImprove(
                "0",
                str(parent),
                child,
                issued,
                issued + timedelta(days=5),
                issued + timedelta(days=5, weeks=4),
                frozenset(pw.NtiContent),
                posted_on=issued,
            )
        elif stage == "penalty_notice":
            issued = today - ago
            record = pw.PenaltyNotice(
                "0",
                str(parent),
                child,
                issued,
                issued - timedelta(weeks=10),
                issued - timedelta(days=7),
                posted_on=issued,
            )
        else:
            continue
        kind = pw.kind_of(record) if hasattr(pw, "kind_of") else None
        rows.append({
            "case_id": case_id, "parent_id": parent,
            "kind": kind.value if kind else stage, "started_on": today - ago,
            "details_json": "",  # filled below, once the row has its id
        })  # fmt: skip
        rows[-1]["_record"] = record
    records = [row.pop("_record") for row in rows]
    insert_rows(s, LegalAction.__table__, rows)
    ids = [i for (i,) in s.execute(LegalAction.__table__.select().with_only_columns(
        LegalAction.__table__.c.id).order_by(LegalAction.__table__.c.id))]  # fmt: skip
    from dataclasses import replace

    for action_id, record in zip(ids, records, strict=True):
        details = json.dumps(pw.action_to_dict(replace(record, id=str(action_id))), sort_keys=True)
        s.execute(LegalAction.__table__.update().where(LegalAction.__table__.c.id == action_id)
                  .values(details_json=details))  # fmt: skip


def _marks(s, rng, today, schools, children, child_ids) -> None:  # type: ignore[no-untyped-def]
    days = school_days(today)
    by_school: dict[int, list[int]] = {}
    for child, child_id in zip(children, child_ids, strict=True):
        by_school.setdefault(child["school_id"], []).append(child_id)
    for school in schools:
        imported = AttendanceImport(
            source_name=f"{school.urn}.csv", sha256=f"{school.urn:0>64}", file_format="csv",
            importer_version="bench", school_id=school.id, school_urn=school.urn,
            date_from=days[0], date_to=days[-1], code_set="2024",
        )  # fmt: skip
        s.add(imported)
        s.flush()
        marks = []
        for child_id in by_school.get(school.id, []):
            absence = rng.choice((0.02, 0.05, 0.08, 0.12, 0.2, 0.35, 0.6))
            for day in days:
                for session in ("AM", "PM"):
                    code = rng.choice(ABSENCE) if rng.random() < absence else "/\\"[session == "PM"]
                    marks.append({"import_id": imported.id, "child_id": child_id, "date": day,
                                  "session": session, "code": code})  # fmt: skip
        imported.mark_count = insert_rows(s, AttendanceMark.__table__, marks)


# --- measuring --------------------------------------------------------------------------------


def prepared(keep: Path | None, cases: int, tmp: Path) -> Path:
    """The vault for this run: built now, or the one kept in `keep` if built today for as many
    cases."""
    root = (keep or tmp) / f"caseload-{cases}"
    stamp = root / "built.json"
    wanted = {"cases": cases, "on": date.today().isoformat()}
    if stamp.exists() and json.loads(stamp.read_text()) == wanted:
        return root
    if root.exists():
        shutil.rmtree(root)
    started = time.perf_counter()
    build(root, cases, date.today())
    stamp.write_text(json.dumps(wanted))
    print(f"built {cases:,} cases in {time.perf_counter() - started:.1f} s ({root})")
    return root


def unlock_to_painted(root: Path) -> tuple[float, float]:
    """Seconds from the passphrase to the caseload painted, and to its figures filled in."""
    from PySide6.QtWidgets import QApplication

    from ewo_desk.ui.caseload_page import CaseloadPage

    app = QApplication.instance()
    loaded: list[float] = []
    started = time.perf_counter()
    vault = Vault.open_with_passphrase(DataPaths(root), PASSPHRASE)
    page = CaseloadPage(vault)
    page.resize(1400, 800)
    page.reload()
    page.show()
    page.grab()  # paints the page (table rows included) into a pixmap, synchronously
    painted = time.perf_counter() - started
    page.figures_loaded.connect(lambda: loaded.append(time.perf_counter() - started))
    while not loaded:
        app.processEvents()
        time.sleep(0.001)
    page.close()
    page.deleteLater()
    app.processEvents()
    vault.close()
    return painted, loaded[0]


def kdf_only(root: Path) -> float:
    from ewo_desk.store.keyslots import KeySlots

    paths = DataPaths(root)
    started = time.perf_counter()
    KeySlots.from_bytes(paths.keyslots.read_bytes()).unlock_with_passphrase(PASSPHRASE)
    return time.perf_counter() - started


def typing(root: Path, text: str) -> tuple[list[float], list[float]]:
    """Per keystroke: seconds from key press to repaint; and the pure-Python reference."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from ewo_desk.ui import labels
    from ewo_desk.ui.caseload_page import CaseloadPage

    app = QApplication.instance()
    vault = Vault.open_with_passphrase(DataPaths(root), PASSPHRASE)
    page = CaseloadPage(vault)
    page.resize(1400, 800)
    done: list[bool] = []
    page.figures_loaded.connect(lambda: done.append(True))
    page.reload()
    page.show()
    while not done:  # type while nothing else runs: the figures are in
        app.processEvents()
        time.sleep(0.001)
    page.search.setFocus()
    texts = page.model.search_texts()
    keys, reference = [], []
    for n, ch in enumerate(text, start=1):
        started = time.perf_counter()
        QTest.keyClick(page.search, ch)
        app.processEvents()
        page.table.viewport().repaint()
        keys.append(time.perf_counter() - started)
        prefix = labels.folded(text[:n]).split()
        started = time.perf_counter()
        [all(t in s for t in prefix) for s in texts]  # the least a search must do
        reference.append(time.perf_counter() - started)
    shown = page.proxy.rowCount()
    for _ in text:
        QTest.keyClick(page.search, Qt.Key.Key_Backspace)
    app.processEvents()
    page.close()
    page.deleteLater()
    app.processEvents()
    vault.close()
    print(f"  typed {text!r}: {shown} of {len(texts):,} cases shown")
    return keys, reference


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--cases", type=int, default=5000)
    parser.add_argument("--keep", type=Path, help="keep the built vault here for later runs")
    args = parser.parse_args()

    from PySide6.QtCore import qInstallMessageHandler
    from PySide6.QtWidgets import QApplication

    from ewo_desk.ui.app import configure_application

    def quiet(_kind: object, _context: object, message: str) -> None:
        if "does not support" not in message:  # the offscreen platform's own notes
            print(message, file=sys.stderr)

    qInstallMessageHandler(quiet)
    app = QApplication(sys.argv[:1])
    configure_application(app)
    with tempfile.TemporaryDirectory() as tmp:
        root = prepared(args.keep, args.cases, Path(tmp))
        unlock_to_painted(root)  # warm up: imports, fonts, the file in the OS cache
        painted, filled, kdf = [], [], []
        for _ in range(args.runs):
            kdf.append(kdf_only(root))
            first, figures = unlock_to_painted(root)
            painted.append(first)
            filled.append(figures)
        report(
            f"(a) unlock to caseload painted at {args.cases:,} cases",
            statistics.median(painted), statistics.median(kdf), "<= 1.5 s; reference: the KDF",
        )  # fmt: skip
        print(f"    figures (attendance, level, PA/SA, overdue) filled in after "
              f"{statistics.median(filled):.3f} s, off the GUI thread")  # fmt: skip
        keys, reference = [], []
        for name in ("kowalczyk", "adebayo", "nguyen thi", "okafor")[: max(1, args.runs)]:
            k, r = typing(root, name)
            keys += k
            reference += r
        median, p95 = statistics.median(keys), statistics.quantiles(keys, n=20)[-1]
        ref = statistics.median(reference)
        print(
            f"(b) search as you type at {args.cases:,} cases: median {median * 1000:.1f} ms, "
            f"p95 {p95 * 1000:.1f} ms per keystroke over {len(keys)} keystrokes (reference: a "
            f"pure-Python substring scan {ref * 1000:.2f} ms, ratio {median / ref:.1f}; "
            "goal median <= 50 ms)"
        )
    del app


if __name__ == "__main__":
    main()
