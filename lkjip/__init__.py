"""lkjip: Laporan Kinerja Instansi Pemerintah (LKjIP) from Excel/CSV and Markdown."""

__version__ = "0.1.0"
