"""Start a new year: ``uv run build.py init 2021``.

``init_year(root, year)`` reads the latest earlier ``data/<tahun>/`` and writes
``data/<year>/lkjip.xlsx`` (one workbook, same tables) ready for the planners:

- ``iku.target`` from the Renstra (``sasaran_renstra.target_k``, k = year − renstra_tahun_pertama + 1,
  matched by ``kode_iku``; versi "perubahan" preferred), else last year's target is kept;
  the same target goes to ``pk`` rows with that ``kode_iku``;
- ``iku.realisasi_tahun_lalu`` = last year's realisasi; ``iku.realisasi`` and
  ``capaian_tahun_lalu`` emptied (the capaian comes from ``data/<year−1>/`` by itself);
- every other realisasi (indikator_program/kegiatan, kegiatan, belanja, apbn, pk), the
  kertas_kerja ``masukan``/``capaian``, and the year-specific notes (indikator ``keterangan``,
  kegiatan ``pagu_murni``/``jenis_perubahan``/``catatan``) emptied;
- every date of ``profil`` (``tanggal_penandatanganan``, ``tanggal_data_pegawai``) moved one year on; everything else kept for editing.

It also copies ``chapters/<tahun>/`` to ``chapters/<year>/``. Existing folders are refused
unless ``force``; then they are moved aside to ``<folder>-cadangan-N`` (never deleted).
"""

from __future__ import annotations

import math
import shutil
from datetime import date
from pathlib import Path

from .report.compute import KATEGORI_BAWAAN
from .errors import OutputError
from .inputs import load_dataset
from .inputs.dates import MonthDate
from .inputs.notation import Value
from .inputs.schema import SCHEMAS
from .newproject import WORKBOOK_NAME
from .project import Project
from .workbook import blank_repeated, dataset_tables, write_workbook


EMPTIED = {  # table -> columns emptied for the new year
    "iku": ("realisasi", "capaian_tahun_lalu"),
    "indikator_program": ("realisasi", "keterangan"),
    "indikator_kegiatan": ("realisasi", "keterangan"),
    "kegiatan": ("realisasi", "pagu_murni", "jenis_perubahan", "catatan"),
    "belanja": ("realisasi",),
    "apbn": ("realisasi",),
    "kertas_kerja": ("masukan", "capaian", "capaian_tahun_lalu"),
    "pk": ("realisasi",),
}


def source_year(root: Path, year: int) -> int:
    """The latest year before ``year`` with a ``data/<tahun>/`` folder."""
    earlier = [y for y in Project(root, year).years() if y < year]
    if not earlier:
        raise OutputError(
            f"tidak ada folder data tahun sebelum {year} (data/<tahun>/) untuk dijadikan dasar. "
            "Saran: buat dulu data tahun sebelumnya, atau tulis workbook kosong dengan perintah workbook."
        )
    return max(earlier)


def renstra_targets(rows: list[dict], year: int, first_year) -> dict[str, Value]:
    """kode_iku → non-empty Renstra target of ``year`` (versi "perubahan" preferred)."""
    if not first_year:
        return {}
    k = year - int(first_year) + 1
    if not 1 <= k <= 5:
        return {}
    found: dict[str, tuple[int, Value]] = {}
    for row in rows:
        kode, target = row.get("kode_iku") or "", row.get(f"target_{k}")
        if not kode or not isinstance(target, Value) or target.is_empty:
            continue
        rank = 1 if row.get("versi") == "perubahan" else 0
        if kode not in found or rank > found[kode][0]:
            found[kode] = (rank, target)
    return {kode: target for kode, (_, target) in found.items()}


def _keep_percent(new: Value, old) -> str:
    """The Renstra target as text; a plain number gets "%" when last year's target had one."""
    if isinstance(old, Value) and old.percent and new.kind == "number" and not new.percent:
        return new.raw + "%"
    return new.raw


def _years_on(value, years: int) -> str:
    """A typed date ``years`` years later, as text ("2021-03", "2021-12-31"); "" for none."""
    if isinstance(value, MonthDate):
        return f"{value.year + years}-{value.month:02d}"
    if isinstance(value, date):
        day = min(value.day, 28) if value.month == 2 else value.day
        return date(value.year + years, value.month, day).isoformat()
    return ""


