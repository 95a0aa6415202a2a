"""A chunk's text fields, gathered as word ids and analysed with numpy once the chunk is complete.

Analysing word by word (a term string per token, then a dict lookup per token to
group them) was most of a bulk build's time. Here a document's text only extends a
flat array of word ids (one regex pass and one dict lookup per word, both in C). A
word's stemmed term, vocabulary word and hash are worked out once per distinct word
(WordTable, with the definitions of fastanalysis.analyse_word); once the chunk is
complete, numpy maps the tokens to terms, numbers the kept ones (as Whoosh's
StopFilter does), sorts them by term in one stable sort and cuts them into postings.
Python then steps once per distinct term of the chunk, and once per (term, document)
pair with more than one position, instead of once per token.
"""

from __future__ import annotations

import zlib
from array import array
from collections.abc import Iterator

import numpy as np

from .analysis import TEXT, VOCABULARY
from .fastanalysis import FIND_WORDS, analyse_word
from .postingformat import encode_positions

# A worker's word table is started afresh (between chunks) past this many words.
WORD_LIMIT = 500_000

# Encoded values of several positions seen before, each kept once (at most this many).
ENCODED_LIMIT = 200_000
_encoded: dict[bytes, bytes] = {}
# Encoded values of single positions, by position (most postings have one position).
_singles: list[bytes] = []
_singles_table = np.empty(0, dtype=object)


def _single_values(limit: int) -> np.ndarray:
    """The encoded values of positions 0..limit-1, as an object array."""
    global _singles_table
    if len(_singles) < limit:
        _singles.extend(encode_positions((pos,)) for pos in range(len(_singles), limit))
        _singles_table = np.empty(len(_singles), dtype=object)
        _singles_table[:] = _singles
    return _singles_table


class _Strings:
    """Strings numbered in the order they are first seen."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}
        self.strings: list[str] = []

    def id(self, text: str) -> int:
        n = self.ids.get(text)
        if n is None:
            n = self.ids[text] = len(self.strings)
            self.strings.append(text)
        return n


class WordTable(dict):
    """Word as written -> its id, with each id's stemmed term and vocabulary word (-1: stopped)."""

    def __init__(self) -> None:
        super().__init__()
        self.stems = _Strings()
        self.words = _Strings()
        self.stem_of = array("i")
        self.word_of = array("i")
        # CRC32 of each stemmed term's UTF-8 bytes (near-duplicate signatures hash terms).
        self.stem_crc = array("I")

    def __missing__(self, word: str) -> int:
        stem = analyse_word(TEXT, word)
        if stem:
            before = len(self.stems.strings)
            stem_id = self.stems.id(stem)
            if stem_id == before:
                self.stem_crc.append(zlib.crc32(stem.encode("utf-8")))
        else:
            stem_id = -1
        folded = analyse_word(VOCABULARY, word)
        self.stem_of.append(stem_id)
        self.word_of.append(self.words.id(folded) if folded else -1)
        n = self[word] = len(self)
        return n


_table = WordTable()


def word_table() -> WordTable:
    """The process's word table (a fresh one once it holds WORD_LIMIT words)."""
    global _table
    if len(_table) > WORD_LIMIT:
        _table = WordTable()
    return _table


