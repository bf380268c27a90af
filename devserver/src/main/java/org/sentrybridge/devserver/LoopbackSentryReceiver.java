package org.sentrybridge.devserver;

import io.sentry.JsonSerializer;
import io.sentry.SentryEnvelope;
import io.sentry.SentryEnvelopeItem;
import io.sentry.SentryEvent;
import io.sentry.SentryItemType;
import io.sentry.SentryLogEvent;
import io.sentry.SentryLogEvents;
import io.sentry.SentryOptions;
import io.sentry.clientreport.ClientReport;
import io.sentry.clientreport.DiscardedEvent;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

/**
 * A Sentry envelope endpoint on 127.0.0.1 that speaks just enough HTTP/1.1 for the Sentry SDK's own
 * transport, parses every envelope with the SDK's deserializer and keeps what arrived.
 *
 * <p>It can be switched into the failure modes a real Sentry shows: {@link #goDown() down} (port
 * closed), {@link #respondSlowly(Duration) slow}, {@link #respondWithStatus(int) an error status},
 * {@link #rateLimitFor(Duration) 429 with Retry-After} and {@link #resetConnections() connection
 * reset}. Independently of those, it can {@link #delayAnswers(Duration) delay every answer} (a
 * real round trip to Sentry's ingest) and {@link #rejectBodiesOver(long, int) reject bodies over a
 * size}, as Sentry answers 413 to an event over 1 MB. It counts the requests it answers at the same
 * time ({@link #maxRequestsInFlight()}) and keeps the client reports that arrive ({@link
 * #discardedEvents()}). It is written on plain sockets rather than the JDK's HttpServer because a
 * connection reset needs control of the socket; it speaks HTTP/1.1 only.
 */
public final class LoopbackSentryReceiver implements Closeable {

  private enum Mode {
    HEALTHY,
    SLOW,
    STATUS,
    RATE_LIMITED,
    RESET
  }

