#!/usr/bin/python3
"""Generates the test fixtures of the encoders-vse module.

Run from the repository root with Debian's Python (python3-nltk, python3-torch, python3-torchvision,
python3-onnx, python3-pil, python3-numpy):

    /usr/bin/python3 tools/make_vse_fixtures.py

It writes, under encoders-vse/src/test/resources/dev/crossmodal/vse/:

- treebank-cases.json: a few hundred varied texts with the words NLTK 3.8's word_tokenize gives for
  them. Punkt's sentence model is not part of NLTK (nor of Debian), so the texts are tokenised with
  preserve_line=True, the semantics the Java port implements (see TreebankWordTokenizer).
- tiny-model/: a random-weight VSE++ in the converter's layout (image_encoder.onnx,
  text_encoder.onnx, vocab.json), built from vsepp's own module structure with a small CNN trunk,
  a few synthetic images, and expected.json with what the PyTorch model gives for them and for a set
  of captions: token ids, pixel samples and L2-normalised embeddings.

Everything is seeded, so running it again gives the same files.
"""

import json
import os
import random
import sys

import numpy as np
import torch
from nltk.tokenize import word_tokenize
from PIL import Image

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import vsepp_model  # noqa: E402  (the tools folder holds the shared vsepp code)

OUT = os.path.join("encoders-vse", "src", "test", "resources", "dev", "crossmodal", "vse")

# ---------------------------------------------------------------------------------------------
# Tokenizer cases
# ---------------------------------------------------------------------------------------------

HAND_WRITTEN = [
    "",
    " ",
    "   \t  ",
    "a",
    "A DOG",
    "A dog runs on the beach .",
    "A dog runs on the beach.",
    "a dog runs on the beach.  ",
    "a dog runs on the beach.\n",
    "a dog. a cat.",
    "Mr. Smith walks his dog in the U.S. today.",
    "don't stop: it's the dog's toy!",
    "they're we've I'm you'll he'd",
    "THEY'RE WE'VE I'M YOU'LL HE'D DON'T",
    "She said, \"Look at the dog!\"",
    "\"Quoted at the start,\" he said.",
    "He said ''hello'' and left",
    "``Tex-style quotes'' are here",
    "'Single quotes' around words",
    "the dogs' toys are 'old'",
    "I cannot go, gimme that, gonna try, gotta run, lemme see, wanna play",
    "d'ye know more'n me?",
    "'tis the season and 'twas the night",
    "Whaddya want? Whatcha doing?",
    "3 dogs and 12 cats, 2024",
    "It costs $3.88 (roughly 3,36 euros) at 12:30",
    "Good muffins cost $3.88\nin New York.  Please buy me\ntwo of them.\nThanks.",
    "café naïve résumé",
    "Fish &amp; chips &lt;3",
    "emoji 🐶🐱 time",
    "一只狗在草地上",
    "tabs\tand\nnewlines   and    spaces",
    "hyphen-ated well-known x-ray",
    "<|startoftext|> literal <|endoftext|> tokens",
    "Привет мир",
    "ALL CAPS SHOUTING!!!",
    "...",
    "Wait... what?!",
    "a -- b --- c ---- d",
    "(parenthesised) [bracketed] {braced} <angled>",
    "email me@example.com #hashtag 50% off; now",
    "stars * and ** and ***",
    "«guillemets» and “curly” and ‘single’ and „low“",
    "It’s a dog’s life",
    "The ’90s were great",
    "rock 'n' roll",
    "o'clock and O'Neil and y'all",
    "ain't isn't aren't wasn't weren't won't can't shan't",
    "Ol' man river",
    "a b c.",
    "end with question?",
    "end with quote.\"",
    "end with bracket.)",
    "end with both.')",
    "end with many.'\")]}>",
    "ends with dots..",
    "ends with ellipsis…",
    "3.5 times 2.0 is 7.0.",
    "1,000,000 people, 2,5 kg",
    "time 10:45:30 and ratio 3:1",
    "colon at end:",
    "comma at end,",
    ",leading comma",
    ":leading colon",
    "a,b,c",
    "a:b:c",
    "a, b, c",
    "x,1 y,a",
    "\"",
    "''",
    "'",
    "`",
    "``",
    "\"\"",
    "' '",
    "'a' 'b'",
    "' hello",
    "hello '",
    "l'amour l'homme",
    "qu'il",
    "Jones' house",
    "the '60s and '70s",
    "'s 'S 'm 'M 'd 'D",
    "n't N'T",
    "CANNOT Cannot cAnNoT",
    "WANNA go and wanna\n",
    "wanna",
    "gonna.",
    "sub_word under_score _lead trail_",
    "numbers: ١٢٣ and ४५६",
    "superscript² and fraction ½",
    "non\u00a0breaking\u2009thin\u3000ideographic",
    "line\u2028separator\u2029paragraph",
    "next\u0085line",
    "info\u001fseparator",
    "zero\u200bwidth joiner",
    "combining e\u0301 accent",
    "İstanbul and DİYARBAKIR",
    "ΟΔΟΣ and ὈΔΥΣΣΕΎΣ",
    "straße STRASSE",
    "tab\tat\tend\t",
    "trailing newline.\n",
    "trailing crlf.\r\n",
    "windows\r\nlines\r\n",
    "&",
    "@#$%&;",
    "?!?!",
    "!!!",
    "(a)",
    "[a].",
    "a.b.c",
    "e.g. i.e. etc.",
    "U.S.A.",
    "www.example.com/path?x=1&y=2",
    "C++ and C# and F#",
    "A man in a blue shirt , cowboy hat and a cross neckless walking .",
    "A couple dressed in hoodies kissing on the beach .",
    "Two boys , one with a yellow and orange ball , play in some water .",
]

