"""A letterhead, logo or signature: chosen with the file picker, checked as the CLI checks it
(store.settings_store.check_picture), and shown as a thumbnail so a wrong file is seen at once."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QPushButton, QWidget

from ewo_desk.errors import EwoDeskError
from ewo_desk.store.settings_store import check_picture, picture_kind
from ewo_desk.ui import prompts
from ewo_desk.ui.style import label, message_box_label, show_message

log = logging.getLogger(__name__)

THUMBNAIL = QSize(220, 120)
FILTERS = {
    "letterhead": "Letterhead (*.pdf *.png *.jpg *.jpeg)",
    "logo": "Logo (*.png *.jpg *.jpeg)",
    "signature": "Signature (*.png *.jpg *.jpeg)",
}


def thumbnail(data: bytes, size: QSize = THUMBNAIL) -> QPixmap | None:
    """A small picture of an image, or of a PDF's first page; None when it cannot be drawn."""
    image = QImage()
    if picture_kind(data) == "pdf":
        image = _first_page(data)
    else:
        image.loadFromData(data)
    if image.isNull():
        return None
    return QPixmap.fromImage(image).scaled(
        size, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
    )


def _first_page(pdf: bytes) -> QImage:
    import pypdfium2 as pdfium  # only when a PDF letterhead is shown

    try:
        document = pdfium.PdfDocument(pdf)
    except pdfium.PdfiumError:
        return QImage()
    try:
        page = document[0]
        bitmap = page.render(scale=0.5, rev_byteorder=True, prefer_bgrx=True)
        image = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride,
                       QImage.Format.Format_RGBX8888)  # fmt: skip
        return image.copy()  # the bitmap's memory goes when pdfium closes it
    except (pdfium.PdfiumError, IndexError):
        return QImage()
    finally:
        document.close()


class PicturePicker(QWidget):
    changed = Signal()

    def __init__(self, what: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.what = what
        self.current: bytes | None = None  # what the caseload holds now
        self.chosen: bytes | None = None  # a new, checked file waiting for Save
        self.preview = QLabel()
        self.preview.setFrameShape(QFrame.Shape.StyledPanel)
        self.preview.setFixedSize(THUMBNAIL + QSize(8, 8))
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setAccessibleName(f"{what.capitalize()} preview")
        self.file_label = label(role="muted")
        self.choose_button = QPushButton(f"Choose {what}…")
        self.error_label = message_box_label("error-box")
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.preview, 0, 0, 3, 1)
        layout.addWidget(self.choose_button, 0, 1, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.file_label, 1, 1)
        layout.addWidget(self.error_label, 3, 0, 1, 2)
        layout.setColumnStretch(1, 1)
        self.choose_button.clicked.connect(self.choose)
        self._show(None)

    def set_current(self, data: bytes | None) -> None:
        self.current, self.chosen = data, None
        self._show(data)

    def choose(self) -> None:
        path = prompts.open_path(self, f"Choose the {self.what}", FILTERS[self.what])
        if path:
            self.use_file(Path(path))

    def use_file(self, path: Path) -> bool:
        """Check the file now; a wrong one is refused with the reason, and nothing changes."""
        try:
            data = check_picture(self.what, path.read_bytes())
        except OSError as exc:
            show_message(self.error_label, f"{path.name} could not be read ({exc.strerror}).")
            return False
        except EwoDeskError as error:
            show_message(self.error_label, f"{path.name}: {error}")
            return False
        show_message(self.error_label, "")
        self.chosen = data
        self._show(data, f"{path.name} — saved when you click Save")
        self.changed.emit()
        return True

    def _show(self, data: bytes | None, note: str = "") -> None:
        picture = thumbnail(data) if data else None
        self.preview.setPixmap(picture or QPixmap())
        if data is None:
            self.preview.setText(f"No {self.what}")
        elif picture is None:
            self.preview.setText("No preview")
        size = f"{picture_kind(data).upper()}, {len(data) / 1024:,.0f} KB" if data else ""
        self.file_label.setText(note or size)
