"""A stand-in for LibreOffice's pass (``lkjip.publish.office.Office``), for tests that need a
build with LibreOffice but not LibreOffice itself."""

from lkjip.publish import libreoffice, office


class FakeOffice:
    """Returns the .docx unchanged and ``pdf`` (when asked); ``calls`` logs what happened,
    shared by every instance made while installed."""

    calls: list = []
    pdf = b"%PDF-1.4 baru"

    def __init__(self):
        self.running_now = False

    def start(self):
        self.running_now = True
        self.calls.append("start")
        return True

    def running(self):
        return self.running_now

    def update(self, docx, want_pdf, timeout=180, finish=None):
        self.calls.append(("update", want_pdf))
        return (finish(docx) if finish else docx), (self.pdf if want_pdf else None)

    def close(self, wait=False):
        self.running_now = False
        self.calls.append("close")


def install(monkeypatch, pdf: bytes = b"%PDF-1.4 baru") -> list:
    """Make builds use FakeOffice (and believe LibreOffice is installed); returns the log."""
    log: list = []
    fake = type("Fake", (FakeOffice,), {"calls": log, "pdf": pdf})
    monkeypatch.setattr(libreoffice, "libreoffice_available", lambda: True)
    monkeypatch.setattr(office, "Office", fake)
    return log
