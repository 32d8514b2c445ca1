package io.liquid4j.internal;

/**
 * What distinguishes one unrolled graph of a layer from another: the chunk length and which
 * optional inputs the graph has. Everything else is fixed by the layer configuration.
 *
 * @param chunkLength number of unrolled steps
 * @param masked whether the graph takes a feature mask (masked steps keep the state)
 * @param timed whether the graph takes per-sample, per-step elapsed times
 * @param training whether dropout masks are inputs of the graph
 */
public record GraphKey(int chunkLength, boolean masked, boolean timed, boolean training) {}
