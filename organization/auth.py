"""Log in with the NIP (spaces allowed, as it is written) or the e-mail address."""

from django.contrib.auth.backends import ModelBackend

from notifications.bell import with_unread_count

from .models import Employee
from .nip import normalize_nip


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
        """The signed-in person with their office and its province (every page scopes by
        province) and the bell's unread count, in one query, read afresh on every request: a
        deactivation or a new password takes effect on the next one."""
        people = Employee._default_manager.select_related("office", "office__parent")
        people = with_unread_count(people)
        try:
            user = people.get(pk=user_id)
        except Employee.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