def _move_profil_dates(rows: list[dict], profil: dict, years: int) -> list[str]:
    """Every date of ``profil`` (signing date, staff data date, …) moved ``years`` years on
    (from the source year to the new one), so the new report does not say "Per tanggal
    31 Desember 2020" in 2021; returns a note per date."""
    date_keys = SCHEMAS["profil"].date_keys
    notes = []
    for row in rows:
        key = row["kunci"].lower()
        moved = _years_on(profil.get(key), years) if key in date_keys else ""
        if moved:
            row["nilai"] = moved
            notes.append(f"profil.{key} dimajukan {years} tahun menjadi {moved}; periksa tanggalnya.")
    return notes


def new_year_tables(dataset, year: int) -> tuple[dict[str, list[dict]], list[str]]:
    """The tables of the new year (typed rows, fill-down cells filled) and notes on what changed."""
    tables = dataset_tables(dataset, blank_repeats=False)
    notes = []
    same_chain = dataset.year == year - 1
    profil = dataset.settings("profil")
    targets = renstra_targets(tables["sasaran_renstra"], year, profil.get("renstra_tahun_pertama"))

    for name, columns in EMPTIED.items():
        for row in tables.get(name, []):
            for column in columns:
                row[column] = None
    updated = []
    last_year = {row["kode"]: row for row in dataset["iku"].rows}
    for row in tables["iku"]:
        old = last_year[row["kode"]]
        row["realisasi_tahun_lalu"] = old["realisasi"] if same_chain else None
        if row["kode"] in targets:
            row["target"] = _keep_percent(targets[row["kode"]], old["target"])
            updated.append(row["kode"])
    for row in tables.get("pk", []):
        if row.get("kode_iku") in targets:
            row["target"] = next(r["target"] for r in tables["iku"] if r["kode"] == row["kode_iku"])
    kept = [r["kode"] for r in tables["iku"] if r["kode"] not in updated]
    if updated:
        notes.append(f"Target {year} diambil dari Renstra (sasaran_renstra) untuk: {', '.join(updated)}.")
    if kept:
        notes.append(f"Target tahun lalu dipakai (tidak ada di Renstra) untuk: {', '.join(kept)}.")

    notes += _move_profil_dates(tables["profil"], profil, year - dataset.year)
    if not tables.get("kategori"):
        tables["kategori"] = [
            {"batas_bawah": 0.0 if math.isinf(low) else low, "predikat": predikat}
            for low, predikat in KATEGORI_BAWAAN
        ]
    if not tables.get("pengaturan"):
        tables["pengaturan"] = [{"kunci": key.name} for key in SCHEMAS["pengaturan"].keys]
    tables = {name: blank_repeated(SCHEMAS[name], rows) for name, rows in tables.items()}
    return tables, notes


def _mark_analyses_for_review(chapters_dir: Path, source: int) -> list[str]:
    """Put the TINJAU line on top of every copied per-IKU analysis (the build warns while it
    is there: the causes and solutions are last year's)."""
    from .present.analysis import FOLDER, review_mark

    marked = []
    for path in sorted((chapters_dir / FOLDER).glob("*.md")):
        text = path.read_text(encoding="utf-8-sig")
        path.write_text(review_mark(source) + "\n" + text, encoding="utf-8")
        marked.append(path.stem)
    if not marked:
        return []
    return [f"Analisis per IKU ({', '.join(marked)}) disalin dan ditandai TINJAU: perbarui "
            "isinya untuk tahun ini, lalu hapus baris TINJAU di atasnya."]


def _move_aside(folder: Path) -> Path:
    n = 1
    while (backup := folder.with_name(f"{folder.name}-cadangan-{n}")).exists():
        n += 1
    folder.rename(backup)
    return backup


