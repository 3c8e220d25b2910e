"""The PDF engine: HTML (already escaped by Django templates) to PDF with
WeasyPrint, reading nothing but the project's own static files.

Rendering runs in a child process kept per web/worker process: WeasyPrint is
imported and the fonts configured once there, and a render that runs past
the time limit is stopped by ending that process. The child is a plain
subprocess speaking length-prefixed pickles over its pipes, not a
multiprocessing child: Celery's prefork pool children are daemonic, and
multiprocessing refuses children to a daemonic process.

An issued document is PDF/A-3b (archival) and carries in its XMP the facts
Nghị định 30, Phụ lục VI asks of an electronic document, in a schema of its
own declared as a PDF/A extension schema.
"""

import os
import pickle
import select
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import unquote, urlparse
from xml.etree.ElementTree import Element, SubElement, fromstring, register_namespace, tostring

PROJECT_ROOT = Path(__file__).resolve().parent.parent.parent
STATIC_ROOT = (PROJECT_ROOT / "static").resolve()
PDF_CSS = STATIC_ROOT / "pdf" / "document.css"
BASE_URL = STATIC_ROOT.as_uri() + "/pdf/"
DEFAULT_TIMEOUT = 30
PX_TO_PT = 0.75
ARCHIVAL_VARIANT = "pdf/a-3b"
RECORD_NAMESPACE = "https://thidua.gov.vn/ns/van-ban/1.0/"
RECORD_PREFIX = "vanban"
# The properties of the record schema: (name, description), in the order written.
RECORD_PROPERTIES = (
    ("LoaiVanBan", "Tên loại văn bản"),
    ("SoKyHieu", "Số, ký hiệu văn bản"),
    ("CoQuanBanHanh", "Tên cơ quan, tổ chức ban hành văn bản"),
    ("NgayBanHanh", "Ngày, tháng, năm văn bản (ISO 8601)"),
    ("TrichYeu", "Trích yếu nội dung"),
    ("NguoiKy", "Họ tên người ký"),
    ("ChucVuNguoiKy", "Chức vụ người ký"),
    ("MaXacMinh", "Mã xác minh văn bản"),
)


class RenderTimeout(Exception):
    """The render ran past its time limit and its process was stopped."""


class RenderFailed(Exception):
    """The render process died (out of memory, a crash in a library)."""


def _fetcher_class():
    from weasyprint.urls import URLFetcher  # noqa: PLC0415 — WeasyPrint is imported only in the render process

    class StaticOnlyFetcher(URLFetcher):
        """Only data: URLs and files under static/; no network, no redirects."""

        def __init__(self):
            super().__init__(timeout=2, allowed_protocols={"file", "data"}, allow_redirects=False)

        def fetch(self, url, headers=None):
            if url.lower().startswith("file:"):
                path = Path(unquote(urlparse(url).path)).resolve()
                if not path.is_relative_to(STATIC_ROOT):
                    raise ValueError(f"Refused to read outside static/: {url}")
            return super().fetch(url, headers)

    return StaticOnlyFetcher


_engine: dict = {}


