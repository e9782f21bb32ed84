import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "airlock.settings")
application = get_wsgi_application()

# The URLconf, and the views and API schemas it imports (about 0.3 s of CPU), are loaded as the
# process starts rather than in its first request: a web worker's first request after a start
# or a recycle (gunicorn's max_requests) is no slower than the others. Nothing here touches
# the database.
get_resolver().url_patterns  # noqa: B018 - loading it is the point
