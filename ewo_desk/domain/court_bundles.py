"""Council settings for court bundles. Declared in the domain so that store/policy.py, which
imports every module that declares settings, recognises a saved override in any process."""

from __future__ import annotations

from ewo_desk.domain.settings import setting

ESO_PAGE_LIMIT = setting(
    "bundles.eso_page_limit",
    350,
    "Page limit for a family court bundle",
    "FPR PD27A usually limits a bundle to 350 pages; a longer one needs the court's permission. "
    "The limit's wording in the 2026 practice direction is UNVERIFIED (attendance-law.md §4.5, "
    "§6 item 9): check it and set the council's figure here. A bundle above it is made, with a "
    "warning.",
)
