"""Every knob of the extractor, in one frozen dataclass.

A ``Settings`` is passed whole to the pipeline; no stage reads globals, so two
threads can extract with different settings at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from . import selection


@dataclass(frozen=True)
class Settings:
    #: Inputs longer than this many characters are cut to this length before
    #: extraction, and the result says so (``Result.truncated``).  We truncate
    #: rather than refuse: main content sits near the top of nearly every page,
    #: so a cut page still yields its article, and a batch job over billions of
    #: pages wants best effort, not an exception.  The cap bounds time and
    #: memory: everything downstream is linear in the input.
    max_input_chars: int = 10_000_000

    #: Keep blocks whose content probability is at least this, on every page.
    #: Lower favours recall, higher favours precision.  None: the model's cut,
    #: adapted to each page (cross-validated for the best F1), then the rules
    #: after the model (``classify.follow_rules``: what an HTML page's markup
    #: says outright, a text page's comment header, boxes of teasers, the calls
    #: to action closing an article...).
    threshold: float | None = None

    #: Keep reader comments under articles (on a text page: do not cut at the
    #: comment-section header).  Forum and Q&A posts are content whatever this says.
    include_comments: bool = False

    #: Selectors of an HTML page's elements to look for the main content in,
    #: the rest of the page left out (the site's article body, when you know
    #: it); a page on which none matches is read whole.  CSS ("article.post",
    #: "#content"; needs ``pip install 'dechaff[css]'``) or XPath ("//main",
    #: starting with "/" or "(").  One selector or a list of them, kept as a
    #: tuple.  Text pages have no elements: ignored there.  The title and
    #: structured data are the whole page's: with selectors, no JSON-LD fallback.
    include: Sequence[str] = ()
    #: ... of elements to leave out wherever they are ("#comments",
    #: ".newsletter-signup").
    exclude: Sequence[str] = ()

    #: Record in each block's ``reason`` why it was kept or dropped: the model,
    #: or the rule after it that changed the decision.  Off by default: naming
    #: the rules costs a pass over the blocks per rule.
    explain: bool = False

    def __post_init__(self) -> None:
        for name in ("include", "exclude"):
            # One selector alone is a str, not a list of one-letter selectors.
            value = getattr(self, name)
            selectors = (value,) if isinstance(value, str) else value
            if not isinstance(selectors, (tuple, list)) or not all(isinstance(s, str) for s in selectors):
                raise TypeError(f"{name} must be a selector (str) or a list of them")
            for selector in selectors:
                selection.check(selector)  # a mistake shows here, not on the first page
            object.__setattr__(self, name, tuple(selectors))
        if not isinstance(self.max_input_chars, int) or isinstance(self.max_input_chars, bool):
            raise TypeError("max_input_chars must be an int")
        if self.threshold is not None and (not isinstance(self.threshold, (int, float))
                                           or isinstance(self.threshold, bool)):
            raise TypeError("threshold must be a number or None")
        if not isinstance(self.include_comments, bool):
            raise TypeError("include_comments must be a bool")
        if not isinstance(self.explain, bool):
            raise TypeError("explain must be a bool")
        if self.max_input_chars < 1:
            raise ValueError("max_input_chars must be positive")
        if self.threshold is not None and not 0.0 <= self.threshold <= 1.0:
            raise ValueError("threshold must be between 0 and 1")


DEFAULT = Settings()
