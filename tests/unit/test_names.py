"""Uploaded names are shown, never used as paths: sanitising them."""

import pytest

from airlock.outputs.names import (
    MAX_NAME_LENGTH,
    extension_of,
    sanitise_filename,
    sanitise_folder,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("../../etc/passwd", "passwd"),
        ("../../../tabel.csv", "tabel.csv"),
        ("/absolute/path/tabel.csv", "tabel.csv"),
        ("C:\\Users\\rita\\tabel.xlsx", "tabel.xlsx"),
        ("..\\..\\windows\\tabel.csv", "tabel.csv"),
        ("folder/sub/resultat.pdf", "resultat.pdf"),
        ("..", "unnamed"),
        ("", "unnamed"),
        ("   ", "unnamed"),
    ],
)
def test_path_parts_are_dropped(raw, expected):
    assert sanitise_filename(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("tab\x00el.csv", "tabel.csv"),
        ("tabel\n.csv", "tabel.csv"),
        ("tabel\r\x1b[31m.csv", "tabel[31m.csv"),
        ("\u202etxt.exe", "txt.exe"),  # right-to-left override: the name must not lie
        ("resul\u200btat.csv", "resultat.csv"),  # zero-width space
        ("\x7ftabel.csv", "tabel.csv"),
    ],
)
def test_control_and_invisible_characters_are_removed(raw, expected):
    assert sanitise_filename(raw) == expected


def test_a_very_long_name_keeps_its_extension():
    name = sanitise_filename("a" * 1000 + ".xlsx")

    assert len(name) == MAX_NAME_LENGTH
    assert name.endswith(".xlsx")
    assert extension_of(name) == "xlsx"


def test_a_very_long_name_with_many_dots_keeps_the_last_extension():
    name = sanitise_filename("report." * 100 + "csv")

    assert len(name) <= MAX_NAME_LENGTH
    assert extension_of(name) == "csv"


def test_a_short_name_is_unchanged_apart_from_unicode_normalisation():
    assert sanitise_filename("Tabel 1 (ældre).csv") == "Tabel 1 (ældre).csv"
    assert sanitise_filename("Tabel 1 (a\u0308ldre).csv") == "Tabel 1 (\u00e4ldre).csv"


@pytest.mark.parametrize(
    ("name", "extension"),
    [("tabel.CSV", "csv"), ("a.tar.gz", "gz"), ("noext", ""), (".hidden", ""), ("x.", "")],
)
def test_the_last_suffix_decides_the_type(name, extension):
    assert extension_of(name) == extension


def test_a_trailing_dot_cannot_hide_the_extension():
    assert extension_of(sanitise_filename("payload.exe.")) == "exe"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("results/2024/tables", "results/2024/tables"),
        ("../../etc", "etc"),
        ("/abs/olute", "abs/olute"),
        ("a\\b\\..\\c", "a/b/c"),
        ("a/\x00b/./c", "a/b/c"),
    ],
)
def test_folders_keep_no_traversal(raw, expected):
    assert sanitise_folder(raw) == expected
