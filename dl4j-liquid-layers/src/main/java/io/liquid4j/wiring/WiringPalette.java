package io.liquid4j.wiring;

/** The colours shared by the DOT export and the PNG diagram (matplotlib "tab" colours, as ncps). */
final class WiringPalette {

  /** tab:olive, ncps' sensory colour. */
  static final int SENSORY = 0xbcbd22;
  /** tab:blue, ncps' inter colour. */
  static final int INTER = 0x1f77b4;
  /** tab:purple: ncps draws command neurons tab:blue too; we keep the types apart. */
  static final int COMMAND = 0x9467bd;
  /** tab:orange, ncps' motor colour. */
  static final int MOTOR = 0xff7f0e;
  /** tab:green, excitatory synapses. */
  static final int EXCITATORY = 0x2ca02c;
  /** tab:red, inhibitory synapses. */
  static final int INHIBITORY = 0xd62728;

  private WiringPalette() {}

  static int of(NeuronType type) {
    switch (type) {
      case MOTOR:
        return MOTOR;
      case COMMAND:
        return COMMAND;
      default:
        return INTER;
    }
  }

  static int ofPolarity(int polarity) {
    return polarity > 0 ? EXCITATORY : INHIBITORY;
  }

  static String hex(int rgb) {
    return String.format("#%06x", rgb);
  }
}
