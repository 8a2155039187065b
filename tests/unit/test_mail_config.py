"""The mail settings: the [smtp] table of a secrets file, variables over it, and a value that cannot be used
turning the mail off with its reason instead of stopping the app."""

from __future__ import annotations

import pytest

from mcu_data.core.config import MAIL_VARIABLES, load_mail


@pytest.fixture(autouse=True)
def no_variables(monkeypatch):
    for name in MAIL_VARIABLES.values():
        monkeypatch.delenv(name, raising=False)


def test_the_secrets_file_gives_every_value(tmp_path):
    secrets = tmp_path / "secrets.toml"
    secrets.write_text(
        '[smtp]\nhost = "smtp.borskoe.ru"\nport = 465\nsecurity = "ssl"\nuser = "mcu"\npassword = "п@роль"\n'
        'from = "МЦУ <mcu@borskoe.ru>"\n',
        encoding="utf-8",
    )
    mail = load_mail(secrets)
    assert (mail.host, mail.port, mail.security, mail.user, mail.sender) == (
        "smtp.borskoe.ru",
        465,
        "ssl",
        "mcu",
        "МЦУ <mcu@borskoe.ru>",
    )
    assert mail.password == "п@роль" and "п@роль" not in repr(mail)  # never printed with the settings
    assert mail.configured and mail.source == "файл secrets.toml"


def test_a_variable_overrides_the_file(tmp_path, monkeypatch):
    secrets = tmp_path / "secrets.toml"
    secrets.write_text('[smtp]\nhost = "smtp.borskoe.ru"\nfrom = "mcu@borskoe.ru"\n', encoding="utf-8")
    monkeypatch.setenv("MCU_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("MCU_SMTP_SECURITY", "none")
    mail = load_mail(secrets)
    assert (mail.host, mail.port, mail.security, mail.sender) == ("127.0.0.1", 587, "none", "mcu@borskoe.ru")
    assert mail.source == "файл secrets.toml, MCU_SMTP_HOST, MCU_SMTP_SECURITY"


def test_no_file_and_no_variables_is_not_configured(tmp_path):
    mail = load_mail(tmp_path / "absent.toml")
    assert not mail.configured and mail.error == ""


@pytest.mark.parametrize(
    ("name", "value", "said"),
    [
        ("MCU_SMTP_SECURITY", "tls13", "Защита SMTP «tls13» не поддерживается"),
        ("MCU_SMTP_PORT", "двадцать пять", "Порт SMTP «двадцать пять» не число"),
    ],
)
def test_a_value_that_cannot_be_used_says_why(tmp_path, monkeypatch, name, value, said):
    monkeypatch.setenv("MCU_SMTP_HOST", "smtp.borskoe.ru")
    monkeypatch.setenv("MCU_MAIL_FROM", "mcu@borskoe.ru")
    monkeypatch.setenv(name, value)
    mail = load_mail(tmp_path / "absent.toml")
    assert not mail.configured and said in mail.error


def test_a_broken_secrets_file_says_so(tmp_path):
    secrets = tmp_path / "secrets.toml"
    secrets.write_text("[smtp\nhost = ", encoding="utf-8")
    mail = load_mail(secrets)
    assert not mail.configured and "не читается как TOML" in mail.error
