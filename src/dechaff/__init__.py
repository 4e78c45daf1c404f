"""dechaff: the main content of a web page, from its HTML or from its text.

>>> import dechaff
>>> dechaff.extract("<html><body><nav>Home | News</nav><p>The article.</p></body></html>")
'The article.'
"""

from __future__ import annotations

from .blocks import Block
from .pipeline import OUTPUT_FORMATS, run
from .result import Result
from .settings import DEFAULT, Settings

__version__ = "0.1.0"
__all__ = ["OUTPUT_FORMATS", "Block", "Result", "Settings", "extract", "extract_result", "__version__"]


def extract(
    page: str | bytes,
    *,
    kind: str | None = None,
    url: str | None = None,
    output_format: str = "txt",
    settings: Settings | None = None,
) -> str:
    """Return the main content of ``page`` as plain text, or as Markdown.

    ``page`` is an HTML document or the whole visible text of a page, as ``str``
    or ``bytes`` (any encoding; bytes are decoded as a browser would).  The kind
    of input is detected; ``kind="html"`` or ``kind="text"`` forces it.  The text
    has one paragraph, heading or list item per block, separated by blank lines;
    the page title is not part of it (see ``extract_result``).  With
    ``output_format="markdown"`` headings are "#" lines, list items "-" items,
    code blocks fenced and quotations behind ">" (HTML; a text page's bulleted
    lines become list items).

    ``url`` is accepted for compatibility with trafilatura's signature and
    currently unused.  Raises ``TypeError`` if ``page`` is neither str nor bytes.
    """
    return extract_result(page, kind=kind, url=url, output_format=output_format,
                          settings=settings).text


def extract_result(
    page: str | bytes,
    *,
    kind: str | None = None,
    url: str | None = None,
    output_format: str = "txt",
    settings: Settings | None = None,
) -> Result:
    """Like ``extract``, but return a ``Result``: text, title, kind, every block
    with its score and keep decision, and, worked out when first read, the
    author, publication date and page type."""
    return run(page, kind, DEFAULT if settings is None else settings, output_format)
