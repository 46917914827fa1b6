#!/usr/bin/env python3
"""Generates the text-fixing corpus that TextFixer and ClipTokenizer are tested against.

The texts imitate what users really send to a CLIP search box or put in caption files: curly
quotes and apostrophes from phone keyboards, NFD accents from macOS, fullwidth forms from CJK
input methods, ligatures pasted from PDFs, mojibake of many kinds (UTF-8 read as Latin-1,
Windows-1252/1250/1251/1253/1254/1257, ISO-8859-2, MacRoman, CP437; double-encoded; with the
no-break space turned into a space; with lost bytes shown as U+FFFD; embedded in otherwise good
text), control characters, HTML entities, terminal colour escapes, emoji, CJK and mixtures
(ftfy-corpus.json). A second file, ftfy-random.json, holds randomly damaged texts that reach the
corners of the mojibake heuristics.

For each text both files record the reference outputs:
- "fixed": ftfy.fix_text(text) with default settings (ftfy 6.3);
- "ids": openai/CLIP's simple_tokenizer (which runs ftfy.fix_text first) with start/end tokens,
  truncated to 77 as clip.tokenize(..., truncate=True) does, without the zero padding.

Usage (in a venv with ftfy 6.3 and regex; pip's local index serves both):

    python3 -m venv --system-site-packages /work/venvs/ftfy
    /work/venvs/ftfy/bin/pip install 'ftfy==6.3.*' regex
    /work/venvs/ftfy/bin/python tools/make_ftfy_corpus.py --simple-tokenizer PATH/TO/simple_tokenizer.py

PATH/TO/simple_tokenizer.py is openai/CLIP's clip/simple_tokenizer.py (github.com/openai/CLIP);
its BPE file is taken from this repository. The output is deterministic.
"""
import argparse
import importlib.util
import json
import random
import unicodedata
from pathlib import Path

import ftfy

ROOT = Path(__file__).resolve().parent.parent
BPE = ROOT / "encoders-clip/src/main/resources/dev/crossmodal/clip/bpe_simple_vocab_16e6.txt.gz"
OUT = ROOT / "encoders-clip/src/test/resources/dev/crossmodal/clip/text/ftfy-corpus.json"
RANDOM_OUT = ROOT / "encoders-clip/src/test/resources/dev/crossmodal/clip/text/ftfy-random.json"
CONTEXT = 77

# Captions in the style of Flickr/COCO, with the accents, apostrophes and scripts users write.
CAPTIONS = [
    "A dog's running on the beach near the café",
    "Two children don't want to leave the playground",
    "The chef's crème brûlée with fresh berries",
    "A man in a red jacket skiing down a snowy slope",
    "Crowd watching the fireworks over the harbour",
    "Straße in München at night with trams",
    "Señora selling jalapeños at the mercado in Coyoacán",
    "A naïve painting of the Château de Chambord",
    "Zoë and Chloë are reading Brontë on the sofa",
    "Smörgåsbord at a Swedish midsummer party",
    "Père Noël waving from a sleigh",
    "São Paulo skyline at dusk, seen from the Avenida Paulista",
    "Crianças brincando à beira-mar em Florianópolis",
    "Łódź old town square with colourful façades",
    "Český Krumlov castle above the river",
    "İstanbul'da Boğaz'a bakan bir çay bahçesi",
    "Kaštela beach in Croatia, žal i more",
    "Rīga cathedral and the Daugava in winter",
    "Москва, Красная площадь зимой",
    "Дети играют в снегу возле школы",
    "Η Ακρόπολη της Αθήνας το ηλιοβασίλεμα",
    "Ένα σκυλί τρέχει στην παραλία",
    "東京タワーと夜景",
    "桜の下でお花見をする家族",
    "一只猫坐在窗台上晒太阳",
    "北京故宫的雪景",
    "서울의 밤거리와 네온사인",
    "A bowl of phở at a street stall in Hà Nội",
    "Coffee and a croissant for €3.50 in Paris",
    "Fish and chips for £7 on Brighton pier",
    "It's 25°C and sunny — perfect for the beach",
    "A ½ marathon finish line, runners at 5 km/h",
    "The mountain is 8,848 m high; climbers at −20 °C",
    "Smiling girl holding a sign that says I ♥ NY",
    "A hiker's backpack with a water bottle and a map",
    "We're at the concert and it's amazing",
    "They'll be flying to Reykjavík on Friday",
    "Three friends taking a selfie in front of the Eiffel Tower",
    "An old fisherman mending nets in the port of Nazaré",
    "A bride and groom's first dance at the reception",
    "Kids' bikes lined up outside the school",
    "A cat sleeping on a laptop keyboard",
    "Traffic jam on the highway during rush hour",
    "Fresh pain au chocolat from the boulangerie",
    "Homemade ramen with a soft-boiled egg",
    "Surfers waiting for waves at Bondi Beach",
    "A little boy blowing out candles on his birthday cake",
    "Street musician playing the accordion in Montmartre",
    "Mt. Fuji reflected in Lake Kawaguchi",
    "Hot-air balloons over Cappadocia at sunrise",
]

