"""Sizes in KB, MB or GB in the reader's locale, never raw bytes."""

import pytest
from django.utils import translation

from airlock.outputs.sizes import size_for_display

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("size", "danish", "english"),
    [
        (0, "0 KB", "0 KB"),
        (20, "0,1 KB", "0.1 KB"),
        (300, "0,3 KB", "0.3 KB"),
        (15_000, "15 KB", "15 KB"),
        (1_572_864, "1,5 MB", "1.5 MB"),
        (250 * 1024 * 1024, "250 MB", "250 MB"),
        (3 * 1024**3, "3 GB", "3 GB"),
    ],
)
def test_sizes_read_in_the_locale(size, danish, english):
    with translation.override("da"):
        assert size_for_display(size) == danish.replace(" ", NBSP)
    with translation.override("en"):
        assert size_for_display(size) == english.replace(" ", NBSP)
    assert "byte" not in size_for_display(size)
