package org.sentrybridge.log4j2;

/** The official appender is declared and gets each log event first. */
class OfficialAppenderDeclaredFirstTest extends NextToTheOfficialAppender {

  @Override
  String configuration() {
    return "official-first.xml";
  }
}
