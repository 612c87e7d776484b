"""Trend charts of published figures: inline SVG for HTML, PNG (drawn with Pillow) for Word.

Both draw the same three lines, told apart by pattern and marker as well as colour: the
authority (solid, with dots), its neighbours' median (dashed, with squares) and England
(dotted). A year with no figure leaves a gap. The PNG holds no text at all (its scale and
key are said in the document's words); the SVG's few labels are real text, escaped.
Pillow is imported only when a PNG is drawn.
"""

from __future__ import annotations

import html
import io
import itertools
import math
from dataclasses import dataclass

from selfassess.exports.figures import IndicatorFigures, number

AUTHORITY_COLOUR = "#0b3d91"
MEDIAN_COLOUR = "#6f2c91"
ENGLAND_COLOUR = "#1b1b1b"
GRID_COLOUR = "#d0d0d0"
# Each at least 3:1 against white (WCAG 1.4.11), and told apart by pattern, not colour only.

WIDTH, HEIGHT = 360, 200
LEFT, RIGHT, TOP, BOTTOM = 52, 12, 12, 28

Point = tuple[float, float]


@dataclass(frozen=True, slots=True)
class Scale:
    low: float
    high: float
    ticks: tuple[float, ...]


def scale(indicator: IndicatorFigures) -> Scale | None:
    """A vertical scale with round ticks covering every value drawn (None: nothing to draw)."""
    values = [
        float(v)
        for y in indicator.series
        for v in (y.value, y.neighbours_median, y.england)
        if v is not None
    ]
    if not values:
        return None
    low, high = min(values), max(values)
    if indicator.unit == "%":
        low, high = max(0.0, low), min(100.0, high)
    if high - low < 1e-9:
        low, high = low - 1, high + 1
    step = _nice_step((high - low) / 3)
    low = math.floor(low / step) * step
    high = math.ceil(high / step) * step
    count = round((high - low) / step)
    return Scale(low, high, tuple(low + i * step for i in range(count + 1)))


def _tick(value: float, unit: str) -> str:
    """A scale's value: whole numbers without ".0"."""
    rounded = round(value, 6)
    return number(int(rounded) if rounded == int(rounded) else rounded, unit)


def _nice_step(raw: float) -> float:
    power = 10.0 ** math.floor(math.log10(raw))
    for nice in (1.0, 2.0, 2.5, 5.0, 10.0):
        if raw <= nice * power:
            return nice * power
    return 10 * power


def _x(index: int, count: int) -> float:
    span = WIDTH - LEFT - RIGHT
    return LEFT + (span * index / (count - 1) if count > 1 else span / 2)


def _y(value: float, s: Scale) -> float:
    return TOP + (HEIGHT - TOP - BOTTOM) * (s.high - value) / (s.high - s.low)


def runs(indicator: IndicatorFigures, s: Scale, which: str) -> list[list[Point]]:
    """One line's points, split where a year has no figure."""
    out: list[list[Point]] = [[]]
    count = len(indicator.series)
    for i, year in enumerate(indicator.series):
        value = getattr(year, which)
        if value is None:
            if out[-1]:
                out.append([])
            continue
        out[-1].append((_x(i, count), _y(float(value), s)))
    return [points for points in out if points]


LINES = (
    ("value", AUTHORITY_COLOUR, 3.0, "", "dot"),
    ("neighbours_median", MEDIAN_COLOUR, 2.0, "7 4", "square"),
    ("england", ENGLAND_COLOUR, 2.0, "2 3", ""),
)
"""(series, colour, width, SVG dash pattern, marker) of each line, drawn in this order."""


# --- SVG ------------------------------------------------------------------------------------


def _f(v: float) -> str:
    return f"{v:.1f}".rstrip("0").rstrip(".")


