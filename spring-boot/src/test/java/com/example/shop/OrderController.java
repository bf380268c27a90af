package com.example.shop;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Orders: one logs an error after a breadcrumb, one fails unhandled, one is slow. */
@RestController
public class OrderController {

  private static final Logger LOG = LoggerFactory.getLogger(OrderController.class);

  /** Counted down when /slow is entered. */
  public static volatile CountDownLatch slowEntered = new CountDownLatch(1);
  /** /slow returns once this is counted down. */
  public static volatile CountDownLatch slowRelease = new CountDownLatch(1);

  @GetMapping("/orders/{id}")
  public String order(@PathVariable("id") String id, @RequestParam("loop") String loop) {
    LOG.info("looking up order {} for loop {}", id, loop);
    LOG.error("order lookup failed", new IllegalStateException("lookup failed in loop " + loop + " order " + id));
    return "ok";
  }

  @GetMapping("/fail/{id}")
  public String fail(@PathVariable("id") String id) {
    throw new IllegalArgumentException("unhandled failure " + id);
  }

  @GetMapping("/slow")
  public String slow() throws InterruptedException {
    slowEntered.countDown();
    if (slowRelease.await(30, TimeUnit.SECONDS)) {
      LOG.error("slow request", new IllegalStateException("error logged by a request during the graceful shutdown"));
    }
    return "slow";
  }
}
