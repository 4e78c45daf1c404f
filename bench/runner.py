"""Running systems on one page: input preparation, timing, error capture.

Lives in its own module so that ``--jobs`` worker processes can import it.
"""

from __future__ import annotations

import time
from typing import Iterable

import systems as registry
from pages import Page, decode_html

_warmed: set[tuple[str, str]] = set()


def page_inputs(page: Page, reads: Iterable[str]) -> dict[str, object]:
    """Load (and gunzip / decode) the inputs the given systems read, untimed."""
    needed = set(reads)
    inputs: dict[str, object] = {}
    if needed & {"bytes", "html", "source_html"}:
        raw = page.html_bytes()
        inputs["bytes"] = raw
        if needed & {"html", "source_html"}:
            inputs["html"] = inputs["source_html"] = decode_html(raw)
    if "text" in needed:
        inputs["text"] = page.text()
    return inputs


def run_system(system: registry.System, data: object) -> dict:
    """``{"text", "ms", "error"}`` of one call; an exception (or a non-str result)
    gives empty text and ``"Type: message"`` as error."""
    key = (system.name, system.reads)
    if key not in _warmed:
        registry.warm_up(system)
        _warmed.add(key)
    error = None
    start = time.perf_counter()
    try:
        text = system.run(data)
    except Exception as exc:  # noqa: BLE001 -- every failure is a scored empty output
        text, error = "", f"{type(exc).__name__}: {exc}"[:500]
    ms = (time.perf_counter() - start) * 1000.0
    if error is None and not isinstance(text, str):
        text, error = "", f"BadResult: returned {type(text).__name__}, not str"
    return {"text": text, "ms": ms, "error": error}


def run_page(page: Page, systems: list[registry.System]) -> tuple[Page, dict[str, dict]]:
    """Run ``systems`` on ``page``: {system name: result}."""
    inputs = page_inputs(page, (s.reads for s in systems))
    return page, {s.name: run_system(s, inputs[s.reads]) for s in systems}


def run_page_task(task: tuple[Page, list[registry.System]]) -> tuple[Page, dict[str, dict]]:
    return run_page(*task)
