#!/usr/bin/python3
"""Builds tiny random-weight CLIP fixtures and the outputs openai/CLIP's own pipeline gives for them.

Run with Debian's Python (torch 1.13, torchvision 0.14, PIL 9.4, python3-regex):

    /usr/bin/python3 tools/make_clip_fixtures.py            # test fixtures (committed, < 2 MB)
    /usr/bin/python3 tools/make_clip_fixtures.py --vit-b32 /tmp/clip-vit-b32
                                                            # ViT-B/32-sized model for benchmarks

The model classes below follow openai/CLIP's clip/model.py (ViT image tower, causal text
transformer, text feature at the end-of-text position, projections) and the tokenizer follows
clip/simple_tokenizer.py. Two deliberate differences, both documented in SPEC.md: ftfy is not
applied, and the tiny models pass their head counts explicitly (openai derives them as width // 64,
which is zero for tiny widths).

Test fixtures written under encoders-clip/src/test/resources/dev/crossmodal/clip/fixtures/:
- hf-tiny/: the Hugging Face / Optimum ONNX layout (onnx/text_model.onnx with inputs input_ids and
  attention_mask, dynamic batch and sequence axes, output text_embeds; onnx/vision_model.onnx with
  input pixel_values, output image_embeds), with a *reduced* BPE (the first MINI_MERGES merges of
  openai's file, so that the token embedding stays small) as vocab.json + merges.txt and as
  tokenizer.json, a preprocessor_config.json with non-CLIP mean/std (so that a port which ignores
  the file fails), and config.json.
- openai-tiny-jit.pt: a TorchScript archive with openai's method names encode_image and
  encode_text (full 49,408-token vocabulary, text width 4 to keep it small).
- images/: synthetic images covering the decoder's and resampler's cases.
- expected.json: token ids (full BPE and reduced BPE), pixel samples of openai's transform, and
  L2-normalised embeddings of both models computed with the eager PyTorch model.
"""
import argparse
import gzip
import html
import json
import math
import pathlib
from collections import OrderedDict

import numpy as np
import regex
import torch
import torch.nn.functional as F
from PIL import Image
from torch import nn
from torchvision.transforms import CenterCrop, Compose, InterpolationMode, Normalize, Resize, ToTensor

ROOT = pathlib.Path(__file__).resolve().parent.parent
BPE_PATH = ROOT / "encoders-clip/src/main/resources/dev/crossmodal/clip/bpe_simple_vocab_16e6.txt.gz"
OUT = ROOT / "encoders-clip/src/test/resources/dev/crossmodal/clip/fixtures"
SHARED_EXPECTED = pathlib.Path("/work/shared/reference/expected.json")  # optional cross-check only

CLIP_MEAN = (0.48145466, 0.4578275, 0.40821073)
CLIP_STD = (0.26862954, 0.26130258, 0.27577711)
HF_TINY_MEAN = (0.5, 0.4, 0.3)
HF_TINY_STD = (0.2, 0.25, 0.3)
MINI_MERGES = 1000
CONTEXT = 77
PIXEL_SAMPLES = 512

# --------------------------------------------------------------------------------------------
# Tokenizer: openai/CLIP clip/simple_tokenizer.py without ftfy (the fixture texts give the same ids
# with ftfy; tools/make_ftfy_corpus.py checks the tokenizer with ftfy against openai's own code).


def bytes_to_unicode():
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + \
        list(range(ord("®"), ord("ÿ") + 1))
    cs = bs[:]
    n = 0
    for b in range(2 ** 8):
        if b not in bs:
            bs.append(b)
            cs.append(2 ** 8 + n)
            n += 1
    cs = [chr(n) for n in cs]
    return dict(zip(bs, cs))


def get_pairs(word):
    pairs = set()
    prev_char = word[0]
    for char in word[1:]:
        pairs.add((prev_char, char))
        prev_char = char
    return pairs


def basic_clean(text):
    text = html.unescape(html.unescape(text))
    return text.strip()


def whitespace_clean(text):
    text = regex.sub(r'\s+', ' ', text)
    text = text.strip()
    return text


def load_merges(limit=None):
    merges = gzip.open(BPE_PATH).read().decode("utf-8").split('\n')
    merges = merges[1:49152 - 256 - 2 + 1]
    merges = [tuple(merge.split()) for merge in merges]
    return merges if limit is None else merges[:limit]


