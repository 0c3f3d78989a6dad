"""Command line: a thin click layer over ``lkjip.pipeline``.

    uv run build.py 2020            buat laporan 2020
    uv run build.py 2020 --check    periksa konsistensi data saja
    uv run build.py vars 2020       daftar nama yang bisa dipakai di bab (Markdown)

Exit codes: 0 berhasil; 1 kesalahan pada data, bab, templat, atau saat menulis (pesan dalam
bahasa Indonesia, tanpa traceback); 2 perintah salah ketik.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import pipeline
from .cli_messages import EXAMPLES, WordedUsageError
from .errors import LkjipError

HELP_OPTION = {"help_option_names": ["-h", "--help"]}
COMMAND = {"context_settings": HELP_OPTION, "options_metavar": "[OPSI]"}


class IndonesianHelp:
    """Indonesian headings for click's help screens."""

    def format_usage(self, ctx, formatter):
        pieces = self.collect_usage_pieces(ctx)
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix="Penggunaan: ")

    def format_options(self, ctx, formatter):
        rows = [
            r
            for p in self.get_params(ctx)
            if isinstance(p, click.Option) and (r := p.get_help_record(ctx))
        ]
        if rows:
            with formatter.section("Opsi"):
                formatter.write_dl(rows)
        if isinstance(self, click.Group):
            commands = [
                (name, cmd.get_short_help_str(60))
                for name in self.list_commands(ctx)
                if (cmd := self.get_command(ctx, name)) and not cmd.hidden
            ]
            if commands:
                with formatter.section("Perintah"):
                    formatter.write_dl(commands)

    def get_help_option(self, ctx):
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = "Tampilkan bantuan ini lalu keluar."
        return option


class Command(IndonesianHelp, click.Command):
    pass


class Group(IndonesianHelp, click.Group):
    """``build.py 2020`` means ``build.py buat 2020``: a year as first word runs the build.

    An option of ``buat`` written first (``build.py --proyek DIR 2020``) also runs the build
    when a year follows; without a year, and for another command's option, the usage error
    says what to write first.
    """

    def parse_args(self, ctx, args):
        if args and args[0].isdigit():
            args = ["buat", *args]
        elif args and args[0].startswith("-"):
            args = self._option_first(ctx, args)
        return super().parse_args(ctx, args)

    def _option_first(self, ctx, args: list[str]) -> list[str]:
        option = args[0].split("=", 1)[0]
        if any(option in p.opts for p in self.params):
            return args  # the group's own (--help)
        owners = [name for name in self.list_commands(ctx)
                  if any(option in p.opts for p in self.commands[name].params)]
        if not owners:
            return args  # click's "Opsi ... tidak dikenal"
        if "buat" in owners:
            if any(a.isdigit() for a in args[1:]):
                return ["buat", *args]
            raise WordedUsageError(
                "Tulis tahunnya dulu, mis. build.py 2020 " + " ".join(args), ctx)
        names = " atau ".join(owners)
        raise WordedUsageError(
            f'Opsi "{option}" dipakai sesudah perintah {names}, '
            f"mis. {EXAMPLES[owners[0]]} {' '.join(args)}", ctx)


def year_argument(fn):
    return click.argument("tahun", type=click.IntRange(1990, 2100), metavar="TAHUN")(fn)


def _project_folder(ctx, param, value) -> Path:
    """``--proyek DIR`` as an absolute path (messages then name files inside the project);
    the current directory, as before, when the option is not given."""
    if value is None:
        return Path(".")
    path = Path(value)
    if not path.is_dir():
        click.echo(f'Kesalahan: folder proyek "{value}" tidak ditemukan. '
                   "Saran: periksa ejaan foldernya, atau jalankan dari folder proyek tanpa --proyek.",
                   err=True)
        sys.exit(1)
    return path.resolve()


def project_option(fn):
    """``--proyek DIR``: the project folder (with data/, chapters/, output/); default: here."""
    return click.option(
        "--proyek", "proyek", metavar="FOLDER", default=None, callback=_project_folder,
        help="Folder proyek (berisi data/ dan chapters/). Bawaan: folder saat ini.",
    )(fn)


def fail(error: LkjipError) -> None:
    click.echo(f"Kesalahan: {error}", err=True)
    sys.exit(1)


def print_warnings(warnings) -> None:
    if not warnings:
        return
    click.echo(f"\nPeringatan ({len(warnings)}):")
    for w in warnings:
        click.echo(f"- {w}")
    click.echo(f"\nRingkasan: {len(warnings)} peringatan, " + summary(warnings) + ".")


