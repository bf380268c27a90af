package org.sentrybridge.delivery;

/** Counts in status messages: "1 event was", "2 events were". */
public final class Counts {

  private Counts() {}

  /**
   * The count followed by the words that agree with it.
   *
   * @param count how many
   * @param one the words after a count of 1 ({@code "event was"})
   * @param many the words after any other count ({@code "events were"})
   * @return {@code "1 event was"}, {@code "0 events were"}, {@code "2 events were"}
   */
  public static String of(long count, String one, String many) {
    return count + " " + (count == 1 ? one : many);
  }
}
