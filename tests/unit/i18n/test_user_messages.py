"""Every error with a sentence for the user is said in Korean as well as in English."""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

import desktop_app
from desktop_app.domain.glossary import Term
from desktop_app.domain.messages import N_, Phrase, TranslatableError
from desktop_app.files import REASON_CODES, ExportError, PdfUnavailable
from desktop_app.i18n import translator
from desktop_app.i18n.errors import EXPORT_FAILURES, is_known, user_message
from desktop_app.services import DariError, ReferenceService, Services
from desktop_app.services.bundles import UnknownSigner
from desktop_app.services.drafts import DraftService, read_json_file
from desktop_app.services.encryption import FolderOpenInWindow, PassphraseTooShort
from desktop_app.services.export import ExportCancelled, TargetExists
from desktop_app.storage.errors import (
    BackupNotFound,
    ConflictError,
    ContactListExists,
    ContactListNotFound,
    DamagedFileNotFound,
    DatabaseCorrupt,
    DatabaseLocked,
    DatabaseTooNew,
    DatabaseUnavailable,
    DraftNotFound,
    EncryptionStateError,
    EventChanged,
    ItemNotFound,
    KeyFileDamaged,
    RevisionNotFound,
    ServerBackups,
    ServerLoginRefused,
    ServerSchemaOld,
    ServerSchemaTooNew,
    ServerUnavailable,
    ServerUrlHasPassword,
    ServerUrlInvalid,
    StorageError,
    WrongPassphrase,
)

PATH = Path("/home/activist/Dari/dari.sqlite3")
HANGUL = re.compile("[가-힣]")
# Qt (no error class lives there), running the program, Alembic's scripts (run by Alembic only)
NOT_IMPORTED = ("desktop_app.gui", "desktop_app.app", "desktop_app.__main__")

# One example of every error class: a class added without one fails the walk below.
EXAMPLES: dict[type[Exception], list[Exception]] = {
    UnknownSigner: [UnknownSigner(PATH, "ABCD-EFGH-IJKL-MNOP-QRST", "dari1:age1…:00")],
    DatabaseCorrupt: [DatabaseCorrupt(PATH, "file is not a database")],
    DatabaseTooNew: [DatabaseTooNew(PATH, "9f0e1d2c3b4a")],
    DatabaseUnavailable: [
        DatabaseUnavailable(PATH, Phrase(N_("the disk is full"))),
        DatabaseUnavailable(PATH, "SQLite reported: disk I/O error"),
    ],
    DraftNotFound: [DraftNotFound(404)],
    ServerUrlInvalid: [ServerUrlInvalid("mysql://office/dari")],
    ServerUrlHasPassword: [ServerUrlHasPassword("postgresql+psycopg://dari@office/dari")],
    ServerUnavailable: [ServerUnavailable("dari@office/dari", "connection refused")],
    ServerLoginRefused: [ServerLoginRefused("dari@office/dari", "dari")],
    ServerSchemaTooNew: [ServerSchemaTooNew("dari@office/dari", "9f0e")],
    ServerSchemaOld: [ServerSchemaOld("dari@office/dari")],
    ServerBackups: [ServerBackups("dari@office/dari")],
    RevisionNotFound: [RevisionNotFound(77)],
    ConflictError: [ConflictError(3, 4, 5)],
    ItemNotFound: [
        ItemNotFound("glossary term", 12),
        ItemNotFound("clause", 7),
        ItemNotFound("organisation", 3),
        ItemNotFound("person", 12),
        ItemNotFound("position", 7),
        ItemNotFound("appointment", 5),
    ],
    ContactListNotFound: [ContactListNotFound("Permanent missions, UPR session 46")],
    ContactListExists: [ContactListExists("Ministers")],
    BackupNotFound: [BackupNotFound("dari-20240418-090000.db")],
    DamagedFileNotFound: [DamagedFileNotFound("dari-damaged-20240418-090000.db")],
    EventChanged: [EventChanged(3)],
    TargetExists: [TargetExists([PATH.with_name("2024-04-18 외교부 서한 (ko).docx")])],
    ExportCancelled: [ExportCancelled()],
    DatabaseLocked: [DatabaseLocked(PATH)],
    WrongPassphrase: [WrongPassphrase(PATH)],
    KeyFileDamaged: [KeyFileDamaged(PATH, "missing")],
    EncryptionStateError: [EncryptionStateError(True), EncryptionStateError(False)],
    PassphraseTooShort: [PassphraseTooShort()],
    FolderOpenInWindow: [FolderOpenInWindow(PATH.parent)],
}


def ko(error: BaseException) -> str:
    return user_message(error, translator("ko").gettext)


def en(error: BaseException) -> str:
    return user_message(error, translator("en").gettext)


def subclasses(base: type[Exception]) -> set[type[Exception]]:
    found = set()
    for cls in base.__subclasses__():
        found |= {cls} | subclasses(cls)
    return found


def test_every_error_class_in_the_package_is_said_in_korean() -> None:
    for module in pkgutil.walk_packages(desktop_app.__path__, "desktop_app."):
        if not module.name.startswith(NOT_IMPORTED) and ".migrations" not in module.name:
            importlib.import_module(module.name)
    classes = {
        cls
        for cls in subclasses(DariError) | subclasses(StorageError)
        if cls.__module__.startswith("desktop_app.")
    }
    assert classes == set(EXAMPLES), "give each new error class an example in EXAMPLES"
    for examples in EXAMPLES.values():
        for error in examples:
            assert en(error) == str(error)
            assert ko(error) != en(error), type(error).__name__
            assert HANGUL.search(ko(error)) and "{" not in ko(error), ko(error)
            assert str(PATH) in ko(error) if hasattr(error, "path") else True


