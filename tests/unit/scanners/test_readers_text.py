"""Text-family readers: delimited files, Stata logs, SAS listings, code, markup."""

from __future__ import annotations

from pathlib import Path

import pytest

from scanners import scan
from scanners.readers import delimited
from tests.unit.scanners.file_makers import CPR, CPR_BARE, extract, find_cell, tables, texts


def test_danish_csv_semicolon_decimal_comma_cp1252(tmp_path: Path) -> None:
    path = tmp_path / "tabel.csv"
    path.write_bytes(
        "kommune;antal;gns. indkomst\nKøge;120;312,5\nSorø;2;1.234,75\n".encode("cp1252")
    )
    extraction = extract(path)
    table = tables(extraction)[0]
    assert table.rows[1] == ["Køge", 120, 312.5]
    assert table.rows[2] == ["Sorø", 2, 1234.75]
    assert table.cell_location(2, 1) == "line 3, column 2"
    assert table.is_last_chunk and table.total_rows == 3


def test_utf16_tab_file(tmp_path: Path) -> None:
    path = tmp_path / "tabel.tab"
    path.write_bytes("pnr\talder\n0707614285\t34\n".encode("utf-16"))
    table = tables(extract(path))[0]
    assert table.rows == [["pnr", "alder"], [CPR_BARE, 34]]


