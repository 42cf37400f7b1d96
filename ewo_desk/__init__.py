"""EWO Desk: offline-first, encrypted casework for education welfare officers."""

__version__ = "0.1.0"
