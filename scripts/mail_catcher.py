"""A local SMTP catcher for `make run`: every message Odoo sends is written as an .eml
file, so a scheduled report can be read as received without a real mail server.

    python scripts/mail_catcher.py --port 8025 --out .local/mail

Python's standard library only (asyncio): the few SMTP commands Odoo's client speaks
(EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT), no authentication and no TLS. It
listens on 127.0.0.1 only and delivers nothing further.
"""

import argparse
import asyncio
import time
from pathlib import Path

MAX_MESSAGE = 50 * 1024 * 1024  # reports with their files attached fit easily


def address(argument):
    """The path of MAIL FROM: or RCPT TO:, without its parameters (SIZE=...)."""
    return argument.strip().split(" ")[0]


class Session:
    def __init__(self, out):
        self.out = out
        self.reset()

    def reset(self):
        self.sender, self.recipients = None, []

    async def serve(self, reader, writer):
        def reply(line):
            writer.write(f"{line}\r\n".encode())

        reply("220 localhost smart_dairy_b2b mail catcher")
        while not reader.at_eof():
            line = (await reader.readline()).decode("utf-8", "replace").rstrip("\r\n")
            command = line[:4].upper()
            if command == "EHLO":
                writer.write(b"250-localhost\r\n250-8BITMIME\r\n250 SIZE %d\r\n" % MAX_MESSAGE)
            elif command == "HELO":
                reply("250 localhost")
            elif command == "MAIL":
                self.reset()
                self.sender = address(line[10:])
                reply("250 OK")
            elif command == "RCPT":
                self.recipients.append(address(line[8:]))
                reply("250 OK")
            elif command == "DATA":
                reply("354 End data with <CR><LF>.<CR><LF>")
                await writer.drain()
                self.save(await self.read_data(reader))
                reply("250 OK: saved")
                self.reset()
            elif command == "RSET":
                self.reset()
                reply("250 OK")
            elif command == "NOOP":
                reply("250 OK")
            elif command == "QUIT":
                reply("221 Bye")
                await writer.drain()
                break
            elif line:
                reply("502 Command not implemented")
            await writer.drain()
        writer.close()

    @staticmethod
    async def read_data(reader):
        lines = []
        while True:
            line = await reader.readline()
            if line in (b".\r\n", b".\n", b""):
                return b"".join(lines)
            # RFC 5321 4.5.2: a leading dot was doubled by the client
            lines.append(line[1:] if line.startswith(b"..") else line)

    def save(self, message):
        self.out.mkdir(parents=True, exist_ok=True)
        path = self.out / f"{time.strftime('%Y%m%d-%H%M%S')}-{time.monotonic_ns()}.eml"
        path.write_bytes(message)
        print(f"mail catcher: {self.sender} -> {', '.join(self.recipients)}: {path}", flush=True)


async def main(port, out):
    server = await asyncio.start_server(
        lambda reader, writer: Session(out).serve(reader, writer), "127.0.0.1", port
    )
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8025)
    parser.add_argument("--out", type=Path, default=Path(".local/mail"))
    args = parser.parse_args()
    asyncio.run(main(args.port, args.out))
