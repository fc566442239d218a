"""Settings come from the environment, fail loudly when something needed is missing, and are secure
outside the demo."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHOW = (
    "import json, microsystems.settings as s; print(json.dumps({"
    "'secure': s.SESSION_COOKIE_SECURE, 'csrf': s.CSRF_COOKIE_SECURE, 'hsts': s.SECURE_HSTS_SECONDS, "
    "'engine': s.DATABASES['default']['ENGINE'], 'db': str(s.DATABASES['default'].get('NAME')), "
    "'hosts': s.ALLOWED_HOSTS, 'debug': s.DEBUG, 'mailer': s.MAILERS['default']['BACKEND']}))"
)


def settings_with(env: dict[str, str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v for k, v in os.environ.items() if k not in {"MICROSYSTEMS_DEMO", "SECRET_KEY", "DATABASE_URL"}
    }
    clean["MICROSYSTEMS_VAR_DIR"] = str(tmp_path)
    return subprocess.run(
        [sys.executable, "-c", SHOW],
        env={**clean, **env},
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_refuses_to_start_without_a_secret_key(tmp_path: Path) -> None:
    result = settings_with({}, tmp_path)
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_production_is_secure_and_uses_smtp(tmp_path: Path) -> None:
    result = settings_with(
        {
            "SECRET_KEY": "x" * 50,
            "ALLOWED_HOSTS": "microsystems.example.nhs.uk",
            "EMAIL_HOST": "smtp.example",
        },
        tmp_path,
    )
    shown = json.loads(result.stdout)
    assert shown["secure"] and shown["csrf"]
    assert shown["hsts"] >= 31536000
    assert shown["hosts"] == ["microsystems.example.nhs.uk"]
    assert shown["debug"] is False
    assert shown["mailer"].endswith("smtp.EmailBackend")


def test_demo_generates_and_keeps_a_secret_key_and_uses_sqlite_under_var(tmp_path: Path) -> None:
    first = settings_with({"MICROSYSTEMS_DEMO": "1"}, tmp_path)
    key = (tmp_path / "secret_key").read_text()
    settings_with({"MICROSYSTEMS_DEMO": "1"}, tmp_path)
    assert (tmp_path / "secret_key").read_text() == key
    shown = json.loads(first.stdout)
    assert shown["engine"].endswith("sqlite3")
    assert shown["db"] == str(tmp_path / "demo.sqlite3")
    assert shown["mailer"].endswith("console.EmailBackend")
    assert shown["secure"] is False


def test_database_url_chooses_postgresql(tmp_path: Path) -> None:
    result = settings_with(
        {"MICROSYSTEMS_DEMO": "1", "DATABASE_URL": "postgres://app:pw@db.internal:5432/microsystems"},
        tmp_path,
    )
    shown = json.loads(result.stdout)
    assert shown["engine"].endswith("postgresql")
    assert shown["db"] == "microsystems"


def test_a_malformed_flag_is_named_in_the_error(tmp_path: Path) -> None:
    result = settings_with({"MICROSYSTEMS_DEMO": "perhaps"}, tmp_path)
    assert "MICROSYSTEMS_DEMO must be true or false" in result.stderr
