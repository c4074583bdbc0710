"""What a person calls each field of an address-book entry, a clause and a glossary term.

One table for the address-book editor (its form's labels, in this order) and for the
bundle merge (a field changed on both sides): the two say the same word for one field.
The strings are marked, not translated: each caller translates in its own language.
"""

from __future__ import annotations

from desktop_app.domain.messages import N_

# kind (as bundles name it) → field → label; a BilingualText field gets "(Korean)" or
# "(English)" where one language of it is meant.
CONTACT_FIELDS: dict[str, dict[str, str]] = {
    "org": {
        "name": N_("Name"),
        "short_name": N_("Short name"),
        "kind": N_("Whose it is"),
        "country": N_("Country"),
        "address": N_("Address"),
        "postcode": N_("Postcode"),
        "phone": N_("Phone"),
        "fax": N_("Fax"),
        "email": N_("E-mail"),
        "website": N_("Website"),
        "note": N_("Note"),
    },
    "person": {
        "name": N_("Name"),
        "family_name": N_("Family name"),
        "courtesy": N_("Courtesy title"),
        "organisation_id": N_("Works at"),
        "role": N_("Role (as a signatory)"),
        "email": N_("E-mail"),
        "phone": N_("Phone"),
        "note": N_("Note"),
    },
    "position": {
        "organisation_id": N_("Organisation"),
        "title": N_("Office"),
        "honorific": N_("Honorific"),
        "salutation": N_("Salutation ({name}, {family_name})"),
        "department": N_("Office in charge (공문)"),
        "note": N_("Note"),
    },
    "appointment": {
        "position_id": N_("Position"),
        "person_id": N_("Holder"),
        "start": N_("Position held from"),
        "end": N_("Position held until"),
        "note": N_("Note"),
    },
    "clause": {"title": N_("Title"), "text": N_("Text"), "tags": N_("Tags")},
    # as the glossary's dialog names them
    "term": {
        "ko": N_("Korean term"),
        "en": N_("Approved English"),
        "alternatives": N_("Also accepted"),
        "forbidden": N_("English to avoid"),
        "exceptions": N_("Except in"),
        "scope": N_("Applies to"),
        "note": N_("Note"),
    },
}


def label_of(kind: str, field: str) -> str | None:
    """The (untranslated) label of `field` of an entry of `kind`; None if it has none."""
    return CONTACT_FIELDS.get(kind, {}).get(field)
