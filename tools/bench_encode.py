#!/usr/bin/env python3
"""Encoding throughput of `./crossmodal bench encode` beside the Python peers, on one model and one set of photos.

Runs, interleaved for several rounds on the same ViT-B/32-sized CLIP and the same JPEG photos and captions:

  java      `./crossmodal bench encode` (JPEG files to normalised vectors through the indexing pipeline)
  ort       onnxruntime's Python InferenceSession on the same ONNX files, with transformers'
            CLIPImageProcessor / CLIPTokenizer for pre-processing (the usual Python route)
  torch     transformers' CLIPModel in PyTorch, same weights, same pre-processing

and prints images/s and texts/s of each, best and median over the rounds, plus one JSON line.
Every peer goes from JPEG files to embeddings in batches of --batch-size, sorted captions padded to
the longest in their batch.

The model: a random-weight transformers CLIPModel with CLIPConfig's default shapes, which are
ViT-B/32's (vision width 768, 12 layers, patch 32; text width 512, 12 layers; embedding 512),
saved with save_pretrained (for torch) and exported to the Hugging Face ONNX layout
(onnx/vision_model.onnx, onnx/text_model.onnx, vocab.json, merges.txt, preprocessor_config.json,
config.json) that `--model clip --model-dir` reads. It is made once in --model-dir (about 1 GB)
and reused. Random weights cost exactly what trained ones do.

Needs Python packages onnxruntime, transformers, torch, pillow and numpy, never a dependency of
the project: install them in a virtual environment outside the repository, from the package index
pip is configured with, e.g.

  python3 -m venv /work/venvs/bench && /work/venvs/bench/bin/pip install onnxruntime transformers torch pillow numpy
  /work/venvs/bench/bin/python tools/bench_encode.py --data /work/shared/data/flickr8k-1k --limit 128 --rounds 3

The data folder is in the Kaggle Flickr8k layout (images/ and captions.txt).
"""

import argparse
import csv
import gzip
import json
import os
import pathlib
import statistics
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
BPE = ROOT / "encoders-clip/src/main/resources/dev/crossmodal/clip/bpe_simple_vocab_16e6.txt.gz"
# Captions `bench encode` hands the Java text encoder at once, in model batches (TEXT_GROUP_BATCHES
# in BenchEncodeCommand); the Python peers group theirs the same way.
TEXT_GROUP_BATCHES = 8
CLIP_MEAN = [0.48145466, 0.4578275, 0.40821073]
CLIP_STD = [0.26862954, 0.26130258, 0.27577711]


# ------------------------------------------------------------------------------------------------
# The model


def bytes_to_unicode():
    """openai/CLIP's reversible byte -> printable character table, the base of its vocabulary."""
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(range(ord("®"), ord("ÿ") + 1))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return dict(zip(bs, map(chr, cs)))


def write_tokenizer(out):
    """vocab.json and merges.txt of openai/CLIP's 49408-token BPE, built from the bundled merges file."""
    merges = gzip.open(BPE).read().decode("utf-8").split("\n")[1 : 49152 - 256 - 2 + 1]
    merges = [tuple(m.split()) for m in merges]
    vocab = list(bytes_to_unicode().values())
    vocab = vocab + [v + "</w>" for v in vocab] + ["".join(m) for m in merges] + ["<|startoftext|>", "<|endoftext|>"]
    (out / "vocab.json").write_text(json.dumps({t: i for i, t in enumerate(vocab)}, ensure_ascii=False), encoding="utf-8")
    with open(out / "merges.txt", "w", encoding="utf-8", newline="\n") as f:
        f.write("#version: 0.2\n")
        for a, b in merges:
            f.write(f"{a} {b}\n")


