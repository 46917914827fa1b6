#!/usr/bin/env python3
"""Makes encoders-clip's own small SigLIP and Chinese-CLIP fixtures with transformers and torch.

    python3 -m venv /work/venvs/families
    /work/venvs/families/bin/pip install torch transformers sentencepiece protobuf onnx onnxruntime tokenizers pillow
    /work/venvs/families/bin/python tools/make_family_fixtures.py \
        encoders-clip/src/test/resources/dev/crossmodal/clip/families-own

Unlike the product owner's reference-families set (which tools/copy_family_fixtures.py copies), these
use other sizes and other spellings of the same pipelines, so that the Java port is shown to follow
the files rather than one set of them:
- SigLIP: text length 16 (not 64), image 32x32, patch 8; a SentencePiece unigram model trained here
  on generated sentences; tokenizer.json built as transformers' converter builds it but with one
  Replace normaliser per punctuation character, and `<pad>` among the added tokens.
- Chinese-CLIP: a BERT vocabulary trained here in bert-base-chinese's layout; images 40x40 with the
  image processor's class default (shortest edge 40, then centre crop 40) instead of the published
  squash, so the crop path and transformers' floored crop offset are exercised (odd-margin-43x40.png
  has a crop margin of 3); only the single model.onnx (both towers), as published.
Weights are random (drawn wider than the default so that every token and pixel matters). The
expected values come from transformers' tokenizers and image processors (PIL backend) and from the
torch models; the script checks onnxruntime against torch and the tokenizer.json against the slow
tokenizer before writing expected.json. Python is never needed at build or run time.
"""
import json
import pathlib
import random
import string
import sys

import numpy as np
import torch
from PIL import Image

OUT = pathlib.Path(sys.argv[1])
SEED = 7
random.seed(SEED)
torch.manual_seed(SEED)
np.random.seed(SEED)

WORDS = ("dog cat man woman child children ball grass water beach street city bike car red blue green "
         "yellow black white small big running jumping sitting playing riding holding wearing shirt hat "
         "snow mountain river tree park field crowd people two three four near under over with and the "
         "a an of on in at is are photo picture").split()
ZH = "一个男人女人孩子狗猫在草地上跑跳玩水海滩街道城市骑自行车红色蓝色绿色的和两只三个小大白黑穿着帽子雪山河树公园"


def corpus(n=3000):
    out = []
    for _ in range(n):
        k = random.randint(3, 12)
        s = " ".join(random.choice(WORDS) for _ in range(k))
        if random.random() < 0.3:
            s = s.capitalize() + random.choice([".", "!", "?", ",", ""])
        out.append(s)
        out.append("".join(random.choice(ZH) for _ in range(random.randint(3, 14))))
    return out


TEXTS = [
    ("english", "A dog runs across the grass."),
    ("english", "Two children, playing in the snow!"),
    ("english", "a man riding a red bike near the river"),
    ("chinese", "一个男人在海滩上跑"),
    ("chinese", "两只狗在公园里玩"),
    ("mixed", "一只dog在草地上 running"),
    ("empty", ""),
    ("whitespace", "  \t\n "),
    ("punctuation-only", "?!... ,,,"),
    ("long-english", " ".join(["the small dog is running over the green field"] * 8)),
    ("long-chinese", "一个孩子在公园里骑自行车" * 8),
    ("fullwidth", "ＡＢＣ　ｄｏｇ！"),
    ("accents", "Café crème brûlée"),
    ("invisible", "dog\u200bcat\u00adhat\ufeff"),
    ("unknown-script", "Привет κόσμε"),
    ("underscore-metaspace", "dog\u2581cat _ - /"),
    ("digits", "3 dogs and 42 cats 2024"),
    ("hangul-kana", "개 いぬ イヌ"),
]