def checklist(year: int, source: int) -> list[str]:
    """What the planner fills next, as a numbered list naming the sheets."""
    book = f"data/{year}/{WORKBOOK_NAME}"
    items = [
        f"Buka {book}. Sheet PETUNJUK menjelaskan cara mengisi; arahkan kursor ke judul kolom untuk catatannya.",
        "profil: periksa kepala_* dan tanggal_penandatanganan; perbarui tanggal_data_pegawai dan sumber_data_pegawai.",
        "pegawai_jabatan, pegawai_pendidikan, pegawai_golongan: perbarui jumlah pegawai per unit.",
        "iku: periksa kolom target; isi kolom realisasi (kosong = n/a di laporan).",
        "program, kegiatan: perbarui daftar dan pagu; isi realisasi, dan pagu_murni/jenis_perubahan bila ada perubahan anggaran.",
        "efisiensi: periksa kegiatan pendukung setiap IKU.",
        "belanja: perbarui apbd dan apbd_p; isi realisasi belanja tidak langsung.",
        "apbn: perbarui anggaran dan isi realisasi (hapus barisnya bila tidak ada dana APBN).",
        "indikator_program, indikator_kegiatan: perbarui target; isi realisasi dan keterangan.",
        "kertas_kerja: isi masukan (angka rumus), capaian untuk rumus teks, dan capaian_tahun_lalu.",
        "pk: perbarui dokumen Perjanjian Kinerja tahun ini dan isi realisasi.",
        "aset: perbarui nilai aset.",
        f"chapters/{year}/: perbarui narasi bab (disalin dari {source}); build memberi peringatan "
        "untuk paragraf yang masih sama dengan tahun lalu dan memuat angka atau kata penilaian.",
        f"chapters/{year}/analisis/: perbarui analisis setiap IKU (penyebab dan solusi) dan hapus "
        "baris TINJAU; IKU baru perlu berkas analisis baru (nama berkas = kode IKU).",
        f"Periksa dengan: uv run build.py {year} --check, lalu buat laporan: uv run build.py {year}",
    ]
    return [f"{i}. {text}" for i, text in enumerate(items, start=1)]


def init_year(root, year: int, force: bool = False) -> list[str]:
    """Create ``data/<year>/lkjip.xlsx`` and ``chapters/<year>/``; return messages (Indonesian)."""
    root = Path(root)
    project = Project(root, year)
    data_dir, chapters_dir = project.data_dir, project.chapters_dir
    existing = [p for p in (data_dir, chapters_dir) if p.exists()]
    if existing and not force:
        names = " dan ".join(p.relative_to(root).as_posix() + "/" for p in existing)
        raise OutputError(
            f"{names} sudah ada; tidak ada yang diubah. "
            "Saran: tambahkan --force untuk memulai ulang (folder lama dipindahkan ke <folder>-cadangan-N)."
        )
    source = source_year(root, year)
    dataset = load_dataset(Project(root, source))
    tables, notes = new_year_tables(dataset, year)

    messages = []
    for folder in existing:
        backup = _move_aside(folder)
        messages.append(f"{folder.relative_to(root).as_posix()}/ lama dipindahkan ke {backup.relative_to(root).as_posix()}/.")
    data_dir.mkdir(parents=True)
    write_workbook(data_dir / WORKBOOK_NAME, year, tables, SCHEMAS)
    messages.append(f"Dibuat: data/{year}/{WORKBOOK_NAME} (dari data/{source}/).")
    source_chapters = project.year_of(source).chapters_dir
    if source_chapters.is_dir():
        shutil.copytree(source_chapters, chapters_dir)
        messages.append(f"Disalin: chapters/{source}/ ke chapters/{year}/.")
        messages += _mark_analyses_for_review(chapters_dir, source)
    else:
        chapters_dir.mkdir(parents=True)
        messages.append(f"chapters/{source}/ tidak ada; chapters/{year}/ dibuat kosong.")
    if source != year - 1:
        messages.append(
            f"Perhatian: data/{year - 1}/ tidak ada; realisasi_tahun_lalu dikosongkan dan "
            f"capaian_tahun_lalu di sheet iku perlu diisi dari LKjIP {year - 1}."
        )
    messages += notes
    messages.append("")
    messages.append("Yang perlu diisi selanjutnya:")
    messages += checklist(year, source)
    return messages
