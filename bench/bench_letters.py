"""Time to make one letter (merge fields, template, PDF layout, SHA-256, stored in the vault)
against a bare reportlab one-paragraph PDF with the same embedded font, measured in the same run
(goal: one letter <= 0.3 s).

    .venv/bin/python bench/bench_letters.py [--rounds 15]
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT))
from _util import report, rounds, timed  # noqa: E402

os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")

from reportlab.lib.styles import ParagraphStyle  # noqa: E402
from reportlab.platypus import Paragraph, SimpleDocTemplate  # noqa: E402

from ewo_desk.documents import generate_letter  # noqa: E402
from ewo_desk.documents.fonts import SANS, register  # noqa: E402
from ewo_desk.paths import DataPaths  # noqa: E402
from ewo_desk.store.vault import Vault  # noqa: E402
from tests.unit.documents.builders import EXTRAS, PARENT_FOR, TODAY, build_case  # noqa: E402

PASSPHRASE = "benchmark passphrase"


def bare_reportlab() -> None:
    """One paragraph of the same length as a short letter, same font, no template, no store."""
    buffer = io.BytesIO()
    style = ParagraphStyle("p", fontName=SANS.regular, fontSize=11, leading=15)
    text = "Dear Mr Wiśniewski, I am writing about Amelia's attendance at school. " * 12
    SimpleDocTemplate(buffer, invariant=1).build([Paragraph(text, style)])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        vault, _ = Vault.create(DataPaths(Path(tmp)), PASSPHRASE, use_keyring=False)
        with vault.session() as session:
            built = build_case(session)

        def letter(name: str) -> float:
            parent = built.father_id if PARENT_FOR[name] == "father" else None

            def make() -> None:
                with vault.session() as session:
                    generate_letter(
                        session,
                        built.ref,
                        name,
                        parent_id=parent,
                        today=TODAY,
                        extra_fields=EXTRAS[name],
                    )

            return timed(make)

        started = time.perf_counter()
        register(SANS)
        cold = letter("notice_to_improve")
        print(
            f"first letter in a fresh process (fonts registered, template compiled): "
            f"{cold:.3f} s (font registration {time.perf_counter() - started - cold:.3f} s)"
        )
        medians = rounds(
            {
                "notice_to_improve": lambda: letter("notice_to_improve"),
                "penalty_notice": lambda: letter("penalty_notice"),
                "attendance_meeting_invitation": lambda: letter("attendance_meeting_invitation"),
                "reference": lambda: timed(bare_reportlab),
            },
            args.rounds,
        )
        vault.close()
    reference = medians.pop("reference")
    for name, figure in medians.items():
        report(f"one letter ({name}), median of {args.rounds}", figure, reference, "<= 0.3 s")


if __name__ == "__main__":
    main()
