"""Image files for upload tests, made in memory: good ones, and each kind we refuse."""

import io
import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

GPS_IFD = 0x8825
ORIENTATION = 0x0112


def image_bytes(size=(1200, 800), fmt="JPEG", mode="RGB", **save_options) -> bytes:
    image = Image.new(mode, size, "#005eb8" if mode == "RGB" else 0)
    # A diagonal stripe, so an image turned on its side is not the same image.
    for i in range(min(size)):
        image.putpixel((i, i), (255, 255, 255) if mode == "RGB" else 255)
    output = io.BytesIO()
    image.save(output, fmt, **save_options)
    return output.getvalue()


def jpeg_with_gps_and_orientation(size=(400, 200)) -> bytes:
    """A JPEG whose EXIF says where it was taken and that it should be turned 90° (6)."""
    exif = Image.Exif()
    exif[ORIENTATION] = 6
    exif[0x010F] = "PhoneMaker"  # camera make
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (51.0, 30.0, 0.0), 3: "W", 4: (0.0, 7.0, 0.0)})
    return image_bytes(size, "JPEG", exif=exif.tobytes())


def png_header_only(width, height) -> bytes:
    """A PNG that claims a size and holds almost nothing: a decompression bomb's header."""

    def chunk(kind, data):
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


def upload(name, data, content_type="image/jpeg"):
    return SimpleUploadedFile(name, data, content_type=content_type)


SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b'<script>alert(1)</script><rect width="10" height="10"/></svg>'
)