def _record_rdf(record: dict[str, str]):
    """The document's record as XMP: its values, and the extension schema
    that PDF/A requires for any property outside the standard schemas."""
    rdf_ns, pdfa_schema = "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "http://www.aiim.org/pdfa/ns/schema#"
    pdfa_property, pdfa_extension = "http://www.aiim.org/pdfa/ns/property#", "http://www.aiim.org/pdfa/ns/extension/"
    values = Element(f"{{{rdf_ns}}}Description", {f"{{{rdf_ns}}}about": ""})
    for name, _description in RECORD_PROPERTIES:
        if record.get(name):
            SubElement(values, f"{{{RECORD_NAMESPACE}}}{name}").text = record[name]
    schema = Element(f"{{{rdf_ns}}}Description", {f"{{{rdf_ns}}}about": ""})
    bag = SubElement(SubElement(schema, f"{{{pdfa_extension}}}schemas"), f"{{{rdf_ns}}}Bag")
    item = SubElement(bag, f"{{{rdf_ns}}}li", {f"{{{rdf_ns}}}parseType": "Resource"})
    SubElement(item, f"{{{pdfa_schema}}}schema").text = "Văn bản điện tử theo Nghị định 30/2020/NĐ-CP"
    SubElement(item, f"{{{pdfa_schema}}}namespaceURI").text = RECORD_NAMESPACE
    SubElement(item, f"{{{pdfa_schema}}}prefix").text = RECORD_PREFIX
    properties = SubElement(SubElement(item, f"{{{pdfa_schema}}}property"), f"{{{rdf_ns}}}Seq")
    for name, description in RECORD_PROPERTIES:
        entry = SubElement(properties, f"{{{rdf_ns}}}li", {f"{{{rdf_ns}}}parseType": "Resource"})
        SubElement(entry, f"{{{pdfa_property}}}name").text = name
        SubElement(entry, f"{{{pdfa_property}}}valueType").text = "Text"
        SubElement(entry, f"{{{pdfa_property}}}category").text = "external"
        SubElement(entry, f"{{{pdfa_property}}}description").text = description
    return values, schema


def _archival_metadata(metadata, record: dict[str, str]):
    """WeasyPrint's metadata with the record added inside its one rdf:RDF."""
    from weasyprint.pdf.metadata import DocumentMetadata  # noqa: PLC0415 — WeasyPrint is imported only in the render process

    register_namespace(RECORD_PREFIX, RECORD_NAMESPACE)
    register_namespace("pdfaExtension", "http://www.aiim.org/pdfa/ns/extension/")
    register_namespace("pdfaSchema", "http://www.aiim.org/pdfa/ns/schema#")
    register_namespace("pdfaProperty", "http://www.aiim.org/pdfa/ns/property#")

    class ArchivalMetadata(DocumentMetadata):
        def generate_rdf_metadata(self, variant, version, conformance):
            rdf = fromstring(super().generate_rdf_metadata(variant, version, conformance))
            rdf.extend(_record_rdf(record))
            return tostring(rdf, encoding="utf-8")

    return ArchivalMetadata(**vars(metadata))


def render_in_process(html: str, record: dict[str, str] | None = None, *, with_anchors: bool = False):
    """Render here and now (used inside the render process, and by the
    benchmark). With a ``record`` the PDF is archival (PDF/A) and carries it.
    ``with_anchors`` also returns where each element with an id landed:
    {id: (page index, x1, y1, x2, y2)} in PDF points from the page's bottom
    left (the signing chain puts its form fields there)."""
    if not _engine:
        import weasyprint  # noqa: PLC0415 — WeasyPrint is imported only in the render process
        from weasyprint.text.fonts import FontConfiguration  # noqa: PLC0415 — WeasyPrint is imported only in the render process

        fonts = FontConfiguration()
        fetcher = _fetcher_class()()
        _engine.update(
            weasyprint=weasyprint, fonts=fonts, fetcher=fetcher,
            css=weasyprint.CSS(filename=str(PDF_CSS), font_config=fonts, url_fetcher=fetcher),
        )
    weasyprint = _engine["weasyprint"]
    options = {"stylesheets": [_engine["css"]], "pdf_tags": True}
    if record is not None:
        options["pdf_variant"] = ARCHIVAL_VARIANT
    document = weasyprint.HTML(string=html, base_url=BASE_URL, url_fetcher=_engine["fetcher"]).render(
        font_config=_engine["fonts"], **options)
    if record is not None:
        document.metadata = _archival_metadata(document.metadata, record)
    pdf = document.write_pdf(**options)
    if not with_anchors:
        return pdf
    anchors = {}
    for index, page in enumerate(document.pages):
        # WeasyPrint gives CSS pixels from the top left; PDF counts points from the bottom left.
        height = page.height * PX_TO_PT
        for name, (x1, y1, x2, y2) in page.anchors.items():
            anchors.setdefault(name, (index, x1 * PX_TO_PT, height - y2 * PX_TO_PT, x2 * PX_TO_PT,
                                      height - y1 * PX_TO_PT))
    return pdf, anchors


