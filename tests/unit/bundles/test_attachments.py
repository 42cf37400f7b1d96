"""Scans and photos the officer attaches: turned the right way up, fitted to A4, stamped."""

import io
import shutil
import subprocess

import pytest
from PIL import Image
from pypdf import PdfReader, PdfWriter

from ewo_desk.documents.bundles import Attachment, BundleKind, BundlePlan, Section, assemble
from ewo_desk.documents.bundles.attachments import attachment_part
from ewo_desk.documents.bundles.stamp import read_stamp
from ewo_desk.documents.errors import DocumentError
from ewo_desk.documents.fonts import GlyphCheck
from tests.unit.bundles.builders import pdf_reader, photo, scanned_pdf
from tests.unit.bundles.test_assemble import HEADING


def bundled(*items: Attachment) -> tuple[bytes, list]:
    parts = tuple(attachment_part(item, GlyphCheck()) for item in items)
    built = assemble(
        BundlePlan(BundleKind.PROSECUTION, HEADING, (Section("exhibits", "Exhibits", parts),))
    )
    return built.content, list(built.entries)


def image_corners(page) -> dict[str, tuple[float, float]]:
    """Where the picture's stored left and right edges land on the page (the image matrix)."""
    found = {}

    def before(op, args, cm, tm):
        if op == b"Do" and not str(args[0]).startswith("/EWOStamp"):  # the picture, not the stamp
            a, b, c, d, e, f = cm
            found["left"] = (c * 0.5 + e, d * 0.5 + f)  # stored (u=0, v=0.5)
            found["right"] = (a + c * 0.5 + e, b + d * 0.5 + f)  # stored (u=1, v=0.5)

    page.extract_text(visitor_operand_before=before)
    return found


def test_a_sideways_scan_shown_upright_by_rotate_comes_out_upright_and_stamped():
    content, entries = bundled(
        Attachment("Letter from school", scanned_pdf(2, rotate=90), "application/pdf")
    )
    page = pdf_reader(content).pages[entries[0].first_page]
    assert page.rotation == 0  # /Rotate moved into the content
    assert float(page.mediabox.width) > float(page.mediabox.height)  # shown landscape, as scanned
    # upright text is found when only upright text is read
    assert "Scanned page 1" in page.extract_text(orientations=(0,))
    assert read_stamp(page)[-3:] == ["Bundle", "page", "1"]


def test_a_page_with_an_offset_box_is_stamped_inside_what_is_shown():
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(scanned_pdf(1))))
    box = writer.pages[0].mediabox
    writer.pages[0].mediabox.lower_left = (float(box.left) + 100, float(box.bottom) + 50)
    out = io.BytesIO()
    writer.write(out)
    content, entries = bundled(Attachment("Cropped scan", out.getvalue(), "application/pdf"))
    page = pdf_reader(content).pages[entries[0].first_page]
    assert read_stamp(page)[-3:] == ["Bundle", "page", "1"]


def test_a_landscape_photo_gets_a_landscape_page_fitted_inside_the_margins():
    content, entries = bundled(Attachment("Photo", photo(1600, 900), "image/jpeg"))
    page = pdf_reader(content).pages[entries[0].first_page]
    width, height = float(page.mediabox.width), float(page.mediabox.height)
    assert (round(width), round(height)) == (842, 595)  # landscape A4
    corners = image_corners(page)
    xs = [corners["left"][0], corners["right"][0]]
    assert min(xs) > 0 and max(xs) < width  # inside the page
    assert read_stamp(page)[-3:] == ["Bundle", "page", "1"]


