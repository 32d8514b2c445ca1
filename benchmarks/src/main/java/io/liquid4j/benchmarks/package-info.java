/**
 * Timings of liquid layers against DL4J's {@code LSTM} in the same run: {@link
 * io.liquid4j.benchmarks.SideBySide} (plain medians, what the notes report) and JMH benchmarks.
 * Run with {@code OMP_NUM_THREADS=1} on small machines.
 */
package io.liquid4j.benchmarks;
