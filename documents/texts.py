"""Free text written by many people, as a document shows it: the same remark once, with a count.

Forty participants who each write "materi sangat bermanfaat" make one line "(40)", not forty
bullets; remarks that differ only in case, spacing or a final full stop are the same remark.
The most frequent come first, then alphabetical, so the order reveals nothing about who wrote
what or when.
"""

import re
from collections import Counter

_SPACES = re.compile(r"\s+")


def _key(text: str) -> str:
    return _SPACES.sub(" ", text).strip().rstrip(".!").casefold()


def grouped_texts(texts) -> list[tuple[str, int]]:
    """[(text, count)], the first spelling of each remark kept, most frequent first."""
    counts: Counter[str] = Counter()
    spelling: dict[str, str] = {}
    for text in texts:
        clean = _SPACES.sub(" ", text or "").strip()
        if not clean:
            continue
        key = _key(clean)
        counts[key] += 1
        spelling.setdefault(key, clean)
    return sorted(
        ((spelling[k], n) for k, n in counts.items()),
        key=lambda item: (-item[1], item[0].casefold()),
    )
