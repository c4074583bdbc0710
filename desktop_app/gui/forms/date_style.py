"""The date style a draft keeps: English UN/US dates and the weekday in Korean dates."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QWidget

from desktop_app.domain import DateStyle
from desktop_app.gui.dialogs.settings import date_style_label
from desktop_app.gui.widgets.flow_layout import FlowLayout


class DateStyleControls(QWidget):
    """A UN / US choice for English dates and a "weekday in Korean dates" box, side by side
    (the box goes under the choice when the form is narrow).

    `edited(changes)` reports a change as document fields (`date_style`, `korean_weekday`)."""

    edited = Signal(dict)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.style_box = QComboBox(self)
        self.style_box.setObjectName("dateStyle")
        for style in DateStyle:
            self.style_box.addItem(style.value, style.value)
        self.style_box.activated.connect(lambda _i: self._style_chosen())
        self.weekday = QCheckBox(self)
        self.weekday.setObjectName("koreanWeekday")
        self.weekday.toggled.connect(lambda on: self.edited.emit({"korean_weekday": on}))
        row = FlowLayout(self, spacing=8)
        row.addWidget(self.style_box)
        row.addWidget(self.weekday)

    def set_values(self, document: Any) -> None:
        """Show the document's date style and weekday without reporting an edit."""
        for widget in (self.style_box, self.weekday):
            widget.blockSignals(True)
        self.style_box.setCurrentIndex(max(self.style_box.findData(document.date_style.value), 0))
        self.weekday.setChecked(bool(document.korean_weekday))
        for widget in (self.style_box, self.weekday):
            widget.blockSignals(False)

    def retranslate(self, gettext: Callable[[str], str]) -> None:
        _ = gettext
        for i in range(self.style_box.count()):
            self.style_box.setItemText(i, date_style_label(self.style_box.itemData(i), _))
        self.style_box.setAccessibleName(_("English dates"))
        self.weekday.setText(_("Weekday in Korean dates: 2024. 4. 30.(화)"))
        self.weekday.setAccessibleName(_("Weekday in Korean dates"))

    def focus_chain(self) -> list[QWidget]:
        return [self.style_box, self.weekday]

    def _style_chosen(self) -> None:
        self.edited.emit({"date_style": DateStyle(self.style_box.currentData())})


__all__ = ["DateStyleControls"]
