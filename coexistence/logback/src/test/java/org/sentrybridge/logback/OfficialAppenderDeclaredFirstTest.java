package org.sentrybridge.logback;

/** The official appender starts first and initialises the SDK; sentry-bridge sends through it. */
class OfficialAppenderDeclaredFirstTest extends NextToTheOfficialAppender {

  @Override
  String configuration() {
    return "official-first.xml";
  }
}
