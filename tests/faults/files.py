"""Result files built in code for the fault tests: small ones of each verdict, slow ones."""

CLEAN = b"region,count\nNorth,120\nSouth,340\nEast,55\n"
WITH_CPR = b"name,cpr\nA,010190-1234\nB,020285-4321\n"
KEY_COLUMN = b"PNR,income\n1,100\n2,200\n"
NOT_A_CSV = bytes(range(256)) * 12


def slow_table(rows: int, seed: int = 0) -> bytes:
    """An aggregate table large enough that scanning it takes seconds (about 1 s per 100k rows
    here), so a worker can be killed in the middle of its scan."""
    lines = ["region,year,count,mean"]
    lines += [
        f"R{(i + seed) % 50},{2000 + i % 20},{100 + i % 997},{i * 0.37:.2f}" for i in range(rows)
    ]
    return ("\n".join(lines) + "\n").encode()


def small_files() -> list[tuple[str, bytes]]:
    return [
        ("clean.csv", CLEAN),
        ("cpr.csv", WITH_CPR),
        ("pnr.csv", KEY_COLUMN),
        ("junk.csv", NOT_A_CSV),
    ]
