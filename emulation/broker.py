"""The broker on the local disk, able to drive Celery's event loop.

kombu's filesystem transport is synchronous, so a worker on it runs billiard's
blocking pool, whose children share one pipe guarded by one lock: a child killed
while it waits for work dies holding that lock, and the worker stays up without
ever running a task again. Declared asynchronous and polled from the event loop,
the transport gets the pool that Redis gets (a pipe per child, lost children
replaced, their tasks redelivered).
"""

from kombu.transport import filesystem


class Transport(filesystem.Transport):
    implements = filesystem.Transport.implements.extend(asynchronous=True)

    def register_with_event_loop(self, connection, loop):
        loop.call_repeatedly(self.polling_interval, self._deliver_waiting, connection)

    def _deliver_waiting(self, connection) -> None:
        # Hands over every message the prefetch limit allows, then returns to the loop.
        while True:
            try:
                self.drain_events(connection, timeout=0)
            except TimeoutError:  # kombu's way of saying: nothing more for now
                return
