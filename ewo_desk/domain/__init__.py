"""Pure rules of the domain. No Qt, no SQL, no reportlab, no clock: dates are passed in."""
