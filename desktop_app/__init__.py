"""Dari (다리): bilingual Korean/English advocacy documents, drafted offline."""

APP_NAME = "Dari"
APP_NAME_KO = "다리"
APP_ID = "dari"
ORGANIZATION = "Dari"
__version__ = "0.1.0"
LICENSE = "GPL-3.0-or-later"  # as in pyproject.toml
