#!/usr/bin/python3
"""Converts an original VSE++ checkpoint (fartashf/vsepp) into the layout crossmodal loads.

    /usr/bin/python3 tools/convert_vsepp.py \\
        --checkpoint runs/f30k_vse++_resnet_finetune/model_best.pth.tar \\
        --vocab vocab/f30k_vocab.pkl \\
        --out models/f30k_vse++_resnet

Input:
- `model_best.pth.tar`: a dict with `model` = [image encoder state_dict, text encoder state_dict]
  and `opt` (vsepp's argparse options: cnn_type 'resnet152' or 'vgg19', embed_size, word_dim,
  num_layers, use_abs, no_imgnorm, data_name, ...). Checkpoints saved by old PyTorch/Python 2 load
  too (legacy serialisation, latin-1 strings, CUDA tensors, VGG classifiers from before
  torchvision's 2017 renumbering, BatchNorm without num_batches_tracked).
- the vocabulary pickle (`<data_name>_vocab.pkl`): vsepp's `vocab.Vocabulary` with `word2idx`.
  It is read with a stand-in class, so vsepp's code is not needed.

Output (in --out): `image_encoder.onnx` (`images` float32 [B,3,224,224] -> `embeddings` [B,D]),
`text_encoder.onnx` (`tokens` int64 [B,S], `lengths` int64 [B] -> `embeddings` [B,D]) and
`vocab.json` (word -> id).

Needs Debian's python3-torch, python3-torchvision and python3-onnx (and python3-nltk, imported by
the shared module). No network: the trunk's weights come from the checkpoint.
"""

import argparse
import os
import pickle
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import vsepp_model  # noqa: E402


class ConversionError(Exception):
    """The checkpoint or vocabulary is not one this script can convert."""


class _PickledVocabulary:
    """Receives the state of vsepp's pickled Vocabulary (word2idx, idx2word, idx)."""

    def __setstate__(self, state):
        # Python 2 pickles read with encoding="bytes" may have bytes attribute names.
        self.__dict__.update({(k.decode() if isinstance(k, bytes) else k): v
                              for k, v in state.items()})


class _VocabularyUnpickler(pickle.Unpickler):
    def find_class(self, module, name):
        # vsepp pickled its class from vocab.py, as vocab.Vocabulary or __main__.Vocabulary.
        if name == "Vocabulary":
            return _PickledVocabulary
        return super().find_class(module, name)


def load_vocabulary(path):
    """word -> id from vsepp's vocabulary pickle."""
    with open(path, "rb") as f:
        data = f.read()
    import io
    try:
        vocab = _VocabularyUnpickler(io.BytesIO(data), encoding="utf-8").load()
    except UnicodeDecodeError:
        vocab = _VocabularyUnpickler(io.BytesIO(data), encoding="latin1").load()
    word2idx = getattr(vocab, "word2idx", None)
    if not isinstance(word2idx, dict):
        raise ConversionError(f"{path}: not a vsepp vocabulary (no word2idx dictionary)")
    words = {}
    for word, idx in word2idx.items():
        if isinstance(word, bytes):
            word = word.decode("utf-8")
        words[word] = int(idx)
    for special in ("<pad>", "<start>", "<end>", "<unk>"):
        if special not in words:
            raise ConversionError(f"{path}: vocabulary has no {special}")
    return words


def load_checkpoint(path):
    """The checkpoint dict, whether saved by current PyTorch or by vsepp's Python 2 era one."""
    try:
        return torch.load(path, map_location="cpu")
    except UnicodeDecodeError:
        return torch.load(path, map_location="cpu", encoding="latin1")


def _option(opt, name, default=None):
    return getattr(opt, name, default) if opt is not None else default


def _renamed_image_state(state):
    state = dict(state)
    # Checkpoints made before pytorch/vision@989d52a number VGG's classifier from 1 (vsepp's own
    # EncoderImageFull.load_state_dict does this renaming).
    for old, new in (("1", "0"), ("4", "3")):
        for kind in ("weight", "bias"):
            key = f"cnn.classifier.{old}.{kind}"
            if key in state and f"cnn.classifier.{new}.{kind}" not in state:
                state[f"cnn.classifier.{new}.{kind}"] = state.pop(key)
    return state


