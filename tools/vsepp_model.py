"""VSE++ (fartashf/vsepp) encoders, pre-processing and ONNX export, shared by the tools.

The modules below are written to have exactly the parameter names of vsepp's checkpoints
(`model_best.pth.tar`: `model` = [image encoder state, text encoder state]), including the
`module.` prefixes that vsepp's `nn.DataParallel` wrappers add, so that a checkpoint loads into them
unchanged, and their forward passes compute what vsepp's do:

- image: CNN trunk -> L2 norm -> linear -> L2 norm (unless `no_imgnorm`) -> abs (if `use_abs`);
- text: embedding -> GRU (batch first) over the packed captions -> output at each caption's last
  step -> L2 norm -> abs (if `use_abs`).

The exported ONNX graphs have the layout the Java module loads: `image_encoder.onnx` (`images`
float32 [B,3,224,224] -> `embeddings` [B,D]), `text_encoder.onnx` (`tokens` int64 [B,S], `lengths`
int64 [B] -> `embeddings` [B,D]) and `vocab.json` (word -> id).
"""

import json
import os

import numpy as np
import torch
import torch.nn as nn
import torchvision
from nltk.tokenize import word_tokenize
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence
from torchvision import transforms

OPSET = 14
IMAGENET_MEAN = [0.485, 0.456, 0.406]
IMAGENET_STD = [0.229, 0.224, 0.225]


class Options:
    """The subset of vsepp's argparse options that shapes the encoders."""

    def __init__(self, cnn_type, embed_size, word_dim, num_layers=1, use_abs=False,
                 no_imgnorm=False):
        self.cnn_type = cnn_type
        self.embed_size = embed_size
        self.word_dim = word_dim
        self.num_layers = num_layers
        self.use_abs = use_abs
        self.no_imgnorm = no_imgnorm


def l2norm(x):
    """Row-wise L2 normalisation, with no epsilon (as vsepp)."""
    return x / x.pow(2).sum(dim=1, keepdim=True).sqrt()


class TinyTrunk(nn.Module):
    """A small CNN standing in for ResNet/VGG in test fixtures: same input, a 16-d feature."""

    out_features = 16

    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(
            nn.Conv2d(3, 8, 7, stride=4), nn.ReLU(),
            nn.Conv2d(8, 16, 3, stride=2), nn.BatchNorm2d(16), nn.ReLU(),
            nn.AdaptiveAvgPool2d(1), nn.Flatten())

    def forward(self, images):
        return self.net(images)


def vsepp_trunk(cnn_type):
    """A randomly initialised trunk wrapped as vsepp wraps it; returns (trunk, feature size).

    vsepp wraps VGG's `features` in DataParallel (keys `cnn.features.module.*`, classifier without
    its last layer: `cnn.classifier.0/3.*`) and a whole ResNet in DataParallel (keys
    `cnn.module.*`, `fc` replaced by an empty Sequential). On a machine without CUDA, DataParallel
    just calls the wrapped module, so the same structure runs on CPU and traces for export.
    """
    if cnn_type.startswith("vgg"):
        cnn = torchvision.models.__dict__[cnn_type]()
        cnn.features = nn.DataParallel(cnn.features)
        in_features = cnn.classifier[6].in_features
        cnn.classifier = nn.Sequential(*list(cnn.classifier.children())[:-1])
        return cnn, in_features
    if cnn_type.startswith("resnet"):
        cnn = nn.DataParallel(torchvision.models.__dict__[cnn_type]())
        in_features = cnn.module.fc.in_features
        cnn.module.fc = nn.Sequential()
        return cnn, in_features
    raise ValueError(f"unsupported cnn_type {cnn_type!r}: expected vgg* or resnet*")


class EncoderImageFull(nn.Module):
    """vsepp's full image encoder (trunk + projection), in its parameter layout."""

    def __init__(self, opt, trunk=None):
        super().__init__()
        self.no_imgnorm = opt.no_imgnorm
        self.use_abs = opt.use_abs
        if trunk is None:
            self.cnn, in_features = vsepp_trunk(opt.cnn_type)
        else:
            self.cnn, in_features = trunk, trunk.out_features
        self.fc = nn.Linear(in_features, opt.embed_size)
        bound = np.sqrt(6.0) / np.sqrt(in_features + opt.embed_size)
        self.fc.weight.data.uniform_(-bound, bound)
        self.fc.bias.data.fill_(0)

    def forward(self, images):
        features = l2norm(self.cnn(images))
        features = self.fc(features)
        if not self.no_imgnorm:
            features = l2norm(features)
        if self.use_abs:
            features = torch.abs(features)
        return features


