"""The web crawler of crawler_frontier.py with every race fixed; silent under every rule.

Scenario: the seeds go into a `queue.Queue` before the fetchers start, the
robots cache is filled with `setdefault`, the counters, the visited set and
`last_url` are only touched under `status_lock` (the monitor sorts the
visited set under it too), and the socket timeout is set once by the main
thread before any fetcher starts.
"""

import queue
import socket
import threading

WEB = {
    "/": ["/docs", "/blog", "/about"],
    "/docs": ["/docs/install", "/docs/api", "/"],
    "/blog": ["/blog/gil", "/blog/nogil", "/"],
    "/about": ["/"],
}

seeds = queue.Queue()
robots = {}
visited = set()
link_counts = {}
pages_fetched = 0
last_url = None
status_lock = threading.Lock()


def fetch(url):
    return WEB.get(url, [])


def robots_for(host):
    return robots.setdefault(host, {"allow": "/", "host": host})


def fetcher():
    global pages_fetched, last_url
    while True:
        try:
            url = seeds.get_nowait()
        except queue.Empty:
            break
        robots_for("example.org")
        links = fetch(url)
        with status_lock:
            visited.add(url)
            for link in links:
                link_counts[link] = link_counts.get(link, 0) + 1
            pages_fetched += 1
            last_url = url


def monitor():
    progress = []
    for _ in range(5):
        with status_lock:
            seen = sorted(visited)
            current = last_url
        progress.append((len(seen), current))
    return progress


def crawl():
    for url in ("/", "/docs", "/blog", "/about"):
        seeds.put(url)
    socket.setdefaulttimeout(2.0)
    threads = [threading.Thread(target=fetcher) for _ in range(3)]
    threads.append(threading.Thread(target=monitor))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    socket.setdefaulttimeout(None)
    return sorted(visited), pages_fetched, link_counts


if __name__ == "__main__":
    crawl()
