package com.example;

import org.sentrybridge.SentryBridge;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

public class App {

  private static final Logger log = LoggerFactory.getLogger(App.class);

  public static void main(String[] args) {
    MDC.put("orderId", "A-1001"); // a Sentry tag (contextTags in logback.xml)
    MDC.put("userId", "u-42"); // the Sentry user (userMdcKeys in logback.xml)
    log.info("charging order {}", "A-1001"); // a Sentry log, and a breadcrumb of the next event
    try {
      charge("A-1001");
    } catch (IllegalStateException e) {
      log.error("payment failed for order {}", "A-1001", e); // a Sentry event and a Sentry log
    } finally {
      MDC.clear();
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
