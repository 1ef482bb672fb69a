package org.sparkradiomics.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Set;
import org.junit.jupiter.api.Test;

class RadiomicsCliTest {
  @Test
  void unknownCommandIsAUsageError() {
    assertEquals(2, RadiomicsCli.run(new String[] {"no-such-command"}));
    assertEquals(2, RadiomicsCli.run(new String[0]));
    assertEquals(0, RadiomicsCli.run(new String[] {"--help"}));
  }

  @Test
  void argsParsesValuedOptionsFlagsAndPositionals() {
    Args a = new Args(new String[] {"--out", "x.csv", "--seed=7", "--verbose", "p1", "p2"},
        Set.of("out", "seed"), Set.of("verbose"));
    assertEquals("x.csv", a.require("out"));
    assertEquals(7, a.getInt("seed", 0));
    assertEquals(true, a.flag("verbose"));
    assertEquals(java.util.List.of("p1", "p2"), a.positional());
    assertThrows(IllegalArgumentException.class, () -> new Args(new String[] {"--bogus"}, Set.of(), Set.of()));
    assertThrows(IllegalArgumentException.class, () -> new Args(new String[] {"--out"}, Set.of("out"), Set.of()));
    assertThrows(IllegalArgumentException.class,
        () -> new Args(new String[] {"--seed", "x"}, Set.of("seed"), Set.of()).getInt("seed", 0));
  }
}
