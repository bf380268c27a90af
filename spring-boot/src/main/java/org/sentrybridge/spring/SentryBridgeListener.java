package org.sentrybridge.spring;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.GenericApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.ResolvableType;

/**
 * Attaches sentry-bridge's appender as soon as Spring Boot has initialised its logging system,
 * when the environment is prepared: before any bean exists and before the context refresh, so an
 * error logged during start-up is sent. Registered in {@code META-INF/spring.factories}; runs
 * right after Spring Boot's {@code LoggingApplicationListener}, again after every
 * re-initialisation of the logging system.
 *
 * <p>When the application context is prepared, it registers {@link SentryBridgeShutdown} as the
 * first singleton of the context, so that it is destroyed last.
 */
public final class SentryBridgeListener implements GenericApplicationListener {

  /** Right after Spring Boot's {@code LoggingApplicationListener} ({@code HIGHEST_PRECEDENCE + 20}). */
  public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 21;

  /** Creates the listener; Spring Boot does, from {@code META-INF/spring.factories}. */
  public SentryBridgeListener() {}

  @Override
  public boolean supportsEventType(ResolvableType eventType) {
    Class<?> type = eventType.getRawClass();
    return type != null
        && (ApplicationEnvironmentPreparedEvent.class.isAssignableFrom(type)
            || ApplicationPreparedEvent.class.isAssignableFrom(type));
  }

  @Override
  public void onApplicationEvent(ApplicationEvent event) {
    try {
      if (event instanceof ApplicationEnvironmentPreparedEvent prepared) {
        SpringIntegration.start(
            prepared.getEnvironment(), prepared.getSpringApplication().getClassLoader());
      } else if (event instanceof ApplicationPreparedEvent prepared) {
        registerShutdown(prepared.getApplicationContext());
      }
    } catch (RuntimeException | LinkageError e) {
      // never into the application's start-up
      SpringStatusReporter.INSTANCE.warn(
          "sentry-bridge could not attach its appender: " + e);
    }
  }

  private static void registerShutdown(ConfigurableApplicationContext context) {
    SpringIntegration integration = SpringIntegration.current();
    if (integration == null || context.getParent() != null) {
      return;
    }
    ConfigurableListableBeanFactory beans = context.getBeanFactory();
    if (beans.containsSingleton(SentryBridgeShutdown.BEAN_NAME)) {
      return;
    }
    SentryBridgeShutdown shutdown = new SentryBridgeShutdown(integration);
    beans.registerSingleton(SentryBridgeShutdown.BEAN_NAME, shutdown);
    if (beans instanceof DefaultSingletonBeanRegistry registry) {
      // the first disposable bean of the context is the last one destroyed
      registry.registerDisposableBean(SentryBridgeShutdown.BEAN_NAME, shutdown);
    }
  }

  @Override
  public int getOrder() {
    return ORDER;
  }
}
