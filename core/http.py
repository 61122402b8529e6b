"""Facts about the HTTP request that depend on how the site is deployed."""

import ipaddress

from django.conf import settings


def client_ip(request):
    """The visitor's address, seen through the trusted reverse proxies.

    Behind nginx every request comes from 127.0.0.1; the proxy appends the
    address it saw to X-Forwarded-For. With ``TRUSTED_PROXY_COUNT`` proxies,
    the address that many entries from the end is the one no visitor can
    forge. Always a valid address (the login lockout and the rate limits key
    on it), "0.0.0.0" when none is known (gunicorn on a unix socket).
    """
    candidates = []
    count = settings.TRUSTED_PROXY_COUNT
    if count:
        forwarded = [
            address.strip()
            for address in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if address.strip()
        ]
        if len(forwarded) >= count:
            candidates.append(forwarded[-count])
    candidates.append(request.META.get("REMOTE_ADDR", ""))
    for candidate in candidates:
        try:
            return str(ipaddress.ip_address(candidate))
        except ValueError:
            continue
    return "0.0.0.0"
