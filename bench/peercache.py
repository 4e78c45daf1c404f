"""Cache of peer outputs: peers are slow and do not change between runs.

Layout: ``<root>/<system>@<version>/<dataset with / as ->.jsonl``, one line per page:
``{"id", "text", "ms", "error"}``. Lines are appended as pages are computed (an
interrupted run keeps what it did); on reading, the last line of an id wins. The
cached ``ms`` is the timing of the run that filled the cache.

A refreshing run (``enabled=False``) reads back only what it computed itself for
the same dataset: trafilatura on a text dataset's source HTML (the text
datasets' time reference) is timed again beside dechaff on that text, since the
machine's speed drifts over a run by more than the ratios it is there to give.
"""

from __future__ import annotations

import json
from pathlib import Path

from pages import Page
from systems import System


class PeerCache:
    def __init__(self, root: Path, enabled: bool = True):
        self.root = root
        self.enabled = enabled  # False: read only what this run wrote (refresh)
        self._files: dict[Path, dict[str, dict]] = {}
        self._fresh: set[tuple[Path, str, str]] = set()  # (file, page id, dataset asking)

    def get(self, system: System, page: Page) -> dict | None:
        if not system.cached:
            return None
        path = self._path(system, page)
        if not (self.enabled or (path, page.id, page.dataset) in self._fresh):
            return None
        return self._entries(path).get(page.id)

    def put(self, system: System, page: Page, result: dict) -> None:
        if not system.cached:
            return
        path = self._path(system, page)
        path.parent.mkdir(parents=True, exist_ok=True)
        record = {"id": page.id, **result}
        with path.open("a", encoding="utf-8") as out:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
        self._entries(path)[page.id] = record
        self._fresh.add((path, page.id, page.dataset))

    def _path(self, system: System, page: Page) -> Path:
        dataset = system.cache_dataset(page).replace("/", "-")
        return self.root / f"{system.cache_name}@{system.version()}" / f"{dataset}.jsonl"

    def _entries(self, path: Path) -> dict[str, dict]:
        if path not in self._files:
            entries: dict[str, dict] = {}
            if path.exists():
                with path.open(encoding="utf-8") as lines:
                    for line in lines:
                        try:
                            record = json.loads(line)
                        except json.JSONDecodeError:  # a line cut by an interruption
                            continue
                        entries[record["id"]] = record
            self._files[path] = entries
        return self._files[path]
