"""Every table of the report as data (:class:`lkjip.model.TableSpec`).

Each builder takes the context (see docs/design.md, "Context") and returns one table.
Builders never compute report figures themselves (the context holds them) and format numbers
only through the filters of :mod:`lkjip.fmt`; headers and captions follow the 2020 reference
report, with the agency name and the years taken from the context.

Conventions: money without "Rp" and without decimals (assets: 2 decimals), percentages with
2 decimals, numbers right-aligned, vertical merges (rowspan) for grouped columns.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date
from typing import Any

from . import comparisons, fmt
from .blocks import Cell, TableSpec

Row = list[Cell]

# --------------------------------------------------------------------------- cell helpers


def _h(text: str, colspan: int = 1, rowspan: int = 1) -> Cell:
    """A header cell: bold, centred."""
    return Cell(text, align="center", bold=True, colspan=colspan, rowspan=rowspan)


def _t(text: Any, bold: bool = False, colspan: int = 1, align: str = "left") -> Cell:
    """A text cell (None → empty)."""
    return Cell("" if text is None else str(text), align=align, bold=bold, colspan=colspan)


def _c(text: Any, bold: bool = False, colspan: int = 1) -> Cell:
    """A centred cell (numbers used as labels: No., Satuan, counts)."""
    return _t(text, bold=bold, colspan=colspan, align="center")


def _n(text: str, bold: bool = False, colspan: int = 1) -> Cell:
    """A right-aligned (number) cell; ``text`` is already formatted through fmt."""
    return Cell(text, align="right", bold=bold, colspan=colspan)


def _uang(x: float | None, bold: bool = False) -> Cell:
    """Money as the reference prints it in tables: no "Rp", no decimals."""
    return _n(fmt.angka(x), bold=bold)


def _pct(x: float | None, bold: bool = False) -> Cell:
    """A percentage in a column whose header already says "%": 2 decimals, no sign."""
    return _n(fmt.angka(x, 2), bold=bold)


def _pct_sign(x: float | None, bold: bool = False) -> Cell:
    """A percentage with its sign ("582,48%")."""
    return _n(fmt.persen(x, 2), bold=bold)


def _nilai(v: Any, kosong: str = "") -> str:
    """A target/realisasi as typed (a notation Value), a plain number, or text.

    Nothing typed (None or an empty Value) → ``kosong``: "" for plans (an empty target cell),
    "n/a" for a realisasi that should be there.
    """
    if v is None or getattr(v, "kind", None) == "empty":
        return kosong
    if isinstance(v, str):
        return v
    if isinstance(v, bool):
        return str(v)
    if isinstance(v, (int, float)):
        return fmt.angka(v, 0 if float(v).is_integer() else 2)
    return fmt.nilai(v)


def _nilai_persen(v: Any, satuan: str | None, kosong: str = "") -> str:
    """Like :func:`_nilai`, with a "%" added to a number, comparison or range of an indicator in
    percent (Tabel 3.1–3.4 print "1,37%" where Tabel 2.6 prints "1,37"; "<11%" beside "9,74%")."""
    text = _nilai(v, kosong)
    plain = isinstance(v, (int, float)) and not isinstance(v, bool)
    numeric = getattr(v, "kind", None) in ("number", "lt", "le", "gt", "ge", "range")
    if (satuan or "").strip() == "%" and (plain or numeric):
        if not getattr(v, "percent", False) and text and not text.endswith("%"):
            text += "%"
    return text


def _tanggal(d: Any) -> str:
    """A date of the context: formatted through fmt unless the context already gives text."""
    if d is None or isinstance(d, str):
        return d or ""
    if isinstance(d, date):
        return fmt.tanggal(d)
    return str(d)


def _get(obj: Any, key: str, default: Any = None) -> Any:
    """``obj[key]`` for dicts, ``obj.key`` for objects; ``default`` when absent."""
    if isinstance(obj, Mapping):
        return obj.get(key, default)
    return getattr(obj, key, default)


def _targets(row: Mapping[str, Any], n: int = 5) -> list[Any]:
    """The five yearly targets of a Renstra/RPJMD row (``target`` list or ``target_1..5``)."""
    t = row.get("target")
    if isinstance(t, (list, tuple)):
        return list(t) + [None] * (n - len(t))
    return [row.get(f"target_{i}") for i in range(1, n + 1)]


def _no(x: Any) -> str:
    """A row number as the reference prints it: "1." (empty stays empty)."""
    if x is None or x == "":
        return ""
    s = str(x)
    return s if s.endswith(".") else s + "."


def _merge_down(keyed: Sequence[tuple[tuple, Row]], levels: Sequence[Sequence[int]]) -> list[Row]:
    """Vertical merges: ``keyed`` is a list of (keys, full row of cells), one key per level.

    At level i, the columns ``levels[i]`` of consecutive rows whose keys[: i + 1] are equal
    (and not None) are merged into the first row of the run (rowspan); the covered cells are
    left out, as :class:`Cell` requires. Columns are indexes into the full rows.
    """
    rows = [list(cells) for _, cells in keyed]
    drop: set[tuple[int, int]] = set()
    for level, columns in enumerate(levels):
        start = 0
        while start < len(keyed):
            key = keyed[start][0][: level + 1]
            end = start + 1
            if key[-1] is not None:
                while end < len(keyed) and keyed[end][0][: level + 1] == key:
                    end += 1
            if end - start > 1:
                for col in columns:
                    rows[start][col].rowspan = end - start
                    drop.update((r, col) for r in range(start + 1, end))
            start = end
    return [[c for j, c in enumerate(row) if (i, j) not in drop] for i, row in enumerate(rows)]


def _nama_lengkap(ctx: Mapping[str, Any]) -> str:
    profil = ctx["profil"]
    return profil.get("nama_lengkap") or f"{profil['nama_instansi']} {profil['daerah']}"


# --------------------------------------------------------------------------- BAB I: pegawai


def _sumber_pegawai(ctx: Mapping[str, Any]) -> str | None:
    sumber = ctx["pegawai"].get("sumber")
    if not sumber:
        return None
    tahun = str(ctx["tahun"])
    return f"Sumber: {sumber}" + ("" if tahun in sumber else f" Tahun {tahun}")


def _judul_pegawai(ctx: Mapping[str, Any], dasar: str) -> str:
    return (
        f"Jumlah ASN {_nama_lengkap(ctx)} Berdasarkan {dasar} "
        f"Pertanggal {_tanggal(ctx['pegawai'].get('tanggal'))}"
    )


def _orang(n: Any) -> str:
    return f"{fmt.angka(n)} Orang"


def pegawai_jabatan(ctx: Mapping[str, Any]) -> TableSpec:
    """Tabel 1.1: ASN per unit by jabatan and jenis kelamin, with a total row."""
    peg = ctx["pegawai"]
    header = [
        [
            _h("NO", rowspan=2),
            _h("OPD", rowspan=2),
            _h("JUMLAH PEGAWAI", rowspan=2),
            _h("JENIS KELAMIN", colspan=2),
            _h("JABATAN", colspan=3),
            _h("KET", rowspan=2),
        ],
        [_h("L"), _h("P"), _h("STRUKTURAL"), _h("JFU"), _h("JFT")],
    ]
    counts = ("laki_laki", "perempuan", "struktural", "jfu", "jft")
    rows = []
    for u in peg["unit"]:
        rows.append(
            [_c(u["no"]), _t(u["unit"]), _n(_orang(u["jumlah"]))]
            + [_n(fmt.angka(u[k])) for k in counts]
            + [_t(u.get("keterangan"))]
        )
    tot = peg["total"]
    rows.append(
        [_t("JUMLAH", bold=True, colspan=2, align="center"), _n(_orang(tot["jumlah"]), bold=True)]
        + [_n(fmt.angka(tot[k]), bold=True) for k in counts]
        + [_t("")]
    )
    return TableSpec(
        key="pegawai_jabatan",
        title=_judul_pegawai(ctx, "Jabatan dan Jenis Kelamin"),
        header=header,
        rows=rows,
        widths=[0.6, 4.0, 1.6, 0.8, 0.8, 1.6, 0.9, 0.9, 1.0],
        source=_sumber_pegawai(ctx),
    )


PENDIDIKAN = (
    ("s3", "S-3"),
    ("s2", "S-2"),
    ("s1", "S-1"),
    ("d4", "D-4"),
    ("d3", "D-3"),
    ("d2", "D-2"),
    ("d1", "D-1"),
    ("slta", "SLTA / Sederajat"),
    ("sltp", "SLTP"),
    ("sd", "SD"),
)

GOLONGAN = tuple(
    (f"{g.lower()}_{r}", f"{g}/{r}")
    for g, ruang in (("IV", "edcba"), ("III", "dcba"), ("II", "dcba"), ("I", "dcba"))
    for r in ruang
)


def _pegawai_per_kolom(
    ctx: Mapping[str, Any], key: str, kolom: Sequence[tuple[str, str]], judul: str, dasar: str
) -> TableSpec:
    """Tabel 1.2 and 1.3: one count column per category, with a total row."""
    peg = ctx["pegawai"]
    header = [
        [_h("NO", rowspan=2), _h("OPD", rowspan=2), _h(judul, colspan=len(kolom))],
        [_h(label) for _, label in kolom],
    ]
    rows = []
    for u in peg["unit"]:
        data = u[dasar]
        rows.append([_c(u["no"]), _t(u["unit"])] + [_n(fmt.angka(data.get(k, 0))) for k, _ in kolom])
    tot = peg["total"][dasar]
    rows.append(
        [_t("JUMLAH", bold=True, colspan=2, align="center")]
        + [_n(fmt.angka(tot.get(k, 0)), bold=True) for k, _ in kolom]
    )
    return TableSpec(
        key=key,
        title=_judul_pegawai(ctx, "Tingkat Pendidikan" if dasar == "pendidikan" else "Golongan"),
        header=header,
        rows=rows,
        widths=[0.6, 4.0] + [0.8] * len(kolom),
        source=_sumber_pegawai(ctx),
        font_size=8.0 if len(kolom) > 10 else None,
    )


def pegawai_pendidikan(ctx: Mapping[str, Any]) -> TableSpec:
    """Tabel 1.2: ASN per unit by tingkat pendidikan."""
    return _pegawai_per_kolom(ctx, "pegawai_pendidikan", PENDIDIKAN, "PENDIDIKAN", "pendidikan")


def pegawai_golongan(ctx: Mapping[str, Any]) -> TableSpec:
    """Tabel 1.3: ASN per unit by golongan (golongan I only when someone has it)."""
    peg = ctx["pegawai"]
    units = list(peg["unit"]) + [peg["total"]]
    kolom = [
        (k, label)
        for k, label in GOLONGAN
        if not k.startswith("i_") or any((u["golongan"].get(k) or 0) > 0 for u in units)
    ]
    return _pegawai_per_kolom(ctx, "pegawai_golongan", kolom, "GOLONGAN", "golongan")


# --------------------------------------------------------------------------- BAB II: Renstra


def _grouped(rows: Iterable[Mapping[str, Any]], group: str) -> list[dict]:
    """Renstra rows as groups ``{versi, no, <group>, indikator: [rows]}``.

    Accepts flat rows (one per indikator, the group columns repeated) or rows already nested
    (``indikator`` a list of ``{indikator, target...}``).
    """
    out: list[dict] = []
    for r in rows:
        if isinstance(r.get("indikator"), list):
            out.append({**r, "indikator": list(r["indikator"])})
            continue
        key = (r.get("versi"), r.get("no"), r.get(group))
        if out and out[-1]["_key"] == key:
            out[-1]["indikator"].append(r)
        else:
            out.append({"_key": key, "versi": r.get("versi"), "no": r.get("no"),
                        group: r.get(group), "indikator": [r]})
    return out


def _renstra(ctx: Mapping[str, Any], key: str, group: str, label: str, judul: str) -> TableSpec:
    """Tabel 2.1 (tujuan) and 2.2 (sasaran): awal rows then perubahan rows, as in the reference."""
    header = [
        [
            _h("No.", rowspan=2),
            _h(label, rowspan=2),
            _h(f"Indikator {label}", rowspan=2),
            _h(f"Target Kinerja {label} Tahun ke-", colspan=5),
        ],
        [_h(str(i)) for i in range(1, 6)],
    ]
    keyed = []
    for gi, g in enumerate(_grouped(ctx["renstra"][key], group)):
        for ind in g["indikator"]:
            cells = [_c(_no(g["no"])), _t(g[group]), _t(ind.get("indikator"))]
            cells += [_n(_nilai(t)) for t in _targets(ind)]
            keyed.append((((g.get("versi"), g["no"]), gi), cells))
    return TableSpec(
        key="tujuan" if key == "tujuan" else "sasaran_renstra",
        title=judul,
        header=header,
        rows=_merge_down(keyed, [[0], [1]]),
        widths=[0.6, 3.5, 3.5] + [1.2] * 5,
    )


def tujuan(ctx: Mapping[str, Any]) -> TableSpec:
    """Tabel 2.1: tujuan jangka menengah (Renstra awal and perubahan)."""
    return _renstra(ctx, "tujuan", "tujuan", "Tujuan",
                    "Tujuan Jangka Menengah Pelayanan Perangkat Daerah")


def sasaran_renstra(ctx: Mapping[str, Any]) -> TableSpec:
    """Tabel 2.2: sasaran jangka menengah (Renstra awal and perubahan)."""
    return _renstra(ctx, "sasaran", "sasaran", "Sasaran",
                    "Sasaran Jangka Menengah Pelayanan Perangkat Daerah")


def strategi(ctx: Mapping[str, Any]) -> TableSpec:
    """Tabel 2.3: per misi a full-width row, then strategi with their arah kebijakan."""
    keyed = []
    for mi, misi in enumerate(ctx["strategi"]):
        keyed.append(((("misi", mi),), [_t(misi["misi"], bold=True, colspan=3)]))
        for bi, butir in enumerate(misi["butir"]):
            for arah in butir["arah"]:
                cells = [_c(_no(butir["no"])), _t(butir["strategi"]), _t(arah)]
                keyed.append((((mi, bi),), cells))
    return TableSpec(
        key="strategi",
        title="Strategi dan Arah Kebijakan",
        header=[[_h("No."), _h("Strategi"), _h("Arah Kebijakan")]],
        rows=_merge_down(keyed, [[0, 1]]),
        widths=[0.6, 4.5, 5.5],
    )


def _rpjmd(ctx: Mapping[str, Any], versi: str) -> TableSpec:
    """Tabel 2.4 / 2.5: indikator kinerja perangkat daerah against the RPJMD."""
    rp = ctx["rpjmd"]
    tahun = [str(t) for t in rp["tahun"]]
    akhir = "RPJMD PERUBAHAN" if versi == "perubahan" else "RPJMD"
    singkat = (ctx["profil"].get("nama_singkat") or "PERANGKAT DAERAH").upper()
    header = [
        [
            _h("No", rowspan=2),
            _h(f"TUJUAN {akhir}", rowspan=2),
            _h(f"SASARAN {akhir}", rowspan=2),
            _h("INDIKATOR TUJUAN/SASARAN RPJMD" if versi == "perubahan"
               else "INDIKATOR SASARAN RPJMD", rowspan=2),
            _h(f"INDIKATOR KINERJA {singkat}", rowspan=2),
            _h("KONDISI KINERJA PADA AWAL PERIODE RPJMD", rowspan=2),
            _h("TARGET CAPAIAN SETIAP TAHUN", colspan=len(tahun)),
            _h("KONDISI KINERJA PADA AKHIR PERIODE RPJMD", rowspan=2),
        ],
        [_h(t) for t in tahun],
    ]
    keyed = []
    no, last_tujuan = 0, object()
    for r in rp[versi]:
        tj = r.get("tujuan")
        if tj != last_tujuan:
            no, last_tujuan = no + 1, tj
        cells = [
            _c(_no(no) if tj else ""),
            _t(tj),
            _t(r.get("sasaran")),
            _t(r.get("indikator_rpjmd")),
            _t(r.get("indikator_perangkat_daerah")),
            _n(_nilai(r.get("kondisi_awal"))),
        ]
        cells += [_n(_nilai(t)) for t in _targets(r, len(tahun))]
        cells.append(_n(_nilai(r.get("kondisi_akhir"))))
        keys = (
            (no, tj) if tj else None,
            r.get("sasaran") or None,
            r.get("indikator_rpjmd") or None,
        )
        keyed.append((keys, cells))
    if versi == "perubahan":
        title = (f"Indikator Kinerja {_nama_lengkap(ctx)} yang Mengacu pada Tujuan dan "
                 "Sasaran RPJMD Perubahan")
    else:
        title = "Indikator Kinerja Perangkat Daerah yang Mengacu pada Tujuan dan Sasaran RPJMD"
    return TableSpec(
        key=f"rpjmd_{versi}",
        title=title,
        header=header,
        rows=_merge_down(keyed, [[0, 1], [2], [3]]),
        widths=[0.5, 2.4, 2.4, 2.4, 2.6, 1.4] + [1.3] * len(tahun) + [1.4],
        landscape=True,
        font_size=8.0,
    )


def rpjmd_awal(ctx: Mapping[str, Any]) -> TableSpec:
    """Tabel 2.4."""
    return _rpjmd(ctx, "awal")


def rpjmd_perubahan(ctx: Mapping[str, Any]) -> TableSpec:
    """Tabel 2.5."""
    return _rpjmd(ctx, "perubahan")


def iku(ctx: Mapping[str, Any]) -> TableSpec:
    """Tabel 2.6: IKU with one row per program behind it (pagu of its kegiatan)."""
    keyed = []
    for i, k in enumerate(ctx["iku"]):
        programs = k.get("program") or [{}]
        for p in programs:
            cells = [
                _c(_no(k["no_sasaran"])),
                _t(k["sasaran"]),
                _t(k["indikator"]),
                _c(k.get("satuan")),
                _n(_nilai(k["target"])),
                _t(p.get("nama")),
                _uang(p["anggaran"]) if "anggaran" in p else _t(""),
            ]
            keyed.append(((k["no_sasaran"], i), cells))
    return TableSpec(
        key="iku",
        title=f"Indikator Kinerja Utama {_nama_lengkap(ctx)}",
        header=[[
            _h("No"), _h("Sasaran Strategis"), _h("Indikator Kinerja"), _h("Satuan"),
            _h("Target"), _h("Program"), _h("Anggaran/ Perubahan"),
        ]],
        rows=_merge_down(keyed, [[0, 1], [2, 3, 4]]),
        widths=[0.5, 2.6, 2.6, 0.9, 1.7, 2.8, 1.7],
    )


def _hasil_efisiensi(hasil: str | None) -> str:
    return {"efisiensi": "Efisien", "inefisiensi": "Inefisien"}.get((hasil or "").lower(), hasil or "")


def efisiensi(ctx: Mapping[str, Any]) -> TableSpec:
    """Summary of section 2.3: E/I = (anggaran ÷ target × realisasi kinerja) − realisasi anggaran."""
    rows = []
    for e in ctx["efisiensi"]:
        k = e["iku"] if isinstance(e.get("iku"), Mapping) else ctx["iku_per_kode"][e["iku"]]
        rows.append([
            _t(k["indikator"]),
            _uang(e["anggaran"]),
            _uang(e["realisasi_anggaran"]),
            _pct(e["persen_anggaran"]),
            # as typed (a range, a grade, n/a); E/I itself uses the numbers of compute.efisiensi
            _n(_nilai_persen(k["target"], k.get("satuan"), "n/a")),
            _n(_nilai_persen(k["realisasi"], k.get("satuan"), "n/a")),
            _pct_sign(e["capaian"]),
            _uang(e["nilai"]),
            _c(_hasil_efisiensi(e.get("hasil"))),
        ])
    return TableSpec(
        key="efisiensi",
        title=f"Analisis Efisiensi Penggunaan Sumber Daya Tahun {ctx['tahun']}",
        header=[[
            _h("Indikator"), _h("Anggaran"), _h("Realisasi Anggaran"), _h("%"), _h("Target"),
            _h("Realisasi Kinerja"), _h("Capaian"), _h("E/I"), _h("Keterangan"),
        ]],
        rows=rows,
        widths=[3.0, 1.8, 1.8, 0.9, 1.5, 1.5, 1.1, 1.8, 1.2],
        landscape=True,
    )


# --------------------------------------------------------------------------- BAB III: capaian


def _indikator_satuan(k: Mapping[str, Any]) -> str:
    """Indicator text as Tabel 3.1–3.4 print it: the currency unit in brackets."""
    satuan = (k.get("satuan") or "").strip().strip("()")
    teks = k["indikator"]
    if satuan and satuan not in ("%", "Nilai") and f"({satuan})" not in teks:
        if any(c in satuan for c in ("Rp", "$")):
            return f"{teks} ({satuan})"
    return teks


def _tabel_iku(
    ctx: Mapping[str, Any], key: str, title: str, judul_kolom: Sequence[str],
    kolom: Callable[[Mapping[str, Any]], list[Cell]], widths: Sequence[float],
) -> tuple[list[Row], TableSpec]:
    """Tabel 3.1–3.4: No., Sasaran Kinerja, Indikator Kinerja, then ``kolom(iku)``."""
    keyed = []
    for i, k in enumerate(ctx["iku"]):
        cells = [_c(_no(k["no_sasaran"])), _t(k["sasaran"]), _t(_indikator_satuan(k))] + kolom(k)
        keyed.append(((k["no_sasaran"],), cells))
    header = [[_h("No."), _h("Sasaran Kinerja"), _h("Indikator Kinerja")]
              + [_h(j) for j in judul_kolom]]
    rows = _merge_down(keyed, [[0, 1]])
    return rows, TableSpec(key=key, title=title, header=header, rows=rows,
                           widths=[0.6, 3.5, 3.5] + list(widths))


def target_pk(ctx: Mapping[str, Any]) -> TableSpec:
    """Tabel 3.1: targets of the head's Perjanjian Kinerja."""
    _, spec = _tabel_iku(
        ctx, "target_pk",
        f"Target kinerja dalam perjanjian kinerja Perangkat Daerah {ctx['tahun']} (eselon II)",
        ["Target"],
        lambda k: [_n(_nilai_persen(k["target"], k.get("satuan")))],
        [2.0],
    )
    return spec


