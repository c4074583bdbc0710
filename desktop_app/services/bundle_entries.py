"""The clauses and address-book entries a bundle carries with its drafts (no Qt).

"Used by a draft":
- an **address-book entry** is one a party of the draft's current text was taken from
  (its `book` reference: a sender, recipient, cc, signatory, a brief's organisation, a
  notice's organiser): that organisation, person or position; a person brings the
  organisation they work at, a position its organisation and its appointments with
  their holders (and their organisations), dates of office as written (`2024-01 [U]`);
- a **clause** is one whose Korean or English text (spaces folded) stands in the draft's
  text in that language: an inserted clause is a copy, so its text is what links it.

Every entry travels under a uid (`bundle_entries`, migration 0009) and refers to the
others by uid. Importing, each entry is found by uid, else by its natural key (an
organisation by its names, a person by name and organisation, a position by organisation
and title, an appointment by position, person and start, a clause by its titles), else
added. Found and equal: unchanged. Found and different: replaced only when it is
unchanged here since it was last shared (sent or received); kept as it is here when only
this side changed it (the bundle's is the one last shared: "kept", the next bundle back
carries it); changed on both sides (or never shared, typed on both laptops), it is a
conflict ("conflict"): the entry here stays as it is, the bundle's version waits
(`BundleRepository.keep_entry_conflict`) and the person chooses mine or theirs per field
(`entry_fields`: a bilingual field is two, `name_ko` and `name_en`; dates of office as
written, `2024-01 [U]`) — never overwritten, never a second copy.

The drafts' `book` references are ids of the sender's address book: a bundle always
carries their uids (`book`, nothing else), and importing turns them into ids here, or
drops a reference whose entry is not here (the party's copy, the truth, stays).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING, Any

from desktop_app.domain import DraftFormatError
from desktop_app.domain.clauses import Clause
from desktop_app.domain.contacts import (
    Appointment,
    BookOrganisation,
    ContactError,
    OfficeDate,
    Person,
    Position,
)
from desktop_app.domain.glossary import Term
from desktop_app.domain.messages import N_
from desktop_app.domain.serialize import decode_part, encode_part
from desktop_app.domain.text import BilingualText
from desktop_app.services.entry_fields import label_of

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence

    from desktop_app.storage import Database

# The party reference's fields and the bundle_entries kind each names.
REF_KINDS = {"organisation": "org", "person": "person", "position": "position"}
CONTACT_KINDS: dict[str, type[Any]] = {
    "org": BookOrganisation,
    "person": Person,
    "position": Position,
    "appointment": Appointment,
}
# The fields of an entry that name another entry (by id here, by uid in a bundle).
LINKS = {
    "org": {},
    "person": {"organisation_id": "org"},
    "position": {"organisation_id": "org"},
    "appointment": {"position_id": "position", "person_id": "person"},
    "clause": {},
    "term": {},
}


# What each kind is called in a sentence (translated where it is said).
KIND_NAMES = {
    "org": N_("the organisation"),
    "person": N_("the person"),
    "position": N_("the position"),
    "appointment": N_("the appointment"),
    "clause": N_("the clause"),
    "term": N_("the glossary term"),
}
KEPT = N_("Kept as it is here, different from the bundle's: {what} “{name}”.")
CONFLICTING = N_(
    "Changed here and in the bundle, kept as it is here until you choose: {what} “{name}”."
)

SCOPE_NAMES = {"all": N_("All documents"), "un": N_("UN-facing documents only")}


class BadEntry(ValueError):
    """An entry of the bundle that cannot be read (the import says so, changing nothing)."""


@dataclass(frozen=True)
class EntryImport:
    """What importing did to one clause or address-book entry."""

    kind: str  # org | person | position | appointment | clause
    label: str  # its names, as the bundle has them
    # "added" | "updated" | "unchanged" | "kept" (changed only here: this one kept) |
    # "conflict" (changed on both sides: kept here until the person chooses)
    outcome: str


def describe(
    entries: Sequence[EntryImport],
    gettext: Callable[[str], str],
    ngettext: Callable[[str, str, int], str],
) -> list[str]:
    """What an import did to the bundle's clauses and address-book entries, in the UI's
    language: the counts, then one sentence for each entry kept because it differs."""

    def count(outcome: str, clauses: bool) -> int:
        return sum(
            1
            for e in entries
            if e.outcome == outcome and e.kind != "term" and (e.kind == "clause") == clauses
        )

    lines = []
    if added := count("added", False):
        text = ngettext(
            "{count} address-book entry added.", "{count} address-book entries added.", added
        )
        lines.append(text.format(count=added))
    if updated := count("updated", False):
        text = ngettext(
            "{count} address-book entry updated.", "{count} address-book entries updated.", updated
        )
        lines.append(text.format(count=updated))
    if added := count("added", True):
        lines.append(
            ngettext("{count} clause added.", "{count} clauses added.", added).format(count=added)
        )
    if updated := count("updated", True):
        text = ngettext("{count} clause updated.", "{count} clauses updated.", updated)
        lines.append(text.format(count=updated))
    # terms added are said with the glossary's count (ImportOutcome.terms_added)
    if updated := sum(1 for e in entries if e.outcome == "updated" and e.kind == "term"):
        text = ngettext(
            "{count} glossary term updated.", "{count} glossary terms updated.", updated
        )
        lines.append(text.format(count=updated))
    lines += [
        gettext(KEPT).format(what=gettext(KIND_NAMES[e.kind]), name=e.label)
        for e in entries
        if e.outcome == "kept"
    ]
    lines += [
        gettext(CONFLICTING).format(what=gettext(KIND_NAMES[e.kind]), name=e.label)
        for e in entries
        if e.outcome == "conflict"
    ]
    return lines


# -- an entry's fields, for a conflict -------------------------------------------------


# An organisation's kind as the address book calls it (the same words as its editor's).
ORG_KIND_NAMES = {
    "ours": N_("One of ours"),
    "partner": N_("A partner"),
    "government": N_("An office of a government"),
    "un": N_("An office of the UN"),
    "other": N_("Other"),
}


def shown_value(name: str, text: str, gettext: Callable[[str], str]) -> str:
    """A field's value for a person: an organisation's kind in words, else as it is."""
    if name == "kind" and text in ORG_KIND_NAMES:
        return gettext(ORG_KIND_NAMES[text])
    if name == "scope" and text in SCOPE_NAMES:
        return gettext(SCOPE_NAMES[text])
    return text


def entry_fields(value: Any) -> dict[str, Any]:
    """An entry's fields as a person compares them: a bilingual field is two (`name_ko`,
    `name_en`), a kind its value, a date of office as written (`2024-01 [U]`), tags a
    list, a link the id here; its own id left out."""
    out: dict[str, Any] = {}
    for f in dataclasses.fields(value):
        item = getattr(value, f.name)
        if f.name == "id":
            continue
        if isinstance(item, BilingualText):
            out[f"{f.name}_ko"], out[f"{f.name}_en"] = item.ko, item.en
        elif isinstance(item, Enum):
            out[f.name] = item.value
        elif isinstance(item, OfficeDate):
            out[f.name] = str(item)
        elif isinstance(item, tuple):
            out[f.name] = list(item)
        else:
            out[f.name] = item
    return out


def differing(mine: Any, theirs: Any) -> list[str]:
    """The fields (`entry_fields` names) in which the two versions of an entry differ."""
    a, b = entry_fields(mine), entry_fields(theirs)
    return [name for name in a if a[name] != b.get(name)]


def with_theirs(mine: Any, theirs: Any, names: Iterable[str]) -> Any:
    """`mine` with the named fields (`entry_fields` names) taken from `theirs`."""
    changes: dict[str, Any] = {}
    for name in names:
        base, _, language = name.rpartition("_")
        if language in ("ko", "en") and isinstance(getattr(mine, base, None), BilingualText):
            text = changes.get(base, getattr(mine, base))
            changes[base] = dataclasses.replace(
                text, **{language: getattr(getattr(theirs, base), language)}
            )
        else:
            changes[name] = getattr(theirs, name)
    return dataclasses.replace(mine, **changes)


def field_label(name: str, gettext: Callable[[str], str], kind: str) -> str:
    """A field of an entry of `kind` as a person reads it, in the address book's words:
    "Name (Korean)", "Position held from"."""
    base, _, language = name.rpartition("_")
    called = label_of(kind, base) if language in ("ko", "en") else None
    if called is not None:
        language_name = gettext("Korean") if language == "ko" else gettext("English")
        return f"{gettext(called)} ({language_name})"
    called = label_of(kind, name)
    return gettext(called) if called is not None else name


def has_id(kind: str) -> bool:
    """Whether an entry of this kind carries its id in its value (an address-book entry
    does; a clause's and a glossary term's are their rows')."""
    return kind not in ("clause", "term")


def to_record(value: Any) -> dict[str, Any]:
    """An entry as a pending conflict keeps it (links as ids here)."""
    return _plain(value)


def from_record(kind: str, data: dict[str, Any]) -> Any:
    """The entry a pending conflict keeps, as a value (its id 0)."""
    if kind == "clause":
        return decode_part(Clause, data)
    if kind == "term":
        return decode_part(Term, data)
    data = dict(data)
    dates = {}
    if kind == "appointment":
        dates = {
            name: OfficeDate.parse(data.pop(name)) if data.get(name) else data.pop(name, None)
            for name in ("start", "end")
        }
    value = decode_part(CONTACT_KINDS[kind], {**data, "id": 0})
    return dataclasses.replace(value, **dates) if dates else value


# -- the drafts' references -------------------------------------------------------------


def book_refs(payloads: Iterable[Any]) -> dict[str, set[int]]:
    """The address-book ids the payloads' parties name, by kind (org, person, position)."""
    found: dict[str, set[int]] = {kind: set() for kind in REF_KINDS.values()}

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            ref = value.get("book")
            if isinstance(ref, dict):
                for field, kind in REF_KINDS.items():
                    if isinstance(ref.get(field), int):
                        found[kind].add(ref[field])
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    for payload in payloads:
        walk(payload)
    return found


def translate_refs(payload: Any, ids: dict[str, dict[int, int]]) -> Any:
    """A copy of `payload` whose parties' references are ids here (`ids`: kind → the
    sender's id → the id here); a reference to nothing here is left out."""
    if isinstance(payload, list):
        return [translate_refs(item, ids) for item in payload]
    if not isinstance(payload, dict):
        return payload
    out = {key: translate_refs(value, ids) for key, value in payload.items() if key != "book"}
    ref = payload.get("book")
    if isinstance(ref, dict):
        mapped = {
            field: ids[kind].get(ref[field]) if isinstance(ref.get(field), int) else None
            for field, kind in REF_KINDS.items()
        }
        if any(value is not None for value in mapped.values()):
            out["book"] = mapped
    elif "book" in payload:
        out["book"] = payload["book"]
    return out


def keep_links(base: Any, theirs: Any) -> Any:
    """`theirs` with the `book` reference of each party that has none there but has one in
    `base` at the same place, and is otherwise as in `base`: the colleague's Dari dropped
    a link to an entry it did not have (no `with_contacts`), and the party is untouched
    there, so the link here is not lost on the way back."""
    if isinstance(base, list) and isinstance(theirs, list):
        return [
            keep_links(base[i], item) if i < len(base) else item for i, item in enumerate(theirs)
        ]
    if not (isinstance(base, dict) and isinstance(theirs, dict)):
        return theirs
    unlinked = "book" in base and "book" not in theirs
    if unlinked and {k: v for k, v in base.items() if k != "book"} == theirs:
        return {**theirs, "book": base["book"]}
    return {key: keep_links(base.get(key), value) for key, value in theirs.items()}


def book_map(db: Database, payloads: Iterable[Any]) -> dict[str, dict[str, str]]:
    """The uid of each address-book entry the payloads name (ids of entries still here)."""
    refs = book_refs(payloads)
    out: dict[str, dict[str, str]] = {}
    for kind, ids in refs.items():
        present = list(db.contacts.many(CONTACT_KINDS[kind], ids))
        uids = db.bundles.entry_uids(kind, present)
        out[kind] = {str(local_id): uid for local_id, uid in uids.items()}
    return out


def local_refs(db: Database, carried: Any) -> dict[str, dict[int, int]]:
    """The bundle's `book` map as the sender's id → the id here (entries known here)."""
    ids: dict[str, dict[int, int]] = {kind: {} for kind in REF_KINDS.values()}
    if not isinstance(carried, dict):
        return ids
    for kind in ids:
        sent = carried.get(kind)
        if not isinstance(sent, dict):
            continue
        here = db.bundles.local_ids(kind, [str(uid) for uid in sent.values()])
        present = db.contacts.many(CONTACT_KINDS[kind], here.values())
        for their_id, uid in sent.items():
            local_id = here.get(str(uid))
            if local_id is not None and local_id in present and str(their_id).isdigit():
                ids[kind][int(their_id)] = local_id
    return ids


# -- export -----------------------------------------------------------------------------


def contacts_used(db: Database, payloads: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The address-book entries the drafts' current texts use, each as it travels:
    `{"kind", "uid", "value"}`, organisations first (each refers to others by uid)."""
    refs = book_refs(payloads)
    people = db.contacts.many(Person, refs["person"])
    positions = db.contacts.many(Position, refs["position"])
    appointments = [
        term for pid in sorted(positions) for term in db.contacts.appointments(position_id=pid)
    ]
    people.update(db.contacts.many(Person, {a.person_id for a in appointments} - set(people)))
    org_ids = (
        set(refs["org"])
        | {p.organisation_id for p in people.values() if p.organisation_id}
        | {p.organisation_id for p in positions.values()}
    )
    chosen: dict[str, dict[int, Any]] = {
        "org": db.contacts.many(BookOrganisation, org_ids),
        "person": people,
        "position": positions,
        "appointment": {a.id: a for a in appointments},
    }
    uids = {kind: db.bundles.entry_uids(kind, list(values)) for kind, values in chosen.items()}
    out: list[dict[str, Any]] = []
    for kind, values in chosen.items():
        digests: dict[int, str] = {}
        for local_id in sorted(values):
            value = values[local_id]
            digests[local_id] = digest(value)
            out.append({"kind": kind, "uid": uids[kind][local_id], "value": _encode(value, uids)})
        db.bundles.shared_entries(kind, digests)
    return out


def clauses_used(db: Database, texts: list[tuple[str, str]]) -> list[dict[str, Any]]:
    """The clauses whose Korean or English text stands in the drafts' (ko, en) texts."""
    korean = _folded("\n".join(ko for ko, _en in texts))
    english = _folded("\n".join(en for _ko, en in texts))
    used = [
        stored
        for stored in db.clauses.list()
        if (_folded(stored.clause.text.ko) and _folded(stored.clause.text.ko) in korean)
        or (_folded(stored.clause.text.en) and _folded(stored.clause.text.en) in english)
    ]
    uids = db.bundles.entry_uids("clause", [s.id for s in used])
    db.bundles.shared_entries("clause", {s.id: digest(s.clause) for s in used})
    return [{"kind": "clause", "uid": uids[s.id], "value": encode_part(s.clause)} for s in used]


def terms_used(db: Database, korean: str) -> list[dict[str, Any]]:
    """The glossary terms whose Korean stands in `korean` (the drafts' Korean texts), each
    as it travels (`{"kind": "term", "uid", "value"}`)."""
    used = [stored for stored in db.glossary.list() if stored.term.ko in korean]
    uids = db.bundles.entry_uids("term", [s.id for s in used])
    db.bundles.shared_entries("term", {s.id: digest(s.term) for s in used})
    return [{"kind": "term", "uid": uids[s.id], "value": encode_part(s.term)} for s in used]


def _folded(text: str) -> str:
    return " ".join(text.split())


def digest(value: Any) -> str:
    """SHA-256 of an entry's content as stored here (its own id left out)."""
    if dataclasses.is_dataclass(value) and hasattr(value, "id"):
        value = dataclasses.replace(value, id=0)  # type: ignore[type-var]
    text = json.dumps(_plain(value), ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _plain(value: Any) -> dict[str, Any]:
    data: dict[str, Any] = encode_part(value)
    if isinstance(value, Appointment):  # a date of office as written: `2024-01 [U]`
        data["start"] = str(value.start) if value.start else None
        data["end"] = str(value.end) if value.end else None
    return data


def _encode(value: Any, uids: dict[str, dict[int, str]]) -> dict[str, Any]:
    kind = _kind_of(value)
    data = _plain(value)
    data.pop("id", None)
    for field, target in LINKS[kind].items():
        local_id = data.get(field)
        data[field] = uids[target].get(local_id) if local_id else None
    return data


def _kind_of(value: Any) -> str:
    if isinstance(value, Clause):
        return "clause"
    if isinstance(value, Term):
        return "term"
    return next(kind for kind, cls in CONTACT_KINDS.items() if isinstance(value, cls))


# -- import -----------------------------------------------------------------------------


KIND_ORDER = ("org", "person", "position", "appointment", "clause", "term")


def _local_id(db: Database, kind: str, uid: str, known: dict[str, dict[str, int]]) -> int | None:
    if uid in known[kind]:
        return known[kind][uid]
    linked = db.bundles.entry(uid)
    if linked is None or linked[0] != kind or _get(db, kind, linked[1]) is None:
        return None
    return linked[1]


def decode(db: Database, entry: Any, known: dict[str, dict[str, int]]) -> tuple[str, str, Any]:
    """(kind, uid, value with links as ids here) of one carried entry; BadEntry if it
    cannot be read. `known`: kind → uid → id here, of the entries found so far."""
    from desktop_app.services.bundles import _uid

    try:
        kind = str(entry["kind"])
        uid = _uid(entry["uid"])
        data = dict(entry["value"])
        if kind == "clause":
            return kind, uid, decode_part(Clause, data)
        if kind == "term":
            return kind, uid, decode_part(Term, data)
        cls = CONTACT_KINDS[kind]
        for field, target in LINKS[kind].items():
            linked = data.get(field)
            data[field] = _local_id(db, target, str(linked), known) if linked else None
            if data[field] is None and kind in ("position", "appointment"):
                raise BadEntry(f"a {kind} whose {field} is not in the bundle")
        dates = {}
        if kind == "appointment":
            dates = {
                name: OfficeDate.parse(data.pop(name)) if data.get(name) else data.pop(name, None)
                for name in ("start", "end")
            }
        value = decode_part(cls, {**data, "id": 0})
        return kind, uid, dataclasses.replace(value, **dates) if dates else value
    except (KeyError, TypeError, ValueError, DraftFormatError, ContactError) as error:
        raise BadEntry(str(error)) from None


def label(value: Any) -> str:
    """An entry's names for the result: 외교부 / Ministry of Foreign Affairs."""
    if isinstance(value, Term):
        return " / ".join(part for part in (value.ko.strip(), value.en.strip()) if part)
    if isinstance(value, Clause):
        text = value.title
    elif isinstance(value, BookOrganisation | Person):
        text = value.name
    elif isinstance(value, Position):
        text = value.title
    else:
        return value.span() if isinstance(value, Appointment) else str(value)
    return " / ".join(part for part in (text.ko.strip(), text.en.strip()) if part)


def same_key(kind: str, a: Any, b: Any) -> bool:
    """The natural key: the same entry, entered on two laptops without a bundle."""

    def names(text: Any) -> tuple[str, str]:
        return text.ko.strip().casefold(), text.en.strip().casefold()

    if kind == "org":
        return names(a.name) == names(b.name)
    if kind == "person":
        return names(a.name) == names(b.name) and a.organisation_id == b.organisation_id
    if kind == "position":
        return a.organisation_id == b.organisation_id and names(a.title) == names(b.title)
    if kind == "appointment":
        return (a.position_id, a.person_id, a.start) == (b.position_id, b.person_id, b.start)
    if kind == "term":  # the glossary's own key: its Korean
        return bool(a.ko.strip() == b.ko.strip())
    return (a.title.ko, a.title.en) == (b.title.ko, b.title.en)


def import_entries(
    db: Database, entries: Any, bundle_id: str = ""
) -> tuple[list[EntryImport], dict[str, dict[str, int]]]:
    """Add, update or keep each carried entry (see the module's rules); returns what
    happened to each and kind → uid → id here of every entry the bundle carried.

    An entry changed on both sides leaves the one here as it is and keeps the bundle's
    as a pending conflict. An entry that cannot be read raises BadEntry (the caller's
    transaction, `BundleRepository.transaction`, then writes none of them)."""
    if not entries:
        return [], {kind: {} for kind in KIND_ORDER}
    if not isinstance(entries, list):
        raise BadEntry("the entries are not a list")
    for entry in entries:
        if not isinstance(entry, dict) or entry.get("kind") not in KIND_ORDER:
            raise BadEntry(f"an entry of an unknown kind: {str(entry)[:40]}")
    known: dict[str, dict[str, int]] = {kind: {} for kind in KIND_ORDER}
    results: list[EntryImport] = []
    for kind in KIND_ORDER:  # a kind at a time: those before it are linked by then
        batch = [decode(db, entry, known) for entry in entries if entry["kind"] == kind]
        if batch:
            carried = [(uid, value) for _k, uid, value in batch]
            results += _import_kind(db, kind, carried, known, bundle_id)
    return results, known


def _import_kind(
    db: Database,
    kind: str,
    batch: list[tuple[str, Any]],
    known: dict[str, dict[str, int]],
    bundle_id: str,
) -> list[EntryImport]:
    """One kind's entries: found, decided, then written (in the caller's transaction)."""
    here = dict(_all(db, kind))
    linked = db.bundles.entries([uid for uid, _value in batch])
    outcomes: list[str] = []
    found: list[int] = []  # the id here (0: added)
    links: list[tuple[str, str | None]] = []  # (uid, digest)
    saves: list[tuple[int, Any]] = []  # (index in batch, value with its id here or 0)
    pending = db.bundles.entry_conflicts()
    settled: list[str] = []  # uids whose pending conflict has nothing left to decide
    for index, (uid, theirs) in enumerate(batch):
        local_id, shared = 0, None
        link = linked.get(uid)
        if link is not None and link[0] == kind and link[1] in here:
            local_id, shared = link[1], link[2]
        else:
            local_id = next((i for i, v in here.items() if same_key(kind, v, theirs)), 0)
        theirs_digest = digest(theirs)
        kept: str | None
        if not local_id:
            outcome, kept = "added", theirs_digest
            saves.append((index, theirs))
        elif digest(here[local_id]) == theirs_digest or not differing(here[local_id], theirs):
            outcome, kept = "unchanged", theirs_digest
        elif shared and shared == digest(here[local_id]):  # unchanged here since shared
            outcome, kept = "updated", theirs_digest
            saves.append(
                (index, dataclasses.replace(theirs, id=local_id) if has_id(kind) else theirs)
            )
        elif shared and shared == theirs_digest:  # changed only here: the next bundle back
            outcome, kept = "kept", shared
        else:  # changed on both sides since shared: the person chooses, field by field
            outcome, kept = "conflict", shared
            record = {
                "bundle_id": bundle_id,
                "kind": kind,
                "local_id": local_id,
                "digest": theirs_digest,
                "theirs": to_record(theirs),
                "decided": [],
            }
            db.bundles.keep_entry_conflict(uid, record)
        if outcome in ("unchanged", "updated") and uid in pending:
            settled.append(uid)
        outcomes.append(outcome)
        found.append(local_id)
        links.append((uid, kept))
    ids = _save_all(db, kind, [value for _i, value in saves], [found[i] for i, _v in saves])
    for (index, _value), saved in zip(saves, ids, strict=True):
        found[index] = saved
    db.bundles.link_entries([(uid, kind, found[i], kept) for i, (uid, kept) in enumerate(links)])
    db.bundles.forget_entry_conflicts(settled)
    for (uid, _value), local_id in zip(batch, found, strict=True):
        known[kind][uid] = local_id
    return [
        EntryImport(kind, label(value), outcome)
        for (_uid, value), outcome in zip(batch, outcomes, strict=True)
    ]


def _get(db: Database, kind: str, local_id: int) -> Any:
    if kind == "term":
        return next((s.term for s in db.glossary.list() if s.id == local_id), None)
    if kind == "clause":
        from desktop_app.storage.errors import ItemNotFound

        try:
            return db.clauses.get(local_id).clause
        except ItemNotFound:
            return None
    return db.contacts.many(CONTACT_KINDS[kind], [local_id]).get(local_id)


def _all(db: Database, kind: str) -> list[tuple[int, Any]]:
    if kind == "term":
        return [(s.id, s.term) for s in db.glossary.list()]
    if kind == "clause":
        return [(s.id, s.clause) for s in db.clauses.list()]
    return [(value.id, value) for value in db.contacts.all(CONTACT_KINDS[kind])]


def _save_all(db: Database, kind: str, values: list[Any], local_ids: list[int]) -> list[int]:
    """Store new entries (id 0) and replace others, contacts in one transaction; their ids."""
    if kind == "term":
        return [
            db.glossary.update(local_id, value).id if local_id else db.glossary.add(value).id
            for value, local_id in zip(values, local_ids, strict=True)
        ]
    if kind != "clause":
        return [int(saved.id) for saved in db.contacts.save_all(values)]
    return [
        db.clauses.update(local_id, value).id if local_id else db.clauses.add(value).id
        for value, local_id in zip(values, local_ids, strict=True)
    ]
