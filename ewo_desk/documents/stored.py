"""The letters and bundles kept in the caseload for a case, and copies of them taken outside it.

A copy written to a file is an export: it leaves the encrypted caseload, so it is recorded in the
audit trail (which document, where, its SHA-256), by the CLI and the app alike. A printed copy is
recorded the same way. The bytes always come through `reprint`, which refuses a stored copy that
no longer matches the fingerprint taken when it was made.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.orm import Session, defer

from ewo_desk.documents.bundles.gather import BUNDLE_PREFIX
from ewo_desk.documents.errors import DocumentError
from ewo_desk.documents.letters import reprint
from ewo_desk.store import audit
from ewo_desk.store.casework import case_by_ref
from ewo_desk.store.schema import GeneratedDocument


@dataclass(frozen=True)
class KeptDocument:
    """One row of a case's documents list."""

    id: int
    title: str
    kind: str
    created_at: datetime
    page_count: int
    sha256: str

    @property
    def is_bundle(self) -> bool:
        return self.kind.startswith(BUNDLE_PREFIX)

    @property
    def kind_label(self) -> str:
        if not self.is_bundle:
            return "Letter"
        from ewo_desk.documents.bundles.model import BundleKind

        try:
            return BundleKind(self.kind.removeprefix(BUNDLE_PREFIX)).label.split(":")[0]
        except ValueError:
            return "Court bundle"


def case_documents(session: Session, ref: str) -> list[KeptDocument]:
    """The case's letters and bundles, newest first (the PDFs themselves are not read)."""
    case = case_by_ref(session, ref)
    rows = session.scalars(
        sa.select(GeneratedDocument)
        .where(GeneratedDocument.case_id == case.id)
        .options(defer(GeneratedDocument.content), defer(GeneratedDocument.source_data_json))
        .order_by(GeneratedDocument.created_at.desc(), GeneratedDocument.id.desc())
    ).all()
    return [KeptDocument(d.id, d.title, d.kind, d.created_at, d.page_count, d.sha256) for d in rows]


def kept_document(session: Session, document_id: int) -> GeneratedDocument:
    document = session.get(GeneratedDocument, document_id)
    if document is None:
        raise DocumentError(f"Document {document_id} is no longer in the caseload.")
    return document


def checked_copy(session: Session, document_id: int) -> bytes:
    """The stored PDF, refused if it does not match its fingerprint."""
    return reprint(kept_document(session, document_id))


def record_export(session: Session, document: GeneratedDocument, out: Path) -> None:
    audit.record(
        session,
        "export",
        "generated_document",
        document.id,
        file=str(out.resolve()),
        sha256=document.sha256,
    )


def record_print(session: Session, document_id: int, *, reissue: bool = False) -> None:
    document = kept_document(session, document_id)
    audit.record(
        session,
        "reissue" if reissue else "print",
        "generated_document",
        document.id,
        sha256=document.sha256,
    )


def export_document(session: Session, document_id: int, out: Path) -> bytes:
    """Write the checked copy to `out` and record the export; the bytes written."""
    document = kept_document(session, document_id)
    content = reprint(document)
    write_pdf(out, content, "bundle" if document.kind.startswith(BUNDLE_PREFIX) else "letter")
    record_export(session, document, out)
    return content


def write_pdf(out: Path, content: bytes, what: str = "document") -> None:
    """Write beside the target and rename, so a failed write never leaves half a PDF."""
    if not out.parent.is_dir():
        raise DocumentError(f"The folder {out.parent} does not exist; choose another place.")
    try:
        handle, temp = tempfile.mkstemp(prefix=f".ewo-{what}-", suffix=".pdf", dir=out.parent)
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
        os.replace(temp, out)
    except OSError as exc:
        raise DocumentError(
            f"Could not write {out}: {exc.strerror}. The {what} is kept in the caseload; "
            "export it again to another place."
        ) from None
