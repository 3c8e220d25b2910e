"""The render child started by ``render.render_pdf``: ``python -m emulation.documents.render_process``."""

from emulation.documents.render import serve_renders

if __name__ == "__main__":
    serve_renders()