def make_model(out):
    """A random ViT-B/32-sized CLIP: transformers weights for torch, the HF ONNX layout for ONNX Runtime and Java."""
    import torch
    from transformers import CLIPConfig, CLIPModel

    out.mkdir(parents=True, exist_ok=True)
    torch.manual_seed(0)
    config = CLIPConfig()  # its defaults are ViT-B/32's shapes
    config.text_config.bos_token_id, config.text_config.eos_token_id = 49406, 49407
    config.text_config.pad_token_id = 49407
    model = CLIPModel(config).eval()
    model.save_pretrained(out)
    write_tokenizer(out)
    preprocessor = {
        "crop_size": {"height": 224, "width": 224}, "do_center_crop": True, "do_normalize": True,
        "do_resize": True, "do_rescale": True, "rescale_factor": 1 / 255, "image_mean": CLIP_MEAN,
        "image_std": CLIP_STD, "resample": 3, "size": {"shortest_edge": 224}, "do_convert_rgb": True,
        "image_processor_type": "CLIPImageProcessor",
    }
    (out / "preprocessor_config.json").write_text(json.dumps(preprocessor, indent=2) + "\n")

    class Vision(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.m = model

        def forward(self, pixel_values):
            out = self.m.vision_model(pixel_values=pixel_values)
            return self.m.visual_projection(out.pooler_output), out.last_hidden_state

    class Text(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.m = model

        def forward(self, input_ids, attention_mask):
            out = self.m.text_model(input_ids=input_ids, attention_mask=attention_mask)
            return self.m.text_projection(out.pooler_output), out.last_hidden_state

    (out / "onnx").mkdir(exist_ok=True)
    ids = torch.tensor([[49406, 320, 1929, 49407]] * 2)
    with torch.no_grad():
        torch.onnx.export(
            Vision().eval(), (torch.zeros(2, 3, 224, 224),), str(out / "onnx/vision_model.onnx"),
            input_names=["pixel_values"], output_names=["image_embeds", "last_hidden_state"],
            dynamic_axes={"pixel_values": {0: "batch_size"}, "image_embeds": {0: "batch_size"},
                          "last_hidden_state": {0: "batch_size"}},
            opset_version=17, do_constant_folding=True, dynamo=False)
        torch.onnx.export(
            Text().eval(), (ids, torch.ones_like(ids)), str(out / "onnx/text_model.onnx"),
            input_names=["input_ids", "attention_mask"], output_names=["text_embeds", "last_hidden_state"],
            dynamic_axes={"input_ids": {0: "batch_size", 1: "sequence_length"},
                          "attention_mask": {0: "batch_size", 1: "sequence_length"},
                          "text_embeds": {0: "batch_size"},
                          "last_hidden_state": {0: "batch_size", 1: "sequence_length"}},
            opset_version=17, do_constant_folding=True, dynamo=False)
    print(f"wrote a random ViT-B/32-sized CLIP to {out}", file=sys.stderr)


# ------------------------------------------------------------------------------------------------
# The data


def read_data(data, limit):
    """The first `limit` photos of a Kaggle-layout Flickr8k folder and all their captions."""
    photos, captions = [], []
    with open(data / "captions.txt", encoding="utf-8") as f:
        rows = csv.reader(f)
        next(rows)
        for name, caption in rows:
            path = data / "images" / name
            if not photos or photos[-1] != path:
                if len(photos) == limit:
                    break
                photos.append(path)
            captions.append(caption.strip())
    return photos, captions


# ------------------------------------------------------------------------------------------------
# The Python peers


def batches(items, size):
    for i in range(0, len(items), size):
        yield items[i : i + size]


def python_rates(peer, model_dir, photos, captions, batch_size, threads):
    """images/s and texts/s of one Python peer, from JPEG files and caption strings to embeddings."""
    import numpy as np
    from PIL import Image
    from transformers import CLIPTokenizer

    try:  # transformers 5 names the PIL processor apart from the torchvision one
        from transformers import CLIPImageProcessorPil as CLIPImageProcessor
    except ImportError:
        from transformers import CLIPImageProcessor

    processor = CLIPImageProcessor.from_pretrained(model_dir)
    tokenizer = CLIPTokenizer.from_pretrained(model_dir)
    if peer == "ort":
        import onnxruntime as ort

        options = ort.SessionOptions()
        if threads:
            options.intra_op_num_threads = threads
        vision = ort.InferenceSession(str(model_dir / "onnx/vision_model.onnx"), options, providers=["CPUExecutionProvider"])
        text = ort.InferenceSession(str(model_dir / "onnx/text_model.onnx"), options, providers=["CPUExecutionProvider"])

        def encode_images(pixels):
            return vision.run(["image_embeds"], {"pixel_values": pixels})[0]

        def encode_texts(tokens):
            return text.run(["text_embeds"], {"input_ids": tokens["input_ids"], "attention_mask": tokens["attention_mask"]})[0]

        tensors = "np"
    else:
        import torch
        from transformers import CLIPModel

        if threads:
            torch.set_num_threads(threads)
        model = CLIPModel.from_pretrained(model_dir).eval()

        def encode_images(pixels):
            with torch.inference_mode():
                return model.get_image_features(pixel_values=pixels)

        def encode_texts(tokens):
            with torch.inference_mode():
                return model.get_text_features(**tokens)

        tensors = "pt"

    def images_pass(files):
        for batch in batches(files, batch_size):
            pictures = [Image.open(p).convert("RGB") for p in batch]
            encode_images(processor(images=pictures, return_tensors=tensors)["pixel_values"])

    def texts_pass(texts):
        # Tokenised once, then in groups of TEXT_GROUP_BATCHES batches, as `bench encode` hands
        # them to the Java encoder: each group sorted by length, cut into batches padded to their
        # longest. (Sorting all captions at once would pad less than the Java side does.)
        ids = tokenizer(texts, truncation=True, max_length=77)["input_ids"]
        group = TEXT_GROUP_BATCHES * batch_size
        order = []
        for start in range(0, len(ids), group):
            order += sorted(range(start, min(start + group, len(ids))), key=lambda i: len(ids[i]))
        for batch in batches(order, batch_size):
            length = max(len(ids[i]) for i in batch)
            input_ids = np.zeros((len(batch), length), dtype=np.int64)
            mask = np.zeros((len(batch), length), dtype=np.int64)
            for row, i in enumerate(batch):
                input_ids[row, : len(ids[i])] = ids[i]
                mask[row, : len(ids[i])] = 1
            if tensors == "pt":
                input_ids, mask = torch.from_numpy(input_ids), torch.from_numpy(mask)
            encode_texts({"input_ids": input_ids, "attention_mask": mask})

    # Warm-up with one full batch, as the Java bench does: first calls allocate and optimise.
    images_pass(photos[:batch_size])
    texts_pass(captions[:batch_size])
    start = time.perf_counter()
    images_pass(photos)
    images_per_s = len(photos) / (time.perf_counter() - start)
    start = time.perf_counter()
    texts_pass(captions)
    texts_per_s = len(captions) / (time.perf_counter() - start)
    return images_per_s, texts_per_s


def java_rates(model_dir, data, limit, batch_size, threads):
    command = [str(ROOT / "crossmodal"), "bench", "encode", "--model", "clip", "--model-dir", str(model_dir),
               "--data", str(data), "--format", "flickr8k", "--limit", str(limit), "--batch-size", str(batch_size),
               "--pipeline-only", "--json"]
    if threads:
        command += ["--threads", str(threads)]
    run = subprocess.run(command, capture_output=True, text=True, check=False)
    if run.returncode != 0:
        sys.exit(f"{' '.join(command)} failed:\n{run.stderr}")
    result = json.loads(run.stdout.strip().splitlines()[-1])
    return result["images_per_s"], result["texts_per_s"]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=pathlib.Path, required=True, help="Kaggle-layout Flickr8k folder")
    parser.add_argument("--model-dir", type=pathlib.Path, default=pathlib.Path("/tmp/crossmodal-clip-vit-b32-random"),
                        help="where the random ViT-B/32 is made once and reused")
    parser.add_argument("--limit", type=int, default=128, help="photos per measurement (and all their captions)")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds of all peers")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--threads", type=int, default=0, help="inference threads for every peer; 0: each one's default")
    parser.add_argument("--peers", default="java,ort,torch", help="comma-separated subset of java,ort,torch")
    args = parser.parse_args()

    if not (args.model_dir / "onnx/vision_model.onnx").exists():
        make_model(args.model_dir)
    photos, captions = read_data(args.data, args.limit)
    print(f"{len(photos)} photos, {len(captions)} captions, batch {args.batch_size}, threads "
          f"{args.threads or 'default'}, {args.rounds} rounds, load {os.getloadavg()[0]:.1f}", file=sys.stderr)
    peers = args.peers.split(",")
    results = {p: {"images_per_s": [], "texts_per_s": []} for p in peers}
    for r in range(args.rounds):
        for peer in peers:
            if peer == "java":
                images, texts = java_rates(args.model_dir, args.data, args.limit, args.batch_size, args.threads)
            else:
                images, texts = python_rates(peer, args.model_dir, photos, captions, args.batch_size, args.threads)
            results[peer]["images_per_s"].append(round(images, 2))
            results[peer]["texts_per_s"].append(round(texts, 2))
            print(f"round {r + 1} {peer:5s} {images:7.2f} images/s {texts:8.2f} texts/s", file=sys.stderr)
    summary = {}
    print(f"\n{'peer':6s} {'images/s best':>14s} {'median':>8s} {'texts/s best':>13s} {'median':>8s}", file=sys.stderr)
    for peer, r in results.items():
        summary[peer] = {
            "images_per_s_best": max(r["images_per_s"]), "images_per_s_median": statistics.median(r["images_per_s"]),
            "texts_per_s_best": max(r["texts_per_s"]), "texts_per_s_median": statistics.median(r["texts_per_s"]),
            "rounds": r,
        }
        s = summary[peer]
        print(f"{peer:6s} {s['images_per_s_best']:14.2f} {s['images_per_s_median']:8.2f} "
              f"{s['texts_per_s_best']:13.2f} {s['texts_per_s_median']:8.2f}", file=sys.stderr)
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
