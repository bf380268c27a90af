package com.example.shop;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

@SpringBootApplication
@RestController
public class ShopApplication {

  private static final Logger log = LoggerFactory.getLogger(ShopApplication.class);

  public static void main(String[] args) {
    SpringApplication.run(ShopApplication.class, args);
  }

  @PostMapping("/orders/{orderId}/checkout")
  public String checkout(@PathVariable("orderId") String orderId) {
    MDC.put("orderId", orderId);
    try {
      log.info("charging order {}", orderId);
      charge(orderId);
      return "paid";
    } catch (IllegalStateException e) {
      // a logged error: sent with this request's method, URL and route, and the breadcrumb above
      log.error("payment failed for order {}", orderId, e);
      return "declined";
    } finally {
      MDC.remove("orderId");
    }
  }

  @PostMapping("/orders/{orderId}/cancel")
  public String cancel(@PathVariable("orderId") String orderId) {
    // not caught: sent once as an unhandled error, with the request
    throw new UnsupportedOperationException("order " + orderId + " is already shipped");
  }

  private static void charge(String orderId) {
    throw new IllegalStateException("card declined for order " + orderId);
  }
}
