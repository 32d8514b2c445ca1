/** Runnable examples; each class has a {@code main} and a {@code run(options)} that returns a report. */
package io.liquid4j.examples;