WORDS = [
    "a", "the", "dog", "dogs", "man", "woman", "child", "children", "girl", "boy", "cat", "bike",
    "ball", "red", "blue", "green", "runs", "running", "jumps", "sits", "on", "in", "at", "with",
    "beach", "park", "street", "water", "snow", "grass", "two", "three", "young", "old", "big",
    "small", "is", "are", "and", "or", "of", "to", "from", "near", "crowd", "holding", "wearing",
    "shirt", "hat", "camera", "Man", "DOG", "Boy", "New", "York", "café", "naïve", "piñata",
    "über", "Zürich", "façade", "résumé", "coöperate", "北京", "東京", "Москва", "αβγ", "🐶", "🚲",
    "12", "3", "2024", "3.5", "1,000", "10:30", "50%", "$5", "#1", "x-ray", "well-known",
    "e-mail", "t-shirt", "o'clock", "rock'n'roll",
]
CLITIC_WORDS = [
    "don't", "doesn't", "isn't", "it's", "he's", "she's", "that's", "what's", "there's", "let's",
    "I'm", "you're", "we're", "they're", "I've", "we've", "you'll", "he'll", "I'd", "they'd",
    "can't", "won't", "cannot", "gonna", "wanna", "gotta", "gimme", "lemme", "dog's", "boys'",
    "DON'T", "IT'S", "Dog's", "y'all", "ma'am", "'em", "'cause", "'tis", "'twas", "more'n", "d'ye",
]
PUNCT = [
    ".", ",", ";", ":", "!", "?", "...", "--", "-", "(", ")", "[", "]", "{", "}", "<", ">", "\"",
    "'", "''", "``", "`", "«", "»", "“", "”", "‘", "’", "„", "&", "@", "#", "$", "%", "*", "/",
    "…", "·",
]
GLUE = [" ", " ", " ", " ", " ", "", "  ", "\t", "\n", "\u00a0"]


def generated_cases(count, seed=5):
    rng = random.Random(seed)
    cases = []
    for _ in range(count):
        pieces = []
        for _ in range(rng.randint(1, 14)):
            roll = rng.random()
            if roll < 0.55:
                pieces.append(rng.choice(WORDS))
            elif roll < 0.75:
                pieces.append(rng.choice(CLITIC_WORDS))
            else:
                pieces.append(rng.choice(PUNCT))
            pieces.append(rng.choice(GLUE))
        text = "".join(pieces)
        if rng.random() < 0.5:
            text = text.strip() + rng.choice([".", " .", "!", "?", ".\"", ".'", ".)", "", ","])
        if rng.random() < 0.2:
            text = text.lower()
        cases.append(text)
    return cases


def tokenizer_cases():
    texts = HAND_WRITTEN + generated_cases(260)
    cases = []
    seen = set()
    for text in texts:
        if text in seen:
            continue
        seen.add(text)
        cases.append({"text": text, "tokens": word_tokenize(text, preserve_line=True)})
    return cases


# ---------------------------------------------------------------------------------------------
# Tiny model
# ---------------------------------------------------------------------------------------------

CAPTIONS = [
    "A dog runs on the beach .",
    "Two children play with a red ball in the park.",
    "a man wearing a blue shirt is riding a bike",
    "The woman's dog doesn't like the snow!",
    "A cat sits near the water, looking at two birds.",
    "An old man and a young boy are fishing .",
    "A girl in a green dress jumps over a puddle",
    "Three people stand on a street corner at night .",
    "unknownword anotherunknownword",
    "A DOG",
    "a",
    "",
    "   ",
    "dog dog dog dog dog dog dog dog dog dog dog dog dog dog dog dog dog dog dog dog dog dog",
    "\"Quoted\" words (and brackets) -- with dashes; can't stop.",
]

