"""The shared PostgreSQL database as the window and the CLI see it: the address Settings keeps,
the server's name in sentences, a missing password told from a refused one.

SQLAlchemy (which reads the address) loads when one of these is first called, not when the
window's modules are imported.
"""

from __future__ import annotations

from desktop_app.storage.errors import ServerLoginRefused, ServerUrlHasPassword


def checked_url(url: str) -> str:
    """The address as Settings keeps it, spaces around it removed; "" for none (this
    computer's data folder). A password in it raises ServerUrlHasPassword (naming the address
    without it), an address Dari cannot use ServerUrlInvalid."""
    url = url.strip()
    if not url:
        return ""
    from desktop_app.storage import server as pg

    if pg.has_password(url):
        raise ServerUrlHasPassword(pg.strip_password(url))
    pg.parse_url(url)  # ServerUrlInvalid
    return url


def server_name(url: str) -> str:
    """How sentences, the title and the status bar name the database: user@host/database,
    never a password (ServerUrlInvalid for an address Dari cannot use)."""
    from desktop_app.storage import server as pg

    return pg.display_name(pg.parse_url(url))


def password_missing(error: BaseException) -> bool:
    """True when a refused login is the server asking for a password none was given for (no
    prompt yet, no .pgpass line, no PGPASSWORD); False when a given password was refused."""
    if not isinstance(error, ServerLoginRefused) or error.__cause__ is None:
        return False
    from desktop_app.storage import server as pg

    return pg.needs_password(error.__cause__)
