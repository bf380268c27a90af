package org.sentrybridge.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A breadcrumb line is formatted late, but always shows its arguments as they were logged. */
class SettledArgumentsTest {

  @Test
  void argumentsWhoseTextCannotChangeAreKeptWithoutACopy() {
    Object[] arguments = {"cart", 42, 7L, true, 'x', 1.5, UUID.randomUUID(), null};

    assertThat(MessageTemplates.settled(arguments)).isSameAs(arguments);
  }

  @Test
  void aLineShowsAChangeableArgumentAsItWasWhenLogged() {
    StringBuilder cart = new StringBuilder("3 items");
    BreadcrumbRing ring = new BreadcrumbRing(4);
    ring.add(
        Instant.now(), LogLevel.INFO, "test", "cart {} of order {}",
        MessageTemplates.settled(new Object[] {cart, 42}), null);
    cart.setLength(0); // the caller reuses its objects right away
    cart.append("changed after logging");

    assertThat(ring.snapshot().get(0).message()).isEqualTo("cart 3 items of order 42");
  }

  @Test
  void aRecordCountsItsArgumentsAsItsTextsWouldBe() {
    LogRecord none = LogRecord.builder(LogLevel.INFO, "test").message("paid", null).build();
    LogRecord two =
        LogRecord.builder(LogLevel.INFO, "test")
            .message("order {} of {}", null)
            .arguments(new Object[] {42, null})
            .build();

    assertThat(none.argumentCount()).isZero();
    assertThat(two.argumentCount()).isEqualTo(2);
    assertThat(two.arguments()).containsExactly("42", null);
  }
}
