"""Write the report: the Word template filled by docxtpl, chapters inserted as subdocuments.

:func:`render_document` is the entry point: the template's ``{{ ... }}`` tags are filled from
the context, each ``{{p key }}`` paragraph is replaced by the chapter written by
:class:`writer.ChapterWriter`, and the cover gets the logo.
"""

from __future__ import annotations

import io
from pathlib import Path

import jinja2
from docx.image.exceptions import UnrecognizedImageError
from docx.shared import Cm
from docxtpl import DocxTemplate, InlineImage

from ..errors import TemplateError
from ..present.blocks import CHAPTERS, Block
from ..project import Project
from .sections import drop_numbering_start
from .splice import ChapterSlot, can_splice, splice_chapters
from .template import Template
from .writer import ChapterWriter

CHAPTER_KEYS = CHAPTERS  # the template's {{p kata_pengantar }} ... {{p lampiran }}

LOGO_HEIGHT = Cm(5)


def _logo(tpl: DocxTemplate, context: dict, project: Project | None):
    """The cover logo as an InlineImage, or '' for none.

    ``context["logo"]`` may be image bytes or a path. Without it, ``profil.logo`` (a file name
    in the project's ``data/<tahun>/``) is used when filled and a project is given.
    """
    value = context.get("logo")
    if isinstance(value, (bytes, bytearray)):
        return InlineImage(tpl, io.BytesIO(value), height=LOGO_HEIGHT)
    if value is None and "logo" not in context and project is not None:
        name = (context.get("profil") or {}).get("logo")
        if isinstance(name, str) and name.strip():
            value = project.data_file(name)
            if not value.is_file():
                raise TemplateError(
                    f"Berkas logo {project.shown(value)} (kolom logo pada tabel profil) tidak "
                    "ditemukan. Saran: letakkan gambar logo di folder itu atau kosongkan "
                    "kolom logo."
                )
    if isinstance(value, (str, Path)) and str(value) and Path(value).is_file():
        try:
            return InlineImage(tpl, str(value), height=LOGO_HEIGHT)
        except Exception as exc:  # python-docx: unrecognised image format
            raise TemplateError(f"Berkas logo {value} bukan gambar PNG/JPEG yang valid ({exc}).") from None
    return ""


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
        template.tpl.save(out)
    except jinja2.UndefinedError as exc:
        raise TemplateError(
            f"Templat {shown} memakai nama yang tidak dikenal: {exc.message}. "
            "Saran: periksa ejaan tag {{ ... }} di templat; daftar nama yang tersedia: "
            "uv run build.py vars <tahun>."
        ) from None
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(
            f"Templat {shown} memiliki tag yang salah tulis: {exc.message}. "
            "Saran: setiap tag harus berbentuk {{ nama }} atau {%p ... %}."
        ) from None
    except jinja2.TemplateError as exc:
        raise TemplateError(f"Templat {shown} tidak dapat diisi: {exc}.") from None
    except UnrecognizedImageError:
        raise TemplateError(
            "Berkas logo bukan gambar yang dikenali Word. Saran: simpan logo sebagai PNG atau JPEG."
        ) from None
    return out.getvalue()


def render_document(
    template_path: Path,
    context: dict,
    chapters: dict[str, list[Block]],
    jinja_env: jinja2.Environment | None = None,
    project: Project | None = None,
) -> bytes:
    """Fill the template with the context and the chapters; return the .docx as bytes.

    ``chapters`` maps the keys of CHAPTER_KEYS to blocks (a missing key is an empty chapter).
    ``context["logo"]`` may be a path or image bytes (None: no logo); absent, the logo named
    in ``profil.logo`` is looked up in ``project`` (``data/<tahun>/``).
    Raises TemplateError (Indonesian message naming the template) for any template problem.
    """
    template = Template(template_path)
    values = dict(context)
    values["logo"] = _logo(template.tpl, context, project)
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