  private final JsonSerializer serializer = new JsonSerializer(new SentryOptions());
  private final List<SentryEvent> events = new CopyOnWriteArrayList<>();
  private final List<SentryLogEvent> logs = new CopyOnWriteArrayList<>();
  /** Entries per {@code log} envelope item, in arrival order. */
  private final List<Integer> logBatchSizes = new CopyOnWriteArrayList<>();
  private final List<Integer> logItemLengths = new CopyOnWriteArrayList<>();
  private final java.util.concurrent.atomic.AtomicLong logCount =
      new java.util.concurrent.atomic.AtomicLong();
  private final java.util.concurrent.atomic.AtomicInteger logEnvelopeCount =
      new java.util.concurrent.atomic.AtomicInteger();
  private volatile boolean countLogsOnly;
  private volatile boolean countOnly;
  private final java.util.concurrent.atomic.AtomicLong eventCount =
      new java.util.concurrent.atomic.AtomicLong();
  private final List<Consumer<SentryLogEvent>> logListeners = new CopyOnWriteArrayList<>();
  private final List<Instant> requestTimes = new CopyOnWriteArrayList<>();
  private final List<Instant> acceptedTimes = new CopyOnWriteArrayList<>();
  private final List<DiscardedEvent> discardedEvents = new CopyOnWriteArrayList<>();
  private final List<Map<String, String>> requestHeaders = new CopyOnWriteArrayList<>();
  private final List<String> requestTargets = new CopyOnWriteArrayList<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger maxInFlight = new AtomicInteger();
  private final AtomicInteger connectionCount = new AtomicInteger();
  private final AtomicInteger envelopeCount = new AtomicInteger();
  private final Set<Socket> openSockets = ConcurrentHashMap.newKeySet();
  private final List<Consumer<SentryEvent>> listeners = new CopyOnWriteArrayList<>();
  private final ExecutorService connections =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "loopback-sentry-connection");
            t.setDaemon(true);
            return t;
          });
  private final Object monitor = new Object();

  private volatile Mode mode = Mode.HEALTHY;
  private volatile Duration delay = Duration.ZERO;
  private volatile int status = 200;
  private volatile Instant rateLimitedUntil = Instant.MIN;
  private volatile String rateLimitedCategories = "";
  private volatile Duration answerDelay = Duration.ZERO;
  private volatile long maxBodyBytes = Long.MAX_VALUE;
  private volatile int oversizeStatus = 413;
  /** Ordinals (1 for the first request) of the requests whose connection is reset. */
  private volatile Set<Integer> resetOrdinals = Set.of();
  private final AtomicInteger requestOrdinal = new AtomicInteger();
  private volatile ServerSocket serverSocket;
  private volatile boolean closed;
  private final int port;

  private LoopbackSentryReceiver(int port) throws IOException {
    this.serverSocket = bind(port);
    this.port = serverSocket.getLocalPort();
    startAccepting(serverSocket);
  }

  /**
   * Starts a receiver on 127.0.0.1 with a free port.
   *
   * @return the running receiver
   */
  public static LoopbackSentryReceiver start() {
    return start(0);
  }

  /**
   * Starts a receiver on 127.0.0.1 with the given port.
   *
   * @param port the port to listen on; 0 for any free port
   * @return the running receiver
   * @throws IllegalStateException when the port cannot be bound (another process listens on it)
   */
  public static LoopbackSentryReceiver start(int port) {
    try {
      return new LoopbackSentryReceiver(port);
    } catch (IOException e) {
      throw new IllegalStateException(
          port == 0 ? "cannot bind a loopback port" : "cannot listen on 127.0.0.1:" + port, e);
    }
  }

  /**
   * A DSN that points the Sentry SDK at this receiver.
   *
   * @return {@code http://loopbackkey@127.0.0.1:PORT/1}
   */
  public String dsn() {
    return "http://loopbackkey@127.0.0.1:" + port + "/1";
  }

  /**
   * The port on 127.0.0.1 this receiver listens on.
   *
   * @return the port, never 0
   */
  public int port() {
    return port;
  }

  /**
   * Adds a listener called with every event as it arrives (on a receiver thread).
   *
   * @param listener called with each event
   */
  public void onEvent(Consumer<SentryEvent> listener) {
    listeners.add(listener);
  }

  /**
   * The events received so far.
   *
   * @return a copy, in arrival order
   */
  public List<SentryEvent> events() {
    return new ArrayList<>(events);
  }

  /**
   * The events received so far that match the filter.
   *
   * @param filter which events to keep
   * @return a copy, in arrival order
   */
  public List<SentryEvent> events(Predicate<SentryEvent> filter) {
    List<SentryEvent> result = new ArrayList<>();
    for (SentryEvent event : events) {
      if (filter.test(event)) {
        result.add(event);
      }
    }
    return result;
  }

  /**
   * Calls {@code listener} with every Sentry log entry that arrives ({@code log} envelope items),
   * on the receiver's thread.
   *
   * @param listener what to call
   */
  public void onLog(Consumer<SentryLogEvent> listener) {
    logListeners.add(listener);
  }

  /**
   * Keeps only the count of arriving log entries (read from the item headers), not the entries:
   * for volume runs that would otherwise hold every entry in memory.
   */
  public void countLogsOnly() {
    countLogsOnly = true;
  }

  /**
   * Keeps only the counts of arriving events and log entries (read from the item headers), parsing
   * and keeping neither: for benchmarks, where parsing and holding what arrived would load the
   * measured process (its CPU, and a heap that grows through the run and lengthens every GC pause).
   * {@link #eventCount()} and {@link #logCount()} tell what arrived; {@link #events()} stays empty.
   */
  public void countOnly() {
    countLogsOnly = true;
    countOnly = true;
  }

  /**
   * Error events received so far, also in {@link #countOnly()} mode.
   *
   * @return the count
   */
  public long eventCount() {
    return eventCount.get();
  }

  /**
   * The Sentry log entries received so far ({@code log} envelope items, parsed with the SDK).
   *
   * @return a copy, in arrival order
   */
  public List<SentryLogEvent> logs() {
    return new ArrayList<>(logs);
  }

  /**
   * The Sentry log entries received so far that match the filter.
   *
   * @param filter which entries to keep
   * @return a copy, in arrival order
   */
  public List<SentryLogEvent> logs(Predicate<SentryLogEvent> filter) {
    List<SentryLogEvent> result = new ArrayList<>();
    for (SentryLogEvent log : logs) {
      if (filter.test(log)) {
        result.add(log);
      }
    }
    return result;
  }

  /**
   * Sentry log entries received so far, also in {@link #countLogsOnly()} mode.
   *
   * @return the count
   */
  public long logCount() {
    return logCount.get();
  }

  /**
   * Accepted envelopes that carried log entries.
   *
   * @return the count
   */
  public int logEnvelopeCount() {
    return logEnvelopeCount.get();
  }

  /**
   * How many entries each {@code log} envelope item carried, in arrival order.
   *
   * @return a copy
   */
  public List<Integer> logBatchSizes() {
    return new ArrayList<>(logBatchSizes);
  }

  /**
   * The uncompressed length in bytes of each {@code log} envelope item (its header's {@code
   * length}), in arrival order.
   *
   * @return a copy
   */
  public List<Integer> logItemLengths() {
    return new ArrayList<>(logItemLengths);
  }

  /**
   * Waits until at least {@code count} Sentry log entries arrived.
   *
   * @param count how many entries to wait for
   * @param timeout how long to wait at most
   * @return every entry received so far
   * @throws AssertionError when fewer arrived within the timeout
   */
  public List<SentryLogEvent> awaitLogs(int count, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (monitor) {
      while (logCount.get() < count) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError(
              "expected at least " + count + " log entries within " + timeout + " but got "
                  + logCount.get());
        }
        try {
          monitor.wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError("interrupted while waiting for log entries", e);
        }
      }
    }
    return logs();
  }

  /**
   * Waits for the first Sentry log entry that matches the filter.
   *
   * @param filter the entry to wait for
   * @param timeout how long to wait at most
   * @return the first matching entry
   * @throws AssertionError when none arrived within the timeout
   */
  public SentryLogEvent awaitLog(Predicate<SentryLogEvent> filter, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (monitor) {
      while (true) {
        for (SentryLogEvent log : logs) {
          if (filter.test(log)) {
            return log;
          }
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError(
              "no matching log entry within " + timeout + "; received " + logCount.get());
        }
        try {
          monitor.wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError("interrupted while waiting for a log entry", e);
        }
      }
    }
  }

  /**
   * Number of envelopes accepted.
   *
   * @return how many requests were answered with 200
   */
  public int envelopeCount() {
    return envelopeCount.get();
  }

  /**
   * The discarded-event counts of every client report that arrived (reason, category, quantity),
   * in arrival order. Sentry SDKs attach them to the envelopes they send.
   *
   * @return a copy, in arrival order
   */
  public List<DiscardedEvent> discardedEvents() {
    return new ArrayList<>(discardedEvents);
  }

  /**
   * The headers of each request (names in lower case), in arrival order.
   *
   * @return a copy, one map per request
   */
  public List<Map<String, String>> requestHeaders() {
    return new ArrayList<>(requestHeaders);
  }

  /**
   * The request target of each request as sent: a path, or an absolute URL when the request came
   * through this receiver acting as an HTTP proxy.
   *
   * @return a copy, in arrival order
   */
  public List<String> requestTargets() {
    return new ArrayList<>(requestTargets);
  }

  /**
   * The most requests this receiver was answering at the same time since start or clear().
   *
   * @return the highest number of concurrent requests
   */
  public int maxRequestsInFlight() {
    return maxInFlight.get();
  }

  /**
   * Connections opened to this receiver since start or clear(); fewer than requests: reused.
   *
   * @return how many connections were accepted
   */
  public int connectionCount() {
    return connectionCount.get();
  }

  /**
   * When each request arrived, accepted or not.
   *
   * @return a copy, in arrival order
   */
  public List<Instant> requestTimes() {
    return new ArrayList<>(requestTimes);
  }

  /**
   * When each accepted (200) request arrived.
   *
   * @return a copy, in arrival order
   */
  public List<Instant> acceptedTimes() {
    return new ArrayList<>(acceptedTimes);
  }

  /**
   * Waits until at least {@code count} events arrived.
   *
   * @param count how many events to wait for
   * @param timeout how long to wait at most
   * @return every event received so far
   * @throws AssertionError when fewer events arrived within the timeout
   */
  public List<SentryEvent> awaitEvents(int count, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (monitor) {
      while (events.size() < count) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError(
              "expected at least " + eventsText(count) + " within " + timeout + " but got "
                  + events.size());
        }
        try {
          monitor.wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError("interrupted while waiting for events", e);
        }
      }
    }
    return events();
  }

  /**
   * Waits for the first event that matches the filter.
   *
   * @param filter the event to wait for
   * @param timeout how long to wait at most
   * @return the first matching event
   * @throws AssertionError when none arrived within the timeout
   */
  public SentryEvent awaitEvent(Predicate<SentryEvent> filter, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (monitor) {
      while (true) {
        for (SentryEvent event : events) {
          if (filter.test(event)) {
            return event;
          }
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError(
              "no matching event within " + timeout + "; received " + eventsText(events.size()));
        }
        try {
          monitor.wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError("interrupted while waiting for an event", e);
        }
      }
    }
  }

  /** Forgets what arrived so far. */
  public void clear() {
    synchronized (monitor) {
      events.clear();
      logs.clear();
      logBatchSizes.clear();
      logItemLengths.clear();
      logCount.set(0);
      eventCount.set(0);
      logEnvelopeCount.set(0);
      requestTimes.clear();
      requestOrdinal.set(0);
      acceptedTimes.clear();
      discardedEvents.clear();
      requestHeaders.clear();
      requestTargets.clear();
      maxInFlight.set(inFlight.get());
      connectionCount.set(0);
      envelopeCount.set(0);
    }
  }

  /** Answers every request with 200 and keeps the envelope. */
  public void respondHealthy() {
    mode = Mode.HEALTHY;
  }

  /**
   * Waits {@code delay} before answering each request with 200.
   *
   * @param delay the wait before each answer
   */
  public void respondSlowly(Duration delay) {
    this.delay = delay;
    mode = Mode.SLOW;
  }

  /**
   * Answers every request with {@code status} (500, 503, ...) and drops the envelope.
   *
   * @param status the HTTP status of every answer
   */
  public void respondWithStatus(int status) {
    this.status = status;
    mode = Mode.STATUS;
  }

  /**
   * Answers 429 with {@code Retry-After} (and {@code X-Sentry-Rate-Limits}) until {@code retryAfter}
   * has passed, then 200 again.
   *
   * @param retryAfter how long the rate limit lasts from now
   */
  public void rateLimitFor(Duration retryAfter) {
    rateLimitFor(retryAfter, "");
  }

  /**
   * Like {@link #rateLimitFor(Duration)}, with {@code X-Sentry-Rate-Limits} naming the limited
   * categories ({@code "error"}, {@code "error;transaction"}; empty: all of them).
   *
   * @param retryAfter how long the rate limit lasts from now
   * @param categories the limited categories, separated by {@code ;}; empty for all of them
   */
  public void rateLimitFor(Duration retryAfter, String categories) {
    rateLimitedCategories = categories;
    rateLimitedUntil = Instant.now().plus(retryAfter);
    mode = Mode.RATE_LIMITED;
  }

  /**
   * Waits {@code delay} before every answer, whatever the mode, until set back to zero: the round
   * trip of a real Sentry ingest. Requests on other connections are answered in parallel.
   *
   * @param delay how long each answer waits; zero for none
   */
  public void delayAnswers(Duration delay) {
    answerDelay = delay;
  }

  /**
   * Answers {@code status} (and drops the envelope) to every request whose body, once
   * decompressed, is longer than {@code maxBytes}; {@code Long.MAX_VALUE} turns it off. Sentry
   * answers 413 to an event over 1 MB.
   *
   * @param maxBytes the longest body accepted, decompressed
   * @param status the HTTP status answered to a longer one, such as 413
   */
  public void rejectBodiesOver(long maxBytes, int status) {
    oversizeStatus = status;
    maxBodyBytes = maxBytes;
  }

  /**
   * Resets (TCP RST) the connection of the requests with these ordinals, counted from 1 since the
   * start or the last {@link #clear()}; the others are answered as the mode says. A script of
   * failures and answers, for a client that sends one request at a time.
   *
   * @param ordinals the requests to reset, 1 for the first
   */
  public void resetRequests(Integer... ordinals) {
    resetOrdinals = Set.of(ordinals);
  }

  /** Resets (TCP RST) every connection as soon as the request arrives. */
  public void resetConnections() {
    mode = Mode.RESET;
  }

  /** Closes the port: connections are refused until {@link #comeUp()}. */
  public void goDown() {
    ServerSocket current = serverSocket;
    serverSocket = null;
    closeQuietly(current);
    for (Socket socket : openSockets) {
      closeQuietly(socket);
    }
  }

  /** Opens the same port again after {@link #goDown()}, healthy. */
  public void comeUp() {
    mode = Mode.HEALTHY;
    if (serverSocket != null) {
      return;
    }
    try {
      serverSocket = bind(port);
    } catch (IOException e) {
      throw new IllegalStateException("cannot bind port " + port + " again", e);
    }
    startAccepting(serverSocket);
  }

  @Override
  public void close() {
    closed = true;
    goDown();
    connections.shutdownNow();
  }

  /** "1 event", "2 events". */
  private static String eventsText(int count) {
    return count == 1 ? "1 event" : count + " events";
  }

  private static ServerSocket bind(int port) throws IOException {
    ServerSocket socket = new ServerSocket();
    socket.setReuseAddress(true);
    socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
    return socket;
  }

  private void startAccepting(ServerSocket socket) {
    Thread acceptor = new Thread(() -> acceptLoop(socket), "loopback-sentry-accept-" + port);
    acceptor.setDaemon(true);
    acceptor.start();
  }

  private void acceptLoop(ServerSocket socket) {
    while (!closed && !socket.isClosed()) {
      try {
        Socket connection = socket.accept();
        connection.setTcpNoDelay(true);
        connectionCount.incrementAndGet();
        openSockets.add(connection);
        connections.execute(() -> serve(connection));
      } catch (IOException e) {
        return; // closed by goDown() or close()
      } catch (RuntimeException e) {
        return; // executor shut down
      }
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      InputStream in = new BufferedInputStream(socket.getInputStream());
      OutputStream out = socket.getOutputStream();
      while (true) {
        HttpRequest request = HttpRequest.read(in);
        if (request == null) {
          return;
        }
        if (!answer(socket, request, out) || !request.keepAlive) {
          return;
        }
      }
    } catch (IOException e) {
      // the client went away or we reset it: nothing to do
    } finally {
      openSockets.remove(socket);
    }
  }

  /** Returns false when the connection must be closed. */
  private boolean answer(Socket socket, HttpRequest request, OutputStream out) throws IOException {
    maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
    try {
      return answerCounted(socket, request, out);
    } finally {
      inFlight.decrementAndGet();
    }
  }

  private boolean answerCounted(Socket socket, HttpRequest request, OutputStream out)
      throws IOException {
    Instant now = Instant.now();
    int ordinal = requestOrdinal.incrementAndGet();
    requestTimes.add(now);
    requestTargets.add(request.path);
    Map<String, String> headers = new LinkedHashMap<>();
    for (String[] header : request.headers) {
      headers.put(header[0].toLowerCase(Locale.ROOT), header[1]);
    }
    requestHeaders.add(headers);
    Duration extra = answerDelay;
    if (!extra.isZero()) {
      sleepQuietly(extra);
    }
    Mode current = resetOrdinals.contains(ordinal) ? Mode.RESET : mode;
    if (current == Mode.RATE_LIMITED && now.isAfter(rateLimitedUntil)) {
      current = Mode.HEALTHY;
    }
    switch (current) {
      case RESET:
        socket.setSoLinger(true, 0);
        socket.close();
        return false;
      case STATUS:
        respond(out, status, "", "");
        return true;
      case RATE_LIMITED:
        long seconds =
            Math.max(1, (Duration.between(now, rateLimitedUntil).toMillis() + 999) / 1000);
        respond(
            out,
            429,
            "Retry-After: " + seconds + "\r\nX-Sentry-Rate-Limits: " + seconds + ":"
                + rateLimitedCategories + ":organization\r\n",
            "");
        return true;
      case SLOW:
        sleepQuietly(delay);
        break;
      default:
        break;
    }
    if (!request.path.contains("/envelope")) {
      respond(out, 404, "", "");
      return true;
    }
    byte[] body = decompressed(request);
    if (body.length > maxBodyBytes) {
      respond(
          out,
          oversizeStatus,
          "Content-Type: application/json\r\n",
          "{\"detail\":\"envelope exceeded size limits\"}");
      return true;
    }
    SentryEnvelope envelope = serializer.deserializeEnvelope(new ByteArrayInputStream(body));
    if (envelope == null) {
      respond(out, 400, "", "");
      return true;
    }
    acceptedTimes.add(now);
    keep(envelope);
    respond(
        out,
        200,
        "Content-Type: application/json\r\n",
        "{\"id\":\"" + envelope.getHeader().getEventId() + "\"}");
    return true;
  }

  /** The {@code item_count} header; null when absent or the SDK is older than that header. */
  private static Integer itemCount(SentryEnvelopeItem item) {
    try {
      return item.getHeader().getItemCount();
    } catch (LinkageError olderSdk) {
      return null;
    }
  }

  private static byte[] decompressed(HttpRequest request) throws IOException {
    if (!"gzip".equalsIgnoreCase(request.header("content-encoding"))) {
      return request.body;
    }
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(request.body))) {
      return in.readAllBytes();
    }
  }

  private void keep(SentryEnvelope envelope) {
    List<SentryEvent> arrived = new ArrayList<>();
    List<SentryLogEvent> arrivedLogs = new ArrayList<>();
    List<Integer> batchSizes = new ArrayList<>();
    List<Integer> itemLengths = new ArrayList<>();
    long logItems = 0;
    long eventItems = 0;
    List<DiscardedEvent> discarded = new ArrayList<>();
    for (SentryEnvelopeItem item : envelope.getItems()) {
      if (item.getHeader().getType() == SentryItemType.ClientReport) {
        try {
          ClientReport report = item.getClientReport(serializer);
          if (report != null) {
            discarded.addAll(report.getDiscardedEvents());
          }
        } catch (Exception e) {
          throw new IllegalStateException("envelope item is not a valid client report", e);
        }
      } else if (item.getHeader().getType() == SentryItemType.Event) {
        if (countOnly) {
          eventItems++;
          continue;
        }
        try {
          SentryEvent event = item.getEvent(serializer);
          if (event != null) {
            arrived.add(event);
          }
        } catch (Exception e) {
          throw new IllegalStateException("envelope item is not a valid event", e);
        }
      } else if (item.getHeader().getType() == SentryItemType.Log) {
        int size;
        Integer itemCount = countLogsOnly ? itemCount(item) : null;
        if (itemCount != null) {
          size = itemCount;
        } else {
          try {
            SentryLogEvents batch = item.getLogs(serializer);
            size = batch == null ? 0 : batch.getItems().size();
            if (batch != null && !countLogsOnly) {
              arrivedLogs.addAll(batch.getItems());
            }
          } catch (Exception e) {
            throw new IllegalStateException("envelope item is not a valid log item", e);
          }
        }
        batchSizes.add(size);
        itemLengths.add(item.getHeader().getLength());
        logItems += size;
      }
    }
    synchronized (monitor) {
      envelopeCount.incrementAndGet();
      if (!batchSizes.isEmpty()) {
        logEnvelopeCount.incrementAndGet();
        logBatchSizes.addAll(batchSizes);
        logItemLengths.addAll(itemLengths);
        logs.addAll(arrivedLogs);
        logCount.addAndGet(logItems);
      }
      events.addAll(arrived);
      eventCount.addAndGet(eventItems + arrived.size());
      discardedEvents.addAll(discarded);
      monitor.notifyAll();
    }
    for (SentryEvent event : arrived) {
      for (Consumer<SentryEvent> listener : listeners) {
        listener.accept(event);
      }
    }
    for (SentryLogEvent log : arrivedLogs) {
      for (Consumer<SentryLogEvent> listener : logListeners) {
        listener.accept(log);
      }
    }
  }

  private static void respond(OutputStream out, int status, String headers, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    String head =
        "HTTP/1.1 " + status + " " + reason(status) + "\r\n" + headers + "Content-Length: "
            + bytes.length + "\r\n\r\n";
    // one write: a head and a body in two small segments would wait for the client's delayed ACK
    byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
    byte[] whole = new byte[headBytes.length + bytes.length];
    System.arraycopy(headBytes, 0, whole, 0, headBytes.length);
    System.arraycopy(bytes, 0, whole, headBytes.length, bytes.length);
    out.write(whole);
    out.flush();
  }

  private static String reason(int status) {
    switch (status) {
      case 200:
        return "OK";
      case 400:
        return "Bad Request";
      case 413:
        return "Content Too Large";
      case 429:
        return "Too Many Requests";
      case 500:
        return "Internal Server Error";
      case 503:
        return "Service Unavailable";
      default:
        return "Status";
    }
  }

  private static void sleepQuietly(Duration delay) {
    try {
      // Simulating a slow server is the point here; nothing waits on this thread but the client.
      Thread.sleep(delay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void closeQuietly(Closeable closeable) {
    if (closeable == null) {
      return;
    }
    try {
      closeable.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }

  /** The parts of an HTTP/1.1 request the receiver needs. */
  private static final class HttpRequest {
    final String path;
    final List<String[]> headers;
    final byte[] body;
    final boolean keepAlive;

    private HttpRequest(String path, List<String[]> headers, byte[] body) {
      this.path = path;
      this.headers = headers;
      this.body = body;
      this.keepAlive = !"close".equalsIgnoreCase(header("connection"));
    }

    String header(String name) {
      for (String[] header : headers) {
        if (header[0].equalsIgnoreCase(name)) {
          return header[1];
        }
      }
      return null;
    }

    /** Returns null at end of stream. */
    static HttpRequest read(InputStream in) throws IOException {
      String requestLine = readLine(in);
      if (requestLine == null || requestLine.isEmpty()) {
        return null;
      }
      String[] parts = requestLine.split(" ");
      String path = parts.length > 1 ? parts[1] : "/";
      List<String[]> headers = new ArrayList<>();
      String line;
      while ((line = readLine(in)) != null && !line.isEmpty()) {
        int colon = line.indexOf(':');
        if (colon > 0) {
          headers.add(new String[] {line.substring(0, colon).trim(), line.substring(colon + 1).trim()});
        }
      }
      HttpRequest head = new HttpRequest(path, headers, new byte[0]);
      byte[] body;
      if ("chunked".equalsIgnoreCase(head.header("transfer-encoding"))) {
        body = readChunked(in);
      } else {
        String length = head.header("content-length");
        body = in.readNBytes(length == null ? 0 : Integer.parseInt(length.trim()));
      }
      return new HttpRequest(path, headers, body);
    }

    private static byte[] readChunked(InputStream in) throws IOException {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      while (true) {
        String sizeLine = readLine(in);
        if (sizeLine == null) {
          throw new IOException("truncated chunked body");
        }
        int size = Integer.parseInt(sizeLine.split(";")[0].trim().toLowerCase(Locale.ROOT), 16);
        if (size == 0) {
          readLine(in);
          return out.toByteArray();
        }
        out.write(in.readNBytes(size));
        readLine(in);
      }
    }

    private static String readLine(InputStream in) throws IOException {
      StringBuilder line = new StringBuilder();
      int c;
      try {
        while ((c = in.read()) != -1) {
          if (c == '\n') {
            int end = line.length();
            if (end > 0 && line.charAt(end - 1) == '\r') {
              line.setLength(end - 1);
            }
            return line.toString();
          }
          line.append((char) c);
        }
      } catch (SocketException e) {
        return null;
      }
      return line.length() == 0 ? null : line.toString();
    }
  }
}