class EncoderText(nn.Module):
    """vsepp's caption encoder, in its parameter layout; forward() packs like vsepp."""

    def __init__(self, vocab_size, word_dim, embed_size, num_layers, use_abs=False):
        super().__init__()
        self.use_abs = use_abs
        self.embed_size = embed_size
        self.embed = nn.Embedding(vocab_size, word_dim)
        self.rnn = nn.GRU(word_dim, embed_size, num_layers, batch_first=True)
        self.embed.weight.data.uniform_(-0.1, 0.1)

    def forward(self, tokens, lengths):
        x = self.embed(tokens)
        packed = pack_padded_sequence(x, torch.as_tensor(lengths), batch_first=True,
                                      enforce_sorted=False)
        out, _ = self.rnn(packed)
        padded, _ = pad_packed_sequence(out, batch_first=True)
        index = (torch.as_tensor(lengths).view(-1, 1, 1)
                 .expand(x.size(0), 1, self.embed_size) - 1)
        out = torch.gather(padded, 1, index).squeeze(1)
        out = l2norm(out)
        if self.use_abs:
            out = torch.abs(out)
        return out


class TextForExport(nn.Module):
    """The caption encoder without packing, which ONNX cannot express well.

    A unidirectional GRU's output at step t depends on steps 0..t only, so running it over the
    zero-padded batch and gathering each row's output at length-1 gives what packing gives.
    """

    def __init__(self, text_encoder):
        super().__init__()
        self.text = text_encoder

    def forward(self, tokens, lengths):
        out, _ = self.text.rnn(self.text.embed(tokens))
        index = (lengths - 1).view(-1, 1, 1).expand(-1, 1, self.text.embed_size)
        out = l2norm(torch.gather(out, 1, index).squeeze(1))
        if self.text.use_abs:
            out = torch.abs(out)
        return out


def export(image_encoder, text_encoder, vocab, out_dir):
    """Writes image_encoder.onnx, text_encoder.onnx and vocab.json into out_dir."""
    image_encoder.eval()
    text_encoder.eval()
    os.makedirs(out_dir, exist_ok=True)
    with torch.no_grad():
        torch.onnx.export(
            image_encoder, (torch.zeros(2, 3, 224, 224),),
            os.path.join(out_dir, "image_encoder.onnx"),
            input_names=["images"], output_names=["embeddings"],
            dynamic_axes={"images": {0: "batch"}, "embeddings": {0: "batch"}},
            opset_version=OPSET, do_constant_folding=True)
        tokens = torch.tensor([[1, 4, 5, 2], [1, 4, 2, 0]], dtype=torch.int64)
        lengths = torch.tensor([4, 3], dtype=torch.int64)
        torch.onnx.export(
            TextForExport(text_encoder), (tokens, lengths),
            os.path.join(out_dir, "text_encoder.onnx"),
            input_names=["tokens", "lengths"], output_names=["embeddings"],
            dynamic_axes={"tokens": {0: "batch", 1: "length"}, "lengths": {0: "batch"},
                          "embeddings": {0: "batch"}},
            opset_version=OPSET, do_constant_folding=True)
    ordered = dict(sorted(vocab.items(), key=lambda item: item[1]))
    with open(os.path.join(out_dir, "vocab.json"), "w", encoding="utf-8") as f:
        json.dump(ordered, f, ensure_ascii=False)


def vsepp_transform(image):
    """vsepp's test-time transform of a PIL image (converted to RGB first, as its loaders do)."""
    pipeline = transforms.Compose([
        transforms.Resize(256), transforms.CenterCrop(224), transforms.ToTensor(),
        transforms.Normalize(mean=IMAGENET_MEAN, std=IMAGENET_STD)])
    return pipeline(image.convert("RGB"))


def caption_ids(caption, vocab):
    """vsepp's caption ids: lower-case, word_tokenize, <unk> for unknown words, <start>/<end>.

    Punkt's sentence model is not available here, so the whole caption is one sentence
    (preserve_line=True); see the Java TreebankWordTokenizer for what that changes.
    """
    tokens = word_tokenize(caption.lower(), preserve_line=True)
    unk = vocab["<unk>"]
    return [vocab["<start>"]] + [vocab.get(t, unk) for t in tokens] + [vocab["<end>"]]
