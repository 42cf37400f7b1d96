"""Time to make a 300-page prosecution file with 200 attached pages (150 scanned PDF pages and 50
phone photos): read from the vault, records typeset, pictures made into pages, index laid out,
every page stamped and labelled, bookmarks and links added, the finished PDF read back and
checked, and the bundle stored (flushed, not committed). Reference, in the same run: pypdf merely
concatenating the same pages (goal: <= 10 s, median).

    .venv/bin/python bench/bench_bundle.py [--rounds 5]
"""

from __future__ import annotations

import argparse
import io
import os
import random
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT))
from _util import report, rounds, timed  # noqa: E402

os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")

from PIL import Image, ImageDraw  # noqa: E402
from pypdf import PdfReader, PdfWriter  # noqa: E402
from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.lib.utils import ImageReader  # noqa: E402
from reportlab.pdfgen.canvas import Canvas  # noqa: E402

from ewo_desk.documents import generate_letter  # noqa: E402
from ewo_desk.documents.bundles import Attachment, build_bundle  # noqa: E402
from ewo_desk.documents.bundles.attachments import attachment_part  # noqa: E402
from ewo_desk.documents.fonts import GlyphCheck  # noqa: E402
from ewo_desk.paths import DataPaths  # noqa: E402
from ewo_desk.store.schema import GeneratedDocument  # noqa: E402
from ewo_desk.store.vault import Vault  # noqa: E402
from tests.unit.bundles.builders import court_case  # noqa: E402
from tests.unit.documents.builders import EXTRAS, TODAY  # noqa: E402

PASSPHRASE = "benchmark passphrase"
SCANNED, PHOTOS, TARGET = 150, 50, 300
MORE_LETTERS = ("notice_to_improve", "attendance_contract", "attendance_meeting_invitation")


def scan_page(rng: random.Random, n: int) -> bytes:
    """A greyscale A4 page at 150 dpi with lines of "text", as a scanner's JPEG."""
    image = Image.new("L", (1240, 1754), 245)
    draw = ImageDraw.Draw(image)
    for line in range(40):
        y = 150 + line * 38
        draw.rectangle((120, y, 120 + rng.randint(600, 1000), y + 14), fill=40)
    draw.text((120, 80), f"Scanned page {n}", fill=0)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=70)
    return out.getvalue()


def scanned_pdf(rng: random.Random, pages: int) -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4)
    for n in range(pages):
        canvas.drawImage(ImageReader(io.BytesIO(scan_page(rng, n))), 0, 0, *A4)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def phone_photo(rng: random.Random, n: int) -> bytes:
    image = Image.new("RGB", (1600, 1200), (rng.randint(0, 255), 200, 180))
    ImageDraw.Draw(image).text((50, 50), f"Photo {n}", fill=(0, 0, 0))
    exif = Image.Exif()
    exif[0x0112] = 6 if n % 3 == 0 else 1  # some held sideways, as phones store them
    out = io.BytesIO()
    image.save(out, "JPEG", quality=80, exif=exif.tobytes())
    return out.getvalue()


def distinct(name: str, n: int) -> dict[str, object]:
    """The test values with one changed, so no two letters are the same document (a bundle
    includes a document stored twice only once)."""
    fields = dict(EXTRAS[name])
    key = {
        "notice_to_improve": "sufficient_improvement",
        "attendance_contract": "requirements",
        "attendance_meeting_invitation": "meeting_place",
    }[name]
    value = fields[key]
    fields[key] = [*value, f"Item {n}"] if isinstance(value, list) else f"{value} ({n})"
    return fields


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    rng = random.Random(2026)
    attachments = [
        Attachment("Scanned school records", scanned_pdf(rng, SCANNED), "application/pdf")
    ]
    attachments += [
        Attachment(f"Photo {n}", phone_photo(rng, n), "image/jpeg") for n in range(PHOTOS)
    ]
    with tempfile.TemporaryDirectory() as tmp:
        vault, _ = Vault.create(DataPaths(Path(tmp)), PASSPHRASE, use_keyring=False)
        with vault.session() as session:
            court = court_case(session)
        # more letters on the case, until the file itself is about 100 pages
        n = 0
        while True:
            with vault.reader() as session:
                held = sum(d.page_count for d in session.query(GeneratedDocument))
            if held >= TARGET - SCANNED - PHOTOS - 20:  # ~20 pages of typeset records
                break
            name = MORE_LETTERS[n % len(MORE_LETTERS)]
            with vault.session() as session:
                generate_letter(
                    session,
                    court.ref,
                    name,
                    parent_id=court.built.father_id,
                    today=TODAY,
                    extra_fields=distinct(name, n),
                )
            n += 1
        pages: list[int] = []

        def bundle() -> None:
            session = vault.reader()
            try:
                doc = build_bundle(
                    session, court.ref, "prosecution", today=TODAY, attachments=attachments
                )
                pages.append(doc.page_count)
            finally:
                session.rollback()
                session.close()

        with vault.reader() as session:
            sources = [bytes(d.content) for d in session.query(GeneratedDocument)]
        sources += [attachment_part(a, GlyphCheck()).pdf for a in attachments]

        def concatenate() -> None:
            writer = PdfWriter()
            for pdf in sources:
                writer.append(PdfReader(io.BytesIO(pdf)))
            writer.write(io.BytesIO())

        bundle()  # warm: fonts registered, templates compiled
        medians = rounds(
            {"bundle": lambda: timed(bundle), "reference": lambda: timed(concatenate)},
            args.rounds,
        )
        vault.close()
    print(f"bundle: {pages[-1]} pages ({SCANNED} scanned + {PHOTOS} photos attached)")
    report(
        f"one {pages[-1]}-page prosecution file, median of {args.rounds}",
        medians["bundle"],
        medians["reference"],
        "<= 10 s",
    )


if __name__ == "__main__":
    main()