VOCAB_WORDS = sorted(set(
    "a an the dog dogs cat man woman boy girl children people runs run sits jumps play playing "
    "riding fishing stand stands is are on in at with near over and of to two three red blue green "
    "young old ball park beach snow water street corner night bike shirt dress puddle birds bird "
    "looking like wearing 's n't does do , . ! ? ( ) ; : '' `` -- ca".split()))

SYNTHETIC_IMAGES = {
    # name: (width, height, mode)
    "wide.png": (320, 150, "RGB"),
    "tall.png": (140, 300, "RGB"),
    "small.png": (60, 45, "RGB"),
    "gray.png": (260, 240, "L"),
    "rgba.png": (240, 257, "RGBA"),
}


def synthetic_image(width, height, mode, seed):
    """A smooth pattern with some noise: resampling differences show, but stay small."""
    rng = np.random.RandomState(seed)
    ys, xs = np.mgrid[0:height, 0:width].astype(np.float32)
    channels = []
    for c in range(4):
        fx, fy, phase = rng.uniform(0.01, 0.08), rng.uniform(0.01, 0.08), rng.uniform(0, 6.3)
        wave = 127.5 + 100 * np.sin(xs * fx + ys * fy + phase)
        wave += rng.normal(0, 4, size=wave.shape)
        channels.append(np.clip(wave, 0, 255).astype(np.uint8))
    rgba = np.stack(channels, axis=-1)
    image = Image.fromarray(rgba, "RGBA")
    if mode == "RGB":
        return image.convert("RGB")
    if mode == "L":
        return image.convert("L")
    return image


def tiny_model(out_dir):
    torch.manual_seed(7)
    opt = vsepp_model.Options(cnn_type="tiny", embed_size=24, word_dim=12, num_layers=1,
                              use_abs=False, no_imgnorm=False)
    vocab = {"<pad>": 0, "<start>": 1, "<end>": 2, "<unk>": 3}
    for word in VOCAB_WORDS:
        vocab[word] = len(vocab)
    trunk = vsepp_model.TinyTrunk()
    batch_norm = trunk.net[3]
    batch_norm.running_mean.uniform_(-0.2, 0.2)
    batch_norm.running_var.uniform_(0.5, 2.0)
    img_enc = vsepp_model.EncoderImageFull(opt, trunk=trunk)
    txt_enc = vsepp_model.EncoderText(len(vocab), opt.word_dim, opt.embed_size, opt.num_layers,
                                      opt.use_abs)
    img_enc.eval()
    txt_enc.eval()
    os.makedirs(out_dir, exist_ok=True)
    vsepp_model.export(img_enc, txt_enc, vocab, out_dir)

    images_dir = os.path.join(out_dir, "images")
    os.makedirs(images_dir, exist_ok=True)
    expected = {"dim": opt.embed_size, "images": [], "texts": []}
    rng = np.random.RandomState(11)
    for seed, (name, (width, height, mode)) in enumerate(sorted(SYNTHETIC_IMAGES.items())):
        path = os.path.join(images_dir, name)
        synthetic_image(width, height, mode, seed).save(path)
        pixels = vsepp_model.vsepp_transform(Image.open(path))
        with torch.no_grad():
            embedding = img_enc(pixels.unsqueeze(0))[0]
        flat = pixels.flatten().numpy()
        index = np.sort(rng.choice(flat.size, 512, replace=False))
        expected["images"].append({
            "file": name,
            "pixels": {"shape": list(pixels.shape), "index": index.tolist(),
                       "value": [round(float(v), 6) for v in flat[index]]},
            "embedding": [round(float(v), 7) for v in embedding],
        })

    for caption in CAPTIONS:
        ids = vsepp_model.caption_ids(caption, vocab)
        with torch.no_grad():
            embedding = txt_enc(torch.tensor([ids]), [len(ids)])[0]
        expected["texts"].append({
            "text": caption, "tokens": ids,
            "embedding": [round(float(v), 7) for v in embedding]})

    with open(os.path.join(out_dir, "expected.json"), "w", encoding="utf-8") as f:
        json.dump(expected, f, ensure_ascii=False, indent=1)
        f.write("\n")


def main():
    os.makedirs(OUT, exist_ok=True)
    cases = tokenizer_cases()
    with open(os.path.join(OUT, "treebank-cases.json"), "w", encoding="utf-8") as f:
        json.dump(cases, f, ensure_ascii=True, indent=0)
        f.write("\n")
    print(f"{len(cases)} tokenizer cases", file=sys.stderr)
    tiny_model(os.path.join(OUT, "tiny-model"))
    print("tiny model written", file=sys.stderr)


if __name__ == "__main__":
    main()