@pytest.mark.parametrize(
    ("orientation", "left_edge_goes"),
    [(1, "left"), (3, "right"), (6, "top"), (8, "bottom")],
)
def test_a_jpeg_is_turned_by_its_exif_orientation(orientation, left_edge_goes):
    # stored 1200 x 900 (landscape); orientations 6 and 8 are portrait photos held on their side
    content, entries = bundled(Attachment("Photo", photo(1200, 900, orientation), "image/jpeg"))
    page = pdf_reader(content).pages[entries[0].first_page]
    portrait = float(page.mediabox.height) > float(page.mediabox.width)
    assert portrait == (orientation in (6, 8))
    (lx, ly), (rx, ry) = image_corners(page)["left"], image_corners(page)["right"]
    where = {"left": lx < rx, "right": lx > rx, "top": ly > ry, "bottom": ly < ry}
    assert where[left_edge_goes]


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils not installed")
def test_a_sideways_phone_photo_renders_the_right_way_up(tmp_path):
    """Rendered as a viewer would: the stored left edge (red) must be at the top."""
    content, entries = bundled(Attachment("Photo", photo(1200, 900, 6), "image/jpeg"))
    path = tmp_path / "b.pdf"
    path.write_bytes(content)
    page = entries[0].first_page + 1
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "30",
            "-f",
            str(page),
            "-l",
            str(page),
            str(path),
            str(tmp_path / "p"),
        ],
        check=True,
    )
    image = Image.open(next(tmp_path.glob("p*.png"))).convert("RGB")
    width, height = image.size
    red = [
        (x, y)
        for y in range(0, height, 2)
        for x in range(0, width, 2)
        if image.getpixel((x, y))[0] > 180 and image.getpixel((x, y))[1] < 80
    ]
    assert red and max(y for _x, y in red) < height * 0.3  # a band across the top


def test_png_and_multi_page_tiff_pictures_become_pages():
    tiff = io.BytesIO()
    frames = [Image.new("1", (850, 1100), 1), Image.new("1", (1100, 850), 0)]
    frames[0].save(tiff, "TIFF", save_all=True, append_images=frames[1:])
    content, entries = bundled(
        Attachment("Register printout", photo(500, 700, fmt="PNG"), "image/png"),
        Attachment("Faxed letter", tiff.getvalue(), "image/tiff"),
    )
    assert [e.page_count for e in entries] == [1, 2]
    pages = pdf_reader(content).pages
    second = pages[entries[1].first_page + 1]
    assert float(second.mediabox.width) > float(second.mediabox.height)  # its own orientation


def test_the_file_type_is_read_from_the_bytes_not_the_name():
    part = attachment_part(Attachment("Scan", scanned_pdf(1), "image/jpeg"), GlyphCheck())
    assert part.source["media_type"] == "application/pdf"


def test_a_file_that_is_not_a_document_is_refused():
    with pytest.raises(DocumentError, match="not a PDF, JPEG, PNG or TIFF"):
        attachment_part(Attachment("Notes", b"just some text", "text/plain"), GlyphCheck())


def test_a_damaged_pdf_is_refused_with_its_title():
    with pytest.raises(DocumentError, match="'Broken scan'"):
        attachment_part(
            Attachment("Broken scan", b"%PDF-1.4\n garbage", "application/pdf"), GlyphCheck()
        )


def _encrypted(user: str, owner: str) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(scanned_pdf(1))))
    writer.encrypt(user_password=user, owner_password=owner, algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_a_pdf_locked_with_a_password_is_refused():
    with pytest.raises(DocumentError, match="protected with a password"):
        attachment_part(
            Attachment("Bank letter", _encrypted("secret", "owner"), "application/pdf"),
            GlyphCheck(),
        )


def test_a_pdf_with_only_an_owner_password_is_unlocked_and_merged():
    part = attachment_part(
        Attachment("Council letter", _encrypted("", "owner"), "application/pdf"), GlyphCheck()
    )
    assert not PdfReader(io.BytesIO(part.pdf)).is_encrypted
    content, _entries = bundled(
        Attachment("Council letter", _encrypted("", "owner"), "application/pdf")
    )
    assert "Scanned page 1" in pdf_reader(content).pages[1].extract_text()


def test_attachments_can_be_given_as_plain_tuples():
    item = Attachment.of(("Scan", scanned_pdf(1), "application/pdf"))
    assert (item.title, item.media_type, item.section) == ("Scan", "application/pdf", "")