def svg(indicator: IndicatorFigures, description: str, chart_id: str) -> str:
    """The chart as inline SVG: ``role="img"`` named by ``description`` (escaped here)."""
    s = scale(indicator)
    label = html.escape(description, quote=True)
    parts = [
        f'<svg class="chart" id="{html.escape(chart_id, quote=True)}" role="img" '
        f'aria-label="{label}" viewBox="0 0 {WIDTH} {HEIGHT}" '
        'preserveAspectRatio="xMinYMin meet" focusable="false">',
        f"<title>{label}</title>",
    ]
    if s is not None:
        for tick in s.ticks:
            ty = _f(_y(tick, s))
            parts.append(
                f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{ty}" y2="{ty}" '
                f'stroke="{GRID_COLOUR}" stroke-width="1"/>'
            )
            parts.append(
                f'<text x="{LEFT - 6}" y="{ty}" text-anchor="end" dominant-baseline="middle">'
                f"{html.escape(_tick(tick, indicator.unit))}</text>"
            )
        count = len(indicator.series)
        step = max(1, math.ceil(count / 5))
        for i, year in enumerate(indicator.series):
            if i % step == 0 or i == count - 1:
                if i == count - 1 and i % step and count - 1 - (i // step) * step < step / 2:
                    continue  # the last year would sit on top of the one before
                anchor = "start" if i == 0 else "end" if i == count - 1 else "middle"
                parts.append(
                    f'<text x="{_f(_x(i, count))}" y="{HEIGHT - 8}" text-anchor="{anchor}">'
                    f"{year.year}</text>"
                )
        for which, colour, width, dash, marker in reversed(LINES):
            dashes = f' stroke-dasharray="{dash}"' if dash else ""
            for points in runs(indicator, s, which):
                path = " ".join(f"{_f(x)},{_f(y)}" for x, y in points)
                parts.append(
                    f'<polyline points="{path}" fill="none" stroke="{colour}" '
                    f'stroke-width="{width}"{dashes} stroke-linejoin="round"/>'
                )
                for x, y in points:
                    if marker == "dot":
                        parts.append(f'<circle cx="{_f(x)}" cy="{_f(y)}" r="3.5" fill="{colour}"/>')
                    elif marker == "square":
                        parts.append(
                            f'<rect x="{_f(x - 3)}" y="{_f(y - 3)}" width="6" height="6" '
                            f'fill="#ffffff" stroke="{colour}" stroke-width="1.5"/>'
                        )
    parts.append("</svg>")
    return "".join(parts)


def legend_sample(which: str) -> str:
    """A short piece of a line, for the key beside a chart (decorative: the key has words)."""
    _, colour, width, dash, marker = next(line for line in LINES if line[0] == which)
    dashes = f' stroke-dasharray="{dash}"' if dash else ""
    mark = ""
    if marker == "dot":
        mark = f'<circle cx="14" cy="6" r="3.5" fill="{colour}"/>'
    elif marker == "square":
        mark = (
            f'<rect x="11" y="3" width="6" height="6" fill="#ffffff" stroke="{colour}" '
            'stroke-width="1.5"/>'
        )
    return (
        '<svg class="sample" aria-hidden="true" focusable="false" viewBox="0 0 28 12" '
        f'width="28" height="12"><line x1="0" x2="28" y1="6" y2="6" stroke="{colour}" '
        f'stroke-width="{width}"{dashes}/>{mark}</svg>'
    )


# --- PNG ------------------------------------------------------------------------------------

PNG_SCALE = 3
"""Drawn this many times larger, then reduced: smooth lines without an anti-aliasing library."""
PNG_SIZE = (WIDTH * 2, HEIGHT * 2)
"""The size the chart is drawn at, in pixels, before the margins for labels are cut off."""


def png(indicator: IndicatorFigures) -> bytes:
    """The chart as PNG bytes: lines, markers and grid only, no text (the key is in words)."""
    from PIL import Image, ImageDraw

    k = PNG_SIZE[0] / WIDTH * PNG_SCALE
    image = Image.new("RGB", (PNG_SIZE[0] * PNG_SCALE, PNG_SIZE[1] * PNG_SCALE), "#ffffff")
    draw = ImageDraw.Draw(image)
    s = scale(indicator)
    if s is not None:
        for tick in s.ticks:
            y = _y(tick, s) * k
            draw.line([(LEFT * k, y), ((WIDTH - RIGHT) * k, y)], fill=GRID_COLOUR, width=int(k))
        for which, colour, width, dash, marker in reversed(LINES):
            pattern = [float(d) * k for d in dash.split()] if dash else []
            for points in runs(indicator, s, which):
                scaled = [(x * k, y * k) for x, y in points]
                _polyline(draw, scaled, colour, round(width * k), pattern)
                for x, y in scaled:
                    r = 3.5 * k if marker == "dot" else 3 * k
                    if marker == "dot":
                        draw.ellipse([x - r, y - r, x + r, y + r], fill=colour)
                    elif marker == "square":
                        draw.rectangle(
                            [x - r, y - r, x + r, y + r],
                            fill="#ffffff",
                            outline=colour,
                            width=round(1.5 * k),
                        )
    # No labels in the picture, so no room for them: only the plot and a narrow edge.
    edge = 8
    box = (
        round((LEFT - edge) * k),
        round((TOP - edge) * k),
        round((WIDTH - RIGHT + edge) * k),
        round((HEIGHT - BOTTOM + edge) * k),
    )
    small = image.crop(box).reduce(PNG_SCALE)
    out = io.BytesIO()
    small = small.quantize(colors=64, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
    small.save(out, format="PNG")
    return out.getvalue()


def _polyline(
    draw: object, points: list[Point], colour: str, width: int, dash: list[float]
) -> None:
    from PIL import ImageDraw

    assert isinstance(draw, ImageDraw.ImageDraw)
    if len(points) == 1:
        return
    if not dash:
        draw.line(points, fill=colour, width=width, joint="curve")
        return
    on, index, left = True, 0, dash[0]
    for (x1, y1), (x2, y2) in itertools.pairwise(points):
        length = math.hypot(x2 - x1, y2 - y1)
        done = 0.0
        while done < length:
            step = min(left, length - done)
            if on:
                a, b = done / length, (done + step) / length
                draw.line(
                    [
                        (x1 + (x2 - x1) * a, y1 + (y2 - y1) * a),
                        (x1 + (x2 - x1) * b, y1 + (y2 - y1) * b),
                    ],
                    fill=colour,
                    width=width,
                )
            done += step
            left -= step
            if left <= 1e-9:
                on = not on
                index = (index + 1) % len(dash)
                left = dash[index]


def key_words(authority: str) -> str:
    """The key to the lines, in words (the PNG has none)."""
    return (
        f"Solid line with dots: {authority}. Dashed line with squares: neighbours' median. "
        "Dotted line: England."
    )


def scale_words(indicator: IndicatorFigures) -> str:
    """The PNG's scale, in words."""
    s = scale(indicator)
    if s is None:
        return "No figure published in any year."
    return (
        f"Years {indicator.series[0].year} to {indicator.series[-1].year} from left to right; "
        f"the scale runs from {_tick(s.low, indicator.unit)} at the bottom to "
        f"{_tick(s.high, indicator.unit)} at the top, with a grid line every "
        f"{_tick(s.ticks[1] - s.ticks[0], indicator.unit)}."
    )
