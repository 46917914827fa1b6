"""Cheap decompression bombs: tiny files whose headers declare huge images.

Stdlib only. Used by bomb_latency.py; run directly to write the files:
    python3 tools/attacks/bombs.py OUT_DIR
"""
import struct
import sys
import zlib
from pathlib import Path


def png_declaring(width, height):
    """A valid-looking PNG (one empty IDAT) that declares width x height RGB pixels."""
    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr)
            + chunk(b"IDAT", zlib.compress(b"\x00" * 16)) + chunk(b"IEND", b""))


# An 8x8 grey baseline JPEG (333 bytes, written once by the JDK's ImageIO), whose SOF0 is patched below.
_TINY_JPEG_HEX = (
    "ffd8ffe000104a46494600010200000100010000ffdb004300080606070605080707070909080a0c140d0c0b0b0c19"
    "12130f141d1a1f1e1d1a1c1c20242e2720222c231c1c2837292c30313434341f27393d38323c2e333432ffc0000b08"
    "0008000801011100ffc4001f0000010501010101010100000000000000000102030405060708090a0bffc400b51000"
    "02010303020403050504040000017d01020300041105122131410613516107227114328191a1082342b1c11552d1f0"
    "2433627282090a161718191a25262728292a3435363738393a434445464748494a535455565758595a636465666768"
    "696a737475767778797a838485868788898a92939495969798999aa2a3a4a5a6a7a8a9aab2b3b4b5b6b7b8b9bac2c3"
    "c4c5c6c7c8c9cad2d3d4d5d6d7d8d9dae1e2e3e4e5e6e7e8e9eaf1f2f3f4f5f6f7f8f9faffda0008010100003f00f9"
    "febfffd9")


def jpeg_declaring(width, height):
    """A few hundred bytes of baseline JPEG whose frame header declares width x height."""
    data = bytearray(bytes.fromhex(_TINY_JPEG_HEX))
    sof = data.index(b"\xff\xc0")
    struct.pack_into(">HH", data, sof + 5, height, width)
    return bytes(data)


if __name__ == "__main__":
    out = Path(sys.argv[1] if len(sys.argv) > 1 else ".")
    out.mkdir(parents=True, exist_ok=True)
    (out / "bomb-9000.png").write_bytes(png_declaring(9000, 9000))
    (out / "bomb-9000.jpg").write_bytes(jpeg_declaring(9000, 9000))
    print(f"wrote {out}/bomb-9000.png and {out}/bomb-9000.jpg")