class TextBuffer:
    """The text fields of a chunk's documents (added in docnum order), as word ids."""

    def __init__(self, fields: list[str], table: WordTable | None = None):
        self.fields = fields
        self.table = word_table() if table is None else table
        self.words = array("i")
        # One entry per (document, field) with text: where its words end, its docnum and field.
        self.ends = array("q")
        self.docs = array("I")
        self.kinds = array("B")

    def add(self, docnum: int, field: int, text: str) -> None:
        """Add the text of a document's field (`field`: its index in `fields`)."""
        words = self.words
        words.extend(map(self.table.__getitem__, FIND_WORDS(text)))
        self.ends.append(len(words))
        self.docs.append(docnum)
        self.kinds.append(field)

    def analyse(self) -> AnalysedText:
        """The chunk's terms, positions and lengths (the buffer is let go)."""
        table = self.table
        words = np.frombuffer(self.words, dtype=np.int32)
        ends = np.frombuffer(self.ends, dtype=np.int64)
        counts = np.diff(ends, prepend=0)
        entry = np.repeat(np.arange(len(ends)), counts)
        stems = np.frombuffer(table.stem_of, dtype=np.int32)[words]
        kept = np.flatnonzero(stems >= 0)
        kept_entry = entry[kept]
        # Each entry's number of terms (its field length) and where its kept tokens start.
        lengths = np.bincount(kept_entry, minlength=len(ends))
        kept_start = np.cumsum(lengths) - lengths
        has = lengths > 0
        # Positions follow StopFilter(renumber=True): the first kept word keeps its index
        # among all words, each later kept word is one more.
        first = np.zeros(len(ends), dtype=np.int64)
        first[has] = kept[kept_start[has]] - (ends - counts)[has]
        positions = first[kept_entry] + np.arange(len(kept)) - kept_start[kept_entry]
        vocab = np.frombuffer(table.word_of, dtype=np.int32)[words]
        # The vocabulary takes a text's words only when the text has terms.
        in_vocab = np.flatnonzero((vocab >= 0) & has[entry])
        docs = np.frombuffer(self.docs, dtype=np.uint32)
        result = AnalysedText(
            table,
            self.fields,
            stems[kept],
            docs[kept_entry],
            positions,
            np.frombuffer(self.kinds, dtype=np.uint8)[kept_entry],
            vocab[in_vocab],
            docs[entry[in_vocab]],
            list(
                zip(
                    docs[has].tolist(),
                    np.frombuffer(self.kinds, dtype=np.uint8)[has].tolist(),
                    lengths[has].tolist(),
                    strict=True,
                )
            ),
        )
        self.words, self.ends, self.docs, self.kinds = (
            array("i"),
            array("q"),
            array("I"),
            array("B"),
        )
        return result


class AnalysedText:
    """A chunk's analysed text: kept tokens (term id, docnum, position, field) and vocabulary pairs."""

    def __init__(
        self,
        table: WordTable,
        fields: list[str],
        terms: np.ndarray,
        docs: np.ndarray,
        positions: np.ndarray,
        kinds: np.ndarray,
        vocab_words: np.ndarray,
        vocab_docs: np.ndarray,
        lengths: list[tuple[int, int, int]],
    ):
        self.table = table
        self.fields = fields
        self.terms, self.docs, self.positions, self.kinds = terms, docs, positions, kinds
        self.vocab_words, self.vocab_docs = vocab_words, vocab_docs
        # (docnum, field index, number of terms) of each text with terms, in document order.
        self.lengths = lengths

    def field_names(self) -> set[str]:
        """The fields with at least one term in the chunk."""
        return {self.fields[k] for k in np.unique(self.kinds).tolist()}

    def term_hashes(self, field: str) -> np.ndarray:
        """The CRC32 of each term of a field, in document and position order."""
        select = self.kinds == self.fields.index(field)
        crc = np.frombuffer(self.table.stem_crc, dtype=np.uint32)
        return crc[self.terms[select]]

    def postings(self, field: str) -> Iterator[tuple[bytes, array, array, list[bytes]]]:
        """(term bytes, docnums, weights, encoded positions) of a field's terms, in term order."""
        select = self.kinds == self.fields.index(field)
        vocabulary, ids = _ranked(self.table.stems.strings, self.terms[select])
        return _postings(vocabulary, ids, self.docs[select], self.positions[select])

    def document_frequencies(self) -> Iterator[tuple[bytes, int]]:
        """(vocabulary word bytes, number of documents using it) for each word, in word order."""
        if not len(self.vocab_words):
            return iter(())
        vocabulary, ids = _ranked(self.table.words.strings, self.vocab_words)
        return _document_frequencies(vocabulary, ids, self.vocab_docs)


def _ranked(strings: list[str], ids: np.ndarray) -> tuple[list[str], np.ndarray]:
    """The distinct strings of some ids in order, and each id's rank among them."""
    # Ids are below len(strings): a table of them costs less than sorting or hashing.
    seen = np.zeros(len(strings), dtype=bool)
    seen[ids] = True
    distinct = np.flatnonzero(seen)
    names = [strings[i] for i in distinct.tolist()]
    # Code point order is UTF-8 byte order: the order of Whoosh's terms table.
    order = sorted(range(len(names)), key=names.__getitem__)
    rank = np.zeros(len(strings), dtype=np.int64)
    rank[distinct[order]] = np.arange(len(names))
    return [names[i] for i in order], rank[ids]


