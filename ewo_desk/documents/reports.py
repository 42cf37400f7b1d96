"""Reports as PDF tables: a school's targeting list, the penalty-notice register, and a subject
access export.

Wide tables go on landscape A4; every table repeats its header row on each page, and every page
says "Page X of Y" with the report's title and reference, so a printed page that goes astray can be
put back. Values are escaped and glyph-checked like letters (a name prints as written; a character
the font lacks is marked, never a blank box).

    pdf = targeting_pdf(rows, school="St Mary's", period=(start, as_of), council="Northbridge")
    pdf = pn_register_pdf([row.as_dict() for row in register], council=..., today=...)
    pdf = subject_access_pdf(child_export(session, ref, today), council=..., today=...)
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from ewo_desk.documents.fonts import GlyphCheck, draw_text, text_width
from ewo_desk.documents.markup import escape_value, inline, paragraph
from ewo_desk.documents.styles import ACCENT, INK, MUTED, RULE, SHADE, Styles, styles
from ewo_desk.documents.values import fmt_datetime
from ewo_desk.domain.attendance.targeting import TargetingRow
from ewo_desk.domain.pathway.formatting import fmt_money

MARGIN = 15 * mm
FRAME_PAD = 6  # reportlab's default frame padding, in points
CELLS = [
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("GRID", (0, 0), (-1, -1), 0.35, RULE),
    ("LEFTPADDING", (0, 0), (-1, -1), 3),
    ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ("TOPPADDING", (0, 0), (-1, -1), 2),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
]
MARKING = "OFFICIAL-SENSITIVE"
FLAG = colors.HexColor("#B00020")  # redaction review: visible in colour and in greyscale


class _Report:
    """One report: a story of flowables on portrait or landscape A4 with numbered pages."""

    def __init__(self, title: str, council: str, reference: str, wide: bool, size: float) -> None:
        self.title, self.council, self.reference = title, council, reference
        self.page = landscape(A4) if wide else A4
        self.width = self.page[0] - 2 * MARGIN  # the frame's padding sits inside the margin
        self.s: Styles = styles("sans", size)
        self.glyphs = GlyphCheck(self.s.family)
        self.story: list[Flowable] = [self.para(title, self.s.heading1)]

    def para(self, text: Any, style: Any = None) -> Paragraph:
        value = "" if text is None else str(text)
        return paragraph(inline(escape_value(value), self.glyphs), style or self.s.body)

    def line(self, text: str) -> None:
        self.story.append(self.para(text, self.s.small))

    def table(
        self,
        header: Sequence[str],
        rows: Sequence[Sequence[Any]],
        widths: Sequence[float],
        extra: Sequence[tuple[Any, ...]] = (),
    ) -> None:
        """`widths`: how the room left after each column's longest word is shared out (0: the
        column gets only what its longest word needs); `extra` adds TableStyle commands."""
        cells = [[self.para(h, self.s.cell_header) for h in header]]
        cells += [[self.para(v, self.s.cell) for v in row] for row in rows]
        table = Table(cells, colWidths=self._fit(header, rows, widths), repeatRows=1)
        head = [("BACKGROUND", (0, 0), (-1, 0), SHADE), ("LINEBELOW", (0, 0), (-1, 0), 1, ACCENT)]
        table.setStyle(TableStyle([*CELLS, *head, *extra]))
        self.story += [table, Spacer(1, 4 * mm)]

    def columns(self, columns: Sequence[Column], rows: Sequence[Any]) -> None:
        body = [[_text(get(row)) for _h, _s, get in columns] for row in rows]
        self.table([h for h, _s, _g in columns], body, [share for _h, share, _g in columns])

    def _fit(
        self, header: Sequence[str], rows: Sequence[Sequence[Any]], shares: Sequence[float]
    ) -> list[float]:
        """Column widths that never break a word (a date, a UPN, "Attendance") when the page
        has room for that, with the rest shared by `shares`."""
        pad = 6.5  # left and right cell padding, and a little air
        need = []
        for i, title in enumerate(header):
            words = [(w, self.s.family.bold) for w in str(title).split()]
            words += [(w, self.s.family.regular) for row in rows for w in str(row[i] or "").split()]
            size = self.s.cell.fontSize
            widths = (text_width(w, f, size, self.glyphs) for w, f in words)
            need.append(max(widths, default=0) + pad)
        spare = self.width - sum(need)
        if spare < 0 or not sum(shares):
            total = sum(shares) or len(shares)
            return [self.width * (s or 1) / total for s in shares]
        return [n + spare * s / sum(shares) for n, s in zip(need, shares, strict=True)]

    def build(self) -> bytes:
        buffer = io.BytesIO()
        doc = SimpleDocTemplate(
            buffer,
            pagesize=self.page,
            leftMargin=MARGIN - FRAME_PAD,
            rightMargin=MARGIN - FRAME_PAD,
            topMargin=MARGIN + 6 * mm,
            bottomMargin=MARGIN + 4 * mm,
            title=self.title,
            author=self.council,
            creator="EWO Desk",
            invariant=1,
            pageCompression=1,
        )
        draw = self._header
        doc.build(self.story, onFirstPage=draw, onLaterPages=draw, canvasmaker=self._canvas())
        return buffer.getvalue()

    def _header(self, canvas: Canvas, _doc: Any) -> None:
        w, h = self.page
        canvas.saveState()
        canvas.setFont(self.s.family.bold, 8.5)
        canvas.setFillColor(INK)
        canvas.drawCentredString(w / 2, h - 8 * mm, MARKING)
        canvas.setFont(self.s.family.regular, 8.5)
        canvas.setFillColor(MUTED)
        face = self.s.family.regular
        draw_text(canvas, MARGIN, h - 13 * mm, self.council, face, 8.5, self.glyphs)
        canvas.restoreState()

    def _canvas(self) -> type[Canvas]:
        report = self

        class Numbered(Canvas):
            """Defers pages so each footer can say "Page X of Y" (as documents/pdf.py does)."""

            def __init__(self, *args: Any, **kwargs: Any) -> None:
                super().__init__(*args, **kwargs)
                self._states: list[dict[str, Any]] = []

            def showPage(self) -> None:  # noqa: N802 (reportlab's name)
                self._states.append(dict(self.__dict__))
                self._startPage()

            def save(self) -> None:
                for number, state in enumerate(self._states, start=1):
                    self.__dict__.update(state)
                    report._footer(self, number, len(self._states))
                    super().showPage()
                super().save()

        return Numbered

    def _footer(self, canvas: Canvas, page: int, total: int) -> None:
        w, _h = self.page
        y = MARGIN - 2 * mm
        canvas.saveState()
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.4)
        canvas.line(MARGIN, y + 4 * mm, w - MARGIN, y + 4 * mm)
        canvas.setFont(self.s.family.regular, 8.5)
        canvas.setFillColor(MUTED)
        left = "  ·  ".join(p for p in (self.reference, self.title) if p)
        draw_text(canvas, MARGIN, y, left, self.s.family.regular, 8.5, self.glyphs)
        canvas.setFont(self.s.family.bold, 8.5)
        canvas.setFillColor(INK)
        canvas.drawRightString(w - MARGIN, y, f"Page {page} of {total}")
        canvas.restoreState()


def _day(value: Any) -> str:
    if not value:
        return ""
    day = value if isinstance(value, date) else date.fromisoformat(str(value)[:10])
    return day.strftime("%d/%m/%Y")


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _pct(value: float | None) -> str:
    return "" if value is None else f"{value:.1f}%"


def _yes(flag: bool) -> str:
    return "yes" if flag else ""


def _money(pence: Any) -> str:
    return "" if pence is None else fmt_money(int(pence))


# --- targeting list ----------------------------------------------------------------------

Column = tuple[str, float, Callable[[Any], Any]]  # header, share of spare width, value
TARGETING: tuple[Column, ...] = (
    ("UPN", 0, lambda r: r.upn),
    ("Name", 3, lambda r: r.context.name),
    ("Year", 0, lambda r: r.context.year_group),
    ("Level", 0, lambda r: r.level),
    ("Recent", 0, lambda r: _pct(r.recent_attendance_pct)),
    ("Attendance", 0, lambda r: _pct(r.attendance_pct)),
    ("Absence", 0, lambda r: _pct(r.absence_pct)),
    ("Sessions", 0, lambda r: r.possible),
    ("PA", 0, lambda r: _yes(r.persistent)),
    ("SA", 0, lambda r: _yes(r.severe)),
    ("Holiday", 0, lambda r: _yes(r.holiday_trigger)),
    ("PN threshold met", 1, lambda r: _day(r.threshold_met_on) if r.threshold_met else ""),
    ("N", 0, lambda r: r.unresolved_n or ""),
    ("Vulnerability; siblings", 4,
     lambda r: "; ".join([*r.context.vulnerability_flags, *r.context.siblings])),
)  # fmt: skip


def targeting_pdf(
    rows: Sequence[TargetingRow],
    *,
    school: str,
    period: tuple[date, date],
    council: str,
    reference: str = "",
) -> bytes:
    r = _Report(f"Targeting list: {school}", council, reference, wide=True, size=9.5)
    r.line(
        f"Attendance from {_day(period[0])} to {_day(period[1])}, most concerning first. "
        f"{len(rows)} pupil{'s' if len(rows) != 1 else ''}. PA: persistent absence (10% or more); "
        "SA: severe absence (50% or more); N: N codes not yet resolved."
    )
    r.story.append(Spacer(1, 3 * mm))
    r.columns(TARGETING, rows)
    if not rows:
        r.line("No pupils are on the list for this period.")
    return r.build()


# --- penalty-notice register ---------------------------------------------------------------


def _amount(row: Mapping[str, Any]) -> str:
    amount = f"{_money(row.get('full_pence'))} by {_day(row.get('full_until'))}"
    if row.get("reduced_pence") is None:
        return amount
    return f"{_money(row['reduced_pence'])} by {_day(row.get('reduced_until'))}; {amount}"


def _withdrawn(row: Mapping[str, Any]) -> str:
    if not row.get("withdrawn_on"):
        return ""
    return f"{_day(row['withdrawn_on'])} ({_words(row.get('withdrawal_ground'))})"


def _laid(row: Mapping[str, Any]) -> str:
    if not row.get("information_laid_on"):
        return ""
    laid = f"{row.get('prosecution_offence') or ''} laid {_day(row['information_laid_on'])}"
    return laid + (
        f": {_words(row['prosecution_result'])}" if row.get("prosecution_result") else ""
    )


def _paid(row: Mapping[str, Any]) -> str:
    paid = _money(row.get("paid_pence")) if row.get("paid_pence") else ""
    return paid + (f" ({_day(row['paid_on'])})" if row.get("paid_on") else "")


def _words(value: Any) -> str:
    return str(value or "").replace("_", " ")


REGISTER: tuple[Column, ...] = (
    ("Case", 0, lambda r: r.get("case_ref")),
    ("Notice", 0, lambda r: r.get("notice_id")),
    ("Parent or carer", 2, lambda r: r.get("parent_name")),
    ("Child", 2, lambda r: r.get("child_name")),
    ("Issued", 0, lambda r: _day(r.get("issued_on"))),
    ("Offence period", 1, lambda r: f"{_day(r.get('offence_start'))} to "
     f"{_day(r.get('offence_end'))}"),
    ("No.", 0, lambda r: r.get("sequence")),
    ("Posted / received", 1, lambda r: f"{_day(r.get('posted_on')) or 'not recorded'} / "
     f"{_day(r.get('received_on'))}"),
    ("Amount due", 2, _amount),
    ("Paid", 1, _paid),
    ("Status", 1, lambda r: _words(r.get("status"))),
    ("Withdrawn", 1, _withdrawn),
    ("Prosecution", 2, _laid),
)  # fmt: skip


def pn_register_pdf(rows: Sequence[Mapping[str, Any]], *, council: str, today: date) -> bytes:
    """`rows`: `PnRegisterRow.as_dict()` values (ISO dates, integer pence)."""
    r = _Report("Penalty-notice register", council, f"As at {_day(today)}", wide=True, size=9.5)
    r.line(
        f"{len(rows)} penalty notice{'s' if len(rows) != 1 else ''}, in order of issue. No.: the "
        "notice's number in the three-year count (0: issued before 19/08/2024)."
    )
    r.story.append(Spacer(1, 3 * mm))
    r.columns(REGISTER, rows)
    return r.build()


# --- subject access export -----------------------------------------------------------------

REVIEW = "redaction_review"


def subject_access_pdf(export: Mapping[str, Any], *, council: str, today: date) -> bytes:
    """The export of store/subject_access.py, readable: every record as a labelled table, and
    every record marked for redaction review inside a red frame headed with the reason."""
    subject = dict(export.get("subject") or {})
    name = (
        subject.get("name")
        or " ".join(str(subject.get(k) or "") for k in ("given_names", "family_name")).strip()
    )
    r = _Report(
        f"Subject access request: {name}", council, f"Printed {_day(today)}", wide=False, size=10
    )
    flagged = _count_flags(export)
    r.line(
        f"Request received {_day(export.get('received_on'))}; respond by "
        f"{_day(export.get('respond_by'))}. {flagged} record{'s are' if flagged != 1 else ' is'} "
        "marked for redaction review (in a red frame): decide on each before anything is sent."
    )
    r.story.append(Spacer(1, 3 * mm))
    r.story.append(r.para("The person", r.s.heading2))
    _record(r, subject)
    if export.get("statement"):
        r.story.append(r.para("About this information", r.s.heading2))
        _record(r, dict(export["statement"]))
    skip = {"subject", "statement", "received_on", "respond_by"}
    for key, value in export.items():
        if key not in skip:
            r.story.append(r.para(_label(key), r.s.heading2))
            _value(r, value)
    return r.build()


def _label(key: str) -> str:
    return key.replace("_", " ").capitalize()


def _count_flags(value: Any) -> int:
    if isinstance(value, Mapping):
        own = 1 if value.get(REVIEW) else 0
        return own + sum(_count_flags(v) for v in value.values())
    if isinstance(value, list):
        return sum(_count_flags(v) for v in value)
    return 0


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list) and all(not isinstance(v, Mapping | list) for v in value):
        return ", ".join(str(v) for v in value)
    if isinstance(value, Mapping):
        return "; ".join(
            f"{_label(k)}: {_scalar(v)}" for k, v in value.items() if v not in (None, "", [])
        )
    if isinstance(value, str) and _ISO.match(value):
        return _when(value)
    return "" if value is None else str(value)


_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:\d{2}|Z)?)?$")


def _when(text: str) -> str:
    """ISO dates and times from the export as an officer reads them (London time)."""
    try:
        if "T" not in text:
            return _day(text)
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
        return fmt_datetime(moment)
    except ValueError:
        return text


def _is_flat(value: Any) -> bool:
    return not isinstance(value, Mapping | list) or (
        isinstance(value, list) and all(not isinstance(v, Mapping | list) for v in value)
    )


def _value(r: _Report, value: Any) -> None:
    if isinstance(value, list) and not value:
        r.line("None held.")
    elif isinstance(value, list) and all(isinstance(v, Mapping) for v in value):
        keys = list(dict.fromkeys(k for v in value for k in v))
        flat = all(_is_flat(v.get(k)) for v in value for k in keys)
        if flat and len(keys) <= 6 and not any(v.get(REVIEW) for v in value):
            body = [[_scalar(v.get(k)) for k in keys] for v in value]
            r.table([_label(k) for k in keys], body, [1] * len(keys))
        else:
            for item in value:
                _record(r, dict(item))
    elif isinstance(value, Mapping):
        _record(r, dict(value))
    else:
        r.story.append(r.para(_scalar(value)))


def _record(r: _Report, item: dict[str, Any]) -> None:
    """One record as a two-column table; lists of records inside it follow as sub-tables."""
    reason = item.pop(REVIEW, "")
    rows = [
        [_label(k), _scalar(v)] for k, v in item.items() if _is_flat(v) or isinstance(v, Mapping)
    ]
    nested = [(k, v) for k, v in item.items() if not (_is_flat(v) or isinstance(v, Mapping))]
    header = [f"Redaction review: {reason}", ""] if reason else None
    extra: list[tuple[Any, ...]] = [("BACKGROUND", (0, 1 if header else 0), (0, -1), SHADE)]
    if header:
        extra += [
            ("SPAN", (0, 0), (-1, 0)),
            ("BACKGROUND", (0, 0), (-1, 0), FLAG),
            ("TEXTCOLOR", (0, 0), (-1, 0), colors.white),
            ("BOX", (0, 0), (-1, -1), 2, FLAG),
            ("LINEBELOW", (0, 0), (-1, 0), 0, FLAG),
        ]
    white = r.s.cell_header.clone("flag", textColor=colors.white)
    cells: list[list[Any]] = [[r.para(header[0], white), ""]] if header else []
    cells += [[r.para(k, r.s.cell_header), r.para(v or "—", r.s.cell)] for k, v in rows]
    if cells:  # the reason heads the record again on each page it runs onto
        table = Table(
            cells, colWidths=[r.width * 0.28, r.width * 0.72], repeatRows=int(bool(header))
        )
        table.setStyle(TableStyle([*CELLS, *extra]))
        r.story += [table, Spacer(1, 3 * mm)]
    for key, value in nested:
        r.story.append(r.para(_label(key), r.s.heading3))
        _value(r, value)


__all__ = ["pn_register_pdf", "subject_access_pdf", "targeting_pdf"]
