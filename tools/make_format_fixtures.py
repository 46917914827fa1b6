#!/usr/bin/python3
"""Makes the format fixtures of the image decoder: small images in every format and variant that
Pillow reads and users send (ICC-tagged JPEG/PNG/TIFF, CMYK TIFF, TIFF compressions, WebP lossy,
lossless and with alpha, TGA, ICO/CUR, PPM/PGM/PBM, GIF, BMP, JPEG 2000), and what Pillow 9.4 makes
of them: the mode it opens them in and the 8-bit RGB crops of the pipeline configurations.

Run with Debian's python3 and python3-pil 9.4 (built with libwebp, OpenJPEG and libtiff):

    /usr/bin/python3 tools/make_format_fixtures.py

Writes image/src/test/resources/images/formats/ and its expected/cases.json, in the layout of
tools/make_image_fixtures.py (read by ImageFixtures). The resize and crop are done with Pillow
exactly as torchvision 0.14's Resize(int) and CenterCrop call it, so no torch is needed here;
PillowParityTest shows on the other fixtures that both give the same pixels.

Also writes the decompression bombs of the budget tests into images/bombs/: files whose header
declares far more pixels than their size could hold.
"""

import gzip
import io
import json
import struct
import zlib
from pathlib import Path

import numpy as np
from PIL import Image, ImageOps

ROOT = Path(__file__).resolve().parent.parent
IMAGES = ROOT / "image" / "src" / "test" / "resources" / "images"
OUT = IMAGES / "formats"
EXPECTED = OUT / "expected"
BOMBS = IMAGES / "bombs"

CLIP_MEAN = (0.48145466, 0.4578275, 0.40821073)
CLIP_STD = (0.26862954, 0.26130258, 0.27577711)
IMAGENET_MEAN = (0.485, 0.456, 0.406)
IMAGENET_STD = (0.229, 0.224, 0.225)

FILTERS = {"nearest": Image.NEAREST, "bilinear": Image.BILINEAR, "bicubic": Image.BICUBIC}
# name -> (filter, resize short side, crop, convert to RGB first, mean, std)
CONFIGS = {
    "clip32": ("bicubic", 32, 32, False, CLIP_MEAN, CLIP_STD),
    "vse36": ("bilinear", 36, 32, True, IMAGENET_MEAN, IMAGENET_STD),
}
# Decoders that are not bit-exact with Pillow's C libraries: the largest difference, in 8-bit
# levels of the crop, that the tests accept (each is measured and explained in the README).
TOLERANCE = {}