def capaian_iku(ctx: Mapping[str, Any]) -> TableSpec:
    """Tabel 3.2: target, realisasi and capaian per IKU, with the average row."""
    rows, spec = _tabel_iku(
        ctx, "capaian_iku",
        f"Pengukuran capaian kinerja dibandingkan dengan target perjanjian kinerja tahun {ctx['tahun']}",
        ["Target", "Realisasi", "Capaian (%)"],
        lambda k: [
            _n(_nilai_persen(k["target"], k.get("satuan"))),
            _n(_nilai_persen(k["realisasi"], k.get("satuan"), "n/a")),
            _pct_sign(k["capaian"]),
        ],
        [1.8, 1.8, 1.3],
    )
    rows.append([_t("Total Rata-rata capaian sasaran", bold=True, colspan=5),
                 _pct_sign(ctx["capaian_rata_rata"], bold=True)])
    return spec


def capaian_banding(ctx: Mapping[str, Any]) -> TableSpec:
    """Tabel 3.3: capaian this year against last year."""
    _, spec = _tabel_iku(
        ctx, "capaian_banding",
        f"Capaian Kinerja Tahun {ctx['tahun']} Dengan Tahun {ctx['tahun_lalu']}",
        [f"Capaian (%) {ctx['tahun_lalu']}", f"Capaian (%) {ctx['tahun']}", "+/− (%)"],
        lambda k: [_pct_sign(k.get("capaian_tahun_lalu")), _pct_sign(k["capaian"]),
                   _pct_sign(k.get("selisih"))],
        [1.4, 1.4, 1.4],
    )
    return spec


