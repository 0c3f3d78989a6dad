"""One declarative schema per input table of ``docs/data.md``.

Column types:

- ``text``   free text (empty optional cell -> ``""``)
- ``code``   identifier kept as text, leading zeros kept (``"01"``, ``"16.01"``)
- ``int``    whole number >= 0 (pegawai counts)
- ``number`` any number in Indonesian notation (may be negative)
- ``money``  number >= 0 (rupiah)
- ``value``  a target/realisasi as typed -> :class:`lkjip.inputs.notation.Value`
- ``numbers`` several numbers separated by ``;`` -> :class:`lkjip.inputs.notation.NumberList`
- ``enum``   one of ``choices`` (matched ignoring case, ``_``/space; stored as the choice)
- ``date``   see :func:`lkjip.inputs.notation.parse_date`

A *fill-down* column may be left empty to repeat the value of the row above.
Key-value tables (``profil``, ``pengaturan``) have columns ``kunci``/``nilai`` and a list of
known keys (:class:`Key`); a key with ``required=True`` must have a row with a value. Row-keyed
tables (``belanja``) name the rows that must exist in ``required_rows``.

An optional table (``required=False``) may be absent: the report is built without it, from an
empty table (no rows). When ``left_out`` names the part of the report it feeds, the absence is a
warning; a table with only its header row means "none this year" and is not.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    name: str
    type: str = "text"  # text | code | int | number | money | value | numbers | enum | date
    required: bool = False
    fill_down: bool = False
    choices: tuple[str, ...] = ()  # for enum
    default: object = None  # used for an empty optional cell (None = type's empty value)


@dataclass(frozen=True)
class Reference:
    """Every non-empty ``column`` must be a ``target_column`` value of table ``table``."""

    column: str
    table: str
    target_column: str = "kode"


@dataclass(frozen=True)
class Key:
    """One known key of a key-value table."""

    name: str
    required: bool = False
    type: str = "text"  # text | int | number | date


@dataclass(frozen=True)
class TableSchema:
    name: str
    columns: tuple[Column, ...]
    required: bool = True  # the table must exist and have at least one data row
    unique: tuple[tuple[str, ...], ...] = ()  # column groups whose values may not repeat
    references: tuple[Reference, ...] = ()
    keys: tuple[Key, ...] = ()  # key-value tables only
    extra_keys: bool = True  # key-value tables: unknown keys allowed without warning
    required_rows: tuple[str, str, tuple[str, ...]] | None = None  # (column, what, values) that must each have a row
    # optional tables: the part of the report left out when the table is absent ("" = the
    # defaults are used instead, nothing is left out, no warning)
    left_out: str = ""

    @property
    def is_key_value(self) -> bool:
        return bool(self.keys)

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


def _c(name, type="text", required=False, fill_down=False, choices=(), default=None) -> Column:
    return Column(name, type, required, fill_down, tuple(choices), default)


def _w(name, type="text", **kw) -> Column:
    """A required (wajib) column."""
    return _c(name, type, required=True, **kw)


def _targets() -> tuple[Column, ...]:
    return tuple(_c(f"target_{i}", "value") for i in range(1, 6))


VERSI = ("awal", "perubahan")
ARAH = ("naik", "turun")
KV_COLUMNS = (_w("kunci", "code"), _c("nilai"))
PEGAWAI_TABLES = ("pegawai_jabatan", "pegawai_pendidikan", "pegawai_golongan")
# kinds of units in the organisation chart (struktur): box style and place on the chart
JENIS_UNIT = ("pimpinan", "sekretariat", "bidang", "uptd", "subbagian", "seksi", "fungsional")


def _indikator_schema(of: str, left_out: str) -> TableSchema:
    """indikator_program (3.2 a) and indikator_kegiatan (3.2 b): the same columns, keyed by
    the program or kegiatan code."""
    key = f"kode_{of}"
    return TableSchema(
        f"indikator_{of}",
        (
            _w(key, "code", fill_down=True),
            _w("indikator"),
            _w("satuan"),
            _c("arah", "enum", choices=ARAH, default="naik"),
            _w("target", "value"),
            _c("realisasi", "value"),
            _c("keterangan"),
        ),
        required=False,
        references=(Reference(key, of),),
        left_out=left_out,
    )


_SCHEMAS = [
    TableSchema(
        "profil",
        KV_COLUMNS,
        unique=(("kunci",),),
        keys=(
            Key("nama_instansi", True),
            Key("daerah", True),
            Key("nama_singkat", True),
            Key("alamat", True),
            Key("telepon", True),
            Key("faks"),
            Key("web"),
            Key("email"),
            Key("kota", True),
            Key("tanggal_penandatanganan", True, "date"),
            Key("kepala_nama", True),
            Key("kepala_pangkat", True),
            Key("kepala_nip", True),
            Key("kepala_jabatan", True),
            Key("logo"),
            Key("visi", True),
            Key("periode_rpjmd", True),
            Key("periode_renstra", True),
            Key("renstra_tahun_pertama", True, "int"),
            Key("tanggal_data_pegawai", True, "date"),
            Key("sumber_data_pegawai", True),
            Key("aset_bidang"),
            Key("aset_sumber"),
        ),
    ),
    TableSchema(
        "pengaturan",
        KV_COLUMNS,
        required=False,
        unique=(("kunci",),),
        keys=(Key("batas_capaian", False, "number"),),
        extra_keys=False,
    ),
    TableSchema(
        "skala",
        (_w("skala", fill_down=True), _w("tingkat"), _c("nilai", "number")),
        required=False,
        unique=(("skala", "tingkat"),),
    ),
    TableSchema(
        "kategori",
        (_w("batas_bawah", "number"), _w("predikat")),
        required=False,
        unique=(("batas_bawah",),),
    ),
    TableSchema(
        "struktur",
        (_w("unit"), _c("induk"), _c("jenis", "enum", choices=JENIS_UNIT)),
        required=False,
        # a name may repeat under different parents ("Sub Bagian Tata Usaha" of each UPTD)
        unique=(("induk", "unit"),),
        references=(Reference("induk", "struktur", "unit"),),
        left_out="Struktur Organisasi (daftar dan bagan, Bab I)",
    ),
    TableSchema(
        "pegawai_jabatan",
        (_w("unit"),)
        + tuple(_w(n, "int") for n in ("laki_laki", "perempuan", "struktural", "jfu", "jft"))
        + (_c("keterangan"),),
        unique=(("unit",),),
    ),
    TableSchema(
        "pegawai_pendidikan",
        (_w("unit"),)
        + tuple(
            _w(n, "int") for n in ("s3", "s2", "s1", "d4", "d3", "d2", "d1", "slta", "sltp", "sd")
        ),
        unique=(("unit",),),
    ),
    TableSchema(
        "pegawai_golongan",
        (_w("unit"),)
        + tuple(
            _w(n, "int")
            for n in ("iv_e", "iv_d", "iv_c", "iv_b", "iv_a", "iii_d", "iii_c", "iii_b", "iii_a")
            + ("ii_d", "ii_c", "ii_b", "ii_a")
        )
        + tuple(_c(n, "int", default=0) for n in ("i_d", "i_c", "i_b", "i_a")),
        unique=(("unit",),),
    ),
    TableSchema(
        "tujuan",
        (
            _w("versi", "enum", fill_down=True, choices=VERSI),
            _w("no", "code", fill_down=True),
            _w("tujuan", fill_down=True),
            _w("indikator"),
        )
        + _targets(),
    ),
    TableSchema(
        "sasaran_renstra",
        (
            _w("versi", "enum", fill_down=True, choices=VERSI),
            _w("no", "code", fill_down=True),
            _w("sasaran", fill_down=True),
            _w("indikator"),
        )
        + _targets()
        + (_c("kode_iku", "code"),),
        references=(Reference("kode_iku", "iku"),),
    ),
    TableSchema(
        "strategi",
        (
            _w("misi", fill_down=True),
            _w("no", "code", fill_down=True),
            _w("strategi", fill_down=True),
            _w("arah_kebijakan"),
        ),
    ),
    TableSchema(
        "rpjmd",
        (
            _w("versi", "enum", fill_down=True, choices=VERSI),
            _c("tujuan", fill_down=True),
            _c("sasaran", fill_down=True),
            _c("indikator_rpjmd", fill_down=True),
            _c("indikator_perangkat_daerah"),
            _c("kondisi_awal", "value"),
        )
        + _targets()
        + (_c("kondisi_akhir", "value"),),
        required=False,
        left_out="Indikator Kinerja yang Mengacu pada RPJMD (Bab II)",
    ),
    TableSchema(
        "iku",
        (
            _w("kode", "code"),
            _w("no_sasaran", "code", fill_down=True),
            _w("sasaran", fill_down=True),
            _w("indikator"),
            _w("satuan"),
            _w("arah", "enum", choices=ARAH),
            _w("target", "value"),
            _c("realisasi", "value"),
            _c("realisasi_tahun_lalu", "value"),
            _c("capaian_tahun_lalu", "number"),
            _c("keterangan"),
            _c("standar_nasional", "value"),  # optional national standard (PermenPAN-RB 53/2014)
        ),
        unique=(("kode",),),
    ),
    TableSchema(
        "efisiensi",
        (_w("kode_iku", "code", fill_down=True), _w("kode_kegiatan", "code")),
        unique=(("kode_iku", "kode_kegiatan"),),
        references=(Reference("kode_iku", "iku"), Reference("kode_kegiatan", "kegiatan")),
    ),
    TableSchema("program", (_w("kode", "code"), _w("nama")), unique=(("kode",),)),
    TableSchema(
        "kegiatan",
        (
            _w("kode_program", "code", fill_down=True),
            _w("kode", "code"),
            _w("nama"),
            _w("pagu", "money"),
            _c("realisasi", "money"),
            _c("pagu_murni", "money"),
            _c("jenis_perubahan", "enum", choices=("refocusing", "pengurangan", "penambahan")),
            _c("pelaksana"),
            _c("catatan"),
        ),
        unique=(("kode",),),
        references=(Reference("kode_program", "program"),),
    ),
    TableSchema(
        "belanja",
        (
            _w("jenis", "enum", choices=("tidak_langsung", "langsung")),
            _w("apbd", "money"),
            _c("apbd_p", "money"),
            _c("realisasi", "money"),
        ),
        unique=(("jenis",),),
        required_rows=("jenis", "belanja", ("tidak_langsung", "langsung")),
    ),
    TableSchema(
        "apbn",
        (
            _w("kementerian"),
            _w("kode_satker", "code"),
            _w("kegiatan"),
            _w("anggaran", "money"),
            _c("realisasi", "money"),
        ),
        required=False,
        left_out="Anggaran dan Realisasi Belanja APBN Dekonsentrasi (Bab III)",
    ),
    _indikator_schema("program", "Target dan Capaian Program (Bab III)"),
    _indikator_schema("kegiatan", "Target dan Capaian Kinerja Kegiatan (Bab III)"),
    TableSchema(
        "kertas_kerja",
        (
            _w("urusan", fill_down=True),
            _c("no", "code", fill_down=True),
            _w("jenis", "enum", choices=("outcome", "output")),
            _w("indikator"),
            _w("rumus", "enum", choices=("rasio", "pertumbuhan", "jumlah", "teks")),
            _c("masukan", "numbers"),
            _c("uraian_rumus"),
            _c("bobot", "number"),
            _c("target", "value"),
            _c("capaian", "value"),
            _c("capaian_tahun_lalu", "value"),
            _c("keterangan"),
        ),
        required=False,
        left_out="Kertas Kerja Evaluasi Capaian Kinerja (lampiran)",
    ),
    TableSchema(
        "pk",
        (
            _w("pk", "code", fill_down=True),
            _w("jenis", "enum", fill_down=True, choices=("PK", "PK Perubahan")),
            _w("penandatangan", fill_down=True),
            _c("jabatan", fill_down=True),
            _c("no", "code", fill_down=True),
            _w("sasaran", fill_down=True),
            _w("indikator"),
            _c("target", "value"),
            _c("realisasi", "value"),
            _c("definisi_operasional"),
            _c("kode_iku", "code"),
        ),
        required=False,
        references=(Reference("kode_iku", "iku"),),
        left_out="Perjanjian Kinerja (lampiran)",
    ),
    TableSchema(
        "aset",
        (_w("kode", "code"), _w("nama"), _c("nilai", "money")),
        required=False,
        unique=(("kode",),),
        left_out="Daftar Aset",
    ),
]

SCHEMAS: dict[str, TableSchema] = {s.name: s for s in _SCHEMAS}
