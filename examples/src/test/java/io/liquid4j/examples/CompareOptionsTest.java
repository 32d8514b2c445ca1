package io.liquid4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompareOptionsTest {

  @Test
  void noArgumentsGiveTheDocumentedDefaults() {
    CompareOptions o = CompareOptions.parse();
    assertEquals(CompareOptions.defaults(), o);
    assertEquals(CompareOptions.DEFAULT_EPOCHS, o.epochs());
    assertEquals(64, o.hidden());
    assertEquals(64, o.batch());
    assertEquals(List.of("cfc", "lstm", "gru", "simplernn"), o.models());
    assertEquals(Path.of("target/examples/compare"), o.out());
    assertEquals(0, o.limit());
    assertEquals(List.of(1e-2, 3e-3), o.learningRates());
    assertTrue(CompareOptions.USAGE.contains("(default 0.01,0.003)"), CompareOptions.USAGE);
    assertTrue(CompareOptions.USAGE.contains("(default " + CompareOptions.DEFAULT_EPOCHS + ")"));
  }

  @Test
  void parsesEveryOptionInBothSpellings() {
    CompareOptions o = CompareOptions.parse("--epochs", "3", "--hidden=16", "--batch", "32",
        "--models", "SimpleRnn, lstm", "--seed=7", "--out", "x/y", "--limit", "100", "--lrs", "0.005");
    assertEquals(new CompareOptions(3, 16, 32, List.of("simplernn", "lstm"), 7, Path.of("x/y"), 100,
        List.of(0.005)), o);
    assertEquals(List.of(0.03, 0.001), CompareOptions.parse("--lrs=0.03, 1e-3").learningRates());
  }

  @Test
  void badArgumentsNameTheOptionAndTheValue() {
    assertMessage("unknown option --epoch", "--epoch", "3");
    assertMessage("--hidden expects an integer, got \"many\"", "--hidden", "many");
    assertMessage("--batch must be >= 1, got 0", "--batch", "0");
    assertMessage("--seed needs a value, got none", "--seed");
    assertMessage("unknown model \"ltc\", expected one of [cfc, lstm, gru, simplernn]", "--models", "ltc");
    assertMessage("--lrs: each must be > 0 and finite, got -1.0", "--lrs", "0.01,-1");
    assertMessage("--lrs expects a number, got \"fast\"", "--lrs", "fast");
    assertMessage("--lrs must name at least one learning rate, got none", "--lrs", ",");
    assertMessage("--lrs: each must appear once, got [0.01, 0.01]", "--lrs", "0.01,1e-2");
    assertMessage("unknown option --lr,", "--lr", "0.01");
  }

  @Test
  void helpIsRecognised() {
    assertTrue(CompareOptions.wantsHelp("--epochs", "2", "--help"));
    assertTrue(CompareOptions.wantsHelp("-h"));
    assertFalse(CompareOptions.wantsHelp("--epochs", "2"));
  }

  private static void assertMessage(String expectedStart, String... args) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> CompareOptions.parse(args));
    assertTrue(e.getMessage().startsWith(expectedStart), e.getMessage());
  }
}
