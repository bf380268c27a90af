package org.sentrybridge.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the text of {@code <init>} elements: {@code name=value} entries separated by commas,
 * semicolons or line breaks. A piece without {@code =} continues the previous value, so list
 * options read naturally: {@code inAppIncludes=com.example,org.acme, serverName=api-1}.
 */
public final class InitOptionsText {

  private InitOptionsText() {}

  /**
   * The options in order; each malformed piece adds one problem naming {@code init}.
   *
   * @param text the text of one {@code <init>} element; null gives none
   * @param problems where problems are added
   * @return the options by name, in the order given
   */
  public static Map<String, String> parse(String text, List<String> problems) {
    Map<String, String> options = new LinkedHashMap<>();
    if (text == null) {
      return options;
    }
    String last = null;
    for (String raw : text.split("[,;\\r\\n]+")) {
      String piece = raw.trim();
      if (piece.isEmpty()) {
        continue;
      }
      int eq = piece.indexOf('=');
      if (eq > 0) {
        last = piece.substring(0, eq).trim();
        options.put(last, piece.substring(eq + 1).trim());
      } else if (last != null && eq < 0) {
        options.put(last, options.get(last) + "," + piece);
      } else {
        problems.add(
            "init: '" + piece + "' is not name=value (for example"
                + " <init>tracesSampleRate=0.2, serverName=api-1</init>)");
      }
    }
    return options;
  }
}
