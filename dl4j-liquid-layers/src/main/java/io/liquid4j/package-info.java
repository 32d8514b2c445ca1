/**
 * Liquid4j: liquid time-constant (LTC), closed-form continuous-time (CfC) and neural circuit policy
 * (NCP) networks as Deeplearning4j layers. The public face is {@link io.liquid4j.layers}.
 */
package io.liquid4j;
