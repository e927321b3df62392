"""A browser's first load over HTTP/1.1 keep-alive, in asyncio: hundreds of phones in one process.

A phone's browser opens the join page on one connection, then fetches the stylesheet on that
connection and the module script on a second one at the same time, then the script's import
(``student.js``) on whichever is free: two TCP connections for four requests, with the headers a
mobile browser sends. Tornado's own HTTP client opens a connection per request and sends fewer
headers, so it would cost the server more accepts and less header parsing than real phones do.
Each client may come from its own loopback address (Linux routes all of 127/8 to ``lo``), as phones
on a LAN each have their own address.

Every phone gets the same compressed page; a phone inflates and decodes it on its own CPU, not the
server's. This one process stands in for hundreds of phones on the server's two cores, so it inflates
and decodes each distinct body once (``_inflate``, ``_text``), not once a phone.
"""

from __future__ import annotations

import asyncio
import functools
import zlib
from urllib.parse import urlsplit

HEADERS = (
    "Connection: keep-alive\r\n"
    "User-Agent: Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/124.0.0.0 Mobile Safari/537.36\r\n"
    "Accept-Encoding: gzip, deflate\r\n"
    "Accept-Language: en-GB,en;q=0.9\r\n"
)
@functools.lru_cache(maxsize=32)
def _inflate(body: bytes) -> bytes:
    return zlib.decompress(body, 31)  # gzip


@functools.lru_cache(maxsize=32)
def _text(body: bytes) -> str:
    return body.decode()


ACCEPT = {
    "document": "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8",
    "style": "text/css,*/*;q=0.1",
    "script": "*/*",
}


class HttpError(RuntimeError):
    pass


class Connection:
    """One keep-alive HTTP/1.1 connection (requests one after another, as a browser's socket)."""

    def __init__(self, host: str, port: int, source: str | None) -> None:
        self.host, self.port, self.source = host, port, source
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None
        self.requests = 0
        self.wire = 0  # bytes received on this connection: headers and bodies as sent (compressed)

    async def connect(self) -> Connection:
        local = (self.source, 0) if self.source else None
        self.reader, self.writer = await asyncio.open_connection(self.host, self.port, local_addr=local,
                                                                 limit=1 << 20)
        return self

    async def get(self, path: str, kind: str = "document") -> bytes:
        if self.writer is None:
            await self.connect()
        assert self.reader is not None and self.writer is not None
        self.writer.write((f"GET {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n"
                           f"Accept: {ACCEPT[kind]}\r\n{HEADERS}\r\n").encode())
        head = await self.reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split(" ", 2)[1])
        headers = {}
        for line in lines[1:]:
            if ":" in line:
                name, value = line.split(":", 1)
                headers[name.strip().lower()] = value.strip()
        if headers.get("transfer-encoding", "").lower() == "chunked":
            body = b""
            while True:
                size = int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16)
                chunk = await self.reader.readexactly(size + 2)
                if size == 0:
                    break
                body += chunk[:-2]
        else:
            body = await self.reader.readexactly(int(headers.get("content-length", "0")))
        self.wire += len(head) + len(body)
        if headers.get("content-encoding", "").lower() == "gzip":
            body = _inflate(body)
        self.requests += 1
        if headers.get("connection", "").lower() == "close":
            self.close()
        if status != 200:
            raise HttpError(f"{status} for {path}")
        return body

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            self.writer = self.reader = None


class Browser:
    """The HTTP side of one phone: at most two connections to the server, kept alive."""

    def __init__(self, root: str, source: str | None) -> None:
        parts = urlsplit(root)
        self.host, self.port = parts.hostname or "127.0.0.1", parts.port or 80
        self.source = source
        self.connections: list[Connection] = []
        self.bytes_in = 0  # bodies, decompressed

    @property
    def wire_bytes(self) -> int:
        """What the server sent over HTTP (headers and bodies, compressed as sent)."""
        return sum(c.wire for c in self.connections)

    def connection(self, index: int) -> Connection:
        while len(self.connections) <= index:
            self.connections.append(Connection(self.host, self.port, self.source))
        return self.connections[index]

    async def get(self, path: str, kind: str = "document", on: int = 0) -> str:
        body = await self.connection(on).get(path, kind)
        self.bytes_in += len(body)
        return _text(body)

    def close(self) -> None:
        for connection in self.connections:
            connection.close()
