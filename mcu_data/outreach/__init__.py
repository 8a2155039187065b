"""E-mail from the server: the weekly note to the curator and the head, each recipient's deadlines to its
responsible person, a new growth point to the sector leader of its themes.

    addressbook  who receives what, and when (the curator sets it on «Рассылка»)
    letters      what each letter says: text, phone-width HTML, the note's DOCX; never a resident's words
    html         the letters' HTML: one column, inline styles, legible at 390 px
    outbox       the plan (which letters are due now), the queue, sending with retries, the log
    smtp         one letter through the configured SMTP server
"""
