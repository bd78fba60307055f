from .roles import held_roles


def roles(request):
    """Expose the signed-in person's roles to the navigation (one query per request)."""
    user = getattr(request, "user", None)
    return {"my_roles": held_roles(user)}
