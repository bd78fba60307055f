from .roles import held_roles


def roles(request):
    """Expose the signed-in person's roles to the navigation (cached, serawai.caching), and
    `nav_kind`: what the navigation shows depends on, for base.html to keep it rendered per kind
    (serawai/fragments.py). A callable, so a page without the navigation never asks."""
    user = getattr(request, "user", None)
    held = held_roles(user)

    def nav_kind() -> str:
        if user is None or not user.is_authenticated:
            return "anonymous"
        office = user.office
        level = office.level if office is not None else ""
        ca = bool(held.ca_offices)
        return f"{held.is_can:d}{held.is_cc:d}{ca:d}{user.is_superuser:d}:{level}"

    return {"my_roles": held, "nav_kind": nav_kind}