def smooth(width, height, channels, seed, noise=18):
    """Gradients plus noise plus a few hard edges: resampling errors show, compression is fair."""
    rng = np.random.default_rng(seed)
    y, x = np.mgrid[0:height, 0:width]
    planes = []
    for c in range(channels):
        base = 127 + 90 * np.sin((x * (c + 1) * 0.21) + (y * 0.13 * (3 - c))) * np.cos(y * 0.07 + c)
        base = base + rng.normal(0, noise, size=(height, width))
        base[(x // 7 + y // 5) % 4 == 0] = 255 * (c % 2)
        planes.append(base)
    return np.clip(np.stack(planes, -1), 0, 255).astype(np.uint8)


def alpha_ramp(width, height, seed):
    rgba = smooth(width, height, 4, seed)
    y, x = np.mgrid[0:height, 0:width]
    alpha = (x * 255 // max(1, width - 1)).astype(np.uint8)
    alpha[(y // 4) % 3 == 0] = 255
    alpha[:, :3] = 0
    rgba[..., 3] = alpha
    return rgba


# --- ICC profiles: minimal v2 matrix/TRC display profiles -------------------------------------

def s15(v):
    return struct.pack(">i", int(round(v * 65536)))


def icc_profile(description, red, green, blue, gamma):
    """A matrix/TRC RGB display profile (ICC v2) with D50-adapted colorants and a gamma curve."""
    def xyz(v):
        return b"XYZ \0\0\0\0" + b"".join(s15(c) for c in v)

    desc_text = description.encode("ascii") + b"\0"
    desc = (b"desc\0\0\0\0" + struct.pack(">I", len(desc_text)) + desc_text
            + b"\0" * 4 + b"\0" * 4 + b"\0" * 3 + b"\0" * 67)
    curve = b"curv\0\0\0\0" + struct.pack(">IH", 1, int(round(gamma * 256))) + b"\0\0"
    text = b"text\0\0\0\0" + b"No copyright, test fixture\0"
    tags = [(b"desc", desc), (b"wtpt", xyz((0.9642, 1.0, 0.8249))), (b"rXYZ", xyz(red)),
            (b"gXYZ", xyz(green)), (b"bXYZ", xyz(blue)), (b"rTRC", curve), (b"gTRC", curve),
            (b"bTRC", curve), (b"cprt", text)]
    offset = 128 + 4 + 12 * len(tags)
    table = struct.pack(">I", len(tags))
    body = b""
    for sig, data in tags:
        while (offset + len(body)) % 4:
            body += b"\0"
        table += sig + struct.pack(">II", offset + len(body), len(data))
        body += data
    size = 128 + len(table) + len(body)
    header = (struct.pack(">I", size) + b"lcms" + b"\x02\x10\0\0" + b"mntr" + b"RGB " + b"XYZ "
              + b"\0" * 12 + b"acsp" + b"APPL" + b"\0" * 4 + b"\0" * 4 + b"\0" * 4 + b"\0" * 8
              + b"\0" * 4 + s15(0.9642) + s15(1.0) + s15(0.8249) + b"lcms" + b"\0" * 44)
    assert len(header) == 128, len(header)
    return header + table + body


DISPLAY_P3 = icc_profile("Display P3 (test)", (0.5151, 0.2412, -0.0011), (0.2920, 0.6922, 0.0419),
                         (0.1571, 0.0666, 0.7841), 2.2)
LINEAR_SRGB = icc_profile("Linear sRGB (test)", (0.4361, 0.2225, 0.0139), (0.3851, 0.7169, 0.0971),
                          (0.1431, 0.0606, 0.7141), 1.0)


# --- hand-made containers Pillow reads but does not write --------------------------------------

def dib(pixels_bgra, bpp, and_mask):
    """A DIB as ICO/CUR entries hold it: header with doubled height, bottom-up XOR rows, AND mask."""
    height, width, _ = pixels_bgra.shape
    header = struct.pack("<IiiHHIIiiII", 40, width, height * 2, 1, bpp, 0, 0, 0, 0, 0, 0)
    rows = b""
    for row in pixels_bgra[::-1]:
        data = row[:, : bpp // 8].tobytes()
        rows += data + b"\0" * ((-len(data)) % 4)
    mask = b""
    for row in and_mask[::-1]:
        bits = np.packbits(row.astype(np.uint8)).tobytes()
        mask += bits + b"\0" * ((-len(bits)) % 4)
    return header + rows + mask


def icon_file(kind, entries):
    """An ICO (kind 1) or CUR (kind 2) file; entries are (width, height, bpp, data)."""
    out = struct.pack("<HHH", 0, kind, len(entries))
    offset = 6 + 16 * len(entries)
    blobs = b""
    for width, height, bpp, data in entries:
        planes, bits = (1, bpp) if kind == 1 else (width // 2, height // 2)  # CUR: hotspot
        out += struct.pack("<BBBBHHII", width % 256, height % 256, 0, 0, planes, bits, len(data),
                           offset + len(blobs))
        blobs += data
    return out + blobs


def plain_ppm(rgb):
    height, width, _ = rgb.shape
    lines = [f"P3\n# plain PPM\n{width} {height}\n255"]
    for row in rgb:
        lines.append(" ".join(str(v) for v in row.reshape(-1)))
    return ("\n".join(lines) + "\n").encode("ascii")


def make_images():
    OUT.mkdir(parents=True, exist_ok=True)
    made = []

    def save(name, image, **options):
        image.save(OUT / name, **options)
        made.append(name)

    def write(name, data):
        (OUT / name).write_bytes(data)
        made.append(name)

    rgb = Image.fromarray(smooth(41, 33, 3, 101), "RGB")
    rgba = Image.fromarray(alpha_ramp(39, 31, 102), "RGBA")
    gray = Image.fromarray(smooth(35, 37, 1, 103)[..., 0], "L")
    cmyk = Image.fromarray(smooth(38, 34, 4, 104), "CMYK")
    palette = Image.fromarray(smooth(36, 40, 3, 105), "RGB").quantize(64)

    # ICC profiles are carried but never applied by Pillow's open + convert("RGB").
    save("p3.jpg", rgb, quality=90, icc_profile=DISPLAY_P3)
    save("linear.jpg", rgb, quality=90, icc_profile=LINEAR_SRGB)
    save("p3.png", rgb, icc_profile=DISPLAY_P3)
    save("linear.tif", rgb, icc_profile=LINEAR_SRGB)
    save("cmyk.tif", cmyk)
    save("cmyk-lzw.tif", cmyk, compression="tiff_lzw")
    save("rgb-lzw.tif", rgb, compression="tiff_lzw")
    save("rgb-deflate.tif", rgb, compression="tiff_adobe_deflate")
    save("rgb-packbits.tif", rgb, compression="packbits")
    save("rgb-jpeg.tif", rgb, compression="jpeg", quality=90)
    save("rgba.tif", rgba)
    save("gray.tif", gray)
    save("palette.tif", palette)
    save("bilevel-g4.tif", gray.convert("1"), compression="group4")
    save("lossy.webp", rgb, quality=80)
    save("lossless.webp", rgb, lossless=True)
    save("alpha-lossless.webp", rgba, lossless=True)
    save("alpha-lossy.webp", rgba, quality=80)
    save("rgb.tga", rgb)
    save("rgba.tga", rgba)
    save("rle.tga", rgb, compression="tga_rle")
    save("gray.tga", gray)
    save("palette.tga", palette)
    save("rgb.ppm", rgb)
    save("gray.pgm", gray)
    save("bilevel.pbm", gray.convert("1"))
    write("plain.ppm", plain_ppm(smooth(13, 11, 3, 106)))
    save("rgb.bmp", rgb)
    save("palette.bmp", palette)
    save("gray.bmp", gray)
    save("rgba.bmp", rgba)
    frames = [Image.fromarray(smooth(34, 30, 3, 107 + i), "RGB").quantize(100) for i in range(3)]
    frames[0].save(OUT / "animated.gif", save_all=True, append_images=frames[1:], duration=100,
                   loop=0)
    made.append("animated.gif")
    save("gray.gif", gray)
    # A first frame smaller than the logical screen, at an offset, with a transparent index: Pillow
    # places it on a canvas of the screen's size filled with that index.
    small = io.BytesIO()
    Image.fromarray(smooth(30, 20, 3, 111), "RGB").quantize(50).save(small, "GIF", transparency=7)
    gif = bytearray(small.getvalue())
    struct.pack_into("<HH", gif, 6, 40, 32)
    descriptor = 13 + 3 * (2 << (gif[10] & 7)) + 8  # header, global palette, graphic control
    assert gif[descriptor] == 0x2C and struct.unpack_from("<HH", gif, descriptor + 5) == (30, 20)
    struct.pack_into("<HH", gif, descriptor + 1, 6, 9)
    write("offset-frame.gif", bytes(gif))
    save("lossless.jp2", rgb)
    save("lossy.j2k", rgb, quality_mode="rates", quality_layers=[20])
    save("rgba.jp2", rgba)
    # ICO: Pillow writes PNG entries; the BMP ones (32-bit with alpha, 24-bit with an AND mask)
    # are what older tools write. Pillow opens the largest.
    ico_rgba = alpha_ramp(32, 32, 108)
    save("png-entries.ico", Image.fromarray(ico_rgba, "RGBA"), sizes=[(16, 16), (32, 32)])
    bgra = ico_rgba[..., [2, 1, 0, 3]]
    small = alpha_ramp(16, 16, 109)[..., [2, 1, 0, 3]]
    mask = np.zeros((32, 32), bool)
    mask[:, :5] = True
    write("bmp-entries.ico", icon_file(1, [(16, 16, 32, dib(small, 32, np.zeros((16, 16), bool))),
                                           (32, 32, 32, dib(bgra, 32, mask))]))
    write("masked24.ico", icon_file(1, [(32, 32, 24, dib(bgra, 24, mask))]))
    write("cursor.cur", icon_file(2, [(32, 32, 32, dib(bgra, 32, mask)),
                                      (16, 16, 32, dib(small, 32, np.zeros((16, 16), bool)))]))
    # EXIF orientations, for the optional exif_transpose: 6 and 8 are the phone-camera rotations.
    for name, orientation, options in [("exif-6.jpg", 6, {"quality": 90}), ("exif-5.jpg", 5, {"quality": 90}),
                                       ("exif-3.png", 3, {}), ("exif-8.webp", 8, {"lossless": True}),
                                       ("exif-2.tif", 2, {})]:
        exif = Image.Exif()
        exif[0x0112] = orientation
        image = Image.fromarray(smooth(43, 29, 3, 110 + orientation), "RGB")
        save(name, image, exif=exif.tobytes(), **options)
    return made


EXIF_IMAGES = ["exif-6.jpg", "exif-5.jpg", "exif-3.png", "exif-8.webp", "exif-2.tif"]


def make_bombs():
    """Files declaring 9000x9000 pixels (81 MP, under Pillow's 89.5 MP limit) in a few hundred
    bytes, and a real, complete 9000x9000 PNG of one colour that compresses to about 236 KB."""
    BOMBS.mkdir(parents=True, exist_ok=True)
    small = io.BytesIO()
    Image.new("RGB", (16, 16), (200, 30, 30)).save(small, "JPEG", quality=90)
    data = bytearray(small.getvalue())
    sof = data.index(b"\xff\xc0")
    struct.pack_into(">HH", data, sof + 5, 9000, 9000)
    (BOMBS / "declared-9000.jpg").write_bytes(bytes(data))
    # A complete PNG: every row is filter 0 and zero bytes, so zlib packs 243 MB into ~236 KB.
    row = b"\0" + b"\0" * (9000 * 3)
    compressor = zlib.compressobj(9)
    idat = b"".join(compressor.compress(row) for _ in range(9000)) + compressor.flush()

    def chunk(kind, payload):
        return (struct.pack(">I", len(payload)) + kind + payload
                + struct.pack(">I", zlib.crc32(kind + payload) & 0xFFFFFFFF))

    png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 9000, 9000, 8, 2, 0, 0, 0))
           + chunk(b"IDAT", idat) + chunk(b"IEND", b""))
    with gzip.GzipFile(BOMBS / "real-9000.png.gz", "wb", mtime=0) as f:
        f.write(png)
    print(f"bombs: declared-9000.jpg {len(data)} bytes, real-9000.png {len(png)} bytes (gzipped)")


def pipeline(image, config):
    """torchvision 0.14's Resize(size) + CenterCrop(crop) on a PIL image, RGB first or last."""
    name, size, crop, first, _, _ = config
    if first:
        image = image.convert("RGB")
    width, height = image.size
    if width <= height:
        new_w, new_h = size, int(size * height / width)
    else:
        new_w, new_h = int(size * width / height), size
    image = image.resize((new_w, new_h), FILTERS[name])
    assert new_w >= crop and new_h >= crop
    top = int(round((new_h - crop) / 2.0))
    left = int(round((new_w - crop) / 2.0))
    image = image.crop((left, top, left + crop, top + crop))
    return image if first else image.convert("RGB")


def write_gz(path, data):
    with gzip.GzipFile(path, "wb", mtime=0) as f:
        f.write(data)


def main():
    images = make_images()
    make_bombs()
    EXPECTED.mkdir(parents=True, exist_ok=True)
    for old in EXPECTED.glob("*.gz"):
        old.unlink()
    cases = []
    for image_name in images:
        opened = Image.open(OUT / image_name)
        mode = opened.mode
        size = opened.size
        for config_name, config in CONFIGS.items():
            crop = pipeline(Image.open(OUT / image_name), config)
            u8 = np.asarray(crop, dtype=np.uint8)
            base = f"{image_name}.{config_name}"
            write_gz(EXPECTED / f"{base}.u8.gz", u8.tobytes())
            cases.append({
                "image": image_name,
                "pil_mode": mode,
                "width": size[0],
                "height": size[1],
                "config": config_name,
                "filter": config[0],
                "resize": config[1],
                "crop": config[2],
                "rgb_first": config[3],
                "mean": list(config[4]),
                "std": list(config[5]),
                "u8": f"{base}.u8.gz",
                "tolerance": TOLERANCE.get(image_name, 0),
            })
    for image_name in EXIF_IMAGES:
        config_name = "clip32"
        config = CONFIGS[config_name]
        upright = ImageOps.exif_transpose(Image.open(OUT / image_name))
        assert upright.size != Image.open(OUT / image_name).size or image_name in (
            "exif-3.png", "exif-2.tif"), image_name
        crop = pipeline(upright, config)
        base = f"{image_name}.{config_name}-upright"
        write_gz(EXPECTED / f"{base}.u8.gz", np.asarray(crop, dtype=np.uint8).tobytes())
        cases.append({
            "image": image_name, "pil_mode": upright.mode, "width": upright.size[0],
            "height": upright.size[1], "config": config_name + "-upright", "filter": config[0],
            "resize": config[1], "crop": config[2], "rgb_first": config[3], "mean": list(config[4]),
            "std": list(config[5]), "u8": f"{base}.u8.gz", "tolerance": 0, "exif_transpose": True,
        })
    (EXPECTED / "cases.json").write_text(
        json.dumps({"cases": cases, "refused": {}}, separators=(",", ":")) + "\n")
    total = sum(p.stat().st_size for p in OUT.rglob("*") if p.is_file())
    print(f"{len(images)} images, {len(cases)} cases, {total} bytes under {OUT}")


if __name__ == "__main__":
    main()
