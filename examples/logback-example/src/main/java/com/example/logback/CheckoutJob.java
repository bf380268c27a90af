package com.example.logback;

import io.sentry.protocol.SentryId;
import java.io.IOException;
import org.sentrybridge.SentryBridge;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** The application's work: check out an order whose payment fails, then hit a stock problem. */
final class CheckoutJob {

  static final String ORDER_ID = "A-1001";
  static final String USER_ID = "u-42";
  static final String REQUEST_ID = "req-7f3a";
  static final String SKU = "SKU-777";

  private static final Logger log = LoggerFactory.getLogger(CheckoutJob.class);

  void run() {
    log.info("checkout job started");
    MDC.put("orderId", ORDER_ID);
    MDC.put("userId", USER_ID);
    MDC.put("requestId", REQUEST_ID);
    try {
      // INFO lines are kept as breadcrumbs of the next Sentry event
      log.info("charging order {}", ORDER_ID);
      charge(ORDER_ID, 12_990);
    } catch (PaymentDeclinedException e) {
      // an ERROR with a throwable becomes a Sentry event, with the MDC values above
      log.error("payment failed for order {}", ORDER_ID, e);
    } finally {
      MDC.clear();
    }

    try {
      reserveStock(SKU, 3);
    } catch (IllegalStateException e) {
      // sent by hand, with tags for this one event only
      SentryId id =
          SentryBridge.service()
              .sendError(
                  e,
                  (scope, scopes) -> {
                    scope.setTag("component", "inventory");
                    scope.setTag("sku", SKU);
                  });
      if (SentryId.EMPTY_ID.equals(id)) {
        log.warn("stock problem for {} not reported: sentry-bridge is disabled", SKU);
      } else {
        log.warn("stock problem for {} reported to Sentry by hand (event id {})", SKU, id);
      }
    }
    log.info("checkout job finished");
  }

  private void charge(String orderId, long cents) {
    try {
      callPaymentGateway(orderId, cents);
    } catch (IOException e) {
      throw new PaymentDeclinedException("card declined for order " + orderId, e);
    }
  }

  private void callPaymentGateway(String orderId, long cents) throws IOException {
    throw new IOException("gateway answered 402 Payment Required for " + cents + " cents");
  }

  private void reserveStock(String sku, int quantity) {
    throw new IllegalStateException("only 1 of " + quantity + " items of " + sku + " left");
  }
}
