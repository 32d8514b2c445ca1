/**
 * Micro-benchmarks of single SameDiff ops and of one LTC unfold (forward and gradient), used to
 * choose the LTC formulation; run each main with {@code OMP_NUM_THREADS=1}.
 */
package io.liquid4j.benchmarks.ops;
