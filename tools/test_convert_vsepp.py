#!/usr/bin/python3
"""End-to-end test of tools/convert_vsepp.py on checkpoints shaped like the real ones.

    /usr/bin/python3 tools/test_convert_vsepp.py            # from the repository root

For each trunk (ResNet-152 and VGG19, full torchvision architectures with random weights; small
embedding sizes) it:

1. builds vsepp's encoders, saves a `model_best.pth.tar` like vsepp's train.py does (a dict with
   `model` = [image state, text state], `opt` = argparse.Namespace, ...) and a vocabulary pickle
   whose class is `vocab.Vocabulary`, as vsepp's vocab.py writes it; the VGG checkpoint uses the
   classifier numbering of old torchvision and the ResNet one lacks BatchNorm's
   num_batches_tracked, as checkpoints of vsepp's time do;
2. runs the converter on them as a user would (a subprocess);
3. checks the ONNX files' interface (names, types, dynamic axes) with python3-onnx;
4. computes reference embeddings with the PyTorch modules (vsepp's forward, packed GRU) for a few
   pixel tensors and a batch of captions of different lengths;
5. runs the converted model in Java on DJL's ONNX Runtime (Debian has no onnxruntime for Python):
   `ConvertedCheckpointCheck` in encoders-vse must reproduce the token ids exactly and every
   embedding with cosine >= 0.99999.

Needs python3-torch, python3-torchvision, python3-onnx, python3-nltk, python3-numpy and a JDK >= 21
(found by scripts/java-home.sh). Takes a few minutes on two cores and about 2 GB of disk under
target/ (deleted afterwards unless --keep). Exits non-zero on any failure.
"""

import argparse
import json
import os
import pickle
import shutil
import subprocess
import sys
import time
import types

import numpy as np
import onnx
import torch

TOOLS = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(TOOLS)
sys.path.insert(0, TOOLS)
import vsepp_model  # noqa: E402

CAPTIONS = [
    "A dog runs on the beach .",
    "Two children play with a red ball in the park.",
    "the man's bike isn't red",
    "a",
    "",
    "A black and white dog jumps over a fence while another dog watches from the grass .",
]
WORDS = ("a the dog dogs man children play with red ball in park on beach runs bike is n't 's two"
         " black and white jumps over fence while another watches from grass . ,").split()

CASES = [
    # name, vsepp options
    ("resnet152", dict(cnn_type="resnet152", embed_size=48, word_dim=20, num_layers=1,
                       use_abs=False, no_imgnorm=False)),
    ("vgg19", dict(cnn_type="vgg19", embed_size=40, word_dim=16, num_layers=2,
                   use_abs=True, no_imgnorm=False)),
]


def log(message):
    print(f"[test_convert_vsepp] {message}", file=sys.stderr, flush=True)


def vsepp_namespace(options):
    """The argparse.Namespace vsepp's train.py stores in the checkpoint."""
    import argparse as ap
    return ap.Namespace(
        data_path="/data", data_name="f30k", vocab_path="./vocab/", margin=0.2, num_epochs=30,
        batch_size=128, word_dim=options["word_dim"], embed_size=options["embed_size"],
        grad_clip=2.0, crop_size=224, num_layers=options["num_layers"], learning_rate=2e-4,
        lr_update=15, workers=10, log_step=10, val_step=500, logger_name="runs/test",
        resume="", max_violation=True, img_dim=4096, finetune=True,
        cnn_type=options["cnn_type"], use_restval=False, measure="cosine",
        use_abs=options["use_abs"], no_imgnorm=options["no_imgnorm"], reset_train=False,
        vocab_size=len(WORDS) + 4)


def write_vocab_pickle(path):
    """Pickles a vocabulary whose class is vocab.Vocabulary, as vsepp's vocab.py does."""
    module = types.ModuleType("vocab")

    class Vocabulary:
        def __init__(self):
            self.word2idx, self.idx2word, self.idx = {}, {}, 0

        def add_word(self, word):
            if word not in self.word2idx:
                self.word2idx[word] = self.idx
                self.idx2word[self.idx] = word
                self.idx += 1

    Vocabulary.__module__ = "vocab"
    Vocabulary.__qualname__ = "Vocabulary"
    module.Vocabulary = Vocabulary
    sys.modules["vocab"] = module
    try:
        vocab = Vocabulary()
        for word in ["<pad>", "<start>", "<end>", "<unk>"] + WORDS:
            vocab.add_word(word)
        with open(path, "wb") as f:
            pickle.dump(vocab, f, protocol=2)
        return dict(vocab.word2idx)
    finally:
        del sys.modules["vocab"]


