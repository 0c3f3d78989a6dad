"""Pictures for the report: read, checked, converted to PNG when Word may not show them, and
sized to fit the page.

Word shows PNG and JPEG everywhere; every other format Pillow reads (WebP, BMP, TIFF, GIF,
…) is converted to PNG (the first frame of an animation). SVG is refused with a hint, and so
are a file that is not a picture and a damaged (truncated) one: :class:`PictureError` carries
an Indonesian message that the caller places (chapter line, profil column).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

KEPT_FORMATS = ("PNG", "JPEG")  # written as they are


class PictureError(Exception):
    """A picture that cannot go into the report: ``message`` and ``hint`` in Indonesian."""

    def __init__(self, message: str, hint: str):
        super().__init__(message)
        self.message = message
        self.hint = hint


@dataclass(frozen=True)
class Picture:
    """A picture ready for python-docx: ``data`` (PNG or JPEG bytes); ``converted``: the
    original file was in another format and ``data`` is its PNG."""

    data: bytes
    converted: bool


def _looks_like_svg(name: str, data: bytes) -> bool:
    head = data[:1024].lstrip().lower()
    return name.lower().endswith((".svg", ".svgz")) or head.startswith(b"<svg") or (
        head.startswith(b"<?xml") and b"<svg" in head
    )


def read_picture(data: bytes, name: str) -> Picture:
    """Check and, if needed, convert the picture ``data`` (file ``name``, for messages).

    Raises PictureError for SVG, for what is not a picture and for a damaged picture.
    """
    from PIL import Image, UnidentifiedImageError  # only when the report has a picture

    if _looks_like_svg(name, data):
        raise PictureError(
            f'berkas gambar "{name}" berformat SVG, yang tidak dapat dimasukkan ke dokumen Word '
            "oleh lkjip.",
            "ubah gambar itu menjadi PNG (mis. di Inkscape: Export PNG Image), lalu pakai "
            "berkas .png itu.",
        )
    try:
        image = Image.open(io.BytesIO(data))
        image.load()  # decodes the pixels: a truncated file fails here
    except UnidentifiedImageError:
        raise PictureError(
            f'berkas "{name}" bukan gambar (isinya tidak dikenali sebagai PNG, JPEG atau format '
            "gambar lain).",
            "buka berkas itu di penampil gambar dan simpan ulang sebagai PNG atau JPEG.",
        ) from None
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        raise PictureError(
            f'berkas gambar "{name}" rusak atau terpotong, sehingga tidak dapat dibaca sampai '
            "akhir.",
            "salin ulang berkas itu dari sumbernya atau simpan ulang sebagai PNG.",
        ) from None
    if image.format in KEPT_FORMATS:
        return Picture(data, converted=False)
    dpi = image.info.get("dpi")
    if image.mode not in ("1", "L", "LA", "P", "RGB", "RGBA"):
        image = image.convert("RGBA" if "A" in image.getbands() else "RGB")
    out = io.BytesIO()
    image.save(out, format="PNG", **({"dpi": dpi} if dpi else {}))
    return Picture(out.getvalue(), converted=True)


def fit_size(width: int, height: int, box_width: int, box_height: int) -> tuple[int, int]:
    """``(width, height)`` scaled down (never up), aspect kept, to fit the box (any one unit,
    EMU here): the side that limits gets exactly the box's size."""
    if width > box_width and width * box_height >= height * box_width:
        ratio = box_width / width
        return int(box_width), int(height * ratio)
    if height > box_height:
        ratio = box_height / height
        return int(width * ratio), int(box_height)
    return width, height


def read_picture_file(path: Path) -> Picture:
    """:func:`read_picture` of a file; PictureError when it cannot be read."""
    try:
        data = Path(path).read_bytes()
    except OSError:  # the system's own reason is English ("Permission denied"): not shown
        raise PictureError(
            f'berkas gambar "{Path(path).name}" tidak dapat dibaca.',
            "periksa bahwa berkas itu ada, boleh dibaca, dan tidak sedang dikunci program lain.",
        ) from None
    return read_picture(data, Path(path).name)
