"""A real SMTP server for tests (aiosmtpd), and a mail server that hangs.

`SmtpServer(port)` receives on 127.0.0.1:port in a thread of the test; it can
be stopped and started again on the same port, and made slow (`delay`
seconds before it accepts each message). A message counts as received only
if the client is still connected when the server accepts it, as with a real
mail server: a client killed mid-send has delivered nothing.
`HangingServer(port)` accepts connections and never says a word, like a mail
server that has stopped answering.
"""

import asyncio
import socket
import threading
from email import message_from_bytes, policy

from aiosmtpd.controller import Controller


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Handler:
    def __init__(self):
        self.messages = []
        self.delay = 0
        self.receiving = threading.Event()

    async def handle_DATA(self, server, session, envelope):
        self.receiving.set()
        if self.delay:
            await asyncio.sleep(self.delay)
        transport = server.transport
        if transport is None or transport.is_closing():
            return "451 the client went away"
        self.messages.append(message_from_bytes(envelope.content, policy=policy.SMTP))
        return "250 OK"


class SmtpServer:
    def __init__(self, port):
        self.port = port
        self.handler = Handler()
        self.controller = None

    @property
    def messages(self):
        return self.handler.messages

    def start(self, delay=0):
        self.handler.delay = delay
        self.handler.receiving.clear()
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)
        self.controller.start()
        return self

    def stop(self):
        if self.controller:
            self.controller.stop()
            self.controller = None


class HangingServer:
    """Completes the TCP handshake (the kernel does) and then says nothing."""

    def __init__(self, port):
        self.socket = socket.socket()
        self.socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.socket.bind(("127.0.0.1", port))
        self.socket.listen(100)

    def stop(self):
        self.socket.close()


def text_of(message):
    """The plain-text part of a received email."""
    for part in message.walk():
        if part.get_content_type() == "text/plain":
            return part.get_content()
    return ""
