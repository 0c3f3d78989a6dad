"""Write the report: the Word template filled by docxtpl, chapters inserted as subdocuments.

:func:`render_document` is the entry point: the template's ``{{ ... }}`` tags are filled from
the context, each ``{{p key }}`` paragraph is replaced by the chapter written by
:class:`writer.ChapterWriter`, and the cover gets the logo.
"""

from __future__ import annotations

import io
import threading
import zipfile
from contextlib import contextmanager
from pathlib import Path

import jinja2
from docx.image.exceptions import UnrecognizedImageError
from docx.image.image import Image as DocxImage
from docx.shared import Cm, Emu
from docxtpl import InlineImage

from ..errors import TemplateError
from ..present.blocks import CHAPTERS, Block
from ..project import Project
from .sections import drop_numbering_start, sectpr_of, text_width
from .splice import ChapterSlot, can_splice, splice_chapters
from .template import Template
from .writer import ChapterWriter

CHAPTER_KEYS = CHAPTERS  # the template's {{p kata_pengantar }} ... {{p lampiran }}

LOGO_HEIGHT = Cm(5)
EMU_PER_TWIP = 635


def _logo(template: Template, context: dict, project: Project | None):
    """The cover logo as an InlineImage, or '' for none.

    ``context["logo"]`` may be image bytes or a path. Without it, ``profil.logo`` (a file name
    in the project's ``data/<tahun>/``) is used when filled and a project is given. The logo
    is LOGO_HEIGHT tall, narrower when that would be wider than the text; formats other than
    PNG and JPEG are converted to PNG. TemplateError (Indonesian) when it cannot be used.
    """
    value = context.get("logo")
    shown = "logo"
    if value is None and "logo" not in context and project is not None:
        name = (context.get("profil") or {}).get("logo")
        if isinstance(name, str) and name.strip():
            value = project.data_file(name)
            shown = project.shown(value)
            if not value.is_file():
                raise TemplateError(
                    f"Berkas logo {shown} (kolom logo pada tabel profil) tidak ditemukan. "
                    "Saran: letakkan gambar logo di folder itu atau kosongkan kolom logo."
                )
    if isinstance(value, (bytes, bytearray)):
        return _logo_image(template, value, shown)
    if isinstance(value, (str, Path)) and str(value) and Path(value).is_file():
        return _logo_image(template, value, shown if shown != "logo" else Path(value).as_posix())
    return ""


def _logo_image(template: Template, value, shown: str):
    """The InlineImage of logo ``value`` (bytes or a path); ``shown``: its name in messages."""
    from .pictures import PictureError, read_picture, read_picture_file

    try:
        if isinstance(value, (bytes, bytearray)):
            picture = read_picture(bytes(value), shown)
        else:
            picture = read_picture_file(Path(value))
    except PictureError as exc:
        raise TemplateError(
            f"Berkas logo {shown} (kolom logo pada tabel profil): {exc.message} Saran: {exc.hint}"
        ) from None
    # a path is handed on as a path (python-docx keeps its file name in the document)
    keep_path = isinstance(value, (str, Path)) and not picture.converted
    source = str(value) if keep_path else io.BytesIO(picture.data)
    image = DocxImage.from_blob(picture.data)
    cover = sectpr_of(template.docx.element.body[0])
    max_width = text_width(cover) * EMU_PER_TWIP if cover is not None else None
    if max_width and image.width * int(LOGO_HEIGHT) > max_width * image.height:
        return InlineImage(template.tpl, source, width=Emu(max_width))  # a very wide logo
    return InlineImage(template.tpl, source, height=LOGO_HEIGHT)


def _word_env(jinja_env: jinja2.Environment | None) -> jinja2.Environment:
    """The caller's environment (filters, undefined, sandbox) set up for Word XML.

    An overlay, so the caller's environment is left untouched: XML autoescaping on, and no
    ``finalize`` (the chapters' environment escapes Markdown there) or whitespace trimming.
    """
    if jinja_env is None:
        return jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=True)
    return jinja_env.overlay(
        finalize=None, autoescape=True, trim_blocks=False, lstrip_blocks=False
    )