FRAME_HEADER = 8


def _read_exactly(fd: int, size: int, deadline: float) -> bytes:
    chunks, remaining = [], size
    while remaining:
        wait = deadline - time.monotonic()
        if wait <= 0 or not select.select([fd], [], [], wait)[0]:
            raise TimeoutError
        chunk = os.read(fd, min(remaining, 1 << 20))
        if not chunk:
            raise EOFError
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)


class _RenderProcess:
    """The render child of this process, and one request at a time to it."""

    def __init__(self):
        self.owner_pid = os.getpid()
        self.process = subprocess.Popen([sys.executable, "-m", "emulation.documents.render_process"],
                                        cwd=PROJECT_ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE)

    def usable(self) -> bool:
        # A process forked from ours (gunicorn, the prefork pool) must not talk over our pipes.
        return self.owner_pid == os.getpid() and self.process.poll() is None

    def call(self, request: tuple, deadline: float):
        data = pickle.dumps(request)
        self.process.stdin.write(len(data).to_bytes(FRAME_HEADER, "big") + data)
        self.process.stdin.flush()
        fd = self.process.stdout.fileno()
        size = int.from_bytes(_read_exactly(fd, FRAME_HEADER, deadline), "big")
        status, value = pickle.loads(_read_exactly(fd, size, deadline))
        if status == "error":
            raise value
        return value

    def stop(self) -> None:
        if self.owner_pid == os.getpid():
            self.process.kill()
            self.process.wait()


_renderer: _RenderProcess | None = None
_renderer_lock = threading.Lock()


def _discard_renderer() -> None:
    global _renderer
    renderer, _renderer = _renderer, None
    if renderer is not None:
        # A stuck render cannot be cancelled: end the process that runs it.
        renderer.stop()


def render_pdf(html: str, *, record: dict[str, str] | None = None, timeout: float = DEFAULT_TIMEOUT,
               with_anchors: bool = False):
    global _renderer
    deadline = time.monotonic() + timeout
    if not _renderer_lock.acquire(timeout=timeout):
        raise RenderTimeout(f"PDF rendering waited longer than {timeout} s for the renderer.")
    try:
        if _renderer is None or not _renderer.usable():
            _renderer = _RenderProcess()
        try:
            return _renderer.call((html, record, with_anchors), deadline)
        except TimeoutError as error:
            _discard_renderer()
            raise RenderTimeout(f"PDF rendering took longer than {timeout} s and was stopped.") from error
        except (EOFError, BrokenPipeError) as error:
            _discard_renderer()
            raise RenderFailed("The PDF renderer stopped unexpectedly.") from error
    finally:
        _renderer_lock.release()


def serve_renders() -> None:
    """The render child's loop: a request on stdin, its reply on stdout, until stdin closes."""
    requests, replies = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # a stray print must not corrupt the replies
    while len(header := requests.read(FRAME_HEADER)) == FRAME_HEADER:
        html, record, with_anchors = pickle.loads(requests.read(int.from_bytes(header, "big")))
        try:
            reply = ("ok", render_in_process(html, record, with_anchors=with_anchors))
        except Exception as error:  # the caller gets the render's own error
            reply = ("error", error)
        try:
            data = pickle.dumps(reply)
        except Exception:  # an error that cannot be pickled is reported by its text
            data = pickle.dumps(("error", RenderFailed(repr(reply[1]))))
        replies.write(len(data).to_bytes(FRAME_HEADER, "big") + data)
        replies.flush()
