"""Who may download a stored document.

A letter: staff of the sending office's province (its offices' employees) and the CAN.
A certificate: its holder, the CAN of the issuing office's province, and whoever issued it.
Anyone else gets a 404 from the views, so a document's existence does not leak.
"""

import rules

from organization.roles import CAN_ROLES, held_roles


def _province_id(office):
    province = office.province if office is not None else None
    return province.pk if province is not None else None


@rules.predicate
def in_letter_province(user, letter):
    if not user.is_authenticated or not user.is_active or user.office_id is None:
        return False
    user_province = user.province
    return user_province is not None and user_province.pk == _province_id(letter.office)


@rules.predicate
def is_can_of_issuer_province(user, certificate):
    return _province_id(certificate.issuer_office) in held_roles(user).offices_for(*CAN_ROLES)


@rules.predicate
def is_holder(user, certificate):
    return certificate.holder_id is not None and certificate.holder_id == user.pk


@rules.predicate
def is_issuer(user, document):
    return document.issued_by_id == user.pk


rules.add_perm("documents.view_letter", rules.is_superuser | in_letter_province)
rules.add_perm(
    "documents.view_certificate",
    rules.is_superuser | is_holder | is_issuer | is_can_of_issuer_province,
)


@rules.predicate
def requested_batch(user, batch):
    return batch.requested_by_id == user.pk


@rules.predicate
def is_can_of_batch_province(user, batch):
    return _province_id(batch.issuer_office) in held_roles(user).offices_for(*CAN_ROLES)


rules.add_perm(
    "documents.view_batch", rules.is_superuser | requested_batch | is_can_of_batch_province
)
rules.add_perm("documents.retry_batch", rules.is_superuser | is_can_of_batch_province)


@rules.predicate
def is_can_of_letter_province(user, letter):
    return _province_id(letter.office) in held_roles(user).offices_for(*CAN_ROLES)


rules.add_perm("documents.cancel_letter", rules.is_superuser | is_can_of_letter_province)
rules.add_perm("documents.revoke_certificate", rules.is_superuser | is_can_of_issuer_province)