EMOJI = [
    "Best day ever 😂😂😂",
    "Sunset vibes 🌅🔥 #nofilter",
    "My puppy 🐶❤️ is so cute",
    "Thumbs up 👍🏽 from the team",
    "Family trip 👨‍👩‍👧‍👦 to the lake",
    "Go team 🇧🇷🇫🇷🇯🇵!",
    "Call me ☎️ or text #️⃣1",
    "Proud of Wales 🏴󠁧󠁢󠁷󠁬󠁳󠁿 rugby",
    "Rainbow 🏳️‍🌈 parade downtown",
    "Pizza night 🍕🍺 with friends",
    "¯\\_(ツ)_/¯ no idea where this is",
    "(╯°□°)╯︵ ┻━┻ when the bus is late",
    "ಠ_ಠ that face my cat makes",
    "ò_ó angry dog at the vet",
    "ヽ(´▽`)/ happy kid at the park",
    "♪ Singing in the rain ♫",
]

SINGLE_BYTE = [
    "latin-1", "windows-1252", "windows-1251", "windows-1250", "windows-1253", "windows-1254",
    "windows-1257", "iso-8859-2", "mac_roman", "cp437",
]


def curl(text, rng):
    """What phone keyboards and word processors do to quotes and apostrophes."""
    text = text.replace("'", rng.choice(["\u2019", "\u2019", "\u2018", "\u02bc", "\u201b"]))
    words = text.split(" ")
    if len(words) > 3:
        i = rng.randrange(0, len(words) - 2)
        open_, close = rng.choice([("\u201c", "\u201d"), ("\u201e", "\u201c"), ("\u2018", "\u2019"),
                                   ("\u201f", "\u201d"), ("\u00ab", "\u00bb")])
        words[i] = open_ + words[i]
        words[i + 1] = words[i + 1] + close
    return " ".join(words)


def fullwidth(text, rng):
    out = []
    for ch in text:
        if ch == " ":
            out.append("\u3000" if rng.random() < 0.7 else " ")
        elif "!" <= ch <= "~":
            out.append(chr(ord(ch) - 0x21 + 0xFF01))
        else:
            out.append(ch)
    return "".join(out)


HALFWIDTH_KATAKANA = ["ｶﾞｯｺｳ ﾉ ｼｬｼﾝ", "ﾄｳｷｮｳ ﾀﾜｰ ﾄ ﾖﾙ", "Ｕﾀｰﾝ ｷﾝｼ", "ﾗｰﾒﾝ ｦ ﾀﾍﾞﾙ"]


def ligate(text, rng):
    for plain, lig in [("ffi", "\ufb03"), ("ffl", "\ufb04"), ("ff", "\ufb00"), ("fi", "\ufb01"),
                       ("fl", "\ufb02"), ("st", "\ufb06"), ("IJ", "\u0132"), ("ij", "\u0133")]:
        if rng.random() < 0.8:
            text = text.replace(plain, lig)
    return text


LIGATURE_TEXTS = [
    "The ﬁrst ﬂight of the day", "A ﬁsh market in the harbour", "Oﬃce workers at lunch",
    "Waﬄes with syrup", "Stuﬀed toys on a shelf", "A ﬁreﬁghter on a ladder",
    "Ĳsselmeer dike at sunset", "De ĳsbaan in Amsterdam", "ǅak on the football pitch",
    "Ǉubljana old town", "Ǳ and ǲenan and ǳ on a Serbian sign", "A beautiful ﬁeld of ﬂowers", "Eﬀective ﬁtness class", "The ﬆreet fair",
]


