"""What the browser tests check on every page state: axe-core finds no accessibility violation
of any impact, nothing is wider than the viewport, and a Danish page has no English words."""

import re
from dataclasses import dataclass, field
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

AXE = Axe()  # axe-core shipped inside the package: nothing is downloaded at run time

# Whole English words that a Danish page must not show (Danish words never match them: "filer"
# is not "file"). User names, file names and codes in the tests avoid them.
ENGLISH = re.compile(
    r"\b(Sign|Remove|Comment|Transfers?|Approve|Download|Delete|Files?|Risk|Check|Projects?|"
    r"Overview|Scanning|Queued|Uploaded|Waiting|Upload files|the|and|of|with|is|are|cannot|"
    r"must|found|below|Column|line|row|page)\b"
)


@dataclass
class PageStates:
    """Every state looked at, with what was found; asserted at the end of a test so that one
    run reports every problem."""

    folder: Path
    width: str
    problems: list[str] = field(default_factory=list)
    looked_at: list[str] = field(default_factory=list)

    def look(self, page: Page, name: str, *, danish: bool = True) -> None:
        """Screenshot, axe, overflow and (for Danish pages) English words, for one state."""
        page.wait_for_load_state("load")
        shot = self.folder / f"{self.width}-{name}.png"
        page.screenshot(path=str(shot), full_page=True)
        self.looked_at.append(shot.name)
        for violation in axe_violations(page):
            self.problems.append(f"{name}: axe {violation}")
        for wide in overflowing(page):
            self.problems.append(f"{name}: wider than the viewport: {wide}")
        if danish:
            assert page.evaluate("document.documentElement.lang") == "da", name
            for word in english_words(page):
                self.problems.append(f"{name}: English word {word!r}")

    def assert_clean(self) -> None:
        assert not self.problems, "\n".join(self.problems)


def axe_violations(page: Page) -> list[str]:
    results = AXE.run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at "
        + ", ".join(" ".join(node["target"]) for node in v["nodes"][:3])
        for v in results.response["violations"]
    ]


def overflowing(page: Page) -> list[str]:
    """Elements whose right edge is past the viewport, and the page's own scroll width."""
    return page.evaluate(
        """() => {
            const width = document.documentElement.clientWidth;
            const found = [];
            if (document.documentElement.scrollWidth > width) {
                const scroll = document.documentElement.scrollWidth;
                found.push(`page scrolls sideways: ${scroll}px > ${width}px`);
            }
            for (const el of document.querySelectorAll("body *")) {
                const box = el.getBoundingClientRect();
                if (box.width === 0 || box.height === 0) continue;
                if (el.closest(".visually-hidden, .skip-link, .table-scroll")) continue;
                if (box.right > width + 1) {
                    const cls = typeof el.className === "string" ? el.className.split(" ")[0] : "";
                    const name = el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
                        (cls ? "." + cls : "");
                    found.push(`${name} ends at ${Math.round(box.right)}px`);
                }
            }
            return found.slice(0, 5);
        }"""
    )


def english_words(page: Page) -> list[str]:
    text = page.evaluate(
        """() => {
            // Visible text, less what is in another language on purpose (the switch's "English"),
            // file names and user names the test chose.
            const clone = document.body.cloneNode(true);
            clone.querySelectorAll("[lang]:not([lang=da]), code, .file-name, .upload-name, " +
                "script, style, .signed-in").forEach(el => el.remove());
            return clone.innerText;
        }"""
    )
    return sorted(set(ENGLISH.findall(text)))
