import rules

from organization.rules import is_can

# The change history of the province's programme: the CAN Provinsi and the admin.
rules.add_perm("audit.view_trail", is_can | rules.is_superuser)