def summary(warnings) -> str:
    """'12 di data/2021/lkjip.xlsx sheet "iku", 2 di data/2021/pk.csv' in order of appearance."""
    counts: dict[str, int] = {}
    for w in warnings:
        loc = w.location
        place = "lain-lain" if loc is None else (f'{loc.file} sheet "{loc.sheet}"' if loc.sheet else loc.file)
        counts[place] = counts.get(place, 0) + 1
    return ", ".join(f"{n} di {place}" for place, n in counts.items())


@click.group(
    cls=Group,
    **COMMAND,
    subcommand_metavar="PERINTAH [ARGUMEN]...",
    epilog="\b\nContoh:\n  uv run build.py 2020            buat laporan 2020\n"
    "  uv run build.py 2020 --pdf      buat laporan 2020 beserta PDF\n"
    "  uv run build.py 2020 --check    periksa konsistensi data 2020\n"
    "  uv run build.py vars 2020       daftar nama untuk bab Markdown\n"
    "  uv run build.py init 2021       siapkan data dan bab tahun 2021 dari tahun 2020\n"
    "  uv run build.py baru ../dinas-baru   siapkan proyek instansi baru\n"
    "\n"
    "Kode keluar: 0 berhasil, 1 kesalahan pada data/bab/templat, 2 perintah salah ketik.",
)
def main():
    """Menyusun Laporan Kinerja Instansi Pemerintah (LKjIP) dari data Excel/CSV di
    data/TAHUN/ dan bab-bab Markdown di chapters/TAHUN/ menjadi output/LKjIP_TAHUN.docx."""


@main.command("buat", cls=Command, **COMMAND)
@year_argument
@project_option
@click.option("--check", "check_only", is_flag=True, help="Hanya periksa konsistensi data; tidak menulis laporan.")
@click.option("--strict", is_flag=True, help="Anggap setiap peringatan sebagai kesalahan (build dihentikan).")
@click.option("--pdf", is_flag=True, help="Tulis juga output/LKjIP_TAHUN.pdf (perlu LibreOffice).")
@click.option("--fast", is_flag=True, help="Draf cepat: lewati LibreOffice; daftar isi diperbarui oleh Word saat dibuka.")
@click.option("--pantau", is_flag=True, help="Tetap berjalan dan buat ulang laporan setiap kali data, bab atau templat berubah (Ctrl+C untuk berhenti).")
def build_command(tahun, proyek, check_only, strict, pdf, fast, pantau):
    """Buat laporan LKjIP untuk TAHUN (perintah bawaan: `build.py 2020` sama dengan `build.py buat 2020`)."""
    opts = pipeline.Options(year=tahun, root=proyek, strict=strict, pdf=pdf, fast=fast)
    if pantau and not check_only:
        return watch_command(opts)
    try:
        if check_only:
            click.echo(f"Memeriksa data {tahun} ...")
            warnings = pipeline.check(opts, click.echo)
            if warnings:
                print_warnings(warnings)
                if strict:
                    raise pipeline.StrictWarnings(warnings)
            else:
                click.echo("\nTidak ada ketidaksesuaian yang ditemukan.")
            return
        click.echo(f"Menyusun LKjIP {tahun} ...")
        result = pipeline.build(opts, click.echo)
    except LkjipError as error:
        fail(error)
    report_result(result)


def report_result(result) -> None:
    """The warnings, notes and files of a finished build, as the CLI prints them."""
    print_warnings(result.warnings)
    for note in result.notes:
        click.echo(f"\nCatatan: {note}")
    click.echo(f"\nSelesai: {result.docx.as_posix()}")
    if result.pdf:
        click.echo(f"         {result.pdf.as_posix()}")


def watch_command(opts) -> None:
    """``--pantau``: build, then build again after every change (lkjip/watch.py)."""
    from .watch import watch

    try:
        watch(opts, click.echo, report_result)
    except KeyboardInterrupt:
        click.echo("\nBerhenti memantau.")


@main.command("vars", cls=Command, **COMMAND)
@year_argument
@project_option
def vars_command(tahun, proyek):
    """Daftar semua nama yang bisa dipakai di bab Markdown sebagai {{ nama }}, beserta nilainya."""
    from .present.words import flatten

    try:
        _, context, _ = pipeline.load_and_compute(proyek, tahun)
    except LkjipError as error:
        fail(error)
    for name, value in flatten(context):
        click.echo(f"{name} = {value}")
    click.echo("")
    click.echo("# Tabel dan grafik, masing-masing pada baris tersendiri di bab Markdown:")
    for line in insertable_names():
        click.echo(line)


def insertable_names() -> list[str]:
    """``{{ tabel("iku") }}`` and ``{{ grafik("capaian_iku") }}`` lines, with their arguments."""
    import inspect

    from .present.charts import CHARTS
    from .present.tables import TABLES

    lines = []
    for name, builder in TABLES.items():
        extra = [p for p in inspect.signature(builder).parameters.values()][1:]
        args = "".join(f", {p.name}=..." for p in extra)
        lines.append(f'{{{{ tabel("{name}"{args}) }}}}')
    lines += [f'{{{{ grafik("{name}") }}}}' for name in CHARTS]
    return lines


