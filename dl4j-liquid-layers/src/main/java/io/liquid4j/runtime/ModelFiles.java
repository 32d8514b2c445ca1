package io.liquid4j.runtime;

import io.liquid4j.internal.ParameterChecks;
import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

/**
 * Loads {@code ModelSerializer} model files with checks and messages that name the file: a
 * truncated or corrupted zip, a zip that is not a DL4J model, and non-finite parameters in a liquid
 * layer all fail here, at load time, instead of later at the first forward pass.
 *
 * <p>Plain {@code ModelSerializer.restore...} works for liquid models as well; on a broken file it
 * fails with Java's zip exceptions ({@code EOFException: Unexpected end of ZLIB input stream},
 * {@code ZipException: invalid entry size ...}) or DL4J's {@code IllegalStateException: Model wasnt
 * found within file ...}, none naming the file, and NaN parameters are then reported by the liquid
 * layer at its first forward pass.
 */
public final class ModelFiles {

  private static final String CONFIG = "configuration.json";
  private static final String COEFFICIENTS = "coefficients.bin";

  private ModelFiles() {}

  /** {@link ModelSerializer#restoreMultiLayerNetwork(File, boolean)} after {@link #check}. */
  public static MultiLayerNetwork restoreMultiLayerNetwork(File file, boolean loadUpdater)
      throws IOException {
    check(file);
    MultiLayerNetwork net = ModelSerializer.restoreMultiLayerNetwork(file, loadUpdater);
    checkParameters(net.getLayers());
    return net;
  }

  /** {@link ModelSerializer#restoreComputationGraph(File, boolean)} after {@link #check}. */
  public static ComputationGraph restoreComputationGraph(File file, boolean loadUpdater)
      throws IOException {
    check(file);
    ComputationGraph graph = ModelSerializer.restoreComputationGraph(file, loadUpdater);
    checkParameters(graph.getLayers());
    return graph;
  }

  /**
   * Reads every entry of the zip to its end (so sizes and CRCs are verified) and checks that the
   * configuration and the parameters are there.
   *
   * @throws IOException naming the file and what is wrong with it
   */
  public static void check(File file) throws IOException {
    if (!file.isFile()) {
      throw new IOException("model file " + file + " does not exist or is not a file");
    }
    boolean config = false;
    boolean coefficients = false;
    try (ZipFile zip = new ZipFile(file)) {
      byte[] buffer = new byte[1 << 16];
      for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
        ZipEntry entry = e.nextElement();
        config |= entry.getName().equals(CONFIG);
        coefficients |= entry.getName().equals(COEFFICIENTS);
        try (InputStream in = zip.getInputStream(entry)) {
          while (in.read(buffer) >= 0) {
            // reading to the end makes ZipFile verify the entry's size and CRC
          }
        } catch (IOException ex) {
          throw new IOException("model file " + file + " is corrupt: entry \"" + entry.getName()
              + "\" cannot be read (" + ex + ")", ex);
        }
      }
    } catch (java.util.zip.ZipException ex) {
      throw new IOException("model file " + file + " (" + file.length() + " bytes) is not a "
          + "readable zip, truncated or corrupt (" + ex.getMessage() + ")", ex);
    }
    // ModelSerializer reads the local entry headers too, which the central directory does not cover
    try (ZipInputStream in = new ZipInputStream(new FileInputStream(file))) {
      byte[] buffer = new byte[1 << 16];
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        while (in.read(buffer) >= 0) {
          // read to the end: sizes and CRC are verified against the local header
        }
      }
    } catch (IOException ex) {
      throw new IOException("model file " + file + " is corrupt: its zip entries cannot be read ("
          + ex.getMessage() + ")", ex);
    }
    if (!config || !coefficients) {
      throw new IOException("model file " + file + " is a zip but not a DL4J model: expected "
          + "entries " + CONFIG + " and " + COEFFICIENTS + ", got " + (config ? "" : "no ")
          + CONFIG + " and " + (coefficients ? "" : "no ") + COEFFICIENTS);
    }
  }

  private static void checkParameters(Layer[] layers) {
    for (Layer layer : layers) {
      if (layer instanceof LiquidRecurrentLayer l) {
        ParameterChecks.requireFinite(l.layerConf().describe(), l.params(), l.paramTable());
      }
    }
  }
}