def _document_frequencies(
    vocabulary: list[str], ids: np.ndarray, docs: np.ndarray
) -> Iterator[tuple[bytes, int]]:
    docs = docs.astype(np.int64)
    first = int(docs.min())
    span = int(docs.max()) - first + 1
    # Each (term, document) pair once, then a count per term.
    pairs = np.sort(ids * span + (docs - first))
    pairs = pairs[np.concatenate(([True], pairs[1:] != pairs[:-1]))]
    frequencies = np.bincount(pairs // span, minlength=len(vocabulary)).tolist()
    for term, df in zip(vocabulary, frequencies, strict=False):
        yield term.encode("utf-8"), df


def _encoded_lists(positions: np.ndarray, starts: np.ndarray, counts: np.ndarray) -> list[bytes]:
    """encode_positions of each list positions[start : start + count], all in a few numpy passes."""
    # Each list's positions, as deltas (the first from 0).
    owner = np.repeat(np.arange(len(starts)), counts)
    offset = np.arange(int(counts.sum())) - np.repeat(np.cumsum(counts) - counts, counts)
    pos = positions[np.repeat(starts, counts) + offset].astype(np.int64)
    deltas = pos.copy()
    deltas[1:] -= pos[:-1]
    deltas[offset == 0] = pos[offset == 0]
    # A varint: 7 bits a byte, low bits first, the high bit set on all bytes but the last.
    sizes = np.ones(len(deltas), dtype=np.int64)
    for shift in (7, 14, 21, 28):
        sizes += deltas >= (1 << shift)
    at = np.cumsum(sizes) - sizes
    out = np.zeros(int(sizes.sum()), dtype=np.uint8)
    for k in range(5):
        more = np.flatnonzero(sizes > k)
        if not len(more):
            break
        byte = (deltas[more] >> (7 * k)) & 0x7F
        out[at[more] + k] = byte | np.where(sizes[more] > k + 1, 0x80, 0)
    lengths = np.bincount(owner, weights=sizes, minlength=len(starts)).astype(np.int64)
    ends = np.cumsum(lengths)
    blob = out.tobytes()
    if len(_encoded) > ENCODED_LIMIT:
        _encoded.clear()
    # Equal values as one object: pickle writes an object it has seen as a reference,
    # so the bytes of a block depend on it (as they did when values came from a cache).
    keep = _encoded.setdefault
    return [
        keep(v, v)
        for v in map(blob.__getitem__, map(slice, (ends - lengths).tolist(), ends.tolist()))
    ]


def _postings(
    vocabulary: list[str], ids: np.ndarray, docs: np.ndarray, positions: np.ndarray
) -> Iterator[tuple[bytes, array, array, list[bytes]]]:
    n = len(ids)
    if not n:
        return
    # Stable: within a term, tokens stay in (document, position) order.
    order = np.argsort(ids, kind="stable")
    ids = ids[order]
    docs = docs[order]
    positions = positions[order]
    # A posting is a run of tokens with the same term and document.
    starts = np.flatnonzero(
        np.concatenate(([True], (ids[1:] != ids[:-1]) | (docs[1:] != docs[:-1])))
    )
    freqs = np.diff(np.append(starts, n))
    values = _single_values(int(positions.max()) + 1)[positions[starts]]
    several = np.flatnonzero(freqs > 1)
    if len(several):
        values[several] = _encoded_lists(positions, starts[several], freqs[several])
    values = values.tolist()
    post_docs = array("I", docs[starts].astype(np.uint32).tobytes())
    post_weights = array("f", freqs.astype(np.float32).tobytes())
    post_ids = ids[starts]
    bounds = np.flatnonzero(np.concatenate(([True], post_ids[1:] != post_ids[:-1]))).tolist()
    bounds.append(len(starts))
    for k, term in enumerate(vocabulary):
        a, b = bounds[k], bounds[k + 1]
        yield term.encode("utf-8"), post_docs[a:b], post_weights[a:b], values[a:b]
