"""Letters built for the signatory, letterhead and every-field tests."""

from __future__ import annotations

from dataclasses import replace

from desktop_app.domain import BilingualText, BodyItem, Enclosure, Letter, Recipient
from desktop_app.domain.letter import Organisation, Signatory
from tests.helpers.samples import sample_letter

B = BilingualText.of

COUNTRIES = (
    ("대한민국", "Republic of Korea"),
    ("일본", "Japan"),
    ("미국", "United States of America"),
    ("영국", "United Kingdom"),
    ("독일", "Germany"),
)


def joint_signatories(count: int = 25) -> tuple[Signatory, ...]:
    """`count` co-signers: organisations with and without a person, individuals, overseas."""
    out: list[Signatory] = []
    for n in range(1, count + 1):
        ko_country, en_country = COUNTRIES[n % len(COUNTRIES)]
        if n % 6 == 0:  # an individual: a person and a relationship, no organisation
            out.append(
                Signatory(
                    person=B(f"개인{n}", f"Person{n} Kim"),
                    role=B(f"국군포로 가족{n}", f"relative{n} of a prisoner of war"),
                    country=B(ko_country, en_country),
                )
            )
        elif n % 3 == 0:  # a person for an organisation
            out.append(
                Signatory(
                    organisation=B(f"단체{n}", f"Organisation{n}"),
                    person=B(f"대표자{n}", f"Head{n} Lee"),
                    role=B(f"대표{n}", f"Director{n}"),
                    country=B(ko_country, en_country),
                )
            )
        else:
            out.append(
                Signatory(
                    organisation=B(f"(사)단체{n}", f"Organisation{n}"),
                    country=B(ko_country, en_country),
                )
            )
    return tuple(out)


def joint_letter(count: int = 25) -> Letter:
    """The founding-case letter signed by `count` co-signers."""
    return replace(sample_letter(), signatories=joint_signatories(count))


def marked_letter() -> Letter:
    """Every field of a letter filled with its own marker text (KO-… / EN-…)."""

    def m(name: str) -> BilingualText:
        return B(f"KO{name}", f"EN{name}")

    def recipient(tag: str) -> Recipient:
        return Recipient(
            name=m(f"{tag}name"),
            title=m(f"{tag}title"),
            organisation=m(f"{tag}org"),
            address=m(f"{tag}address"),
            honorific=m(f"{tag}honorific"),
        )

    def sender(tag: str) -> Organisation:
        return Organisation(
            name=m(f"{tag}name"),
            short_name=m(f"{tag}short"),
            address=m(f"{tag}address"),
            postcode=f"{tag}postcode",
            phone=f"{tag}phone",
            fax=f"{tag}fax",
            email=f"{tag}email@example.org",
            website=f"https://{tag}website.example.org",
        )

    def signatory(tag: str) -> Signatory:
        return Signatory(
            organisation=m(f"{tag}org"),
            person=m(f"{tag}person"),
            role=m(f"{tag}role"),
            country=m(f"{tag}country"),
        )

    from datetime import date

    return Letter(
        senders=(sender("SenderA"), sender("SenderB")),
        recipients=(recipient("RecipA"), recipient("RecipB")),
        cc=(recipient("CcA"), recipient("CcB")),
        via=m("Via"),
        date=date(2024, 4, 18),
        reference=m("Reference"),
        subject=m("Subject"),
        salutation=m("Salutation"),
        body=(
            BodyItem(m("Body0"), 0),
            BodyItem(m("Body1"), 1),
            BodyItem(m("Body2"), 2),
            BodyItem(m("Body3"), 2),
            BodyItem(m("Body4"), 1),
        ),
        closing=m("Closing"),
        enclosures=(Enclosure(m("EnclA"), 1), Enclosure(m("EnclB"), 2)),
        signatories=(
            signatory("SignA"),
            signatory("SignB"),
            Signatory(person=m("SignCperson"), role=m("SignCrole"), country=m("SignCcountry")),
        ),
        contact=m("Contact"),
    )
