"""Court bundles: the prosecution file (s.444), the Single Justice Procedure pack and the family
court bundle for an education supervision order application.

    doc = build_bundle(session, ref, "prosecution" | "sjp" | "eso", today=..., attachments=...)
    doc = build_supplement(session, doc.id, today=..., attachments=...)
    bundle_choices(session, ref, today=...)   # each kind, with why the case cannot have it yet
    bundle_options(session, ref, today=...)   # the same, and the prosecutions to choose from
    supplement_options(session, doc.id, today=...)   # its last page, and what is new since
    built = make_bundle(case_file, "eso")            # from a gathered CaseFile, no database
    built = assemble(plan) / extend(pdf, manifest, parts, added_on=...)   # from parts

Modules: model (the data), casefile/gather (the case, read from the vault), plans (what goes where),
records/checks (pages typeset from the case), attachments (scans and photos made into pages),
index (index and dividers), stamp (the page number on every page), assembly (numbering, bookmarks,
links), verify (reading the result back), build (the vault side), policy (the page limit).
"""

from ewo_desk.documents.bundles.assembly import BundlePlan, assemble, extend
from ewo_desk.documents.bundles.build import (
    BundleOptions,
    SupplementOptions,
    build_bundle,
    build_supplement,
    bundle_choices,
    bundle_options,
    make_bundle,
    supplement_options,
)
from ewo_desk.documents.bundles.casefile import CaseFile
from ewo_desk.documents.bundles.model import (
    Attachment,
    BuiltBundle,
    BundleKind,
    Entry,
    Heading,
    Part,
    Section,
)
from ewo_desk.documents.bundles.plans import (
    ProsecutionChoice,
    attachment_places,
    prosecution_choices,
    supplement_places,
)
from ewo_desk.documents.bundles.verify import check_bundle
from ewo_desk.domain.court_bundles import ESO_PAGE_LIMIT

__all__ = [
    "ESO_PAGE_LIMIT",
    "Attachment",
    "BuiltBundle",
    "BundleKind",
    "BundleOptions",
    "BundlePlan",
    "CaseFile",
    "Entry",
    "Heading",
    "Part",
    "ProsecutionChoice",
    "Section",
    "SupplementOptions",
    "assemble",
    "attachment_places",
    "build_bundle",
    "build_supplement",
    "bundle_choices",
    "bundle_options",
    "check_bundle",
    "extend",
    "make_bundle",
    "prosecution_choices",
    "supplement_options",
    "supplement_places",
]
