"""The one context shared by the Word template, the Markdown chapters and the tables.

``build_context(dataset)`` turns the validated tables into plain Python structures (dicts,
lists, str, int, float, :class:`~lkjip.notation.Value`, date) with Indonesian names, as listed
in docs/design.md ("Context"). Every derived number is computed here with :mod:`lkjip.compute`;
nothing derived is ever read from the data.

``flatten(context)`` lists every name with a short display value (``vars`` command).
"""

from __future__ import annotations

import datetime as _dt
import math

import pandas as pd
from pathlib import Path
from typing import Any

from . import compute as c
from ..present import fmt
from ..errors import InputError, Issue
from ..inputs.notation import Value, parse_date, parse_number, parse_value

PENDIDIKAN = ("s3", "s2", "s1", "d4", "d3", "d2", "d1", "slta", "sltp", "sd")
GOLONGAN = (
    "iv_e", "iv_d", "iv_c", "iv_b", "iv_a", "iii_d", "iii_c", "iii_b", "iii_a",
    "ii_d", "ii_c", "ii_b", "ii_a", "i_d", "i_c", "i_b", "i_a",
)
JABATAN = ("laki_laki", "perempuan", "jumlah", "struktural", "jfu", "jft")

_AUTO = object()


# --------------------------------------------------------------------------- reading tables


def _clean(x: Any) -> Any:
    """Cell value with pandas' missing markers (NaN, NA, NaT) turned into None."""
    if x is None:
        return None
    if isinstance(x, float) and math.isnan(x):
        return None
    try:
        import pandas as pd

        if x is pd.NA or x is pd.NaT:
            return None
        if isinstance(x, pd.Timestamp):
            return x.to_pydatetime().date()
    except ImportError:  # pragma: no cover
        pass
    if hasattr(x, "item") and not isinstance(x, (str, bytes)):  # numpy scalar
        return x.item()
    return x


def _rows(dataset, name: str) -> list[dict]:
    """Rows of a table as dicts (``_row`` kept); an absent optional table → []."""
    tables = getattr(dataset, "tables", None)
    if tables is not None and name not in tables:
        return []
    try:
        table = dataset[name]
    except KeyError:
        return []
    return [{k: _clean(v) for k, v in row.items()} for row in table.rows]


def _kv(dataset, name: str) -> dict:
    """A key-value table (``kunci``/``nilai``) as a typed dict (``Dataset.settings``)."""
    if hasattr(dataset, "settings"):
        try:
            return {k: _clean(v) for k, v in dataset.settings(name).items()}
        except KeyError:
            return {}
    return {r["kunci"]: r.get("nilai") for r in _rows(dataset, name) if r.get("kunci")}


def _text(x: Any) -> str:
    return "" if x is None else str(x)


def _value(x: Any) -> Value:
    return x if isinstance(x, Value) else parse_value(x)


def _optional_value(x: Any) -> Value | None:
    v = None if x is None else _value(x)
    return None if v is None or v.is_empty else v


def _money(x: Any) -> float | None:
    return None if x is None or pd.isna(x) else float(x)


def _date(x: Any) -> _dt.date | None:
    if x is None or x == "":
        return None
    return parse_date(x)


def _int(x: Any) -> int:
    return 0 if x is None else int(x)


# --------------------------------------------------------------------------- previous year


def previous_year_capaian(root: Path, year: int) -> dict[str, float | None] | None:
    """Capaian of each IKU (by kode) computed from ``data/<year-1>/``, or None if it is absent."""
    from ..inputs import load_dataset
    from ..project import Project

    previous_project = Project(root, year).previous
    if previous_project is None:
        return None
    previous = load_dataset(previous_project)
    context = build_context(previous, previous_capaian=None)
    return {i["kode"]: i["capaian"] for i in context["iku"]}


# --------------------------------------------------------------------------- sections


