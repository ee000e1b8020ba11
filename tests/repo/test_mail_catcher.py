"""`make run`'s SMTP catcher writes what it receives as .eml files (README, "E-mail while
developing"): a real SMTP client sends it a message with an attachment, and the file
read back is that message."""

import email
import email.policy
import smtplib
import socket
import subprocess
import sys
import time
from email.message import EmailMessage
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_sent_message_is_saved_as_eml(tmp_path):
    port = free_port()
    catcher = subprocess.Popen(
        [sys.executable, str(ROOT / "scripts/mail_catcher.py"), "--port", str(port),
         "--out", str(tmp_path)],
        stdout=subprocess.PIPE,
        text=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                client = smtplib.SMTP("127.0.0.1", port, timeout=5)
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        message = EmailMessage()
        message["From"] = "Smart Dairy Ltd. <info@smartdairy.example>"
        message["To"] = "admin@example.com"
        message["Subject"] = "Monthly executive report: 4,059,781 ৳"
        message.set_content("Hello,\n.a line starting with a dot\n")
        message.add_alternative("<p>Hello,</p><p>please find attached…</p>", subtype="html")
        message.add_attachment(b"%PDF-1.4 test", maintype="application", subtype="pdf",
                               filename="executive_2026-11-01_2026-11-30.pdf")  # fmt: skip
        with client:
            client.send_message(message)
        deadline = time.monotonic() + 10
        while not list(tmp_path.glob("*.eml")) and time.monotonic() < deadline:
            time.sleep(0.1)
        (saved,) = tmp_path.glob("*.eml")
        received = email.message_from_bytes(saved.read_bytes(), policy=email.policy.default)
        assert received["Subject"] == "Monthly executive report: 4,059,781 ৳"
        assert received.get_body(("html",)).get_content().startswith("<p>Hello,</p>")
        # as on the wire (CRLF), the client's doubled leading dot undone
        plain = received.get_body(("plain",)).get_content()
        assert plain.replace("\r\n", "\n") == "Hello,\n.a line starting with a dot\n"
        (attachment,) = received.iter_attachments()
        assert attachment.get_filename() == "executive_2026-11-01_2026-11-30.pdf"
        assert attachment.get_content() == b"%PDF-1.4 test"
    finally:
        catcher.terminate()
        catcher.wait(10)
