"""Uploaded files judged by their bytes: the real type, and images re-drawn without metadata.

Report evidence (portal/reports/evidence.py) and the advisers' photos both use these.
"""

import io
import warnings

from PIL import Image, ImageOps, UnidentifiedImageError

MAX_PIXELS = 40_000_000  # larger images are refused (decompression bombs)
TEXT_SAMPLE = 64 * 1024


class EvidenceRefused(Exception):
    """A file cannot be accepted; reason is one of: type, too_large, total_too_large, unreadable."""

    def __init__(self, reason: str, filename: str):
        super().__init__(reason)
        self.reason = reason
        self.filename = filename


def sniff(data: bytes, filename: str) -> str | None:
    """Return the type the bytes really are (ignoring the name and the browser's claim), or None."""
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return "image/gif"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    if data.startswith(b"%PDF-"):
        return "application/pdf"
    if filename.lower().endswith((".txt", ".text", ".log", ".md")) and _is_text(data):
        return "text/plain"
    return None


def _is_text(data: bytes) -> bool:
    sample = data[:TEXT_SAMPLE]
    if b"\x00" in sample:
        return False
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start > len(sample) - 4  # a character cut off by the sample's end
    return True


def clean_filename(filename: str) -> str:
    name = filename.replace("\\", "/").rsplit("/", 1)[-1].strip()
    name = "".join(ch for ch in name if ch.isprintable())
    return name[:200] or "file"


def reencode_image(data: bytes, mime: str, filename: str) -> tuple[bytes, str]:
    """Draw the pixels into a new file: EXIF, GPS, comments and profiles are left behind."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                if probe.width * probe.height > MAX_PIXELS:
                    raise EvidenceRefused("too_large", filename)
                probe.verify()
            image = Image.open(io.BytesIO(data))
            image.load()
    except EvidenceRefused:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise EvidenceRefused("too_large", filename) from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise EvidenceRefused("unreadable", filename) from exc
    image = ImageOps.exif_transpose(image)  # keep the orientation the photo was taken in
    keep_alpha = image.mode in ("RGBA", "LA", "P") and mime != "image/jpeg"
    out_mime = "image/png" if keep_alpha or mime in ("image/png", "image/gif") else "image/jpeg"
    pixels = image.convert("RGBA" if keep_alpha else "RGB")
    clean = Image.new(pixels.mode, pixels.size)
    clean.paste(pixels)  # a fresh image: nothing of the original's info dict comes along
    buffer = io.BytesIO()
    if out_mime == "image/jpeg":
        clean.save(buffer, "JPEG", quality=90, optimize=True)
    else:
        clean.save(buffer, "PNG", optimize=True)
    return buffer.getvalue(), out_mime


def fit_within(clean: bytes, mime: str, side: int, quality: int = 88) -> tuple[bytes, int, int]:
    """Shrink a re-encoded image so that neither side exceeds `side` pixels (never enlarge);
    return the bytes and the final width and height."""
    with Image.open(io.BytesIO(clean)) as image:
        if max(image.size) <= side:
            return clean, *image.size
        image.thumbnail((side, side))
        buffer = io.BytesIO()
        if mime == "image/png":
            image.save(buffer, "PNG", optimize=True)
        else:
            image.save(buffer, "JPEG", quality=quality, optimize=True)
        return buffer.getvalue(), *image.size