def _profil(kv: dict) -> dict:
    # dates are shown formatted ("Maret 2021", "31 Desember 2020"); ISO dates live elsewhere
    profil = {
        k: ("" if v is None else fmt.tanggal(v) if isinstance(v, _dt.date) else v) for k, v in kv.items()
    }
    profil["nama_lengkap"] = f"{_text(kv.get('nama_instansi'))} {_text(kv.get('daerah'))}".strip()
    return profil


def _kepala(kv: dict) -> dict:
    jabatan = _text(kv.get("kepala_jabatan"))
    instansi = f"{_text(kv.get('nama_instansi'))} {_text(kv.get('daerah'))}".strip()
    return {
        "nama": _text(kv.get("kepala_nama")),
        "pangkat": _text(kv.get("kepala_pangkat")),
        "nip": _text(kv.get("kepala_nip")),
        "jabatan": jabatan,
        "jabatan_lengkap": f"{jabatan} {instansi}".strip().upper(),
    }


def _pegawai(dataset, kv: dict) -> dict:
    pendidikan = {r["unit"]: r for r in _rows(dataset, "pegawai_pendidikan")}
    golongan = {r["unit"]: r for r in _rows(dataset, "pegawai_golongan")}
    units = []
    for no, r in enumerate(_rows(dataset, "pegawai_jabatan"), start=1):
        unit = {"no": no, "unit": r["unit"]}
        for k in ("laki_laki", "perempuan", "struktural", "jfu", "jft"):
            unit[k] = _int(r.get(k))
        unit["jumlah"] = unit["laki_laki"] + unit["perempuan"]
        unit["keterangan"] = _text(r.get("keterangan"))
        unit["pendidikan"] = {k: _int(pendidikan.get(r["unit"], {}).get(k)) for k in PENDIDIKAN}
        unit["golongan"] = {k: _int(golongan.get(r["unit"], {}).get(k)) for k in GOLONGAN}
        units.append(unit)
    total = {k: int(v) for k, v in c.jumlah_kolom(units, JABATAN).items()}
    total["pendidikan"] = {k: int(v) for k, v in c.jumlah_kolom([u["pendidikan"] for u in units], PENDIDIKAN).items()}
    total["golongan"] = {k: int(v) for k, v in c.jumlah_kolom([u["golongan"] for u in units], GOLONGAN).items()}
    tanggal = _date(kv.get("tanggal_data_pegawai"))
    return {
        "unit": units,
        "total": total,
        "tanggal": fmt.tanggal(tanggal) if tanggal else "",
        "tanggal_iso": tanggal,
        "sumber": _text(kv.get("sumber_data_pegawai")),
    }


def _targets(r: dict) -> list[Value]:
    return [_value(r.get(f"target_{i}")) for i in range(1, 6)]


def _renstra(dataset, tahun_pertama: int | None) -> dict:
    def row(r: dict, name: str) -> dict:
        out = {
            "versi": r.get("versi"),
            "no": _text(r.get("no")),
            name: _text(r.get(name)),
            "indikator": _text(r.get("indikator")),
            "target": _targets(r),
        }
        out.update({f"target_{i}": t for i, t in enumerate(out["target"], start=1)})
        return out

    sasaran = []
    for r in _rows(dataset, "sasaran_renstra"):
        item = row(r, "sasaran")
        item["kode_iku"] = _text(r.get("kode_iku"))
        sasaran.append(item)
    return {
        "tujuan": [row(r, "tujuan") for r in _rows(dataset, "tujuan")],
        "sasaran": sasaran,
        "tahun": [tahun_pertama + i for i in range(5)] if tahun_pertama else [],
    }


def _strategi(dataset) -> list[dict]:
    misi_list: list[dict] = []
    for r in _rows(dataset, "strategi"):
        misi = _text(r.get("misi"))
        if not misi_list or misi_list[-1]["misi"] != misi:
            misi_list.append({"misi": misi, "butir": []})
        butir = misi_list[-1]["butir"]
        no, strategi = _text(r.get("no")), _text(r.get("strategi"))
        if not butir or (butir[-1]["no"], butir[-1]["strategi"]) != (no, strategi):
            butir.append({"no": no, "strategi": strategi, "arah": []})
        butir[-1]["arah"].append(_text(r.get("arah_kebijakan")))
    return misi_list


