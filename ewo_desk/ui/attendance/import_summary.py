"""What an import will change (its preview) or did change (the store's report), as three lists:
the pupils and how each is matched, historic marks changed old → new, and new threshold
crossings. Only formats what store.import_preview and store.marks computed."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from PySide6.QtWidgets import QTabWidget, QTreeWidget, QTreeWidgetItem, QWidget

from ewo_desk.domain.attendance import MarkChange, ThresholdResult
from ewo_desk.domain.attendance.codes import code_set
from ewo_desk.store.import_preview import ImportPreview, Match, PupilPreview
from ewo_desk.store.marks import ImportReport

MAX_ROWS = 2000  # a list this long is read in the file itself; the counts stay exact


def plural(count: int, word: str, words: str | None = None) -> str:
    return f"{count} {word if count == 1 else (words or word + 's')}"


def preview_headline(preview: ImportPreview) -> str:
    parsed = preview.parsed
    span = ""
    if parsed.first_date and parsed.last_date:
        span = f" from {parsed.first_date:%d/%m/%Y} to {parsed.last_date:%d/%m/%Y}"
    return (
        f"{parsed.file_name}: {plural(preview.marks, 'mark')} for "
        f"{plural(len(preview.pupils), 'pupil')}{span}, {preview.school}.\n"
        f"{plural(preview.count(Match.CASE), 'pupil')} matched to cases, "
        f"{preview.count(Match.CHILD)} in the caseload without a case, "
        f"{preview.count(Match.NEW)} new, {preview.count(Match.UNKNOWN)} unknown.\n"
        f"Importing adds {plural(preview.new_marks, 'new mark')}, changes "
        f"{plural(len(preview.changed), 'historic mark')} and makes "
        f"{plural(len(preview.new_crossings), 'new threshold crossing')}"
        f" ({preview.unchanged} marks repeat what is held)."
    )


def report_headline(report: ImportReport) -> str:
    return (
        f"Imported {report.file_name}: {plural(report.marks, 'mark')} for "
        f"{plural(report.pupils, 'pupil')} ({len(report.pupils_added)}"
        f" new to the caseload). {plural(len(report.changed), 'historic mark')} changed by the "
        f"school; {plural(len(report.new_crossings), 'new threshold crossing')}."
    )


class ImportSummary(QTabWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pupils = self._tree(("Pupil", "UPN", "Matched to", "Marks", "New", "Changed"))
        self.changes = self._tree(("Pupil", "Session", "Old → new", "Meaning"))
        self.crossings = self._tree(("Pupil", "Threshold met on", "Unauthorised in window"))
        for tree, name in ((self.pupils, "Pupils"), (self.changes, "Changed marks"),
                           (self.crossings, "New threshold crossings")):  # fmt: skip
            tree.setAccessibleName(name)
            self.addTab(tree, name)

    @staticmethod
    def _tree(headers: tuple[str, ...]) -> QTreeWidget:
        tree = QTreeWidget()
        tree.setHeaderLabels(list(headers))
        tree.setRootIsDecorated(False)
        tree.setUniformRowHeights(True)
        tree.setAlternatingRowColors(True)
        return tree

    def show_preview(self, preview: ImportPreview) -> None:
        self._pupils(preview.pupils)
        names = {p.upn: p.name for p in preview.pupils}
        self._changes(preview.changed, names)
        self._crossings(preview.new_crossings, names)

    def show_report(self, report: ImportReport, names: Mapping[str, str]) -> None:
        self._changes(report.changed, names)
        self._crossings(report.new_crossings, names)

    def clear_all(self) -> None:
        for tab, tree in enumerate((self.pupils, self.changes, self.crossings)):
            tree.clear()
            self.setTabText(tab, self.tabText(tab).split(" (")[0])

    def _pupils(self, pupils: Iterable[PupilPreview]) -> None:
        rows = []
        for p in pupils:
            where = ", ".join(p.case_refs) if p.match is Match.CASE else p.match.value
            rows.append([p.name or "(no name)", p.upn, where, str(p.marks), str(p.new_marks),
                         str(p.changed)])  # fmt: skip
        self._fill(self.pupils, 0, "Pupils", rows)

    def _changes(self, changes: Iterable[MarkChange], names: Mapping[str, str]) -> None:
        rows = []
        for c in changes:
            codes = code_set(c.date)
            old, new = codes.get(c.old or ""), codes.get(c.new)
            meaning = f"{old.meaning} → {new.meaning}" if old and new else ""
            rows.append([_who(c.upn, names), f"{c.date:%a %d/%m/%Y} {c.session}",
                         f"{c.old} → {c.new}", meaning])  # fmt: skip
        self._fill(self.changes, 1, "Changed marks", rows)

    def _crossings(self, crossings: Iterable[ThresholdResult], names: Mapping[str, str]) -> None:
        rows = [
            [
                _who(r.upn, names),
                f"{r.met_on:%a %d/%m/%Y} {r.met_session}",
                str(r.unauthorised_in_window),
            ]  # fmt: skip
            for r in crossings
        ]
        self._fill(self.crossings, 2, "New threshold crossings", rows)

    def _fill(self, tree: QTreeWidget, tab: int, name: str, rows: list[list[str]]) -> None:
        tree.clear()
        tree.addTopLevelItems([QTreeWidgetItem(row) for row in rows[:MAX_ROWS]])
        if len(rows) > MAX_ROWS:
            tree.addTopLevelItem(QTreeWidgetItem([f"… and {len(rows) - MAX_ROWS} more"]))
        for column in range(tree.columnCount()):
            tree.resizeColumnToContents(column)
        self.setTabText(tab, f"{name} ({len(rows)})")

    def lines(self, tree: QTreeWidget) -> list[str]:
        """The rows as text, columns joined by " | " (what the tests and screen readers get)."""
        return [
            " | ".join(tree.topLevelItem(i).text(c) for c in range(tree.columnCount()))
            for i in range(tree.topLevelItemCount())
        ]


def _who(upn: str, names: Mapping[str, str]) -> str:
    return f"{names[upn]} ({upn})" if names.get(upn) else upn
