"""One app per person and database: a second launch hands its documents to the running one.

The first ``retro`` to open a database listens on a local socket (``QLocalServer``, readable by
this user only) named after the user and the database. A second launch on the same database —
say a JSON document opened from the file manager — connects, sends its request (the documents'
absolute paths) as one JSON line, waits for the answer and exits; the running app raises its
window and loads each document as a new retro. This is what Anki and qutebrowser do.

A socket left behind by a crashed app answers nobody: the new app removes it and listens. On
Linux the socket lives in ``$XDG_RUNTIME_DIR`` (private to the user) when there is one.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import logging
import os
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QAbstractSocket, QLocalServer, QLocalSocket

log = logging.getLogger(__name__)

PROTOCOL = 1
CONNECT_TIMEOUT_MS = 1000
ANSWER_TIMEOUT_MS = 5000
MAX_REQUEST_BYTES = 1_000_000


def server_name(database_url: str) -> str:
    """The socket's name: the same for the same user and database, different otherwise."""
    try:
        user = getpass.getuser()
    except Exception:  # pragma: no cover - no user name (odd containers)
        user = str(os.getuid()) if hasattr(os, "getuid") else "user"
    digest = hashlib.sha256(f"{user}\0{database_url}".encode()).hexdigest()[:16]
    runtime = os.environ.get("XDG_RUNTIME_DIR", "")
    if os.name == "posix" and runtime and os.path.isdir(runtime) and os.access(runtime, os.W_OK):
        # The user's own 0700 runtime folder: nobody else can plant a socket with this name there.
        return os.path.join(runtime, f"blameless-retro-{digest}.sock")
    return f"blameless-retro-{digest}"


def instance_name(db_url: str | None) -> str:
    """The socket name for the database the app will open (``--db``, ``RETRO_DB`` or the default)."""
    from retro.startup import resolve_url

    try:
        resolved = resolve_url(db_url)
    except Exception:  # an odd URL is the database's problem, reported when it is opened
        resolved = db_url or ""
    return server_name(resolved)


def _encode(request: dict[str, object]) -> bytes:
    return json.dumps(request, ensure_ascii=True).encode("ascii") + b"\n"


def hand_over(name: str, documents: Sequence[str], *, timeout_ms: int = ANSWER_TIMEOUT_MS) -> bool:
    """Give ``documents`` to the app listening at ``name``; False when none answers (then be it)."""
    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(CONNECT_TIMEOUT_MS):
        return False
    request = {"protocol": PROTOCOL, "documents": [str(Path(d).resolve()) for d in documents],
               "cwd": os.getcwd()}
    socket.write(_encode(request))
    if not socket.waitForBytesWritten(timeout_ms):
        log.warning("single instance: the running app did not take the request (%s)", socket.errorString())
        return False
    answered = socket.waitForReadyRead(timeout_ms) and socket.readAll().data().startswith(b"ok")
    socket.disconnectFromServer()
    if not answered:
        log.warning("single instance: the running app did not answer; opening another window")
    return answered


class SingleInstance(QObject):
    """The listening side. :attr:`activated` carries the documents a second launch handed over."""

    activated = Signal(list)

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.server.newConnection.connect(self._accept)
        self._buffers: dict[QLocalSocket, bytearray] = {}

    def listen(self) -> bool:
        """Start listening; a stale socket from a crashed app is removed first. False on failure."""
        if self.server.listen(self.name):
            log.info("single instance: listening on %s", self.server.fullServerName())
            return True
        if self.server.serverError() == QAbstractSocket.SocketError.AddressInUseError:
            probe = QLocalSocket()
            probe.connectToServer(self.name)
            if probe.waitForConnected(CONNECT_TIMEOUT_MS):  # another app started at the same moment
                probe.disconnectFromServer()
                log.warning("single instance: another app is listening on %s", self.name)
                return False
            QLocalServer.removeServer(self.name)
            if self.server.listen(self.name):
                log.info("single instance: removed a stale socket; listening on %s", self.server.fullServerName())
                return True
        log.warning("single instance: cannot listen on %s: %s", self.name, self.server.errorString())
        return False

    def close(self) -> None:
        """Stop listening and drop the connections (their signals first: nothing fires into a dying object)."""
        for socket in list(self._buffers):
            socket.readyRead.disconnect()
            socket.disconnected.disconnect()
            socket.deleteLater()
            socket.abort()
        self._buffers.clear()
        self.server.close()

    def _accept(self) -> None:
        while self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            self._buffers[socket] = bytearray()
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(lambda s=socket: self._forget(s))

    def _forget(self, socket: QLocalSocket) -> None:
        if self._buffers.pop(socket, None) is not None:
            socket.readyRead.disconnect()
            socket.disconnected.disconnect()
            socket.deleteLater()

    def _read(self, socket: QLocalSocket) -> None:
        buffer = self._buffers.get(socket)
        if buffer is None:
            return
        buffer.extend(socket.readAll().data())
        if len(buffer) > MAX_REQUEST_BYTES:
            log.warning("single instance: request too long; ignored")
            socket.abort()
            return
        if b"\n" not in buffer:
            return
        line = bytes(buffer.split(b"\n", 1)[0])
        buffer.clear()
        try:
            request = json.loads(line)
            documents = [str(d) for d in request.get("documents", [])]
        except (ValueError, AttributeError, TypeError):
            log.warning("single instance: unreadable request ignored")
            socket.write(b"error\n")
            socket.flush()
            return
        log.info("single instance: a second launch handed over %d document(s)", len(documents))
        socket.write(b"ok\n")
        socket.flush()
        self.activated.emit(documents)