def _fill(template: Template, values: dict, env: jinja2.Environment,
          spliced: dict | None = None) -> bytes:
    """docxtpl's render and save; Jinja's errors become TemplateError (Indonesian).
    ``spliced``: chapter key → Subdoc put in after the render (:mod:`.splice`)."""
    shown = template.shown
    try:
        template.tpl.render(values, env, autoescape=True)
        if spliced:
            splice_chapters(template.tpl, spliced)
        out = io.BytesIO()
        with _stored_zip():
            template.tpl.save(out)
    except jinja2.UndefinedError as exc:  # Jinja's words are English: the chapters' instead
        raise TemplateError(
            f"Templat {shown}: {_jinja_words(exc, values)} "
            "Saran: periksa ejaan tag {{ ... }} di templat; daftar nama yang tersedia: "
            "uv run build.py vars <tahun>."
        ) from None
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(
            f"Templat {shown} memiliki tag yang salah tulis: {_jinja_words(exc, values)} "
            "Saran: setiap tag harus berbentuk {{ nama }} atau {%p ... %}."
        ) from None
    except jinja2.TemplateError as exc:
        raise TemplateError(f"Templat {shown} tidak dapat diisi: {_jinja_words(exc, values)}") from None
    except UnrecognizedImageError:
        raise TemplateError(
            "Berkas logo bukan gambar yang dikenali Word. Saran: simpan logo sebagai PNG atau JPEG."
        ) from None
    except (ArithmeticError, LookupError, TypeError, ValueError) as exc:  # a tag's expression
        raise TemplateError(
            f"Templat {shown}: {_jinja_words(exc, values)} "
            "Saran: periksa tag {{ ... }} di templat yang menghitung nilai ini."
        ) from None
    return out.getvalue()


_ZIP_LOCK = threading.Lock()


@contextmanager
def _stored_zip():
    """python-docx's save writes its zip members uncompressed: the build compresses them once,
    in :func:`lkjip.publish.write.normalize_docx` (same bytes as before; ~0.02 s less)."""
    from docx.opc import phys_pkg

    with _ZIP_LOCK:
        deflated = phys_pkg.ZIP_DEFLATED
        phys_pkg.ZIP_DEFLATED = zipfile.ZIP_STORED  # the name _ZipPkgWriter opens its zip with
        try:
            yield
        finally:
            phys_pkg.ZIP_DEFLATED = deflated


def _jinja_words(exc: Exception, values: dict) -> str:
    """What went wrong with a template tag, in the Indonesian the chapters' messages use."""
    from ..present.narrative import syntax
    from ..present.narrative.jinja_errors import explain

    if isinstance(exc, jinja2.TemplateSyntaxError):
        return syntax.explain(jinja2.Environment(), "", exc)[1]
    return explain(exc, values.get("tahun", "<tahun>"))[0]


def render_document(
    template_path: Path,
    context: dict,
    chapters: dict[str, list[Block]],
    jinja_env: jinja2.Environment | None = None,
    project: Project | None = None,
) -> bytes:
    """Fill the template with the context and the chapters; return the .docx as bytes (its
    zip members stored uncompressed: ``publish.write.normalize_docx`` compresses them).

    ``chapters`` maps the keys of CHAPTER_KEYS to blocks (a missing key is an empty chapter).
    ``context["logo"]`` may be a path or image bytes (None: no logo); absent, the logo named
    in ``profil.logo`` is looked up in ``project`` (``data/<tahun>/``).
    Raises TemplateError (Indonesian message naming the template) for any template problem.
    """
    template = Template(template_path)
    values = dict(context)
    values["logo"] = _logo(template, context, project)
    subdocs = {key: ChapterWriter(template, key).write(chapters.get(key, []))
               for key in CHAPTER_KEYS}
    for sect_pr in template.split_sections:
        # the numbering restart now sits on the first part of the split section
        drop_numbering_start(sect_pr)
    if all(can_splice(subdoc) for subdoc in subdocs.values()):
        values.update({key: ChapterSlot(key) for key in subdocs})
        return _fill(template, values, _word_env(jinja_env), subdocs)
    values.update(subdocs)  # docxtpl would change a chapter: give it the chapters as text
    return _fill(template, values, _word_env(jinja_env))


def template_variables(template_path: Path) -> set[str]:
    """Every top-level name the template uses (chapter keys and ``logo`` included)."""
    return set(Template(template_path).tpl.get_undeclared_template_variables())
