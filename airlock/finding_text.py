"""A scanner finding in the reader's language.

The scanner (``scanners/``, no Django) writes each finding's ``message`` in English and gives it
a stable ``code``. Pages show findings through ``finding_for_display``: in English the
scanner's own words; in any other language a translated text, built from

1. a pattern per code that reads the dynamic parts (counts, column names, limits) out of the
   English message and puts them into a translated sentence; or, when the message has a shape
   no pattern knows (a newer scanner, say),
2. the code's translated explanation of what was found and what to do, without the details
   (the location and the evidence are still shown beside it).

So a reader never meets an English sentence. Locations ("page 3, table 1, row 4", "line 12")
are translated word by word. The complete fix is on the scanner side: a message id and its
parameters on each finding, so that no English needs reading back (see docs/design.md).
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import get_language, gettext, pgettext
from django.utils.translation import gettext_lazy as _

# --- What each code means, when the message's details cannot be read ---------------------

EXPLANATIONS: dict[str, Promise] = {
    "table.small_cell": _(
        "A table cell has fewer observations than the minimum. Aggregate further until every "
        "cell has enough observations, or suppress the cell so that it cannot be recomputed."
    ),
    "table.dominance": _(
        "A few units make up too much of a total: the total tells each dominant enterprise's "
        "value. Merge the group with others, or suppress the total."
    ),
    "table.differencing": _(
        "A suppressed cell can be recomputed from the total and the other cells. Suppress at "
        "least one more cell in the line, or aggregate further."
    ),
    "microdata.row_level": _(
        "This looks like unit records, not aggregated results. Microdata may never leave the "
        "secure environment: transfer only tables of counts or statistics."
    ),
    "identifier": _(
        "A national identification number was found. Identifiers may never leave the secure "
        "environment: remove it, or explain in your comment why it is not one."
    ),
    "identifier.column": _(
        "A column is named like a key variable. Key variables may never leave the secure "
        "environment, even pseudonymised: delete the column and aggregate."
    ),
    "type.extension_not_allowed": _(
        "File type not allowed. Export the result in an allowed format."
    ),
    "type.too_large": _("The file is over the upload limit. Split or reduce the output."),
    "type.content_mismatch": _(
        "The content does not match the file's extension. Changing a file's extension is not "
        "allowed: export the result in an allowed format."
    ),
    "size.review": _("The file is over the review size, so research services will check it."),
    "scan.unscannable": _(
        "The file could not be scanned. Research services will check it by hand; export it in "
        "another allowed format if you can."
    ),
    "hidden.pivot_cache": _(
        "A pivot cache stores every source row of the pivot table inside the file. Paste the "
        "pivot table as values into a new workbook, or delete the cache, before transfer."
    ),
    "hidden.sheet": _(
        "Hidden sheets travel with the file. Delete the sheet, or unhide it and check it."
    ),
    "hidden.rows_columns": _(
        "Hidden rows or columns travel with the file and often hold the unsuppressed numbers. "
        "Delete them, or unhide and check them."
    ),
    "hidden.tracked_changes": _(
        "Tracked changes keep deleted and earlier text in the file. Accept or reject all "
        "changes and save again before transfer."
    ),
    "hidden.embedded_object": _(
        "An embedded object is a whole file inside this file. Paste it as a picture or values "
        "instead."
    ),
    "hidden.attachment": _(
        "An attached file travels inside this file. Remove the attachment and transfer only "
        "what has been checked."
    ),
    "hidden.text": _(
        "Text formatted as hidden is in the file but not shown. Delete it, or make it visible "
        "and check it."
    ),
    "hidden.comment": _(
        "Comments are not shown in the printed result but travel with the file. Delete them "
        "unless they are meant to be transferred."
    ),
    "hidden.external_link": _(
        "A link to another workbook may keep cached values from it and names a file in the "
        "secure environment. Break the link (paste as values)."
    ),
    "hidden.data_connection": _(
        "A data connection names a data source and may hold its query. Remove the connection."
    ),
    "hidden.trailing_data": _(
        "Bytes after the end of the format are in the file but no program shows them. Save "
        "the file again from the program that made it."
    ),
    "hidden.active_content": _(
        "The file holds active content (a script or an action that starts a program). Save it "
        "again without scripts or actions before transfer."
    ),
    "hidden.metadata": _(
        "The file's properties (author, title, company) travel with it. This is normal; check "
        "that they say nothing they should not."
    ),
    "hidden": _("Part of the file is not shown when it is opened. Check it before transfer."),
}
GENERIC = _("The scanner found something to check in this file. Check it before transfer.")

# --- Patterns that read the details out of the scanner's English ---------------------------

SCHEME_NAMES: dict[str, Promise] = {
    "dk_cpr": _("Danish CPR number"),
    "dk_cvr": _("Danish CVR number"),
    "dk_pnum": _("Danish P-number (production unit)"),
    "no_fnr": _("Norwegian national identity number (fødselsnummer/D-number)"),
    "no_orgnr": _("Norwegian organisation number"),
    "se_pnr": _("Swedish personal identity number (personnummer)"),
    "se_orgnr": _("Swedish organisation number"),
    "fi_hetu": _("Finnish personal identity code (HETU)"),
    "is_kennitala": _("Icelandic identity number (kennitala)"),
}


@dataclass(frozen=True)
class Pattern:
    code: str  # exact code, or a family ending in "."
    english: re.Pattern[str]
    render: Callable[[dict[str, str], str], str]

    def applies_to(self, code: str) -> bool:
        return code.startswith(self.code) if self.code.endswith(".") else code == self.code


def _where(text: str) -> str:
    """ "row 'Aarhus', column 'persons'" -> the same in the reader's language."""
    match = re.fullmatch(r"row '(?P<row>.*)', column '(?P<col>.*)'", text)
    if match:
        return gettext("row “%(row)s”, column “%(column)s”") % {
            "row": match["row"],
            "column": _column(match["col"]),
        }
    match = re.fullmatch(r"column '(?P<col>.*)'", text)
    if match:
        return gettext("column “%(column)s”") % {"column": _column(match["col"])}
    match = re.fullmatch(r"in the text: '(?P<words>.*)'", text)
    if match:
        return gettext("in the text: “%(words)s”") % {"words": match["words"]}
    return location_for_display(text)


