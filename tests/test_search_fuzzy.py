"""Typo tolerance over a vocabulary, "did you mean", and forgiving name matching."""

from __future__ import annotations

from searcher.search.fuzzy import candidates, correction, edit_budget, expansions
from searcher.search.names import NameIndex
from searcher.search.vocabulary import Vocabulary

VOCAB = Vocabulary(
    {
        "vaccination": 40,
        "vacation": 12,
        "regatta": 5,
        "harbour": 30,
        "harbor": 1,
        "ferry": 50,
        "berry": 4,
        "bridge": 20,
        "parliament": 25,
        "election": 60,
        "selection": 8,
        "brannholm": 6,
        "the": 900,
    }
)


def test_edit_budget_grows_with_length():
    assert [edit_budget(w) for w in ("car", "ferry", "harbour", "parliament")] == [0, 1, 2, 2]


def test_transposition_and_first_letter_typos_are_one_edit():
    assert candidates("regatat", VOCAB)[0].word == "regatta"
    assert candidates("regatat", VOCAB)[0].distance == 1
    assert candidates("parliamnet", VOCAB)[0].word == "parliament"
    assert candidates("verry", VOCAB)[0].word in ("ferry", "berry")
    assert candidates("xlection", VOCAB)[0].word == "election"


def test_short_words_are_not_expanded():
    assert candidates("fery", VOCAB) != [] and candidates("fer", VOCAB) == []


def test_expansions_only_for_unknown_words_nearest_first_weighted():
    out = expansions(["vacination", "ferry", "harbour"], VOCAB)
    assert set(out) == {"vacination"}
    alternatives = dict(out["vacination"])
    assert "vaccination" in alternatives
    assert all(0 < w < 1 for w in alternatives.values())
    # Only the nearest distance is kept, the more frequent word first.
    assert [w for w, _ in expansions(["electio"], VOCAB)["electio"]] == ["election"]


def test_correction_prefers_frequent_nearby_words():
    assert correction("vacination", VOCAB) == "vaccination"
    assert correction("ferry", VOCAB) is None
    # A rare real word one edit from a far commoner one is corrected.
    assert correction("harbor", VOCAB) == "harbour"
    assert correction("zzzzzzz", VOCAB) is None


def test_names_resolve_forgivingly():
    names = NameIndex.build(
        [
            "Recep Tayyip Erdoğan",
            "Anatolij Kettunen",
            "Miroslav Kettunen",
            "Global Research",
            "Łucja Weißmann",
            "Ines Morales",
            "Continental Press Service",
        ]
    )
    assert names.resolve("erdogan") == ["Recep Tayyip Erdoğan"]
    assert names.resolve("ERDOĞAN") == ["Recep Tayyip Erdoğan"]
    assert names.resolve("kettunen") == ["Anatolij Kettunen", "Miroslav Kettunen"]
    assert names.resolve("miroslav kettunen") == ["Miroslav Kettunen"]
    assert names.resolve("global research") == ["Global Research"]
    assert names.resolve("globalresearch") == ["Global Research"]
    assert names.resolve("lucja weissmann") == ["Łucja Weißmann"]
    assert names.resolve("weismann") == ["Łucja Weißmann"]  # one edit
    assert names.resolve("morals") == ["Ines Morales"]
    assert names.resolve("nobody at all") == []
    assert names.resolve("cps") == ["Continental Press Service"]


def test_a_damaged_vocabulary_cache_is_read_again_from_the_index(tmp_path):
    from searcher.search.vocabulary import CACHE_PREFIX, load_words

    class Reader:
        """Stands in for a Whoosh reader whose vocabulary field holds two words."""

        class schema:
            @staticmethod
            def names():
                return ["words"]

        def leaf_readers(self):
            leaf = type("Leaf", (), {"lexicon": lambda self, field: [b"dockworkers", b"strike"]})()
            return [(leaf, 0)]

    cache = tmp_path / f"{CACHE_PREFIX}k1.txt"
    cache.write_bytes(b"\xb5\xff\x00garbage")
    assert load_words(Reader(), tmp_path, "k1") == {"dockworkers", "strike"}
    assert cache.read_text(encoding="utf-8").split("\n") == ["dockworkers", "strike"]


def test_a_long_word_costs_little(monkeypatch):
    """Edit candidates are bounded: no variants of a word longer than any vocabulary word, none past 64 letters."""
    import tracemalloc

    from searcher.search import fuzzy

    calls = []
    original = fuzzy._one_edit
    monkeypatch.setattr(fuzzy, "_one_edit", lambda w: calls.append(len(w)) or original(w))
    tracemalloc.start()
    for word in ("a" * 10_000, "vaccination" * 50, "b" * 40):
        assert candidates(word, VOCAB) == [] and correction(word, VOCAB) is None
        assert expansions([word], VOCAB) == {}
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert calls == [] and peak < 5_000_000


def test_long_words_near_long_vocabulary_words_still_match():
    long_word = "verkehrsinfrastrukturfinanzierungsgesellschaft"  # 46 letters: the comparison path
    vocab = Vocabulary({long_word: 3, "ferry": 5})
    assert candidates(long_word.replace("rs", "sr", 1), vocab)[0].word == long_word
    assert candidates(long_word[:-1], vocab)[0].word == long_word
    assert correction(long_word + "x", vocab) == long_word


def test_one_edit_typos_and_known_words_leave_the_vocabulary_unsorted():
    """Bucketing every word by length waits for a search that needs two edits."""
    vocab = Vocabulary({"harbour": 3, "ferry": 5, "election": 7})
    assert expansions(["harbur", "ferry"], vocab) == {"harbur": [("harbour", 1 - 1 / 7)]}
    assert correction("ferry", vocab) is None
    assert vocab._buckets == []
    bound = vocab.bound(lambda word: 1)
    assert candidates("elction", bound) and vocab._buckets == []
    assert candidates("elcetoin", bound)[0].word == "election"
    assert vocab._buckets and vocab.by_length[8] == ["election"]


def test_a_fuzzy_search_buckets_the_vocabulary_on_loading_it():
    vocab = Vocabulary({"harbour": 3, "ferry": 5})
    assert vocab.bucketed() is vocab and vocab._buckets
    assert vocab.bound(lambda word: 1).by_length is vocab.by_length
