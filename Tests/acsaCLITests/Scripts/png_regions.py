#!/usr/bin/env python3
"""Reads a screenshot (PNG, 8-bit RGB or RGBA, not interlaced) with the standard library
only, and reports where the charts are and what is drawn in them, as JSON.

    png_regions.py SHOT.png SPEC.json

SPEC: {"plots": {"name": "#rrggbb", ...}, "inks": {"name": "#rrggbb", ...}, "tolerance": 8}

A plot area is found by its background colour: the rows holding at least `min_run`
pixels of it, grouped into bands of rows at most `gap` apart (grid lines cross the plot;
the charts are stacked, never side by side). For each band the report gives its bounding box, and inside it the number of
pixels of each ink colour and the number of "other" pixels (neither the background nor
an ink nor light: text, mostly), and the length in pixels of the dark line along its
left edge (`axis_left`) and along its bottom edge (`axis_bottom`): the axes.

    png_regions.py SHOT.png --crop X Y W H OUT.png   writes a part of the image (to look at)
"""
import json
import struct
import sys
import zlib


def read_png(path):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise SystemExit(f"{path}: not a PNG")
    pos, idat = 8, []
    width = height = depth = ctype = interlace = None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            width, height, depth, ctype, _, _, interlace = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            break
    if depth != 8 or ctype not in (2, 6) or interlace != 0:
        raise SystemExit(f"{path}: unsupported PNG (depth {depth}, colour type {ctype}, interlace {interlace})")
    bpp = 3 if ctype == 2 else 4
    raw = zlib.decompress(b"".join(idat))
    stride = width * bpp
    rows, prev = [], bytearray(stride)
    for y in range(height):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        if f == 1:
            for i in range(bpp, stride):
                line[i] = (line[i] + line[i - bpp]) & 0xFF
        elif f == 2:
            line = bytearray((a + b) & 0xFF for a, b in zip(line, prev))
        elif f == 3:
            for i in range(stride):
                left = line[i - bpp] if i >= bpp else 0
                line[i] = (line[i] + ((left + prev[i]) >> 1)) & 0xFF
        elif f == 4:
            for i in range(stride):
                a = line[i - bpp] if i >= bpp else 0
                b = prev[i]
                c = prev[i - bpp] if i >= bpp else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[i] = (line[i] + pred) & 0xFF
        rows.append(bytes(line))
        prev = line
    if bpp == 4:  # drop alpha
        rows = [bytes(b for i, b in enumerate(r) if i % 4 != 3) for r in rows]
    return width, height, rows


def hex_rgb(h):
    v = int(h.lstrip("#"), 16)
    return (v >> 16) & 0xFF, (v >> 8) & 0xFF, v & 0xFF


def near(px, rgb, tol):
    return abs(px[0] - rgb[0]) <= tol and abs(px[1] - rgb[1]) <= tol and abs(px[2] - rgb[2]) <= tol


def analyse(path, spec):
    width, height, rows = read_png(path)
    tol = spec.get("tolerance", 8)
    min_run = spec.get("min_run", 100)
    gap = spec.get("gap", 6)  # grid lines cross a plot area: rows that short apart are one band
    inks = {k: hex_rgb(v) for k, v in spec.get("inks", {}).items()}
    result = {"width": width, "height": height, "plots": {}}
    for name, colour in spec["plots"].items():
        target = bytes(hex_rgb(colour))
        bands, current = [], None
        for y, row in enumerate(rows):
            # Exact matches are found fast with bytes.count on aligned pixels.
            xs = [x for x in range(width) if row[3 * x:3 * x + 3] == target] if row.count(target) >= min_run else []
            if len(xs) >= min_run:
                if current and y - current["y1"] <= gap:
                    current["y1"] = y
                    current["x0"] = min(current["x0"], xs[0])
                    current["x1"] = max(current["x1"], xs[-1])
                else:
                    current = {"x0": xs[0], "x1": xs[-1], "y0": y, "y1": y}
                    bands.append(current)
        for band in bands:
            counts = {k: 0 for k in inks}
            other = 0
            bg = hex_rgb(colour)
            for y in range(band["y0"], band["y1"] + 1):
                row = rows[y]
                for x in range(band["x0"], band["x1"] + 1):
                    px = row[3 * x:3 * x + 3]
                    if near(px, bg, 2):
                        continue
                    hit = False
                    for k, rgb in inks.items():
                        if near(px, rgb, tol):
                            counts[k] += 1
                            hit = True
                            break
                    if not hit and min(px) < 200:
                        other += 1
            band["inks"] = counts
            band["other"] = other
            # The axes run along the left and bottom edges of the plot area, just outside it.
            dark = lambda px: max(px) < 150
            band["axis_left"] = max(
                sum(1 for y in range(band["y0"], band["y1"] + 1) if dark(rows[y][3 * x:3 * x + 3]))
                for x in range(max(band["x0"] - 4, 0), band["x0"] + 1))
            band["axis_bottom"] = max(
                sum(1 for x in range(band["x0"], band["x1"] + 1) if dark(rows[y][3 * x:3 * x + 3]))
                for y in range(band["y1"], min(band["y1"] + 5, height)))
        result["plots"][name] = bands
    return result


def write_png(path, width, height, rows):
    raw = b"".join(b"\x00" + r for r in rows)
    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
    png += chunk(b"IDAT", zlib.compress(raw, 6)) + chunk(b"IEND", b"")
    open(path, "wb").write(png)


if __name__ == "__main__":
    if len(sys.argv) == 8 and sys.argv[2] == "--crop":
        w, h, rows = read_png(sys.argv[1])
        x, y, cw, ch = map(int, sys.argv[3:7])
        part = [r[3 * x:3 * (x + cw)] for r in rows[y:y + ch]]
        write_png(sys.argv[7], cw, len(part), part)
    elif len(sys.argv) == 3:
        print(json.dumps(analyse(sys.argv[1], json.load(open(sys.argv[2])))))
    else:
        raise SystemExit(__doc__)