def mojibake(text, enc, errors="strict"):
    return text.encode("utf-8").decode(enc, errors=errors)


def sloppy(text, enc):
    """UTF-8 read as a Windows code page by software that keeps unassigned bytes (browsers do)."""
    return text.encode("utf-8").decode("sloppy-" + enc)


def make_mojibake(rng, texts):
    out = []
    accented = [t for t in texts if not t.isascii()]
    for i, text in enumerate(accented):
        enc = SINGLE_BYTE[i % len(SINGLE_BYTE)]
        try:
            if enc.startswith("windows-"):
                bad = sloppy(text, enc)
            else:
                bad = mojibake(text, enc)
        except UnicodeDecodeError:
            continue
        out.append(("mojibake-" + enc, bad))
    # Curly quotes and dashes read as Windows-1252: the most common mojibake on the web.
    for text in ["It\u2019s a dog\u2019s life", "\u201cHello\u201d said the parrot",
                 "Beach \u2013 sunset \u2014 waves", "Wait for it\u2026 jump!",
                 "\u2022 bullet point list of toys", "\u2018Best\u2019 pizza in town",
                 "Caf\u00e9 \u2122 sign on the wall", "10\u00b0C \u2013 a cold morning",
                 "\u20ac5 coffee and a \u00a35 sandwich", "Naïve art \u2014 caf\u00e9s of Paris"]:
        out.append(("mojibake-windows-1252-punct", sloppy(text, "windows-1252")))
        out.append(("mojibake-lossy", mojibake(text, "windows-1252", errors="replace")))
    # Double-encoded: UTF-8 read as Windows-1252 twice.
    for text in ["Café au lait", "Crème brûlée", "It\u2019s time", "München Straße", "São João",
                 "Zoë\u2019s party", "naïve façade"]:
        out.append(("mojibake-double", sloppy(sloppy(text, "windows-1252"), "windows-1252")))
        out.append(("mojibake-double-latin1", mojibake(mojibake(text, "latin-1"), "latin-1")))
    # The no-break space inside UTF-8 sequences turned into a plain space.
    for text in ["à la mode", "Voilà le travail", "Tarte à la crème", "Dîner à huit heures",
                 "Ele foi à praia", "Vamos às compras", "Pão à moda antiga"]:
        out.append(("mojibake-a0-space", sloppy(text, "windows-1252").replace("\xa0", " ")))
    # Mojibake embedded in good text (concatenated from two sources).
    for text in accented[:12]:
        bad = sloppy(text, "windows-1252")
        out.append(("mojibake-mixed", "Good: caf\u00e9 \u2014 bad: " + bad))
    for text in ["Ã©tÃ© Ã  Paris", "cafÃ©", "SchÃ¶ne GrÃ¼ÃŸe", "â€œQuotedâ€\x9d",
                 "Ã¼ber", "dÃ©jÃ  vu", "piÃ±a colada", "CÃ´te dâ€™Azur", "Ã‰cole",
                 "â€¦and then", "Ð¡Ð¾Ð±Ð°ÐºÐ°", "Î‘Î¸Î®Î½Î±", "ÐŸÑ€Ð¸Ð²ÐµÑ‚"]:
        out.append(("mojibake-typed", text))
    # Latin-1 read as Windows-1252 mixups and leftover C1 controls.
    for text in ["Price: 10\x80 per day", "Quote \x93here\x94 and \x91there\x92",
                 "Ellipsis\x85 in text", "Dash \x96 between", "Trademark\x99 logo"]:
        out.append(("c1-controls", text))
    # Emoji mojibake.
    for text in ["Love it \u2764\ufe0f", "So funny \U0001F602", "Party \U0001F389\U0001F38A",
                 "Thumbs \U0001F44D\U0001F3FD"]:
        out.append(("mojibake-emoji", sloppy(text, "windows-1252")))
        out.append(("mojibake-emoji-latin1", mojibake(text, "latin-1")))
    # CESU-8 / Java's modified UTF-8 read as Windows-1252.
    for text in ["Smile \U0001F600 please", "Rocket \U0001F680 launch"]:
        cesu = "".join(
            c if ord(c) < 0x10000 else "".join(
                s for s in (chr(0xD800 + ((ord(c) - 0x10000) >> 10)), chr(0xDC00 + ((ord(c) - 0x10000) & 0x3FF))))
            for c in text).encode("utf-8", "surrogatepass")
        out.append(("mojibake-cesu8", cesu.decode("sloppy-windows-1252")))
    # Texts that look odd but are correct: ftfy must leave them alone.
    for text in ["Ã is a letter in Portuguese", "The price is 5¢ or 10£", "I ♥ Ωmega watches",
                 "Björk – Homogenic (1997)", "Größe: 42 ½", "Jalapeño & piña", "Ñandú in Argentina",
                 "C'est l'été", "ÀÉÎÕÜ capitals", "×² math symbols", "Æsir and Ænima",
                 "Ł ż ź ć ń ó ę ą ś", "«Bonjour» dit-il", "¿Qué pasa? ¡Hola!", "§ 12 ¶ 3",
                 "Señor Ñoño", "Ä Ö Ü ä ö ü ß", "Élan vital", "Œuvre complète", "µm-scale",
                 "Dublin Â£ (not mojibake?)"]:
        out.append(("plausible", text))
    rng.shuffle(out)
    return out


