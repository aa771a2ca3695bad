"""Four CPU-bound "reasoning" workloads, as pure functions.

Every function is deterministic, uses only the standard library and does its
work in Python bytecode (no C call releases the GIL for long), so it shows
the difference between a GIL build and a free-threaded build.

A *job* is one call of one workload.  ``plan(size)`` splits each workload
into K jobs whose results add up to a known answer, so a synthesis step can
check that nothing was lost or double counted.
"""

from __future__ import annotations

import hashlib
import random
from typing import NamedTuple


# --- the four workloads ---------------------------------------------------

def count_primes(lo: int, hi: int) -> int:
    """Count the primes in [lo, hi) by trial division."""
    count = 0
    for n in range(max(lo, 2), hi):
        if n < 4:
            count += 1
            continue
        if n % 2 == 0:
            continue
        d = 3
        while d * d <= n:
            if n % d == 0:
                break
            d += 2
        else:
            count += 1
    return count


def count_queens(n: int, first_cols: tuple[int, ...]) -> int:
    """Count the N-queens solutions whose queen in row 0 is in one of first_cols."""
    full = (1 << n) - 1

    def place(cols: int, diag1: int, diag2: int) -> int:
        if cols == full:
            return 1
        total = 0
        free = full & ~(cols | diag1 | diag2)
        while free:
            bit = free & -free
            free ^= bit
            total += place(cols | bit, ((diag1 | bit) << 1) & full, (diag2 | bit) >> 1)
        return total

    return sum(place(1 << c, ((1 << c) << 1) & full, (1 << c) >> 1) for c in first_cols)


def hash_chain(seed: int, rounds: int) -> str:
    """Iterate sha256 ``rounds`` times starting from a seed; return the hex digest."""
    digest = f"agent-seed-{seed}".encode()
    for _ in range(rounds):
        digest = hashlib.sha256(digest).digest()
    return digest.hex()


_SYLLABLES = ("ka", "lo", "mi", "ra", "ten", "shi", "vo", "dan", "el", "qu", "ix", "ort")


def word_stats(seed: int, n_words: int) -> tuple[int, int, str, int]:
    """Generate a text of n_words words with random.Random(seed) and describe it.

    Returns (words, distinct words, most common word, its count).
    """
    rng = random.Random(seed)
    counts: dict[str, int] = {}
    for _ in range(n_words):
        word = "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(1, 3)))
        counts[word] = counts.get(word, 0) + 1
    top_word, top_count = max(counts.items(), key=lambda kv: (kv[1], kv[0]))
    return n_words, len(counts), top_word, top_count


# --- jobs -----------------------------------------------------------------

class Job(NamedTuple):
    kind: str       # "primes", "queens", "hashes" or "words"
    args: tuple     # the arguments of the workload function


WORKLOADS = {
    "primes": count_primes,
    "queens": count_queens,
    "hashes": hash_chain,
    "words": word_stats,
}

# parts: K (jobs per workload); the rest are the workload sizes.
SIZE_TABLE = {
    "small": {"parts": 8, "prime_limit": 70_000, "queens": 11,
              "hash_rounds": 12_000, "words": 14_000},
    "medium": {"parts": 12, "prime_limit": 300_000, "queens": 12,
               "hash_rounds": 60_000, "words": 100_000},
}

KNOWN_QUEENS = {4: 2, 5: 10, 6: 4, 7: 40, 8: 92, 9: 352, 10: 724, 11: 2680, 12: 14200}


def plan(size: str = "small") -> list[Job]:
    """The 4 workloads split into 4 x K jobs, workload by workload."""
    cfg = SIZE_TABLE[size]
    k = cfg["parts"]
    step = cfg["prime_limit"] // k
    n = cfg["queens"]
    jobs = []
    for i in range(k):
        jobs.append(Job("primes", (i * step, (i + 1) * step)))
        jobs.append(Job("queens", (n, tuple(c for c in range(n) if c % k == i))))
        jobs.append(Job("hashes", (i, cfg["hash_rounds"])))
        jobs.append(Job("words", (i, cfg["words"] // k * (1 + i % 3))))
    return jobs


def run_job(job: Job):
    """Run one job (top-level so that process pools can pickle it)."""
    return WORKLOADS[job.kind](*job.args)


def synthesize(jobs: list[Job], results: list) -> dict:
    """Combine the per-job answers into one summary."""
    summary = {"primes": 0, "queens": 0, "hashes": "", "words": 0}
    fingerprint = 0
    for job, result in zip(jobs, results):
        if job.kind == "primes":
            summary["primes"] += result
        elif job.kind == "queens":
            summary["queens"] += result
        elif job.kind == "hashes":
            fingerprint ^= int(result[:16], 16)
        else:
            summary["words"] += result[0]
    summary["hashes"] = f"{fingerprint:016x}"
    return summary


def reference(size: str = "small") -> dict:
    """The answers a correct synthesis must reach (computed independently)."""
    cfg = SIZE_TABLE[size]
    limit = cfg["prime_limit"] // cfg["parts"] * cfg["parts"]
    sieve = bytearray([1]) * limit
    sieve[0:2] = b"\x00\x00"
    for p in range(2, int(limit ** 0.5) + 1):
        if sieve[p]:
            sieve[p * p::p] = bytes(len(range(p * p, limit, p)))
    return {"primes": sum(sieve), "queens": KNOWN_QUEENS[cfg["queens"]]}
