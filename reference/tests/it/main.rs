//! Integration tests of the reference node.
