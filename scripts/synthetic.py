"""A synthetic agency N times the example: ``data/2020`` with its IKU, kegiatan (and their
indicators and efisiensi links), aset and PK rows multiplied consistently.

    uv run python scripts/synthetic.py DEST [--times 10] [--source .] [--year 2020]

Writes a project folder DEST (``data/<year>/``, ``chapters/<year>/``) that builds like the
example: copy ``k`` (k = 2..N) of each row gets new codes (IKU9.., kegiatan "16.101", PK "02",
aset "2.3.2.01") that its references follow, and names ending in " (k)". Used by
``scripts/benchmark.py`` (scaling) and ``tests/test_scale.py``.
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def read(path: Path) -> tuple[list[str], list[dict]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        return list(reader.fieldnames or []), list(reader)


def write(path: Path, header: list[str], rows: list[dict]) -> None:
    out = io.StringIO()
    writer = csv.DictWriter(out, header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


class Codes:
    """How copy ``k`` (1-based; copy 1 is the original) renames each kind of code."""

    def __init__(self, iku_count: int, sasaran_count: int, pk_count: int):
        self.iku_count, self.sasaran_count, self.pk_count = iku_count, sasaran_count, pk_count

    def iku(self, code: str, k: int) -> str:
        match = re.fullmatch(r"IKU(\d+)", code.strip())
        return f"IKU{int(match.group(1)) + (k - 1) * self.iku_count}" if match and code else code

    def sasaran(self, number: str, k: int) -> str:
        return str(int(number) + (k - 1) * self.sasaran_count) if number.strip().isdigit() \
            else number

    @staticmethod
    def kegiatan(code: str, k: int) -> str:
        head, _, tail = code.strip().rpartition(".")
        return f"{head}.{int(tail) + (k - 1) * 100:02d}" if head and tail.isdigit() else code

    def pk(self, code: str, k: int) -> str:
        return f"{int(code) + (k - 1) * self.pk_count:02d}" if code.strip().isdigit() else code

    @staticmethod
    def aset(code: str, k: int) -> str:
        first, dot, rest = code.strip().partition(".")
        return f"{int(first) + k - 1}{dot}{rest}" if first.isdigit() else code


def named(text: str, k: int) -> str:
    return f"{text} ({k})" if text.strip() and k > 1 else text


def multiply(rows: list[dict], times: int, change) -> list[dict]:
    """The rows, then ``times - 1`` renamed copies (``change(row, k)`` edits a copy)."""
    out = list(rows)
    for k in range(2, times + 1):
        for row in rows:
            copy = dict(row)
            change(copy, k)
            out.append(copy)
    return out


def make(dest: Path, times: int, source: Path = ROOT, year: int = 2020) -> Path:
    data, chapters = source / "data" / str(year), source / "chapters" / str(year)
    target = dest / "data" / str(year)
    shutil.copytree(data, target)
    shutil.copytree(chapters, dest / "chapters" / str(year))
    for extra in ("templates",):
        if (source / extra).is_dir():
            shutil.copytree(source / extra, dest / extra)
    _, iku = read(data / "iku.csv")
    _, pk = read(data / "pk.csv")
    codes = Codes(len(iku), max([int(r["no_sasaran"]) for r in iku
                                 if r["no_sasaran"].strip().isdigit()], default=0),
                  max([int(r["pk"]) for r in pk if r["pk"].strip().isdigit()], default=0))

    def edit(name: str, change) -> None:
        if (target / name).is_file():
            header, rows = read(target / name)
            write(target / name, header, multiply(rows, times, change))

    def iku_row(row, k):
        row["kode"] = codes.iku(row["kode"], k)
        row["no_sasaran"] = codes.sasaran(row["no_sasaran"], k)
        row["sasaran"], row["indikator"] = named(row["sasaran"], k), named(row["indikator"], k)

    def kegiatan_row(row, k):
        row["kode"], row["nama"] = codes.kegiatan(row["kode"], k), named(row["nama"], k)

    def indikator_kegiatan_row(row, k):
        row["kode_kegiatan"] = codes.kegiatan(row["kode_kegiatan"], k)

    def efisiensi_row(row, k):
        row["kode_iku"] = codes.iku(row["kode_iku"], k)
        row["kode_kegiatan"] = codes.kegiatan(row["kode_kegiatan"], k)

    def pk_row(row, k):
        row["pk"], row["kode_iku"] = codes.pk(row["pk"], k), codes.iku(row["kode_iku"], k)
        row["sasaran"], row["indikator"] = named(row["sasaran"], k), named(row["indikator"], k)

    def aset_row(row, k):
        row["kode"], row["nama"] = codes.aset(row["kode"], k), named(row["nama"], k)

    edit("iku.csv", iku_row)
    edit("kegiatan.csv", kegiatan_row)
    edit("indikator_kegiatan.csv", indikator_kegiatan_row)
    edit("efisiensi.csv", efisiensi_row)
    edit("pk.csv", pk_row)
    edit("aset.csv", aset_row)
    return dest


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dest", type=Path)
    ap.add_argument("--times", type=int, default=10)
    ap.add_argument("--source", type=Path, default=ROOT)
    ap.add_argument("--year", type=int, default=2020)
    args = ap.parse_args()
    make(args.dest, args.times, args.source, args.year)
    print(f"{args.dest}: data/{args.year} × {args.times}")


if __name__ == "__main__":
    main()
