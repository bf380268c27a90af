package com.example;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.ThreadContext;
import org.sentrybridge.SentryBridge;

public class App {

  private static final Logger log = LogManager.getLogger(App.class);

  public static void main(String[] args) {
    ThreadContext.put("orderId", "A-1001"); // a Sentry tag (contextTags in log4j2.xml)
    ThreadContext.put("userId", "u-42"); // the Sentry user (userMdcKeys in log4j2.xml)
    log.info("charging order {}", "A-1001"); // a Sentry log, and a breadcrumb of the next event
    try {
      charge("A-1001");
    } catch (IllegalStateException e) {
      log.error("payment failed for order {}", "A-1001", e); // a Sentry event and a Sentry log
    } finally {
      ThreadContext.clearMap();
    }

    // an error sent by hand, with a tag for this one event
    IllegalStateException stock = new IllegalStateException("only 1 of 3 items of SKU-777 left");
    SentryBridge.service().sendError(stock, (scope, scopes) -> scope.setTag("sku", "SKU-777"));
    // no need to flush: what is still queued is delivered when the JVM exits
  }

  private static void charge(String orderId) {
    throw new IllegalStateException("card declined for order " + orderId);
  }
}
