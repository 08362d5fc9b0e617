package dev.genaiaws.benchmarks;

import java.lang.reflect.Method;

/**
 * A cold-start child: the blog Lambda function as shipped (the function zip's classes and Lambda
 * libraries, the genai-aws layer's jars), driven as the Lambda runtime drives it: the handler class
 * loaded and constructed (init), then one API Gateway event handed to {@code handleRequest}. By
 * reflection, because the benchmarks module does not depend on the samples: the class path is the
 * shipped one. The event is built with its setters, not read from JSON: deserialising it is the
 * Lambda runtime's work (its own serialisation library), the same for every function on API
 * Gateway, and the raw programs it is compared with have no event. Argument {@code blog}: init and
 * one request; {@code blog-primed}: init, then {@code prime()} (what the function's CRaC {@code
 * beforeCheckpoint} hook runs before a SnapStart snapshot), then one request, printing {@code
 * FIRST_RESPONSE_MS} for the request alone: the share of a SnapStart restore-to-first-response that
 * runs in the function (the memory restore itself is Lambda's and cannot run here).
 */
public final class ColdStartBlog {
  private static final String BODY = ColdStartRaw.BODY;

  private ColdStartBlog() {}

  /** {@code POST /blog} with a topic, as API Gateway (payload 2.0) sends it. */
  private static Object event(Class<?> eventClass) throws ReflectiveOperationException {
    String name = eventClass.getName();
    Class<?> contextClass = Class.forName(name + "$RequestContext");
    Class<?> httpClass = Class.forName(name + "$RequestContext$Http");
    Object http = httpClass.getConstructor().newInstance();
    httpClass.getMethod("setMethod", String.class).invoke(http, "POST");
    httpClass.getMethod("setPath", String.class).invoke(http, "/blog");
    Object context = contextClass.getConstructor().newInstance();
    contextClass.getMethod("setRequestId", String.class).invoke(context, "bench-1");
    contextClass.getMethod("setHttp", httpClass).invoke(context, http);
    Object event = eventClass.getConstructor().newInstance();
    eventClass.getMethod("setRequestContext", contextClass).invoke(event, context);
    eventClass.getMethod("setBody", String.class).invoke(event, BODY);
    eventClass.getMethod("setIsBase64Encoded", boolean.class).invoke(event, false);
    return event;
  }

  public static void main(String[] args) throws Exception {
    long t0 = System.nanoTime();
    Class<?> handlerClass = Class.forName("dev.genaiaws.samples.blog.BlogHandler");
    Class<?> eventClass =
        Class.forName("com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent");
    Class<?> contextClass = Class.forName("com.amazonaws.services.lambda.runtime.Context");
    Object handler = handlerClass.getConstructor().newInstance();
    Method handle = handlerClass.getMethod("handleRequest", eventClass, contextClass);
    long restore = 0;
    if (args[0].endsWith("-primed")) { // blog-primed, blog-before-primed
      Object primed = handlerClass.getMethod("prime").invoke(handler);
      if (!Boolean.TRUE.equals(primed)) {
        throw new IllegalStateException("priming failed: see the log above");
      }
      restore = System.nanoTime();
    }
    Object event = event(eventClass);
    Object response = handle.invoke(handler, event, null);
    long t1 = System.nanoTime();
    Object status = response.getClass().getMethod("getStatusCode").invoke(response);
    if (!Integer.valueOf(200).equals(status)) {
      throw new IllegalStateException(
          "the function answered "
              + status
              + ": "
              + response.getClass().getMethod("getBody").invoke(response));
    }
    System.out.println("MAIN_MS=" + (t1 - t0) / 1e6);
    System.out.println(ChildCpu.line());
    if (restore != 0) {
      System.out.println("FIRST_RESPONSE_MS=" + (t1 - restore) / 1e6);
    }
  }
}
