import io

import pytest
from pypdf import PdfReader

from tests.unit.documents.builders import build_case


@pytest.fixture
def case(vault):
    with vault.session() as session:
        return build_case(session)


def pdf_pages(content: bytes) -> list[str]:
    """The text of each page, whitespace collapsed (line wrapping does not matter)."""
    reader = PdfReader(io.BytesIO(content))
    return [" ".join(page.extract_text().split()) for page in reader.pages]


def pdf_text(content: bytes) -> str:
    return " ".join(pdf_pages(content))
