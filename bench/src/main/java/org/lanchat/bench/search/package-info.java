/**
 * The measurement behind search's design (docs/PERFORMANCE.md "Search"): the same million messages searched by a
 * scan of the shipped SQL on H2 and on MariaDB, by MariaDB's InnoDB FULLTEXT index and by an embedded Lucene index
 * with CJK bigrams, for latency, build time, disk size and whether Chinese substrings are found.
 */
package org.lanchat.bench.search;
