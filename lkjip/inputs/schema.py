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
- ``date``   see :func:`lkjip.inputs.dates.parse_date`

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
    def date_keys(self) -> tuple[str, ...]:
        """The keys of a key-value table typed as dates (``profil``: signing and staff dates)."""
        return tuple(key.name for key in self.keys if key.type == "date")

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


def col(name, type="text", required=False, fill_down=False, choices=(), default=None) -> Column:
    """A column of a schema (optional unless ``required``)."""
    return Column(name, type, required, fill_down, tuple(choices), default)


def required_col(name, type="text", **kw) -> Column:
    """A required (wajib) column."""
    return col(name, type, required=True, **kw)


def _targets() -> tuple[Column, ...]:
    return tuple(col(f"target_{i}", "value") for i in range(1, 6))


VERSI = ("awal", "perubahan")
ARAH = ("naik", "turun")
KV_COLUMNS = (required_col("kunci", "code"), col("nilai"))
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
            required_col(key, "code", fill_down=True),
            required_col("indikator"),
            required_col("satuan"),
            col("arah", "enum", choices=ARAH, default="naik"),
            required_col("target", "value"),
            col("realisasi", "value"),
            col("keterangan"),
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
        (required_col("skala", fill_down=True), required_col("tingkat"), col("nilai", "number")),
        required=False,
        unique=(("skala", "tingkat"),),
    ),
    TableSchema(
        "kategori",
        (required_col("batas_bawah", "number"), required_col("predikat")),
        required=False,
        unique=(("batas_bawah",),),
    ),
    TableSchema(
        "struktur",
        (required_col("unit"), col("induk"), col("jenis", "enum", choices=JENIS_UNIT)),
        required=False,
        # a name may repeat under different parents ("Sub Bagian Tata Usaha" of each UPTD)
        unique=(("induk", "unit"),),
        references=(Reference("induk", "struktur", "unit"),),
        left_out="Struktur Organisasi (daftar dan bagan, Bab I)",
    ),
    TableSchema(
        "pegawai_jabatan",
        (required_col("unit"),)
        + tuple(required_col(n, "int") for n in ("laki_laki", "perempuan", "struktural", "jfu", "jft"))
        + (col("keterangan"),),
        unique=(("unit",),),
    ),
    TableSchema(
        "pegawai_pendidikan",
        (required_col("unit"),)
        + tuple(
            required_col(n, "int") for n in ("s3", "s2", "s1", "d4", "d3", "d2", "d1", "slta", "sltp", "sd")
        ),
        unique=(("unit",),),
    ),
    TableSchema(
        "pegawai_golongan",
        (required_col("unit"),)
        + tuple(
            required_col(n, "int")
            for n in ("iv_e", "iv_d", "iv_c", "iv_b", "iv_a", "iii_d", "iii_c", "iii_b", "iii_a")
            + ("ii_d", "ii_c", "ii_b", "ii_a")
        )
        + tuple(col(n, "int", default=0) for n in ("i_d", "i_c", "i_b", "i_a")),
        unique=(("unit",),),
    ),
    TableSchema(
        "tujuan",
        (
            required_col("versi", "enum", fill_down=True, choices=VERSI),
            required_col("no", "code", fill_down=True),
            required_col("tujuan", fill_down=True),
            required_col("indikator"),
        )
        + _targets(),
    ),
    TableSchema(
        "sasaran_renstra",
        (
            required_col("versi", "enum", fill_down=True, choices=VERSI),
            required_col("no", "code", fill_down=True),
            required_col("sasaran", fill_down=True),
            required_col("indikator"),
        )
        + _targets()
        + (col("kode_iku", "code"),),
        references=(Reference("kode_iku", "iku"),),
    ),
    TableSchema(
        "strategi",
        (
            required_col("misi", fill_down=True),
            required_col("no", "code", fill_down=True),
            required_col("strategi", fill_down=True),
            required_col("arah_kebijakan"),
        ),
    ),
    TableSchema(
        "rpjmd",
        (
            required_col("versi", "enum", fill_down=True, choices=VERSI),
            col("tujuan", fill_down=True),
            col("sasaran", fill_down=True),
            col("indikator_rpjmd", fill_down=True),
            col("indikator_perangkat_daerah"),
            col("kondisi_awal", "value"),
        )
        + _targets()
        + (col("kondisi_akhir", "value"),),
        required=False,
        left_out="Indikator Kinerja yang Mengacu pada RPJMD (Bab II)",
    ),
    TableSchema(
        "iku",
        (
            required_col("kode", "code"),
            required_col("no_sasaran", "code", fill_down=True),
            required_col("sasaran", fill_down=True),
            required_col("indikator"),
            required_col("satuan"),
            required_col("arah", "enum", choices=ARAH),
            required_col("target", "value"),
            col("realisasi", "value"),
            col("realisasi_tahun_lalu", "value"),
            col("capaian_tahun_lalu", "number"),
            col("keterangan"),
            col("standar_nasional", "value"),  # optional national standard (PermenPAN-RB 53/2014)
        ),
        unique=(("kode",),),
    ),
    TableSchema(
        "efisiensi",
        (required_col("kode_iku", "code", fill_down=True), required_col("kode_kegiatan", "code")),
        unique=(("kode_iku", "kode_kegiatan"),),
        references=(Reference("kode_iku", "iku"), Reference("kode_kegiatan", "kegiatan")),
    ),
    TableSchema("program", (required_col("kode", "code"), required_col("nama")), unique=(("kode",),)),
    TableSchema(
        "kegiatan",
        (
            required_col("kode_program", "code", fill_down=True),
            required_col("kode", "code"),
            required_col("nama"),
            required_col("pagu", "money"),
            col("realisasi", "money"),
            col("pagu_murni", "money"),
            col("jenis_perubahan", "enum", choices=("refocusing", "pengurangan", "penambahan")),
            col("pelaksana"),
            col("catatan"),
        ),
        unique=(("kode",),),
        references=(Reference("kode_program", "program"),),
    ),
    TableSchema(
        "belanja",
        (
            required_col("jenis", "enum", choices=("tidak_langsung", "langsung")),
            required_col("apbd", "money"),
            col("apbd_p", "money"),
            col("realisasi", "money"),
        ),
        unique=(("jenis",),),
        required_rows=("jenis", "belanja", ("tidak_langsung", "langsung")),
    ),
    TableSchema(
        "apbn",
        (
            required_col("kementerian"),
            required_col("kode_satker", "code"),
            required_col("kegiatan"),
            required_col("anggaran", "money"),
            col("realisasi", "money"),
        ),
        required=False,
        left_out="Anggaran dan Realisasi Belanja APBN Dekonsentrasi (Bab III)",
    ),
    _indikator_schema("program", "Target dan Capaian Program (Bab III)"),
    _indikator_schema("kegiatan", "Target dan Capaian Kinerja Kegiatan (Bab III)"),
    TableSchema(
        "kertas_kerja",
        (
            required_col("urusan", fill_down=True),
            col("no", "code", fill_down=True),
            required_col("jenis", "enum", choices=("outcome", "output")),
            required_col("indikator"),
            required_col("rumus", "enum", choices=("rasio", "pertumbuhan", "jumlah", "teks")),
            col("masukan", "numbers"),
            col("uraian_rumus"),
            col("bobot", "number"),
            col("target", "value"),
            col("capaian", "value"),
            col("capaian_tahun_lalu", "value"),
            col("keterangan"),
        ),
        required=False,
        left_out="Kertas Kerja Evaluasi Capaian Kinerja (lampiran)",
    ),
    TableSchema(
        "pk",
        (
            required_col("pk", "code", fill_down=True),
            required_col("jenis", "enum", fill_down=True, choices=("PK", "PK Perubahan")),
            required_col("penandatangan", fill_down=True),
            col("jabatan", fill_down=True),
            col("no", "code", fill_down=True),
            required_col("sasaran", fill_down=True),
            required_col("indikator"),
            col("target", "value"),
            col("realisasi", "value"),
            col("definisi_operasional"),
            col("kode_iku", "code"),
        ),
        required=False,
        references=(Reference("kode_iku", "iku"),),
        left_out="Perjanjian Kinerja (lampiran)",
    ),
    TableSchema(
        "aset",
        (required_col("kode", "code"), required_col("nama"), col("nilai", "money")),
        required=False,
        unique=(("kode",),),
        left_out="Daftar Aset",
    ),
]

SCHEMAS: dict[str, TableSchema] = {s.name: s for s in _SCHEMAS}