@main.command("init", cls=Command, **COMMAND)
@year_argument
@project_option
@click.option("--force", is_flag=True, help="Mulai ulang walaupun data/TAHUN/ atau chapters/TAHUN/ sudah ada (folder lama dipindahkan ke <folder>-cadangan-N).")
def init_command(tahun, proyek, force):
    """Siapkan tahun baru: data/TAHUN/lkjip.xlsx dari data tahun sebelumnya (target dari Renstra, realisasi dikosongkan) dan salinan chapters/."""
    from .yearinit import init_year

    try:
        messages = init_year(proyek, tahun, force=force)
    except LkjipError as error:
        fail(error)
    for message in messages:
        click.echo(message)


@main.command("workbook", cls=Command, **COMMAND)
@year_argument
@project_option
@click.option("--force", is_flag=True, help="Timpa output/lkjip-TAHUN.xlsx bila sudah ada.")
def workbook_command(tahun, proyek, force):
    """Tulis data/TAHUN/ (CSV atau Excel) sebagai satu workbook Excel berpetunjuk: output/lkjip-TAHUN.xlsx."""
    from .workbook import export_year

    try:
        path = export_year(proyek, tahun, force=force)
    except LkjipError as error:
        fail(error)
    click.echo(f"Selesai: {path.as_posix()}")


@main.command("semua", cls=Command, **COMMAND)
@click.argument("folder", nargs=-1, required=True, metavar="FOLDER...")
@click.option("--tahun", type=click.IntRange(1990, 2100), default=None, metavar="TAHUN",
              help="Tahun laporan. Bawaan: tahun terbaru di data/ setiap proyek.")
@click.option("--pdf", is_flag=True, help="Tulis juga PDF (perlu LibreOffice).")
@click.option("--fast", is_flag=True, help="Draf cepat: lewati LibreOffice.")
def all_command(folder, tahun, pdf, fast):
    """Buat laporan beberapa proyek (instansi) sekaligus, bersamaan di semua CPU."""
    from .batch import build_all, seconds_text, summary_table

    def done(result, count, total):
        hasil = "berhasil" if result.ok else "gagal"
        click.echo(f"[{count}/{total}] {hasil}: {result.root.as_posix()} "
                   f"({result.instansi}, {result.tahun or '-'}) {seconds_text(result.seconds)}")

    roots = list(dict.fromkeys(Path(f).resolve() for f in folder))  # each project once
    click.echo(f"Menyusun {len(roots)} proyek ...")
    results = build_all(roots, tahun, pdf, fast, on_done=done)
    click.echo("")
    for line in summary_table(results):
        click.echo(line)
    for note in dict.fromkeys(note for r in results for note in r.notes):  # each once
        click.echo(f"\nCatatan: {note}")
    failed = sum(not r.ok for r in results)
    click.echo(f"\n{len(results) - failed} berhasil, {failed} gagal.")
    if failed:
        sys.exit(1)


@main.command("panel", cls=Command, **COMMAND)
@project_option
@click.option("--port", type=click.IntRange(0, 65535), default=0, metavar="PORT",
              help="Port di 127.0.0.1. Bawaan: 0 (dipilih otomatis).")
@click.option("--tanpa-browser", is_flag=True, help="Jangan buka browser (tautan tetap ditampilkan).")
def panel_command(proyek, port, tanpa_browser):
    """Buka panel LKjIP di browser: periksa data, buat laporan, unduh hasil, tanpa mengetik perintah."""
    from .panel.app import serve

    try:
        serve(proyek, port=port, open_browser=not tanpa_browser, echo=click.echo)
    except OSError as error:
        click.echo(f"Kesalahan: panel tidak dapat dijalankan di port {port} ({error.strerror}). "
                   "Saran: tutup panel yang lain, atau pilih port lain dengan --port.", err=True)
        sys.exit(1)


@main.command("baru", cls=Command, **COMMAND)
@click.argument("folder", metavar="FOLDER")
@click.option("--tahun", type=click.IntRange(1990, 2100), default=None, metavar="TAHUN",
              help="Tahun laporan pertama. Bawaan: tahun lalu.")
def new_command(folder, tahun):
    """Siapkan proyek instansi baru di FOLDER: workbook data kosong berpetunjuk, bab bawaan (sesuai PermenPAN-RB 53/2014) dan templat Word."""
    from datetime import date

    from .newproject import create_project

    try:
        messages = create_project(Path(folder), tahun or date.today().year - 1)
    except LkjipError as error:
        fail(error)
    for message in messages:
        click.echo(message)
