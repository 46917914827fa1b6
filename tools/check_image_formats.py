#!/usr/bin/python3
"""Checks the image decoder on real photos in every format against Pillow, through openai/CLIP's
whole 224-pixel transform: converts photos (e.g. the Flickr sample in ../shared) to ICC-tagged
JPEG, CMYK TIFF and JPEG, WebP, TGA, ICO, PPM/PGM, JPEG 2000, GIF and BMP in a scratch folder,
runs the Java pipeline on them (WriteClipTensors, from image's test classes) and prints the largest
difference per format in normalised units. Nothing it writes is committed.

    ./mvnw -q -pl image -am test-compile
    /usr/bin/python3 tools/check_image_formats.py PHOTO_DIR [COUNT]
"""

import glob
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
from make_format_fixtures import DISPLAY_P3, LINEAR_SRGB  # noqa: E402

MEAN = np.array((0.48145466, 0.4578275, 0.40821073), np.float32)[:, None, None]
STD = np.array((0.26862954, 0.26130258, 0.27577711), np.float32)[:, None, None]

KINDS = {
    "p3.jpg": lambda im, p: im.save(p, quality=92, icc_profile=DISPLAY_P3),
    "linear.jpg": lambda im, p: im.save(p, quality=92, icc_profile=LINEAR_SRGB),
    "cmyk.tif": lambda im, p: im.convert("CMYK").save(p, compression="tiff_lzw"),
    "cmyk.jpg": lambda im, p: im.convert("CMYK").save(p, quality=92),
    "lossy.webp": lambda im, p: im.save(p, quality=80),
    "lossless.webp": lambda im, p: im.save(p, lossless=True),
    "alpha.webp": lambda im, p: im.convert("RGBA").save(p, quality=80),
    "raw.tga": lambda im, p: im.save(p),
    "rle.tga": lambda im, p: im.save(p, compression="tga_rle"),
    "icon.ico": lambda im, p: im.resize((256, 200)).save(p, sizes=[(256, 200), (64, 50)]),
    "rgb.ppm": lambda im, p: im.save(p),
    "grey.pgm": lambda im, p: im.convert("L").save(p),
    "lossy.jp2": lambda im, p: im.save(p, quality_mode="rates", quality_layers=[30]),
    "palette.gif": lambda im, p: im.save(p),
    "rgb.bmp": lambda im, p: im.save(p),
}


def pillow_clip(path):
    """openai/CLIP's _transform(224) with Pillow only: Resize(224, BICUBIC), CenterCrop, RGB."""
    im = Image.open(path)
    w, h = im.size
    nw, nh = (224, int(224 * h / w)) if w <= h else (int(224 * w / h), 224)
    im = im.resize((nw, nh), Image.BICUBIC)
    top, left = int(round((nh - 224) / 2.0)), int(round((nw - 224) / 2.0))
    im = im.crop((left, top, left + 224, top + 224)).convert("RGB")
    x = np.asarray(im, np.uint8).transpose(2, 0, 1).astype(np.float32) / np.float32(255)
    return (x - MEAN) / STD


def main():
    photos = sorted(glob.glob(os.path.join(sys.argv[1], "*.jpg")))[: int(sys.argv[2]) if len(sys.argv) > 2 else 12]
    classpath = subprocess.run(
        [str(ROOT / "mvnw"), "-q", "-o", "-pl", "image", "dependency:build-classpath",
         "-Dmdep.outputFile=/dev/stdout"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()
    classpath += os.pathsep + str(ROOT / "image/target/classes") + os.pathsep + str(ROOT / "image/target/test-classes")
    with tempfile.TemporaryDirectory() as scratch:
        files = []
        for i, photo in enumerate(photos):
            im = Image.open(photo).convert("RGB")
            for kind, save in KINDS.items():
                path = os.path.join(scratch, f"{i}-{kind}")
                save(im, path)
                files.append((kind, path))
        java = os.path.join(os.environ.get("JAVA_HOME", "/usr"), "bin", "java")
        subprocess.run([java, "-cp", classpath, "dev.crossmodal.image.WriteClipTensors"]
                       + [p for _, p in files], check=True)
        worst = {}
        for kind, path in files:
            if not os.path.exists(path + ".f32"):
                worst[kind] = float("inf")
                continue
            ours = np.fromfile(path + ".f32", "<f4").reshape(3, 224, 224)
            worst[kind] = max(worst.get(kind, 0.0), float(np.abs(ours - pillow_clip(path)).max()))
    for kind, value in worst.items():
        print(f"{kind:14s} largest |difference| {value:.6f}")
    print(f"{len(files)} files from {len(photos)} photos")


if __name__ == "__main__":
    main()
