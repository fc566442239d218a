"""Test settings: the demo's, with a throwaway key and fast password hashing.

DATABASE_URL, when set, runs the suite on PostgreSQL (scripts/test-both-databases does both)."""

import os
import tempfile

os.environ.setdefault("MICROSYSTEMS_DEMO", "1")
os.environ.setdefault("SECRET_KEY", "tests-only-not-secret")
os.environ.setdefault("MICROSYSTEMS_VAR_DIR", tempfile.mkdtemp(prefix="microsystems-tests-"))

from microsystems.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
