from datetime import UTC, date, datetime

import pytest
import sqlalchemy as sa

from ewo_desk.errors import EwoDeskError
from ewo_desk.store.casework import add_note, case_detail
from ewo_desk.store.schema import Case, Child, ChronologyEntry, HomeVisit, Officer
from ewo_desk.store.visits import RecordIncomplete, edit_entry, finalise_visit, save_visit_draft

WHEN = datetime(2026, 11, 20, 15, 30, tzinfo=UTC)


@pytest.fixture
def ref(vault):
    with vault.session() as s:
        s.add(Officer(name="Officer Ade", is_vault_owner=True))
        child = Child(
            given_names="Mai", family_name="Nguyễn", address_line1="4 Elm Row", postcode="NB1 2AA"
        )
        s.add(child)
        s.flush()
        s.add(Case(ref="C-7", child_id=child.id, opened_on=date(2026, 9, 1)))
    return "C-7"


def test_draft_saved_on_each_change_then_finalised(vault, ref):
    with vault.session() as s:
        visit_id = save_visit_draft(s, ref, {"visited_at": WHEN}).id
    with vault.session() as s:
        save_visit_draft(
            s, ref, {"outcome": "seen", "child_voice": "Mai says maths is hard"}, visit_id
        )
    with vault.session() as s:
        save_visit_draft(s, ref, {"child_seen": True}, visit_id)
        visit = s.get(HomeVisit, visit_id)
        assert visit.status == "draft" and visit.address == "4 Elm Row\nNB1 2AA"
    with vault.session() as s:
        entry = finalise_visit(s, visit_id)
        assert entry.kind == "home_visit" and entry.occurred_at == WHEN
        assert "Child's voice: Mai says maths is hard" in entry.text
    with vault.session() as s, pytest.raises(EwoDeskError, match="already final"):
        save_visit_draft(s, ref, {"next_steps": "late change"}, visit_id)


def test_incomplete_visit_cannot_be_finalised(vault, ref):
    with vault.session() as s:
        visit_id = save_visit_draft(
            s, ref, {"safeguarding_concern": True, "outcome": "seen", "child_seen": False}
        ).id
    with vault.session() as s, pytest.raises(RecordIncomplete) as caught:
        finalise_visit(s, visit_id)
    assert any("safeguarding procedure" in p for p in caught.value.problems)
    with vault.reader() as s:  # nothing half-written: still a draft, no chronology entry
        assert s.get(HomeVisit, visit_id).status == "draft"
        assert s.scalar(sa.select(sa.func.count(ChronologyEntry.id))) == 0


def test_safeguarding_recorded_then_final(vault, ref):
    with vault.session() as s:
        visit_id = save_visit_draft(
            s,
            ref,
            {
                "outcome": "seen",
                "child_seen": True,
                "safeguarding_concern": True,
                "safeguarding_procedure_followed": True,
                "safeguarding_action": "Rang the DSL at 16:05; MASH referral made.",
            },
        ).id
        finalise_visit(s, visit_id)


def test_unknown_outcome_refused(vault, ref):
    with vault.session() as s, pytest.raises(ValueError):
        save_visit_draft(s, ref, {"outcome": "teleported"})


def test_edit_keeps_the_earlier_text(vault, ref):
    with vault.session() as s:
        entry_id = add_note(s, ref, "Mum said Mai was ill.").id
    with vault.session() as s:
        edit_entry(s, entry_id, "Mum said Mai was ill with a cold.")
    with vault.reader() as s:
        entry = s.get(ChronologyEntry, entry_id)
        assert entry.edited_at is not None
        assert [r.previous_text for r in entry.revisions] == ["Mum said Mai was ill."]
        detail = case_detail(s, ref, date(2026, 11, 22))
        assert detail["chronology"][0]["edited_at"] is not None


def test_concurrent_edit_is_not_a_silent_overwrite(vault, ref):
    with vault.session() as s:
        entry_id = add_note(s, ref, "First").id
    first, second = vault.reader(), vault.reader()
    a, b = first.get(ChronologyEntry, entry_id), second.get(ChronologyEntry, entry_id)
    first.commit(), second.commit()  # each window loaded the note in its own short transaction
    a.text = "Edited in window one"
    first.commit()
    b.text = "Edited in window two"
    with pytest.raises(sa.orm.exc.StaleDataError):
        second.commit()
    first.close(), second.close()