def randomise_batch_norms(module, generator):
    """Random running statistics, so that a BatchNorm left out of the export would show."""
    for m in module.modules():
        if isinstance(m, torch.nn.BatchNorm2d):
            m.running_mean.copy_(torch.empty_like(m.running_mean).uniform_(-0.1, 0.1,
                                                                          generator=generator))
            m.running_var.copy_(torch.empty_like(m.running_var).uniform_(0.8, 1.2,
                                                                        generator=generator))


def scale_for_signal(image_encoder):
    """Random deep trunks with default init drift towards constant features; shrink the residual
    branches so that different images still get clearly different embeddings."""
    for m in image_encoder.modules():
        if hasattr(m, "bn3"):  # ResNet bottleneck: damp the residual branch
            m.bn3.weight.data.mul_(0.2)


def old_style(image_state, cnn_type):
    """The state dict as vsepp's 2017 checkpoints have it."""
    state = dict(image_state)
    if cnn_type.startswith("vgg"):
        for new, old in (("0", "1"), ("3", "4")):
            for kind in ("weight", "bias"):
                state[f"cnn.classifier.{old}.{kind}"] = state.pop(f"cnn.classifier.{new}.{kind}")
    else:
        for key in [k for k in state if k.endswith("num_batches_tracked")]:
            del state[key]
    return state


def check_interface(out_dir, dim):
    image = onnx.load(os.path.join(out_dir, "image_encoder.onnx"), load_external_data=False)
    text = onnx.load(os.path.join(out_dir, "text_encoder.onnx"))
    onnx.checker.check_model(text)

    def io(graph_io):
        return [(v.name, v.type.tensor_type.elem_type,
                 [d.dim_param or d.dim_value for d in v.type.tensor_type.shape.dim])
                for v in graph_io]

    f32, i64 = onnx.TensorProto.FLOAT, onnx.TensorProto.INT64
    expect = {
        "image inputs": (io(image.graph.input), [("images", f32, ["batch", 3, 224, 224])]),
        "image outputs": (io(image.graph.output), [("embeddings", f32, ["batch", dim])]),
        "text inputs": (io(text.graph.input),
                        [("tokens", i64, ["batch", "length"]), ("lengths", i64, ["batch"])]),
        "text outputs": (io(text.graph.output), [("embeddings", f32, ["batch", dim])]),
    }
    for what, (actual, expected) in expect.items():
        if what.endswith("outputs") and actual and isinstance(actual[0][2][1], str):
            # torch.onnx leaves the width symbolic behind the L2 division; Java reads it at load.
            actual = [(actual[0][0], actual[0][1], [actual[0][2][0], dim])]
        if actual != expected:
            raise AssertionError(f"{out_dir}: {what} are {actual}, expected {expected}")


def make_case(name, options, work):
    log(f"{name}: building a random-weight vsepp model")
    torch.manual_seed(17)
    generator = torch.Generator().manual_seed(23)
    opt = vsepp_model.Options(**options)
    image_encoder = vsepp_model.EncoderImageFull(opt)
    randomise_batch_norms(image_encoder, generator)
    scale_for_signal(image_encoder)
    text_encoder = vsepp_model.EncoderText(len(WORDS) + 4, opt.word_dim, opt.embed_size,
                                           opt.num_layers, opt.use_abs)
    image_encoder.eval()
    text_encoder.eval()

    case_dir = os.path.join(work, name)
    run_dir = os.path.join(case_dir, "runs", f"f30k_vse++_{name}")
    os.makedirs(run_dir)
    os.makedirs(os.path.join(case_dir, "vocab"))
    checkpoint_path = os.path.join(run_dir, "model_best.pth.tar")
    vocab_path = os.path.join(case_dir, "vocab", "f30k_vocab.pkl")
    vocab = write_vocab_pickle(vocab_path)
    torch.save({"epoch": 12, "model": [old_style(image_encoder.state_dict(), opt.cnn_type),
                                       text_encoder.state_dict()],
                "best_rsum": 123.4, "opt": vsepp_namespace(options), "Eiters": 4567},
               checkpoint_path)

    out_dir = os.path.join(case_dir, "converted")
    log(f"{name}: converting")
    started = time.time()
    subprocess.run([sys.executable, os.path.join(TOOLS, "convert_vsepp.py"),
                    "--checkpoint", checkpoint_path, "--vocab", vocab_path, "--out", out_dir],
                   check=True)
    log(f"{name}: converted in {time.time() - started:.0f} s")
    check_interface(out_dir, opt.embed_size)
    with open(os.path.join(out_dir, "vocab.json"), encoding="utf-8") as f:
        if json.load(f) != vocab:
            raise AssertionError(f"{out_dir}/vocab.json differs from the pickle's word2idx")

    # Reference outputs of vsepp's forward passes.
    rng = np.random.RandomState(5)
    pixels = torch.from_numpy(rng.normal(0, 1, size=(3, 3, 224, 224)).astype(np.float32))
    pixels[1] = pixels[1] * 0.5 + 0.8  # different statistics, different features
    pixels[2] = torch.linspace(-2, 2, 224).view(1, 1, 224).expand(3, 224, 224)
    with torch.no_grad():
        image_embeddings = image_encoder(pixels)
    pixels.numpy().astype("<f4").tofile(os.path.join(case_dir, "pixels.f32"))

    ids = [vsepp_model.caption_ids(c, vocab) for c in CAPTIONS]
    lengths = [len(i) for i in ids]
    tokens = torch.zeros(len(ids), max(lengths), dtype=torch.int64)
    for row, caption in enumerate(ids):
        tokens[row, :len(caption)] = torch.tensor(caption)
    with torch.no_grad():
        text_embeddings = text_encoder(tokens, lengths)

    cosines = image_embeddings @ image_embeddings.T
    log(f"{name}: image embedding cosines between inputs {cosines[0, 1]:.4f} {cosines[0, 2]:.4f}")
    check = {
        "model_dir": out_dir,
        "pixels_file": os.path.join(case_dir, "pixels.f32"),
        "image_count": pixels.shape[0],
        "image_embeddings": image_embeddings.tolist(),
        "texts": [{"text": c, "tokens": i, "embedding": e}
                  for c, i, e in zip(CAPTIONS, ids, text_embeddings.tolist())],
    }
    check_path = os.path.join(case_dir, "check.json")
    with open(check_path, "w", encoding="utf-8") as f:
        json.dump(check, f)
    return check_path


