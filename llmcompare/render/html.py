"""HTML writer: a page (page.py) -> one self-contained HTML file.

Inline CSS, no script, nothing loaded from the network: the file opens the
same anywhere, offline, and can be mailed or attached. Readable from phone to
desktop widths (wide tables turn into one card per row on a narrow screen) and
in print. Charts are inline SVG, drawn here from the figures (log scales, in
Decimal: coordinates are the only numbers made, to one decimal place). Every
piece of text is escaped; only http(s) addresses become links.
"""

from decimal import Decimal
from html import escape

from .. import __version__, units
from .page import (
    Block,
    Bullets,
    Chart,
    Choice,
    Command,
    Grid,
    Heading,
    Inline,
    Link,
    Page,
    Para,
    Plain,
    Question,
    Sub,
    Title,
)

_CSS = """
:root { color-scheme: light; --ink: #1d2430; --quiet: #5b6575; --rule: #d8dde6;
  --band: #f4f6f9; --accent: #2456c9; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  color: var(--ink); background: #fff; }
main { max-width: 64rem; margin: 0 auto; padding: 1rem 1rem 3rem; }
h1 { font-size: 1.6rem; line-height: 1.25; margin: 0.5rem 0 0.75rem; }
h2 { font-size: 1.25rem; margin: 2rem 0 0.5rem; padding-top: 0.5rem;
  border-top: 1px solid var(--rule); }
h3 { font-size: 1rem; margin: 1.25rem 0 0.25rem; }
p, li { overflow-wrap: anywhere; }
html { hyphens: auto; }
p.verdict { font-size: 1.1rem; font-weight: 600; background: var(--band);
  padding: 0.75rem 1rem; border-left: 4px solid var(--accent); }
p.note, span.sub, footer { color: var(--quiet); font-size: 0.9rem; }
p.lead { margin-bottom: 0.25rem; }
ul { margin-top: 0.25rem; padding-left: 1.25rem; }
a { color: var(--accent); }
code { font: 0.9em ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
  background: var(--band); padding: 0.1em 0.3em; border-radius: 3px; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; background: var(--band); padding: 0.75rem; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1rem; font-size: 0.95rem; }
th, td { text-align: left; vertical-align: top; padding: 0.35rem 0.5rem;
  border-bottom: 1px solid var(--rule); overflow-wrap: break-word; }
td a { overflow-wrap: anywhere; }
th { background: var(--band); font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
figure { margin: 1rem 0; }
figure svg { width: 100%; height: auto; display: block; }
figcaption { color: var(--quiet); font-size: 0.9rem; }
footer { max-width: 64rem; margin: 0 auto; padding: 0 1rem 2rem; }
@media (max-width: 40rem) {
  body { font-size: 15px; }
  table.wide, table.wide tbody, table.wide tr, table.wide td { display: block; width: 100%; }
  table.wide thead { display: none; }
  table.wide tr { border: 1px solid var(--rule); border-radius: 4px; margin-bottom: 0.5rem;
    padding: 0.25rem 0.5rem; }
  table.wide td { border: 0; padding: 0.15rem 0; text-align: left; white-space: normal; }
  table.wide td::before { content: attr(data-label); display: block; color: var(--quiet);
    font-size: 0.8rem; }
  table.wide td:first-child { font-weight: 600; }
  table.wide td:first-child::before { content: none; }
}
@media print {
  body { font-size: 11pt; }
  main { max-width: none; padding: 0; }
  h2 { break-after: avoid; }
  tr, figure, li { break-inside: avoid; }
  p.verdict { border: 1px solid #999; }
}
"""

# A table with more columns than this becomes one card per row on a narrow screen.
_WIDE = 3


def _attr(text: str) -> str:
    return escape(text, quote=True)


def _safe_url(url: str) -> str | None:
    return url if url.lower().startswith(("https://", "http://")) else None


def inline(text: Inline) -> str:
    if isinstance(text, str):
        return escape(text).replace("\n", "<br>")
    out = []
    for span in text:
        if isinstance(span, Link):
            url = _safe_url(span.url)
            label = escape(span.text)
            out.append(f'<a href="{_attr(url)}" rel="noreferrer">{label}</a>' if url else label)
        elif isinstance(span, Command):
            out.append(f'<a href="{_attr(span.href)}"><code>{escape(span.text)}</code></a>')
        elif isinstance(span, Sub):
            out.append(f'<br><span class="sub">{escape(span.text)}</span>')
        else:
            out.append(escape(span).replace("\n", "<br>"))
    return "".join(out)


