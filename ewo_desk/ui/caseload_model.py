"""The caseload table as a real Qt model over `store.caseload` rows, and its filter.

The rows come in two steps: `set_cases` with what every case shows at once (names, school, step,
officer; `store.caseload.caseload_rows`), then `set_figures` with attendance, level, persistent or
severe absence and overdue counts (`store.caseload.caseload_figures`), computed off the GUI thread.
Everything a cell, a sort or a filter reads is worked out once per row when the rows arrive.

No widgets here: the model and the proxy are tested on their own (and with qtmodeltester).
"""

from __future__ import annotations

from typing import Any, NamedTuple

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor

from ewo_desk.ui import labels

AnyIndex = QModelIndex | QPersistentModelIndex

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
REF_ROLE = Qt.ItemDataRole.UserRole + 2

COLUMNS = (
    "Ref", "Child", "Year", "School", "Step", "Attendance", "Level", "PA/SA", "Overdue",
    "Officer", "Status", "Opened",
)  # fmt: skip
(REF, CHILD, YEAR, SCHOOL, STAGE, ATTENDANCE, LEVEL, ABSENCE, OVERDUE, OFFICER, STATUS,
 OPENED) = range(len(COLUMNS))  # fmt: skip
FIGURE_COLUMNS = (ATTENDANCE, LEVEL, ABSENCE, OVERDUE)
ALIGNMENT = {  # figures line up: percentages right, short codes and counts centred
    ATTENDANCE: Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
    LEVEL: Qt.AlignmentFlag.AlignCenter,
    ABSENCE: Qt.AlignmentFlag.AlignCenter,
    OVERDUE: Qt.AlignmentFlag.AlignCenter,
}
LONG_TEXT_COLUMNS = frozenset((CHILD, SCHOOL, STAGE, OFFICER))  # may be elided: whole in a tip
HEADER_TIPS = {
    ATTENDANCE: "Attendance this school year to date",
    LEVEL: "The council's graduated attendance level (over the last school weeks)",
    ABSENCE: "PA: persistent absence (10% or more this school year); SA: severe (50% or more)",
    OVERDUE: "Deadlines on the legal pathway whose due day has passed",
}
PENDING = "…"  # a figure still being worked out
_DISPLAY = int(Qt.ItemDataRole.DisplayRole.value)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole.value)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole.value)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole.value)
_UNUSED_ROLES = frozenset(
    int(r.value)
    for r in (Qt.ItemDataRole.FontRole, Qt.ItemDataRole.CheckStateRole,
              Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.BackgroundRole,
              Qt.ItemDataRole.SizeHintRole, Qt.ItemDataRole.EditRole)
)  # fmt: skip
DANGER = QColor("#c0392b")

# The absence filter's choices: (label, test on the row's absence rank 0 none, 1 PA, 2 SA)
ABSENCE_CHOICES = (
    ("PA or SA", 1),  # severe absence is persistent absence too
    ("SA only", 2),
    ("Neither", 0),
)


class Keys(NamedTuple):
    """What the filter bar compares, per row."""

    stage: str
    school: str
    level: int | None
    absence: int  # 0 none, 1 persistent, 2 severe
    overdue: int
    officer: str


class CaseloadModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[dict[str, Any]] = []
        self._display: list[list[str]] = []
        self._keys: list[Keys] = []
        self._search: list[str] = []
        self._row_of: dict[str, int] = {}
        self.figures_ready = False
        self.figures_problem = ""  # why the figures could not be worked out, if they could not

    # --- filling ------------------------------------------------------------------------

    def set_cases(self, rows: list[dict[str, Any]]) -> None:
        """New rows. Rows that already carry their figures (`store.caseload.caseload`) show them
        at once; otherwise the figure columns wait for `set_figures`."""
        self.beginResetModel()
        self.figures_problem = ""
        self._rows = [dict(row) for row in rows]
        self.figures_ready = bool(self._rows) and all("overdue" in row for row in self._rows)
        self._display = [self._display_row(row) for row in self._rows]
        self._keys = [self._keys_of(row) for row in self._rows]
        self._search = [self._search_text(row) for row in self._rows]
        self._row_of = {row["ref"]: n for n, row in enumerate(self._rows)}
        self.endResetModel()

    def set_figures(self, figures: dict[str, dict[str, Any]]) -> None:
        """Fill the figure columns in place (selection, scroll and sorting stay)."""
        for ref, values in figures.items():
            n = self._row_of.get(ref)
            if n is not None:
                self._rows[n].update(values)
        self.figures_ready = True
        self._display = [self._display_row(row) for row in self._rows]
        self._keys = [self._keys_of(row) for row in self._rows]
        if self._rows:
            self.dataChanged.emit(
                self.index(0, FIGURE_COLUMNS[0]), self.index(len(self._rows) - 1, OVERDUE)
            )

    def set_figures_failed(self, problem: str) -> None:
        """The figures could not be worked out: their cells go blank and say why."""
        self.figures_problem = problem
        self._display = [self._display_row(row) for row in self._rows]
        if self._rows:
            self.dataChanged.emit(
                self.index(0, FIGURE_COLUMNS[0]), self.index(len(self._rows) - 1, OVERDUE)
            )

    def case_at(self, row: int) -> dict[str, Any]:
        return self._rows[row]

    def search_text(self, row: int) -> str:
        return self._search[row]

    def search_texts(self) -> list[str]:
        return self._search

    def keys(self) -> list[Keys]:
        return self._keys

    def _display_row(self, row: dict[str, Any]) -> list[str]:
        ready = self.figures_ready or "overdue" in row or bool(self.figures_problem)
        overdue = row.get("overdue") or 0
        return [
            row["ref"],
            row["child"],
            labels.year_label(row.get("year_group")),
            row.get("school") or "",
            labels.stage_label(row.get("stage") or ""),
            labels.percent(row.get("attendance_pct")) if ready else PENDING,
            labels.level_number(row.get("level")) if ready else PENDING,
            labels.absence_flag(row.get("persistent"), row.get("severe")) if ready else PENDING,
            (str(overdue) if overdue else "") if ready else PENDING,
            row.get("officer") or "",
            labels.status_label(row.get("status") or ""),
            labels.uk_date(row.get("opened_on")),
        ]

    @staticmethod
    def _keys_of(row: dict[str, Any]) -> Keys:
        return Keys(
            stage=labels.stage_label(row.get("stage") or ""),
            school=row.get("school") or "",
            level=row.get("level"),
            absence=2 if row.get("severe") else 1 if row.get("persistent") else 0,
            overdue=row.get("overdue") or 0,
            officer=row.get("officer") or "",
        )

    @staticmethod
    def _search_text(row: dict[str, Any]) -> str:
        postcode = row.get("postcode") or ""
        parts = (
            row["ref"], row["child"], row.get("preferred_name") or "", row.get("upn") or "",
            row.get("school") or "", postcode, postcode.replace(" ", ""),
            row.get("address") or "", *(row.get("parents") or ()),
        )  # fmt: skip
        return labels.folded(" \u0001 ".join(parts))

    # --- the model ----------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: AnyIndex, role: int = _DISPLAY) -> Any:
        # Called for every role of every cell painted: the common answers come first.
        row = index.row()
        if row < 0:
            return None
        if role == _DISPLAY:
            return self._display[row][index.column()]
        if role in _UNUSED_ROLES:
            return None
        column = index.column()
        if role == _ALIGNMENT:
            return ALIGNMENT.get(column)
        if role == _FOREGROUND:
            return DANGER if column == OVERDUE and self._keys[row].overdue else None
        if role == SORT_ROLE:
            return self._sort_key(row, column)
        if role == REF_ROLE:
            return self._rows[row]["ref"]
        if role == _TOOLTIP:
            return self._tooltip(self._rows[row], column)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return HEADER_TIPS.get(section)
        if role == Qt.ItemDataRole.TextAlignmentRole and section in ALIGNMENT:
            return ALIGNMENT[section]
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def _sort_key(self, row: int, column: int) -> Any:
        case, keys = self._rows[row], self._keys[row]
        if column == YEAR:
            return labels.year_sort_key(case.get("year_group"))
        if column == OPENED:
            return case.get("opened_on") or ""
        if column == ATTENDANCE:
            pct = case.get("attendance_pct")
            return -1.0 if pct is None else float(pct)
        if column == LEVEL:
            return keys.level or 0
        if column == ABSENCE:
            return keys.absence
        if column == OVERDUE:
            return keys.overdue
        return labels.folded(self._display[row][column])

    def _tooltip(self, case: dict[str, Any], column: int) -> str | None:
        if column == CHILD:
            return self._child_tooltip(case)
        if column in LONG_TEXT_COLUMNS:
            return self._display[self._row_of[case["ref"]]][column] or None
        if column in FIGURE_COLUMNS and not (self.figures_ready or "overdue" in case):
            if self.figures_problem:
                return f"The figures could not be worked out: {self.figures_problem}"
            return "Working out the figures…"
        if column == ATTENDANCE:
            if case.get("attendance_pct") is None:
                return "No marks held for this school year"
            return (
                f"{labels.percent(case['attendance_pct'])} attendance this school year "
                f"({case.get('possible', 0)} possible sessions)"
            )
        if column == LEVEL:
            level = case.get("level")
            return labels.level_label(level) if level else "No school weeks in the level window"
        if column == ABSENCE:
            return labels.absence_text(case.get("persistent"), case.get("severe")) or None
        if column == OVERDUE and case.get("overdue"):
            n = case["overdue"]
            return f"{n} deadline{'s' if n != 1 else ''} overdue: see the case's pathway"
        return None

    @staticmethod
    def _child_tooltip(case: dict[str, Any]) -> str:
        lines = [case["child"]]
        if case.get("preferred_name"):
            lines.append(f"Known as {case['preferred_name']}")
        if case.get("age") is not None:
            lines.append(f"Age {case['age']}")
        if case.get("upn"):
            lines.append(f"UPN {case['upn']}")
        if case.get("address"):
            lines.append(case["address"])
        if case.get("parents"):
            lines.append("Parents/carers: " + "; ".join(case["parents"]))
        lines.extend(labels.flag_labels(case.get("flags") or []))
        return "\n".join(lines)


