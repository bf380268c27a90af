package org.sentrybridge.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** A ring keeps the last {@code capacity} lines, whatever its capacity. */
class BreadcrumbRingTest {

  @Test
  void keepsExactlyTheLastCapacityLinesForCapacitiesThatAreNoPowerOfTwo() {
    for (int capacity : new int[] {1, 3, 5, 8, 100}) {
      BreadcrumbRing ring = new BreadcrumbRing(capacity);
      int written = capacity * 3 + 1;
      for (int i = 0; i < written; i++) {
        ring.add(Instant.EPOCH, LogLevel.INFO, "test", "line " + i);
      }

      List<String> expected = new java.util.ArrayList<>();
      for (int i = written - capacity; i < written; i++) {
        expected.add("line " + i);
      }
      assertThat(messages(ring.snapshot())).as("capacity %d", capacity).isEqualTo(expected);
    }
  }

  @Test
  void anEventTakesTheLastCapacityLinesBeforeItsMarkWhileLaterOnesFitInTheRing() {
    BreadcrumbRing ring = new BreadcrumbRing(3);
    for (int i = 0; i < 4; i++) {
      ring.add(Instant.EPOCH, LogLevel.INFO, "test", "before " + i);
    }
    long mark = ring.mark();
    ring.add(Instant.EPOCH, LogLevel.INFO, "test", "after");

    assertThat(messages(ring.snapshot(mark, null)))
        .containsExactly("before 1", "before 2", "before 3");
  }

  private static List<String> messages(List<BreadcrumbRing.Crumb> crumbs) {
    return crumbs.stream().map(BreadcrumbRing.Crumb::message).collect(Collectors.toList());
  }
}
