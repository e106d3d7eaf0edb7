from axes.backends import AxesStandaloneBackend


class LoginThrottleBackend(AxesStandaloneBackend):
    """django-axes' lock-out check, for web logins only.

    Authentication without a request (the test client's login(), management
    commands) cannot be brute-forced from outside, so it passes through to the
    next backend instead of raising.
    """

    def authenticate(self, request=None, *args, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, *args, **kwargs)
