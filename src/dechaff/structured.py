"""Content from a page's structured data, for pages whose DOM holds little text.

Script-rendered pages often ship the article body or the product description in
JSON-LD while their markup is an empty shell.
"""

from __future__ import annotations

import json
import re
from itertools import islice

from .blocks import Page

_BODY_KEYS = ("articleBody", "text", "description", "reviewBody")
#: The JSON-LD text replaces the extracted body only when it is this many times
#: longer: a description is usually a summary of what the DOM already shows.
FALLBACK_RATIO = 3.0
#: ... and at least this many words: a one-line description is no article.
FALLBACK_MIN_WORDS = 50
_WORD = re.compile(r"\w+")
_MAX_NODES = 10_000


def fallback_text(page: Page, body: str) -> str:
    """JSON-LD body text when it is far richer than what the blocks gave, else ""."""
    if not page.json_ld:
        return ""
    best = ""
    for script in page.json_ld:
        for text in _texts(script):
            if len(text) > len(best):
                best = text
    words = len(_WORD.findall(best))
    if words < FALLBACK_MIN_WORDS:
        return ""
    # The body's words, counted only as far as they could be few enough: most
    # bodies are longer than a third of the best description, and need not all be read.
    most = int(words / FALLBACK_RATIO)
    if sum(1 for _ in islice(_WORD.finditer(body), most + 1)) > most:
        return ""
    return best.strip()


def _texts(script: str) -> list[str]:
    try:
        data = json.loads(script)
    except (ValueError, RecursionError):
        return []
    found: list[str] = []
    stack = [data]
    seen = 0
    while stack and seen < _MAX_NODES:
        node = stack.pop()
        seen += 1
        if isinstance(node, dict):
            for key, value in node.items():
                if key in _BODY_KEYS and isinstance(value, str):
                    found.append(value)
                elif isinstance(value, (dict, list)):
                    stack.append(value)
        elif isinstance(node, list):
            stack.extend(node)
    return found
