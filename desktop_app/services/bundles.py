"""Bundles between laptops: chosen drafts with their history, signed and encrypted (no Qt).

A bundle file is an age file (`pyrage`): encrypted to a colleague's X25519 recipient or
with a passphrase (scrypt). Nothing outside age's header can be read without the key,
and that header names no draft, title or person. Inside: a JSON envelope
`{"bundle": <base64 of the zlib-compressed signed document>, "signature": <hex>,
"signer": <the signer's public key line>}`; the signed document is
`{"dari_bundle": 1, "id", "created_at", "drafts": [...], "book": {...}}`, each draft
with its uid, row facts, payload (the draft JSON format) and revisions (oldest first,
each with its uid); `book` the uids of the address-book entries the parties name, and
optionally `glossary` and `entries` (clauses and address-book entries,
`bundle_entries.py`), which are imported before the drafts.

Importing checks the signature, then for each draft (by uid): new here → created with
its uid and revisions; unchanged here since the newest revision both sides share →
fast-forwarded to the bundle's text; changed on both sides → merged per field and
per paragraph against that revision (`bundle_merge.py`), the text here kept where both
changed a field differently and the conflict stored as pending (`bundle_conflicts`)
until the person chooses (`resolve`). Everything is written in one transaction, and a
bundle imported before (its id is kept) changes nothing.
"""

from __future__ import annotations

import base64
import json
import uuid
import zlib
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop_app.domain import DraftFormatError, from_json, to_json
from desktop_app.domain.messages import N_
from desktop_app.domain.serialize import FORMAT_VERSION
from desktop_app.files import ExportError, atomic_write_bytes
from desktop_app.services.bundle_entries import (
    BadEntry,
    EntryImport,
    book_map,
    clauses_used,
    contacts_used,
    differing,
    entry_fields,
    from_record,
    has_id,
    import_entries,
    keep_links,
    local_refs,
    terms_used,
    translate_refs,
    with_theirs,
)
from desktop_app.services.bundle_keys import KeyService, PublicKey, parse_public_key
from desktop_app.services.bundle_merge import (
    PARAGRAPH,
    FieldConflict,
    is_paragraph,
    merge3,
    value_at,
    with_lines,
    with_value,
)
from desktop_app.services.changes import OpChanges
from desktop_app.services.errors import DariError
from desktop_app.services.export import TargetExists
from desktop_app.services.search import search_text

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from desktop_app.services.drafts import DraftService
    from desktop_app.storage import Database
    from desktop_app.storage.bundles import (
        DraftText,
        ImportPlan,
        NewConflict,
        PendingConflict,
        SharedDraft,
        SharedRevision,
    )

BUNDLE_FORMAT = 1
MAX_BUNDLE_BYTES = 200 * 1024 * 1024
SUFFIX = ".age"
HEAD_REASON = "sent in a bundle"
MERGE_REASON = "merged from a bundle"

NOT_A_BUNDLE = N_("{path} is not a Dari bundle (not an age file).")
NEEDS_PASSPHRASE = N_("{path} is locked with a passphrase: give it with --bundle-passphrase-stdin.")
WRONG_PASSPHRASE = N_(
    "{path} cannot be opened with this passphrase: check it with the colleague who sent it "
    "(or the file was changed on the way)."
)
NOT_FOR_US = N_(
    "{path} was not encrypted to this installation's key: ask the sender to send it again "
    "to the key `dari keys show` prints here."
)
DAMAGED = N_(
    "{path} was changed or damaged after it was made, so nothing was imported; ask for "
    "the bundle again."
)
BAD_SIGNATURE = N_(
    "The signature inside {path} does not match its contents, so nothing was imported; ask "
    "for the bundle again."
)
TOO_NEW = N_("{path} was made by a newer Dari; update Dari to import it.")
BAD_DRAFT = N_("A draft in {path} cannot be read, so nothing was imported: {problem}")
BAD_ENTRY = N_(
    "An address-book entry or clause in {path} cannot be read, so no draft was imported: {problem}"
)
NO_DRAFTS = N_("Choose at least one draft to send.")
MIN_PASSPHRASE = 8
SHORT_PASSPHRASE = N_("A bundle's passphrase has at least {count} characters.")
CANNOT_READ = N_("{path} cannot be read: {reason}.")
CHANGED_SINCE = N_(
    "Draft {number} was edited after the conflict was found, at that place; the other "
    "version is kept in its revisions."
)


