#!/usr/bin/env python3
"""Health check of the web container: exit 0 when the portal answers /healthz with 200.

    healthcheck:
      test: ["CMD", "python", "scripts/healthcheck.py"]

Sends the first host of ALLOWED_HOSTS as Host header (Django refuses other hosts) and
marks the request as HTTPS for a portal behind a TLS proxy (SECURE_PROXY_SSL_HEADER).
HEALTHCHECK_URL overrides the address (default http://127.0.0.1:8000/healthz).
"""

import os
import sys
import urllib.request


def main() -> int:
    url = os.environ.get("HEALTHCHECK_URL", "http://127.0.0.1:8000/healthz")
    hosts = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "").split(",") if h.strip()]
    host = next((h.lstrip(".") for h in hosts if h != "*"), "localhost")
    request = urllib.request.Request(url, headers={"Host": host, "X-Forwarded-Proto": "https"})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return 0 if response.status == 200 else 1
    except OSError as error:
        print(f"unhealthy: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
