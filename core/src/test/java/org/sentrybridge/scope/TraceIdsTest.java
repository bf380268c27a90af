package org.sentrybridge.scope;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentry.IScope;
import io.sentry.IScopes;
import io.sentry.PropagationContext;
import io.sentry.Scope;
import io.sentry.Scopes;
import io.sentry.SentryClient;
import io.sentry.SentryOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The logging thread's trace and span id, as the SDK holds them and as text in context data. */
class TraceIdsTest {

  private final SentryOptions options = options();
  private final SentryClient client = new SentryClient(options);
  private final IScope isolation = new Scope(options);
  private final IScopes scopes = scopes();

  @AfterEach
  void closeClient() {
    client.close();
  }

  @Test
  void withoutASpanTheIdsAreThoseOfTheIsolationScopesPropagationContext() {
    TraceIds ids = TraceIds.of(scopes);

    PropagationContext propagation = isolation.getPropagationContext();
    assertThat(TraceIds.activeSpan(scopes)).isNull();
    assertThat(TraceIds.propagationContext(scopes)).isSameAs(propagation);
    assertThat(ids.traceId()).isEqualTo(propagation.getTraceId().toString()).hasSize(32);
    assertThat(ids.spanId()).isEqualTo(propagation.getSpanId().toString()).hasSize(16);
  }

  @Test
  void twoReadsOfAnUnchangedScopeAreTheSameIdsAndANewTraceIsNot() {
    TraceIds first = TraceIds.of(scopes);

    assertThat(TraceIds.of(scopes).sameAs(first)).isTrue();
    isolation.setPropagationContext(new PropagationContext());
    assertThat(TraceIds.of(scopes).sameAs(first)).isFalse();
    assertThat(first.sameAs(null)).isFalse();
  }

  @Test
  void idsLeftInContextDataAreReadBackInTheSdksForm() {
    TraceIds ids = TraceIds.of(scopes);

    PropagationContext propagation = isolation.getPropagationContext();
    assertThat(TraceIds.parseTraceId(ids.traceId())).isEqualTo(propagation.getTraceId());
    assertThat(TraceIds.parseSpanId(ids.spanId())).isEqualTo(propagation.getSpanId());
  }

  @Test
  void whatIsNotAnIdReadsAsNone() {
    assertThat(TraceIds.parseTraceId(null)).isNull();
    assertThat(TraceIds.parseTraceId("not-a-trace-id")).isNull();
    assertThat(TraceIds.parseTraceId("0123456789abcdef0123456789abcdef0")).isNull();
    assertThat(TraceIds.parseSpanId(null)).isNull();
    assertThat(TraceIds.parseSpanId("0123456789abcdef0")).isNull();
    assertThat(TraceIds.parseSpanId("")).isNull();
  }

  @Test
  void noIdsWhileSentryIsOff() {
    IScopes off = new Scopes(new Scope(options), new Scope(options), new Scope(options), "off");

    assertThat(TraceIds.of(off)).isNull();
  }

  private IScopes scopes() {
    Scope global = new Scope(options);
    global.bindClient(client);
    return new Scopes(new Scope(options), isolation, global, "test");
  }

  private static SentryOptions options() {
    SentryOptions options = new SentryOptions();
    options.setDsn("http://key@127.0.0.1:9/1"); // a client needs one; nothing is sent here
    return options;
  }
}
