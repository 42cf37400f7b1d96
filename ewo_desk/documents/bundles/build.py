"""Making a bundle from the vault and keeping it there, like a letter: the PDF, its SHA-256, and
the data it was made from (every section and document with its page range).

    doc = build_bundle(session, "C-2026-014", "prosecution", today=date.today(),
                       attachments=[("Signed s.566 certificate", pdf_bytes, "application/pdf")])
    later = build_supplement(session, doc.id, today=date.today(), attachments=[...])

`make_bundle` does the same from an already-gathered `CaseFile`, without a database.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from ewo_desk import __version__
from ewo_desk.documents.bundles.assembly import extend
from ewo_desk.documents.bundles.attachments import attachment_part
from ewo_desk.documents.bundles.casefile import CaseFile
from ewo_desk.documents.bundles.gather import BUNDLE_PREFIX, gather
from ewo_desk.documents.bundles.model import Attachment, BuiltBundle, BundleKind, Part
from ewo_desk.documents.bundles.plans import (
    LETTERS,
    ProsecutionChoice,
    placed,
    plan_bundle,
    prosecution_choices,
    refusal,
)
from ewo_desk.documents.errors import DocumentError
from ewo_desk.documents.fonts import GlyphCheck
from ewo_desk.documents.letters import reprint
from ewo_desk.domain.court_bundles import ESO_PAGE_LIMIT
from ewo_desk.store.casework import current_officer
from ewo_desk.store.schema import GeneratedDocument

AttachmentInput = Attachment | tuple[Any, ...]
SUPPLEMENT_KINDS = (*LETTERS, "s9_statement", "s566_certificate", "case_summary")
NOT_EXHIBITS = {"statement": "s9_statement", "certificate": "s566_certificate"}  # by place


def make_bundle(
    case: CaseFile,
    kind: BundleKind | str,
    attachments: Iterable[AttachmentInput] = (),
    *,
    prosecution_id: str | None = None,
) -> BuiltBundle:
    from ewo_desk.documents.bundles.assembly import assemble

    return assemble(plan_bundle(case, _kind(kind), attachments, prosecution_id=prosecution_id))


def build_bundle(
    session: Session,
    ref: str,
    kind: BundleKind | str,
    *,
    today: date,
    attachments: Iterable[AttachmentInput] = (),
    prosecution_id: int | None = None,
) -> GeneratedDocument:
    """Make the bundle and store it (the caller's session commits). Nothing is stored when any
    check fails."""
    chosen = _kind(kind)
    items = [Attachment.of(a) for a in attachments]
    case = gather(session, ref, today)
    built = make_bundle(
        case, chosen, items, prosecution_id=str(prosecution_id) if prosecution_id else None
    )
    return _store(session, case, built, items, previous=None)


def bundle_choices(session: Session, ref: str, *, today: date) -> list[tuple[BundleKind, str]]:
    """Each kind of bundle with why the case cannot have it yet ("" when it can be made)."""
    return list(bundle_options(session, ref, today=today).kinds)


@dataclass(frozen=True)
class BundleOptions:
    """What the case allows: each kind with why it cannot be made yet (for the prosecution used
    when none is chosen), and the prosecutions a file can be made for, that one first."""

    kinds: tuple[tuple[BundleKind, str], ...]
    prosecutions: tuple[ProsecutionChoice, ...] = ()

    def refusals(self, prosecution_id: str | None = None) -> dict[BundleKind, str]:
        chosen = next((p for p in self.prosecutions if p.id == prosecution_id), None)
        return dict(chosen.refusals if chosen else self.kinds)


def bundle_options(session: Session, ref: str, *, today: date) -> BundleOptions:
    case = gather(session, ref, today)
    return BundleOptions(
        tuple((kind, refusal(case, kind)) for kind in BundleKind),
        tuple(prosecution_choices(case)),
    )


@dataclass(frozen=True)
class SupplementOptions:
    """A stored bundle as a supplement would extend it: its last page, and what has been made
    on the case since (exhibit reference or "", title), in the order it would be added."""

    document_id: int
    title: str
    kind: BundleKind
    page_count: int
    last_page: str
    new: tuple[tuple[str, str], ...]


def supplement_options(session: Session, document_id: int, *, today: date) -> SupplementOptions:
    previous, _content, record, manifest, case = _extendable(session, document_id, today)
    parts = supplement_parts(case, manifest, (), set(record.get("case_documents", [])))
    old = BuiltBundle.from_manifest(manifest)
    return SupplementOptions(
        previous.id,
        previous.title,
        old.kind,
        previous.page_count,
        old.entries[-1].last_label if old.entries else "",
        tuple((p.exhibit or "", p.title) for p in parts),
    )


def build_supplement(
    session: Session,
    document_id: int,
    *,
    today: date,
    attachments: Iterable[AttachmentInput] = (),
) -> GeneratedDocument:
    """The stored bundle with what has been added since: documents made in the vault after it
    (letters, statements, certificates) and `attachments`, after its last page."""
    previous, content, record, manifest, case = _extendable(session, document_id, today)
    kind = BundleKind(manifest["kind"])
    items = [placed(Attachment.of(a), kind) for a in attachments]
    parts = supplement_parts(case, manifest, items, set(record.get("case_documents", [])))
    if not parts:
        raise DocumentError(
            "Nothing new to add: no document has been made on the case since the bundle, and "
            "nothing is attached."
        )
    built = extend(
        content,
        manifest,
        parts,
        added_on=today,
        page_limit=case.policy[ESO_PAGE_LIMIT] if kind.sectioned else None,
    )
    return _store(session, case, built, items, previous=previous)


def _extendable(
    session: Session, document_id: int, today: date
) -> tuple[GeneratedDocument, bytes, dict[str, Any], dict[str, Any], CaseFile]:
    """The stored bundle (checked against its fingerprint), its record and the case now."""
    previous = session.get(GeneratedDocument, document_id)
    if previous is None or not previous.kind.startswith(BUNDLE_PREFIX):
        raise DocumentError(f"Document {document_id} is not a stored court bundle.")
    content = reprint(previous)  # refuses a copy that does not match its fingerprint
    record = json.loads(previous.source_data_json or "{}")
    manifest = record.get("bundle")
    if not isinstance(manifest, dict):
        raise DocumentError("The stored bundle has no record of its pages; make a new bundle.")
    return previous, content, record, manifest, gather(session, _ref(session, previous), today)


def supplement_parts(
    case: CaseFile,
    manifest: dict[str, Any],
    attachments: Iterable[Attachment],
    known: Collection[int] = (),
) -> list[Part]:
    """Documents made on the case since the bundle (`known`: the ids it had then, whether
    used or deliberately left out), oldest first, then the attachments; in a criminal file each
    is an exhibit numbered on from the last one."""
    held = {e.get("source", {}).get("sha256") for e in manifest.get("entries", [])}
    new = [
        Part(
            d.title,
            d.content,
            d.kind,
            d.created_on,
            source={"document_id": d.id, "sha256": d.sha256},
        )
        for d in sorted(case.documents, key=lambda d: (d.created_on, d.id))
        if d.kind in SUPPLEMENT_KINDS and d.sha256 not in held and d.id not in known
    ]
    glyphs = GlyphCheck()
    attached = list(attachments)
    new += [attachment_part(a, glyphs) for a in attached]
    if BundleKind(manifest["kind"]).sectioned:
        return new
    kinds = [part.kind for part in new[: len(new) - len(attached)]]
    kinds += [NOT_EXHIBITS.get(a.section, "attachment") for a in attached]
    numbers = [
        int(e["exhibit"].rpartition("/")[2])
        for e in manifest.get("entries", [])
        if e.get("exhibit", "").rpartition("/")[2].isdigit()
    ]
    n = max(numbers, default=0)
    out = []
    for part, kind in zip(new, kinds, strict=True):
        if kind in ("s9_statement", "s566_certificate", "case_summary"):
            out.append(part)
        else:
            n += 1
            out.append(
                Part(
                    part.title, part.pdf, part.kind, part.dated, f"{case.initials}/{n}", part.source
                )
            )
    return out


def _store(
    session: Session,
    case: CaseFile,
    built: BuiltBundle,
    attachments: list[Attachment],
    previous: GeneratedDocument | None,
) -> GeneratedDocument:
    from ewo_desk.store.casework import case_by_ref

    record: dict[str, Any] = {
        "generator": f"EWO Desk {__version__}",
        "kind": built.kind.value,
        "case": case.ref,
        "made_on": case.today.isoformat(),
        "bundle": built.manifest(),
        "attachments": [
            {
                "title": a.title,
                "media_type": a.media_type,
                "section": a.section,
                "sha256": hashlib.sha256(a.data).hexdigest(),
            }
            for a in attachments
        ],  # fmt: skip
        "warnings": list(built.warnings),
        # every document the case had: a supplement adds only what is made after
        "case_documents": sorted(d.id for d in case.documents),
    }
    if previous is not None:
        record["supplement_to"] = previous.id
    officer = current_officer(session)
    prosecution = next(
        (e.source.get("prosecution") for e in built.entries if e.source.get("prosecution")), None
    )
    suffix = f" (with pages added {case.today:%d/%m/%Y})" if previous is not None else ""
    # a case may have a file per parent: the list tells them apart by the defendant
    defendant = dict(built.heading.lines).get("Defendant")
    for_whom = f" – {defendant}" if defendant else ""
    document = GeneratedDocument(
        case_id=case_by_ref(session, case.ref).id,
        legal_action_id=int(prosecution) if prosecution and str(prosecution).isdigit() else None,
        kind=f"{BUNDLE_PREFIX}{built.kind.value}",
        title=f"{built.heading.title}{for_whom} – {case.ref}{suffix}"[:300],
        template="",
        sha256=hashlib.sha256(built.content).hexdigest(),
        source_data_json=json.dumps(record, ensure_ascii=False, sort_keys=True),
        content=built.content,
        page_count=built.page_count,
        created_by_id=officer.id if officer else None,
    )
    session.add(document)
    session.flush()
    return document


def _ref(session: Session, document: GeneratedDocument) -> str:
    from ewo_desk.store.schema import Case

    case = session.get(Case, document.case_id) if document.case_id else None
    if case is None:
        raise DocumentError("The stored bundle is not linked to a case.")
    return case.ref


def _kind(kind: BundleKind | str) -> BundleKind:
    try:
        return BundleKind(kind)
    except ValueError:
        raise DocumentError(
            f"There is no bundle kind {kind!r}; use one of: "
            f"{', '.join(k.value for k in BundleKind)}."
        ) from None
