"""Documents the officer attaches, made into PDF pages a bundle can take.

A PDF is checked (readable, not locked with a password) and kept as it is; its /Rotate is moved
into the content at assembly, with every other page's. A picture becomes one A4 page, portrait or
landscape as the picture is once its EXIF orientation is applied, fitted inside the margins with
room for the bundle stamp. JPEGs are never re-encoded: an EXIF rotation is drawn as a transform
of the original image, so a phone photo keeps its quality and costs no decoding.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterator

from PIL import Image, ImageSequence, UnidentifiedImageError
from pypdf import PdfReader, PdfWriter
from pypdf.errors import PdfReadError
from reportlab import rl_config
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from ewo_desk.documents.bundles import stamp
from ewo_desk.documents.bundles.model import Attachment, Part
from ewo_desk.documents.errors import DocumentError
from ewo_desk.documents.fonts import SANS, GlyphCheck, draw_text, register
from ewo_desk.documents.styles import MUTED

SIDE = 12 * mm
TOP = stamp.TOP + stamp.HEIGHT + 4 * mm  # the image starts below the stamp
BOTTOM = 12 * mm  # room for the caption
EXIF_ORIENTATION = 0x0112
# EXIF orientation -> the affine map (a, b, c, d, e, f) taking the stored image's unit square to
# the picture as it should be seen: x' = a*u + c*v + e, y' = b*u + d*v + f (y upwards).
ORIENT = {
    1: (1, 0, 0, 1, 0, 0),
    2: (-1, 0, 0, 1, 1, 0),  # mirrored left-right
    3: (-1, 0, 0, -1, 1, 1),  # upside down
    4: (1, 0, 0, -1, 0, 1),  # mirrored top-bottom
    5: (0, -1, -1, 0, 1, 1),  # transposed
    6: (0, -1, 1, 0, 0, 1),  # to be turned 90 degrees clockwise
    7: (0, 1, 1, 0, 0, 0),  # transversed
    8: (0, 1, -1, 0, 1, 0),  # to be turned 90 degrees anticlockwise
}


def sniff(data: bytes) -> str:
    """What the bytes really are, whatever the file was called."""
    if data.startswith(b"%PDF-") or data[:1024].find(b"%PDF-") >= 0:
        return "application/pdf"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data[:4] in (b"II*\x00", b"MM\x00*"):
        return "image/tiff"
    return "unknown"


def attachment_part(item: Attachment, glyphs: GlyphCheck) -> Part:
    kind = sniff(item.data)
    if kind == "application/pdf":
        pdf = _checked_pdf(item)
    elif kind.startswith("image/"):
        pdf = _picture_pdf(item, glyphs)
    else:
        raise DocumentError(
            f"The attachment {item.title!r} is not a PDF, JPEG, PNG or TIFF file "
            f"(it was given as {item.media_type or 'an unknown type'}). Scan or save it as a PDF "
            "and attach that."
        )
    return Part(
        title=item.title,
        pdf=pdf,
        kind="attachment",
        dated=item.dated,
        source={
            "attachment": item.title,
            "media_type": kind,
            "sha256": hashlib.sha256(item.data).hexdigest(),
        },
    )


def _checked_pdf(item: Attachment) -> bytes:
    try:
        reader = PdfReader(io.BytesIO(item.data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise DocumentError(
                f"The attachment {item.title!r} is protected with a password. Save an unprotected "
                "copy (print it to PDF) and attach that."
            )
        if not reader.pages:
            raise DocumentError(f"The attachment {item.title!r} has no pages.")
        if not reader.is_encrypted:
            return item.data
        # Opened with the empty user password (an owner-password-only PDF): store it unlocked,
        # so the bundle and every later supplement can read its pages.
        writer = PdfWriter(clone_from=reader)
        out = io.BytesIO()
        writer.write(out)
        return out.getvalue()
    except DocumentError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise DocumentError(
            f"The attachment {item.title!r} is a damaged PDF that cannot be read "
            f"({exc.__class__.__name__}). Scan or save it again."
        ) from None


def _picture_pdf(item: Attachment, glyphs: GlyphCheck) -> bytes:
    family = register(SANS)
    caption = item.title
    buffer = io.BytesIO()
    a85 = rl_config.useA85
    # reportlab would ASCII85-encode each JPEG in pure Python (about 50 ms a photo) and the
    # text-safe encoding buys nothing in a PDF we keep as bytes: binary streams instead
    rl_config.useA85 = 0
    canvas = Canvas(buffer, invariant=1, pageCompression=1)
    canvas.setTitle(caption)
    try:
        for reader, orientation, (w, h) in _frames(item):
            turned = orientation in (5, 6, 7, 8)
            shown_w, shown_h = (h, w) if turned else (w, h)
            page_w, page_h = landscape(A4) if shown_w > shown_h else A4
            canvas.setPageSize((page_w, page_h))
            room_w, room_h = page_w - 2 * SIDE, page_h - TOP - BOTTOM
            scale = min(room_w / shown_w, room_h / shown_h)
            box_w, box_h = shown_w * scale, shown_h * scale
            x0 = (page_w - box_w) / 2
            y0 = BOTTOM + (room_h - box_h) / 2
            canvas.saveState()
            canvas.translate(x0, y0)
            canvas.scale(box_w, box_h)
            canvas.transform(*ORIENT.get(orientation, ORIENT[1]))
            canvas.drawImage(reader, 0, 0, 1, 1, mask="auto")
            canvas.restoreState()
            canvas.setFillColor(MUTED)
            draw_text(canvas, SIDE, BOTTOM / 2, caption, family.regular, 8, glyphs)
            canvas.showPage()
        canvas.save()
    except (OSError, ValueError, UnidentifiedImageError, SyntaxError) as exc:
        raise DocumentError(
            f"The picture {item.title!r} cannot be read ({exc.__class__.__name__}). Save it "
            "again as a JPEG or PDF and attach that."
        ) from None
    finally:
        rl_config.useA85 = a85
    return buffer.getvalue()


def _frames(item: Attachment) -> Iterator[tuple[ImageReader, int, tuple[int, int]]]:
    """(image for reportlab, EXIF orientation, stored size) for each page of the picture."""
    with Image.open(io.BytesIO(item.data)) as image:
        orientation = int(image.getexif().get(EXIF_ORIENTATION, 1) or 1)
        if image.format == "JPEG":
            # reportlab embeds the JPEG stream as it is (no decode, no loss)
            yield ImageReader(io.BytesIO(item.data)), orientation, image.size
            return
        for frame in ImageSequence.Iterator(image):
            page = frame.copy()
            if page.mode == "1":  # a black-and-white scan
                page = page.convert("L")
            elif page.mode not in ("RGB", "L", "RGBA", "LA", "CMYK"):
                page = page.convert("RGBA" if "transparency" in page.info else "RGB")
            yield ImageReader(page), orientation, page.size
