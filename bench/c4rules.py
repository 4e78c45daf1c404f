"""The line rules of the C4 cleaning (Raffel et al. 2020, ``c4_utils.clean_page``),
as a text-mode baseline.

Kept: the per-line rules. A line is kept iff, once stripped, it ends in terminal
punctuation, has at least 5 words, and contains none of "javascript", "lorem ipsum"
and the cookie / privacy-policy phrases. C4's page-level rules (drop the whole page
for "{", "lorem ipsum", bad words or fewer than 3 sentences) and the citation-marker
removal are not applied: they decide whether to keep a page, not what its main
content is.
"""

from __future__ import annotations

END_MARKS = (".", "?", "!", '"')
MIN_WORDS_PER_LINE = 5
BAD_SUBSTRINGS = ("javascript", "lorem ipsum")
POLICY_SUBSTRINGS = (
    "terms of use",
    "privacy policy",
    "cookie policy",
    "uses cookies",
    "use of cookies",
    "use cookies",
)


def keep_line(line: str) -> bool:
    if not line.endswith(END_MARKS) or len(line.split()) < MIN_WORDS_PER_LINE:
        return False
    lowered = line.lower()
    return not any(s in lowered for s in BAD_SUBSTRINGS + POLICY_SUBSTRINGS)


def c4_lines(text: str) -> str:
    return "\n".join(line for line in (raw.strip() for raw in text.splitlines()) if keep_line(line))
