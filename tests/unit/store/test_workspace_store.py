"""The workspace's queries and the step forms, on the demo caseload (no Qt)."""

from __future__ import annotations

from datetime import date

import pytest
import sqlalchemy as sa

from ewo_desk.demo import populate
from ewo_desk.domain import pathway as pw
from ewo_desk.errors import EwoDeskError
from ewo_desk.store.pathway import record_step
from ewo_desk.store.schema import ChronologyEntry, LegalAction
from ewo_desk.store.step_forms import build_step, check_step, step_form
from ewo_desk.store.visits import edit_entry
from ewo_desk.store.workspace import school_year_start, workspace_view

TODAY = date(2026, 11, 22)
K = pw.StepKind


@pytest.fixture(scope="module")
def demo_vault(tmp_path_factory):
    """One demo caseload for the read-only checks (populating is the slow part)."""
    from ewo_desk.paths import resolve_data_dir
    from ewo_desk.store import vault as vault_module
    from ewo_desk.store.keyslots import ScryptCost
    from ewo_desk.store.vault import Vault

    cost = vault_module.passphrase_cost
    vault_module.passphrase_cost = lambda: ScryptCost(n=1 << 10)
    try:
        opened, _code = Vault.create(
            resolve_data_dir(tmp_path_factory.mktemp("demo")), "correct horse battery staple"
        )
    finally:
        vault_module.passphrase_cost = cost
    with opened.session() as session:
        populate(session, today=TODAY)
    yield opened
    opened.close()


def defaults(form):
    return {f.name: f.default for f in form.fields if f.default not in (None, "", [])}


def test_school_year_starts_in_september():
    assert school_year_start(date(2026, 11, 22)) == date(2026, 9, 1)
    assert school_year_start(date(2027, 7, 1)) == date(2026, 9, 1)
    assert school_year_start(date(2026, 9, 1)) == date(2026, 9, 1)


def test_view_holds_figures_chronology_and_pathway(demo_vault):
    with demo_vault.reader() as session:
        view = workspace_view(session, "EWO-2025-0004", TODAY)
    assert view["child"]["given_names"] == "Tèmítọ́pẹ́"
    figures = view["figures"]
    assert figures["from"] == "2026-09-01" and figures["possible"] == 104
    assert figures["unauthorised"] == 20 and round(figures["attendance_pct"], 1) == 63.5
    times = [e["occurred_at"] for e in view["chronology"]]
    assert times == sorted(times) and all(e["revisions"] == [] for e in view["chronology"])
    assert [p["name"] for p in view["pathway"]["parents"]] == [
        "Mr Oluwaseun Adébáyọ̀", "Mrs Folake Adébáyọ̀",
    ]  # fmt: skip


def test_an_edited_entry_keeps_what_it_said(vault):
    with vault.session() as session:
        populate(session, today=TODAY)
    with vault.session() as session:
        entry = session.scalars(sa.select(ChronologyEntry).limit(1)).one()
        ref, before = entry.case.ref, entry.text
        edit_entry(session, entry.id, "Corrected.")
    with vault.reader() as session:
        view = workspace_view(session, ref, TODAY)
    [edited] = [e for e in view["chronology"] if e["text"] == "Corrected."]
    assert edited["edited_at"] and edited["revisions"][0]["previous_text"] == before


def test_notice_to_improve_form_offers_the_councils_period(demo_vault):
    with demo_vault.reader() as session:
        form = step_form(session, "EWO-2026-0017", K.NOTICE_TO_IMPROVE, "13", TODAY)
    fields = {f.name: f for f in form.fields}
    assert form.target_id is None and form.label == "Notice to improve"
    assert fields["issued_on"].kind == "date" and fields["issued_on"].default == "2026-11-22"
    assert fields["period_start"].default > "2026-11-22"
    assert fields["contents"].kind == "choices" and len(fields["contents"].choices) == 8
    assert fields["delivery"].kind == "choice" and fields["posted_on"].kind == "optional_date"
    assert not {"id", "child_id", "parent_id"} & set(fields)


def test_a_follow_up_changes_the_record_it_acts_on(vault):
    with vault.session() as session:
        populate(session, today=TODAY)
    with vault.reader() as session:
        view = workspace_view(session, "EWO-2026-0017", TODAY)
        mum = view["pathway"]["parents"][0]["parent_id"]
        form = step_form(session, "EWO-2026-0017", K.CONTRACT_REVIEW, mum, TODAY)
        assert form.target_id and form.target_label.startswith("Attendance contract of")
        values = {**defaults(form), "outcome": "Attendance up; keep going."}
        record, row_id = build_step(session, "EWO-2026-0017", form, mum, values, TODAY)
        assert row_id == int(form.target_id)
        assert record.reviews[-1].outcome == "Attendance up; keep going."
        assert check_step(session, "EWO-2026-0017", record, TODAY).allowed
    with vault.session() as session:
        record_step(session, "EWO-2026-0017", record, TODAY, legal_action_id=row_id)
    with vault.reader() as session:
        rows = session.scalars(sa.select(LegalAction).where(LegalAction.id == row_id)).all()
        assert len(rows) == 1 and "Attendance up" in rows[0].details_json


def test_a_step_about_the_child_names_every_parent(demo_vault):
    with demo_vault.reader() as session:
        form = step_form(session, "EWO-2026-0017", K.ESO_CONSIDERED, "13", TODAY)
        values = {**defaults(form), "decision": "do_not_apply", "reasons": "Improving."}
        record, row_id = build_step(session, "EWO-2026-0017", form, "13", values, TODAY)
    assert row_id is None and record.parent_id is None and record.reasons == "Improving."


def test_a_follow_up_with_nothing_to_act_on_says_so(demo_vault):
    with demo_vault.reader() as session, pytest.raises(EwoDeskError, match="nothing"):
        step_form(session, "EWO-2026-0017", K.PN_PAYMENT, "13", TODAY)


def test_an_incomplete_form_is_refused_in_plain_words(demo_vault):
    with demo_vault.reader() as session:
        form = step_form(session, "EWO-2026-0017", K.SUPPORT, "13", TODAY)
        with pytest.raises(EwoDeskError, match="description"):
            build_step(session, "EWO-2026-0017", form, "13", defaults(form), TODAY)
