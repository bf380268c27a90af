package com.example.logback;

/** The payment provider refused a charge. */
public class PaymentDeclinedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public PaymentDeclinedException(String message, Throwable cause) {
    super(message, cause);
  }
}
