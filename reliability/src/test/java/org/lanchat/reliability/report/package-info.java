/**
 * The sizes the scenarios run at (small in {@code mvn verify}, full under {@code reliability/run.sh}) and the
 * figures they record, from which {@code reliability/Report.java} renders docs/RELIABILITY.md.
 */
package org.lanchat.reliability.report;
