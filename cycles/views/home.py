"""The home page by role: a person's open steps and to-dos in the chosen cycle."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from organization.models import RoleAssignment
from organization.roles import role_labels

from ..selectors.cycles import current_cycle
from ..selectors.home import my_open_steps, my_todos


@login_required
def home(request):
    cycle = current_cycle(request.user)
    rows = my_open_steps(request.user, cycle) if cycle else []
    Role = RoleAssignment.Role
    labels = [f"{Role(role).label} ({office})" for role, office in role_labels(request.user)]
    context = {"cycle": cycle, "rows": rows, "todos": my_todos(request.user)}
    return render(request, "cycles/home.html", {**context, "my_role_labels": labels})
