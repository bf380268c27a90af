package org.sentrybridge.logback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sentrybridge.logback.LogbackFixture.WAIT;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;
import io.sentry.Breadcrumb;
import io.sentry.SentryEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The appender's own Logback filters decide, and one that throws never reaches the application. */
class FiltersTest {

  @RegisterExtension final LogbackFixture logging = new LogbackFixture();

  /**
   * Denies messages starting with "skip", throws on those starting with "explode" and fails an
   * assertion on those starting with "assert".
   */
  public static final class PickyFilter extends Filter<ILoggingEvent> {
    @Override
    public FilterReply decide(ILoggingEvent event) {
      String message = event.getMessage();
      if (message.startsWith("explode")) {
        throw new IllegalStateException("filter failed on purpose");
      }
      if (message.startsWith("assert")) {
        throw new AssertionError("filter assertion on purpose");
      }
      return message.startsWith("skip") ? FilterReply.DENY : FilterReply.NEUTRAL;
    }
  }

  @Test
  void aDeniedEventIsNotSentAndAFilterThatThrowsIsReportedOnTheStatusChannel() {
    logging.open("filters.xml");
    Logger log = logging.logback.logger("com.example.filtered");

    log.error("skip this one", new IllegalStateException("denied"));
    log.error("explode here", new IllegalStateException("filter throws"));

    assertThat(logging.messagesOnceTheSentinelArrived(log)).containsExactly("the sentinel");
    assertThat(logging.logback.statusLines("WARN"))
        .anyMatch(
            line -> line.contains("Sentry appender [SENTRY]: 1 log events could not be taken")
                && line.contains("filter failed on purpose"));
  }

  @Test
  void aBreadcrumbLineGoesThroughTheFiltersToo() {
    logging.open("filters.xml");
    Logger log = logging.logback.logger("com.example.filtered");

    log.info("cart {} loaded", 41);
    log.info("skip cart {}", 42);
    log.info("cart {} loaded", 43);
    log.error("checkout failed", new IllegalStateException("declined"));

    SentryEvent event = logging.receiver.awaitEvents(1, WAIT).get(0);
    assertThat(event.getBreadcrumbs())
        .extracting(Breadcrumb::getMessage)
        .containsExactly("cart 41 loaded", "cart 43 loaded");
  }

  @Test
  void anErrorThrownByAFilterNeverReachesTheApplication() {
    logging.open("filters.xml");
    Logger log = logging.logback.logger("com.example.filtered");

    log.error("assert this", new IllegalStateException("filter fails"));

    assertThat(logging.messagesOnceTheSentinelArrived(log)).containsExactly("the sentinel");
    assertThat(logging.logback.statusLines("WARN"))
        .anyMatch(line -> line.contains("filter assertion on purpose"));
  }
}