def _rpjmd(dataset, tahun: list[int]) -> dict:
    out: dict[str, Any] = {"awal": [], "perubahan": [], "tahun": tahun}
    for r in _rows(dataset, "rpjmd"):
        row = {
            "tujuan": _text(r.get("tujuan")),
            "sasaran": _text(r.get("sasaran")),
            "indikator_rpjmd": _text(r.get("indikator_rpjmd")),
            "indikator_perangkat_daerah": _text(r.get("indikator_perangkat_daerah")),
            "kondisi_awal": _value(r.get("kondisi_awal")),
            "target": _targets(r),
            "kondisi_akhir": _value(r.get("kondisi_akhir")),
        }
        row.update({f"target_{i}": t for i, t in enumerate(row["target"], start=1)})
        out.setdefault(r.get("versi") or "awal", []).append(row)
    return out


def _anggaran(dataset) -> dict:
    programs = []
    program_per_kode = {}
    for r in _rows(dataset, "program"):
        p = {"kode": _text(r["kode"]), "nama": _text(r.get("nama")), "kegiatan": []}
        programs.append(p)
        program_per_kode[p["kode"]] = p
    kegiatan_per_kode = {}
    for no, r in enumerate(_rows(dataset, "kegiatan"), start=1):
        pagu, realisasi, murni = _money(r.get("pagu")), _money(r.get("realisasi")), _money(r.get("pagu_murni"))
        k = {
            "no": no,
            "kode": _text(r["kode"]),
            "kode_program": _text(r.get("kode_program")),
            "nama": _text(r.get("nama")),
            "pagu": pagu,
            "pagu_murni": murni,
            "perubahan": c.selisih(murni, pagu),
            "jenis_perubahan": _text(r.get("jenis_perubahan")),
            "catatan": _text(r.get("catatan")),
            "pelaksana": _text(r.get("pelaksana")),
            "realisasi": realisasi,
            "persen": c.persen(realisasi, pagu),
            "sisa": c.selisih(pagu, realisasi),
        }
        kegiatan_per_kode[k["kode"]] = k
        if k["kode_program"] in program_per_kode:
            program_per_kode[k["kode_program"]]["kegiatan"].append(k)
    for p in programs:
        p["pagu"] = c.jumlah(k["pagu"] for k in p["kegiatan"])
        p["realisasi"] = c.jumlah_lengkap(k["realisasi"] for k in p["kegiatan"])
        p["persen"] = c.persen(p["realisasi"], p["pagu"])
        p["sisa"] = c.selisih(p["pagu"], p["realisasi"])
        for k in p["kegiatan"]:
            k["program"] = {"kode": p["kode"], "nama": p["nama"]}

    belanja_rows = {r["jenis"]: r for r in _rows(dataset, "belanja")}
    btl = belanja_rows.get("tidak_langsung", {})
    bl = belanja_rows.get("langsung", {})
    all_kegiatan = list(kegiatan_per_kode.values())
    tidak_langsung = c.ringkasan_anggaran(_money(btl.get("apbd")), _money(btl.get("apbd_p")), _money(btl.get("realisasi")))
    langsung = c.ringkasan_anggaran(
        _money(bl.get("apbd")),
        c.jumlah(k["pagu"] for k in all_kegiatan),
        c.jumlah_lengkap(k["realisasi"] for k in all_kegiatan),
    )
    total = c.ringkasan_anggaran(
        *(c.jumlah([tidak_langsung[key], langsung[key]]) for key in ("apbd", "apbd_p", "realisasi"))
    )
    apbn_rows = []
    for no, r in enumerate(_rows(dataset, "apbn"), start=1):
        anggaran, realisasi = _money(r.get("anggaran")), _money(r.get("realisasi"))
        apbn_rows.append(
            {
                "no": no,
                "kementerian": _text(r.get("kementerian")),
                "kode_satker": _text(r.get("kode_satker")),
                "kegiatan": _text(r.get("kegiatan")),
                "anggaran": anggaran,
                "realisasi": realisasi,
                "persen": c.persen(realisasi, anggaran),
                "sisa": c.selisih(anggaran, realisasi),
            }
        )
    apbn_anggaran = c.jumlah(r["anggaran"] for r in apbn_rows)
    apbn_realisasi = c.jumlah_lengkap(r["realisasi"] for r in apbn_rows)
    return {
        "belanja": {"tidak_langsung": tidak_langsung, "langsung": langsung, "total": total},
        "refocusing": c.refocusing(total["apbd"], total["apbd_p"]),
        "program": programs,
        "apbn": {
            "baris": apbn_rows,
            "anggaran": apbn_anggaran,
            "realisasi": apbn_realisasi,
            "persen": c.persen(apbn_realisasi, apbn_anggaran),
        },
        "_program_per_kode": program_per_kode,
        "_kegiatan_per_kode": kegiatan_per_kode,
    }


