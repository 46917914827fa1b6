#!/usr/bin/python3
"""Checks the crossmodal CLI against reference embeddings, as the product owner's acceptance checks do.

Run from anywhere with Debian's Python (torch 1.13, PIL, numpy, python3-regex):

    /usr/bin/python3 tools/check_against_reference.py --shared /work/shared [--work /tmp/refcheck]
        [--checks sanity,embed,index,eval] [--repo .] [--report FILE.json]

The reference is computed here, in Python, from the product owner's TorchScript CLIP
(`reference/clip-tiny-openai-jit.pt`, openai's `encode_image`/`encode_text`) with openai's original
preprocessing (PIL bicubic resize of the short side to 224, centre crop with Python rounding, then
RGB, CLIP mean/std) and openai's tokenizer (the port in tools/make_clip_fixtures.py, imported, not
copied). It has the same weights as `reference/clip-tiny-hf`, which the CLI runs on ONNX Runtime.

Checks (each prints PASS/FAIL lines; the exit code is 1 if any failed):
- sanity: the Python reference reproduces `reference/expected.json` (tokens identical, cosine >= 0.99999)
          before anything is judged against it.
- embed:  `crossmodal embed` with clip-tiny-hf, with the TorchScript file, and with vse-tiny on the 50
          reference images and every text of expected.json: tokens identical, every pixel sample of
          `--pixels-out` within 0.02, cosine >= 0.99999 (SPEC.md's tolerances).
- index:  issue 2. A Kaggle-layout dataset in WORK from the first 120 photos of data/flickr8k-1k plus a
          truncated JPEG, a text file named .jpg, a caption row for a missing image and an empty caption;
          `index --json` counts and skipped list; text and image searches against the reference neighbours
          (ids in order, swaps allowed only between near-ties |diff| < 1e-5; scores within 1e-4); kill -9
          during indexing, re-run, `info` and searches identical to the clean run; a re-run adds nothing.
- eval:   issue 6. `eval --json` on all of data/flickr8k-1k against R@1/5/10, MedR and MRR computed in
          numpy from the reference embeddings; a difference is accepted only where near-ties
          (|diff| < 1e-5) make the reference itself ambiguous.

Nothing in the Maven build uses this script or the shared folder.
"""
import argparse
import csv
import hashlib
import json
import os
import pathlib
import re
import shutil
import signal
import subprocess
import sys
import threading
import time

import numpy as np
import torch
from PIL import Image

TOOLS = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(TOOLS))
from make_clip_fixtures import SimpleTokenizer, load_merges  # noqa: E402  (openai's tokenizer, ported)

CLIP_MEAN = np.array([0.48145466, 0.4578275, 0.40821073], dtype=np.float32)
CLIP_STD = np.array([0.26862954, 0.26130258, 0.27577711], dtype=np.float32)
N_PX = 224
TIE = 1e-5          # scores closer than this are a near-tie: either order is right
SCORE_TOL = 1e-4    # a CLI score may differ this much from the reference cosine
COSINE_MIN = 0.99999
PIXEL_TOL = 0.02

RESULTS = []
PROGRESS = re.compile(rb"indexing\s+\d+% \[[^\]]*\]\s+(\d+)/(\d+)")


def record(check, ok, detail):
    RESULTS.append({"check": check, "ok": bool(ok), "detail": detail})
    print(f"{'PASS' if ok else 'FAIL'} {check}: {detail}", flush=True)
    return ok


def log(msg):
    print(f"  {msg}", flush=True)


# --------------------------------------------------------------------------------------------
# The reference: openai's pipeline on the TorchScript model.


