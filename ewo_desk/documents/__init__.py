"""Letters (and later court bundles) as PDFs: fonts, styles, letterhead, page layer, templates.

Public API: `generate_letter`, `render_letter`, `reprint`, `list_templates`,
`document_warnings`, and the error types `DocumentError` / `TemplateError`.
"""

from ewo_desk.documents.errors import DocumentError, TemplateError
from ewo_desk.documents.letters import (
    RenderedLetter,
    TemplateInfo,
    document_warnings,
    generate_letter,
    list_templates,
    render_letter,
    reprint,
)

__all__ = [
    "DocumentError",
    "RenderedLetter",
    "TemplateError",
    "TemplateInfo",
    "document_warnings",
    "generate_letter",
    "list_templates",
    "render_letter",
    "reprint",
]
