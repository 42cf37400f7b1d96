"""A PDF shown as pictures of its pages (rendered with pdfium), and printed the same way.

Pages are rendered when they scroll into view and kept for the current width only, so a
300-page bundle opens at once and costs memory for the few pages near the view. pdfium is not
thread-safe: printing runs on a worker thread (Qt allows painting on a QPrinter there), so every
use of pdfium, there or in the view, holds one lock.
"""

from __future__ import annotations

import threading

import pypdfium2 as pdfium
from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QScrollArea, QVBoxLayout, QWidget

from ewo_desk.documents.errors import DocumentError
from ewo_desk.ui.style import label

GAP = 12  # pixels between pages and around them
PDFIUM = threading.Lock()  # pdfium is one library state for the whole process
KEEP_PAGES = 8  # page pictures kept for scrolling back
MAX_PRINT_DPI = 600  # above this a page's picture costs four times the memory for no visible gain


def page_image(page: pdfium.PdfPage, scale: float) -> QImage:
    """One page as a picture, `scale` pixels per PDF point."""
    bitmap = page.render(scale=scale, rev_byteorder=True, prefer_bgrx=True)
    image = QImage(
        bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride, QImage.Format.Format_RGBX8888
    )
    return image.copy()  # the bitmap's memory goes when pdfium closes it


def print_pdf(printer: QPrinter, pdf: bytes) -> int:
    """Paint every page onto the printer, one sheet each, fitted inside its printable area.
    Returns the number of pages sent. Safe to call on a worker thread."""
    with PDFIUM:
        document = pdfium.PdfDocument(pdf)
        sizes = [document[i].get_size() for i in range(len(document))]
    painter = QPainter()
    try:
        if not painter.begin(printer):
            raise DocumentError(
                "The printer could not be started. Check that it is switched on and try again."
            )
        dpi = min(printer.resolution(), MAX_PRINT_DPI)
        area = printer.pageLayout().paintRectPixels(printer.resolution())
        for index, (width, height) in enumerate(sizes):
            if index and not printer.newPage():
                raise DocumentError(f"The printer stopped after page {index}; print it again.")
            with PDFIUM:
                page = document[index]
                image = page_image(page, dpi / 72)
                page.close()
            fit = min(area.width() / width, area.height() / height)
            painter.drawImage(QRectF(0, 0, width * fit, height * fit), image)
        return len(sizes)
    finally:
        if painter.isActive():
            painter.end()
        with PDFIUM:
            document.close()


class _Pages(QWidget):
    """The pages one under another, fitted to the width it is given."""

    def __init__(self) -> None:
        super().__init__()
        # the bytes, not an open pdfium document: it is opened only while pages are rendered,
        # so nothing is left open when the view goes away
        self.pdf = b""
        self.sizes: list[tuple[float, float]] = []  # in PDF points
        self.tops: list[int] = []
        self.cache: dict[int, QImage] = {}
        self.setAutoFillBackground(False)

    def load(self, pdf: bytes | None) -> None:
        self.pdf, self.sizes, self.cache = pdf or b"", [], {}
        if pdf:
            with PDFIUM:
                document = pdfium.PdfDocument(pdf)
                self.sizes = [document[i].get_size() for i in range(len(document))]
                document.close()
        self.fit(self.width())

    def fit(self, width: int) -> None:
        self.cache = {}
        inner = max(width - 2 * GAP, 50)
        self.tops, y = [], GAP
        for w, h in self.sizes:
            self.tops.append(y)
            y += round(h * inner / w) + GAP
        self.setFixedHeight(y if self.sizes else 0)
        self.update()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.fit(event.size().width())  # fit-width: the pages follow the view's width

    def page_rect(self, index: int) -> QRect:
        w, h = self.sizes[index]
        inner = max(self.width() - 2 * GAP, 50)
        return QRect(GAP, self.tops[index], inner, round(h * inner / w))

    def page_at(self, y: int) -> int:
        """The page showing at height y (0-based)."""
        found = 0
        for index, top in enumerate(self.tops):
            if top - GAP <= y:
                found = index
        return found

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.fillRect(event.rect(), self.palette().mid())
        shown = [i for i in range(len(self.sizes)) if self.page_rect(i).intersects(event.rect())]
        self._render([i for i in shown if i not in self.cache])
        if shown:  # keep the pictures nearest the view only: a long bundle would fill memory
            middle = shown[len(shown) // 2]
            for index in sorted(self.cache, key=lambda i: abs(i - middle))[KEEP_PAGES:]:
                del self.cache[index]
        for index in shown:
            rect = self.page_rect(index)
            painter.fillRect(rect.translated(2, 2), QColor(0, 0, 0, 60))  # a faint shadow
            painter.drawImage(rect, self.cache.get(index, QImage()))
        painter.end()

    def _render(self, indexes: list[int]) -> None:
        if not indexes:
            return
        ratio = self.devicePixelRatioF()
        with PDFIUM:  # waits for at most one page while a print job renders
            document = pdfium.PdfDocument(self.pdf)
            try:
                for index in indexes:
                    page = document[index]
                    width = self.page_rect(index).width() * ratio
                    image = page_image(page, width / self.sizes[index][0])
                    image.setDevicePixelRatio(ratio)
                    page.close()
                    self.cache[index] = image
            finally:
                document.close()


class PdfPreview(QWidget):
    """A scrollable view of a PDF's pages at the width of the view, with "Page x of y"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pages = _Pages()
        self.scroll = QScrollArea()
        self.scroll.setWidget(self.pages)
        self.scroll.setWidgetResizable(True)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # always there, so the width the pages fit never changes as they load (no relayout loop)
        self.scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.scroll.setAccessibleName("Preview of the document")
        self.position = label(role="muted", wrap=False)
        self.position.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.blank = label(role="muted")
        self.blank.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroll, 1)
        layout.addWidget(self.blank, 1)
        layout.addWidget(self.position)
        self.scroll.verticalScrollBar().valueChanged.connect(self._update_position)
        self.clear("No document to show.")

    @property
    def page_count(self) -> int:
        return len(self.pages.sizes)

    @property
    def current_page(self) -> int:
        """1-based, as shown."""
        if not self.page_count:
            return 0
        return self.pages.page_at(self.scroll.verticalScrollBar().value()) + 1

    def set_pdf(self, pdf: bytes) -> None:
        self.pages.load(pdf)
        self.scroll.setVisible(True)
        self.blank.setVisible(False)
        self.scroll.verticalScrollBar().setValue(0)
        self._update_position()

    def clear(self, text: str = "") -> None:
        """No pages; `text` says why (nothing chosen yet, or the document could not be made)."""
        self.pages.load(None)
        self.blank.setText(text)
        self.blank.setVisible(True)
        self.scroll.setVisible(False)
        self.position.setText("")

    def go_to_page(self, number: int) -> None:
        if 1 <= number <= self.page_count:
            self.scroll.verticalScrollBar().setValue(self.pages.tops[number - 1] - GAP)

    def _update_position(self) -> None:
        if self.page_count:
            self.position.setText(f"Page {self.current_page} of {self.page_count}")
