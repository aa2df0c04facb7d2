// Search by name through the full-text index. $query is built by the store from letters and digits only, each
// word lower-cased, accent-folded, escaped and ending in * (a prefix), all words required: "ava* AND tur*".
// $window bounds what is read; the store ranks the window the same way the embedded store does.
CALL db.index.fulltext.queryNodes('patchwork_names', $query) YIELD node
WITH node
LIMIT $window
RETURN node
