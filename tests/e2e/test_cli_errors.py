"""The command line's two kinds of error, and its sentences in the environment's language."""

from __future__ import annotations

import io
import logging
import subprocess
from pathlib import Path

import pytest

from desktop_app.cli import build_parser, run_command
from desktop_app.services import DraftService
from tests.helpers.cli import dari


def dari_in(lang: str, *args: str | Path, data_dir: Path) -> subprocess.CompletedProcess[str]:
    """`dari` in a real process whose environment asks for `lang` (LANG=…)."""
    return dari(*args, data_dir=data_dir, lang=lang)


def run(data_dir: Path, *argv: str | Path, language: str = "en") -> tuple[int, str, str]:
    """`dari` in this process: (exit status, stdout, stderr)."""
    args = build_parser().parse_args(["--data-dir", str(data_dir), *map(str, argv)])
    out, err = io.StringIO(), io.StringIO()
    status = run_command(args, out, err, language=language)
    return status, out.getvalue(), err.getvalue()


def test_an_error_is_a_korean_sentence_under_a_korean_locale(
    data_dir: Path, tmp_path: Path
) -> None:
    missing = tmp_path / "없는 초안.json"
    result = dari_in("ko_KR.UTF-8", "import", missing, data_dir=data_dir)
    assert result.returncode == 1
    assert result.stderr == f"dari: {missing}이(가) 없습니다.\n"
    result = dari_in("ko_KR.UTF-8", "show", "42", data_dir=data_dir)
    assert result.returncode == 1
    assert result.stderr == ("dari: 42번 초안을 찾을 수 없습니다. 영구 삭제되었을 수 있습니다.\n")


def test_an_error_is_an_english_sentence_under_the_c_locale(data_dir: Path, tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.json"
    result = dari_in("C", "import", missing, data_dir=data_dir)
    assert result.returncode == 1
    assert result.stderr == f"dari: {missing} does not exist.\n"


@pytest.mark.parametrize(
    ("language", "words"),
    [("en", "This is a bug in Dari, not something you did."), ("ko", "다리의 결함입니다")],
)
def test_a_bug_is_exit_3_one_line_and_the_traceback_in_the_log(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, language: str, words: str
) -> None:
    def broken(self: DraftService, *args: object, **kwargs: object) -> None:
        raise KeyError("draft list")

    monkeypatch.setattr(DraftService, "list", broken)
    handlers = list(logging.getLogger().handlers)
    status, out, err = run(data_dir, "list", language=language)
    assert status == 3 and out == ""
    log_file = data_dir / "dari.log"
    assert err.count("\n") == 1 and err.startswith("dari: ")
    assert words in err and str(log_file) in err
    assert "Traceback" not in err and "KeyError" not in err
    log = log_file.read_text(encoding="utf-8")
    assert "bug (uncaught exception) in `dari list`" in log
    assert "Traceback (most recent call last)" in log and "KeyError: 'draft list'" in log
    assert logging.getLogger().handlers == handlers  # the log file is closed again


def test_a_known_error_is_exit_1_and_noted_in_the_log(data_dir: Path) -> None:
    status, _out, err = run(data_dir, "show", "42")
    assert status == 1
    assert err == "dari: Draft number 42 was not found. It may have been deleted permanently.\n"
    log = (data_dir / "dari.log").read_text(encoding="utf-8")
    assert "DraftNotFound" in log and "Traceback" not in log


def terms_file(tmp_path: Path, count: int) -> Path:
    path = tmp_path / f"terms-{count}.csv"
    rows = [f"시험용어{n},test term {n}" for n in range(count)]
    path.write_text("\n".join(["ko,en", *rows]) + "\n", encoding="utf-8")
    return path


def test_counts_are_in_the_singular_and_the_plural(data_dir: Path, tmp_path: Path) -> None:
    status, out, _err = run(data_dir, "glossary", "import", terms_file(tmp_path, 1))
    assert (status, out) == (0, "1 term added, 0 updated.\n")
    status, out, _err = run(data_dir, "glossary", "import", terms_file(tmp_path, 2))
    assert (status, out) == (0, "1 term added, 1 updated.\n")
    other = tmp_path / "other.csv"
    other.write_text("ko,en\n다른용어,other term\n또다른용어,another term\n", encoding="utf-8")
    assert run(data_dir, "glossary", "import", other)[1] == "2 terms added, 0 updated.\n"

    bundle = tmp_path / "clauses.json"
    assert run(data_dir, "clauses", "export", bundle)[1] == f"0 clauses written to {bundle}.\n"


def test_counts_in_korean(data_dir: Path, tmp_path: Path) -> None:
    status, out, _err = run(data_dir, "glossary", "import", terms_file(tmp_path, 2), language="ko")
    assert (status, out) == (0, "용어 2개를 추가하고 0개를 갱신했습니다.\n")
    bundle = tmp_path / "clauses.json"
    status, out, _err = run(data_dir, "clauses", "export", bundle, language="ko")
    assert out == f"문안 0개를 {bundle}에 저장했습니다.\n"


def test_a_bug_without_a_log_puts_the_details_on_stderr(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (data_dir / "dari.log").mkdir()  # the log cannot be written: nothing must be lost

    def broken(self: DraftService, *args: object, **kwargs: object) -> None:
        raise KeyError("draft list")

    monkeypatch.setattr(DraftService, "list", broken)
    status, _out, err = run(data_dir, "list")
    assert status == 3
    assert err.startswith("dari: Something went wrong inside Dari.")
    assert "could not write its log" in err and "KeyError: 'draft list'" in err
