"""The blackboard: where the agents post what they have worked out."""

from __future__ import annotations

import threading


class Blackboard:
    """One instance, shared by every agent; every access holds ``_lock``.

    posts: task id -> (author, text), the latest word on each task
    log:   every post, in the order it arrived
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.posts: dict[int, tuple[str, str]] = {}
        self.log: list[str] = []
        self.total_posts = 0

    def post(self, task_id: int, author: str, text: str) -> None:
        with self._lock:
            self.posts[task_id] = (author, text)
            self.log.append(f"[{author}] {text}")
            self.total_posts += 1

    def snapshot(self) -> list[tuple[int, tuple[str, str]]]:
        """A copy of the posts that is safe to iterate while agents keep posting."""
        with self._lock:
            items = list(self.posts.items())
        return items

    def counts(self) -> tuple[int, int, int]:
        """(total_posts, posts in the log, tasks posted about), read together."""
        with self._lock:
            return self.total_posts, len(self.log), len(self.posts)