def capaian_renstra(ctx: Mapping[str, Any]) -> TableSpec:
    """Tabel 3.4: realisasi against the Renstra target of the year."""
    periode = ctx["profil"].get("periode_renstra", "")
    _, spec = _tabel_iku(
        ctx, "capaian_renstra",
        f"Capaian Kinerja Tahun {ctx['tahun']} Dibandingkan dengan Target Renstra {periode}".strip(),
        [f"Target Renstra {ctx['tahun']}", f"Realisasi {ctx['tahun']}"],
        lambda k: [_n(_nilai_persen(k.get("target_renstra"), k.get("satuan"))),
                   _n(_nilai_persen(k["realisasi"], k.get("satuan"), "n/a"))],
        [2.0, 2.0],
    )
    return spec


def capaian_sasaran(ctx: Mapping[str, Any], no: Any) -> TableSpec:
    """The small unnumbered table under each "Sasaran k" of section 3.1."""
    cocok = [s for s in ctx["sasaran"] if str(s["no"]) == str(no)]
    if not cocok:
        ada = ", ".join(str(s["no"]) for s in ctx["sasaran"])
        raise ValueError(f'Sasaran nomor "{no}" tidak ada. Nomor sasaran yang ada: {ada}.')
    s = cocok[0]
    keyed = []
    for k in s["indikator"]:
        keyed.append(((s["no"],), [
            _t(s["nama"]),
            _t(k["indikator"]),
            _c(k.get("satuan")),
            _n(_nilai(k["target"])),
            _n(_nilai(k["realisasi"], "n/a")),
            _pct(k["capaian"]),
        ]))
    return TableSpec(
        key="capaian_sasaran",
        title="",
        header=[[_h("Sasaran"), _h("Indikator"), _h("Satuan"), _h("Target"), _h("Realisasi"),
                 _h("Capaian (%)")]],
        rows=_merge_down(keyed, [[0]]),
        widths=[3.0, 3.0, 1.0, 1.8, 1.8, 1.2],
        numbered=False,
    )


