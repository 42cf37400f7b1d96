"""The PDF preview (pages rendered with pdfium, page x of y) and printing onto a QPrinter."""

import io

from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen.canvas import Canvas

from ewo_desk.ui.documents import PdfPreview, print_pdf


def pdf(pages: int, *, wide_last: bool = False) -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4)
    for number in range(1, pages + 1):
        if wide_last and number == pages:
            canvas.setPageSize(landscape(A4))
        canvas.drawString(72, 700, f"Page {number}")
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def pdf_printer(path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def test_the_preview_shows_every_page_and_where_you_are(qtbot):
    view = PdfPreview()
    qtbot.addWidget(view)
    view.resize(500, 600)
    view.show()
    assert view.page_count == 0 and view.blank.isVisible()
    view.set_pdf(pdf(3))
    assert view.page_count == 3
    assert view.position.text() == "Page 1 of 3"
    qtbot.waitUntil(lambda: view.pages.width() > 100)
    view.go_to_page(3)
    qtbot.waitUntil(lambda: view.position.text() == "Page 3 of 3")
    picture = view.pages.grab()  # pages are drawn: not all one colour
    image = picture.toImage()
    assert image.pixelColor(image.width() // 2, 40) != image.pixelColor(2, 2)


def test_pages_fit_the_width_and_follow_it(qtbot):
    view = PdfPreview()
    qtbot.addWidget(view)
    view.resize(400, 500)
    view.show()
    view.set_pdf(pdf(2))
    qtbot.waitUntil(lambda: view.pages.width() > 100)
    narrow = view.pages.page_rect(0)
    view.resize(800, 500)
    qtbot.waitUntil(lambda: view.pages.page_rect(0).width() > narrow.width())
    wide = view.pages.page_rect(0)
    assert abs(wide.height() / wide.width() - narrow.height() / narrow.width()) < 0.01
    assert wide.right() < view.pages.width()


def test_print_pdf_paints_one_sheet_per_page(tmp_path):
    out = tmp_path / "printed.pdf"
    assert print_pdf(pdf_printer(out), pdf(4, wide_last=True)) == 4
    assert len(PdfReader(out).pages) == 4