def _grid(grid: Grid) -> str:
    wide = len(grid.headers) > _WIDE
    head = "".join(
        f'<th scope="col"{" class=num" if i in grid.right else ""}>{escape(h)}</th>'
        for i, h in enumerate(grid.headers)
    )
    rows = []
    for row in grid.rows:
        cells = []
        for i, cell in enumerate(row):
            label = _attr(grid.headers[i])
            kind = ' class="num"' if i in grid.right else ""
            cells.append(f'<td data-label="{label}"{kind}>{inline(cell)}</td>')
        rows.append("<tr>" + "".join(cells) + "</tr>")
    kind = ' class="wide"' if wide else ""
    return f"<table{kind}><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _slug(text: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in text.lower()).strip("-")[:40] or "section"


def _block(block: Block) -> str:
    if isinstance(block, Title):
        return f"<h1>{escape(block.text)}</h1>"
    if isinstance(block, Heading):
        return f'<h2 id="{_attr(_slug(block.text))}">{escape(block.text)}</h2>'
    if isinstance(block, Para):
        kind = {"strong": ' class="verdict"', "note": ' class="note"'}.get(block.style, "")
        return f"<p{kind}>{inline(block.text)}</p>"
    if isinstance(block, Bullets):
        items = "".join(f"<li>{inline(item)}</li>" for item in block.items)
        lead = f'<p class="lead">{escape(block.lead)}</p>' if block.lead else ""
        return f"{lead}<ul>{items}</ul>"
    if isinstance(block, Question):
        return f"<h3>{escape(block.question)}</h3><p>{inline(block.answer)}</p>"
    if isinstance(block, Grid):
        return _grid(block)
    if isinstance(block, Choice):
        return _grid(block.variants[0]())
    if isinstance(block, Plain):
        return f"<pre>{escape(block.text)}</pre>" if block.text else ""
    if isinstance(block, Chart):
        return chart_svg(block)
    raise TypeError(f"no HTML layout for {type(block).__name__}")


def write(page: Page) -> str:
    body = [_block(block) for block in page.blocks]
    if not page.blocks or not isinstance(page.blocks[0], Title):
        body.insert(0, f"<h1>{escape(page.title)}</h1>")
    return (
        "<!doctype html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(page.title)}</title><style>{_CSS}</style></head>\n"
        f"<body><main>\n{chr(10).join(part for part in body if part)}\n</main>"
        f"<footer>Made with llmcompare {escape(__version__)}, offline, from its catalog.</footer>"
        "</body></html>\n"
    )


# The chart.

_W, _PLOT_H = 640, 268  # the drawing's own units; it scales to the page's width
_LEFT, _RIGHT, _TOP = 64, 16, 16
_LEGEND_COLUMNS = 3
# Distinct from the page's own colours (links, rules), so a series is never mistaken
# for them; after eight series the dashes change too.
SERIES_COLOURS = (
    "#d9480f", "#2b8a3e", "#862e9c", "#1098ad", "#c92a2a", "#e67700", "#5c940d", "#495057",
)  # fmt: skip
_DASHES = ("", "6 3", "2 3", "8 3 2 3")
_ONE_PLACE = Decimal("0.1")


def _log(value: object) -> Decimal | None:
    number = Decimal(str(value)) if not isinstance(value, Decimal) else value
    return number.log10() if number > 0 else None


def _at(value: Decimal) -> str:
    return str(value.quantize(_ONE_PLACE))


def _usd_tick(power: int) -> str:
    return units.usd(Decimal(10) ** power)


