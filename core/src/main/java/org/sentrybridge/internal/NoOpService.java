package org.sentrybridge.internal;

/** The service when the integration is turned off: every call does nothing. */
public enum NoOpService implements SendsNothing {
  INSTANCE;

  @Override
  public void close() {}
}
