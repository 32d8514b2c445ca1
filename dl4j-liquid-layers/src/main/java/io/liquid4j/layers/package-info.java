/**
 * Liquid layer configurations for DL4J, used like DL4J's own {@code LSTM}: {@link
 * io.liquid4j.layers.CfcLayer} (dense CfC), {@link io.liquid4j.layers.WiredCfcLayer} (CfC on a
 * sparse {@link io.liquid4j.wiring.Wiring}, such as a neural circuit policy), {@link
 * io.liquid4j.layers.LtcLayer} (liquid time-constant network, on any wiring) and {@link
 * io.liquid4j.layers.GruLayer} (PyTorch's GRU, the gated baseline DL4J lacks). Every layer is a
 * SameDiff layer run by {@link io.liquid4j.runtime.LiquidRecurrentLayer}. {@link
 * io.liquid4j.layers.BidirectionalLiquidLayer} runs any of them in both directions (DL4J's own
 * {@code Bidirectional} accepts built-in layers only).
 */
package io.liquid4j.layers;
