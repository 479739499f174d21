/** The summary table (text and Markdown) and the latency-vs-rate plot. */
package org.lanchat.bench.report;
