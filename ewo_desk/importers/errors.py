"""The error every importer raises for a file it cannot take. Nothing is written when it does."""

from __future__ import annotations

from ewo_desk.errors import ImportError_

DEFAULT_FIX = "Correct the file, or ask the school to send it again, then import it again."


class MalformedImport(ImportError_):
    """A file that cannot be imported, with where (line or element) and what is wrong.

    The message reads: "<file>, line 14: <problem>. <what to do> Nothing was imported."
    """

    def __init__(
        self,
        file_name: str,
        problem: str,
        *,
        line: int | None = None,
        element: str | None = None,
        fix: str = DEFAULT_FIX,
    ) -> None:
        self.file_name = file_name
        self.problem = problem
        self.line = line
        self.element = element
        where = [file_name]
        if line is not None:
            where.append(f"line {line}")
        if element is not None:
            where.append(element)
        super().__init__(f"{', '.join(where)}: {problem}. {fix} Nothing was imported.")
