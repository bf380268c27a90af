package org.sentrybridge.log4j2;

/** sentry-bridge is declared and gets each log event first. */
class BridgeDeclaredFirstTest extends NextToTheOfficialAppender {

  @Override
  String configuration() {
    return "bridge-first.xml";
  }
}
