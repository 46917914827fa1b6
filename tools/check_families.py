#!/usr/bin/python3
"""Checks `crossmodal embed` for SigLIP and Chinese-CLIP against a reference-families set.

    /usr/bin/python3 tools/check_families.py --reference /work/shared/reference-families [--repo .]
        [--work /tmp/famcheck] [--families siglip,chinese-clip] [--model auto]

For each family of the set's expected.json it runs, once, `crossmodal embed --model FAMILY
--model-dir DIR --json --pixels-out WORK/FAMILY` on every text and image, then applies the set's
SPEC.md tolerances: `tokens` identical to `input_ids` over the whole padded length; every one of the
300 pixel samples, every element of the full tensor (images-pixels/FAMILY.npz, when present) and the
mean within 0.02; embedding cosine >= 0.99999. It prints one FAIL line per miss and a summary per
family; the exit code is 1 if anything failed. `--model auto` runs the CLI with `--model auto` to check
the detection as well. Needs numpy only. Nothing in the Maven build uses this script.
"""
import argparse
import json
import pathlib
import subprocess
import sys
import zipfile
import io

import numpy as np


def run_embed(repo, family, model_dir, texts, images, pixels_out, model_flag):
    cmd = [str(repo / "crossmodal"), "embed", "--model", model_flag or family,
           "--model-dir", str(model_dir), "--json", "--pixels-out", str(pixels_out)]
    for t in texts:
        cmd += ["--text", t]
    for i in images:
        cmd += ["--image", str(i)]
    out = subprocess.run(cmd, capture_output=True, text=True)
    if out.returncode != 0:
        sys.stderr.write(out.stderr)
        raise SystemExit(f"crossmodal embed failed for {family} (exit {out.returncode})")
    return [json.loads(line) for line in out.stdout.splitlines() if line.startswith("{")]


def cosine(a, b):
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    return float(a @ b / (np.linalg.norm(a) * np.linalg.norm(b)))


def load_npz(path):
    if not path.is_file():
        return {}
    with zipfile.ZipFile(path) as z:
        return {n[:-4] if n.endswith(".npy") else n: np.load(io.BytesIO(z.read(n))) for n in z.namelist()}


def check_family(args, family, spec, reference):
    model_dir = reference / spec["dir"]
    texts = spec["texts"]
    images = spec["images"]
    pixels_out = args.work / family
    pixels_out.mkdir(parents=True, exist_ok=True)
    rows = run_embed(args.repo, family, model_dir, [t["text"] for t in texts],
                     [reference / im["file"] for im in images], pixels_out, args.model)
    if len(rows) != len(texts) + len(images):
        print(f"FAIL {family}: {len(rows)} output lines for {len(texts) + len(images)} inputs")
        return False
    tol = 0.02
    ok = True
    token_fail = 0
    worst_text = 1.0
    for t, row in zip(texts, rows):
        if row.get("tokens") != t["input_ids"]:
            token_fail += 1
            ok = False
            print(f"FAIL {family} tokens [{t['kind']}] {t['text'][:40]!r}: got {row.get('tokens')[:12]}..., "
                  f"want {t['input_ids'][:12]}...")
        c = cosine(row["embedding"], t["embedding"])
        worst_text = min(worst_text, c)
        if c < 0.99999:
            ok = False
            print(f"FAIL {family} text cosine [{t['kind']}] {t['text'][:40]!r}: {c:.7f}")
    full = load_npz(reference / "images-pixels" / f"{family}.npz")
    worst_image = 1.0
    worst_pixel = 0.0
    for im, row in zip(images, rows[len(texts):]):
        got = np.load(row["pixels"]).astype(np.float64)
        px = im["pixels"]
        if list(got.shape) != list(px["shape"]):
            ok = False
            print(f"FAIL {family} pixels {im['file']}: shape {list(got.shape)}, want {px['shape']}")
            continue
        flat = got.reshape(-1)
        diff = float(np.max(np.abs(flat[np.asarray(px["index"])] - np.asarray(px["value"]))))
        diff = max(diff, abs(float(flat.mean()) - px["mean"]))
        key = px.get("key", im["file"])
        if key in full:
            diff = max(diff, float(np.max(np.abs(got - full[key].astype(np.float64)))))
        worst_pixel = max(worst_pixel, diff)
        if diff > tol:
            ok = False
            print(f"FAIL {family} pixels {im['file']}: max |diff| {diff:.4f} > {tol}")
        c = cosine(row["embedding"], im["embedding"])
        worst_image = min(worst_image, c)
        if c < 0.99999:
            ok = False
            print(f"FAIL {family} image cosine {im['file']}: {c:.7f}")
    print(f"{'PASS' if ok else 'FAIL'} {family}: tokens identical {len(texts) - token_fail}/{len(texts)}, "
          f"min text cosine {worst_text:.9f}, max pixel diff {worst_pixel:.4f} "
          f"({'full tensors' if full else 'samples only'}), min image cosine {worst_image:.9f}")
    return ok


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--reference", type=pathlib.Path, default=pathlib.Path("/work/shared/reference-families"))
    p.add_argument("--repo", type=pathlib.Path, default=pathlib.Path(__file__).resolve().parent.parent)
    p.add_argument("--work", type=pathlib.Path, default=pathlib.Path("/tmp/famcheck"))
    p.add_argument("--families", default=None, help="comma-separated subset of expected.json's families")
    p.add_argument("--model", default=None, help="--model value to pass (default: the family name; 'auto' to test detection)")
    args = p.parse_args()
    expected = json.loads((args.reference / "expected.json").read_text(encoding="utf-8"))
    families = expected["families"]
    wanted = args.families.split(",") if args.families else list(families)
    ok = True
    for family in wanted:
        ok &= check_family(args, family, families[family], args.reference)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
