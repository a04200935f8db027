"""The print pipeline: HTML to PDF with fonts embedded, page numbers, and nothing fetched."""

import base64
import http.server
import io
import logging
import threading

import pypdf
from PIL import Image

from portal.platform.printing import FONT_STACK, pdf_from_html

PAGED = f"""<!doctype html><html lang="en"><head><title>Proof</title><style>
@page {{ size: A4; @bottom-right {{ content: "page " counter(page) " of " counter(pages); }} }}
body {{ font-family: {FONT_STACK}; }} p {{ break-after: page; }}
</style></head><body><p>Cliënt één</p><p>Second</p><p>Third</p></body></html>"""


def test_a_document_prints_with_page_numbers_and_embedded_fonts():
    reader = pypdf.PdfReader(io.BytesIO(pdf_from_html(PAGED)))
    assert len(reader.pages) == 3
    texts = [page.extract_text() for page in reader.pages]
    assert "Cliënt één" in texts[0]
    assert [f"page {n} of 3" in text for n, text in enumerate(texts, 1)] == [True] * 3
    fonts = reader.pages[0]["/Resources"]["/Font"]
    descriptors = [_descriptor(font.get_object()) for font in fonts.values()]
    assert descriptors and all("/FontFile2" in d or "/FontFile3" in d for d in descriptors)
    assert reader.metadata.title == "Proof"


def _descriptor(font):
    if "/DescendantFonts" in font:  # a composite (Type0) font describes itself in its child
        font = font["/DescendantFonts"][0].get_object()
    return font["/FontDescriptor"].get_object()


class _Seen(http.server.BaseHTTPRequestHandler):
    paths: list[str] = []

    def do_GET(self):  # noqa: N802 (the standard library's name)
        self.paths.append(self.path)
        self.send_response(404)
        self.end_headers()

    def log_message(self, *args):
        pass


def test_nothing_is_fetched_but_embedded_data(tmp_path, caplog):
    server = http.server.HTTPServer(("127.0.0.1", 0), _Seen)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    secret = tmp_path / "secret.txt"
    secret.write_text("do not print")
    png = io.BytesIO()
    Image.new("RGB", (4, 4), "teal").save(png, "PNG")
    pixel = base64.b64encode(png.getvalue()).decode()
    url = f"http://127.0.0.1:{server.server_port}"
    html = (f'<html><head><link rel="stylesheet" href="{url}/style.css"></head><body>'
            f'<img src="{url}/tracker.png"><img src="file://{secret}">'
            f'<img src="data:image/png;base64,{pixel}" alt="">'
            f'<p style="background: url({url}/bg.png)">Report text</p></body></html>')
    with caplog.at_level(logging.DEBUG):
        reader = pypdf.PdfReader(io.BytesIO(pdf_from_html(html)))
    server.shutdown()
    assert _Seen.paths == []
    assert "do not print" not in reader.pages[0].extract_text()
    images = reader.pages[0].images
    assert len(images) == 1  # only the embedded pixel
    assert "Report text" not in caplog.text and url not in caplog.text
