/**
 * The network-side layer that runs every liquid layer configuration: exact gradients, any sequence
 * length, masks, streaming state and truncated BPTT.
 */
package io.liquid4j.runtime;
