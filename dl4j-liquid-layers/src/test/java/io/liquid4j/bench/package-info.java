/** Throwaway measurements, run only on request ({@code -Dliquid4j.bench=true}); never gate CI. */
package io.liquid4j.bench;
