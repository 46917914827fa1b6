#!/usr/bin/python3
"""Renders the bundled toy dataset: about twenty simple scenes and shapes with 2-5 captions each.

The pictures are bold and flat so that a real CLIP model retrieves each one from its captions;
they are drawn, not photographed, so the project can ship them. Output (Kaggle Flickr8k layout):

    data/toy/images/*.png and *.jpg, data/toy/captions.txt

Run from the repository root with Debian's Python (it needs PIL):

    /usr/bin/python3 tools/make_toy_dataset.py [OUT_DIR]

The output is deterministic: no randomness, fixed sizes, no timestamps in the files.
"""
import csv
import math
import os
import sys

from PIL import Image, ImageDraw

SIZE = 256

SKY = (135, 195, 240)
GRASS = (70, 160, 60)
WHITE = (255, 255, 255)
BLACK = (0, 0, 0)


def canvas(colour):
    image = Image.new("RGB", (SIZE, SIZE), colour)
    return image, ImageDraw.Draw(image)


def red_circle():
    image, d = canvas((30, 60, 200))
    d.ellipse((58, 58, 198, 198), fill=(220, 30, 30))
    return image


def sun_over_hills():
    image, d = canvas(SKY)
    d.ellipse((150, 25, 220, 95), fill=(255, 220, 0))
    d.ellipse((-80, 150, 170, 360), fill=GRASS)
    d.ellipse((90, 165, 360, 380), fill=(50, 135, 45))
    return image


def two_black_squares():
    image, d = canvas(WHITE)
    d.rectangle((30, 80, 110, 160), fill=BLACK)
    d.rectangle((146, 80, 226, 160), fill=BLACK)
    return image


def house_with_red_roof():
    image, d = canvas(SKY)
    d.rectangle((0, 200, SIZE, SIZE), fill=GRASS)
    d.rectangle((68, 120, 188, 210), fill=(240, 230, 200))
    d.polygon([(50, 125), (128, 55), (206, 125)], fill=(200, 20, 20))
    d.rectangle((113, 160, 143, 210), fill=(110, 70, 30))
    d.rectangle((80, 140, 102, 160), fill=(170, 220, 250))
    d.rectangle((154, 140, 176, 160), fill=(170, 220, 250))
    return image


def green_triangle():
    image, d = canvas(WHITE)
    d.polygon([(128, 40), (220, 210), (36, 210)], fill=(20, 170, 40))
    return image


def blue_car():
    image, d = canvas((225, 225, 225))
    d.rectangle((0, 190, SIZE, SIZE), fill=(80, 80, 80))
    d.rectangle((30, 120, 226, 175), fill=(20, 60, 210))
    d.polygon([(70, 120), (95, 80), (170, 80), (195, 120)], fill=(20, 60, 210))
    d.polygon([(82, 118), (100, 88), (165, 88), (183, 118)], fill=(180, 220, 250))
    for cx in (75, 181):
        d.ellipse((cx - 24, 152, cx + 24, 200), fill=BLACK)
        d.ellipse((cx - 10, 166, cx + 10, 186), fill=(180, 180, 180))
    return image


def night_moon_stars():
    image, d = canvas((10, 15, 50))
    d.ellipse((140, 30, 220, 110), fill=(250, 245, 200))
    d.ellipse((120, 20, 200, 100), fill=(10, 15, 50))
    # A low-discrepancy sequence spreads the stars evenly without randomness.
    for i in range(1, 16):
        x = int(((i * 0.7548776662) % 1) * 230) + 12
        y = int(((i * 0.5698402910) % 1) * 230) + 12
        if not (125 < x < 225 and 20 < y < 120):
            d.regular_polygon((x, y, 5), 4, rotation=45, fill=WHITE)
    return image


def striped_flag():
    image, d = canvas(WHITE)
    for i in range(0, SIZE, 64):
        d.rectangle((0, i, SIZE, i + 31), fill=(210, 20, 20))
    return image


def checkerboard():
    image, d = canvas(WHITE)
    step = SIZE // 8
    for row in range(8):
        for col in range(8):
            if (row + col) % 2 == 0:
                d.rectangle((col * step, row * step, col * step + step - 1, row * step + step - 1), fill=BLACK)
    return image


def tree_on_grass():
    image, d = canvas(SKY)
    d.rectangle((0, 200, SIZE, SIZE), fill=GRASS)
    d.rectangle((113, 130, 143, 215), fill=(110, 70, 30))
    d.ellipse((60, 30, 196, 160), fill=(30, 130, 40))
    return image


