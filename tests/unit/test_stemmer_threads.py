"""The Dutch stemmer is never shared between threads: PyStemmer's keeps state between calls, and the
app loads the knowledge base in a worker while the screen's own code may stem."""

from __future__ import annotations

import threading

from kansencoach.core.dutch import normalize


def test_each_thread_stems_with_its_own_stemmer() -> None:
    made: list[object] = []
    worker = threading.Thread(target=lambda: made.append(normalize._stemmer()))
    worker.start()
    worker.join()
    assert made
    assert made[0] is not normalize._stemmer()
    assert normalize._stemmer() is normalize._stemmer()


def test_stems_made_in_many_threads_at_once_are_those_of_one_thread() -> None:
    words = [
        f"{root}{ending}"
        for root in ("kinder", "ouder", "school", "wijk")
        for ending in ("en", "s", "tjes", "ing")
    ]
    alone = {word: str(normalize._stemmer().stemWord(word)) for word in words}
    found: list[dict[str, str]] = []

    def stem_all() -> None:
        stemmer = normalize._stemmer()
        found.append({word: str(stemmer.stemWord(word)) for word in words * 50})

    threads = [threading.Thread(target=stem_all) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert found == [alone] * 4
