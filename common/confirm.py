"""Destructive actions ask first: a small page that says what will happen, with a
cancel link and one submit button. It works without JavaScript.

Three ways in, one page (templates/confirm.html):
- an action without input: GET the action's URL shows the page, POST does the action
  (`if request.method == "GET": return confirm_page(...)`);
- an action with input (a reason, a comment): the first POST shows the page with that input
  carried as hidden fields, the POST from the page (with `confirmed=1`) does it
  (`if not is_confirmed(request): return confirm_page(..., carry=request.POST)`);
- an action that needs a reason given on the page itself: the page carries the form
  (`confirm_page(..., form=form, status=400 if refused else 200)`), its POST does it.
"""

from django.shortcuts import render

CONFIRMED = "confirmed"


def is_confirmed(request) -> bool:
    return request.method == "POST" and request.POST.get(CONFIRMED) == "1"


def confirm_page(
    request,
    *,
    title: str,
    question: str,
    consequences=(),
    action_label: str,
    cancel_url: str,
    carry=None,
    danger: bool = True,
    form=None,
    status: int = 200,
):
    """The "Yakin ...?" page. `carry`: the fields of a first POST, sent again with confirmed=1;
    `form`: fields (a reason) filled in on the page, shown with their errors."""
    hidden = []
    if carry is not None:
        hidden = [
            (name, value)
            for name in carry
            if name not in ("csrfmiddlewaretoken", CONFIRMED)
            for value in carry.getlist(name)
        ]
        hidden.append((CONFIRMED, "1"))
    context = {
        "title": title,
        "question": question,
        "consequences": [c for c in consequences if c],
        "action_label": action_label,
        "cancel_url": cancel_url,
        "hidden": hidden,
        "danger": danger,
        "form": form,
    }
    return render(request, "confirm.html", context, status=status)
