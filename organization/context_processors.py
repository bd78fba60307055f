from .roles import held_roles


def roles(request):
    """Expose the signed-in person's roles to the navigation."""
    return {"my_roles": held_roles(getattr(request, "user", None))}
