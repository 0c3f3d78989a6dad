"""The local panel: ``build.py panel`` (see app.py)."""