def test_a_phrase_parameter_is_translated_with_its_sentence() -> None:
    error = DatabaseUnavailable(PATH, Phrase(N_("the disk is full")))
    assert "(the disk is full)" in str(error)
    assert "(디스크 공간 부족)" in ko(error)


def test_the_english_sentence_is_the_same_as_before_templates() -> None:
    assert str(DraftNotFound(404)) == (
        "Draft number 404 was not found. It may have been deleted permanently."
    )
    assert str(DariError(N_("{path} does not exist."), path=PATH)) == f"{PATH} does not exist."
    assert str(ItemNotFound("clause", 7)) == ("Clause 7 does not exist (it may have been deleted).")


def test_an_old_style_sentence_is_said_as_it_is() -> None:
    """glossary_files.py, export.py and names.py still raise finished English sentences."""
    error = DariError("C:\\{odd} folder\\terms.csv needs the columns “ko” and “en”.")
    assert en(error) == ko(error) == str(error)
    assert is_known(error)


@pytest.mark.parametrize("code", REASON_CODES)
def test_every_export_failure_is_said_in_korean(code: str) -> None:
    error = ExportError(PATH.with_suffix(".docx"), "the system reported “EIO”", code)
    assert en(error) == EXPORT_FAILURES[code].format(file=error.path, reason=error.reason)
    assert ko(error) != en(error) and HANGUL.search(ko(error))
    assert str(error.path) in ko(error)


def test_no_libreoffice_is_its_own_sentence() -> None:
    error = PdfUnavailable(PATH.with_suffix(".pdf"), "LibreOffice is not installed", "unavailable")
    assert "LibreOffice is not installed" in en(error)
    assert "LibreOffice" in ko(error) and HANGUL.search(ko(error))


def test_a_wrapped_export_error_is_said_as_its_cause() -> None:
    cause = ExportError(PATH.with_suffix(".docx"), "it is open elsewhere", "in_use")
    for wrapped in (DariError.saying(cause), DariError(str(cause))):
        wrapped.__cause__ = cause  # as `raise … from cause` does
        assert ko(wrapped) == ko(cause)
        assert en(wrapped) == en(cause)
    other = DariError("Another sentence.")
    other.__cause__ = cause
    assert ko(other) == "Another sentence."  # not a mere repetition: its own words


def test_an_error_parameter_is_said_in_the_same_language() -> None:
    inner = DraftNotFound(9)
    outer = DariError(N_("This is not a draft Dari can import: {problem}"), problem=inner)
    assert ko(outer).endswith(ko(inner))
    assert str(outer).endswith(str(inner))


def test_our_bugs_are_not_known_errors() -> None:
    error = KeyError("draft")
    assert not is_known(error)
    assert ko(error) == str(error)
    assert isinstance(DariError("x"), TranslatableError) and is_known(DraftNotFound(1))


def _bad_file(tmp_path: Path, name: str, content: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(content)
    return path


RAISE_SITES: dict[str, Callable[[Path, Services], object]] = {
    "missing file": lambda tmp, s: read_json_file(tmp / "gone.json"),
    "a folder": lambda tmp, s: read_json_file(tmp),
    "not UTF-8": lambda tmp, s: read_json_file(_bad_file(tmp, "a.json", b"\xff\xfe\xfa")),
    "not JSON": lambda tmp, s: read_json_file(_bad_file(tmp, "a.json", b'{"format": 1,')),
    "nested": lambda tmp, s: read_json_file(_bad_file(tmp, "a.json", b"[" * 100_000)),
    "not a draft": lambda tmp, s: s.drafts.import_json({"format": 99}),
    "foreign revision": lambda tmp, s: _foreign_revision(s.drafts),
    "no data folder": lambda tmp, s: ReferenceService(None).save_review_date(46, "KH", None),
    "unwritable calendar": lambda tmp, s: ReferenceService(
        tmp / "gone" / "deeper"
    ).save_review_date(46, "KH", date(2024, 5, 9)),
    "bad clause file": lambda tmp, s: s.clauses.import_file(_bad_file(tmp, "c.json", b"{}")),
    "glossary to nowhere": lambda tmp, s: s.glossary.export_file(tmp / "gone" / "terms.csv"),
    "missing draft": lambda tmp, s: s.drafts.load(404),
    "missing term": lambda tmp, s: s.glossary.update(404, Term("난민", "refugee")),
}


def _foreign_revision(drafts: DraftService) -> None:
    from tests.helpers.samples import sample_letter

    first, second = drafts.create(sample_letter()), drafts.create(sample_letter())
    revision = drafts.revisions(first.id)[0].id
    drafts.restore_revision(second.id, revision, expected_version=second.version)


@pytest.mark.parametrize("site", sorted(RAISE_SITES))
def test_the_services_errors_are_said_in_korean(
    site: str, services: Services, tmp_path: Path
) -> None:
    with pytest.raises((DariError, StorageError)) as caught:
        RAISE_SITES[site](tmp_path, services)
    error = caught.value
    assert en(error) == str(error) or isinstance(error.__cause__, ExportError)
    assert ko(error) != en(error), en(error)
    assert HANGUL.search(ko(error)), ko(error)