def _indikator_unit(ctx: Mapping[str, Any], key: str, label: str) -> TableSpec:
    """Section 3.2 a/b: target and capaian of every program/kegiatan indicator."""
    tahun = ctx["tahun"]
    keyed = []
    for gi, g in enumerate(ctx[key]):
        unit = g.get("program") if key == "indikator_program" else g.get("kegiatan")
        nama = unit if isinstance(unit, str) else _get(unit, "nama") or g.get("kode", "")
        for ind in g["indikator"]:
            keyed.append(((gi,), [
                _c(gi + 1),
                _t(nama),
                _t(ind["indikator"]),
                _c(ind.get("satuan")),
                _n(_nilai(ind.get("target"))),
                _n(_nilai(ind.get("realisasi"))),
                _pct(ind.get("capaian")),
                _t(ind.get("keterangan")),
            ]))
    return TableSpec(
        key=key,
        title=(f"Target dan Capaian Kinerja {label} Tahun {tahun}"),
        header=[[
            _h("No."), _h(label), _h("Indikator Kinerja"), _h("Satuan"), _h(f"Target {tahun}"),
            _h(f"Realisasi {tahun}"), _h("Capaian (%)"), _h("Ket"),
        ]],
        rows=_merge_down(keyed, [[0, 1]]),
        widths=[0.5, 2.6, 2.8, 1.0, 1.0, 1.0, 1.0, 4.2],
        landscape=True,
    )


