package org.sentrybridge.logback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sentrybridge.logback.LogbackFixture.WAIT;

import ch.qos.logback.classic.Logger;
import io.sentry.SentryEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Phaser;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sentrybridge.testing.Poll;

/**
 * Logback reconfigured again and again (a reset, then the configuration read again, as {@code
 * scan} does) while threads log errors: the integration runs on through it, nothing is lost
 * without a word, no thread is left behind, and a reset does not wait for the network.
 */
class ReconfigurationStormTest {

  @RegisterExtension final LogbackFixture logging = new LogbackFixture();

  private static final String STARTED = "sentry-bridge sends errors to";
  private static final int THREADS = 4;
  private static final int RECONFIGURATIONS = 20;
  private static final int ERRORS_PER_ROUND = 10;
  private static final Pattern COUNTED =
      Pattern.compile("^(\\d+) events? (dropped: .*|(?:was|were) not delivered and (?:is|are) kept"
          + " in .*|(?:was|were) still queued when sentry-bridge stopped and (?:is|are) lost)$");

  @Test
  void everyErrorIsDeliveredOrReportedAndNoThreadIsLeftBehind() throws Exception {
    logging.open("storm.xml");
    List<String> warnings = new CopyOnWriteArrayList<>();
    logging.logback.context.getStatusManager().add(new WarningsKept(warnings));
    Logger log = logging.logback.logger("com.example.storm");
    log.error("warm-up", new IllegalStateException("warm-up"));
    logging.receiver.awaitEvents(1, WAIT);
    Set<String> threadsBefore = sentryThreads();
    CountingSentryAppender.ERRORS.set(0);

    // each logging thread logs a round of errors whenever a reconfiguration begins
    Phaser rounds = new Phaser(1);
    AtomicLong attempted = new AtomicLong();
    List<Thread> loggers = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      String name = "storm-" + t;
      Thread logger = new Thread(() -> logRounds(log, name, rounds, attempted), name);
      logger.start();
      loggers.add(logger);
    }
    for (int r = 0; r < RECONFIGURATIONS; r++) {
      rounds.arrive();
      logging.logback.reconfigure("storm.xml");
    }
    rounds.arriveAndDeregister();
    for (Thread logger : loggers) {
      logger.join();
    }
    Set<String> threadsAfterStorm = sentryThreads();
    logging.logback.close(); // delivers within flushTimeout

    long logged = CountingSentryAppender.ERRORS.get();
    List<SentryEvent> delivered =
        logging.receiver.events(e -> e.getMessage() != null
            && e.getMessage().getFormatted().startsWith("storm-"));
    long reported = 0;
    for (String warning : warnings) {
      Matcher counted = COUNTED.matcher(warning);
      if (counted.matches()) {
        reported += Long.parseLong(counted.group(1));
      }
    }
    System.out.println("[storm] attempted " + attempted + ", reached the appender " + logged
        + ", delivered " + delivered.size()
        + ", reported " + reported + ", warnings " + warnings);

    // what is logged while a reset has detached every appender reaches no appender at all
    assertThat(logged).isPositive().isLessThanOrEqualTo(attempted.get());
    assertThat(delivered.stream().map(e -> e.getMessage().getFormatted()).distinct().count())
        .isEqualTo(delivered.size());
    assertThat(delivered.size() + reported).isEqualTo(logged);
    assertThat(logging.logback.statusLines("INFO")).filteredOn(l -> l.startsWith(STARTED)).hasSize(1);
    // the sender's pool grows with the load up to maxRequestsInFlight (default 32): not per
    // reconfiguration; every other thread is the same one as before the storm
    assertThat(withoutSenderPool(threadsAfterStorm)).isEqualTo(withoutSenderPool(threadsBefore));
    assertThat(threadsAfterStorm).filteredOn(n -> n.startsWith(SENDER_POOL)).hasSizeLessThanOrEqualTo(32);
    Poll.until("sentry-bridge's threads to end", WAIT,
        () -> sentryThreads().stream().noneMatch(n -> n.startsWith("sentry-bridge-")));
  }

  @Test
  void aResetDoesNotWaitForTheNetworkWhileTheIntegrationRunsOn() {
    logging.open("defaults.xml");
    logging.receiver.respondSlowly(Duration.ofSeconds(3));
    logging.logback.logger("com.example.checkout").error("before", new IllegalStateException("slow"));
    Poll.until("the event to be on its way", WAIT, () -> !logging.receiver.requestTimes().isEmpty());

    logging.logback.reconfigure("defaults.xml");

    // the reconfiguration returned while Sentry was still answering that request
    assertThat(logging.receiver.events()).isEmpty();
    assertThat(logging.receiver.awaitEvents(1, WAIT)).hasSize(1);
    assertThat(logging.logback.statusLines("WARN")).isEmpty();
    assertThat(logging.logback.statusLines("INFO")).filteredOn(l -> l.startsWith(STARTED)).hasSize(1);
  }

  private static void logRounds(Logger log, String name, Phaser rounds, AtomicLong attempted) {
    int phase = 0;
    while (phase >= 0) {
      for (int i = 0; i < ERRORS_PER_ROUND; i++) {
        log.error(name + "-" + phase + "-" + i, new IllegalStateException(name));
        attempted.incrementAndGet();
      }
      phase = rounds.awaitAdvance(phase);
    }
  }

  /** Threads of sentry-bridge and of the Sentry SDK, by name. */
  private static final String SENDER_POOL = "sentry-bridge-http-";

  private static Set<String> withoutSenderPool(Set<String> threads) {
    return threads.stream()
        .filter(n -> !n.startsWith(SENDER_POOL))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static Set<String> sentryThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(n -> n.startsWith("sentry-bridge-") || n.startsWith("Sentry"))
        .collect(Collectors.toCollection(TreeSet::new));
  }
}
