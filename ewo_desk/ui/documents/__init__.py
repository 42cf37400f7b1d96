"""The documents part of the case workspace: the case's letters and court bundles, making them,
and showing, printing and exporting them exactly as stored."""

from ewo_desk.ui.documents.bundle_dialog import BundleDialog, SupplementDialog
from ewo_desk.ui.documents.letter_dialog import LetterDialog
from ewo_desk.ui.documents.pdf_view import PdfPreview, print_pdf
from ewo_desk.ui.documents.tab import DocumentsTab

__all__ = [
    "BundleDialog",
    "DocumentsTab",
    "LetterDialog",
    "PdfPreview",
    "SupplementDialog",
    "print_pdf",
]