def indikator_program(ctx: Mapping[str, Any]) -> TableSpec:
    """3.2 a: target dan capaian program."""
    return _indikator_unit(ctx, "indikator_program", "Program")


def indikator_kegiatan(ctx: Mapping[str, Any]) -> TableSpec:
    """3.2 b: target dan capaian kinerja kegiatan."""
    return _indikator_unit(ctx, "indikator_kegiatan", "Kegiatan")


# --------------------------------------------------------------------------- BAB III: anggaran


def belanja(ctx: Mapping[str, Any]) -> TableSpec:
    """3.3: belanja tidak langsung and langsung, APBD, APBD-P, realisasi, with the total."""
    b = ctx["anggaran"]["belanja"]
    rows = []
    for key, label in (("tidak_langsung", "Belanja Tidak Langsung"), ("langsung", "Belanja Langsung"),
                       ("total", "Total Belanja")):
        bold = key == "total"
        x = b[key]
        rows.append([_t(label, bold=bold), _uang(x["apbd"], bold), _uang(x["apbd_p"], bold),
                     _uang(x["realisasi"], bold), _pct(x["persen"], bold)])
    return TableSpec(
        key="belanja",
        title=f"Anggaran dan Realisasi Belanja APBD {_nama_lengkap(ctx)} Tahun {ctx['tahun']}",
        header=[[_h("Belanja"), _h("APBD"), _h("APBD-P"), _h("Realisasi"), _h("%")]],
        rows=rows,
        widths=[3.2, 2.0, 2.0, 2.0, 0.9],
    )


