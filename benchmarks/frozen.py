"""How long until the server drops a frozen client (one that stops answering pings)?

    python3 run.py bench frozen

Starts a real ``debate-kit serve``, opens the student websocket with a raw socket that completes the
handshake and then never reads or answers again (a phone that froze or lost the Wi-Fi without closing
the connection), and times how long the server takes to close it (TCP FIN or reset). Prints seconds for
a few clients; the settings are ``ws_ping_interval`` / ``ws_ping_timeout`` in debate_kit/voila_app/config.py.
"""

from __future__ import annotations

import argparse
import base64
import os
import socket
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from debate_kit.testing import VoilaServer
from debate_kit.voila_app.config import PING_INTERVAL_MS, PING_TIMEOUT_MS

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"


def frozen_client(port: int) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", port))
    key = base64.b64encode(os.urandom(16)).decode()
    sock.sendall((f"GET /debate-kit/ws HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\n"
                  f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n")
                 .encode())
    response = sock.recv(4096)
    assert b"101" in response.split(b"\r\n", 1)[0], response[:200]
    return sock


def is_closed(sock: socket.socket) -> bool:
    """True once the server closed (pings arrive as data and are never answered, like a frozen page)."""
    try:
        data = sock.recv(65536)
    except BlockingIOError:
        return False
    except OSError:
        return True
    return not data or b"\x88" in data[:1]  # EOF, or a close frame


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--clients", type=int, default=5)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="debate-kit-frozen-"))
    with VoilaServer(f"sqlite:///{folder / 'c.sqlite3'}", notebooks=NOTEBOOKS, workdir=folder) as server:
        opened: dict[socket.socket, float] = {}
        for _ in range(args.clients):
            sock = frozen_client(server.port)  # its last sign of life: the handshake
            sock.setblocking(False)
            opened[sock] = time.monotonic()
            time.sleep(PING_INTERVAL_MS / 1000 / args.clients)  # spread over the ping interval
        times: dict[socket.socket, float | None] = dict.fromkeys(opened)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and any(t is None for t in times.values()):
            for sock, start in opened.items():
                if times[sock] is None and is_closed(sock):
                    times[sock] = time.monotonic() - start
            time.sleep(0.05)
    seconds = list(times.values())
    closed = [t for t in seconds if t is not None]
    print(f"ws_ping_interval {PING_INTERVAL_MS} ms, ws_ping_timeout {PING_TIMEOUT_MS} ms (configured)")
    print("seconds from the last sign of life to the server closing the connection:",
          ", ".join("never (120 s)" if t is None else f"{t:.1f}" for t in seconds))
    if closed:
        print(f"median {statistics.median(closed):.1f} s, max {max(closed):.1f} s")


if __name__ == "__main__":
    main()
