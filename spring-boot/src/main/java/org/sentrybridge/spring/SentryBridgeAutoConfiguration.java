package org.sentrybridge.spring;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.ClassUtils;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * sentry-bridge in a Spring Boot application. The appender itself is attached before any bean
 * exists, by {@link SentryBridgeListener}; this configuration adds the per-request context of
 * servlet web applications, and the health indicator and meters where Actuator and Micrometer
 * are.
 */
@AutoConfiguration
@EnableConfigurationProperties(SentryBridgeProperties.class)
@ConditionalOnProperty(prefix = "sentry", name = "enabled", havingValue = "true", matchIfMissing = true)
public class SentryBridgeAutoConfiguration {

  /** Created by Spring Boot. */
  public SentryBridgeAutoConfiguration() {}

  /** The request context of Spring MVC applications on a servlet container. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
  @ConditionalOnClass(DispatcherServlet.class)
  @ConditionalOnProperty(
      prefix = "sentry",
      name = "request-context",
      havingValue = "true",
      matchIfMissing = true)
  public static class RequestContextConfiguration {

    /** Created by Spring Boot. */
    public RequestContextConfiguration() {}

    /**
     * The per-request Sentry scope.
     *
     * @return the filter, registered by Spring Boot for every request
     */
    @Bean
    public SentryRequestFilter sentryBridgeRequestFilter() {
      return new SentryRequestFilter();
    }

    /**
     * Unhandled controller exceptions, sent once.
     *
     * @return the resolver
     */
    @Bean
    public SentryExceptionResolver sentryBridgeExceptionResolver() {
      return new SentryExceptionResolver();
    }

    /**
     * The route as transaction name, and the Spring Security user.
     *
     * @return the configurer adding the interceptor
     */
    @Bean
    public WebMvcConfigurer sentryBridgeRouteInterceptor() {
      boolean security =
          ClassUtils.isPresent(
              "org.springframework.security.core.context.SecurityContextHolder",
              SentryBridgeAutoConfiguration.class.getClassLoader());
      SentryRouteInterceptor interceptor = new SentryRouteInterceptor(security);
      return new WebMvcConfigurer() {
        @Override
        public void addInterceptors(InterceptorRegistry registry) {
          registry.addInterceptor(interceptor);
        }
      };
    }
  }

  /** The health indicator under Spring Boot 3 Actuator. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.actuate.health.HealthIndicator")
  @ConditionalOnProperty(
      prefix = "management.health.sentry-bridge",
      name = "enabled",
      havingValue = "true",
      matchIfMissing = true)
  public static class HealthConfiguration {

    /** Created by Spring Boot. */
    public HealthConfiguration() {}

    /**
     * The health of the integration, component {@code sentryBridge}.
     *
     * @return the indicator
     */
    @Bean
    public SentryBridgeHealthIndicator sentryBridgeHealthIndicator() {
      return new SentryBridgeHealthIndicator();
    }
  }

  /** The health indicator under Spring Boot 4 Actuator. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
  @ConditionalOnMissingClass("org.springframework.boot.actuate.health.HealthIndicator")
  @ConditionalOnProperty(
      prefix = "management.health.sentry-bridge",
      name = "enabled",
      havingValue = "true",
      matchIfMissing = true)
  public static class Boot4HealthConfiguration {

    /** Created by Spring Boot. */
    public Boot4HealthConfiguration() {}

    /**
     * The health of the integration, component {@code sentryBridge}.
     *
     * @return the indicator
     */
    @Bean
    public SentryBridgeHealthIndicatorBoot4 sentryBridgeHealthIndicator() {
      return new SentryBridgeHealthIndicatorBoot4();
    }
  }

  /** Micrometer meters, bound by Spring Boot to its registry. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "io.micrometer.core.instrument.binder.MeterBinder")
  public static class MetersConfiguration {

    /** Created by Spring Boot. */
    public MetersConfiguration() {}

    /**
     * The meters of the integration.
     *
     * @return the binder
     */
    @Bean
    public SentryBridgeMeters sentryBridgeMeters() {
      return new SentryBridgeMeters();
    }
  }
}