def sailboat():
    image, d = canvas(SKY)
    d.rectangle((0, 170, SIZE, SIZE), fill=(20, 70, 160))
    d.polygon([(70, 165), (190, 165), (170, 195), (90, 195)], fill=(120, 60, 20))
    d.line((128, 40, 128, 165), fill=(80, 50, 20), width=5)
    d.polygon([(132, 45), (132, 155), (200, 155)], fill=WHITE)
    d.polygon([(124, 60), (124, 155), (75, 155)], fill=(245, 245, 230))
    return image


def purple_star():
    image, d = canvas((250, 220, 40))
    points = []
    for k in range(10):
        r = 100 if k % 2 == 0 else 42
        a = math.pi / 2 + k * math.pi / 5
        points.append((128 + r * math.cos(a), 135 - r * math.sin(a)))
    d.polygon(points, fill=(130, 30, 170))
    return image


def snowman():
    image, d = canvas((90, 140, 210))
    d.rectangle((0, 215, SIZE, SIZE), fill=WHITE)
    d.ellipse((68, 140, 188, 240), fill=WHITE, outline=(200, 200, 210), width=2)
    d.ellipse((88, 80, 168, 150), fill=WHITE, outline=(200, 200, 210), width=2)
    d.ellipse((103, 35, 153, 85), fill=WHITE, outline=(200, 200, 210), width=2)
    d.polygon([(126, 60), (150, 64), (126, 66)], fill=(250, 130, 0))
    d.ellipse((114, 50, 120, 56), fill=BLACK)
    d.ellipse((134, 50, 140, 56), fill=BLACK)
    return image


def rainbow():
    image, d = canvas(SKY)
    colours = [(230, 20, 20), (250, 140, 0), (250, 230, 0), (30, 170, 40), (30, 80, 220), (110, 40, 170)]
    for i, colour in enumerate(colours):
        inset = i * 14
        d.pieslice((10 + inset, 50 + inset, 246 - inset, 286 - inset), 180, 360, fill=colour)
    d.pieslice((94, 134, 162, 202), 180, 360, fill=SKY)
    d.rectangle((0, 168, SIZE, SIZE), fill=GRASS)
    return image


def smiley():
    image, d = canvas(WHITE)
    d.ellipse((38, 38, 218, 218), fill=(255, 215, 0), outline=BLACK, width=4)
    d.ellipse((88, 85, 108, 115), fill=BLACK)
    d.ellipse((148, 85, 168, 115), fill=BLACK)
    d.arc((78, 100, 178, 180), 20, 160, fill=BLACK, width=6)
    return image


def red_heart():
    image, d = canvas((250, 190, 210))
    d.ellipse((48, 60, 132, 144), fill=(210, 10, 40))
    d.ellipse((124, 60, 208, 144), fill=(210, 10, 40))
    d.polygon([(52, 118), (204, 118), (128, 210)], fill=(210, 10, 40))
    return image


def traffic_light():
    image, d = canvas((200, 200, 200))
    d.rectangle((124, 190, 132, SIZE), fill=(60, 60, 60))
    d.rectangle((93, 20, 163, 195), fill=(25, 25, 25))
    d.ellipse((108, 30, 148, 70), fill=(230, 20, 20))
    d.ellipse((108, 87, 148, 127), fill=(250, 200, 0))
    d.ellipse((108, 144, 148, 184), fill=(20, 200, 60))
    return image


def balloons():
    image, d = canvas(SKY)
    for cx, colour in ((70, (230, 30, 30)), (128, (30, 170, 50)), (186, (40, 80, 230))):
        top = 40 if cx == 128 else 60
        d.line((cx, top + 80, 128, 235), fill=(60, 60, 60), width=2)
        d.ellipse((cx - 32, top, cx + 32, top + 84), fill=colour)
    return image


def snowy_mountain():
    image, d = canvas(SKY)
    d.polygon([(0, 230), (128, 40), (256, 230)], fill=(110, 110, 120))
    d.polygon([(128, 40), (88, 100), (108, 92), (128, 106), (148, 92), (168, 100)], fill=WHITE)
    d.rectangle((0, 225, SIZE, SIZE), fill=GRASS)
    return image


def pink_flower():
    image, d = canvas((120, 190, 90))
    d.line((128, 140, 128, SIZE), fill=(20, 100, 20), width=8)
    for k in range(6):
        a = k * math.pi / 3
        cx, cy = 128 + 48 * math.cos(a), 110 + 48 * math.sin(a)
        d.ellipse((cx - 34, cy - 34, cx + 34, cy + 34), fill=(245, 110, 180))
    d.ellipse((100, 82, 156, 138), fill=(255, 215, 0))
    return image


