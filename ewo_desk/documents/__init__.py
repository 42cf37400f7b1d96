"""Letters and court bundles as PDFs: fonts, styles, letterhead, page layer, templates.

Public API: `generate_letter`, `render_letter`, `reprint`, `list_templates`,
`document_warnings`, and the error types `DocumentError` / `TemplateError`.

The letter functions load on first use (PEP 562), so a command that only needs the error types
(`ewo-desk --version`, `ewo-desk bundle --help`) does not import reportlab and the ORM.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from ewo_desk.documents.errors import DocumentError, TemplateError

if TYPE_CHECKING:
    from ewo_desk.documents.letters import (  # noqa: F401 (the lazy names, for type checkers)
        RenderedLetter,
        TemplateInfo,
        document_warnings,
        generate_letter,
        list_templates,
        render_letter,
        reprint,
    )

_LETTERS = (
    "RenderedLetter",
    "TemplateInfo",
    "document_warnings",
    "generate_letter",
    "list_templates",
    "render_letter",
    "reprint",
)

__all__ = ["DocumentError", "TemplateError", *_LETTERS]


def __getattr__(name: str) -> Any:
    if name in _LETTERS:
        return getattr(import_module("ewo_desk.documents.letters"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
