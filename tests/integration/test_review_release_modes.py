"""Release modes per project (issue 4): immediate, hold_flagged, hold_all."""

import pytest

from tests.integration import review_world as w

pytestmark = pytest.mark.django_db

MB = 1024 * 1024


def transfer_three(mode: str):
    project, researcher, _admin = w.project(
        mode.replace("_", "-"), release_mode=mode, sampling_rate=0.0
    )
    clean = w.transferred_file(project, researcher, name="clean.csv")
    risky = w.transferred_file(
        project, researcher, name="risky.csv", verdict="risk", findings=[w.SMALL_CELL]
    )
    unscannable = w.transferred_file(project, researcher, name="locked.xlsx", verdict="unscannable")
    return clean, risky, unscannable


def statuses(*files):
    for f in files:
        f.refresh_from_db()
    return [f.status for f in files]


def test_immediate_releases_everything_and_controls_afterwards():
    clean, risky, unscannable = transfer_three("immediate")
    assert statuses(clean, risky, unscannable) == ["released", "released", "released"]
    assert risky.review_item.reasons == ["risk"]
    assert unscannable.review_item.reasons == ["unscannable"]
    assert not hasattr(clean, "review_item") or clean.review_item is None


def test_hold_flagged_holds_risk_and_unscannable_files_only():
    clean, risky, unscannable = transfer_three("hold_flagged")
    assert statuses(clean, risky, unscannable) == ["released", "held", "held"]


def test_hold_all_holds_every_file():
    clean, risky, unscannable = transfer_three("hold_all")
    assert statuses(clean, risky, unscannable) == ["held", "held", "held"]


def test_sampling_reasons_and_draw_are_stored_at_transfer():
    project, researcher, _admin = w.project("draws", sampling_rate=1.0)
    big = w.transferred_file(project, researcher, name="big.csv", content=b"a,b\n" * (MB // 4 + 1))
    clean = w.transferred_file(project, researcher, name="small.csv")
    assert big.sampling_record.reasons == ["size"] and big.sampling_record.random_draw is None
    assert clean.sampling_record.reasons == ["random"]
    assert 0 <= clean.sampling_record.random_draw < 1
    assert clean.review_item.random_draw == clean.sampling_record.random_draw