def grey_cloud_rain():
    image, d = canvas((180, 190, 200))
    for x, y, r in ((90, 90, 45), (140, 75, 55), (185, 95, 40)):
        d.ellipse((x - r, y - r, x + r, y + r), fill=(110, 110, 120))
    d.rectangle((50, 95, 215, 135), fill=(110, 110, 120))
    for i in range(9):
        x = 60 + i * 19
        d.line((x, 150, x - 8, 180 + (i % 3) * 20), fill=(30, 60, 200), width=3)
    return image


SCENES = [
    ("red_circle.png", red_circle, [
        "a red circle on a blue background",
        "a big red disk in the middle of a blue square",
        "red round shape, blue backdrop",
    ]),
    ("sun_over_hills.png", sun_over_hills, [
        "a yellow sun over green hills",
        "green hills under a blue sky with a bright sun",
        "a sunny landscape with rolling hills",
    ]),
    ("two_black_squares.png", two_black_squares, [
        "two black squares",
        "two black squares side by side on a white background",
    ]),
    ("house_red_roof.jpg", house_with_red_roof, [
        "a house with a red roof",
        "a small cottage with a red roof, a door and two windows",
        "a drawing of a house on the grass",
    ]),
    ("green_triangle.png", green_triangle, [
        "a green triangle on a white background",
        "one big green triangle pointing up",
    ]),
    ("blue_car.png", blue_car, [
        "a blue car on the road",
        "a drawing of a small blue car with black wheels",
        "a blue automobile",
    ]),
    ("night_moon.png", night_moon_stars, [
        "a crescent moon and stars in the night sky",
        "a dark blue night with a yellow moon",
    ]),
    ("red_white_stripes.png", striped_flag, [
        "horizontal red and white stripes",
        "a pattern of red and white stripes",
    ]),
    ("checkerboard.png", checkerboard, [
        "a black and white checkerboard",
        "a chessboard pattern of black and white squares",
    ]),
    ("tree.png", tree_on_grass, [
        "a tree with a brown trunk and a green crown",
        "a single green tree standing on the grass",
    ]),
    ("sailboat.jpg", sailboat, [
        "a sailboat on the sea",
        "a boat with white sails on blue water",
        "a sailing ship on the ocean",
    ]),
    ("purple_star.png", purple_star, [
        "a purple star on a yellow background",
        "a five-pointed purple star",
    ]),
    ("snowman.png", snowman, [
        "a snowman with a carrot nose",
        "a white snowman standing in the snow",
    ]),
    ("rainbow.png", rainbow, [
        "a rainbow over a green field",
        "a colourful rainbow arc in the sky",
    ]),
    ("smiley.png", smiley, [
        "a yellow smiley face",
        "a happy face with two eyes and a smile",
        "a round, yellow \"smiley\" emoji",
    ]),
    ("red_heart.png", red_heart, [
        "a red heart on a pink background",
        "a love heart shape in red",
    ]),
    ("traffic_light.png", traffic_light, [
        "a traffic light with red, yellow and green lights",
        "a traffic signal on a pole",
    ]),
    ("balloons.png", balloons, [
        "three balloons: red, green and blue",
        "colourful balloons floating in the sky",
    ]),
    ("snowy_mountain.jpg", snowy_mountain, [
        "a grey mountain with a snowy peak",
        "a tall mountain with snow on top",
    ]),
    ("pink_flower.png", pink_flower, [
        "a pink flower with a yellow centre",
        "a flower with pink petals on a green stem",
    ]),
    ("rain_cloud.png", grey_cloud_rain, [
        "a grey cloud with rain falling",
        "a rain cloud and blue raindrops",
    ]),
]


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join("data", "toy")
    images_dir = os.path.join(out, "images")
    os.makedirs(images_dir, exist_ok=True)
    rows = []
    for file_name, draw, captions in SCENES:
        path = os.path.join(images_dir, file_name)
        if file_name.endswith(".jpg"):
            # A few JPEGs, so the main job also exercises the photo format.
            draw().save(path, format="JPEG", quality=90)
        else:
            draw().save(path, format="PNG", optimize=True)
        rows.extend((file_name, caption) for caption in captions)
    with open(os.path.join(out, "captions.txt"), "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(("image", "caption"))
        writer.writerows(rows)
    print(f"wrote {len(SCENES)} images and {len(rows)} captions to {out}")


if __name__ == "__main__":
    main()
