//! vCard (RFC 6350, and the 3.0 and 2.1 versions phones still write): reading and writing.