def realisasi_kegiatan(ctx: Mapping[str, Any]) -> TableSpec:
    """3.3: pagu and realisasi per program (bold) and kegiatan, then the three total rows."""
    ang = ctx["anggaran"]
    rows = []
    no = 0
    for p in ang["program"]:
        rows.append([_t(""), _t(p["kode"], bold=True), _t(p["nama"], bold=True),
                     _uang(p["pagu"], True), _uang(p["realisasi"], True), _pct(p["persen"], True)])
        for k in p["kegiatan"]:
            no += 1
            rows.append([_c(no), _t(k["kode"]), _t(k["nama"]), _uang(k["pagu"]),
                         _uang(k["realisasi"]), _pct(k["persen"])])
    b = ang["belanja"]
    for key, label in (("langsung", "Total Nilai Belanja Langsung"),
                       ("tidak_langsung", "Total Nilai Belanja Tidak Langsung"),
                       ("total", "Total Nilai Belanja SKPD")):
        x = b[key]
        rows.append([_t(label, bold=True, colspan=3), _uang(x["apbd_p"], True),
                     _uang(x["realisasi"], True), _pct(x["persen"], True)])
    return TableSpec(
        key="realisasi_kegiatan",
        title=f"Anggaran dan Realisasi Program dan Kegiatan APBD Tahun {ctx['tahun']}",
        header=[[_h("No."), _h("Kode"), _h("Program/Kegiatan"), _h("Pagu (Rp)"),
                 _h("Realisasi (Rp)"), _h("%")]],
        rows=rows,
        widths=[0.5, 0.9, 4.6, 1.8, 1.8, 0.8],
    )


def apbn(ctx: Mapping[str, Any]) -> TableSpec:
    """3.3: APBN dekonsentrasi per satker, with the total row."""
    a = ctx["anggaran"]["apbn"]
    rows = []
    for i, r in enumerate(a["baris"], start=1):
        rows.append([_c(i), _t(r["kementerian"]), _c(r["kode_satker"]), _t(r["kegiatan"]),
                     _uang(r["anggaran"]), _uang(r["realisasi"]), _pct(r["persen"])])
    rows.append([_t("Total", bold=True, colspan=4), _uang(a["anggaran"], True),
                 _uang(a["realisasi"], True), _pct(a["persen"], True)])
    return TableSpec(
        key="apbn",
        title=f"Anggaran dan Realisasi Belanja APBN Dekonsentrasi Tahun {ctx['tahun']}",
        header=[[_h("No"), _h("Kementerian"), _h("Kode Satker"), _h("Kegiatan"), _h("Anggaran"),
                 _h("Realisasi"), _h("%")]],
        rows=rows,
        widths=[0.5, 1.6, 1.2, 3.6, 1.8, 1.8, 0.8],
    )


# --------------------------------------------------------------------------- lampiran


def _angka_pas(x: Any) -> str:
    """A number with only the decimals it needs (at most 2): 9 → "9", 0.5 → "0,5"."""
    if x is None:
        return fmt.angka(None)
    x = float(x)
    for d in (0, 1, 2):
        if abs(round(x, d) - x) < 1e-9:
            return fmt.angka(x, d)
    return fmt.angka(x, 2)


def _masukan(m: Any) -> list[str]:
    """The inputs of a kertas-kerja formula as text (typed text kept as typed)."""
    if m is None or m == "":
        return []
    if isinstance(m, str):
        return [p.strip() for p in m.split(";") if p.strip()]
    out = []
    for x in m:
        if isinstance(x, str):
            out.append(x.strip())
        elif isinstance(x, (int, float)):
            out.append(_angka_pas(x))
        else:
            out.append(_nilai(x))
    return out