def _target_renstra(dataset, year: int, tahun_pertama: int | None) -> dict[str, Value]:
    """kode_iku → Renstra target of ``year`` (versi "perubahan" preferred over "awal")."""
    if not tahun_pertama:
        return {}
    k = year - tahun_pertama + 1
    if not 1 <= k <= 5:
        return {}
    found: dict[str, tuple[int, Value]] = {}
    for r in _rows(dataset, "sasaran_renstra"):
        kode = _text(r.get("kode_iku"))
        if not kode:
            continue
        rank = 1 if r.get("versi") == "perubahan" else 0
        if kode not in found or rank > found[kode][0]:
            found[kode] = (rank, _value(r.get(f"target_{k}")))
    return {kode: v for kode, (_, v) in found.items()}


def _batas_capaian(kv_pengaturan: dict) -> float | None:
    cap = kv_pengaturan.get("batas_capaian")
    return None if cap in (None, "") else float(parse_number(cap))


def _iku(dataset, cap: float | None, bands, target_renstra: dict, previous: dict | None, anggaran: dict) -> list[dict]:
    kegiatan_per_kode = anggaran["_kegiatan_per_kode"]
    program_per_kode = anggaran["_program_per_kode"]
    mapping: dict[str, list[str]] = {}
    for r in _rows(dataset, "efisiensi"):
        mapping.setdefault(_text(r["kode_iku"]), []).append(_text(r["kode_kegiatan"]))

    items = []
    for no, r in enumerate(_rows(dataset, "iku"), start=1):
        kode = _text(r["kode"])
        ukur = _pengukuran(r, bands, cap)
        arah, target, realisasi, capaian = (ukur[k] for k in ("arah", "target", "realisasi", "capaian"))
        if previous is not None:
            lalu = previous.get(kode)
        else:
            typed = r.get("capaian_tahun_lalu")
            lalu = None if typed is None else float(getattr(typed, "number", typed))
        kegiatan = [kegiatan_per_kode[k] for k in mapping.get(kode, []) if k in kegiatan_per_kode]
        per_program: dict[str, dict] = {}
        for k in kegiatan:
            p = program_per_kode.get(k["kode_program"], {"kode": k["kode_program"], "nama": ""})
            entry = per_program.setdefault(
                p["kode"], {"kode": p["kode"], "nama": p["nama"], "kegiatan": []}
            )
            entry["kegiatan"].append(k)
        program = []
        for entry in per_program.values():
            entry["anggaran"] = c.jumlah(k["pagu"] for k in entry["kegiatan"])
            entry["realisasi"] = c.jumlah_lengkap(k["realisasi"] for k in entry["kegiatan"])
            entry["persen"] = c.persen(entry["realisasi"], entry["anggaran"])
            program.append(entry)
        total_anggaran = c.jumlah(k["pagu"] for k in kegiatan) if kegiatan else None
        total_realisasi = c.jumlah_lengkap(k["realisasi"] for k in kegiatan) if kegiatan else None
        item = {
            "no": no,
            "kode": kode,
            "no_sasaran": _text(r.get("no_sasaran")),
            "sasaran": _text(r.get("sasaran")),
            **ukur,
            "target_renstra": target_renstra.get(kode),
            "capaian_tahun_lalu": lalu,
            "selisih": c.selisih(capaian, lalu),
            "realisasi_tahun_lalu": _optional_value(r.get("realisasi_tahun_lalu")),
            # growth of the realisasi against last year's, in % (negative = a fall)
            "pertumbuhan": c.pertumbuhan(
                c.angka_dari(realisasi), c.angka_dari(r.get("realisasi_tahun_lalu"))
            ),
            "keterangan": _text(r.get("keterangan")),
            "program": program,
            "anggaran": total_anggaran,
            "realisasi_anggaran": total_realisasi,
            "persen_anggaran": c.persen(total_realisasi, total_anggaran),
            "kegiatan": kegiatan,
            "efisiensi": None,
        }
        if kegiatan:
            t_num = c.angka_dari(target)
            r_num = c.realisasi_setara(target, realisasi, arah)
            nilai = c.efisiensi(total_anggaran, t_num, r_num, total_realisasi)
            if nilai is None and t_num is None:  # a range or grade target: through the capaian
                nilai = c.efisiensi_dari_capaian(total_anggaran, capaian, total_realisasi)
            item["efisiensi"] = {
                "iku": item,
                "anggaran": total_anggaran,
                "realisasi_anggaran": total_realisasi,
                "persen_anggaran": item["persen_anggaran"],
                "target": t_num,
                "realisasi": r_num,
                "nilai": nilai,
                "hasil": None if nilai is None else ("efisiensi" if nilai >= 0 else "inefisiensi"),
                "capaian": capaian,
                "kegiatan": kegiatan,
                "program": program,
            }
        items.append(item)
    return items


