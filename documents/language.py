"""Official documents are always Indonesian, whoever issues them (SOP.md, "Language").

`in_indonesian` runs a function that builds a document (its subject, addressees, role labels,
headings, chart labels) with Indonesian active. A fresh override per call: one shared override
object would let two threads restore each other's language.
"""

import functools

from django.utils import translation

LANGUAGE = "id"


def in_indonesian(func):
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        with translation.override(LANGUAGE):
            return func(*args, **kwargs)

    return wrapper
