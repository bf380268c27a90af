package org.sentrybridge.logback;

/** sentry-bridge starts first and initialises the SDK; the official appender sends through it. */
class BridgeDeclaredFirstTest extends NextToTheOfficialAppender {

  @Override
  String configuration() {
    return "bridge-first.xml";
  }
}