def check_refusals(work):
    """The converter refuses, with a message and exit status 1, what it cannot convert."""
    refusal_dir = os.path.join(work, "refusals")
    os.makedirs(refusal_dir)
    vocab_path = os.path.join(refusal_dir, "f30k_vocab.pkl")
    write_vocab_pickle(vocab_path)
    text_state = vsepp_model.EncoderText(10, 4, 6, 1).state_dict()
    cases = {
        "precomputed features": ({"model": [{}, text_state],
                                  "opt": vsepp_namespace(CASES[0][1])}, "precomp"),
        "vocabulary mismatch": ({"model": [{}, text_state],
                                 "opt": vsepp_namespace(CASES[0][1])}, "wrong vocabulary"),
        "not a checkpoint": ([1, 2, 3], "not a vsepp checkpoint"),
    }
    cases["precomputed features"][0]["opt"].data_name = "f30k_precomp"
    for what, (checkpoint, message) in cases.items():
        path = os.path.join(refusal_dir, what.replace(" ", "_") + ".pth.tar")
        torch.save(checkpoint, path)
        result = subprocess.run(
            [sys.executable, os.path.join(TOOLS, "convert_vsepp.py"), "--checkpoint", path,
             "--vocab", vocab_path, "--out", os.path.join(refusal_dir, "out")],
            capture_output=True, text=True)
        if result.returncode != 1 or message not in result.stderr:
            raise AssertionError(f"{what}: expected exit 1 and '{message}', got"
                                 f" {result.returncode}: {result.stderr.strip()}")
    log(f"refusals: {len(cases)} bad inputs refused with a message")


def run_java_check(check_paths, maven_args):
    env = dict(os.environ)
    env["JAVA_HOME"] = subprocess.run([os.path.join(ROOT, "scripts", "java-home.sh")],
                                      check=True, capture_output=True, text=True).stdout.strip()
    command = [os.path.join(ROOT, "mvnw"), "-B", "-q", "-ntp", *maven_args,
               "-pl", "encoders-vse", "-am", "test",
               "-Dtest=ConvertedCheckpointCheck", "-Dsurefire.failIfNoSpecifiedTests=false",
               "-Dvse.convertedChecks=" + ",".join(check_paths)]
    log("running " + " ".join(command))
    subprocess.run(command, cwd=ROOT, env=env, check=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--work", default=os.path.join(ROOT, "encoders-vse", "target",
                                                       "convert-vsepp-test"))
    parser.add_argument("--keep", action="store_true", help="keep the work directory")
    parser.add_argument("--maven-arg", action="append", default=[],
                        help="extra Maven argument, e.g. -o (repeatable)")
    args = parser.parse_args()
    shutil.rmtree(args.work, ignore_errors=True)
    os.makedirs(args.work)
    try:
        check_refusals(args.work)
        checks = [make_case(name, options, args.work) for name, options in CASES]
        run_java_check(checks, args.maven_arg)
        log(f"PASSED: {len(CASES)} checkpoints ({', '.join(n for n, _ in CASES)}) converted and"
            " reproduced by the Java model")
        print(f"{len(CASES)} passed, 0 failed")
        return 0
    except (AssertionError, subprocess.CalledProcessError) as e:
        log(f"FAILED: {e}")
        print(f"0 passed, {len(CASES)} failed")
        return 1
    finally:
        if not args.keep:
            shutil.rmtree(args.work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
