"""Token buckets: how many messages (or joins) a socket or an address may send, at what rate.

Pure: the caller passes the time. A bucket holds up to ``burst`` tokens and refills ``rate`` per second;
each allowed event takes one.
"""

from __future__ import annotations

from dataclasses import dataclass

#: One student page (a websocket or a notebook widget): a burst of 20 messages, then 5 a second.
MESSAGES_PER_SECOND = 5.0
MESSAGE_BURST = 20.0
#: One teacher console page: 3 new rooms in a row, then one every 30 s.
ROOMS_PER_SECOND = 1 / 30
ROOM_BURST = 3.0
SLOW_DOWN = "Too many messages at once: wait a second and try again."


@dataclass
class Bucket:
    rate: float
    burst: float
    tokens: float = -1.0
    stamp: float = 0.0

    def allow(self, now: float) -> bool:
        """Take a token if there is one at time ``now`` (seconds, monotonic)."""
        if self.tokens < 0:
            self.tokens, self.stamp = self.burst, now
        self.tokens = min(self.burst, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now
        if self.tokens >= 1.0:
            self.tokens -= 1.0
            return True
        return False
