"""Typo tolerance with rapidfuzz: unknown words expanded to close vocabulary words, and "did you mean"."""

from __future__ import annotations

from dataclasses import dataclass

from .vocabulary import Vocabulary

# At most this many corrections per misspelled word.
MAX_EXPANSIONS = 2


_LETTERS = "abcdefghijklmnopqrstuvwxyz"
# Longer words are not corrected: no typo'd word is this long, and the work grows with the length.
MAX_WORD_LENGTH = 64
# Up to this length a word's one-edit variants (about 54 per letter, each as long as the word)
# are generated and looked up; beyond it comparing with the words of nearby lengths is cheaper.
GENERATE_UP_TO = 24


def _one_edit(word: str) -> set[str]:
    """Every string one deletion, transposition, substitution or insertion away from `word`."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    out = {a + b[1:] for a, b in splits if b}
    out |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    out |= {a + c + b[1:] for a, b in splits if b for c in _LETTERS}
    out |= {a + c + b for a, b in splits for c in _LETTERS}
    out.discard(word)
    return out


def one_edit_neighbours(word: str, vocabulary: Vocabulary) -> list[str]:
    """The vocabulary words exactly one edit away from `word` (a transposition is one edit)."""
    if len(word) - 1 > vocabulary.longest:
        return []
    if len(word) <= GENERATE_UP_TO:
        return [w for w in _one_edit(word) if w in vocabulary]
    from rapidfuzz import process  # on first use: a search without typos never loads it
    from rapidfuzz.distance import OSA

    pool = vocabulary.words_near_length(len(word), 1)
    return [
        choice
        for choice, dist, _ in process.extract(
            word, pool, scorer=OSA.distance, score_cutoff=1, limit=None
        )
        if dist == 1
    ]


def edit_budget(word: str) -> int:
    """Edits allowed for a word of this length: none for short or very long words, more for long ones."""
    n = len(word)
    if n <= 3 or n > MAX_WORD_LENGTH:
        return 0
    if n <= 6:
        return 1
    return 2


@dataclass(frozen=True)
class Candidate:
    """A vocabulary word close to a query word."""

    word: str
    distance: int
    frequency: int
    weight: float


def candidates(word: str, vocabulary: Vocabulary, limit: int = MAX_EXPANSIONS) -> list[Candidate]:
    """The nearest vocabulary words within the edit budget (a transposition is one edit), best first.

    Distances grow one at a time and the search stops at the first that finds words:
    a word one edit away is a likelier intent than any two edits away, and the
    smaller pool (lengths within one) keeps the search fast on large vocabularies.
    """
    budget = edit_budget(word)
    if budget == 0 or not word.isalpha() or len(word) - budget > vocabulary.longest:
        return []
    # One edit: generate the word's few hundred variants and look them up (much faster than
    # comparing against the whole vocabulary); rapidfuzz only for larger distances.
    near = one_edit_neighbours(word, vocabulary)
    if near:
        out = [
            Candidate(w, 1, vocabulary.frequency(w), 1.0 - 1 / max(len(word), len(w))) for w in near
        ]
        out.sort(key=lambda c: (-c.frequency, c.word))
        return out[:limit]
    from rapidfuzz import process  # on first use: a search without typos never loads it
    from rapidfuzz.distance import OSA

    for distance in range(2, budget + 1):
        pool = vocabulary.words_near_length(len(word), distance)
        found = process.extract(word, pool, scorer=OSA.distance, score_cutoff=distance, limit=None)
        out = []
        for choice, dist, _ in found:
            if dist == 0:
                continue
            # Similarity on the longer word's length: one edit in a long word costs less.
            weight = 1.0 - dist / max(len(word), len(choice))
            out.append(Candidate(choice, int(dist), vocabulary.frequency(choice), weight))
        if out:
            out.sort(key=lambda c: (c.distance, -c.frequency, c.word))
            return out[:limit]
    return []


def expansions(words: list[str], vocabulary: Vocabulary) -> dict[str, list[tuple[str, float]]]:
    """For each word the index does not know, its closest vocabulary words with similarity weights.

    Only the candidates at the smallest distance are kept (the most frequent first): a word
    one edit away is a far likelier intent than one two edits away (tuned on typo'd queries).
    """
    out: dict[str, list[tuple[str, float]]] = {}
    for word in words:
        if word in out or word in vocabulary:
            continue
        found = candidates(word, vocabulary, limit=20)
        if found:
            nearest = found[0].distance
            found = [c for c in found if c.distance == nearest][:MAX_EXPANSIONS]
        if found:
            out[word] = [(c.word, c.weight) for c in found]
    return out


def correction(word: str, vocabulary: Vocabulary) -> str | None:
    """The likeliest intended word for an unknown or very rare word, or None."""
    if edit_budget(word) == 0 or not word.isalpha():
        return None
    known = vocabulary.frequency(word)
    if known:
        # A real but rare word is only corrected towards a far more common one a single edit
        # away, so the costlier wider search is skipped for it.
        near = one_edit_neighbours(word, vocabulary)
        if not near:
            return None
        best = min(near, key=lambda w: (-vocabulary.frequency(w), w))
        return best if vocabulary.frequency(best) >= max(20 * known, 5) else None
    found = candidates(word, vocabulary, limit=10)
    if not found:
        return None
    return min(found, key=lambda c: (c.distance, -c.frequency)).word