def _column(label: str) -> str:
    match = re.fullmatch(r"column (\d+)", label)
    return gettext("column %(n)s") % {"n": match[1]} if match else label


def _small_cell(m: dict[str, str], code: str) -> str:
    values = {"value": m["value"], "where": _where(m["where"]), "minimum": m["minimum"]}
    if m.get("kind") == "N =":
        return (
            gettext(
                "N = %(value)s (%(where)s) is below the minimum of %(minimum)s observations: the "
                "amounts beside it describe fewer than %(minimum)s units. Aggregate further "
                "until every cell has at least %(minimum)s observations."
            )
            % values
        )
    return (
        gettext(
            "Count %(value)s (%(where)s) is below the minimum of %(minimum)s observations per "
            "cell. Aggregate further until every cell has at least %(minimum)s observations "
            "(merge categories), or suppress the cell so that it cannot be recomputed from "
            "totals."
        )
        % values
    )


def _dominance(m: dict[str, str], code: str) -> str:
    units = m["units"] or "1"
    where = m.get("row")
    values = {"units": units, "share": m["share"], "limit": m["limit"], "row": where or ""}
    if where:
        text = gettext(
            "The %(units)s largest units make up %(share)s%% of the total in row “%(row)s”, "
            "more than the %(limit)s%% allowed."
        )
    else:
        text = gettext(
            "The %(units)s largest units make up %(share)s%% of the total, more than the "
            "%(limit)s%% allowed."
        )
    advice = gettext(
        "The total tells each dominant enterprise's value. Merge the group with others, or "
        "suppress the total (and a second cell so it cannot be recomputed)."
    )
    return f"{text % values} {advice}"


def _identifier_column(m: dict[str, str], code: str) -> str:
    name = _scheme_name(code)
    return gettext(
        "Column “%(column)s” holds %(count)s values that are valid as a %(scheme)s. "
        "Identifiers may never leave the secure environment: delete the column and transfer "
        "aggregated results only."
    ) % {"column": m["column"], "count": m["count"], "scheme": name}


