package org.sentrybridge.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CountsTest {

  @Test
  void oneTakesTheSingularEveryOtherCountThePlural() {
    assertThat(Counts.of(1, "event", "events")).isEqualTo("1 event");
    assertThat(Counts.of(2, "event", "events")).isEqualTo("2 events");
    assertThat(Counts.of(0, "event", "events")).isEqualTo("0 events");
    assertThat(Counts.of(-1, "event", "events")).isEqualTo("-1 events");
  }
}
