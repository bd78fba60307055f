"""Log in with the NIP (spaces allowed, as it is written) or the e-mail address."""

from django.contrib.auth.backends import ModelBackend
from django.db.models.signals import post_delete, post_save

from serawai import caching

from .models import Employee
from .nip import normalize_nip
from .roles import OFFICES_TOPIC


class NipOrEmailBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            username = kwargs.get(Employee.USERNAME_FIELD)
        if not username or password is None:
            return None
        username = username.strip()
        if "@" in username:
            user = Employee.objects.filter(email__iexact=username).first()
        else:
            user = Employee.objects.filter(nip=normalize_nip(username)).first()
        if user is None:
            # Run the hasher anyway so a wrong login and a wrong password take the same time.
            Employee().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None

    def get_user(self, user_id):
        """The signed-in person with their office and its province: every page scopes by
        province. Kept in the shared cache until that person or any office is saved (a password
        change, a deactivation, an import's update all save), so most pages need no query for it.
        """

        def read():
            people = Employee._default_manager.select_related("office", "office__parent")
            try:
                return people.get(pk=user_id)  # get(): no ORDER BY to build
            except Employee.DoesNotExist:
                return None

        topics = (caching.person_topic(user_id), OFFICES_TOPIC)
        user = caching.cached(topics, f"account:{user_id}", read)
        return user if user is not None and self.user_can_authenticate(user) else None


def _account_saved(sender, instance, **kwargs):
    caching.changed(caching.person_topic(instance.pk))


def connect() -> None:
    for signal, name in ((post_save, "save"), (post_delete, "delete")):
        signal.connect(_account_saved, sender=Employee, dispatch_uid=f"account-{name}")