class Reference:
    def __init__(self, shared):
        torch.set_num_threads(max(1, min(2, os.cpu_count() or 1)))
        self.model = torch.jit.load(str(shared / "reference/clip-tiny-openai-jit.pt"), map_location="cpu").eval()
        self.tokenizer = SimpleTokenizer(load_merges())

    @staticmethod
    def pixels(path):
        """openai/CLIP's _transform, step by step as SPEC.md says, with PIL only."""
        with Image.open(path) as image:
            image.load()
            w, h = image.size
            if w <= h:
                size = (N_PX, int(N_PX * h / w))
            else:
                size = (int(N_PX * w / h), N_PX)
            if size != (w, h):
                image = image.resize(size, Image.BICUBIC)
            w, h = image.size
            top = int(round((h - N_PX) / 2.0))
            left = int(round((w - N_PX) / 2.0))
            image = image.crop((left, top, left + N_PX, top + N_PX)).convert("RGB")
            x = np.asarray(image, dtype=np.float32) / 255.0
        x = (x - CLIP_MEAN) / CLIP_STD
        return np.ascontiguousarray(x.transpose(2, 0, 1))

    def tokens(self, texts):
        return self.tokenizer.tokenize(list(texts))

    def images(self, paths, batch=50):
        out = []
        with torch.no_grad():
            for i in range(0, len(paths), batch):
                x = torch.from_numpy(np.stack([self.pixels(p) for p in paths[i:i + batch]]))
                out.append(self.model.encode_image(x).double().numpy())
        return l2(np.concatenate(out)) if out else np.zeros((0, 0))

    def texts(self, texts, batch=250):
        texts = list(texts)
        out = []
        with torch.no_grad():
            for i in range(0, len(texts), batch):
                out.append(self.model.encode_text(self.tokens(texts[i:i + batch])).double().numpy())
        return l2(np.concatenate(out)) if out else np.zeros((0, 0))


def l2(x):
    return x / np.linalg.norm(x, axis=-1, keepdims=True)


def cosine(a, b):
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    return float(a @ b / (np.linalg.norm(a) * np.linalg.norm(b)))


# --------------------------------------------------------------------------------------------
# Running the CLI.


class Cli:
    def __init__(self, repo):
        self.exe = str(repo / "crossmodal")
        self.repo = repo

    def run(self, *args, check=True):
        cmd = [self.exe, *map(str, args)]
        start = time.monotonic()
        proc = subprocess.run(cmd, cwd=self.repo, capture_output=True, text=True)
        wall = time.monotonic() - start
        if check and proc.returncode != 0:
            raise RuntimeError(f"{' '.join(cmd[:12])} ... exited {proc.returncode}: {proc.stderr[-2000:]}")
        return proc, wall

    def json_last(self, *args):
        proc, wall = self.run(*args)
        lines = [l for l in proc.stdout.splitlines() if l.strip()]
        return json.loads(lines[-1]), wall, proc

    def json_lines(self, *args, check=True):
        proc, wall = self.run(*args, check=check)
        return [json.loads(l) for l in proc.stdout.splitlines() if l.strip()], wall, proc


def image_id(path):
    return hashlib.sha256(pathlib.Path(path).read_bytes()).hexdigest()[:16]


# --------------------------------------------------------------------------------------------
# sanity: the Python reference against expected.json


def check_sanity(ref, shared):
    expected = json.loads((shared / "reference/expected.json").read_text())
    texts = [t["text"] for t in expected["texts"]]
    ids = ref.tokens(texts).tolist()
    bad = [t["text"] for t, got in zip(expected["texts"], ids) if got != t["ids"]]
    record("sanity.tokens", not bad, f"{len(texts) - len(bad)}/{len(texts)} texts tokenised as expected.json" +
           (f"; differ: {bad[:3]!r}" if bad else ""))
    emb = ref.texts(texts)
    cos = [cosine(e, t["clip_embedding"]) for e, t in zip(emb, expected["texts"])]
    record("sanity.text_embeddings", min(cos) >= COSINE_MIN, f"min cosine {min(cos):.7f} over {len(cos)} texts")
    files = [shared / "reference" / i["file"] for i in expected["images"]]
    emb = ref.images(files)
    cos = [cosine(e, i["clip_embedding"]) for e, i in zip(emb, expected["images"])]
    record("sanity.image_embeddings", min(cos) >= COSINE_MIN, f"min cosine {min(cos):.7f} over {len(cos)} images")
    worst = 0.0
    for f, i in zip(files, expected["images"]):
        flat = ref.pixels(f).reshape(-1)
        worst = max(worst, float(np.max(np.abs(flat[i["clip_pixels"]["index"]] - np.array(i["clip_pixels"]["value"])))))
    record("sanity.pixels", worst <= PIXEL_TOL, f"max pixel sample difference {worst:.5f}")


