"""A new index's one W3 segment, written without Whoosh's writer: documents, then postings."""

from __future__ import annotations

import heapq
import multiprocessing
import os
import pickle
import shutil
from array import array
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from ..gcpause import no_gc
from .blocks import read_batches, rebased, write_group
from .hashes import compact_terms_table

INDEXNAME = "MAIN"

# A chunk's documents: (stored fields, field lengths, column values) each.
Document = tuple[dict[str, Any], dict[str, int], dict[str, Any]]
# Opens a run file of postings: ((field, term bytes), docnums, weights, values) in term order.
RunOpener = Callable[[str], Iterator[tuple]]


def widen_column(writer: Any) -> None:
    """Let a variable-size column writer's offsets and lengths grow past 32 bits.

    Whoosh keeps them in arrays that refuse values of 2**32 and more (an OverflowError
    past 4 GiB of stored records); the reader takes the typecode the file names.
    """
    writer._offsets._allow_longs = True
    writer._lengths._allow_longs = True


class SegmentAssembler:
    """Writes the files of one W3 segment of a new index: each chunk's documents as soon
    as its clusters are known, then the merged postings of its chunks."""

    def __init__(
        self,
        folder: Path,
        schema: Any,
        lexicon: str,
        progress: Callable[[int, int], None] | None = None,
    ):
        from whoosh.codec import default_codec
        from whoosh.filedb.filestore import FileStorage

        self.folder = Path(folder)
        self.schema = schema
        # The vocabulary field: document frequencies, no postings (see blocks.TermWriter).
        self.lexicon = lexicon
        self.storage = FileStorage(str(self.folder))
        self.codec = default_codec()
        self.segment = self.codec.new_segment(self.storage, INDEXNAME)
        self.progress = progress
        self.docnum = 0
        self.field_lengths: dict[str, array] = {}
        self._perdoc: Any = None

    def _report(self, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress(done, total)

    def add_documents(self, docs: list[Document]) -> None:
        """Write the stored fields, lengths and columns of a chunk's documents (the next in docnum order)."""
        with no_gc():
            self._add_documents(docs)

    def _add_documents(self, docs: list[Document]) -> None:
        if self._perdoc is None:
            self._perdoc = self.codec.per_document_writer(self.storage, self.segment)
        perdoc = self._perdoc
        schema = self.schema
        stored_column = perdoc._get_column("_stored")._child
        widen_column(stored_column)
        # The column deflates each document again, but the record in it is compressed
        # already: level 0 (stored blocks, still a zlib stream for readers) skips that work.
        stored_column._level = 0
        field_lengths = self.field_lengths
        for stored, lengths, columns in docs:
            docnum = self.docnum
            perdoc.start_doc(docnum)
            # Whoosh pickles stored fields with protocol 2, which stores bytes (our
            # compressed record) as latin-1 text, half again as big: pickle them here.
            stored_column.add(docnum, pickle.dumps(stored, pickle.HIGHEST_PROTOCOL))
            for name, length in lengths.items():
                perdoc.add_field(name, schema[name], None, length)
                column = field_lengths.get(name)
                if column is None:
                    column = field_lengths[name] = array("I")
                if len(column) < docnum:
                    column.frombytes(bytes(4 * (docnum - len(column))))
                column.append(length)
            for name, value in columns.items():
                perdoc.add_column_value(name, schema[name].column_type, value)
            perdoc.finish_doc()
            self.docnum += 1

    def close(self) -> None:
        """Close the documents' files (after a failure: the folder is then thrown away)."""
        if self._perdoc is not None:
            self._perdoc.close()
            self._perdoc = None
            # Whoosh's per-document writer leaves its (empty) temporary folder behind.
            shutil.rmtree(self.folder / f"{INDEXNAME}.tmp", ignore_errors=True)

    def write(self, groups: list[list[str]], open_run: RunOpener) -> Any:
        """Merge each group's run files of postings (in docnum order, removed once merged);
        returns the finished Whoosh segment, or None when it has no documents.

        A group holds the runs of a share of the terms (the same share in every run);
        groups are merged at the same time, by forked processes, then joined.
        """
        with no_gc():
            return self._write(groups, open_run)

    def _write(self, groups: list[list[str]], open_run: RunOpener) -> Any:
        schema = self.schema
        docnum = self.docnum
        self.close()
        tmp = self.folder / f"tmp-postings-{self.segment.segment_id()}"
        tmp.mkdir(exist_ok=True)
        # Groups 1.. are written by forked processes, group 0 here, at the same time.
        children = []
        for group in range(1, len(groups)):
            args = (
                groups[group],
                open_run,
                schema,
                self.field_lengths,
                tmp / f"group{group}",
                self.lexicon,
            )
            child = _start_group(*args)
            if child is None:
                _merge_group(*args)
            else:
                children.append(child)
        self._report(0, 2)
        _merge_group(groups[0], open_run, schema, self.field_lengths, tmp / "group0", self.lexicon)
        for child in children:
            child.join()
            if child.exitcode != 0:
                raise RuntimeError(f"a process writing postings failed ({child.exitcode})")
        self._report(1, 2)

        fieldwriter = self.codec.field_writer(self.storage, self.segment)
        compact_terms_table(fieldwriter)
        postfile = fieldwriter._postfile
        streams = []
        for group in range(len(groups)):
            base = postfile.tell()
            part = tmp / f"group{group}.pst"
            with open(part, "rb") as handle:
                shutil.copyfileobj(handle, postfile.file, 1 << 20)
            # Each group's postings leave the temporary folder as soon as they are copied.
            os.remove(part)
            postfile.file.flush()
            streams.append(rebased(read_batches(tmp / f"group{group}.rows"), base))
        # Each group's rows are in (field, term) order and no two groups share one: merged,
        # they stream into the terms table in its key order without being held.
        tindex = fieldwriter._tindex
        field = None
        prefix = b""
        for name, term, info in heapq.merge(*streams, key=_row_key):
            if name != field:
                if field is not None:
                    fieldwriter.finish_field()
                field = name
                fieldwriter.start_field(name, schema[name])
                prefix = fieldwriter._fieldid.to_bytes(2, "big")
            tindex.add(prefix + term, info)
        if field is not None:
            fieldwriter.finish_field()
        fieldwriter.close()
        self._report(2, 2)
        shutil.rmtree(tmp, ignore_errors=True)
        self.segment.set_doc_count(docnum)
        return self.segment if docnum else None


def _row_key(row: tuple[str, bytes, bytes]) -> tuple[str, bytes]:
    return row[0], row[1]


def write_toc(folder: Path, schema: Any, segments: list[Any]) -> None:
    """The table of contents of a new index made of these segments."""
    from whoosh.filedb.filestore import FileStorage
    from whoosh.index import TOC

    TOC(schema, segments, 1).write(FileStorage(str(folder)), INDEXNAME)


def _merge_group(
    paths: list[str],
    open_run: RunOpener,
    schema: Any,
    field_lengths: dict,
    path: Path,
    lexicon: str,
) -> None:
    """Merge a group's run files into its postings and rows, then remove the runs."""
    write_group([open_run(p) for p in paths], schema, field_lengths, path, lexicon)
    for p in paths:
        os.remove(p)


def _start_group(*args: Any) -> Any:
    """Merge a group (_merge_group's arguments) in a forked process (None where processes cannot fork)."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return None
    process = multiprocessing.get_context("fork").Process(
        target=_merge_group, args=args, daemon=True
    )
    process.start()
    return process