def _identifier_value(m: dict[str, str], code: str) -> str:
    return gettext(
        "A %(scheme)s was found. Identifiers may never leave the secure environment: remove "
        "it, or explain in your comment why it is not one."
    ) % {"scheme": _scheme_name(code)}


def _key_column(m: dict[str, str], code: str) -> str:
    return gettext(
        "Column “%(column)s” is named like the key variable %(key)s. Key variables (person, "
        "family, firm and address keys) may never leave the secure environment, even "
        "pseudonymised: delete the column and aggregate."
    ) % {"column": m["column"], "key": m["key"]}


def _row_level(m: dict[str, str], code: str) -> str:
    return gettext(
        "“%(part)s” looks like unit records, not aggregated results. Microdata may never leave "
        "the secure environment, even without the key: transfer only tables of counts or "
        "statistics over at least the minimum number of units."
    ) % {"part": m["part"]}


def _differencing(m: dict[str, str], code: str) -> str:
    return gettext(
        "The suppressed cell (%(mark)s) in %(line)s is the only one hidden in a line with a "
        "total, so it can be recomputed: total minus the other cells. Suppress at least one "
        "more cell in the line (and in its column), or aggregate further."
    ) % {"mark": m["mark"], "line": location_for_display(m["line"])}


def _more_like_this(m: dict[str, str], code: str) -> str:
    return gettext(
        "%(extra)s more like this in %(place)s (%(count)s in all; the first %(limit)s are listed)."
    ) % {
        "extra": m["extra"],
        "place": location_for_display(m["place"]),
        "count": m["count"],
        "limit": m["limit"],
    }


def _extension(m: dict[str, str], code: str) -> str:
    shown = m["shown"]
    if shown.startswith("."):
        return gettext(
            "File type not allowed: %(ext)s is not on the project's list of allowed file "
            "types. Export the result in an allowed format."
        ) % {"ext": shown}
    return gettext(
        "File type not allowed: a file without an extension is not on the project's list of "
        "allowed file types. Export the result in an allowed format."
    )


PATTERNS: list[Pattern] = [
    Pattern(
        "table.small_cell",
        re.compile(
            r"(?P<kind>Count|N =) (?P<value>\d+) \((?P<where>.*)\) is below the minimum of "
            r"(?P<minimum>\d+) observations.*",
            re.S,
        ),
        _small_cell,
    ),
    Pattern(
        "table.dominance",
        re.compile(
            r"The (?:largest unit makes|(?P<units>\d+) largest units make) up "
            r"(?P<share>\d+)% of the total(?: in row '(?P<row>.*)')?, more than the "
            r"(?P<limit>[\d.]+)% allowed.*",
            re.S,
        ),
        _dominance,
    ),
    Pattern(
        "identifier.column",
        re.compile(
            r"Column '(?P<column>.*)'.* is named like the key variable (?P<key>\S+)\..*", re.S
        ),
        _key_column,
    ),
    Pattern(
        "identifier.",
        re.compile(r"Column '(?P<column>.*)'.* holds (?P<count>\d+) values? .*", re.S),
        _identifier_column,
    ),
    Pattern(
        "identifier.", re.compile(r"A .*\(.*\)\. Identifiers may never.*", re.S), _identifier_value
    ),
    Pattern(
        "microdata.row_level",
        re.compile(r"'(?P<part>.*)'.* looks like unit records.*", re.S),
        _row_level,
    ),
    Pattern(
        "table.differencing",
        re.compile(
            r"The suppressed cell \((?P<mark>.*?)\) in (?P<line>.*?) is the only one.*", re.S
        ),
        _differencing,
    ),
    Pattern(
        "table.differencing",
        re.compile(
            r"Together with '(?P<file>.*?)' \(transferred (?P<date>[\d-]+)\), (?P<what>the "
            r"suppressed count|the count) of '(?P<category>.*?)', column '(?P<column>.*?)', can "
            r"be recomputed: (?P<value>-?\d+).*",
            re.S,
        ),
        lambda g, _m: _released_differencing(g),
    ),
    Pattern(
        "type.extension_not_allowed",
        re.compile(r"File type not allowed: (?P<shown>.*?) is not on the project's list.*", re.S),
        _extension,
    ),
]