CONTROL = ["\x00", "\x01", "\x07", "\x08", "\x0b", "\x0c", "\x0e", "\x1a", "\x1b", "\x1f",
           "\x7f", "\ufeff", "\u200b", "\u200d", "\u200e", "\u206a", "\ufffc", "\ufff9", "\t",
           "\u00ad", "\x9d"]


def add_controls(text, rng):
    chars = list(text)
    for _ in range(rng.randint(1, 3)):
        chars.insert(rng.randrange(len(chars) + 1), rng.choice(CONTROL))
    return "".join(chars)


LINE_BREAKS = ["\r\n", "\r", "\u2028", "\u2029", "\x85", "\n", "\n\n"]

HTML = [
    "Tom &amp; Jerry", "Fish &amp;amp; chips", "Caf&eacute; de Flore", "CAF&EACUTE; DE FLORE",
    "P&EACUTE;REZ family", "BUNDESSTRA&SZLIG;E 5", "&Ntilde;and&uacute;", "&NTILDE; &nTILDE;",
    "It&#39;s raining", "It&#x2019;s sunny", "Rock &#8216;n&#8217; roll", "Price &pound;5 &ndash; cheap",
    "&lt;b&gt;bold&lt;/b&gt; text", "a <b>bold</b> dog &amp; cat", "5 &lt; 6 &gt; 4", "x < y &amp; y > z",
    "&quot;quoted&quot; text", "&copy; 2024 Photos", "&nbsp;&nbsp;indented", "this&not that",
    "&notit; here", "&eacute without semicolon", "&#128; euro from cp1252", "&#x80;&#x99;",
    "&#0; null ref", "&#xD800; surrogate ref", "&#1114112; too big", "&hellip; and more",
    "&hearts; love &spades;", "&Jscr;ohn &HilbertSpace;ancock", "&checkmark; done",
    "&frac12; cup of sugar", "&FRAC12; CUP", "&amp;eacute; double", "&AMP; upper amp",
    "&#65;&#66;&#67;", "&#x41;&#X42;", "&LTIMES; weird", "&aacute;&Aacute;&AACUTE;",
    "Caf&eacute;&#8230; &mdash; great", "AT&T and M&M's", "R&D dept & co.", "Q&A session",
    "&amp;lt;escaped twice&amp;gt;", "&#39;single&#39; &#34;double&#34;",
    "line one &amp; two\nline <three> &amp; four", "line <one>\nline two &amp; three",
]

ANSI = [
    "\x1b[31mRed car\x1b[0m on the road", "\x1b[1;32mGreen\x1b[0m field", "\x1b[36;44mI'm blue\x1b[0m",
    "Dog\x1b[K in the park", "\x1b[0;1;4mUnderlined title\x1b[m", "Warning: \x1b[33mcaution\x1b[39m sign",
    "\x1b]0;title\x07 window", "\x1b[2J\x1b[HCleared screen", "\x1b[38;5;208mOrange\x1b[0m sunset",
]

SURROGATES = ["Broken \ud83d emoji", "Lone low \udca9 surrogate", "Pair reversed \udca9\ud83d here"]