def _load_strict(module, state, what):
    """load_state_dict that tolerates only BatchNorm counters missing from old checkpoints."""
    own = module.state_dict()
    for key, value in own.items():
        if key not in state and key.endswith("num_batches_tracked"):
            state[key] = value
    missing = sorted(set(own) - set(state))
    unexpected = sorted(set(state) - set(own))
    if missing or unexpected:
        raise ConversionError(
            f"{what} does not match vsepp's structure: missing {missing[:8]}"
            f"{'...' if len(missing) > 8 else ''}, unexpected {unexpected[:8]}"
            f"{'...' if len(unexpected) > 8 else ''}")
    module.load_state_dict(state)


def build_encoders(checkpoint, vocab_size):
    """vsepp's image and text encoders, with the checkpoint's weights, in eval mode."""
    if not isinstance(checkpoint, dict) or "model" not in checkpoint:
        raise ConversionError("not a vsepp checkpoint: expected a dict with 'model' and 'opt'")
    states = checkpoint["model"]
    if not isinstance(states, (list, tuple)) or len(states) != 2:
        raise ConversionError("checkpoint 'model' must be [image encoder state, text encoder state]")
    image_state, text_state = states
    opt = checkpoint.get("opt")
    data_name = _option(opt, "data_name", "")
    if str(data_name).endswith("_precomp"):
        raise ConversionError(
            f"checkpoint was trained on precomputed features ({data_name}): it has no CNN, so its"
            " images cannot be encoded from pixels; use a full-image checkpoint (e.g. *_vggfull,"
            " *_resnet*)")
    if "embed.weight" not in text_state:
        raise ConversionError("text encoder state has no embed.weight")
    embed_rows, word_dim = text_state["embed.weight"].shape
    embed_size = text_state["rnn.weight_hh_l0"].shape[1]
    num_layers = sum(1 for k in text_state if k.startswith("rnn.weight_ih_l"))
    cnn_type = _option(opt, "cnn_type")
    if cnn_type is None:
        cnn_type = "vgg19" if any(k.startswith("cnn.features.") for k in image_state) else "resnet152"
    options = vsepp_model.Options(
        cnn_type=cnn_type, embed_size=embed_size, word_dim=word_dim, num_layers=num_layers,
        use_abs=bool(_option(opt, "use_abs", False)),
        no_imgnorm=bool(_option(opt, "no_imgnorm", False)))
    if vocab_size != embed_rows:
        # vsepp sizes the embedding with len(vocab): any difference means another vocabulary.
        raise ConversionError(
            f"vocabulary has {vocab_size} ids but the checkpoint's word embedding has {embed_rows}"
            f" rows: wrong vocabulary pickle for this checkpoint (trained on data_name"
            f" {data_name!r}, whose vocabulary is {data_name}_vocab.pkl)?")

    image_encoder = vsepp_model.EncoderImageFull(options)
    _load_strict(image_encoder, _renamed_image_state(image_state), "image encoder state")
    text_encoder = vsepp_model.EncoderText(embed_rows, word_dim, embed_size, num_layers,
                                           options.use_abs)
    _load_strict(text_encoder, dict(text_state), "text encoder state")
    image_encoder.eval()
    text_encoder.eval()
    return image_encoder, text_encoder, options


def convert(checkpoint_path, vocab_path, out_dir, log=print):
    vocab = load_vocabulary(vocab_path)
    checkpoint = load_checkpoint(checkpoint_path)
    image_encoder, text_encoder, options = build_encoders(checkpoint, max(vocab.values()) + 1)
    if options.no_imgnorm:
        log("warning: no_imgnorm checkpoint (VSE0): crossmodal L2-normalises image vectors, which"
            " vsepp does not do for this model; rankings of images for a text query can differ")
    log(f"converting {options.cnn_type}, embed_size {options.embed_size}, word_dim"
        f" {options.word_dim}, {options.num_layers} GRU layer(s), use_abs {options.use_abs},"
        f" {len(vocab)} words")
    vsepp_model.export(image_encoder, text_encoder, vocab, out_dir)
    log(f"wrote {out_dir}/image_encoder.onnx, text_encoder.onnx, vocab.json")
    return options


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--checkpoint", required=True, help="vsepp model_best.pth.tar")
    parser.add_argument("--vocab", required=True, help="vsepp vocabulary pickle (*_vocab.pkl)")
    parser.add_argument("--out", required=True, help="output directory")
    args = parser.parse_args(argv)
    try:
        convert(args.checkpoint, args.vocab, args.out,
                log=lambda message: print(message, file=sys.stderr))
    except (ConversionError, OSError, pickle.UnpicklingError) as e:
        print(f"convert_vsepp: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
