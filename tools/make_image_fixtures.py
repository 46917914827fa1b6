#!/usr/bin/python3
"""Makes the image-pipeline test fixtures of `image`: small images of every mode and size edge case,
and what Pillow 9.4 + torchvision 0.14 make of them.

Run with Debian's python3 (python3-pil 9.4, python3-torchvision 0.14, python3-torch 1.13):

    /usr/bin/python3 tools/make_image_fixtures.py

Writes image/src/test/resources/images/: the images, and expected/ with, for every image and
pipeline configuration, the 8-bit RGB crop that ToTensor sees (`<image>.<config>.u8.gz`, HWC) and,
for some, the normalised float32 tensor (`<image>.<config>.f32.gz`, CHW, little-endian), indexed by
expected/cases.json. Images that Pillow refuses are listed with the error it raises.
"""

import gzip
import io
import json
import struct
import zlib
from pathlib import Path

import numpy as np
import torch
from PIL import Image
from torchvision import transforms as T

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "image" / "src" / "test" / "resources" / "images"
EXPECTED = OUT / "expected"

CLIP_MEAN = (0.48145466, 0.4578275, 0.40821073)
CLIP_STD = (0.26862954, 0.26130258, 0.27577711)
IMAGENET_MEAN = (0.485, 0.456, 0.406)
IMAGENET_STD = (0.229, 0.224, 0.225)

MODES = {
    "nearest": T.InterpolationMode.NEAREST,
    "bilinear": T.InterpolationMode.BILINEAR,
    "bicubic": T.InterpolationMode.BICUBIC,
}

# name -> (filter, resize short side, crop, convert to RGB first, mean, std, store float tensor)
CONFIGS = {
    "clip32": ("bicubic", 32, 32, False, CLIP_MEAN, CLIP_STD, True),
    "vse36": ("bilinear", 36, 32, True, IMAGENET_MEAN, IMAGENET_STD, True),
    "nearest32": ("nearest", 32, 32, False, CLIP_MEAN, CLIP_STD, False),
    "bilinear-last40": ("bilinear", 40, 33, False, CLIP_MEAN, CLIP_STD, False),
    "bicubic-first48": ("bicubic", 48, 41, True, CLIP_MEAN, CLIP_STD, False),
    "pad": ("bicubic", 20, 27, False, CLIP_MEAN, CLIP_STD, False),
}
# The real presets, at full size, on a few images.
FULL_CONFIGS = {
    "clip224": ("bicubic", 224, 224, False, CLIP_MEAN, CLIP_STD, False),
    "vse256": ("bilinear", 256, 224, True, IMAGENET_MEAN, IMAGENET_STD, False),
}
FULL_IMAGES = ["photo.jpg", "rgba.png", "palette.png", "gray16.png", "cmyk.jpg", "gray.jpg"]
# Full-size crops are stored as these rows only, to keep the fixtures small.
FULL_ROWS = [0, 1, 2, 57, 110, 111, 112, 113, 170, 221, 222, 223]
# Normalised float tensors are stored for these images only: normalisation is per grey level.
FLOAT_IMAGES = ["photo.jpg", "gray.png", "rgba.png", "palette.png"]


def to_rgb(image):
    return image.convert("RGB")


def pipeline(config):
    name, size, crop, first, mean, std, _ = config
    steps = [to_rgb] if first else []
    steps += [T.Resize(size, interpolation=MODES[name]), T.CenterCrop(crop)]
    if not first:
        steps.append(to_rgb)
    return T.Compose(steps), T.Compose([T.ToTensor(), T.Normalize(mean, std)])


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


def png_chunk(kind, data):
    return (struct.pack(">I", len(data)) + kind + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))


def write_png(path, width, height, bit_depth, color_type, rows, extra=()):
    """A PNG with exactly the given IHDR and raw sample rows (bytes), filter 0 on every row."""
    raw = b"".join(b"\x00" + row for row in rows)
    data = b"\x89PNG\r\n\x1a\n"
    data += png_chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, bit_depth, color_type, 0, 0, 0))
    for kind, payload in extra:
        data += png_chunk(kind, payload)
    data += png_chunk(b"IDAT", zlib.compress(raw, 9)) + png_chunk(b"IEND", b"")
    path.write_bytes(data)


def write_interlaced_rgb_png(path, pixels):
    """An Adam7-interlaced 8-bit RGB PNG: seven passes of sub-images, each row with filter 0."""
    height, width, _ = pixels.shape
    raw = b""
    for x0, y0, dx, dy in [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4),
                           (1, 0, 2, 2), (0, 1, 1, 2)]:
        sub = pixels[y0::dy, x0::dx]
        if sub.size:
            raw += b"".join(b"\x00" + row.tobytes() for row in sub)
    data = b"\x89PNG\r\n\x1a\n"
    data += png_chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 1))
    data += png_chunk(b"IDAT", zlib.compress(raw, 9)) + png_chunk(b"IEND", b"")
    path.write_bytes(data)


