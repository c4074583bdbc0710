"""Saving a corrected UPR review date goes through the reference service."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from desktop_app.services import DariError, ReferenceService


def test_a_saved_review_date_is_in_the_next_calendar(data_dir: Path) -> None:
    service = ReferenceService(data_dir)
    assert service.can_save
    changes = service.save_review_date(46, "KH", date(2024, 5, 9))
    assert changes.calendar
    session = service.calendar().session(46)
    assert session is not None and session.review_date("KH") == date(2024, 5, 9)
    assert ReferenceService(data_dir).calendar().session(46).review_date("KH") == date(2024, 5, 9)
    assert ReferenceService(None).calendar().session(46).review_date("KH") == date(2024, 5, 8)


def test_without_a_data_folder_nothing_is_saved() -> None:
    service = ReferenceService(None)
    assert not service.can_save
    with pytest.raises(DariError):
        service.save_review_date(46, "KH", date(2024, 5, 9))
    assert service.states().get("VN") is not None


def test_an_unwritable_folder_is_a_sentence(tmp_path: Path) -> None:
    missing = tmp_path / "gone" / "deeper"
    with pytest.raises(DariError, match="gone"):
        ReferenceService(missing).save_review_date(46, "KH", date(2024, 5, 9))