# --------------------------------------------------------------------------------------------
# embed: the CLI's embed command against expected.json


def check_embed(cli, shared, work):
    expected = json.loads((shared / "reference/expected.json").read_text())
    ref_dir = shared / "reference"
    variants = [
        ("clip-hf", "clip", ref_dir / "clip-tiny-hf", "ids", "clip_pixels", "clip_embedding"),
        ("clip-jit", "clip", ref_dir / "clip-tiny-openai-jit.pt", "ids", "clip_pixels", "clip_embedding"),
        ("vse", "vse", ref_dir / "vse-tiny", "vse_tokens", "vse_pixels", "vse_embedding"),
    ]
    for name, model, model_dir, tok_key, pix_key, emb_key in variants:
        pixels_dir = work / f"pixels-{name}"
        shutil.rmtree(pixels_dir, ignore_errors=True)
        args = ["embed", "--model", model, "--model-dir", model_dir, "--json", "--pixels-out", pixels_dir]
        for t in expected["texts"]:
            args += ["--text", t["text"]]
        for i in expected["images"]:
            args += ["--image", ref_dir / i["file"]]
        lines, wall, proc = cli.json_lines(*args, check=False)
        log(f"embed {name}: exit {proc.returncode}, {len(lines)} lines, {wall:.1f} s")
        n_in = len(expected["texts"]) + len(expected["images"])
        if not record(f"embed.{name}.lines", proc.returncode == 0 and len(lines) == n_in,
                      f"{len(lines)} JSON lines for {n_in} inputs, exit {proc.returncode}"
                      + (f"; stderr: {proc.stderr.strip()[-500:]}" if proc.returncode else "")):
            if len(lines) != n_in:
                continue
        text_lines, image_lines = lines[:len(expected["texts"])], lines[len(expected["texts"]):]
        bad_tokens, bad_inputs, text_cos = [], [], []
        for line, t in zip(text_lines, expected["texts"]):
            if line.get("modality", "").lower() != "text" or line.get("input") != t["text"]:
                bad_inputs.append(t["text"])
            got = list(line.get("tokens", []))
            want = list(t[tok_key])
            # CLIP's reference ids are padded to 77 with zeros; a CLI may print them unpadded.
            if tok_key == "ids":
                while got and got[-1] == 0:
                    got.pop()
                while want and want[-1] == 0:
                    want.pop()
            if got != want:
                bad_tokens.append(t["text"])
            text_cos.append(cosine(line["embedding"], t[emb_key]))
        record(f"embed.{name}.text_inputs", not bad_inputs, f"{len(bad_inputs)} lines not echoing their text input" +
               (f": {bad_inputs[:3]!r}" if bad_inputs else ""))
        record(f"embed.{name}.tokens", not bad_tokens, f"{len(text_lines) - len(bad_tokens)}/{len(text_lines)} token lists identical" +
               (f"; differ: {bad_tokens[:5]!r}" if bad_tokens else ""))
        worst_t = int(np.argmin(text_cos))
        record(f"embed.{name}.text_embeddings", min(text_cos) >= COSINE_MIN,
               f"min cosine {min(text_cos):.7f} ({expected['texts'][worst_t]['text'][:40]!r})")
        image_cos, pix_worst, pix_missing = [], [], []
        for line, i in zip(image_lines, expected["images"]):
            image_cos.append(cosine(line["embedding"], i[emb_key]))
            npy = pixels_dir / (pathlib.Path(i["file"]).name + ".npy")
            if not npy.exists():
                pix_missing.append(i["file"])
                continue
            arr = np.load(npy)
            shape_ok = list(arr.shape) == list(i[pix_key]["shape"]) and arr.dtype == np.float32
            diff = np.abs(arr.reshape(-1)[i[pix_key]["index"]] - np.array(i[pix_key]["value"]))
            pix_worst.append((float(diff.max()) if shape_ok else float("inf"), i["file"]))
        worst_i = int(np.argmin(image_cos))
        record(f"embed.{name}.image_embeddings", min(image_cos) >= COSINE_MIN,
               f"min cosine {min(image_cos):.7f} ({expected['images'][worst_i]['file']})")
        worst = max(pix_worst) if pix_worst else (float("inf"), "-")
        record(f"embed.{name}.pixels", not pix_missing and worst[0] <= PIXEL_TOL,
               f"max sample difference {worst[0]:.5f} ({worst[1]}); {len(pix_missing)} .npy files missing")


