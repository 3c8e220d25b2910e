"""The PDF engine: HTML (already escaped by Django templates) to PDF with
WeasyPrint, reading nothing but the project's own static files.

Rendering runs in a child process kept per web/worker process: WeasyPrint is
imported and the fonts configured once there, and a render that runs past
the time limit is stopped by ending that process.

An issued document is PDF/A-3b (archival) and carries in its XMP the facts
Nghị định 30, Phụ lục VI asks of an electronic document, in a schema of its
own declared as a PDF/A extension schema.
"""

import multiprocessing
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from urllib.parse import unquote, urlparse
from xml.etree.ElementTree import Element, SubElement, fromstring, register_namespace, tostring

STATIC_ROOT = (Path(__file__).resolve().parent.parent.parent / "static").resolve()
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


_pool: ProcessPoolExecutor | None = None
_pool_lock = threading.Lock()


def _get_pool() -> ProcessPoolExecutor:
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
        return _pool


def _discard_pool() -> None:
    global _pool
    with _pool_lock:
        pool, _pool = _pool, None
    if pool is not None:
        # A stuck render cannot be cancelled: end the process that runs it.
        for process in list(getattr(pool, "_processes", {}).values()):
            process.terminate()
        pool.shutdown(wait=False, cancel_futures=True)


def render_pdf(html: str, *, record: dict[str, str] | None = None, timeout: float = DEFAULT_TIMEOUT,
               with_anchors: bool = False):
    future = _get_pool().submit(render_in_process, html, record, with_anchors=with_anchors)
    try:
        return future.result(timeout=timeout)
    except FutureTimeout as error:
        _discard_pool()
        raise RenderTimeout(f"PDF rendering took longer than {timeout} s and was stopped.") from error
    except BrokenProcessPool as error:
        _discard_pool()
        raise RenderFailed("The PDF renderer stopped unexpectedly.") from error
