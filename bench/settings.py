"""The product's settings with the bench's URL conf (its bare view); for bench/ scripts only."""

from serawai.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
