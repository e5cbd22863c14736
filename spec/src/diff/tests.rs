//! Unit tests of the comparison, one per kind of change, on small hand-written documents.