def variants(rng):
    items = []
    for text in CAPTIONS:
        items.append(("clean", text))
    for text in rng.sample(CAPTIONS, 24):
        items.append(("curly-quotes", curl(text, rng)))
    for text in ["Don't stop", "DON'T STOP BELIEVIN'", "It's a dog's life", "We're here",
                 "I'd say she'll win", "You've got mail", "I'm \"happy\"", "Rock 'n' roll"]:
        items.append(("curly-quotes", curl(text, rng)))
    for text in rng.sample([t for t in CAPTIONS if not t.isascii()], 18):
        items.append(("nfd", unicodedata.normalize("NFD", text)))
    for text in rng.sample(CAPTIONS, 10):
        items.append(("fullwidth", fullwidth(text, rng)))
    for text in ["ＬＯＵＤ　ＮＯＩＳＥＳ", "ｈｅｌｌｏ　ｗｏｒｌｄ！", "２０２４年　東京", "Ｔｈｅ　ｃａｔ＇ｓ　ｈａｔ"]:
        items.append(("fullwidth", text))
    for text in HALFWIDTH_KATAKANA:
        items.append(("halfwidth", text))
    for text in LIGATURE_TEXTS:
        items.append(("ligatures", text))
    for text in rng.sample(CAPTIONS, 6):
        items.append(("ligatures", ligate(text, rng)))
    items.extend(make_mojibake(rng, CAPTIONS))
    for text in rng.sample(CAPTIONS, 20):
        items.append(("control-chars", add_controls(text, rng)))
    for text in rng.sample([t for t in CAPTIONS if " " in t], 10):
        a, b = text.split(" ", 1)
        items.append(("line-breaks", a + rng.choice(LINE_BREAKS) + b + rng.choice(["", "\r\n", "\n"])))
    for text in HTML:
        items.append(("html", text))
    for text in ANSI:
        items.append(("terminal-escapes", text))
    # Upper-case Greek: Python's lower() picks the final sigma by context, not by word boundary.
    for text in ["ΟΔΥΣΣΕΥΣ 2024", "ΑΘΗΝΑΣ9 ΟΔΟΣ", "ΣΑΣ.", "Ο.Σ.Σ", "ΠΑΡΑΛΙΑ ΚΑΣΣΑΝΔΡΑΣ!", "ΌΣ'Σ Α"]:
        items.append(("greek-capitals", text))
    for text in SURROGATES:
        items.append(("surrogates", text))
    for text in EMOJI:
        items.append(("emoji", text))
    # Mixtures of several problems in one text.
    for _ in range(20):
        text = rng.choice(CAPTIONS)
        steps = rng.sample(["curl", "nfd", "moji", "ctrl", "html", "lig", "width", "ansi", "emoji"], 3)
        for step in steps:
            if step == "curl":
                text = curl(text, rng)
            elif step == "nfd":
                text = unicodedata.normalize("NFD", text)
            elif step == "moji":
                try:
                    text = sloppy(text, "windows-1252")
                except UnicodeDecodeError:
                    pass
            elif step == "ctrl":
                text = add_controls(text, rng)
            elif step == "html":
                text = text.replace("&", "&amp;").replace(" and ", " &amp; ") + " &hellip;"
            elif step == "lig":
                text = ligate(text, rng)
            elif step == "width":
                text = fullwidth(text, rng)
            elif step == "ansi":
                text = "\x1b[1m" + text + "\x1b[0m"
            elif step == "emoji":
                text = text + " " + rng.choice(["😂", "👍🏽", "🇯🇵", "❤️", "👨‍👩‍👧"])
        items.append(("mixed+" + "+".join(steps), text))
    # Long texts (truncated to 77 tokens) and whitespace-only edges.
    items.append(("long", " ".join(CAPTIONS[:8])))
    items.append(("long", sloppy(" ".join(CAPTIONS[5:12]), "windows-1252")))
    items.extend([("edge", ""), ("edge", "   "), ("edge", "\u3000\u3000"), ("edge", "\ufeff"),
                  ("edge", "\r\n"), ("edge", "\x1b[0m"), ("edge", "&amp;"), ("edge", "<|endoftext|>"),
                  ("edge", "iota subscript ß\u0345 alone")])
    return items