def _sasaran(iku: list[dict]) -> list[dict]:
    groups: dict[str, dict] = {}
    for i in iku:
        g = groups.setdefault(i["no_sasaran"], {"no": i["no_sasaran"], "nama": i["sasaran"], "indikator": []})
        g["indikator"].append(i)
    for g in groups.values():
        g["capaian"] = c.rata_rata(i["capaian"] for i in g["indikator"])
    return list(groups.values())


def _pengukuran(r: dict, bands, cap: float | None) -> dict:
    """What every measured indicator (IKU, program, kegiatan) has: its target, realisasi,
    capaian and kategori."""
    arah = r.get("arah") or c.NAIK
    target, realisasi = _value(r.get("target")), _value(r.get("realisasi"))
    capaian = c.capaian(target, realisasi, arah, cap)
    return {
        "indikator": _text(r.get("indikator")),
        "satuan": _text(r.get("satuan")),
        "arah": arah,
        "target": target,
        "realisasi": realisasi,
        "capaian": capaian,
        "kategori": c.kategori(capaian, bands),
    }


def _indikator(dataset, name: str, key: str, lookup: dict, group_name: str, bands, cap) -> list[dict]:
    groups: list[dict] = []
    for no, r in enumerate(_rows(dataset, name), start=1):
        kode = _text(r.get(key))
        if not groups or groups[-1]["kode"] != kode:
            groups.append({"kode": kode, group_name: lookup.get(kode), "indikator": []})
        keterangan = _text(r.get("keterangan"))
        groups[-1]["indikator"].append(
            {
                "no": no,
                **_pengukuran(r, bands, cap),
                "keterangan": keterangan,
                "keterangan_paragraf": [p.strip() for p in keterangan.splitlines() if p.strip()],
            }
        )
    return groups


