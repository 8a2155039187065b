"""One letter through the configured SMTP server; every failure becomes a MailSendError with a Russian reason."""

from __future__ import annotations

import smtplib
import ssl
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from mcu_data.core.config import Mail

DOCX = ("application", "vnd.openxmlformats-officedocument.wordprocessingml.document")


class MailSendError(RuntimeError):
    """The server did not take the letter; the message says why, in Russian, with the SMTP code where there is one."""


def message(mail: Mail, to: str, subject: str, text: str, html: str, name: str | None, data: bytes | None):
    msg = EmailMessage()
    msg["From"] = mail.sender
    msg["To"] = to
    msg["Subject"] = subject
    msg["Date"] = formatdate(localtime=True)
    msg["Message-ID"] = make_msgid(domain=mail.sender.rpartition("@")[2] or None)
    msg.set_content(text)
    msg.add_alternative(html, subtype="html")
    if data is not None:
        msg.add_attachment(data, maintype=DOCX[0], subtype=DOCX[1], filename=name or "записка.docx")
    return msg


def send(mail: Mail, to: str, subject: str, text: str, html: str, name: str | None = None, data: bytes | None = None):
    if not mail.configured:
        raise MailSendError(mail.error or "Почта не настроена: не указан сервер SMTP или адрес отправителя.")
    msg = message(mail, to, subject, text, html, name, data)
    try:
        if mail.security == "ssl":
            client = smtplib.SMTP_SSL(mail.host, mail.port, timeout=mail.timeout, context=ssl.create_default_context())
        else:
            client = smtplib.SMTP(mail.host, mail.port, timeout=mail.timeout)
        with client:
            if mail.security == "starttls":
                client.starttls(context=ssl.create_default_context())
            if mail.user:
                client.login(mail.user, mail.password)
            client.send_message(msg)
    except smtplib.SMTPAuthenticationError as exc:
        raise MailSendError(f"Сервер SMTP не принял имя или пароль ({exc.smtp_code}).") from exc
    except smtplib.SMTPRecipientsRefused as exc:
        code, said = next(iter(exc.recipients.values()))
        raise MailSendError(f"Сервер SMTP отказал получателю {to}: {code} {_said(said)}") from exc
    except smtplib.SMTPResponseException as exc:
        raise MailSendError(f"Сервер SMTP ответил отказом: {exc.smtp_code} {_said(exc.smtp_error)}") from exc
    except smtplib.SMTPNotSupportedError as exc:
        raise MailSendError(f"Сервер SMTP не поддерживает нужную команду: {exc}") from exc
    except (smtplib.SMTPException, ssl.SSLError) as exc:
        raise MailSendError(f"Ошибка SMTP: {exc}") from exc
    except TimeoutError as exc:
        raise MailSendError(f"Сервер SMTP {mail.host}:{mail.port} не ответил за {mail.timeout:g} с.") from exc
    except OSError as exc:
        raise MailSendError(f"Нет связи с сервером SMTP {mail.host}:{mail.port}: {exc.strerror or exc}.") from exc


def _said(raw: bytes | str) -> str:
    return raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)
