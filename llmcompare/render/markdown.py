"""Markdown writer: a page (page.py) -> GitHub-flavoured Markdown.

Headings, paragraphs, lists and pipe tables; a FAQ question is a level-3
heading. Text from the data is escaped, so a model called "<b>x</b> | *y*"
reads as written and never becomes markup, HTML or an extra table column.
Links are kept only for http(s) addresses. The only HTML written is `<br>`,
for the second line of a table cell. Charts are left to HTML: the tables carry
the figures.
"""

import re
from urllib.parse import quote

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

# Characters with a meaning in Markdown (or GFM tables), escaped wherever text
# from the data goes; CommonMark lets any ASCII punctuation be escaped.
_SPECIAL = re.compile(r"([\\`*_\[\]<|#~&!{}])")
# At the start of a line, these would begin a list, a quote or a heading underline.
_LINE_START = re.compile(r"^(\s*)([-+=>]|\d+[.)])", re.MULTILINE)


def escape(text: str, cell: bool = False) -> str:
    """Text as Markdown that reads as written; in a table cell nothing starts a line."""
    text = _SPECIAL.sub(r"\\\1", text)
    if cell:
        return text
    return _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text)


def _code(text: str) -> str:
    """Inline code, fenced with more backticks than any run inside it."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _url(url: str) -> str | None:
    if not url.lower().startswith(("https://", "http://")):
        return None
    return quote(url, safe=":/?#@!$&'*+,;=%-._~[]")


def inline(text: Inline, cell: bool = False) -> str:
    if isinstance(text, str):
        return _one_line(escape(text, cell), cell)
    out = []
    for span in text:
        if isinstance(span, Link):
            target = _url(span.url)
            label = _one_line(escape(span.text, cell), cell)
            out.append(f"[{label}]({target})" if target else label)
        elif isinstance(span, Command):
            out.append(_code(span.text))
        elif isinstance(span, Sub):
            out.append(("<br>" if cell else " ") + _one_line(escape(span.text, cell), cell))
        else:
            out.append(_one_line(escape(span, cell or bool(out)), cell))
    return "".join(out)


def _one_line(text: str, cell: bool) -> str:
    return text.replace("\n", "<br>" if cell else " ")


def _grid(grid: Grid) -> str:
    width = len(grid.headers)
    lines = ["| " + " | ".join(escape(h, cell=True) or " " for h in grid.headers) + " |"]
    lines.append("|" + "|".join("---:" if i in grid.right else "---" for i in range(width)) + "|")
    for row in grid.rows:
        lines.append("| " + " | ".join(inline(cell, cell=True) or " " for cell in row) + " |")
    return "\n".join(lines)


def _block(block: Block) -> str:
    if isinstance(block, Title):
        return "# " + escape(block.text)
    if isinstance(block, Heading):
        return "## " + escape(block.text)
    if isinstance(block, Para):
        text = inline(block.text)
        return (
            f"**{text}**"
            if block.style == "strong"
            else f"*{text}*"
            if block.style == "note"
            else text
        )
    if isinstance(block, Bullets):
        items = "\n".join("- " + inline(item) for item in block.items)
        return f"{escape(block.lead)}\n\n{items}" if block.lead else items
    if isinstance(block, Question):
        return f"### {escape(block.question)}\n\n{inline(block.answer)}"
    if isinstance(block, Grid):
        return _grid(block)
    if isinstance(block, Choice):
        return _grid(block.variants[0]())
    if isinstance(block, Plain):
        longest = max((len(run) for run in re.findall(r"~+", block.text)), default=0)
        fence = "~" * max(3, longest + 1)
        return f"{fence}\n{block.text.rstrip()}\n{fence}" if block.text else ""
    if isinstance(block, Chart):
        return ""
    raise TypeError(f"no Markdown layout for {type(block).__name__}")


def write(page: Page) -> str:
    parts = [_block(block) for block in page.blocks]
    return "\n\n".join(part for part in parts if part) + "\n"
