"""The one place that knows Whoosh's on-disk format (whoosh-reloaded 2.7.5, codec W3).

searcher writes fresh segments without Whoosh's writer and reads postings and field
lengths without Whoosh's matchers, for speed; both rely on these facts of the W3 codec
of whoosh-reloaded 2.7.5 (tests/test_whoosh_format.py fails when another version is
installed, and no module outside this package may touch a private Whoosh attribute):

- Postings file (`.pst`): a term's postings start with the 4-byte WHOOSH3_HEADER_MAGIC,
  then blocks of at most 128 postings, each a signed big-endian int length (negative on
  the last block), a protocol-2 pickle of (count, last id, max weight, compression
  level, min length byte, max length byte), then the data: a pickle (zlib-compressed
  when the compression level is not 0) of (ids as deltas from the previous id, the
  first block's from 0, each later block's first id whole; weights: None when all are 1.0, a float when all are equal, else a tuple;
  values: None for fixed size 0, else a tuple, or the joined bytes of fixed-size ones).
- Terms table (`.trm`): key = the field number (2 bytes big-endian) + the term bytes;
  value = W3TermInfo.to_bytes: struct "!BfIBBfII" (inlined flag, total weight, doc
  frequency, min and max length byte, max weight, first and last id), then either the
  protocol-2 pickle of (ids, weights, values) of inlined postings, or the postings'
  offset "!q" (at byte 23 of the value) and length "!i".
- Field lengths: one byte per document in the per-document column `_<field>_len`
  (LENGTHS_COLUMN), encoded with whoosh.util.numeric.length_to_byte; its reader keeps
  the file (`_dbfile`), the number of values (`_count`) and where they start (`_basepos`).
- Stored fields: the `_stored` column is a compressed column whose child
  (`_get_column("_stored")._child`) takes each document's pickled dict; its `_level`
  is the zlib level. That child keeps each record's offset and length in GrowableArrays
  (`_offsets`, `_lengths`) that widen their typecode as values grow but raise
  OverflowError at 2**32 unless their `_allow_longs` is set; the reader takes whatever
  typecode the file names (so 64-bit offsets read back).
- The field writer keeps its postings file (`_postfile`), terms table (`_tindex`) and
  the current field's number (`_fieldid`); a W3LeafMatcher keeps its postings file,
  extent and whether ids are delta-coded (`_postfile`, `_startoffset`, `_length`,
  `_byteids`); a FilterMatcher over deleted documents keeps `_ids` and `_exclude`; a
  segment reader keeps its terms reader as `_terms` and its per-document reader as
  `_perdoc` (its `_cached_reader` opens a column).
- The table of contents (`_MAIN_<generation>.toc`) is whoosh.index.TOC's pickle
  (protocol 2) of the schema and the segments. The schema's pickle names two classes
  of searcher by module path (PICKLED_CLASSES): every index already written refers
  to them there, so they must stay importable at those paths.
"""

from __future__ import annotations

from .reads import length_bytes, length_of_byte, segment_postings

# The release whose format the facts above describe: another one may write or read
# postings differently, so its index would be corrupt or misread without an error.
WHOOSH_DISTRIBUTION = "whoosh-reloaded"
WHOOSH_VERSION = "2.7.5"

# searcher's classes inside a pickled schema, by the path written into every index.
PICKLED_CLASSES = (
    "searcher.index.analysis.FoldFilter",
    "searcher.index.postingformat.VarintPositions",
)


def installed_whoosh_version() -> str:
    """The version of the installed Whoosh distribution."""
    import importlib.metadata  # only the format check asks: it costs every search's start

    return importlib.metadata.version(WHOOSH_DISTRIBUTION)


__all__ = [
    "PICKLED_CLASSES",
    "WHOOSH_DISTRIBUTION",
    "WHOOSH_VERSION",
    "installed_whoosh_version",
    "length_bytes",
    "length_of_byte",
    "segment_postings",
]