class SimpleTokenizer:
    def __init__(self, merges):
        self.byte_encoder = bytes_to_unicode()
        vocab = list(bytes_to_unicode().values())
        vocab = vocab + [v + '</w>' for v in vocab]
        for merge in merges:
            vocab.append(''.join(merge))
        vocab.extend(['<|startoftext|>', '<|endoftext|>'])
        self.merges = merges
        self.vocab = vocab
        self.encoder = dict(zip(vocab, range(len(vocab))))
        self.bpe_ranks = dict(zip(merges, range(len(merges))))
        self.cache = {'<|startoftext|>': '<|startoftext|>', '<|endoftext|>': '<|endoftext|>'}
        self.pat = regex.compile(
            r"""<\|startoftext\|>|<\|endoftext\|>|'s|'t|'re|'ve|'m|'ll|'d|[\p{L}]+|[\p{N}]|[^\s\p{L}\p{N}]+""",
            regex.IGNORECASE)

    def bpe(self, token):
        if token in self.cache:
            return self.cache[token]
        word = tuple(token[:-1]) + (token[-1] + '</w>',)
        pairs = get_pairs(word)
        if not pairs:
            return token + '</w>'
        while True:
            bigram = min(pairs, key=lambda pair: self.bpe_ranks.get(pair, float('inf')))
            if bigram not in self.bpe_ranks:
                break
            first, second = bigram
            new_word = []
            i = 0
            while i < len(word):
                try:
                    j = word.index(first, i)
                    new_word.extend(word[i:j])
                    i = j
                except ValueError:
                    new_word.extend(word[i:])
                    break
                if word[i] == first and i < len(word) - 1 and word[i + 1] == second:
                    new_word.append(first + second)
                    i += 2
                else:
                    new_word.append(word[i])
                    i += 1
            word = tuple(new_word)
            if len(word) == 1:
                break
            pairs = get_pairs(word)
        word = ' '.join(word)
        self.cache[token] = word
        return word

    def encode(self, text):
        bpe_tokens = []
        text = whitespace_clean(basic_clean(text)).lower()
        for token in regex.findall(self.pat, text):
            token = ''.join(self.byte_encoder[b] for b in token.encode('utf-8'))
            bpe_tokens.extend(self.encoder[bpe_token] for bpe_token in self.bpe(token).split(' '))
        return bpe_tokens

    def tokenize(self, texts, context_length=CONTEXT):
        sot = self.encoder["<|startoftext|>"]
        eot = self.encoder["<|endoftext|>"]
        result = torch.zeros(len(texts), context_length, dtype=torch.long)
        for i, text in enumerate(texts):
            tokens = [sot] + self.encode(text) + [eot]
            if len(tokens) > context_length:
                tokens = tokens[:context_length]
                tokens[-1] = eot
            result[i, :len(tokens)] = torch.tensor(tokens)
        return result


# --------------------------------------------------------------------------------------------
# Model: openai/CLIP clip/model.py, ViT variant.


class LayerNorm(nn.LayerNorm):
    def forward(self, x):
        orig_type = x.dtype
        ret = super().forward(x.type(torch.float32))
        return ret.type(orig_type)


class QuickGELU(nn.Module):
    def forward(self, x):
        return x * torch.sigmoid(1.702 * x)


class ResidualAttentionBlock(nn.Module):
    def __init__(self, d_model, n_head, attn_mask=None):
        super().__init__()
        self.attn = nn.MultiheadAttention(d_model, n_head)
        self.ln_1 = LayerNorm(d_model)
        self.mlp = nn.Sequential(OrderedDict([
            ("c_fc", nn.Linear(d_model, d_model * 4)),
            ("gelu", QuickGELU()),
            ("c_proj", nn.Linear(d_model * 4, d_model)),
        ]))
        self.ln_2 = LayerNorm(d_model)
        self.attn_mask = attn_mask

    def attention(self, x):
        self.attn_mask = self.attn_mask.to(dtype=x.dtype, device=x.device) if self.attn_mask is not None else None
        return self.attn(x, x, x, need_weights=False, attn_mask=self.attn_mask)[0]

    def forward(self, x):
        x = x + self.attention(self.ln_1(x))
        x = x + self.mlp(self.ln_2(x))
        return x