def test_large_csv_is_chunked_in_bounded_pieces(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(delimited, "CHUNK_ROWS", 100)
    path = tmp_path / "data.csv"
    path.write_text("a,b\n" + "".join(f"{i},{i * 2}\n" for i in range(250)))
    chunks = tables(extract(path))
    assert [len(c.rows) for c in chunks] == [100, 100, 51]
    assert [c.row_offset for c in chunks] == [0, 100, 200]
    assert [c.is_last_chunk for c in chunks] == [False, False, True]
    assert chunks[2].cell_location(0, 0) == "line 201, column 1"


def test_every_row_of_a_chunked_csv_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(delimited, "CHUNK_ROWS", 50)
    lines = ["aar;kommune;antal"] + [f"2020;{100 + i};{i % 50 + 3}" for i in range(5000)]
    lines[4000] = f"2020;note {CPR};7"
    path = tmp_path / "big.csv"
    path.write_text("\n".join(lines) + "\n")
    chunks = tables(extract(path))
    assert sum(len(c.rows) for c in chunks) == 5001 and chunks[-1].total_rows == 5001
    table, location = find_cell(extract(path), f"note {CPR}")
    assert location == "line 4001, column 2"
    report = scan(path, isolate=False)
    assert any(
        f.code == "identifier.dk_cpr" and f.location.startswith("line 4001")
        for f in report.findings
    )


def test_plain_txt_is_text_with_aligned_tables(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text(f"Noter til kontrol\nKontaktperson {CPR}\n")
    blocks = texts(extract(path))
    assert [b.location for b in blocks] == ["line 1", "line 2"]


STATA_LOG = """\
. tabulate koen

       koen |      Freq.     Percent        Cum.
------------+-----------------------------------
      kvind |          2       40.00       40.00
      mand  |          3       60.00      100.00
------------+-----------------------------------
      Total |          5      100.00

. list pnr alder in 1/2

     +--------------------+
     |        pnr   alder |
     |--------------------|
  1. | 0707614285      34 |
  2. | 0101554005      45 |
     +--------------------+
"""


def test_stata_log_tabulate_and_list_become_tables(tmp_path: Path) -> None:
    path = tmp_path / "analyse.log"
    path.write_text(STATA_LOG)
    extraction = extract(path)
    tabulate, listing = tables(extraction)
    assert tabulate.rows[1] == ["kvind", 2, 40.0, 40.0]
    assert tabulate.cell_location(1, 1) == "line 5, column 2"
    assert listing.rows == [["pnr", "alder"], [CPR_BARE, 34], ["0101554005", 45]]
    assert texts(extraction)[0].text == ". tabulate koen"


def test_smcl_markup_is_stripped(tmp_path: Path) -> None:
    path = tmp_path / "analyse.smcl"
    path.write_text(
        "{smcl}\n{com}. tabulate koen\n{txt}\n"
        "       koen {c |}      Freq.     Percent\n{hline 12}{c +}{hline 22}\n"
        "      kvind {c |}{res}          2       40.00\n"
        "{txt}       mand {c |}{res}          3       60.00\n"
    )
    extraction = extract(path)
    assert tables(extraction)[0].rows[1] == ["kvind", 2, 40.0]
    assert texts(extraction)[0].text == ". tabulate koen"


def test_sas_listing_proc_freq(tmp_path: Path) -> None:
    path = tmp_path / "freq.lst"
    path.write_text(
        "                     The FREQ Procedure\n\n"
        "        koen    Frequency     Percent\n"
        "        ---------------------------------\n"
        "        F              2       40.00\n"
        "        M              3       60.00\n"
    )
    table = tables(extract(path))[0]
    assert table.rows[0] == ["koen", "Frequency", "Percent"]
    assert table.rows[1] == ["F", 2, 40.0]


@pytest.mark.parametrize(
    ("name", "source", "expected_row"),
    [
        (
            "prog.sas",
            f"data a;\n input id pnr $ alder;\n datalines;\n1 {CPR_BARE} 34\n;\nrun;\n",
            [1, CPR_BARE, 34],
        ),
        (
            "prog.do",
            f'clear\ninput str10 pnr alder\n"{CPR_BARE}" 34\nend\ntab alder\n',
            [CPR_BARE, 34],
        ),
        (
            "prog.r",
            f'df <- data.frame(pnr = c("{CPR_BARE}", "x"), alder = c(34, 45))\n',
            [CPR_BARE, 34],
        ),
        (
            "prog.sps",
            f"DATA LIST FREE / pnr alder.\nBEGIN DATA\n{CPR_BARE} 34\nEND DATA.\n",
            [CPR_BARE, 34],
        ),
    ],
)
def test_code_embedded_data_is_a_data_table(
    tmp_path: Path, name: str, source: str, expected_row: list[object]
) -> None:
    path = tmp_path / name
    path.write_text(source)
    extraction = extract(path)
    data = tables(extraction)[0]
    assert data.part == "data"
    assert expected_row in data.rows
    assert all(b.part == "code" for b in texts(extraction))
    assert not any(CPR_BARE in b.text for b in texts(extraction))


def test_html_tables_hidden_text_and_comments(tmp_path: Path) -> None:
    path = tmp_path / "tabel.html"
    path.write_text(
        "<html><body><h1>Resultater</h1><table><tr><th>kommune</th><th>antal</th></tr>"
        "<tr><td>Odder</td><td>2</td></tr></table>"
        f'<div style="display:none">skjult {CPR}</div><!-- note {CPR} --></body></html>'
    )
    extraction = extract(path)
    _, location = find_cell(extraction, 2)
    assert location == "table 1, row 2, column 2"
    hidden = [b for b in texts(extraction) if b.hidden]
    assert {b.part for b in hidden} == {"hidden_text", "comment"}
    assert {p.kind for p in extraction.hidden} == {"hidden_text", "comment"}


def test_tex_tabular_and_comments(tmp_path: Path) -> None:
    path = tmp_path / "tabel.tex"
    path.write_text(
        "\\begin{tabular}{lr}\n\\hline\nkommune & antal \\\\\n\\textbf{Odder} & 2 \\\\\n"
        f"\\end{{tabular}}\n% husk {CPR}\n"
    )
    extraction = extract(path)
    assert tables(extraction)[0].rows == [["kommune", "antal"], ["Odder", 2]]
    assert any(b.hidden and CPR in b.text for b in texts(extraction))


def test_xml_records_and_svg_text(tmp_path: Path) -> None:
    xml = tmp_path / "data.xml"
    xml.write_text(
        "<rows>"
        + "".join(f"<row><pnr>{CPR_BARE}</pnr><alder>{a}</alder></row>" for a in (30, 40, 50))
        + "</rows>"
    )
    table = tables(extract(xml))[0]
    assert table.rows[0] == ["pnr", "alder"] and table.rows[1] == [CPR_BARE, 30]
    svg = tmp_path / "graf.svg"
    svg.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg"><text x="1" y="2">Antal: 2</text>'
        f'<text display="none">{CPR}</text></svg>'
    )
    blocks = texts(extract(svg))
    assert blocks[0].text == "Antal: 2" and blocks[1].hidden


def test_rtf_and_eps_text(tmp_path: Path) -> None:
    rtf = tmp_path / "notat.rtf"
    rtf.write_text("{\\rtf1\\ansi {\\b Resultater}\\par Kontakt " + CPR + "\\par}")
    assert any(CPR in b.text for b in texts(extract(rtf)))
    eps = tmp_path / "graf.eps"
    eps.write_text(
        f"%!PS-Adobe-3.0 EPSF-3.0\n%%Title: graf\n/Helvetica findfont 12 scalefont setfont\n"
        f"10 10 moveto (Antal i Odder: 2) show\n10 30 moveto ({CPR}) show\nshowpage\n"
    )
    assert any(CPR in b.text for b in texts(extract(eps)))