def chart_svg(chart: Chart) -> str:
    """Cost against volume on log-log axes, one line per series, the user's volume
    marked with a dashed line; a legend below names each series."""
    points = [
        [
            (x, y)
            for raw_x, raw_y in data
            if (x := _log(raw_x)) is not None and (y := _log(raw_y)) is not None
        ]
        for _, data in chart.series
    ]
    every = [point for series in points for point in series]
    if not every:
        return ""
    x_low = min(p[0] for p in every).to_integral_value(rounding="ROUND_FLOOR")
    x_high = max(p[0] for p in every).to_integral_value(rounding="ROUND_CEILING")
    y_low = min(p[1] for p in every).to_integral_value(rounding="ROUND_FLOOR")
    y_high = max(p[1] for p in every).to_integral_value(rounding="ROUND_CEILING")
    x_high = max(x_high, x_low + 1)
    y_high = max(y_high, y_low + 1)
    plot_w, plot_h = _W - _LEFT - _RIGHT, _PLOT_H
    legend_rows = -(-len(chart.series) // _LEGEND_COLUMNS)
    height = _TOP + plot_h + 56 + 16 * legend_rows

    def sx(x: Decimal) -> str:
        return _at(_LEFT + (x - x_low) / (x_high - x_low) * plot_w)

    def sy(y: Decimal) -> str:
        return _at(_TOP + plot_h - (y - y_low) / (y_high - y_low) * plot_h)

    parts = [
        f'<svg viewBox="0 0 {_W} {height}" role="img" aria-labelledby="chart-title" '
        'xmlns="http://www.w3.org/2000/svg" font-size="11" font-family="system-ui, sans-serif">',
        f'<title id="chart-title">{escape(chart.title)}</title>',
        f'<rect x="{_LEFT}" y="{_TOP}" width="{plot_w}" height="{plot_h}" fill="#fbfcfd" '
        'stroke="#d8dde6"/>',
    ]
    for power in range(int(x_low), int(x_high) + 1):
        tick = sx(Decimal(power))
        parts.append(
            f'<line x1="{tick}" x2="{tick}" y1="{_TOP}" y2="{_TOP + plot_h}" stroke="#e6e9ef"/>'
        )
        label = units.tokens(10**power) if power >= 0 else ""
        parts.append(
            f'<text x="{tick}" y="{_TOP + plot_h + 16}" text-anchor="middle" fill="#5b6575">'
            f"{escape(label)}</text>"
        )
    for power in range(int(y_low), int(y_high) + 1):
        tick = sy(Decimal(power))
        parts.append(
            f'<line x1="{_LEFT}" x2="{_LEFT + plot_w}" y1="{tick}" y2="{tick}" stroke="#e6e9ef"/>'
        )
        parts.append(
            f'<text x="{_LEFT - 6}" y="{tick}" text-anchor="end" dominant-baseline="middle" '
            f'fill="#5b6575">{escape(_usd_tick(power))}</text>'
        )
    parts.append(
        f'<text x="{_LEFT + plot_w // 2}" y="{_TOP + plot_h + 36}" text-anchor="middle">'
        f"{escape(chart.x_label)}</text>"
    )
    parts.append(
        f'<text transform="rotate(-90)" x="{-(_TOP + plot_h // 2)}" y="14" '
        f'text-anchor="middle">{escape(chart.y_label)}</text>'
    )
    marked = _log(chart.marked_x)
    if marked is not None and x_low <= marked <= x_high:
        at = sx(marked)
        parts.append(
            f'<line class="marker" x1="{at}" x2="{at}" y1="{_TOP}" y2="{_TOP + plot_h}" '
            'stroke="#1d2430" stroke-dasharray="4 4"/>'
        )
        parts.append(f'<text x="{at}" y="{_TOP + 12}" dx="4" fill="#1d2430">your traffic</text>')
    for i, ((label, _), series) in enumerate(zip(chart.series, points, strict=True)):
        colour, dash = (
            SERIES_COLOURS[i % len(SERIES_COLOURS)],
            _DASHES[(i // len(SERIES_COLOURS)) % len(_DASHES)],
        )
        coords = " ".join(f"{sx(x)},{sy(y)}" for x, y in series)
        dashing = f' stroke-dasharray="{dash}"' if dash else ""
        parts.append(
            f'<polyline class="series" points="{coords}" fill="none" stroke="{colour}" '
            f'stroke-width="2.5"{dashing}><title>{escape(label)}</title></polyline>'
        )
        legend_y = _TOP + plot_h + 56 + 16 * (i // _LEGEND_COLUMNS)
        legend_x = _LEFT + (i % _LEGEND_COLUMNS) * 190
        parts.append(
            f'<line x1="{legend_x}" x2="{legend_x + 20}" y1="{legend_y}" y2="{legend_y}" '
            f'stroke="{colour}" stroke-width="2.5"{dashing}/>'
            f'<text x="{legend_x + 26}" y="{legend_y}" dominant-baseline="middle">'
            f"{escape(label[:28])}</text>"
        )
    parts.append("</svg>")
    caption = f"{escape(chart.title)}. Log scales; the dashed line marks your traffic."
    if chart.note:
        caption += " " + escape(chart.note)
    return f"<figure>{''.join(parts)}<figcaption>{caption}</figcaption></figure>"