def _released_differencing(groups: dict[str, str]) -> str:
    """Differencing with a table released earlier (docs/differencing-across-exports.md)."""
    suppressed = groups["what"] == "the suppressed count"
    what = gettext("the suppressed count") if suppressed else gettext("the count")
    return gettext(
        "Together with “%(file)s” (transferred %(date)s), %(what)s of “%(category)s”, column "
        "“%(column)s”, can be recomputed: %(value)s. Suppress or aggregate so that the two "
        "tables together give no count below the minimum back."
    ) % {
        "file": groups["file"],
        "date": groups["date"],
        "what": what,
        "category": groups["category"],
        "column": groups["column"],
        "value": groups["value"],
    }


# A finding that sums up the ones not listed: "12 more like this in Sheet1 (15 in all; ...)".
MORE_LIKE_THIS = re.compile(
    r"(?P<extra>\d+) more like this in (?P<place>.*?) \((?P<count>\d+) in all; the first "
    r"(?P<limit>\d+) are listed\)\.",
)


def _scheme_name(code: str) -> str:
    scheme = code.partition(".")[2]
    return str(SCHEME_NAMES.get(scheme, pgettext("identifier", "national identification number")))


def explanation_for(code: str) -> str:
    """The code's translated explanation: the exact code, else its family, else generic."""
    family = code.partition(".")[0]
    return str(EXPLANATIONS.get(code) or EXPLANATIONS.get(family) or GENERIC)


def message_for_display(code: str, message: str) -> str:
    """The finding's message in the active language (the scanner's own in English)."""
    if (get_language() or "en").startswith("en"):
        return message
    more = MORE_LIKE_THIS.match(message)
    if more:
        return f"{_more_like_this(more.groupdict(), code)} {explanation_for(code)}"
    for pattern in PATTERNS:
        if pattern.applies_to(code):
            match = pattern.english.fullmatch(message)
            if match:
                groups = {k: v or "" for k, v in match.groupdict().items()}
                return pattern.render(groups, code)
    return explanation_for(code)


SEVERITY_LABELS: dict[str, Promise] = {
    "reject": _("Cannot be transferred"),
    "risk": _("Risk"),
    "review": _("Goes to control"),
    "info": _("Note"),
}


def severity_label(severity: str) -> str:
    return str(SEVERITY_LABELS.get(severity, severity))


# --- Locations ------------------------------------------------------------------------------

_LOCATION_WORDS = [
    (re.compile(r"\bthe file\b"), lambda: gettext("the file")),
    (re.compile(r"\bpage\b"), lambda: gettext("page")),
    (re.compile(r"\btable\b"), lambda: gettext("table")),
    (re.compile(r"\brow\b"), lambda: gettext("row")),
    (re.compile(r"\bcolumn\b"), lambda: gettext("column")),
    (re.compile(r"\bline\b"), lambda: gettext("line")),
    (re.compile(r"\bsheet\b"), lambda: gettext("sheet")),
    (re.compile(r"\bslide\b"), lambda: gettext("slide")),
    (re.compile(r"\bpart\b"), lambda: gettext("part")),
]


def location_for_display(location: str) -> str:
    """ "page 3, table 1, row 4" -> "side 3, tabel 1, række 4"; names are left as they are."""
    if not location or (get_language() or "en").startswith("en"):
        return location
    # Only words outside quotes: a sheet called 'row data' keeps its name.
    pieces = re.split(r"('[^']*'|\"[^\"]*\"|“[^”]*”)", location)
    for index in range(0, len(pieces), 2):
        piece = pieces[index]
        for word, translated in _LOCATION_WORDS:
            piece = word.sub(lambda _m, t=translated: t(), piece)
        pieces[index] = piece
    return "".join(pieces)


def finding_for_display(finding: dict[str, Any]) -> dict[str, Any]:
    """A finding as stored on the file, with ``message`` and ``location`` for the reader."""
    code = str(finding.get("code", ""))
    return {
        **finding,
        "message": message_for_display(code, str(finding.get("message", ""))),
        "location": location_for_display(str(finding.get("location", ""))),
        "severity_label": severity_label(str(finding.get("severity", ""))),
        "original_message": finding.get("message", ""),
    }
