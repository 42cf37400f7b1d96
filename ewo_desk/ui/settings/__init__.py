"""The Settings dialog's tabs: council and officer details, council policy, security."""
