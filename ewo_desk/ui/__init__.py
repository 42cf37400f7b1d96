"""The PySide6 shell: dialogs, windows and Qt models over the store. No business rule lives here.

Entry point: `ewo_desk.ui.app.run_gui(paths, argv)`.
"""
