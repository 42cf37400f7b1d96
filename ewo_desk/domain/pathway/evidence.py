"""The prosecution file's evidence checklist (§4.5): what is there and what is missing."""

from __future__ import annotations

from dataclasses import dataclass

from ewo_desk.domain.pathway.court_records import (
    EsoConsidered,
    EvidenceItem,
    InterviewStatus,
    InterviewUnderCaution,
    Prosecution,
)
from ewo_desk.domain.pathway.facts import CaseFacts


@dataclass(frozen=True)
class EvidenceLine:
    item: EvidenceItem
    present: bool
    detail: str  # for items taken from the record: what satisfies it, or what to do


def evidence_checklist(prosecution: Prosecution, case: CaseFacts) -> tuple[EvidenceLine, ...]:
    """Each item of the file: the PN history, the s.447 record and the interview come from the
    case record; the rest are documents the store reports in `prosecution.evidence`."""
    lay_by = prosecution.information_laid_on or prosecution.opened_on
    considered = [
        c
        for c in case.actions(EsoConsidered, prosecution.child_id, prosecution.parent_id)
        if c.reasons.strip()
    ]
    interviews = [
        i
        for i in case.actions(InterviewUnderCaution, prosecution.child_id, prosecution.parent_id)
        if i.status is not InterviewStatus.INVITED
    ]
    lines = []
    for item in EvidenceItem:
        held = item in prosecution.evidence
        if item is EvidenceItem.PN_HISTORY:
            present, detail = True, "produced from the case record (3-year check included)"
        elif item is EvidenceItem.ESO_CONSIDERATION:
            present = held or any(c.decided_on <= lay_by for c in considered)
            detail = (
                "the dated, reasoned s.447 decision" if present else "record the s.447 decision"
            )
        elif item is EvidenceItem.INTERVIEW_RECORD:
            done = [i for i in interviews if i.status is not InterviewStatus.HELD or i.record_ref]
            present = held or bool(done)
            detail = (
                f"interview {done[-1].status.value.replace('_', ' ')}"
                if done
                else "hold an interview under caution, or record the invitation and reply"
            )
        else:
            present, detail = held, ""
        lines.append(EvidenceLine(item, present, detail))
    return tuple(lines)


def missing_evidence(prosecution: Prosecution, case: CaseFacts) -> tuple[EvidenceLine, ...]:
    return tuple(line for line in evidence_checklist(prosecution, case) if not line.present)