class UnknownSigner(DariError):
    """The bundle is signed by a key that is not a colleague's: nothing was imported."""

    def __init__(self, path: Path, fingerprint: str, key: str) -> None:
        super().__init__(
            N_(
                "{path} is signed by a key Dari does not know, with the fingerprint "
                "{fingerprint}. Compare it with the sender (by phone), then add their key "
                "with `dari keys add NAME KEY` (or import with --trust-signer)."
            ),
            path=path,
            fingerprint=fingerprint,
        )
        self.path = path
        self.fingerprint = fingerprint
        self.key = key


@dataclass(frozen=True)
class DraftImport:
    """What importing did to one draft: created, fast-forwarded, merged or unchanged."""

    draft_id: int
    title: str
    outcome: str  # "created" | "updated" | "merged" | "unchanged"
    conflicts: int = 0


@dataclass(frozen=True)
class ImportOutcome:
    """A bundle's import: who signed it, each draft's outcome, and the changes to show."""

    signer_name: str | None  # "" when this installation signed it; None if trusted once
    fingerprint: str
    drafts: tuple[DraftImport, ...] = ()
    already_imported: bool = False
    changes: OpChanges = field(default_factory=OpChanges)
    terms_added: int = 0  # glossary terms the bundle brought that were not here
    entries: tuple[EntryImport, ...] = ()  # its clauses and address-book entries

    @property
    def conflicts(self) -> int:
        """How many conflicts of its drafts wait for a choice."""
        return sum(d.conflicts for d in self.drafts)

    @property
    def entry_conflicts(self) -> int:
        """How many of its clauses and address-book entries wait for a choice."""
        return sum(1 for e in self.entries if e.outcome == "conflict")


@dataclass(frozen=True)
class EntryField:
    """One field of an entry that differs here and in the bundle: its place for the
    command line (`contact:UID/name_ko`), its name, and each side as text."""

    path: str
    name: str  # entry_fields' name: name_ko, start, organisation_id…
    mine: str
    theirs: str


@dataclass(frozen=True)
class EntryConflict:
    """An address-book entry or clause changed on both sides: the one here is unchanged
    until the person chooses mine or theirs for each field."""

    uid: str
    kind: str  # org | person | position | appointment | clause
    local_id: int
    label: str  # its names here: 외교부 / Ministry of Foreign Affairs
    fields: tuple[EntryField, ...]


def default_file_name(now: datetime) -> str:
    """A name that says nothing of the contents: `dari-bundle-YYYYMMDD-HHMM.age`."""
    return now.strftime("dari-bundle-%Y%m%d-%H%M") + SUFFIX