class CaseloadFilter(QSortFilterProxyModel):
    """Sorts by each column's sort key; filters on every word of the search (accent-blind) and
    on the filter bar's choices. Which rows pass is worked out in one pass over the model's
    precomputed text when the search or a choice changes; `filterAcceptsRow` only looks it up."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._terms: list[str] = []
        self._choices: dict[str, Any] = {}
        self._accepted: list[bool] | None = None  # None: every row
        self.setSortRole(SORT_ROLE)

    def setSourceModel(self, model: Any) -> None:  # noqa: N802 - Qt's name
        previous = self.sourceModel()
        if previous is not None:
            for signal in (previous.modelReset, previous.dataChanged):
                signal.disconnect(self._source_changed)
        if model is not None:
            # Connected before the proxy's own handlers, so the rows that pass are worked out
            # again before the proxy asks about them.
            model.modelReset.connect(self._source_changed)
            model.dataChanged.connect(self._source_changed)
        super().setSourceModel(model)
        self._accepted = self._compute()

    # --- what the page sets --------------------------------------------------------------

    def set_search(self, text: str) -> None:
        terms = labels.folded(text).split()
        if terms == self._terms:
            return
        self._refilter(terms, self._choices)

    def set_choice(self, name: str, value: Any) -> None:
        """One filter-bar choice: "stage", "school", "officer" (exact text), "level" (a number,
        or 0 for none), "absence" (see ABSENCE_CHOICES), "overdue" (True: overdue only).
        None clears it."""
        choices = dict(self._choices)
        if value is None or value is False:
            choices.pop(name, None)
        else:
            choices[name] = value
        if choices != self._choices:
            self._refilter(self._terms, choices)

    def clear_choices(self) -> None:
        if self._choices:
            self._refilter(self._terms, {})

    @property
    def choices(self) -> dict[str, Any]:
        return dict(self._choices)

    @property
    def filtering(self) -> bool:
        return bool(self._terms or self._choices)

    # --- filtering ------------------------------------------------------------------------

    def _refilter(self, terms: list[str], choices: dict[str, Any]) -> None:
        self.beginFilterChange()
        self._terms, self._choices = terms, choices
        self._accepted = self._compute()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def _source_changed(self, *args: object) -> None:
        self._accepted = self._compute()

    def _compute(self) -> list[bool] | None:
        model = self.sourceModel()
        if not isinstance(model, CaseloadModel) or not (self._terms or self._choices):
            return None
        texts = model.search_texts()
        if self._terms:
            terms = self._terms
            if len(terms) == 1:
                term = terms[0]
                accepted = [term in text for text in texts]
            else:
                accepted = [all(t in text for t in terms) for text in texts]
        else:
            accepted = [True] * len(texts)
        if self._choices:
            test = _choice_test(self._choices)
            accepted = [ok and test(keys) for ok, keys in zip(accepted, model.keys(), strict=True)]
        return accepted

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:  # noqa: N802
        accepted = self._accepted
        if accepted is None or source_row >= len(accepted):
            return True
        return accepted[source_row]


def _choice_test(choices: dict[str, Any]) -> Any:
    stage, school, officer = choices.get("stage"), choices.get("school"), choices.get("officer")
    level, absence, overdue = choices.get("level"), choices.get("absence"), choices.get("overdue")

    def test(keys: Keys) -> bool:
        if stage is not None and keys.stage != stage:
            return False
        if school is not None and keys.school != school:
            return False
        if officer is not None and keys.officer != officer:
            return False
        if level is not None and (keys.level or 0) != level:
            return False
        if absence is not None and not (keys.absence >= absence if absence else keys.absence == 0):
            return False
        return not (overdue and not keys.overdue)

    return test
