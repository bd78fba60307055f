"""`{% fragment name value ... %}...{% endfragment %}`: a part of a page rendered once per process
for each combination of the values it varies on, then kept (the navigation per language and kind
of roles, the bell per unread count, the language menu, the ballot's intro per vote's terms).

A fragment must vary on everything it shows; beyond those values it depends only on the code, so
it is never invalidated: a deploy restarts the processes. Django's `{% cache %}` on a local-memory
cache did the same at several times the cost per use (an md5 key, a lock and an unpickling each
time), which every page paid half a dozen times (bench/cpu.py). The values varied on are compared
as text, as `{% cache %}` compares them.
"""

from django import template

from serawai.caching import BoundedDict

register = template.Library()

_kept = BoundedDict(5000)  # distinct fragments kept per process; the oldest goes first


class FragmentNode(template.Node):
    def __init__(self, nodelist, name, vary_on):
        self.nodelist = nodelist
        self.name = name
        self.vary_on = vary_on

    def render(self, context):
        key = (self.name, *(str(value.resolve(context)) for value in self.vary_on))
        html = _kept.get(key)
        if html is None:
            html = self.nodelist.render(context)
            _kept.put(key, html)
        return html


@register.tag
def fragment(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError(f"'{bits[0]}' needs a name.")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(nodelist, bits[1], [parser.compile_filter(bit) for bit in bits[2:]])


def forget_all() -> None:
    """Drop every kept fragment (tests that change what the fragments show)."""
    _kept.clear()