def _kertas_kerja(dataset) -> list[dict]:
    urusan_list: list[dict] = []
    for r in _rows(dataset, "kertas_kerja"):
        urusan = _text(r.get("urusan"))
        if not urusan_list or urusan_list[-1]["urusan"] != urusan:
            urusan_list.append({"urusan": urusan, "baris": []})
        rumus = r.get("rumus") or "teks"
        masukan = list(r.get("masukan") or ())
        typed = _value(r.get("capaian"))
        if rumus == "teks":
            capaian = c.angka_dari(typed)
            teks = fmt.nilai(typed) if not typed.is_empty else ""
        else:
            capaian = c.hitung_rumus(rumus, masukan)
            if rumus == "jumlah":
                teks = fmt.nilai(capaian)
            else:
                teks = fmt.persen(capaian)
        urusan_list[-1]["baris"].append(
            {
                "no": _text(r.get("no")),
                "jenis": r.get("jenis"),
                "indikator": _text(r.get("indikator")),
                "rumus": rumus,
                "uraian_rumus": _text(r.get("uraian_rumus")),
                "masukan": masukan,
                "bobot": r.get("bobot"),
                "target": _value(r.get("target")),
                "capaian": capaian,
                "capaian_teks": teks,
                "capaian_tahun_lalu": _value(r.get("capaian_tahun_lalu")),
                "keterangan": _text(r.get("keterangan")),
            }
        )
    return urusan_list


def _pk(dataset, tahun: int) -> list[dict]:
    documents: list[dict] = []
    for r in _rows(dataset, "pk"):
        no, jenis = _text(r.get("pk")), _text(r.get("jenis"))
        if not documents or (documents[-1]["no"], documents[-1]["jenis"]) != (no, jenis):
            judul = "PERJANJIAN KINERJA PERUBAHAN" if jenis == "PK Perubahan" else "PERJANJIAN KINERJA"
            documents.append(
                {
                    "no": no,
                    "jenis": jenis,
                    "judul": f"{judul} TAHUN {tahun}",
                    "penandatangan": _text(r.get("penandatangan")),
                    "jabatan": _text(r.get("jabatan")),
                    "baris": [],
                }
            )
        documents[-1]["baris"].append(
            {
                "no": _text(r.get("no")),
                "sasaran": _text(r.get("sasaran")),
                "indikator": _text(r.get("indikator")),
                "target": _value(r.get("target")),
                "realisasi": _value(r.get("realisasi")),
                "definisi_operasional": _text(r.get("definisi_operasional")),
                "kode_iku": _text(r.get("kode_iku")),
            }
        )
    return documents


def _aset(dataset, kv: dict, tahun: int) -> dict:
    rows = _rows(dataset, "aset")
    values = {_text(r["kode"]): _money(r.get("nilai")) for r in rows}
    totals = c.subtotal_kode(values)
    leaves = c.daun_kode(values)
    baris = [
        {
            "kode": _text(r["kode"]),
            "nama": _text(r.get("nama")),
            "nilai": totals[_text(r["kode"])],
            "tingkat": c.tingkat_kode(_text(r["kode"])),
            "daun": _text(r["kode"]) in leaves,
        }
        for r in rows
    ]
    akar = c.akar_kode(values)
    tanggal = _dt.date(tahun, 12, 31)
    return {
        "judul": "REKAPITULASI BARANG KE NERACA",
        "tanggal": fmt.tanggal(tanggal),
        "tanggal_iso": tanggal,
        "bidang": _text(kv.get("aset_bidang")),
        "sumber": _text(kv.get("aset_sumber")),
        "baris": baris,
        "per_kode": {b["kode"]: b for b in baris},
        "total": c.jumlah(totals[k] for k in akar),
    }


