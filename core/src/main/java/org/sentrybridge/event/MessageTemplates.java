package org.sentrybridge.event;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Fills {@code {}} placeholders the way SLF4J does, so a message can be formatted on the delivery
 * thread instead of the logging thread: {@code \{}} is a literal {@code {}}, {@code \\{}} a
 * backslash followed by the argument; surplus placeholders stay as written.
 */
public final class MessageTemplates {

  private static final String FAILED = "[FAILED toString()]";

  private MessageTemplates() {}

  /**
   * Fills the placeholders of {@code template}.
   *
   * @param template the message as written; null gives null
   * @param arguments the arguments as text, in order
   * @return the formatted message
   */
  public static String format(String template, List<String> arguments) {
    if (template == null || arguments.isEmpty()) {
      return template;
    }
    StringBuilder out = new StringBuilder(template.length() + 16 * arguments.size());
    int from = 0;
    int next = 0;
    while (next < arguments.size()) {
      int at = template.indexOf("{}", from);
      if (at < 0) {
        break;
      }
      boolean escaped = at > 0 && template.charAt(at - 1) == '\\';
      boolean doubleEscaped = escaped && at > 1 && template.charAt(at - 2) == '\\';
      if (escaped && !doubleEscaped) {
        out.append(template, from, at - 1).append('{');
        from = at + 1;
        continue;
      }
      out.append(template, from, doubleEscaped ? at - 1 : at).append(arguments.get(next++));
      from = at + 2;
    }
    return out.append(template, from, template.length()).toString();
  }

  /**
   * Fills the placeholders of {@code template} with arguments that are either text already or kept
   * as they were logged because their text cannot change ({@link #settled}).
   *
   * @param template the message as written; null gives null
   * @param arguments the arguments; null for none
   * @return the formatted message
   */
  public static String format(String template, Object[] arguments) {
    if (arguments == null || arguments.length == 0) {
      return template;
    }
    String[] texts = new String[arguments.length];
    for (int i = 0; i < arguments.length; i++) {
      texts[i] = text(arguments[i]);
    }
    return format(template, Arrays.asList(texts));
  }

  /**
   * The arguments in a form that may wait for the delivery thread: {@code arguments} itself when
   * every argument's text is fixed (null, strings, boxed primitives, UUIDs), which costs no
   * allocation on the logging thread; else each argument as {@link #text}, now.
   *
   * @param arguments the log call's arguments, not changed afterwards; null for none
   * @return {@code arguments}, or their texts; null for none
   */
  public static Object[] settled(Object[] arguments) {
    if (arguments == null || arguments.length == 0) {
      return null;
    }
    for (Object argument : arguments) {
      if (!isFixedText(argument)) {
        Object[] texts = new String[arguments.length];
        for (int i = 0; i < arguments.length; i++) {
          texts[i] = text(arguments[i]);
        }
        return texts;
      }
    }
    return arguments;
  }

  /** Exact classes only: a subclass could make its text depend on state that changes. */
  private static boolean isFixedText(Object argument) {
    if (argument == null) {
      return true;
    }
    Class<?> type = argument.getClass();
    return type == String.class || type == Integer.class || type == Long.class
        || type == Boolean.class || type == Character.class || type == Short.class
        || type == Byte.class || type == Double.class || type == Float.class
        || type == java.util.UUID.class;
  }

  /**
   * Every argument as {@link #text}, nulls kept in position.
   *
   * @param arguments the log call's arguments; null for none
   * @return the texts; empty for null or none
   */
  public static List<String> texts(Object[] arguments) {
    if (arguments == null || arguments.length == 0) {
      return Collections.emptyList();
    }
    String[] texts = new String[arguments.length];
    for (int i = 0; i < arguments.length; i++) {
      texts[i] = text(arguments[i]);
    }
    return Collections.unmodifiableList(Arrays.asList(texts));
  }

  /**
   * An argument as text, now: arrays as {@code [a, b]}. Whatever its {@code toString()} throws
   * (a {@code NoClassDefFoundError}, an {@code AssertionError}, a recursion that overflows the
   * stack) never reaches the application: the text is then {@code [FAILED toString()]}, as Logback
   * writes it. Only the JVM's own failures ({@code OutOfMemoryError}, ...) pass.
   *
   * @param argument one log call argument
   * @return its text, or null for null
   */
  public static String text(Object argument) {
    if (argument == null) {
      return null;
    }
    try {
      if (!argument.getClass().isArray()) {
        return argument.toString();
      }
      String deep = Arrays.deepToString(new Object[] {argument});
      return deep.substring(1, deep.length() - 1);
    } catch (StackOverflowError e) {
      return FAILED;
    } catch (VirtualMachineError e) {
      throw e;
    } catch (Throwable e) {
      return FAILED;
    }
  }
}