def teks_rumus(rumus: str | None, masukan: Any, uraian: str | None = None) -> str:
    """The formula of a kertas-kerja row, written with its inputs.

    ``rasio`` → "9 / 45 × 100%", ``pertumbuhan`` → "(a − b) / b × 100%", ``jumlah`` →
    "108 + 0"; ``teks`` (or too few inputs) → the typed ``uraian_rumus``.
    """
    xs = _masukan(masukan)
    if rumus == "rasio" and len(xs) >= 2:
        return f"{xs[0]} / {xs[1]} × 100%"
    if rumus == "pertumbuhan" and len(xs) >= 2:
        return f"({xs[0]} − {xs[1]}) / {xs[1]} × 100%"
    if rumus == "jumlah" and xs:
        return " + ".join(xs)
    return uraian or (xs[0] if len(xs) == 1 else "")


def _capaian_kk(r: Mapping[str, Any]) -> str:
    if r.get("capaian_teks"):
        return str(r["capaian_teks"])
    c = r.get("capaian")
    if c is None:
        return ""
    if r.get("rumus") in ("rasio", "pertumbuhan"):
        return fmt.persen(c, 2)
    return _angka_pas(c)


def kertas_kerja(ctx: Mapping[str, Any], urusan: str) -> TableSpec:
    """Lampiran: Kertas Kerja Evaluasi Capaian Kinerja of one urusan, columns (1)..(10)."""
    semua = ctx["kertas_kerja"]
    cocok = [u for u in semua if str(u["urusan"]).strip().lower() == str(urusan).strip().lower()]
    if not cocok:
        ada = ", ".join(f'"{u["urusan"]}"' for u in semua) or "(tidak ada)"
        raise ValueError(f'Urusan "{urusan}" tidak ada di kertas kerja. Urusan yang ada: {ada}.')
    judul = ["NO.", "IKK OUTPUT", "IKK OUTCOME", "RUMUS", "BOBOT", "TARGET KINERJA",
             "CAPAIAN KINERJA", "CAPAIAN KINERJA TAHUN SEBELUMNYA", "RASIO", "Ket"]
    rows = []
    no_sebelumnya = None
    for r in cocok[0]["baris"]:
        outcome = (r.get("jenis") or "").lower() == "outcome"
        no = r.get("no") or None
        rows.append([
            _c(_no(no) if no != no_sebelumnya else ""),  # the number once per group
            _t("" if outcome else r["indikator"]),
            _t(r["indikator"] if outcome else ""),
            _c(teks_rumus(r.get("rumus"), r.get("masukan"), r.get("uraian_rumus"))),
            _n(_nilai(r.get("bobot"))),
            _n(_nilai(r.get("target"))),
            _n(_capaian_kk(r)),
            _n(_nilai(r.get("capaian_tahun_lalu"))),
            _n(_nilai(r.get("rasio"))),
            _t(r.get("keterangan")),
        ])
        no_sebelumnya = no
    return TableSpec(
        key="kertas_kerja",
        title="",
        header=[[_h(j) for j in judul], [_h(f"({i})") for i in range(1, 11)]],
        rows=rows,
        widths=[0.6, 3.0, 3.0, 3.2, 0.9, 1.1, 1.3, 1.5, 0.9, 2.4],
        landscape=True,
        numbered=False,
        font_size=8.0,
    )


def _pk_dokumen(ctx: Mapping[str, Any], indeks: int) -> Mapping[str, Any]:
    dok = ctx["pk"]
    try:
        i = int(indeks)
        if i < 0:
            raise IndexError
        return dok[i]
    except (IndexError, ValueError, TypeError):
        raise ValueError(
            f"Dokumen Perjanjian Kinerja indeks {indeks} tidak ada; indeks yang ada: "
            f"0 sampai {len(dok) - 1}."
        ) from None


def pk(ctx: Mapping[str, Any], indeks: int) -> TableSpec:
    """Lampiran: the table of one Perjanjian Kinerja document."""
    d = _pk_dokumen(ctx, indeks)
    keyed = []
    for i, b in enumerate(d["baris"]):
        cells = [
            _c(_no(b.get("no"))),
            _t(b.get("sasaran")),
            _t(b.get("indikator")),
            _n(_nilai(b.get("target"))),
            _n(_nilai(b.get("realisasi"))),
            _t(b.get("definisi_operasional")),
        ]
        keyed.append((((b.get("no"), b.get("sasaran")),), cells))
    return TableSpec(
        key="pk",
        title="",
        header=[[_h("No."), _h("Sasaran Strategis"), _h("Indikator Sasaran"), _h("Target"),
                 _h("Realisasi"), _h("Definisi Operasional")]],
        rows=_merge_down(keyed, [[0, 1]]),
        widths=[0.6, 3.2, 3.2, 1.5, 1.5, 3.2],
        numbered=False,
    )


def _atasan(ctx: Mapping[str, Any]) -> str:
    """Title of the head of the region (the superior of the agency head)."""
    daerah = ctx["profil"].get("daerah", "")
    for awal, kepala in (("Provinsi ", "GUBERNUR "), ("Kabupaten ", "BUPATI "), ("Kota ", "WALI KOTA ")):
        if daerah.startswith(awal):
            return kepala + daerah[len(awal):].upper()
    return "KEPALA DAERAH"


