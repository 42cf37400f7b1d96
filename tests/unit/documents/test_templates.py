"""Template errors name the file and line and happen before any PDF; council overrides."""

import pytest
import sqlalchemy as sa

from ewo_desk.documents import DocumentError, TemplateError, generate_letter, list_templates
from ewo_desk.store.schema import GeneratedDocument
from tests.unit.documents.builders import TODAY
from tests.unit.documents.conftest import pdf_text

HEADER = """---
title: Test letter
to: parent
needs: parent.salutation, child.name
optional: child.upn
asks: meeting_date (date), note (text, optional)
---
"""


def write(folder, name, text):
    folder.mkdir(exist_ok=True)
    (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return folder


def attempt(vault, case, folder, name="test_letter", extra=None, parent="father"):
    parent_id = case.father_id if parent == "father" else None
    with vault.session() as session:
        return generate_letter(
            session,
            case.ref,
            name,
            parent_id=parent_id,
            today=TODAY,
            template_dir=folder,
            extra_fields={"meeting_date": "2026-12-01"} if extra is None else extra,
        )


def stored(vault):
    with vault.reader() as session:
        return session.scalar(sa.select(sa.func.count(GeneratedDocument.id)))


def test_a_good_council_template(vault, case, tmp_path):
    body = "{{ parent.salutation }},\n\nWe meet on {{ meeting_date }}.\n{{ note }}\n"
    folder = write(tmp_path / "council", "test_letter", HEADER + body)
    doc = attempt(vault, case, folder)
    text = pdf_text(doc.content)
    assert "Dear Mr Wiśniewski, We meet on 01/12/2026." in text


def test_unknown_field_names_template_and_line(vault, case, tmp_path):
    body = "{{ parent.salutation }},\n\nHello {{ chld.name }}.\n"
    folder = write(tmp_path / "council", "test_letter", HEADER + body)
    with pytest.raises(TemplateError) as caught:
        attempt(vault, case, folder)
    error = caught.value
    assert (error.template, error.line) == ("test_letter.txt", 10)
    assert "'chld' is not a merge field" in str(error)
    assert "test_letter.txt, line 10" in str(error)
    assert stored(vault) == 0


def test_misspelt_sub_field_lists_what_exists(vault, case, tmp_path):
    body = "{{ parent.salutation }}\n{{ child.nmae }}\n"
    folder = write(tmp_path / "council", "test_letter", HEADER + body)
    with pytest.raises(TemplateError, match=r"line 9.*'child.nmae'.*child has: .*name"):
        attempt(vault, case, folder)


def test_field_used_but_not_declared(vault, case, tmp_path):
    body = "{{ parent.salutation }}\n\n{{ school.name }}\n"
    folder = write(tmp_path / "council", "test_letter", HEADER + body)
    with pytest.raises(TemplateError, match=r"line 10: it uses school.name, which the header"):
        attempt(vault, case, folder)


def test_missing_value_names_the_header_line_and_nothing_is_stored(vault, case, tmp_path):
    header = HEADER.replace("needs: parent.salutation, child.name", "needs: child.social_worker")
    folder = write(tmp_path / "council", "test_letter", header + "{{ child.social_worker }}\n")
    with pytest.raises(TemplateError) as caught:
        attempt(vault, case, folder)
    assert caught.value.line == 4
    assert "child.social_worker" in str(caught.value) and "no value" in str(caught.value)
    assert stored(vault) == 0


def test_missing_ask_names_the_asks_line(vault, case, tmp_path):
    folder = write(tmp_path / "council", "test_letter", HEADER + "{{ meeting_date }}\n")
    with pytest.raises(TemplateError, match=r"line 6: it needs meeting_date \(date\)"):
        attempt(vault, case, folder, extra={})


def test_a_value_the_template_does_not_ask_for_is_refused(vault, case, tmp_path):
    folder = write(tmp_path / "council", "test_letter", HEADER + "{{ meeting_date }}\n")
    with pytest.raises(TemplateError, match="does not ask for meting_date"):
        attempt(vault, case, folder, extra={"meeting_date": "2026-12-01", "meting_date": "x"})


def test_a_badly_typed_value(vault, case, tmp_path):
    folder = write(tmp_path / "council", "test_letter", HEADER + "{{ meeting_date }}\n")
    with pytest.raises(TemplateError, match="meeting_date must be a date"):
        attempt(vault, case, folder, extra={"meeting_date": "next Tuesday"})


def test_syntax_error_names_the_line(vault, case, tmp_path):
    body = "{{ parent.salutation }}\n\n{% if child.name %}\nno end\n"
    folder = write(tmp_path / "council", "test_letter", HEADER + body)
    with pytest.raises(TemplateError, match=r"test_letter.txt, line \d+: the template text"):
        attempt(vault, case, folder)


def test_runtime_failure_names_the_line(vault, case, tmp_path):
    body = "{{ parent.salutation }}\n\n{% for p in [1] %}{{ p.nothing_here }}{% endfor %}\n"
    folder = write(tmp_path / "council", "test_letter", HEADER + body)
    with pytest.raises(TemplateError, match=r"line 10"):
        attempt(vault, case, folder)


def test_printing_a_whole_group_is_an_error(vault, case, tmp_path):
    header = HEADER.replace("optional: child.upn", "optional: school")
    folder = write(tmp_path / "council", "test_letter", header + "\n{{ school }}\n")
    with pytest.raises(TemplateError, match=r"line 9: it prints a whole group"):
        attempt(vault, case, folder)


def test_sandbox_blocks_unsafe_access(vault, case, tmp_path):
    body = "{{ parent.salutation }}{{ child.name.__class__.__mro__ }}\n"
    folder = write(tmp_path / "council", "test_letter", HEADER + body)
    with pytest.raises(TemplateError, match="line 8"):
        attempt(vault, case, folder)


def test_bad_header(vault, case, tmp_path):
    folder = write(tmp_path / "council", "test_letter", HEADER.replace("to: parent", "too: x"))
    with pytest.raises(TemplateError, match=r"line 3: 'too' is not a header entry"):
        attempt(vault, case, folder)


def test_council_template_replaces_the_shipped_one(vault, case, tmp_path):
    header = HEADER.replace("title: Test letter", "title: Our own invitation")
    folder = write(
        tmp_path / "council",
        "attendance_meeting_invitation",
        header + "{{ parent.salutation }}, see you on {{ meeting_date }}.\n",
    )
    doc = attempt(vault, case, folder, name="attendance_meeting_invitation")
    assert "see you on 01/12/2026" in pdf_text(doc.content)
    infos = {t.name: t for t in list_templates(folder)}
    assert infos["attendance_meeting_invitation"].source == "council"
    assert infos["attendance_meeting_invitation"].title == "Our own invitation"
    assert infos["penalty_notice"].source == "shipped"


def test_template_names_cannot_escape_the_folder(vault, case, tmp_path):
    with pytest.raises(DocumentError, match="not a letter template name"):
        attempt(vault, case, tmp_path, name="../secrets")


def test_markup_features(vault, case, tmp_path):
    body = (
        "# Heading one\n\n**bold** and *italic* and \\*literal\\*\n\n- first\n- second\n\n"
        "1. one\n2. two\n\n| A | B |\n|---|---|\n| x | y |\n\n> boxed text\n\n---\n\n"
        "[sign here: {{ parent.salutation }}]\n[page break]\nSecond page\n\n[signature]\n"
    )
    folder = write(tmp_path / "council", "test_letter", HEADER + body)
    doc = attempt(vault, case, folder)
    from tests.unit.documents.conftest import pdf_pages

    pages = pdf_pages(doc.content)
    assert len(pages) == 2
    assert "bold and italic and *literal*" in pages[0]
    assert "Heading one" in pages[0] and "boxed text" in pages[0]
    assert "1. one 2. two" in pages[0] and "first" in pages[0]
    assert "Signed" in pages[0] and "Dear Mr Wiśniewski" in pages[0]
    assert "Second page" in pages[1] and "Zoë Dvořák" in pages[1]


def test_inline_if_at_the_end_of_a_line_keeps_the_line_break(vault, case, tmp_path):
    body = "{{ parent.salutation }}\n\nOne{% if child.name %} yes{% endif %}\n\nTwo\n"
    folder = write(tmp_path / "council", "test_letter", HEADER + body)
    from tests.unit.documents.conftest import pdf_pages

    doc = attempt(vault, case, folder)
    assert "One yes Two" in pdf_pages(doc.content)[0]
    from ewo_desk.documents.templates import keep_line_ends

    assert keep_line_ends("A{% endif %}\n{% if x %}\n") == 'A{% endif %}{{ "" }}\n{% if x %}\n'
