package org.sentrybridge.event;

/**
 * Sizes of the lock-free rings whose slot a running number finds with a mask: a 64-bit division on
 * every logged line cost more than the rest of handing it over.
 */
public final class RingSizes {

  private RingSizes() {}

  /**
   * A ring's capacity within what an array can hold.
   *
   * @param capacity the capacity asked for
   * @return {@code capacity} within 1 and 2^30, the largest power of two an array can have
   */
  public static int bounded(int capacity) {
    return Math.max(1, Math.min(capacity, 1 << 30));
  }

  /**
   * A ring's length.
   *
   * @param capacity a capacity already {@link #bounded}
   * @return the smallest power of two not below {@code capacity}
   */
  public static int powerOfTwoAtLeast(int capacity) {
    int length = Integer.highestOneBit(capacity);
    return length < capacity ? length << 1 : length;
  }
}
