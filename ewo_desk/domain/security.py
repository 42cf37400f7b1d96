"""Council policy for keeping an unlocked caseload safe on a laptop that goes into the field."""

from __future__ import annotations

from ewo_desk.domain.settings import Policy, setting

# A bound rather than "never": an unattended, unlocked caseload is a data breach waiting to happen.
AUTO_LOCK_MINUTES_RANGE = (1, 60)

AUTO_LOCK_MINUTES = setting(
    "security.auto_lock_minutes",
    5,
    "Lock the caseload after this many minutes without keyboard or mouse use",
    "Whole minutes, 1 to 60. The caseload also locks when the computer's own session locks "
    "or goes to sleep, where EWO Desk can tell.",
)


def check_security_policy(policy: Policy) -> list[str]:
    """Problems with the security settings, each written for the person editing them."""
    low, high = AUTO_LOCK_MINUTES_RANGE
    if not low <= policy[AUTO_LOCK_MINUTES] <= high:
        return [f"Auto-lock: {low} to {high} minutes, not {policy[AUTO_LOCK_MINUTES]}."]
    return []
