"""Hostile input to the letter renderer: a council template edited badly, and merge values that
look like markup or template code. Either a PDF or our clean DocumentError naming the template,
never a crash, and never a half-made document in the caseload."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy.orm import Session

from ewo_desk.documents import DocumentError, generate_letter, render_letter
from ewo_desk.store.schema import Child, GeneratedDocument, ParentCarer
from tests.unit.documents.builders import EXTRAS, PARENT_FOR, TODAY, build_case

SHIPPED = Path(__file__).resolve().parents[3] / "letter_templates"
NAMES = ("attendance_meeting_invitation", "notice_to_improve", "case_summary", "s9_statement")
# Pieces a person editing a template might type, mistype, or try on purpose.
FRAGMENTS = [
    "{{", "}}", "{%", "%}", "{#", "#}", "{{ child.name }}", "{{ child.nme }}", "{{ child }}",
    "{% if %}", "{% endif %}", "{% for x in child %}", "{% endfor %}", "{% else %}",
    "{% for x in range(100000) %}{{ child.name }}{% endfor %}",
    "{{ child.name * 100000 }}", "{{ ''.__class__.__mro__ }}", "{{ child.name.__class__ }}",
    "{{ lipsum() }}", "{% include 'notice_to_improve.txt' %}", "{% import 'x' as y %}",
    "{{ require(false, 'stop') }}", "{{ page_count }}", "{{ 1/0 }}", "{{ [][3] }}",
    "{{ child.date_of_birth|date }}", "{{ 'x'|money }}", "{% raw %}", "---",
    "needs: child.nothing", "asks: when (date)",
    "optional: parent.", "title:", "[signature]", "[sign here:", "[small print:", "| a | b |",
    "| **x", "**", "*", "> ", "# ", "- ", "\x00", "\ufeff", "\u202e", "é", "王", "محمد",
]  # fmt: skip


@pytest.fixture
def case(vault):
    with vault.session() as session:
        return build_case(session)


@st.composite
def edited_template(draw) -> tuple[str, str]:
    name = draw(st.sampled_from(NAMES))
    lines = (SHIPPED / f"{name}.txt").read_text(encoding="utf-8").split("\n")
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(lines) - 1))
        op = draw(st.sampled_from(["insert", "append", "cut", "dup"]))
        if op == "insert":
            lines.insert(at, draw(st.sampled_from(FRAGMENTS)))
        elif op == "append":
            lines[at] += draw(st.sampled_from(FRAGMENTS))
        elif op == "cut":
            del lines[at : at + draw(st.integers(1, 4))]
        else:
            lines.insert(at, lines[draw(st.integers(0, len(lines) - 1))])
    return name, "\n".join(lines or [""])


def render_or_clean_error(session: Session, case, name: str, **kwargs) -> bytes | None:
    parent = case.father_id if PARENT_FOR.get(name) == "father" else None
    try:
        letter = render_letter(
            session, case.ref, name, today=TODAY, parent_id=parent, extra_fields=EXTRAS[name],
            **kwargs,
        )  # fmt: skip
    except DocumentError as error:
        assert str(error).strip()
        return None
    assert letter.content.startswith(b"%PDF-")
    return letter.content


@settings(max_examples=600, deadline=None, suppress_health_check=list(HealthCheck))
@given(edited=edited_template())
def test_a_badly_edited_council_template_gives_a_pdf_or_a_clean_error(
    vault, case, tmp_path, edited
):
    name, text = edited
    folder = tmp_path / "council"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    (folder / f"{name}.txt").write_text(text, encoding="utf-8", errors="surrogatepass")
    with Session(vault.engine) as session:
        render_or_clean_error(session, case, name, template_dir=folder)
        session.rollback()


MARKUPISH = st.text(
    alphabet=st.one_of(
        st.sampled_from(list("*_#>|[]{}%<>&;'\"\\-")),
        st.characters(codec="utf-8", exclude_categories=("Cs",)),
    ),
    min_size=1,
    max_size=60,
)


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(given_names=MARKUPISH, family=MARKUPISH, parent=MARKUPISH)
def test_names_that_look_like_code_or_markup_are_printed_or_refused_cleanly(
    vault, case, given_names, family, parent
):
    with Session(vault.engine) as session:  # never committed: each example starts clean
        child = session.scalars(sa.select(Child)).one()
        child.given_names, child.family_name = given_names, family
        session.get(ParentCarer, case.father_id).family_name = parent
        render_or_clean_error(session, case, "attendance_meeting_invitation")
        session.rollback()


def test_a_failed_letter_stores_nothing(vault, case, tmp_path):
    folder = tmp_path / "council"
    folder.mkdir()
    broken = (SHIPPED / "notice_to_improve.txt").read_text(encoding="utf-8") + "{{ 1/0 }}\n"
    (folder / "notice_to_improve.txt").write_text(broken, encoding="utf-8")
    with vault.session() as session, pytest.raises(DocumentError, match="notice_to_improve.txt"):
        generate_letter(
            session, case.ref, "notice_to_improve", today=TODAY, parent_id=case.father_id,
            extra_fields=EXTRAS["notice_to_improve"], template_dir=folder,
        )  # fmt: skip
    with vault.reader() as session:
        assert session.scalar(sa.select(sa.func.count()).select_from(GeneratedDocument)) == 0


def test_a_template_that_includes_itself_is_refused_by_name(vault, case, tmp_path):
    folder = tmp_path / "council"
    folder.mkdir()
    text = (SHIPPED / "case_summary.txt").read_text(encoding="utf-8")
    (folder / "case_summary.txt").write_text(text + "{% include 'case_summary.txt' %}\n")
    with Session(vault.engine) as session, pytest.raises(DocumentError, match="includes itself"):
        render_letter(session, case.ref, "case_summary", today=TODAY, template_dir=folder)


def test_a_template_with_a_nul_character_is_refused_with_its_line(vault, case, tmp_path):
    folder = tmp_path / "council"
    folder.mkdir()
    text = (SHIPPED / "case_summary.txt").read_text(encoding="utf-8").replace("\n", "\x00\n", 3)
    (folder / "case_summary.txt").write_text(text, encoding="utf-8")
    with Session(vault.engine) as session, pytest.raises(DocumentError, match="NUL") as caught:
        render_letter(session, case.ref, "case_summary", today=TODAY, template_dir=folder)
    assert caught.value.line == 1