def images():
    dst = OUT / "images"
    dst.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(SEED)
    made = []

    def save(name, img, **kw):
        img.save(dst / name, **kw)
        made.append(name)

    y, x = np.mgrid[0:31, 0:57]
    rgb = np.stack([x * 4, y * 8, (x + y) * 3], -1).astype(np.uint8)
    save("gradient-57x31.png", Image.fromarray(rgb))
    save("noise-45x20.jpg", Image.fromarray(rng.integers(0, 256, (20, 45, 3), dtype=np.uint8)), quality=90)
    save("grey-23x50.png", Image.fromarray(rng.integers(0, 256, (50, 23), dtype=np.uint8), "L"))
    rgba = rng.integers(0, 256, (33, 29, 4), dtype=np.uint8)
    rgba[:10, :, 3] = 0
    save("rgba-29x33.png", Image.fromarray(rgba, "RGBA"))
    save("palette-41x17.png", Image.fromarray(rgb[:17, :41]).convert("P", palette=Image.ADAPTIVE, colors=16))
    save("single-1x1.png", Image.new("RGB", (1, 1), (200, 30, 90)))
    # Shortest edge 40 leaves a margin of 3 (43 - 40): transformers floors the offset to 1 where
    # torchvision would round 1.5 to 2.
    save("odd-margin-43x40.png", Image.fromarray(rng.integers(0, 256, (40, 43, 3), dtype=np.uint8)))
    save("large-300x200.jpg", Image.fromarray(rng.integers(0, 256, (200, 300, 3), dtype=np.uint8)).resize((300, 200)), quality=85)
    return made


def widen(model):
    # The export wrappers below reach the model through a closure: frozen weights become constants.
    model.requires_grad_(False)
    with torch.no_grad():
        for name, p in model.named_parameters():
            if "layer_norm" in name or "layernorm" in name or "LayerNorm" in name or name.endswith("norm.weight"):
                if name.endswith("weight"):
                    p.copy_(1 + 0.2 * torch.randn_like(p))
                else:
                    p.copy_(0.2 * torch.randn_like(p))
            elif "logit" in name:
                continue
            else:
                p.copy_(0.25 * torch.randn_like(p))


def pixel_record(t):
    flat = t.reshape(-1).numpy().astype(np.float64)
    return {"shape": list(t.shape), "mean": float(flat.mean()),
            "index": list(range(flat.size)), "value": [round(float(v), 6) for v in flat]}


def unit(v):
    v = v.detach().double()
    return (v / v.norm()).tolist()


def export(module, args, path, inputs, outputs, axes):
    path.parent.mkdir(parents=True, exist_ok=True)
    torch.onnx.export(module, args, str(path), input_names=inputs, output_names=outputs,
                      dynamic_axes=axes, opset_version=14, dynamo=False)


def check_onnx(path, feeds, output, expected):
    import onnxruntime as ort
    sess = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    got = sess.run([output], feeds)[0]
    exp = expected.detach().numpy()
    cos = (got * exp).sum(-1) / np.linalg.norm(got, axis=-1) / np.linalg.norm(exp, axis=-1)
    assert cos.min() > 0.999999, (path, output, cos.min())
    return float(cos.min())


