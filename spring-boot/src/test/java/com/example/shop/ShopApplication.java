package com.example.shop;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/** A small shop: its runner logs an error at start-up, its controller serves orders. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(OrderController.class)
public class ShopApplication {

  private static final Logger LOG = LoggerFactory.getLogger(ShopApplication.class);

  /** The message of the error the runner logs. */
  public static final String RUNNER_ERROR = "stock import failed in the runner";

  @Bean
  ApplicationRunner stockImport() {
    return args -> LOG.error("stock import", new IllegalStateException(RUNNER_ERROR));
  }
}
