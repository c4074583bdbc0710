"""Names of States as the UN and the Korean foreign ministry write them, from shipped data."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class State:
    """A UN member or observer State."""

    iso2: str
    iso3: str
    un_short: str  # "Viet Nam"
    un_formal: str  # "Socialist Republic of Viet Nam"
    ko_short: str  # 베트남
    ko_formal: str  # 베트남사회주의공화국
    observer: bool = False

    def name(self, lang: str, *, formal: bool = False) -> str:
        """The short or formal name in `lang`."""
        if lang == "ko":
            return self.ko_formal if formal else self.ko_short
        return self.un_formal if formal else self.un_short


class StateRegistry:
    """All States by ISO code, searchable by Korean and English names."""

    def __init__(self, states: Iterable[State]) -> None:
        self._by_code = {s.iso2: s for s in states}
        self._by_code.update({s.iso3: s for s in self._by_code.values()})

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> StateRegistry:
        """From the shipped resources/data/states.json structure."""
        return cls(
            State(
                iso2=e["iso2"],
                iso3=e["iso3"],
                un_short=e["un_short"],
                un_formal=e["un_formal"],
                ko_short=e["ko_short"],
                ko_formal=e["ko_formal"],
                observer=bool(e.get("observer", False)),
            )
            for e in data["states"]
        )

    def get(self, code: str) -> State | None:
        """The State with this alpha-2 or alpha-3 code."""
        return self._by_code.get(code.upper())

    def name(self, code: str, lang: str, *, formal: bool = False) -> str:
        """The State's name, or the code itself when unknown (never an empty gap)."""
        state = self.get(code)
        return state.name(lang, formal=formal) if state else code

    def all(self) -> list[State]:
        """Every State once, in English alphabetical order."""
        unique = {s.iso2: s for s in self._by_code.values()}
        return sorted(unique.values(), key=lambda s: s.un_short)

    def search(self, text: str) -> list[State]:
        """States whose code or Korean or English name contains `text`, case-insensitively."""
        needle = text.strip().casefold()
        if not needle:
            return self.all()
        return [
            s
            for s in self.all()
            if needle in s.un_short.casefold()
            or needle in s.un_formal.casefold()
            or needle in s.ko_short
            or needle in s.ko_formal
            or needle in (s.iso2.casefold(), s.iso3.casefold())
        ]
