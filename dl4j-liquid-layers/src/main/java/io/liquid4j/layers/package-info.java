/**
 * Liquid layer configurations for DL4J, used like DL4J's own {@code LSTM}: {@link
 * io.liquid4j.layers.CfcLayer}. Every layer is a SameDiff layer run by {@link
 * io.liquid4j.runtime.LiquidRecurrentLayer}.
 */
package io.liquid4j.layers;
