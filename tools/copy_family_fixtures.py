#!/usr/bin/python3
"""Copies the test fixtures of encoders-clip's SigLIP / Chinese-CLIP tests out of a reference-families set.

    /usr/bin/python3 tools/copy_family_fixtures.py /work/shared/reference-families \
        encoders-clip/src/test/resources/dev/crossmodal/clip/families

The set (random-weight tiny models in the published ONNX layouts, locally trained tokenizers and
transformers' outputs; see its SPEC.md) is the product owner's; this keeps what the tests need and no
Flickr material: the models' files (SigLIP with its split graphs and model.onnx; Chinese-CLIP with the
published single model.onnx only, so that the combined-graph path is the one tested), the synthetic
images, and an expected.json cut to the non-caption texts and the synthetic images.
"""
import json
import pathlib
import shutil
import sys

src = pathlib.Path(sys.argv[1])
dst = pathlib.Path(sys.argv[2])
expected = json.loads((src / "expected.json").read_text(encoding="utf-8"))
FILES = {
    "siglip-tiny": ["config.json", "preprocessor_config.json", "tokenizer.json", "tokenizer_config.json",
                    "special_tokens_map.json", "onnx/text_model.onnx", "onnx/vision_model.onnx", "onnx/model.onnx"],
    "chinese-clip-tiny": ["config.json", "preprocessor_config.json", "tokenizer.json", "tokenizer_config.json",
                          "special_tokens_map.json", "onnx/model.onnx"],
}
for model, files in FILES.items():
    for f in files:
        (dst / model / f).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src / model / f, dst / model / f)
out = {"source": "reference-families " + expected.get("generator", ""), "families": {}}
for name, fam in expected["families"].items():
    keep = {k: v for k, v in fam.items() if not isinstance(v, list)}
    keep["texts"] = [{k: t[k] for k in ("kind", "text", "input_ids", "attention_mask", "n_tokens", "embedding")}
                     for t in fam["texts"] if not t["kind"].startswith("caption")]
    keep["images"] = []
    for im in fam["images"]:
        file = pathlib.Path(im["file"]).name
        if not file.startswith("synthetic-"):
            continue
        (dst / "images").mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src / im["file"], dst / "images" / file)
        px = im["pixels"]
        keep["images"].append({"file": file, "pixels": {k: px[k] for k in ("shape", "mean", "index", "value")},
                               "embedding": im["embedding"]})
    out["families"][name] = keep
(dst / "expected.json").write_text(json.dumps(out, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
