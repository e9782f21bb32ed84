"""The rules: each detector turns what readers found into findings.

``all_detectors(policy)`` returns fresh detectors for one file. The table rules share one
``TableBook`` so that each table's shape is worked out once and the cell rules can stand back
for a table that is unit records (one microdata finding covers it).

| module            | codes                                                        |
|-------------------|--------------------------------------------------------------|
| identifiers       | identifier.dk_cpr, .dk_cvr, .dk_pnum, .no_fnr, .no_orgnr, ...  |
| key_columns       | identifier.column                                            |
| small_cells       | table.small_cell                                             |
| prose_counts      | table.small_cell (a count of persons in a sentence)          |
| differencing      | table.differencing                                           |
| released_differencing | table.differencing (with a table released earlier)       |
| dominance         | table.dominance                                              |
| row_level         | microdata.row_level                                          |
| hidden_content    | hidden.*                                                     |
| graphics          | table.unread_graphic (review: a picture with no readable table) |
"""

from __future__ import annotations

from scanners.model import Detector, Policy

__all__ = ["all_detectors", "FAMILIES"]

# Finding-code families, for reports and metrics.
FAMILIES = ("identifier", "table", "microdata", "hidden")


def all_detectors(policy: Policy) -> list[Detector]:
    # Imported here, not at the top: a process that needs only a vocabulary module
    # (``key_variables`` for a page) does not load the table rules and the readers they use.
    from scanners.detectors.differencing import DifferencingDetector
    from scanners.detectors.dominance import DominanceDetector
    from scanners.detectors.graphics import GraphicDetector
    from scanners.detectors.hidden_content import HiddenContentDetector
    from scanners.detectors.identifiers import IdentifierDetector
    from scanners.detectors.key_columns import KeyColumnDetector
    from scanners.detectors.prose_counts import ProseCountDetector
    from scanners.detectors.released_differencing import ReleasedDifferencingDetector
    from scanners.detectors.row_level import RowLevelDetector
    from scanners.detectors.small_cells import SmallCellDetector
    from scanners.detectors.table_book import TableBook

    book = TableBook()
    return [
        IdentifierDetector(policy, book),
        KeyColumnDetector(policy, book),
        SmallCellDetector(policy, book),
        ProseCountDetector(policy),
        DifferencingDetector(policy, book),
        ReleasedDifferencingDetector(policy),
        DominanceDetector(policy, book),
        RowLevelDetector(policy, book),
        HiddenContentDetector(policy),
        GraphicDetector(policy),
    ]
