"""Log-in and changing one's own password (resetting a forgotten one: password_reset.py)."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from .forms import LoginForm


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("cycles:home")

    def form_valid(self, form):
        messages.success(self.request, _("Kata sandi telah diubah."))
        return super().form_valid(form)