class Transformer(nn.Module):
    def __init__(self, width, layers, heads, attn_mask=None):
        super().__init__()
        self.width = width
        self.layers = layers
        self.resblocks = nn.Sequential(*[ResidualAttentionBlock(width, heads, attn_mask) for _ in range(layers)])

    def forward(self, x):
        return self.resblocks(x)


class VisionTransformer(nn.Module):
    def __init__(self, input_resolution, patch_size, width, layers, heads, output_dim):
        super().__init__()
        self.input_resolution = input_resolution
        self.output_dim = output_dim
        self.conv1 = nn.Conv2d(in_channels=3, out_channels=width, kernel_size=patch_size, stride=patch_size, bias=False)
        scale = width ** -0.5
        self.class_embedding = nn.Parameter(scale * torch.randn(width))
        self.positional_embedding = nn.Parameter(scale * torch.randn((input_resolution // patch_size) ** 2 + 1, width))
        self.ln_pre = LayerNorm(width)
        self.transformer = Transformer(width, layers, heads)
        self.ln_post = LayerNorm(width)
        self.proj = nn.Parameter(scale * torch.randn(width, output_dim))

    def forward(self, x):
        x = self.conv1(x)
        x = x.reshape(x.shape[0], x.shape[1], -1)
        x = x.permute(0, 2, 1)
        x = torch.cat([self.class_embedding.to(x.dtype) + torch.zeros(x.shape[0], 1, x.shape[-1], dtype=x.dtype, device=x.device), x], dim=1)
        x = x + self.positional_embedding.to(x.dtype)
        x = self.ln_pre(x)
        x = x.permute(1, 0, 2)
        x = self.transformer(x)
        x = x.permute(1, 0, 2)
        x = self.ln_post(x[:, 0, :])
        if self.proj is not None:
            x = x @ self.proj
        return x


class CLIP(nn.Module):
    def __init__(self, embed_dim, image_resolution, vision_layers, vision_width, vision_patch_size, vision_heads,
                 context_length, vocab_size, transformer_width, transformer_heads, transformer_layers):
        super().__init__()
        self.context_length = context_length
        self.visual = VisionTransformer(
            input_resolution=image_resolution, patch_size=vision_patch_size, width=vision_width,
            layers=vision_layers, heads=vision_heads, output_dim=embed_dim)
        self.transformer = Transformer(
            width=transformer_width, layers=transformer_layers, heads=transformer_heads,
            attn_mask=self.build_attention_mask())
        self.vocab_size = vocab_size
        self.token_embedding = nn.Embedding(vocab_size, transformer_width)
        self.positional_embedding = nn.Parameter(torch.empty(self.context_length, transformer_width))
        self.ln_final = LayerNorm(transformer_width)
        self.text_projection = nn.Parameter(torch.empty(transformer_width, embed_dim))
        self.logit_scale = nn.Parameter(torch.ones([]) * np.log(1 / 0.07))
        self.initialize_parameters()

    def initialize_parameters(self):
        nn.init.normal_(self.token_embedding.weight, std=0.02)
        nn.init.normal_(self.positional_embedding, std=0.01)
        proj_std = (self.transformer.width ** -0.5) * ((2 * self.transformer.layers) ** -0.5)
        attn_std = self.transformer.width ** -0.5
        fc_std = (2 * self.transformer.width) ** -0.5
        for block in self.transformer.resblocks:
            nn.init.normal_(block.attn.in_proj_weight, std=attn_std)
            nn.init.normal_(block.attn.out_proj.weight, std=proj_std)
            nn.init.normal_(block.mlp.c_fc.weight, std=fc_std)
            nn.init.normal_(block.mlp.c_proj.weight, std=proj_std)
        if self.text_projection is not None:
            nn.init.normal_(self.text_projection, std=self.transformer.width ** -0.5)

    def build_attention_mask(self):
        mask = torch.empty(self.context_length, self.context_length)
        mask.fill_(float("-inf"))
        mask.triu_(1)
        return mask

    @property
    def dtype(self):
        return self.visual.conv1.weight.dtype

    def encode_image(self, image):
        return self.visual(image.type(self.dtype))

    def encode_text(self, text):
        x = self.token_embedding(text).type(self.dtype)
        x = x + self.positional_embedding.type(self.dtype)
        x = x.permute(1, 0, 2)
        x = self.transformer(x)
        x = x.permute(1, 0, 2)
        x = self.ln_final(x).type(self.dtype)
        x = x[torch.arange(x.shape[0]), text.argmax(dim=-1)] @ self.text_projection
        return x


def randomise_defaults(model, generator_seed):
    """Gives layer norms and biases random values too, so that a port that drops one of them fails."""
    g = torch.Generator().manual_seed(generator_seed)
    with torch.no_grad():
        for module in model.modules():
            tensors = []
            if isinstance(module, nn.LayerNorm):
                tensors = [module.weight, module.bias]
            elif isinstance(module, nn.Linear) and module.bias is not None:
                tensors = [module.bias]
            elif isinstance(module, nn.MultiheadAttention):
                tensors = [module.in_proj_bias]
            for t in tensors:
                t.add_(0.1 * torch.randn(t.shape, generator=g))


# --------------------------------------------------------------------------------------------
# Hugging Face / Optimum export layout: batch-first graphs with dynamic batch and sequence axes.


def batch_first_attention(block, x, mask):
    """nn.MultiheadAttention's computation written out, so that the exported graph keeps dynamic shapes."""
    attn = block.attn
    n, length, width = x.shape[0], x.shape[1], x.shape[2]
    heads = attn.num_heads
    q, k, v = F.linear(x, attn.in_proj_weight, attn.in_proj_bias).chunk(3, dim=-1)
    q = q.reshape(n, length, heads, -1).transpose(1, 2)
    k = k.reshape(n, length, heads, -1).transpose(1, 2)
    v = v.reshape(n, length, heads, -1).transpose(1, 2)
    scores = (q / math.sqrt(width // heads)) @ k.transpose(-1, -2)
    if mask is not None:
        scores = scores + mask
    out = scores.softmax(dim=-1) @ v
    out = out.transpose(1, 2).reshape(n, length, width)
    return F.linear(out, attn.out_proj.weight, attn.out_proj.bias)


def run_blocks(transformer, x, mask):
    for block in transformer.resblocks:
        x = x + batch_first_attention(block, block.ln_1(x), mask)
        x = x + block.mlp(block.ln_2(x))
    return x


class HfTextModel(nn.Module):
    def __init__(self, clip):
        super().__init__()
        self.clip = clip
        self.register_buffer("causal", clip.build_attention_mask())

    def forward(self, input_ids, attention_mask):
        clip = self.clip
        length = input_ids.shape[1]
        x = clip.token_embedding(input_ids) + clip.positional_embedding[:length]
        padding = (1.0 - attention_mask[:, None, None, :].to(x.dtype)) * torch.finfo(torch.float32).min
        mask = self.causal[:length, :length][None, None, :, :] + padding
        x = run_blocks(clip.transformer, x, mask)
        x = clip.ln_final(x)
        eot = input_ids.argmax(dim=-1)
        text_embeds = x[torch.arange(x.shape[0]), eot] @ clip.text_projection
        return text_embeds, x


class HfVisionModel(nn.Module):
    def __init__(self, clip):
        super().__init__()
        self.visual = clip.visual

    def forward(self, pixel_values):
        v = self.visual
        x = v.conv1(pixel_values)
        x = x.reshape(x.shape[0], x.shape[1], -1).permute(0, 2, 1)
        cls = v.class_embedding.reshape(1, 1, -1).expand(x.shape[0], -1, -1)
        x = torch.cat([cls, x], dim=1) + v.positional_embedding
        x = v.ln_pre(x)
        x = run_blocks(v.transformer, x, None)
        image_embeds = v.ln_post(x[:, 0, :]) @ v.proj
        return image_embeds, x


def export_hf(clip, tokenizer, out_dir, mean, std, heads):
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "onnx").mkdir(exist_ok=True)
    text, vision = HfTextModel(clip).eval(), HfVisionModel(clip).eval()
    ids = torch.tensor([[tokenizer.encoder["<|startoftext|>"], 5, 6, tokenizer.encoder["<|endoftext|>"]]] * 2)
    with torch.no_grad():
        torch.onnx.export(
            text, (ids, torch.ones_like(ids)), str(out_dir / "onnx/text_model.onnx"),
            input_names=["input_ids", "attention_mask"], output_names=["text_embeds", "last_hidden_state"],
            dynamic_axes={"input_ids": {0: "batch_size", 1: "sequence_length"},
                          "attention_mask": {0: "batch_size", 1: "sequence_length"},
                          "text_embeds": {0: "batch_size"},
                          "last_hidden_state": {0: "batch_size", 1: "sequence_length"}},
            opset_version=14, do_constant_folding=True)
        torch.onnx.export(
            vision, (torch.zeros(2, 3, 224, 224),), str(out_dir / "onnx/vision_model.onnx"),
            input_names=["pixel_values"], output_names=["image_embeds", "last_hidden_state"],
            dynamic_axes={"pixel_values": {0: "batch_size"}, "image_embeds": {0: "batch_size"},
                          "last_hidden_state": {0: "batch_size"}},
            opset_version=14, do_constant_folding=True)
    vocab = {token: i for i, token in enumerate(tokenizer.vocab)}
    with open(out_dir / "vocab.json", "w", encoding="utf-8") as f:
        json.dump(vocab, f, ensure_ascii=False)
    with open(out_dir / "merges.txt", "w", encoding="utf-8", newline="\n") as f:
        f.write("#version: 0.2\n")
        for a, b in tokenizer.merges:
            f.write(f"{a} {b}\n")
    width = clip.transformer.width
    config = {
        "model_type": "clip",
        "projection_dim": clip.text_projection.shape[1],
        "text_config": {"vocab_size": len(vocab), "max_position_embeddings": CONTEXT, "hidden_size": width,
                        "num_hidden_layers": clip.transformer.layers, "num_attention_heads": heads[0],
                        "bos_token_id": vocab["<|startoftext|>"], "eos_token_id": vocab["<|endoftext|>"]},
        "vision_config": {"image_size": 224, "patch_size": clip.visual.conv1.kernel_size[0],
                          "hidden_size": clip.visual.conv1.out_channels,
                          "num_hidden_layers": clip.visual.transformer.layers, "num_attention_heads": heads[1]},
    }
    (out_dir / "config.json").write_text(json.dumps(config, indent=2) + "\n")
    preprocessor = {
        "crop_size": {"height": 224, "width": 224}, "do_center_crop": True, "do_normalize": True,
        "do_resize": True, "do_rescale": True, "rescale_factor": 1 / 255, "image_mean": list(mean),
        "image_std": list(std), "resample": 3, "size": {"shortest_edge": 224},
        "image_processor_type": "CLIPImageProcessor",
    }
    (out_dir / "preprocessor_config.json").write_text(json.dumps(preprocessor, indent=2) + "\n")


def write_tokenizer_json(tokenizer, path):
    """The part of a Hugging Face fast-tokenizer file that holds the BPE: model.vocab and model.merges."""
    doc = {"version": "1.0", "added_tokens": [], "normalizer": None, "pre_tokenizer": None,
           "model": {"type": "BPE", "dropout": None, "unk_token": None, "continuing_subword_prefix": "",
                     "end_of_word_suffix": "</w>", "fuse_unk": False,
                     "vocab": {token: i for i, token in enumerate(tokenizer.vocab)},
                     "merges": [f"{a} {b}" for a, b in tokenizer.merges]}}
    path.write_text(json.dumps(doc, ensure_ascii=False))


# --------------------------------------------------------------------------------------------
# Images and texts.


def openai_transform(mean=CLIP_MEAN, std=CLIP_STD, n_px=224):
    return Compose([
        Resize(n_px, interpolation=InterpolationMode.BICUBIC),
        CenterCrop(n_px),
        lambda image: image.convert("RGB"),
        ToTensor(),
        Normalize(mean, std),
    ])


def make_images(out_dir):
    out_dir.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(7)

    def smooth(w, h, channels):
        y, x = np.mgrid[0:h, 0:w].astype(np.float64)
        planes = []
        for c in range(channels):
            fx, fy, ph = rng.uniform(0.01, 0.06), rng.uniform(0.01, 0.06), rng.uniform(0, 6.28)
            plane = 127 + 90 * np.sin(fx * x + ph) * np.cos(fy * y - ph) + 30 * (x / w) - 20 * (y / h)
            plane += rng.normal(0, 2, size=plane.shape)
            planes.append(plane)
        return np.clip(np.stack(planes, axis=-1), 0, 255).astype(np.uint8)

    files = []

    def save(name, image, **kw):
        image.save(out_dir / name, **kw)
        files.append(name)

    save("photo.jpg", Image.fromarray(smooth(320, 240, 3)), quality=88)
    save("progressive.jpg", Image.fromarray(smooth(237, 301, 3)), quality=85, progressive=True)
    save("gray.jpg", Image.fromarray(smooth(260, 190, 1)[:, :, 0], "L"), quality=90)
    save("wide.png", Image.fromarray(smooth(330, 70, 3)))
    save("tall.png", Image.fromarray(smooth(75, 290, 3)))
    save("small.png", Image.fromarray(smooth(41, 29, 3)))
    rgba = smooth(171, 153, 4)
    rgba[:, :, 3] = np.linspace(0, 255, 171)[None, :].astype(np.uint8)
    save("rgba.png", Image.fromarray(rgba, "RGBA"))
    save("palette.png", Image.fromarray(smooth(229, 263, 3)).quantize(colors=24))
    save("gray.png", Image.fromarray(smooth(225, 251, 1)[:, :, 0], "L"))
    return files


TEXTS = [
    "a dog runs across the grass",
    "Two children are playing football on a sunny beach.",
    "A man in a red jacket climbs a snowy mountain",
    "",
    "   ",
    "A DOG",
    "don't stop: it's the dog's toy!",
    "they're we've I'm you'll he'd",
    "3 dogs and 12 cats, 2024",
    "café naïve résumé",
    "Fish &amp; chips &lt;3",
    "double escaped &amp;amp; and numeric &#65;&#x42; &notit; &copy",
    "emoji 🐶🐱 time",
    "一只狗在草地上",
    "tabs\tand\nnewlines   and    spaces",
    "hyphen-ated well-known x-ray",
    "<|startoftext|> literal <|endoftext|> tokens",
    " ".join(f"word{i}" for i in range(60)),
    " ".join(["a"] * 100),
    "Привет мир",
    "ALL CAPS SHOUTING!!!",
    "...",
    "a",
    "non\u00a0breaking\u2003spaces and a \u0130stanbul sigma \u03a3\u039f\u03a3",
]


def pixel_summary(tensor, rng):
    flat = tensor.reshape(-1)
    idx = np.sort(rng.choice(flat.numel(), size=PIXEL_SAMPLES, replace=False))
    return {
        "shape": list(tensor.shape),
        "channel_mean": [round(float(v), 7) for v in tensor.mean(dim=(1, 2))],
        "samples": [[int(i), round(float(flat[i]), 7)] for i in idx],
    }


def normalised(x):
    return x / x.norm(dim=-1, keepdim=True)


def as_list(v):
    return [round(float(x), 8) for x in v]


def build_clip(seed, embed, vision_width, vision_layers, vision_heads, vocab, text_width, text_heads, text_layers):
    torch.manual_seed(seed)
    clip = CLIP(embed, 224, vision_layers, vision_width, 32, vision_heads, CONTEXT, vocab, text_width,
                text_heads, text_layers).eval()
    randomise_defaults(clip, seed + 1)
    return clip


def check_hf_wrappers(clip, tokenizer, texts, images):
    """The batch-first export graphs must give openai's encode_text/encode_image, also with trimmed padding."""
    with torch.no_grad():
        ids = tokenizer.tokenize(texts)
        reference = normalised(clip.encode_text(ids))
        longest = int((ids != 0).sum(dim=1).max())
        trimmed = ids[:, :longest]
        text_embeds, _ = HfTextModel(clip)(trimmed, (trimmed != 0).long())
        cos = (normalised(text_embeds) * reference).sum(-1)
        assert float(cos.min()) > 0.999999, f"text wrapper differs: {cos}"
        image_embeds, _ = HfVisionModel(clip)(images)
        cos = (normalised(image_embeds) * normalised(clip.encode_image(images))).sum(-1)
        assert float(cos.min()) > 0.999999, f"vision wrapper differs: {cos}"


def make_test_fixtures():
    OUT.mkdir(parents=True, exist_ok=True)
    full = SimpleTokenizer(load_merges())
    mini = SimpleTokenizer(load_merges(MINI_MERGES))
    image_files = make_images(OUT / "images")
    rng = np.random.default_rng(11)

    openai_pixels = {}
    hf_pixels = {}
    for name in image_files:
        with Image.open(OUT / "images" / name) as image:
            image.load()
            openai_pixels[name] = openai_transform()(image)
            hf_pixels[name] = openai_transform(HF_TINY_MEAN, HF_TINY_STD)(image)

    full_ids = full.tokenize(TEXTS)
    mini_ids = mini.tokenize(TEXTS)

    hf = build_clip(100, 16, 12, 2, 2, len(mini.vocab), 24, 2, 2)
    export_hf(hf, mini, OUT / "hf-tiny", HF_TINY_MEAN, HF_TINY_STD, heads=(2, 2))
    write_tokenizer_json(mini, OUT / "hf-tiny-tokenizer.json")
    hf_images = torch.stack([hf_pixels[n] for n in image_files])
    check_hf_wrappers(hf, mini, TEXTS, hf_images)

    jit = build_clip(200, 8, 8, 2, 2, len(full.vocab), 4, 2, 2)
    openai_images = torch.stack([openai_pixels[n] for n in image_files])
    with torch.no_grad():
        traced = torch.jit.trace_module(jit, {"encode_image": openai_images[:2], "encode_text": full_ids[:2]})
        # openai's archives are traced modules that take any batch size: make sure ours do too.
        assert torch.allclose(traced.encode_text(full_ids), jit.encode_text(full_ids), atol=1e-5)
        assert torch.allclose(traced.encode_image(openai_images[:3]), jit.encode_image(openai_images[:3]), atol=1e-5)
    traced.save(str(OUT / "openai-tiny-jit.pt"))

    with torch.no_grad():
        hf_text = normalised(hf.encode_text(mini_ids))
        hf_image = normalised(hf.encode_image(hf_images))
        jit_text = normalised(jit.encode_text(full_ids))
        jit_image = normalised(jit.encode_image(openai_images))

    expected = {
        "generator": "tools/make_clip_fixtures.py",
        "context_length": CONTEXT,
        "mini_merges": MINI_MERGES,
        "texts": [
            {"text": t, "ids": full_ids[i].tolist(), "mini_ids": mini_ids[i].tolist(),
             "hf_tiny_embedding": as_list(hf_text[i]), "openai_tiny_embedding": as_list(jit_text[i])}
            for i, t in enumerate(TEXTS)
        ],
        "images": [
            {"file": "images/" + n, "clip_pixels": pixel_summary(openai_pixels[n], rng),
             "hf_tiny_embedding": as_list(hf_image[i]), "openai_tiny_embedding": as_list(jit_image[i])}
            for i, n in enumerate(image_files)
        ],
    }
    (OUT / "expected.json").write_text(json.dumps(expected, ensure_ascii=False, separators=(",", ":")) + "\n")
    cross_check_shared(full)
    total = sum(p.stat().st_size for p in OUT.rglob("*") if p.is_file())
    print(f"wrote fixtures to {OUT} ({total / 1e6:.2f} MB)")


def cross_check_shared(full):
    """When the product owner's reference is present, our Python port must agree with its token ids."""
    if not SHARED_EXPECTED.exists():
        return
    texts = json.loads(SHARED_EXPECTED.read_text())["texts"]
    ids = full.tokenize([t["text"] for t in texts])
    bad = [t["text"] for i, t in enumerate(texts) if ids[i].tolist() != t["ids"]]
    assert not bad, f"tokenizer port disagrees with the shared reference on {bad}"
    print(f"tokenizer port agrees with {SHARED_EXPECTED} on {len(texts)} texts")


def make_vit_b32(out_dir):
    """ViT-B/32's shapes (vision width 768, 12 layers; text width 512, 12 layers; embed 512), random weights."""
    full = SimpleTokenizer(load_merges())
    clip = build_clip(300, 512, 768, 12, 12, len(full.vocab), 512, 8, 12)
    export_hf(clip, full, out_dir, CLIP_MEAN, CLIP_STD, heads=(8, 12))
    print(f"wrote ViT-B/32-sized random CLIP to {out_dir}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--vit-b32", type=pathlib.Path, help="write a ViT-B/32-sized model (HF ONNX layout) here")
    args = parser.parse_args()
    if args.vit_b32:
        make_vit_b32(args.vit_b32)
    else:
        make_test_fixtures()


if __name__ == "__main__":
    main()
