"""The registry of benchmarked systems: name -> callable(input) -> text.

Every system declares which input it reads:

* ``bytes``       -- the raw crawled HTML bytes (dechaff decodes them itself);
* ``html``        -- the HTML decoded by ``pages.decode_html`` (the HTML peers);
* ``text``        -- the whole-page text of a text dataset;
* ``source_html`` -- on a text dataset, the decoded HTML of the source page
                     (the "trafilatura on HTML" reference row).

Peers are imported lazily, so that a dechaff-only run needs none of them.
"""

from __future__ import annotations

import importlib.metadata
import logging
from dataclasses import dataclass
from typing import Callable

from c4rules import c4_lines


@dataclass(frozen=True)
class System:
    name: str
    reads: str  # bytes | html | text | source_html
    run: Callable[[object], str]
    package: str | None = None  # distribution whose version keys the cache
    cached: bool = False  # peers that are slow and never change
    cache_as: str | None = None  # share the cache of another system name
    adapter: int = 1  # bump when the adapter changes its output: part of the cache key

    @property
    def cache_name(self) -> str:
        return self.cache_as or self.name

    @property
    def on_html(self) -> bool:
        return self.reads in ("bytes", "html")

    def version(self) -> str:
        if self.package is None:
            return "bench"
        return f"{importlib.metadata.version(self.package)}-a{self.adapter}"

    def cache_dataset(self, page) -> str:
        """The dataset whose input this system reads (so that "trafilatura on HTML"
        on a text dataset shares the cache of trafilatura on the source)."""
        return page.source if self.reads in ("bytes", "html", "source_html") else page.dataset


# --- adapters ----------------------------------------------------------------------

def _dechaff_html(raw: bytes) -> str:
    import dechaff

    return dechaff.extract(raw)


def _dechaff_text(text: str) -> str:
    import dechaff

    return dechaff.extract(text, kind="text")


def _trafilatura(html: str, **options) -> str:
    import trafilatura

    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    return trafilatura.extract(html, **options) or ""


def _trafilatura_default(html: str) -> str:
    return _trafilatura(html)


def _trafilatura_fast(html: str) -> str:
    return _trafilatura(html, fast=True)


def _readability(html: str) -> str:
    from readability import Document

    logging.getLogger("readability").setLevel(logging.CRITICAL)
    return html_to_text(Document(html).summary())


def _justext(html: str) -> str:
    """jusText's language-independent mode (no stoplist): the pages are in many
    languages, and the English stoplist empties every non-English page."""
    import justext

    paragraphs = justext.justext(html, frozenset(), stopwords_low=0, stopwords_high=0)
    return "\n\n".join(p.text for p in paragraphs if not p.is_boilerplate)


def _resiliparse(html: str) -> str:
    from resiliparse.extract.html2text import extract_plain_text

    return extract_plain_text(html, main_content=True)


def _everything(text: str) -> str:
    return text


_BLOCK_TAGS = (
    "address article aside blockquote body br dd div dl dt figcaption figure footer form "
    "h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section table td th tr ul"
).split()


def html_to_text(html: str) -> str:
    """Text of an HTML fragment, with a line break around block elements (so that
    ``<p>a</p><p>b</p>`` does not glue ``a`` and ``b`` into one word)."""
    import lxml.html
    from lxml.etree import ParserError

    if not html.strip():
        return ""
    try:
        root = lxml.html.fromstring(html)
    except ParserError:  # nothing but whitespace or comments
        return ""
    for element in root.iter(*_BLOCK_TAGS):
        element.tail = "\n" + (element.tail or "")
        element.text = "\n" + (element.text or "")
    return root.text_content().strip()


# --- the registry ------------------------------------------------------------------

DECHAFF_HTML = System("dechaff", "bytes", _dechaff_html)
DECHAFF_TEXT = System("dechaff", "text", _dechaff_text)

HTML_PEERS = (
    System("trafilatura", "html", _trafilatura_default, "trafilatura", cached=True),
    System("trafilatura-fast", "html", _trafilatura_fast, "trafilatura", cached=True),
    System("readability-lxml", "html", _readability, "readability-lxml", cached=True),
    System("justext", "html", _justext, "justext", cached=True, adapter=2),
    System("resiliparse", "html", _resiliparse, "resiliparse", cached=True),
)
TEXT_PEERS = (
    System("everything", "text", _everything),
    System("c4-lines", "text", c4_lines),
    System("trafilatura-html", "source_html", _trafilatura_default, "trafilatura", cached=True, cache_as="trafilatura"),
)

# the row a dataset's time ratio divides by
REFERENCE = {"html": "trafilatura", "text": "trafilatura-html"}


def systems_for(dataset_is_text: bool, peers: bool, only: set[str] | None = None) -> list[System]:
    """The rows of one dataset: dechaff, then the peers if asked for.

    ``only`` restricts to the named systems (naming a peer includes it even without
    ``peers``).
    """
    if dataset_is_text:
        candidates = (DECHAFF_TEXT,) + TEXT_PEERS
    else:
        candidates = (DECHAFF_HTML,) + HTML_PEERS
    if only:
        return [s for s in candidates if s.name in only]
    return [s for s in candidates if peers or s.name == "dechaff"]


def all_names() -> list[str]:
    return ["dechaff"] + [s.name for s in HTML_PEERS + TEXT_PEERS]


def reference_name(dataset_is_text: bool) -> str:
    return REFERENCE["text" if dataset_is_text else "html"]


def warm_up(system: System) -> None:
    """One untimed call, so that imports and lazy loading are not timed."""
    html = "<html><head><title>Warm up</title></head><body><p>A short warm-up paragraph, with a few words.</p></body></html>"
    sample = {
        "bytes": html.encode(),
        "html": html,
        "source_html": html,
        "text": "Warm up\nA short warm-up paragraph, with a few words.\n",
    }[system.reads]
    try:
        system.run(sample)
    except Exception:  # the real calls will report it
        pass