def pk_ttd(ctx: Mapping[str, Any], indeks: int) -> TableSpec:
    """Lampiran: the signature block of one PK document (borderless, two columns).

    PIHAK PERTAMA (right) is the signatory of the document. PIHAK KEDUA (left) is the agency
    head (``kepala``) when the signatory is someone else; when the signatory is the head
    himself, PIHAK KEDUA is the head of the region (Gubernur/Bupati/Wali Kota, from
    ``profil.daerah``) with an empty name line.
    """
    d = _pk_dokumen(ctx, indeks)
    kepala = ctx["kepala"]
    nama = d.get("penandatangan") or ""
    jabatan = d.get("jabatan") or ""
    adalah_kepala = _sama_orang(nama, kepala.get("nama", ""))
    if adalah_kepala:
        kedua_jabatan, kedua_nama, kedua_nip = _atasan(ctx), "", ""
        jabatan = jabatan or kepala.get("jabatan_lengkap") or kepala.get("jabatan", "")
        pertama_nip = kepala.get("nip") or ""
        nama = kepala.get("nama") or nama
    else:
        kedua_jabatan = kepala.get("jabatan_lengkap") or kepala.get("jabatan", "")
        kedua_nama, kedua_nip = kepala.get("nama", ""), kepala.get("nip") or ""
        pertama_nip = ""
    rows = [
        [_c("PIHAK KEDUA", bold=True), _c("PIHAK PERTAMA", bold=True)],
        [_c(kedua_jabatan), _c(jabatan)],
        [_c("\n\n\n"), _c("\n\n\n")],
        [_c(kedua_nama or "…………………………", bold=True), _c(nama, bold=True)],
        [_c(f"NIP. {kedua_nip}" if kedua_nip else ""), _c(f"NIP. {pertama_nip}" if pertama_nip else "")],
    ]
    return TableSpec(
        key="pk_ttd",
        title="",
        header=[],
        rows=rows,
        widths=[1.0, 1.0],
        numbered=False,
        style="Tabel Tanpa Garis",
    )


def _sama_orang(a: str, b: str) -> bool:
    """Same person, loosely: "Sunardi" matches "Drs. H. SUNARDI, M.AP"."""
    a, b = a.strip().lower(), b.strip().lower()
    return bool(a) and bool(b) and (a == b or a in b or b in a)


def aset(ctx: Mapping[str, Any]) -> TableSpec:
    """Lampiran: Daftar Aset (Rekapitulasi Barang ke Neraca), group rows bold, subtotals computed."""
    a = ctx["aset"]
    kodes = [str(b["kode"]) for b in a["baris"]]
    rows = []
    akar = None
    for b in a["baris"]:
        kode = str(b["kode"])
        if not any(kode.startswith(k + ".") for k in kodes):
            akar = kode
            tampil = kode
        elif akar and kode.startswith(akar + "."):
            tampil = kode[len(akar) + 1:]
        else:
            tampil = kode
        bold = not b.get("daun", True)
        rows.append([_t(tampil, bold=bold), _t(b["nama"], bold=bold),
                     _n(fmt.angka(b["nilai"], 2), bold=bold)])
    rows.append([_t("JUMLAH", bold=True, colspan=2, align="center"),
                 _n(fmt.angka(a["total"], 2), bold=True)])
    sumber = a.get("sumber") or ctx["profil"].get("aset_sumber")
    return TableSpec(
        key="aset",
        title=a.get("judul") or "",
        header=[[_h("KODE"), _h("NAMA BARANG"), _h("NILAI (Rp.)")]],
        rows=rows,
        widths=[1.0, 5.0, 2.2],
        numbered=False,
        source=f"Sumber: {sumber}" if sumber else None,
    )


# --------------------------------------------------------------------------- registry

TABLES: dict[str, Callable[..., TableSpec]] = {
    "pegawai_jabatan": pegawai_jabatan,
    "pegawai_pendidikan": pegawai_pendidikan,
    "pegawai_golongan": pegawai_golongan,
    "tujuan": tujuan,
    "sasaran_renstra": sasaran_renstra,
    "strategi": strategi,
    "rpjmd_awal": rpjmd_awal,
    "rpjmd_perubahan": rpjmd_perubahan,
    "iku": iku,
    "efisiensi": efisiensi,
    "target_pk": target_pk,
    "capaian_iku": capaian_iku,
    "capaian_banding": capaian_banding,
    "capaian_renstra": capaian_renstra,
    "capaian_sasaran": capaian_sasaran,
    "indikator_program": indikator_program,
    "indikator_kegiatan": indikator_kegiatan,
    "belanja": belanja,
    "realisasi_kegiatan": realisasi_kegiatan,
    "apbn": apbn,
    "kertas_kerja": kertas_kerja,
    "pk": pk,
    "pk_ttd": pk_ttd,
    "aset": aset,
    "capaian_renstra_akhir": comparisons.capaian_renstra_akhir,
    "tren_iku": comparisons.tren_iku,
    "standar_nasional": comparisons.standar_nasional,
    "ringkasan_predikat": comparisons.ringkasan_predikat,
}


def build_table(name: str, context: Mapping[str, Any], **args: Any) -> TableSpec:
    """The table ``name`` built from ``context``; ValueError (Indonesian) for an unknown name
    or wrong arguments."""
    builder = TABLES.get(name)
    if builder is None:
        ada = ", ".join(sorted(TABLES))
        raise ValueError(f'Tabel "{name}" tidak dikenal. Nama tabel yang tersedia: {ada}.')
    try:
        inspect.signature(builder).bind(context, **args)
    except TypeError:
        params = [p for p in inspect.signature(builder).parameters if p != "ctx"]
        perlu = ", ".join(f"{p}=..." for p in params) or "tanpa argumen"
        diberi = ", ".join(f"{k}={v!r}" for k, v in args.items()) or "tanpa argumen"
        raise ValueError(
            f'Argumen untuk tabel "{name}" tidak sesuai (diberikan: {diberi}). '
            f"Yang diharapkan: {perlu}."
        ) from None
    return builder(context, **args)
