"""Errors met while making a document. Messages are for the officer (or the council staff who
edit the letter templates): say what is wrong, where, and what to do next."""

from __future__ import annotations

from ewo_desk.errors import EwoDeskError


class DocumentError(EwoDeskError):
    """A letter or bundle could not be made; nothing was stored or written."""


class TemplateError(DocumentError):
    """A letter template is wrong, or asks for a field the case has no value for.

    `template` is the file name and `line` the line in that file (None when the problem is not
    tied to one line)."""

    def __init__(self, template: str, line: int | None, message: str) -> None:
        self.template = template
        self.line = line
        self.problem = message
        where = f"{template}, line {line}" if line else template
        super().__init__(f"Letter template {where}: {message}")