def random_damage(rng, n):
    """Texts no user writes, made to reach the corners of ftfy's heuristics: strings of the
    characters single-byte code pages decode to, and random UTF-8 (sometimes with corrupted bytes)
    read through random code pages, once or twice, with no-break spaces lost."""
    chars = set()
    for enc in SINGLE_BYTE:
        name = "sloppy-" + enc if enc.startswith("windows-") else enc
        chars |= set(bytes(range(0x80, 0x100)).decode(name))
    chars = sorted(chars)
    base = list("abcdefghijklmnopqrstuvwxyzABCXYZ .,;:!?'\"&<>#0123456789\n\t")
    real = "éèàçüößñøåæœ€£¥©®™–—…“”‘’•°±²³½¼¾×÷µ¶§ВГРСΒΓΞΟвβāĀğış東京😂👍🏽Ǳﬁ＂ｶ"
    encs = ["latin-1"] + ["sloppy-" + e for e in SINGLE_BYTE if e.startswith("windows-")] + \
        ["iso-8859-2", "mac_roman", "cp437"]
    items = []
    for _ in range(n):
        mode = rng.random()
        if mode < 0.4:
            t = "".join(rng.choice(chars) if rng.random() < 0.5 else rng.choice(base)
                        for _ in range(rng.randint(1, 14)))
        elif mode < 0.8:
            s = "".join(rng.choice(real) if rng.random() < 0.4 else rng.choice(base)
                        for _ in range(rng.randint(1, 14)))
            b = s.encode("utf-8")
            if rng.random() < 0.3:
                b = bytes(x if rng.random() > 0.1 else rng.randint(0x80, 0xFF) for x in b)
            t = b.decode(rng.choice(encs), errors="replace")
            if rng.random() < 0.3:
                t = t.encode("utf-8").decode(rng.choice(encs), errors="replace")
            if rng.random() < 0.3:
                t = t.replace("\xa0", " ")
            if rng.random() < 0.3:
                t = rng.choice(real) + " " + t + " " + s
        else:
            t = "".join(rng.choice(real + "".join(chars[:200])) if rng.random() < 0.5 else rng.choice(base)
                        for _ in range(rng.randint(1, 20)))
        items.append(("random", t))
    return items


def reference_cases(items, tokenizer):
    sot = tokenizer.encoder["<|startoftext|>"]
    eot = tokenizer.encoder["<|endoftext|>"]
    seen = set()
    cases = []
    for category, text in items:
        if text in seen:
            continue
        seen.add(text)
        ids = [sot] + tokenizer.encode(text) + [eot]
        if len(ids) > CONTEXT:
            ids = ids[:CONTEXT - 1] + [eot]
        cases.append({"category": category, "text": text, "fixed": ftfy.fix_text(text), "ids": ids})
    return cases


def write(cases, out):
    doc = {
        "generator": "tools/make_ftfy_corpus.py",
        "reference": f"ftfy {ftfy.__version__} fix_text (defaults); openai/CLIP simple_tokenizer.py",
        "cases": cases,
    }
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    # ensure_ascii keeps control characters and lone surrogates readable and intact.
    Path(out).write_text(json.dumps(doc, ensure_ascii=True, indent=1) + "\n", encoding="ascii")
    changed = sum(1 for c in cases if c["fixed"] != c["text"])
    print(f"{len(cases)} texts ({changed} changed by ftfy) -> {out}")


def load_simple_tokenizer(path):
    spec = importlib.util.spec_from_file_location("simple_tokenizer", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.SimpleTokenizer(bpe_path=str(BPE))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--simple-tokenizer", required=True, help="openai/CLIP's clip/simple_tokenizer.py")
    parser.add_argument("--out", default=str(OUT))
    parser.add_argument("--random", type=int, default=600, help="how many random damaged texts")
    parser.add_argument("--random-out", default=str(RANDOM_OUT))
    args = parser.parse_args()
    if not ftfy.__version__.startswith("6."):
        raise SystemExit(f"ftfy 6.x expected, found {ftfy.__version__}")
    tokenizer = load_simple_tokenizer(args.simple_tokenizer)
    write(reference_cases(variants(random.Random(12)), tokenizer), args.out)
    write(reference_cases(random_damage(random.Random(13), args.random), tokenizer), args.random_out)


if __name__ == "__main__":
    main()
