"""Helpers for reporting tests: file a report through the real pages, read PDFs, make photos."""

import contextlib
import io
import re
import zlib

from PIL import Image

STEP_DATA = {
    "kind": {"category": "bullying"},
    "incidents": {
        "incidents-0-description": "He shouted at me in the team room.",
        "ongoing": "yes",
    },
    "wishes": {"wishes": ["advice"]},
    "evidence": {},
    "mode": {"mode": "anonymous"},
}


def jpeg_with_gps(size=(64, 48), comment=b"SECRET-COMMENT") -> bytes:
    """Return a JPEG carrying EXIF with a GPS position and a comment."""
    image = Image.new("RGB", size, (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "SECRET-CAMERA-MAKER"  # Make
    gps = {1: "N", 2: (52.0, 5.0, 30.0), 3: "E", 4: (4.0, 53.0, 10.0)}
    exif[0x8825] = gps  # GPS IFD
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif, comment=comment)
    return buffer.getvalue()


def file_through_steps(client, adviser_ids, overrides=None, files=None) -> tuple[str, str]:
    """Walk the step pages, review, send; return (reference, receipt code)."""
    overrides = overrides or {}
    for step in ("kind", "incidents", "wishes", "evidence", "mode"):
        data = {**STEP_DATA[step], **overrides.get(step, {}), "action": "next"}
        if step == "evidence" and files:
            data["files"] = [(io.BytesIO(content), name) for name, content in files]
            response = client.post(
                f"/report/step/{step}", data=data, content_type="multipart/form-data"
            )
        else:
            response = client.post(f"/report/step/{step}", data=data)
        assert response.status_code == 302, (step, response.get_data(as_text=True)[:2000])
    response = client.post(
        "/report/step/advisers",
        data={
            "advisers": [str(i) for i in adviser_ids],
            "action": "next",
            **overrides.get("advisers", {}),
        },
    )
    assert response.headers["Location"] == "/report/review"
    assert client.get("/report/review").status_code == 200
    sent = client.post("/report/send")
    assert sent.status_code == 201, sent.get_data(as_text=True)[:2000]
    return receipt_of(sent.get_data(as_text=True))


def receipt_of(html: str) -> tuple[str, str]:
    code = re.search(r'id="receipt-code">([^<]+)<', html).group(1)
    reference = re.search(r'name="reference" value="([^"]+)"', html).group(1)
    return reference, code


def pdf_text(data: bytes) -> bytes:
    """Return the PDF's bytes with every compressed stream inflated, to search for text."""
    out = [data]
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        with contextlib.suppress(zlib.error):
            out.append(zlib.decompress(match.group(1)))
    return b"".join(out)
