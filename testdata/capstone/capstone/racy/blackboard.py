"""The blackboard: where the agents post what they have worked out."""

from __future__ import annotations


class Blackboard:
    """One instance, shared by every agent.

    posts: task id -> (author, text), the latest word on each task
    log:   every post, in the order it arrived
    """

    def __init__(self) -> None:
        self.posts: dict[int, tuple[str, str]] = {}
        self.log: list[str] = []
        self.total_posts = 0

    def post(self, task_id: int, author: str, text: str) -> None:
        self.posts[task_id] = (author, text)
        self.log.append(f"[{author}] {text}")
        self.total_posts += 1  # expect: unguarded-read-modify-write