# --------------------------------------------------------------------------------------------
# index: issue 2


def read_captions(path):
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    return rows[0], rows[1:]


def build_dataset(shared, dest, n_images):
    """Kaggle layout: the first n photos with their captions, plus four bad items."""
    src = shared / "data/flickr8k-1k"
    header, rows = read_captions(src / "captions.txt")
    order = []
    for name, _ in rows:
        if name not in order:
            order.append(name)
    chosen = order[:n_images]
    spare = order[n_images]              # a photo outside the set, truncated below
    shutil.rmtree(dest, ignore_errors=True)
    (dest / "images").mkdir(parents=True)
    for name in chosen:
        shutil.copyfile(src / "images" / name, dest / "images" / name)
    data = (src / "images" / spare).read_bytes()
    (dest / "images/truncated.jpg").write_bytes(data[:len(data) // 2])
    (dest / "images/not-an-image.jpg").write_text("This is a text file, not a JPEG.\n")
    out = [header]
    for name, caption in rows:
        if name in chosen:
            out.append([name, caption])
            # the empty caption sits among the third image's rows, so its later captions' ids shift
            if name == chosen[2] and sum(1 for r in out if r[0] == name) == 2:
                out.append([name, ""])
    out.append(["truncated.jpg", "A photo whose file was cut off half way ."])
    out.append(["not-an-image.jpg", "A text file that only pretends to be a photo ."])
    out.append(["missing.jpg", "A photo that is not in the images folder ."])
    with open(dest / "captions.txt", "w", newline="", encoding="utf-8") as f:
        csv.writer(f, lineterminator="\n").writerows(out)
    # What a correct reader makes of it: ids by content hash, caption n = position among its image's rows.
    images, captions = {}, {}
    position = {}
    for name, caption in out[1:]:
        n = position.get(name, 0)
        position[name] = n + 1
        if name not in chosen or caption.strip() == "":
            continue
        iid = image_id(dest / "images" / name)
        images[iid] = dest / "images" / name
        captions[f"{iid}#{n}"] = caption
    return images, captions, chosen, spare


def near_tie_order_ok(cli_matches, ref_scores, k):
    """Each returned id's reference score must equal the reference's i-th best within TIE."""
    ranked = np.sort(np.array(list(ref_scores.values())))[::-1]
    problems = []
    for pos, m in enumerate(cli_matches):
        if m["id"] not in ref_scores:
            problems.append(f"#{pos + 1} {m['id']} is not a reference document")
            continue
        ref = ref_scores[m["id"]]
        if abs(ref - ranked[pos]) >= TIE:
            problems.append(f"#{pos + 1} {m['id']} has reference score {ref:.6f}, the reference's #{pos + 1} has {ranked[pos]:.6f}")
        if abs(m["score"] - ref) > SCORE_TOL:
            problems.append(f"#{pos + 1} {m['id']} score {m['score']:.6f} vs reference {ref:.6f}")
    if len(cli_matches) != min(k, len(ranked)):
        problems.append(f"{len(cli_matches)} matches, expected {min(k, len(ranked))}")
    return problems


def run_searches(cli, workspace, queries):
    results = []
    for kind, value in queries:
        flag = "--text" if kind == "text" else "--image"
        out, _, _ = cli.json_last("search", "--workspace", workspace, flag, value, "--top-k", 10, "--json")
        results.append(out)
    return results


def check_index(cli, ref, shared, work, n_images):
    data = work / "flickr-bad"
    images, captions, chosen, spare = build_dataset(shared, data, n_images)
    model_dir = shared / "reference/clip-tiny-hf"
    log(f"dataset {data}: {len(chosen)} photos + truncated.jpg (half of {spare}) + not-an-image.jpg, "
        f"{len(captions)} good captions, a missing-image row and an empty caption")

    def index_cmd(ws):
        return ["index", "--data", data, "--format", "flickr8k", "--model", "clip", "--model-dir", model_dir,
                "--workspace", ws, "--json"]

    clean = work / "ws-clean"
    shutil.rmtree(clean, ignore_errors=True)
    report, clean_wall, _ = cli.json_last(*index_cmd(clean))
    wall = clean_wall
    log(f"index (clean): {wall:.1f} s wall; images_indexed={report['images_indexed']} "
        f"texts_indexed={report['texts_indexed']} seconds={report.get('seconds')}")
    for s in report["skipped"]:
        log(f"skipped: {s['item']}: {s['reason']}")
    record("index.counts", report["images_indexed"] == len(images) and report["texts_indexed"] == len(captions),
           f"images_indexed {report['images_indexed']} (want {len(images)}), texts_indexed {report['texts_indexed']} (want {len(captions)})")
    skipped_text = " | ".join(f"{s['item']}: {s['reason']}" for s in report["skipped"])
    wanted = {"truncated.jpg": "truncated JPEG", "not-an-image.jpg": "text file named .jpg",
              "missing.jpg": "caption of a missing image"}
    missing = [f"{what} ({name})" for name, what in wanted.items() if name not in skipped_text]
    empty_listed = any("captions.txt:" in s["item"] and "empty" in s["reason"].lower() for s in report["skipped"])
    if not empty_listed:
        missing.append("empty caption")
    record("index.skipped", not missing, f"{len(report['skipped'])} skipped entries; not listed: {missing or 'none'}")
    info_clean, _, _ = cli.json_last("info", "--workspace", clean, "--json")
    record("index.info", info_clean.get("images") == len(images) and info_clean.get("texts") == len(captions),
           f"info {info_clean}")

    # Reference neighbours.
    image_ids = list(images)
    caption_ids = list(captions)
    ref_img = ref.images([images[i] for i in image_ids])
    ref_txt = ref.texts([captions[c] for c in caption_ids])
    src_images = shared / "data/flickr8k-1k/images"
    text_queries = [captions[caption_ids[0]], captions[caption_ids[333]], "a dog running on the beach",
                    "two children playing in the snow", "A DOG", "", "café naïve résumé"]
    image_queries = [images[image_ids[0]], images[image_ids[57]], images[image_ids[-1]],
                     src_images / spare, shared / "reference/images/synthetic-rgba.png",
                     shared / "reference/images/synthetic-gray.jpg"]
    queries = [("text", t) for t in text_queries if t.strip()] + [("image", p) for p in image_queries]
    results = run_searches(cli, clean, queries)
    all_ok = True
    worst_score, swaps = 0.0, 0
    for (kind, value), res in zip(queries, results):
        if kind == "text":
            q = ref.texts([value])[0]
            ref_scores = dict(zip(image_ids, (ref_img @ q).tolist()))
        else:
            q = ref.images([value])[0]
            ref_scores = dict(zip(caption_ids, (ref_txt @ q).tolist()))
        problems = near_tie_order_ok(res["matches"], ref_scores, 10)
        worst_score = max([worst_score] + [abs(m["score"] - ref_scores[m["id"]]) for m in res["matches"] if m["id"] in ref_scores])
        ref_order = sorted(ref_scores, key=lambda i: -ref_scores[i])
        swaps += sum(1 for pos, m in enumerate(res["matches"]) if m["id"] != ref_order[pos])
        for m in res["matches"]:
            if kind == "text" and not str(m.get("uri", "")).endswith(images.get(m["id"], pathlib.Path("?")).name):
                problems.append(f"{m['id']} uri {m.get('uri')} is not {images.get(m['id'])}")
            if kind == "image" and m.get("text") != captions.get(m["id"]):
                problems.append(f"{m['id']} text {m.get('text')!r} is not {captions.get(m['id'])!r}")
        label = value if kind == "text" else pathlib.Path(value).name
        ok = record(f"index.search.{kind}", not problems,
                    f"{label!r}: top-10 {'matches reference' if not problems else '; '.join(problems[:4])}"
                    f" (top score {res['matches'][0]['score']:.6f})" if res["matches"] else f"{label!r}: no matches")
        all_ok &= ok

    log(f"largest |CLI score - reference cosine| over all returned matches: {worst_score:.2e}; "
        f"{swaps} positions differ from the reference's exact order (near-tie swaps)")

    # A re-run on the finished workspace adds nothing.
    again, wall, _ = cli.json_last(*index_cmd(clean))
    record("index.rerun_adds_nothing", again["images_indexed"] == 0 and again["texts_indexed"] == 0,
           f"re-run: images_indexed {again['images_indexed']}, texts_indexed {again['texts_indexed']}, "
           f"already_indexed {again.get('already_indexed')}, {wall:.1f} s")

    # kill -9 during indexing, then re-run the same command. Twice: with the default checkpoints
    # (at this size nothing is committed before the end), and committing after every batch so that
    # the kill lands on a half-written workspace.
    def counts(info):
        return {k: info.get(k) for k in ("images", "texts", "model", "dim")}

    for label, extra in (("default", []), ("checkpoint-every-batch", ["--checkpoint-seconds", 0])):
        killed = work / f"ws-killed-{label}"
        shutil.rmtree(killed, ignore_errors=True)
        cmd = index_cmd(killed) + extra
        landed = []
        for fraction in (0.1, 0.6, 0.3, 0.05):
            # Kill once the CLI's progress bar on stderr shows this fraction of the documents done
            # (timings vary too much on a shared box to kill after a fixed delay).
            proc = subprocess.Popen([cli.exe, *map(str, cmd)], cwd=cli.repo, stdout=subprocess.DEVNULL,
                                    stderr=subprocess.PIPE, start_new_session=True)
            seen = bytearray()
            reader = threading.Thread(target=lambda: [seen.extend(chunk) for chunk in iter(lambda: proc.stderr.read1(4096), b"")],
                                      daemon=True)
            reader.start()
            deadline = time.monotonic() + 300
            progress = (0, 1)
            while proc.poll() is None and time.monotonic() < deadline:
                bars = PROGRESS.findall(bytes(seen))
                if bars:
                    progress = tuple(map(int, bars[-1]))
                    if progress[0] >= fraction * progress[1]:
                        break
                time.sleep(0.01)
            alive = proc.poll() is None and progress[0] < progress[1]
            if proc.poll() is None:
                os.kill(proc.pid, signal.SIGKILL)
            proc.wait()
            reader.join(5)
            state = counts(cli.json_last("info", "--workspace", killed, "--json")[0]) if (killed / "manifest.json").exists() else None
            log(f"[{label}] kill -9 at {progress[0]}/{progress[1]} documents: "
                f"{'killed mid-job' if alive else 'too late, it had finished'}; workspace then: {state}")
            if alive:
                landed.append(state)
            elif not landed:
                shutil.rmtree(killed, ignore_errors=True)   # start again from nothing, with another fraction
            else:
                break                                        # the resumed run finished before the kill
            if len(landed) == 2:
                break
        resumed, wall, _ = cli.json_last(*cmd)
        log(f"[{label}] re-run after the kills: {wall:.1f} s; images_indexed={resumed['images_indexed']} "
            f"texts_indexed={resumed['texts_indexed']} already_indexed={resumed.get('already_indexed')}")
        info_killed, _, _ = cli.json_last("info", "--workspace", killed, "--json")
        partial = any(st and 0 < (st["images"] or 0) + (st["texts"] or 0) < len(images) + len(captions) for st in landed)
        record(f"index.kill9.{label}.landed", bool(landed),
               f"{len(landed)} kill(s) landed mid-job; a half-committed workspace {'was' if partial else 'was not'} seen")
        record(f"index.kill9.{label}.info", counts(info_killed) == counts(info_clean),
               f"after kill -9 + re-run {counts(info_killed)}; clean run {counts(info_clean)}")
        results_killed = run_searches(cli, killed, queries)
        diffs = [v for (k, v), a, b in zip(queries, results, results_killed) if a["matches"] != b["matches"]]
        record(f"index.kill9.{label}.search", not diffs,
               f"{len(queries) - len(diffs)}/{len(queries)} searches identical (ids, order, scores) to the clean workspace" +
               (f"; differ: {[str(d)[-40:] for d in diffs]}" if diffs else ""))


# --------------------------------------------------------------------------------------------
# eval: issue 6


def metrics_from_ranks(ranks):
    ranks = np.asarray(ranks, dtype=np.float64)
    return {"R@1": 100.0 * np.mean(ranks <= 1), "R@5": 100.0 * np.mean(ranks <= 5), "R@10": 100.0 * np.mean(ranks <= 10),
            "MedR": float(np.median(ranks)), "MRR": float(np.mean(1.0 / ranks))}


def first_positive_ranks(sim, positive, eps):
    """Rank of each row's best positive; eps > 0: as good as near-ties allow, eps < 0: as bad."""
    best_pos = np.where(positive, sim, -np.inf).max(axis=1, keepdims=True)
    better = (sim > best_pos + eps) & ~positive
    return 1 + better.sum(axis=1)


def check_eval(cli, ref, shared, work):
    data = shared / "data/flickr8k-1k"
    _, rows = read_captions(data / "captions.txt")
    order, image_of = [], []
    for name, _ in rows:
        if name not in order:
            order.append(name)
    index = {n: i for i, n in enumerate(order)}
    image_of = np.array([index[n] for n, _ in rows])
    t0 = time.monotonic()
    ref_img = ref.images([data / "images" / n for n in order])
    ref_txt = ref.texts([c for _, c in rows])
    log(f"reference embeddings of {len(order)} images and {len(rows)} captions: {time.monotonic() - t0:.1f} s")
    sim_t2i = ref_txt @ ref_img.T
    pos_t2i = np.zeros_like(sim_t2i, dtype=bool)
    pos_t2i[np.arange(len(rows)), image_of] = True
    sim_i2t = sim_t2i.T
    pos_i2t = pos_t2i.T
    ref_metrics, ambiguous = {}, {}
    for name, sim, pos in (("text_to_image", sim_t2i, pos_t2i), ("image_to_text", sim_i2t, pos_i2t)):
        ranks = {tag: first_positive_ranks(sim, pos, eps) for tag, eps in (("exact", 0.0), ("best", TIE), ("worst", -TIE))}
        ref_metrics[name] = {tag: metrics_from_ranks(r) for tag, r in ranks.items()}
        for eps in (1e-6, 1e-7):   # tighter tie widths, only to report how close the CLI is
            ref_metrics[name][f"best{eps:g}"] = metrics_from_ranks(first_positive_ranks(sim, pos, eps))
            ref_metrics[name][f"worst{eps:g}"] = metrics_from_ranks(first_positive_ranks(sim, pos, -eps))
        ambiguous[name] = int(np.sum(ranks["best"] != ranks["worst"]))
    out, wall, _ = cli.json_last("eval", "--data", data, "--format", "flickr8k", "--model", "clip",
                                 "--model-dir", shared / "reference/clip-tiny-hf", "--json")
    log(f"eval wall time {wall:.1f} s; CLI: {json.dumps(out)}")
    record("eval.counts", out.get("images") == len(order) and out.get("texts") == len(rows),
           f"images {out.get('images')} (want {len(order)}), texts {out.get('texts')} (want {len(rows)})")
    for name in ("text_to_image", "image_to_text"):
        got = out[name]
        exact, best, worst = (ref_metrics[name][t] for t in ("exact", "best", "worst"))
        def outside(b, w):
            out = []
            for key in ("R@1", "R@5", "R@10", "MedR", "MRR"):
                lo, hi = sorted((b[key], w[key]))
                if not (lo - 1e-12 <= got[key] <= hi + 1e-12):
                    out.append(f"{key} {got[key]} outside reference [{lo}, {hi}] (exact {exact[key]})")
            return out

        problems = outside(best, worst)
        tightest = TIE
        for eps in (1e-6, 1e-7):
            if not problems and not outside(ref_metrics[name][f"best{eps:g}"], ref_metrics[name][f"worst{eps:g}"]):
                tightest = eps
        record(f"eval.{name}", not problems,
               f"CLI {fmt(got)}; reference {fmt(exact)}; {ambiguous[name]} queries have a near-tie (< {TIE}) at their "
               f"positive's rank; the CLI is within the reference's bounds for ties as narrow as {tightest:g}"
               + (f"; {'; '.join(problems)}" if problems else ""))
    return {"cli": out, "reference": {k: v["exact"] for k, v in ref_metrics.items()}, "wall_s": wall}


def fmt(m):
    return ", ".join(f"{k} {m[k]:.9f}" if k == "MRR" else f"{k} {m[k]:g}" for k in ("R@1", "R@5", "R@10", "MedR", "MRR"))


# --------------------------------------------------------------------------------------------


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=pathlib.Path, required=True, help="the product owner's shared folder")
    parser.add_argument("--repo", type=pathlib.Path, default=TOOLS.parent, help="the crossmodal checkout (default: this one)")
    parser.add_argument("--work", type=pathlib.Path, default=pathlib.Path("/tmp/crossmodal-refcheck"),
                        help="scratch folder for datasets, workspaces and pixel dumps")
    parser.add_argument("--checks", default="sanity,embed,index,eval", help="comma-separated subset of sanity,embed,index,eval")
    parser.add_argument("--images", type=int, default=120, help="photos in the issue-2 dataset (default 120)")
    parser.add_argument("--report", type=pathlib.Path, help="also write the results as JSON here")
    args = parser.parse_args()
    checks = set(args.checks.split(","))
    args.work.mkdir(parents=True, exist_ok=True)
    cli = Cli(args.repo.resolve())
    cli.run("--version")  # builds the CLI first if its sources changed, so that no timing includes a build
    ref = Reference(args.shared)
    extra = {}
    if "sanity" in checks:
        check_sanity(ref, args.shared)
    if "embed" in checks:
        check_embed(cli, args.shared, args.work)
    if "index" in checks:
        check_index(cli, ref, args.shared, args.work, args.images)
    if "eval" in checks:
        extra["eval"] = check_eval(cli, ref, args.shared, args.work)
    failed = [r for r in RESULTS if not r["ok"]]
    print(f"\n{len(RESULTS) - len(failed)} passed, {len(failed)} failed")
    if args.report:
        args.report.write_text(json.dumps({"results": RESULTS, **extra}, indent=1, default=str))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
