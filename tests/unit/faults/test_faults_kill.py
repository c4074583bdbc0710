"""kill -9 of a real process at a random moment of autosave and of export (seeded trials;
hundreds in bench/bench_faults.py --trials): no reported save lost, the database whole, no
partial .docx under the target's name, and no hidden temporary file after the next start."""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest

from tests.helpers.killing import run_trial

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")
TRIALS = 5


@pytest.mark.parametrize("mode", ["autosave", "export"])
def test_kill_9_at_random_moments_loses_no_committed_save(mode: str, tmp_path: Path) -> None:
    rng = random.Random(f"kill-{mode}")  # seeded: a failure replays
    trials = [run_trial(tmp_path / str(n), mode, rng) for n in range(TRIALS)]
    for trial in trials:
        assert trial.integrity == "ok", trial
        assert trial.lost == 0, trial
        assert trial.bad_targets == (), trial
        assert trial.temps_after_cleanup == 0, trial
    # the driver saves or exports without pause from "ready" on, so every kill fell on
    # its work; each trial started with a whole .docx at the target, still whole now
    assert all(trial.targets >= 1 for trial in trials)