def _struktur(dataset) -> list[dict]:
    """The organisation chart as a forest: the units without ``induk`` (normally only the
    pimpinan), each ``{unit, jenis, anak: [...]}``, children in the order of the table.

    A unit name may repeat under different parents (each UPTD's "Sub Bagian Tata Usaha"),
    but a name used as ``induk`` must then be unique, and every unit must lead up to a unit
    without ``induk`` (no loop): otherwise an InputError names the row.
    """
    rows = _rows(dataset, "struktur")
    if not rows:
        return []
    table = dataset["struktur"]
    nodes = [{"unit": _text(r["unit"]), "jenis": _text(r.get("jenis")), "anak": []} for r in rows]
    by_name: dict[str, list[int]] = {}
    for i, node in enumerate(nodes):
        by_name.setdefault(node["unit"], []).append(i)
    issues, roots, parent = [], [], {}
    for i, r in enumerate(rows):
        induk = _text(r.get("induk"))
        if not induk:
            roots.append(nodes[i])
            continue
        found = by_name.get(induk, [])
        if len(found) > 1:
            baris = ", ".join(str(rows[j]["_row"]) for j in found)
            issues.append(Issue(
                f'induk "{induk}" tidak jelas: unit dengan nama ini ada di lebih dari satu baris ({baris}).',
                table.loc(r["_row"], "induk"),
                hint="beri nama yang berbeda pada unit-unit itu (mis. tambahkan nama UPTD-nya).",
            ))
        elif found:  # an unknown induk is reported by load.py (reference check)
            parent[i] = found[0]
            nodes[found[0]]["anak"].append(nodes[i])
    for i, r in enumerate(rows):  # a loop (A under B, B under A) never reaches a root
        seen, j = {i}, i
        while j in parent:
            j = parent[j]
            if j in seen:
                issues.append(Issue(
                    f'unit "{nodes[i]["unit"]}" tidak terhubung ke pimpinan: rantai induknya berputar kembali.',
                    table.loc(r["_row"], "induk"),
                    hint="kosongkan induk pada pimpinan dan periksa induk unit-unit di rantai ini.",
                ))
                break
            seen.add(j)
    if issues:
        raise InputError(issues)
    return roots


def _struktur_jumlah(struktur: list[dict]) -> dict[str, int]:
    """How many units of each jenis (every jenis of the schema, 0 when absent)."""
    from ..inputs.schema import JENIS_UNIT

    counts = dict.fromkeys(JENIS_UNIT, 0)

    def walk(nodes):
        for node in nodes:
            if node["jenis"]:
                counts[node["jenis"]] = counts.get(node["jenis"], 0) + 1
            walk(node["anak"])

    walk(struktur)
    return counts


def _bands(dataset):
    rows = _rows(dataset, "kategori")
    if not rows:
        return None
    return [(float(r["batas_bawah"]), _text(r["predikat"])) for r in rows]


# --------------------------------------------------------------------------- the context