class BundleService:
    """Export and import bundles; the conflicts an import leaves and their resolution."""

    def __init__(
        self,
        db: Database,
        drafts: DraftService,
        keys: KeyService,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        self._db = db
        self._drafts = drafts
        self.keys = keys
        self.clock = clock or (lambda: datetime.now(UTC))

    # -- export -------------------------------------------------------------------------

    def export(
        self,
        draft_ids: Sequence[int],
        out: Path,
        *,
        to: PublicKey | None = None,
        passphrase: str | None = None,
        overwrite: bool = False,
        with_glossary: bool = False,
        with_clauses: bool = False,
        with_contacts: bool = False,
    ) -> Path:
        """Write the drafts (with their revisions) as one bundle to `out` (a file, or a
        folder for the default name), encrypted to `to` or with `passphrase`; with
        `with_glossary`, the glossary terms whose Korean the drafts use travel too, with
        `with_clauses` the clauses their texts hold, with `with_contacts` the address-book
        entries their parties were taken from (`bundle_entries.py`)."""
        from pyrage import encrypt, x25519
        from pyrage import passphrase as age_passphrase

        if not draft_ids:
            raise DariError(NO_DRAFTS)
        if (to is None) == (passphrase is None):
            raise ValueError("a bundle is encrypted to a key or with a passphrase, not both")
        if passphrase is not None and len(passphrase) < MIN_PASSPHRASE:
            raise DariError(SHORT_PASSPHRASE, count=MIN_PASSPHRASE)
        out = Path(out)
        if out.is_dir():
            out = out / default_file_name(self.clock())
        if not overwrite and (out.exists() or out.is_symlink()):
            raise TargetExists([out])
        shared = [
            self._db.bundles.shared(draft_id, head_reason=HEAD_REASON)
            for draft_id in dict.fromkeys(draft_ids)
        ]
        document = {
            "dari_bundle": BUNDLE_FORMAT,
            "id": uuid.uuid4().hex,
            "created_at": self.clock().isoformat(timespec="seconds"),
            "drafts": [_draft_json(d) for d in shared],
        }
        payloads = [d.payload for d in shared]
        # the parties' address-book ids as uids, so that they mean the same entries there
        document["book"] = book_map(
            self._db, payloads + [r.payload for d in shared for r in d.revisions]
        )
        if with_glossary:  # `glossary` for a Dari before per-term conflicts, `terms` for now
            document["glossary"] = self._terms_used(payloads)
            document["terms"] = terms_used(self._db, "\n".join(ko for ko, _en in _texts(payloads)))
        entries: list[dict[str, Any]] = []
        if with_contacts:
            entries += contacts_used(self._db, payloads)
        if with_clauses:
            entries += clauses_used(self._db, _texts(payloads))
        if entries:
            document["entries"] = entries
        signed = zlib.compress(json.dumps(document, ensure_ascii=False).encode("utf-8"), 6)
        envelope = {
            "bundle": base64.b64encode(signed).decode("ascii"),
            "signature": self.keys.signing_key().sign(signed).hex(),
            "signer": self.keys.own().text,
        }
        plain = json.dumps(envelope).encode("ascii")
        if to is not None:
            data = encrypt(plain, [x25519.Recipient.from_str(to.recipient)])
        else:
            assert passphrase is not None
            data = age_passphrase.encrypt(plain, passphrase)
        try:
            atomic_write_bytes(out, data)
        except ExportError as error:
            raise DariError.saying(error) from error
        return out

    # -- import -------------------------------------------------------------------------

    def needs_passphrase(self, path: Path) -> bool:
        """True when the file is an age file locked with a passphrase (its header says)."""
        try:
            with Path(path).open("rb") as file:
                header = file.read(4096)
        except OSError:
            return False  # open() says what is wrong with it
        return header.startswith(b"age-encryption.org/v1\n") and b"\n-> scrypt " in header

    def open(self, path: Path, *, passphrase: str | None = None) -> tuple[dict[str, Any], str]:
        """Decrypt and check a bundle: (its signed document, the signer's key line)."""
        from cryptography.exceptions import InvalidSignature
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
        from pyrage import DecryptError, decrypt, x25519
        from pyrage import passphrase as age_passphrase

        data = _read(path)
        header = data[:4096]
        if not header.startswith(b"age-encryption.org/v1\n"):
            raise DariError(NOT_A_BUNDLE, path=path)
        by_passphrase = b"\n-> scrypt " in header
        try:
            if by_passphrase:
                if passphrase is None:
                    raise DariError(NEEDS_PASSPHRASE, path=path)
                plain = age_passphrase.decrypt(data, passphrase)
            else:
                identity = x25519.Identity.from_str(self.keys.age_identity())
                plain = decrypt(data, [identity])
        except DecryptError as error:
            reason = str(error)
            if "No matching keys" in reason:
                raise DariError(NOT_FOR_US, path=path) from None
            if by_passphrase and "Decryption failed" in reason:
                raise DariError(WRONG_PASSPHRASE, path=path) from None
            raise DariError(DAMAGED, path=path) from None
        try:
            envelope = json.loads(plain)
            signed = base64.b64decode(envelope["bundle"], validate=True)
            signature = bytes.fromhex(envelope["signature"])
            signer = parse_public_key(envelope["signer"])
        except (ValueError, KeyError, TypeError, DariError):
            raise DariError(DAMAGED, path=path) from None
        try:
            Ed25519PublicKey.from_public_bytes(signer.verify_key).verify(signature, signed)
        except InvalidSignature:
            raise DariError(BAD_SIGNATURE, path=path) from None
        try:
            document = json.loads(zlib.decompress(signed))
        except (ValueError, zlib.error):
            raise DariError(DAMAGED, path=path) from None
        if not isinstance(document, dict) or not isinstance(document.get("dari_bundle"), int):
            raise DariError(DAMAGED, path=path)
        if document["dari_bundle"] > BUNDLE_FORMAT:
            raise DariError(TOO_NEW, path=path)
        return document, signer.text

    def import_file(
        self, path: Path, *, passphrase: str | None = None, trust_signer: bool = False
    ) -> ImportOutcome:
        """Import a bundle (UnknownSigner, changing nothing, for a stranger's bundle unless
        `trust_signer`)."""
        from desktop_app.storage.bundles import ImportPlan

        path = Path(path)
        document, signer_text = self.open(path, passphrase=passphrase)
        signer = parse_public_key(signer_text)
        name = self.keys.signer_name(signer.verify_key)
        if name is None and not trust_signer:
            raise UnknownSigner(path, signer.fingerprint, signer.text)
        try:
            bundle_id = _uid(document.get("id"))
            drafts = [_shared_draft(d) for d in document["drafts"]]
        except (KeyError, TypeError, ValueError) as error:
            raise DariError(BAD_DRAFT, path=path, problem=str(error)) from None
        if self._db.bundles.imported(bundle_id):
            return ImportOutcome(name, signer.fingerprint, already_imported=True)
        # one transaction: the entries, the drafts and the terms, or nothing at all
        with self._db.bundles.transaction():
            carried = document.get("entries") or []
            terms = document.get("terms")
            if isinstance(carried, list) and isinstance(terms, list):
                carried = carried + terms
            try:
                entries, _known = import_entries(self._db, carried, bundle_id)
            except BadEntry as error:
                raise DariError(BAD_ENTRY, path=path, problem=str(error)) from None
            refs = local_refs(self._db, document.get("book"))
            drafts = [_with_refs(d, refs) for d in drafts]
            plan = ImportPlan(bundle_id, signer.fingerprint)
            results: list[tuple[str, str, int]] = []  # (uid, outcome, conflicts)
            for shared in drafts:
                outcome, conflicts = self._plan_one(shared, plan, path)
                results.append((shared.uid, outcome, conflicts))
            ids = self._db.bundles.apply(plan)
            if isinstance(terms, list):  # each found, added, updated, kept or a conflict
                terms_added = sum(1 for e in entries if e.kind == "term" and e.outcome == "added")
            else:  # from a Dari before them: added where the Korean is not known here
                terms_added = self._import_terms(document.get("glossary"), path)
            for shared in drafts:
                if shared.uid not in ids:
                    local = self._db.bundles.local(shared.uid)
                    assert local is not None
                    ids[shared.uid] = local.id
        imports = tuple(
            DraftImport(ids[uid], _title(shared), outcome, conflicts)
            for (uid, outcome, conflicts), shared in zip(results, drafts, strict=True)
        )
        changed = [d.draft_id for d in imports if d.outcome != "unchanged"]
        changes = OpChanges(draft_list=bool(changed), draft=changed[0] if changed else None)
        return ImportOutcome(
            name,
            signer.fingerprint,
            imports,
            changes=changes,
            terms_added=terms_added,
            entries=tuple(entries),
        )

    def _terms_used(self, payloads: list[dict[str, Any]]) -> list[Any]:
        from desktop_app.domain.serialize import encode_part

        korean = "\n".join(ko for ko, _en in _texts(payloads))
        terms = self._db.glossary.list()
        return [encode_part(stored.term) for stored in terms if stored.term.ko in korean]

    def _import_terms(self, entries: Any, path: Path) -> int:
        """Add the bundle's glossary terms whose Korean is not in the glossary here (a
        term here is never changed); how many were added."""
        from desktop_app.domain.glossary import Term
        from desktop_app.domain.serialize import decode_part

        if not entries:
            return 0
        try:
            terms = [decode_part(Term, entry) for entry in entries]
        except (DraftFormatError, TypeError) as error:
            raise DariError(BAD_DRAFT, path=path, problem=str(error)) from None
        known = {stored.term.ko for stored in self._db.glossary.list()}
        added = 0
        for term in terms:
            if term.ko not in known:
                self._db.glossary.add(term)
                known.add(term.ko)
                added += 1
        return added

    def _plan_one(self, shared: SharedDraft, plan: ImportPlan, path: Path) -> tuple[str, int]:
        local = self._db.bundles.local(shared.uid)
        if local is None:
            plan.new_drafts.append((shared, self._text(shared.payload, path)))
            return "created", 0
        head = shared.revisions[-1]
        missing = [r for r in shared.revisions if r.uid not in local.revision_uids]
        if head.uid in local.revision_uids:  # nothing new from there
            if missing:
                plan.updates.append((local.id, local.version, missing, None, None, []))
            return "unchanged", 0
        base = _common(shared.revisions, local.revision_uids)
        base_text = self._db.bundles.revision_payload(base.uid) if base else None
        mine = (local.title_ko, local.title_en, local.payload)
        theirs = shared.payload
        if base_text is not None:  # links their Dari could not keep come back from the base
            theirs = keep_links(_upgraded(base_text[2]), _upgraded(theirs))
        if base_text is not None and _same(base_text, mine):  # unchanged here: fast-forward
            text = self._text(theirs, path)
            plan.updates.append((local.id, local.version, missing, text, None, []))
            return "updated", 0
        base_payload = base_text[2] if base_text is not None else {}
        merged = merge3(_upgraded(base_payload), _upgraded(local.payload), _upgraded(theirs))
        try:
            text = self._text(merged.value, path)
            conflicts = [_stored(c) for c in merged.conflicts]
        except DariError:  # the per-field result is no draft: keep mine, the whole as one
            text = self._text(local.payload, path)
            conflicts = [_stored(FieldConflict((), base_payload, local.payload, theirs))]
        plan.updates.append((local.id, local.version, missing, text, MERGE_REASON, conflicts))
        return "merged", len(conflicts)

    def _text(self, payload: dict[str, Any], path: Path) -> DraftText:
        from desktop_app.storage.bundles import DraftText

        try:
            document = from_json(payload)
        except DraftFormatError as error:
            raise DariError(BAD_DRAFT, path=path, problem=error) from None
        clean = to_json(document)
        title = document.title
        return DraftText(
            payload=clean,
            format_version=FORMAT_VERSION,
            title_ko=title.ko.strip()[:200],
            title_en=title.en.strip()[:200],
            search_text=search_text(clean),
            translation=self._drafts.translation(document),
        )

    # -- conflicts ----------------------------------------------------------------------

    def entry_conflicts(self) -> list[EntryConflict]:
        """The clauses and address-book entries changed on both sides, each with the
        fields still to choose (a conflict whose entry is gone here, or that has nothing
        left to choose, is forgotten)."""
        from desktop_app.services.bundle_entries import KIND_ORDER, _get

        found: list[EntryConflict] = []
        settled: list[tuple[str, str]] = []  # (uid, digest)
        gone: list[str] = []
        for uid, record in self._db.bundles.entry_conflicts().items():
            kind, local_id = str(record["kind"]), int(record["local_id"])
            mine = _get(self._db, kind, local_id)
            try:
                theirs = from_record(kind, record["theirs"])
            except (KeyError, TypeError, ValueError, DraftFormatError):
                theirs = None
            if mine is None or theirs is None:
                gone.append(uid)
                continue
            names = [n for n in differing(mine, theirs) if n not in record.get("decided", [])]
            if not names:
                settled.append((uid, str(record["digest"])))
                continue
            a, b = entry_fields(mine), entry_fields(theirs)
            fields = tuple(
                EntryField(
                    entry_path(kind, uid, name),
                    name,
                    self._shown(kind, name, a[name]),
                    self._shown(kind, name, b[name]),
                )
                for name in names
            )
            found.append(EntryConflict(uid, kind, local_id, self._entry_label(kind, mine), fields))
        if settled or gone:
            with self._db.bundles.transaction():
                for uid, digest in settled:
                    self._db.bundles.set_entry_digest(uid, digest)
                self._db.bundles.forget_entry_conflicts(gone + [uid for uid, _d in settled])
        # organisations first, then people, positions, appointments, clauses; by name
        return sorted(found, key=lambda c: (KIND_ORDER.index(c.kind), c.label, c.uid))

    def _entry_label(self, kind: str, value: Any) -> str:
        """An entry's names; an appointment's holder and office with its dates:
        `조태열 / Cho Tae-yul — 외교부 장관 / Minister, 2024-01 [U] – …`."""
        from desktop_app.services.bundle_entries import _get, label

        if kind != "appointment":
            return label(value)
        holder = _get(self._db, "person", value.person_id)
        office = _get(self._db, "position", value.position_id)
        names = " — ".join(label(v) for v in (holder, office) if v is not None)
        return f"{names}, {value.span()}" if names else value.span()

    def _shown(self, kind: str, name: str, value: Any) -> str:
        """A field's value as text: a link as the names of the entry it names here."""
        from desktop_app.services.bundle_entries import LINKS, _get, label

        target = LINKS.get(kind, {}).get(name)
        if target is not None:
            linked = _get(self._db, target, value) if value else None
            return label(linked) if linked is not None else ""
        if value is None:
            return ""
        if isinstance(value, list):
            return ", ".join(str(item) for item in value)
        return str(value)

    def resolve_entries(self, choices: dict[str, str]) -> OpChanges:
        """Apply the person's choice ("mine" or "theirs") for each field of an entry's
        conflict, named by its path (`contact:UID/name_ko`); an entry none of whose fields
        wait any more takes the bundle's version as the one last shared (its digest), so
        the next bundle back carries what was chosen here. One transaction."""
        from desktop_app.services.bundle_entries import _get, _save_all

        pending = {c.uid: c for c in self.entry_conflicts()}
        by_uid: dict[str, dict[str, str]] = {}
        for path, choice in choices.items():
            parts = split_entry_path(path)
            conflict = pending.get(parts[1]) if parts else None
            names = {f.name for f in conflict.fields} if conflict else set()
            if parts is None or conflict is None or parts[2] not in names:
                raise DariError(UNKNOWN_ENTRY_CONFLICT, path=path)
            if choice not in ("mine", "theirs"):
                raise ValueError(f"{choice!r}: a choice is 'mine' or 'theirs'")
            by_uid.setdefault(parts[1], {})[parts[2]] = choice
        if not by_uid:
            return OpChanges()
        records = self._db.bundles.entry_conflicts()
        with self._db.bundles.transaction():
            for uid, chosen in by_uid.items():
                conflict, record = pending[uid], records[uid]
                mine = _get(self._db, conflict.kind, conflict.local_id)
                theirs = from_record(conflict.kind, record["theirs"])
                taking = [name for name, choice in chosen.items() if choice == "theirs"]
                if taking:
                    value = with_theirs(mine, theirs, taking)
                    if has_id(conflict.kind):
                        value = replace(value, id=conflict.local_id)
                    _save_all(self._db, conflict.kind, [value], [conflict.local_id])
                decided = sorted({*record.get("decided", []), *chosen})
                if {f.name for f in conflict.fields} <= set(decided):
                    self._db.bundles.set_entry_digest(uid, str(record["digest"]))
                    self._db.bundles.forget_entry_conflicts([uid])
                else:
                    self._db.bundles.keep_entry_conflict(uid, {**record, "decided": decided})
        return OpChanges(contacts=any(has_id(pending[uid].kind) for uid in by_uid))

    def conflicts(self, draft_id: int | None = None) -> list[PendingConflict]:
        """Conflicts waiting for a choice (of one draft, or every draft)."""
        return self._db.bundles.conflicts(draft_id)

    def resolve(self, draft_id: int, choices: dict[int, str]) -> OpChanges:
        """Apply the person's choice for each conflict id ("mine" or "theirs") and save the
        draft once (a revision names it); the decided conflicts are forgotten.

        Paragraph conflicts of one text are applied from its end, so each one's line is
        still where it was found; a choice that changes the number of lines moves the
        line of that text's conflicts still waiting below it."""
        pending = {c.id: c for c in self.conflicts(draft_id)}
        loaded = self._drafts.load(draft_id)
        payload = to_json(loaded.document)
        decided = [cid for cid in choices if cid in pending]
        taking = sorted(
            (pending[cid] for cid in decided if choices[cid] == "theirs"),
            key=lambda c: (is_paragraph(c.path), -int(c.path[-1]) if is_paragraph(c.path) else 0),
        )
        moved: list[tuple[tuple[str | int, ...], int, int]] = []  # (text, line, lines added)
        for conflict in taking:
            try:
                if is_paragraph(conflict.path):
                    payload = with_lines(payload, conflict.path, conflict.mine, conflict.theirs)
                    delta = len(conflict.theirs) - len(conflict.mine)
                    if delta:
                        moved.append((conflict.path[:-2], int(conflict.path[-1]), delta))
                    continue
                current = value_at(payload, conflict.path)
            except (KeyError, IndexError, TypeError, ValueError):
                raise DariError(CHANGED_SINCE, number=draft_id) from None
            if current != conflict.mine:
                raise DariError(CHANGED_SINCE, number=draft_id)
            payload = with_value(payload, conflict.path, conflict.theirs)
        if not decided:
            return OpChanges()
        if payload != to_json(loaded.document):
            try:
                document = from_json(payload)
            except DraftFormatError as error:
                raise DariError(BAD_DRAFT, path=Path("bundle"), problem=error) from None
            self._drafts.save(
                draft_id,
                document,
                expected_version=loaded.version,
                revision_reason="conflicts resolved",
            )
        self._db.bundles.forget_conflicts(decided)
        for conflict in pending.values():
            if conflict.id in decided or not is_paragraph(conflict.path):
                continue
            line = int(conflict.path[-1])
            shift = sum(d for text, at, d in moved if text == conflict.path[:-2] and at < line)
            if shift:
                self._db.bundles.move_conflict(conflict.id, (*conflict.path[:-1], line + shift))
        return OpChanges(draft_list=True, draft=draft_id, revisions=draft_id)


ENTRY_PREFIX = {"clause": "clause", "term": "term"}  # every other kind: "contact"
UNKNOWN_ENTRY_CONFLICT = N_(
    "{path} is no conflict waiting for a choice: `dari bundle conflicts` lists them "
    "(contact:UID/FIELD, clause:UID/FIELD or term:UID/FIELD)."
)


def entry_path(kind: str, uid: str, name: str) -> str:
    """A field of an entry's conflict as the command line names it: `contact:UID/name_ko`."""
    return f"{ENTRY_PREFIX.get(kind, 'contact')}:{uid}/{name}"


def split_entry_path(text: str) -> tuple[str, str, str] | None:
    """(prefix, uid, field) of `contact:UID/name_ko` (or `clause:…`), None if it is not one."""
    prefix, colon, rest = text.partition(":")
    uid, slash, name = rest.partition("/")
    if not (colon and slash and name) or prefix not in ("contact", "clause", "term"):
        return None
    return prefix, uid, name


def describe_path(path: Sequence[str | int]) -> str:
    """A conflict's place in the draft, as `body[2].text.ko` (the whole draft: `*`), and
    `body[2].text.ko ¶3` for its third paragraph (line)."""
    if is_paragraph(path):
        return f"{describe_path(path[:-2])} {PARAGRAPH}{int(path[-1]) + 1}"
    text = ""
    for step in path:
        text += f"[{step + 1}]" if isinstance(step, int) else ("." if text else "") + step
    return text or "*"


def conflict_label(path: Sequence[str | int], gettext: Callable[[str], str]) -> str:
    """A conflict's place as a person reads it, in the UI language: "Subject (English)",
    "Paragraph 3 (Korean), line 2" (`describe_path` is the command line's, for scripts)."""
    from desktop_app.domain.checks import field_label

    line = None
    if is_paragraph(path):
        path, line = path[:-2], int(path[-1]) + 1
    steps = list(path)
    language = steps.pop() if steps and steps[-1] in ("ko", "en") else None
    if len(steps) > 1 and steps[-1] == "text":  # a paragraph's (a question's…) own text
        steps.pop()
    dotted = ""
    for step in steps:
        dotted += f"[{step}]" if isinstance(step, int) else ("." if dotted else "") + str(step)
    label = field_label(dotted, gettext) if dotted else gettext("the whole draft")
    label = label[:1].upper() + label[1:]
    if language is not None:
        label += f" ({gettext('Korean' if language == 'ko' else 'English')})"
    if line is not None:
        label += ", " + gettext("line {number}").format(number=line)
    return label


def as_text(value: Any) -> str:
    """A conflict's side as text: a text as it is, paragraphs one a line, else JSON."""
    if isinstance(value, str):
        return value
    if isinstance(value, list) and all(isinstance(line, str) for line in value):
        return "\n".join(value)
    return json.dumps(value, ensure_ascii=False, indent=1)


def short(value: Any, limit: int = 60) -> str:
    """A value on one line, cut at `limit` characters."""
    text = " ".join(as_text(value).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _read(path: Path) -> bytes:
    try:
        if path.stat().st_size > MAX_BUNDLE_BYTES:
            raise DariError(NOT_A_BUNDLE, path=path)
        return path.read_bytes()
    except FileNotFoundError:
        raise DariError(N_("{path} does not exist."), path=path) from None
    except IsADirectoryError:
        raise DariError(N_("{path} is a folder, not a file."), path=path) from None
    except OSError as error:
        raise DariError(CANNOT_READ, path=path, reason=error.strerror or error) from None


def _texts(payloads: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """Every (Korean, English) text of the drafts."""
    from desktop_app.domain.checks import iter_texts

    return [
        (text.ko, text.en) for payload in payloads for _p, text in iter_texts(from_json(payload))
    ]


def _with_refs(shared: SharedDraft, refs: dict[str, dict[int, int]]) -> SharedDraft:
    """The draft and its revisions with their parties' references as ids here."""
    from dataclasses import replace

    return replace(
        shared,
        payload=translate_refs(shared.payload, refs),
        revisions=tuple(
            replace(r, payload=translate_refs(r.payload, refs)) for r in shared.revisions
        ),
    )


def _title(shared: SharedDraft) -> str:
    return shared.title_ko or shared.title_en


def _common(revisions: Sequence[SharedRevision], known: frozenset[str]) -> SharedRevision | None:
    """The newest of the bundle's revisions this installation has too."""
    for revision in reversed(revisions):
        if revision.uid in known:
            return revision
    return None


def _same(base: tuple[str, str, dict[str, Any]], mine: tuple[str, str, dict[str, Any]]) -> bool:
    return base[0] == mine[0] and base[1] == mine[1] and _upgraded(base[2]) == _upgraded(mine[2])


def _upgraded(payload: dict[str, Any]) -> dict[str, Any]:
    """The payload in this version's format (older revisions are upgraded to compare)."""
    if payload.get("format") == FORMAT_VERSION:
        return payload  # already: decoding would cost ~2 ms for nothing
    try:
        return to_json(from_json(payload))
    except DraftFormatError:
        return payload


def _stored(conflict: FieldConflict) -> NewConflict:
    from desktop_app.storage.bundles import NewConflict

    return NewConflict(conflict.path, conflict.base, conflict.mine, conflict.theirs)


def _draft_json(shared: SharedDraft) -> dict[str, Any]:
    return {
        "uid": shared.uid,
        "kind": shared.kind,
        "status": shared.status,
        "format_version": shared.format_version,
        "title_ko": shared.title_ko,
        "title_en": shared.title_en,
        "payload": shared.payload,
        "revisions": [
            {
                "uid": r.uid,
                "created_at": r.created_at.isoformat(),
                "reason": r.reason,
                "draft_version": r.draft_version,
                "format_version": r.format_version,
                "title_ko": r.title_ko,
                "title_en": r.title_en,
                "search_text": r.search_text,
                "payload": r.payload,
            }
            for r in shared.revisions
        ],
    }


def _shared_draft(data: dict[str, Any]) -> SharedDraft:
    from desktop_app.storage.bundles import SharedDraft, SharedRevision

    revisions = tuple(
        SharedRevision(
            uid=_uid(r["uid"]),
            created_at=datetime.fromisoformat(r["created_at"]),
            reason=str(r["reason"]),
            draft_version=int(r["draft_version"]),
            format_version=int(r["format_version"]),
            title_ko=str(r["title_ko"]),
            title_en=str(r["title_en"]),
            search_text=str(r["search_text"]),
            payload=dict(r["payload"]),
        )
        for r in data["revisions"]
    )
    if not revisions:
        raise ValueError("a draft without revisions")
    return SharedDraft(
        uid=_uid(data["uid"]),
        kind=str(data["kind"]),
        status=str(data["status"]),
        format_version=int(data["format_version"]),
        title_ko=str(data["title_ko"]),
        title_en=str(data["title_en"]),
        payload=dict(data["payload"]),
        revisions=revisions,
    )


def _uid(value: Any) -> str:
    text = str(value)
    if len(text) != 32 or any(ch not in "0123456789abcdef" for ch in text):
        raise ValueError(f"{text!r} is not a uid")
    return text