def pack_bits(values, depth):
    """Packs small integers MSB first, as PNG rows of bit depth < 8 hold them."""
    out = bytearray()
    per_byte = 8 // depth
    for i in range(0, len(values), per_byte):
        byte = 0
        for j in range(per_byte):
            v = values[i + j] if i + j < len(values) else 0
            byte |= v << (8 - depth * (j + 1))
        out.append(byte)
    return bytes(out)


def make_images():
    OUT.mkdir(parents=True, exist_ok=True)
    made = {}

    def save(name, image, **options):
        image.save(OUT / name, **options)
        made[name] = True

    save("rgb-odd.png", Image.fromarray(smooth(37, 29, 3, 1), "RGB"))
    save("rgb-wide.png", Image.fromarray(smooth(203, 13, 3, 2), "RGB"))
    save("rgb-tall.png", Image.fromarray(smooth(11, 157, 3, 3), "RGB"))
    save("tiny.png", Image.fromarray(smooth(5, 3, 3, 4), "RGB"))
    save("square32.png", Image.fromarray(smooth(32, 32, 3, 5), "RGB"))
    save("gray.png", Image.fromarray(smooth(40, 30, 1, 6)[..., 0], "L"))
    save("photo.jpg", Image.fromarray(smooth(251, 189, 3, 7, noise=2), "RGB"), quality=90)
    save("rgb.jpg", Image.fromarray(smooth(63, 47, 3, 8), "RGB"), quality=85)
    save("rgb-444.jpg", Image.fromarray(smooth(45, 61, 3, 9), "RGB"), quality=92, subsampling=0)
    save("progressive.jpg", Image.fromarray(smooth(66, 50, 3, 10), "RGB"), quality=88,
         progressive=True)
    save("gray.jpg", Image.fromarray(smooth(41, 33, 1, 11)[..., 0], "L"), quality=90)
    save("cmyk.jpg", Image.fromarray(smooth(39, 27, 4, 12), "CMYK"), quality=90)
    # YCCK: Pillow cannot write it, but relabelling a CMYK file's Adobe transform makes libjpeg
    # decode the same scans as YCCK, which is all the decoder needs to be checked against.
    cmyk = (OUT / "cmyk.jpg").read_bytes()
    at = cmyk.index(b"Adobe")
    assert cmyk[at + 11] == 0
    (OUT / "ycck.jpg").write_bytes(cmyk[: at + 11] + b"\x02" + cmyk[at + 12:])
    made["ycck.jpg"] = True

    rgba = smooth(45, 35, 4, 13, noise=4)
    rgba[0:5, :, 3] = 0
    rgba[5:10, :, 3] = 255
    rgba[10:, ::3, 3] = 1
    save("rgba.png", Image.fromarray(rgba, "RGBA"))
    la = smooth(31, 43, 2, 14)
    la[:4, :, 1] = 0
    save("la.png", Image.fromarray(la, "LA"))

    palette = Image.fromarray(smooth(43, 37, 3, 15), "RGB").quantize(256)
    save("palette.png", palette)
    small_palette = Image.fromarray(smooth(30, 26, 3, 16), "RGB").quantize(16)
    save("palette-4bit.png", small_palette)
    transparent = Image.fromarray(smooth(35, 28, 3, 17), "RGB").quantize(64)
    alpha = bytes([0, 128] + [255] * 62)
    save("palette-trns.png", transparent, transparency=alpha)
    save("palette.gif", Image.fromarray(smooth(33, 25, 3, 27), "RGB").quantize(200))
    save("rgb.bmp", Image.fromarray(smooth(21, 34, 3, 28), "RGB"))

    # 16-bit and low-bit-depth PNGs Pillow cannot write itself.
    rng = np.random.default_rng(18)
    g16 = (smooth(29, 23, 1, 19)[..., 0].astype(np.uint16) * 3 + rng.integers(0, 40, (23, 29))).astype(
        np.uint16)
    g16[:3] = rng.integers(0, 300, (3, 29))
    write_png(OUT / "gray16.png", 29, 23, 16, 0, [r.astype(">u2").tobytes() for r in g16])
    rgb16 = smooth(27, 21, 3, 20).astype(np.uint16) * 257 + rng.integers(0, 256, (21, 27, 3)).astype(
        np.uint16)
    write_png(OUT / "rgb16.png", 27, 21, 16, 2, [r.astype(">u2").tobytes() for r in rgb16])
    rgba16 = smooth(25, 19, 4, 21).astype(np.uint16) * 257
    write_png(OUT / "rgba16.png", 25, 19, 16, 6, [r.astype(">u2").tobytes() for r in rgba16])
    g4 = (smooth(26, 22, 1, 22)[..., 0] // 16).astype(int)
    write_png(OUT / "gray4.png", 26, 22, 4, 0, [pack_bits(list(r), 4) for r in g4])
    g2 = (smooth(26, 22, 1, 23)[..., 0] // 64).astype(int)
    write_png(OUT / "gray2.png", 26, 22, 2, 0, [pack_bits(list(r), 2) for r in g2])
    g1 = (smooth(34, 21, 1, 24)[..., 0] // 128).astype(int)
    write_png(OUT / "bilevel.png", 34, 21, 1, 0, [pack_bits(list(r), 1) for r in g1])
    trns_rgb = smooth(24, 20, 3, 25)
    write_png(OUT / "rgb-trns.png", 24, 20, 8, 2, [r.tobytes() for r in trns_rgb],
              extra=[(b"tRNS", struct.pack(">HHH", *map(int, trns_rgb[0, 0])))])
    trns_gray = smooth(22, 27, 1, 26)[..., 0]
    write_png(OUT / "gray-trns.png", 22, 27, 8, 0, [r.tobytes() for r in trns_gray],
              extra=[(b"tRNS", struct.pack(">H", int(trns_gray[0, 0])))])
    write_interlaced_rgb_png(OUT / "interlaced.png", smooth(23, 19, 3, 29))
    for name in ["interlaced.png", "gray16.png", "rgb16.png", "rgba16.png", "gray4.png", "gray2.png", "bilevel.png",
                 "rgb-trns.png", "gray-trns.png"]:
        made[name] = True

    # Inputs Pillow refuses.
    photo = (OUT / "photo.jpg").read_bytes()
    (OUT / "truncated.jpg").write_bytes(photo[: len(photo) // 2])
    png = (OUT / "rgb-odd.png").read_bytes()
    (OUT / "truncated.png").write_bytes(png[: len(png) // 2])
    (OUT / "not-an-image.jpg").write_bytes(b"This is a text file, not a JPEG.\n")
    (OUT / "empty.png").write_bytes(b"")
    return sorted(made)


def write_gz(path, data):
    with gzip.GzipFile(path, "wb", mtime=0) as f:
        f.write(data)


def main():
    images = make_images()
    EXPECTED.mkdir(parents=True, exist_ok=True)
    for old in EXPECTED.glob("*.gz"):
        old.unlink()
    cases = []
    refused = {}
    for name in ["truncated.jpg", "truncated.png", "not-an-image.jpg", "empty.png"]:
        try:
            Image.open(OUT / name).load()
            raise SystemExit(f"Pillow unexpectedly reads {name}")
        except Exception as e:  # noqa: BLE001 - recording whatever Pillow raises
            refused[name] = f"{type(e).__name__}: {e}"
    for image_name in images:
        modes = Image.open(OUT / image_name).mode
        configs = dict(CONFIGS)
        if image_name in FULL_IMAGES:
            configs.update(FULL_CONFIGS)
        for config_name, config in configs.items():
            pil_steps, tensor_steps = pipeline(config)
            image = Image.open(OUT / image_name)
            crop = pil_steps(image)
            u8 = np.asarray(crop, dtype=np.uint8)
            base = f"{image_name}.{config_name}"
            rows = FULL_ROWS if config_name in FULL_CONFIGS else None
            if rows is not None:
                u8 = u8[rows]
            write_gz(EXPECTED / f"{base}.u8.gz", u8.tobytes())
            case = {
                "image": image_name,
                "pil_mode": modes,
                "config": config_name,
                "filter": config[0],
                "resize": config[1],
                "crop": config[2],
                "rgb_first": config[3],
                "mean": list(config[4]),
                "std": list(config[5]),
                "u8": f"{base}.u8.gz",
            }
            if rows is not None:
                case["rows"] = rows
            if config[6] and image_name in FLOAT_IMAGES:
                tensor = tensor_steps(crop)
                assert tensor.dtype == torch.float32
                write_gz(EXPECTED / f"{base}.f32.gz", tensor.numpy().astype("<f4").tobytes())
                case["f32"] = f"{base}.f32.gz"
            cases.append(case)
    (EXPECTED / "cases.json").write_text(
        json.dumps({"cases": cases, "refused": refused}, separators=(",", ":")) + "\n")
    total = sum(p.stat().st_size for p in OUT.rglob("*") if p.is_file())
    print(f"{len(images)} images, {len(cases)} cases, {total} bytes under {OUT}")


if __name__ == "__main__":
    main()