def build_context(dataset, previous_capaian: Any = _AUTO) -> dict:
    """The context of docs/design.md for one year's validated :class:`Dataset`.

    ``previous_capaian``: {kode: capaian} of year − 1; by default it is computed from
    ``data/<year-1>/`` when that folder exists (:func:`previous_year_capaian`), otherwise the
    ``iku.capaian_tahun_lalu`` column is used. Pass None to force the column.
    """
    year = int(dataset.year)
    if previous_capaian is _AUTO:
        root = getattr(dataset, "root", None)
        previous_capaian = previous_year_capaian(root, year) if root is not None else None
    profil_kv = _kv(dataset, "profil")
    pengaturan = _kv(dataset, "pengaturan")
    cap = _batas_capaian(pengaturan)
    bands = _bands(dataset)
    tahun_pertama = profil_kv.get("renstra_tahun_pertama")
    tahun_pertama = int(parse_number(tahun_pertama)) if tahun_pertama not in (None, "") else None

    anggaran = _anggaran(dataset)
    program_per_kode = anggaran.pop("_program_per_kode")
    kegiatan_per_kode = anggaran.pop("_kegiatan_per_kode")
    iku = _iku(
        dataset,
        cap,
        bands,
        _target_renstra(dataset, year, tahun_pertama),
        previous_capaian,
        {"_kegiatan_per_kode": kegiatan_per_kode, "_program_per_kode": program_per_kode},
    )
    sasaran = _sasaran(iku)
    renstra = _renstra(dataset, tahun_pertama)
    signing = _date(profil_kv.get("tanggal_penandatanganan"))
    struktur = _struktur(dataset)

    return {
        "tahun": year,
        "tahun_lalu": year - 1,
        "profil": _profil(profil_kv),
        "kepala": _kepala(profil_kv),
        "tanggal_penandatanganan": fmt.tanggal(signing) if signing else "",
        "tanggal_penandatanganan_iso": signing,
        "pegawai": _pegawai(dataset, profil_kv),
        "struktur": struktur,
        "struktur_jumlah": _struktur_jumlah(struktur),
        "renstra": renstra,
        "strategi": _strategi(dataset),
        "rpjmd": _rpjmd(dataset, renstra["tahun"]),
        "iku": iku,
        "iku_per_kode": {i["kode"]: i for i in iku},
        "sasaran": sasaran,
        "capaian_rata_rata": c.rata_rata(i["capaian"] for i in iku),
        "capaian_tahun_lalu_dari_data": previous_capaian,
        "efisiensi": [i["efisiensi"] for i in iku if i["efisiensi"] is not None],
        "anggaran": anggaran,
        "program_per_kode": program_per_kode,
        "kegiatan_per_kode": kegiatan_per_kode,
        "indikator_program": _indikator(dataset, "indikator_program", "kode_program", program_per_kode, "program", bands, cap),
        "indikator_kegiatan": _indikator(dataset, "indikator_kegiatan", "kode_kegiatan", kegiatan_per_kode, "kegiatan", bands, cap),
        "kertas_kerja": _kertas_kerja(dataset),
        "pk": _pk(dataset, year),
        "aset": _aset(dataset, profil_kv, year),
        "jumlah": {
            "sasaran": len(sasaran),
            "iku": len(iku),
            "program": len(program_per_kode),
            "kegiatan": len(kegiatan_per_kode),
            "tujuan": len({(t["versi"], t["no"]) for t in renstra["tujuan"] if t["versi"] == _latest_versi(renstra["tujuan"])}),
        },
        "pengaturan": {
            "batas_capaian": None if pengaturan.get("batas_capaian") in (None, "") else float(parse_number(pengaturan["batas_capaian"])),
            "kategori": [
                {"batas_bawah": None if math.isinf(b) else b, "predikat": p}
                for b, p in (bands or c.KATEGORI_BAWAAN)
            ],
        },
    }


def _latest_versi(rows: list[dict]) -> str | None:
    versi = {r["versi"] for r in rows}
    return "perubahan" if "perubahan" in versi else ("awal" if "awal" in versi else None)


# --------------------------------------------------------------------------- flatten (vars)


def _short(x: Any) -> str:
    if x is None:
        return "n/a"
    if isinstance(x, Value):
        return fmt.nilai(x)
    if isinstance(x, bool):
        return "ya" if x else "tidak"
    if isinstance(x, int):
        return str(x)
    if isinstance(x, float):
        return fmt.angka(x, 0 if x == int(x) else 2) if not math.isinf(x) else str(x)
    if isinstance(x, _dt.date):
        return x.isoformat()
    text = " ".join(str(x).split())
    return text if len(text) <= 80 else text[:77] + "..."


def flatten(context: dict) -> list[tuple[str, str]]:
    """Every leaf name of the context (``iku[0].capaian``, ``anggaran.belanja.total.apbd``) with
    a short display value. A dict met a second time (e.g. ``efisiensi[0].iku``) is shown as a
    reference to its first name instead of being repeated."""
    out: list[tuple[str, str]] = []
    seen: dict[int, str] = {}

    def walk(name: str, x: Any) -> None:
        if isinstance(x, (dict, list)):
            if id(x) in seen:
                out.append((name, f"→ {seen[id(x)]}"))
                return
            seen[id(x)] = name
            if not x:
                out.append((name, "{}" if isinstance(x, dict) else "[]"))
                return
            items = x.items() if isinstance(x, dict) else enumerate(x)
            for k, v in items:
                if isinstance(x, dict):
                    child = f"{name}.{k}" if name and str(k).isidentifier() else (f'{name}["{k}"]' if name else str(k))
                else:
                    child = f"{name}[{k}]"
                walk(child, v)
            return
        out.append((name, _short(x)))

    walk("", context)
    return out
