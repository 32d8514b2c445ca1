package io.liquid4j.wiring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.deeplearning4j.nn.conf.serde.JsonMappers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.shade.jackson.databind.ObjectMapper;

class WiringJsonTest {

  static Stream<Wiring> wirings() {
    return Stream.of(new AutoNcpWiring(12, 3).build(3), new AutoNcpWiring(19, 1, 0.3, 5).build(8),
        new FullyConnectedWiring(6, 2, 1, false).build(3), new RandomWiring(9, 2, 0.5).build(4),
        Golden.wiring(Golden.AUTONCP),
        new WiringBuilder(2, 1, 1).addSynapse(1, 0, -1).build());
  }

  private static void assertRoundTrip(ObjectMapper mapper, Wiring w) throws Exception {
    String json = mapper.writeValueAsString(w);
    Wiring back = mapper.readValue(json, Wiring.class);
    assertEquals(w, back);
    assertArrayEquals(w.adjacency(), back.adjacency());
    assertArrayEquals(w.sensoryAdjacency(), back.sensoryAdjacency());
    assertArrayEquals(w.layers(), back.layers());
    assertEquals(w.neuronTypes(), back.neuronTypes());
    assertEquals(w.provenance(), back.provenance());
    assertEquals(json, mapper.writeValueAsString(back));
  }

  @ParameterizedTest
  @MethodSource("wirings")
  void roundTripsWithAPlainMapper(Wiring w) throws Exception {
    assertRoundTrip(new ObjectMapper(), w);
  }

  @ParameterizedTest
  @MethodSource("wirings")
  void roundTripsWithTheDl4jConfigMapper(Wiring w) throws Exception {
    assertRoundTrip(JsonMappers.getMapper(), w);
  }

  @Test
  void jsonHoldsTheMatricesAndProvenance() throws Exception {
    String json = new ObjectMapper().writeValueAsString(new AutoNcpWiring(12, 3).build(3));
    for (String key : new String[] {"\"units\":12", "\"inputDim\":3", "\"outputDim\":3",
        "\"adjacency\":[[", "\"sensoryAdjacency\":[[", "\"layers\":[[6,7,8,9,10,11],[3,4,5],[0,1,2]]",
        "\"generator\":\"AutoNcpWiring\"", "\"sparsityLevel\":0.5", "\"seed\":22222",
        "\"neuronTypes\":[\"MOTOR\""}) {
      assertTrue(json.contains(key), key + " in " + json);
    }
  }

  @Test
  void tamperedJsonIsRejectedByTheSameValidation() throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    String json = mapper.writeValueAsString(new FullyConnectedWiring(2).build(1))
        .replace("\"adjacency\":[[", "\"adjacency\":[[2,");
    Exception e = assertThrows(Exception.class, () -> mapper.readValue(json, Wiring.class));
    Throwable cause = e;
    while (!(cause instanceof IllegalArgumentException) && cause.getCause() != null) {
      cause = cause.getCause();
    }
    assertTrue(cause instanceof IllegalArgumentException, e.toString());
    assertEquals("Wiring: adjacency[0] must have 2 columns, got 3", cause.getMessage());
  }
}