def siglip(texts, image_files):
    import sentencepiece as spm
    from tokenizers import AddedToken, Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers, processors
    from transformers import SiglipConfig, SiglipImageProcessorPil, SiglipModel, SiglipTokenizer

    d = OUT / "siglip-small"
    d.mkdir(parents=True, exist_ok=True)
    length = 16
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(corpus()), model_prefix=str(d / "spiece"), vocab_size=400, model_type="unigram",
        pad_id=0, eos_id=1, unk_id=2, bos_id=-1, pad_piece="<pad>", eos_piece="</s>", unk_piece="<unk>",
        normalization_rule_name="nmt_nfkc", character_coverage=1.0, minloglevel=2)
    (d / "spiece.vocab").unlink()
    sp = spm.SentencePieceProcessor(model_file=str(d / "spiece.model"))
    try:
        from sentencepiece import sentencepiece_model_pb2 as pb
    except ImportError:
        from transformers.utils import sentencepiece_model_pb2_new as pb
    proto = pb.ModelProto()
    proto.ParseFromString((d / "spiece.model").read_bytes())
    vocab = [(sp.id_to_piece(i), sp.get_score(i)) for i in range(sp.get_piece_size())]
    tok = Tokenizer(models.Unigram(vocab, unk_id=2, byte_fallback=False))
    tok.normalizer = normalizers.Sequence(
        [normalizers.Replace("\u2581", " "), normalizers.Lowercase()]
        + [normalizers.Replace(c, "") for c in string.punctuation]
        + [normalizers.Replace(Regex(r"\s+"), " "), normalizers.Strip(),
           normalizers.Precompiled(proto.normalizer_spec.precompiled_charsmap),
           normalizers.Replace(Regex(" {2,}"), " ")])
    tok.pre_tokenizer = pre_tokenizers.Metaspace(replacement="\u2581", prepend_scheme="always")
    tok.decoder = decoders.Metaspace(replacement="\u2581", prepend_scheme="always")
    tok.post_processor = processors.TemplateProcessing(single="$A </s>", pair="$A </s> $B </s>", special_tokens=[("</s>", 1)])
    tok.add_special_tokens([AddedToken("<pad>", special=True), AddedToken("</s>", special=True), AddedToken("<unk>", special=True)])
    tok.save(str(d / "tokenizer.json"))
    slow = SiglipTokenizer(vocab_file=str(d / "spiece.model"), model_max_length=length)
    slow.save_pretrained(str(d))
    for extra in ("added_tokens.json",):
        if (d / extra).exists():
            (d / extra).unlink()
    tcfg = json.loads((d / "tokenizer_config.json").read_text())
    tcfg["model_input_names"] = ["input_ids"]
    (d / "tokenizer_config.json").write_text(json.dumps(tcfg, indent=2, ensure_ascii=False))
    # The expected ids are the slow (sentencepiece) tokenizer's, which SiglipProcessor feeds. A
    # tokenizer.json built as transformers' converter builds it lacks SentencePiece's final strip of
    # whitespace the charsmap makes at the ends (e.g. a trailing U+FEFF), so the two can differ there;
    # the Java port must give the slow tokenizer's ids. Report where they differ.
    fast = Tokenizer.from_file(str(d / "tokenizer.json"))
    for s in corpus(300) + [t for _, t in texts]:
        a = slow(s)["input_ids"]
        b = fast.encode(s).ids
        if a != b:
            print(f"siglip: tokenizer.json differs from SiglipTokenizer on {s!r}: {b} vs {a}")

    cfg = SiglipConfig(
        text_config=dict(vocab_size=sp.get_piece_size(), hidden_size=32, intermediate_size=64, num_hidden_layers=2,
                         num_attention_heads=2, max_position_embeddings=length, pad_token_id=1, eos_token_id=1,
                         projection_size=32),
        vision_config=dict(hidden_size=32, intermediate_size=64, num_hidden_layers=2, num_attention_heads=2,
                           image_size=32, patch_size=8))
    model = SiglipModel(cfg).eval()
    widen(model)
    with torch.no_grad():
        model.logit_scale.fill_(2.3)
        model.logit_bias.fill_(-3.1)
    model.config.save_pretrained(str(d))
    proc = SiglipImageProcessorPil(size={"height": 32, "width": 32}, resample=3, image_mean=[0.5] * 3, image_std=[0.5] * 3)
    proc.save_pretrained(str(d))

    class Text(torch.nn.Module):
        def forward(self, input_ids):
            o = model.text_model(input_ids=input_ids)
            return o.last_hidden_state, o.pooler_output

    class Vision(torch.nn.Module):
        def forward(self, pixel_values):
            o = model.vision_model(pixel_values=pixel_values)
            return o.last_hidden_state, o.pooler_output

    class Both(torch.nn.Module):
        def forward(self, input_ids, pixel_values):
            o = model(input_ids=input_ids, pixel_values=pixel_values)
            return o.logits_per_image, o.logits_per_text, o.text_embeds, o.image_embeds

    enc = slow([t for _, t in texts], padding="max_length", max_length=length, truncation=True)
    ids = torch.tensor(enc["input_ids"])
    pix = [proc(Image.open(OUT / "images" / f), return_tensors="pt")["pixel_values"][0] for f in image_files]
    pixels = torch.stack(pix)
    with torch.no_grad():
        t_out = model.text_model(input_ids=ids).pooler_output
        v_out = model.vision_model(pixel_values=pixels).pooler_output
    export(Text(), (ids[:2],), d / "onnx/text_model.onnx", ["input_ids"], ["last_hidden_state", "pooler_output"],
           {"input_ids": {0: "batch_size", 1: "sequence_length"}})
    export(Vision(), (pixels[:2],), d / "onnx/vision_model.onnx", ["pixel_values"], ["last_hidden_state", "pooler_output"],
           {"pixel_values": {0: "batch_size"}})
    export(Both(), (ids[:2], pixels[:2]), d / "onnx/model.onnx", ["input_ids", "pixel_values"],
           ["logits_per_image", "logits_per_text", "text_embeds", "image_embeds"],
           {"input_ids": {0: "text_batch_size", 1: "sequence_length"}, "pixel_values": {0: "image_batch_size"}})
    check_onnx(d / "onnx/text_model.onnx", {"input_ids": ids.numpy()}, "pooler_output", t_out)
    check_onnx(d / "onnx/vision_model.onnx", {"pixel_values": pixels.numpy()}, "pooler_output", v_out)
    (d / "spiece.model").unlink()  # only the checks above need it: the Java side reads tokenizer.json
    return {
        "dir": d.name, "model_type": "siglip", "max_length": length,
        "logit_scale_exp": float(model.logit_scale.exp()), "logit_bias": float(model.logit_bias),
        "texts": [{"kind": k, "text": t, "input_ids": enc["input_ids"][i], "attention_mask": enc["attention_mask"][i],
                   "n_tokens": int(sum(enc["attention_mask"][i])), "embedding": unit(t_out[i])}
                  for i, (k, t) in enumerate(texts)],
        "images": [{"file": f, "pixels": pixel_record(pix[i]), "embedding": unit(v_out[i])} for i, f in enumerate(image_files)],
    }


