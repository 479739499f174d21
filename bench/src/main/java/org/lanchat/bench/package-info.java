/**
 * The benchmark driver ({@link org.lanchat.bench.Bench}): which workloads run against which servers,
 * repetitions and medians, and the report. Generators and servers run in their own processes.
 */
package org.lanchat.bench;
