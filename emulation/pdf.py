"""The PDF engine: HTML (already escaped by Django templates) to PDF with
WeasyPrint, reading nothing but the project's own static files.

Rendering runs in a child process kept per web/worker process: WeasyPrint is
imported and the fonts configured once there, and a render that runs past
the time limit is stopped by ending that process.
"""

import multiprocessing
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from urllib.parse import unquote, urlparse

STATIC_ROOT = (Path(__file__).resolve().parent.parent / "static").resolve()
PDF_CSS = STATIC_ROOT / "pdf" / "document.css"
BASE_URL = STATIC_ROOT.as_uri() + "/pdf/"
DEFAULT_TIMEOUT = 30


class RenderTimeout(Exception):
    pass


class RenderFailed(Exception):
    pass


def _fetcher_class():
    from weasyprint.urls import URLFetcher

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


def render_in_process(html: str) -> bytes:
    """Render here and now (used inside the render process, and by the benchmark)."""
    if not _engine:
        import weasyprint
        from weasyprint.text.fonts import FontConfiguration

        fonts = FontConfiguration()
        fetcher = _fetcher_class()()
        _engine.update(
            weasyprint=weasyprint, fonts=fonts, fetcher=fetcher,
            css=weasyprint.CSS(filename=str(PDF_CSS), font_config=fonts, url_fetcher=fetcher),
        )
    weasyprint = _engine["weasyprint"]
    document = weasyprint.HTML(string=html, base_url=BASE_URL, url_fetcher=_engine["fetcher"])
    return document.write_pdf(stylesheets=[_engine["css"]], font_config=_engine["fonts"], pdf_tags=True)


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


def render_pdf(html: str, *, timeout: float = DEFAULT_TIMEOUT) -> bytes:
    future = _get_pool().submit(render_in_process, html)
    try:
        return future.result(timeout=timeout)
    except FutureTimeout as error:
        _discard_pool()
        raise RenderTimeout(f"PDF rendering took longer than {timeout} s and was stopped.") from error
    except BrokenProcessPool as error:
        _discard_pool()
        raise RenderFailed("The PDF renderer stopped unexpectedly.") from error