def chinese_clip(texts, image_files):
    from tokenizers import BertWordPieceTokenizer
    from transformers import ChineseCLIPConfig, ChineseCLIPImageProcessorPil, ChineseCLIPModel
    import transformers
    legacy = transformers.BertTokenizerLegacy

    d = OUT / "chinese-clip-small"
    d.mkdir(parents=True, exist_ok=True)
    length = 52
    trainer = BertWordPieceTokenizer(clean_text=True, handle_chinese_chars=True, strip_accents=None, lowercase=True)
    trainer.train_from_iterator(corpus(), vocab_size=500, special_tokens=[], show_progress=False)
    learned = [t for t, _ in sorted(trainer.get_vocab().items(), key=lambda kv: kv[1])]
    specials = ["[PAD]"] + [f"[unused{i}]" for i in range(1, 100)] + ["[UNK]", "[CLS]", "[SEP]", "[MASK]"]
    vocab = specials + [t for t in learned if t not in specials]
    (d / "vocab.txt").write_text("\n".join(vocab) + "\n", encoding="utf-8")
    # transformers 5's BertTokenizer cannot be built from a vocab.txt alone; the python one
    # (BertTokenizerLegacy, the algorithm of bert-base-chinese's original tokenizer) gives the
    # expected ids and writes tokenizer_config.json, the tokenizers library writes tokenizer.json.
    tok = legacy(vocab_file=str(d / "vocab.txt"), do_lower_case=True, tokenize_chinese_chars=True)
    tok.save_pretrained(str(d))
    fast = BertWordPieceTokenizer(str(d / "vocab.txt"), clean_text=True, handle_chinese_chars=True,
                                  strip_accents=None, lowercase=True)
    fast.save(str(d / "tokenizer.json"))
    for s in corpus(300) + [t for _, t in texts]:
        assert tok(s)["input_ids"] == fast.encode(s).ids, s

    cfg = ChineseCLIPConfig(
        text_config=dict(vocab_size=len(vocab), hidden_size=32, intermediate_size=64, num_hidden_layers=2,
                         num_attention_heads=2, max_position_embeddings=64, pad_token_id=0),
        vision_config=dict(hidden_size=24, intermediate_size=48, num_hidden_layers=2, num_attention_heads=2,
                           image_size=40, patch_size=8),
        projection_dim=16)
    model = ChineseCLIPModel(cfg).eval()
    widen(model)
    model.config.save_pretrained(str(d))
    proc = ChineseCLIPImageProcessorPil(size={"shortest_edge": 40}, crop_size={"height": 40, "width": 40},
                                       do_center_crop=True, resample=3)
    proc.save_pretrained(str(d))

    def text_embeds(input_ids, attention_mask):
        h = model.text_model(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state[:, 0, :]
        return model.text_projection(h)

    def image_embeds(pixel_values):
        return model.visual_projection(model.vision_model(pixel_values=pixel_values).pooler_output)

    class Both(torch.nn.Module):
        def forward(self, input_ids, pixel_values, attention_mask):
            t = text_embeds(input_ids, attention_mask)
            v = image_embeds(pixel_values)
            t = t / t.norm(dim=-1, keepdim=True)
            v = v / v.norm(dim=-1, keepdim=True)
            logits_per_text = model.logit_scale.exp() * t @ v.t()
            return logits_per_text.t(), logits_per_text, t, v

    enc = tok([t for _, t in texts], padding="max_length", max_length=length, truncation=True)
    ids = torch.tensor(enc["input_ids"])
    mask = torch.tensor(enc["attention_mask"])
    pix = [proc(Image.open(OUT / "images" / f), return_tensors="pt")["pixel_values"][0] for f in image_files]
    pixels = torch.stack(pix)
    with torch.no_grad():
        t_out = text_embeds(ids, mask)
        v_out = image_embeds(pixels)
    export(Both(), (ids[:2], pixels[:2], mask[:2]), d / "onnx/model.onnx",
           ["input_ids", "pixel_values", "attention_mask"],
           ["logits_per_image", "logits_per_text", "text_embeds", "image_embeds"],
           {"input_ids": {0: "text_batch_size", 1: "sequence_length"}, "pixel_values": {0: "image_batch_size"},
            "attention_mask": {0: "text_batch_size", 1: "sequence_length"}})
    zeros = np.zeros((1, 3, 40, 40), np.float32)
    check_onnx(d / "onnx/model.onnx", {"input_ids": ids.numpy(), "attention_mask": mask.numpy(), "pixel_values": zeros},
               "text_embeds", t_out)
    return {
        "dir": d.name, "model_type": "chinese_clip", "max_length": length,
        "texts": [{"kind": k, "text": t, "input_ids": enc["input_ids"][i], "attention_mask": enc["attention_mask"][i],
                   "n_tokens": int(sum(enc["attention_mask"][i])), "embedding": unit(t_out[i])}
                  for i, (k, t) in enumerate(texts)],
        "images": [{"file": f, "pixels": pixel_record(pix[i]), "embedding": unit(v_out[i])} for i, f in enumerate(image_files)],
    }


def main():
    import transformers
    files = images()
    families = {"siglip": siglip(TEXTS, files), "chinese-clip": chinese_clip(TEXTS, files)}
    versions = {"torch": torch.__version__, "transformers": transformers.__version__}
    (OUT / "expected.json").write_text(
        json.dumps({"source": "tools/make_family_fixtures.py", "versions": versions, "families": families},
                   ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


if __name__ == "__main__":
    main()
