"""A web crawler whose fetcher threads share a frontier, a visited set and counters.

Scenario: three fetcher threads take seed URLs from one generator, fetch
each page from an in-memory web, cache each host's robots rules, record the
URLs they visited and count links; a monitor thread watches progress. The
textbook mistakes, one per rule: the seed generator resumed by every
fetcher (shared-generator), the robots cache filled with a check and a
store (check-then-act), `+= 1` and `get() + 1` counters
(unguarded-read-modify-write), the monitor sorting the visited set while
fetchers add to it (iterate-while-mutate), the monitor reading `last_url`
without the lock the fetchers hold (inconsistent-lock), and a fetcher
setting the process-wide socket timeout (process-global-mutation).
crawler_frontier_fixed.py is the same crawler with every mistake fixed.
"""

import socket
import threading

WEB = {
    "/": ["/docs", "/blog", "/about"],
    "/docs": ["/docs/install", "/docs/api", "/"],
    "/blog": ["/blog/gil", "/blog/nogil", "/"],
    "/about": ["/"],
}


def _seed_source():
    for url in ("/", "/docs", "/blog", "/about"):
        yield url


seeds = _seed_source()
robots = {}
visited = set()
link_counts = {}
pages_fetched = 0
last_url = None
status_lock = threading.Lock()


def fetch(url):
    return WEB.get(url, [])


def robots_for(host):
    if host not in robots:  # expect-note: check-then-act
        robots[host] = {"allow": "/", "host": host}  # expect: check-then-act
    return robots[host]


def fetcher():
    global pages_fetched, last_url
    socket.setdefaulttimeout(2.0)  # expect: process-global-mutation
    for url in seeds:  # expect: shared-generator
        robots_for("example.org")
        visited.add(url)  # expect-note: iterate-while-mutate
        for link in fetch(url):
            link_counts[link] = link_counts.get(link, 0) + 1  # expect: unguarded-read-modify-write
        pages_fetched += 1  # expect: unguarded-read-modify-write
        with status_lock:
            last_url = url  # expect-note: inconsistent-lock


def monitor():
    progress = []
    for _ in range(5):
        seen = sorted(visited)  # expect: iterate-while-mutate
        current = last_url  # expect: inconsistent-lock
        progress.append((len(seen), current))
    return progress


def crawl():
    threads = [threading.Thread(target=fetcher) for _ in range(3)]  # expect-note: shared-generator  # expect-note: process-global-mutation
    threads.append(threading.Thread(target=monitor))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    socket.setdefaulttimeout(None)
    return sorted(visited), pages_fetched, link_counts


if __name__ == "__main__":
    crawl()
