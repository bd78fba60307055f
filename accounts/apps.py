from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Log-in, passwords (changing one, resetting a forgotten one), log-in protection (lockout)
    and single sign-on: above the employees they log in."""

    name = "accounts"
    verbose_name = "Serawai: accounts"
