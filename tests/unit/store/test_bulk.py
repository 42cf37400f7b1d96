from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa

from ewo_desk.store.bulk import insert_rows
from ewo_desk.store.schema import Case, Child, ChronologyEntry

LONDON = ZoneInfo("Europe/London")


@pytest.fixture
def case_id(vault):
    with vault.session() as s:
        child = Child(given_names="Ana", family_name="Ñúñez")
        s.add(child)
        s.flush()
        case = Case(ref="C-1", child_id=child.id, opened_on=date(2026, 1, 5))
        s.add(case)
        s.flush()
        return case.id


def test_rows_read_back_as_the_orm_wrote_them(vault, case_id):
    # Across the BST change (29 March 2026, 01:00 UTC): local times must survive as instants.
    # Instants are stepped in UTC: wall-clock arithmetic on a zoned datetime would land in the gap.
    start = datetime(2026, 3, 29, 0, 30, tzinfo=UTC)
    rows = [
        {
            "case_id": case_id,
            "occurred_at": (start + timedelta(hours=i)).astimezone(LONDON),
            "text": f"note {i} — é",
        }
        for i in range(4)
    ]
    with vault.session() as s:
        assert insert_rows(s, ChronologyEntry.__table__, rows) == 4
    with vault.reader() as s:
        entries = s.scalars(sa.select(ChronologyEntry).order_by(ChronologyEntry.id)).all()
    assert [e.occurred_at for e in entries] == [r["occurred_at"] for r in rows]
    assert all(e.occurred_at.tzinfo is not None for e in entries)
    assert [e.occurred_at.astimezone(LONDON).hour for e in entries] == [0, 2, 3, 4]
    # Defaults were filled once for the batch, exactly as the ORM would fill them.
    assert {e.kind for e in entries} == {"note"} and {e.status for e in entries} == {"final"}
    assert len({e.created_at for e in entries}) == 1
    assert entries[0].created_at.tzinfo == UTC


def test_naive_datetimes_are_refused(vault, case_id):
    with vault.session() as s, pytest.raises(ValueError, match="naive"):
        insert_rows(
            s,
            ChronologyEntry.__table__,
            [{"case_id": case_id, "occurred_at": datetime(2026, 1, 1), "text": "x"}],
        )


def test_unknown_column_and_rollback(vault, case_id):
    with pytest.raises(ValueError, match="no column"), vault.session() as s:
        insert_rows(s, ChronologyEntry.__table__, [{"case_id": case_id, "colour": "red"}])
    # A failure part-way through a batch writes nothing.
    rows = [
        {"case_id": case_id, "occurred_at": datetime.now(UTC), "text": "ok"},
        {"case_id": 999, "occurred_at": datetime.now(UTC), "text": "bad link"},
    ]
    with pytest.raises(sa.exc.IntegrityError), vault.session() as s:
        insert_rows(s, ChronologyEntry.__table__, rows)
    with vault.reader() as s:
        assert s.scalar(sa.select(sa.func.count(ChronologyEntry.id))) == 0
