package com.example.shop;

import org.slf4j.Logger;

/** Application code outside sentry-bridge's packages: the call site of a message-only error. */
public final class Checkout {

  private Checkout() {}

  public static void declineWithoutException(Logger log, int order) {
    log.error("card declined for order {}", order);
  }
}
