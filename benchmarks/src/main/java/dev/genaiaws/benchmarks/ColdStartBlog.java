package dev.genaiaws.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.Method;

/**
 * A cold-start child: the blog Lambda function as shipped (the function zip's classes and Lambda libraries, the
 * genai-aws layer's jars), driven as the Lambda runtime drives it: the handler class loaded and constructed (init),
 * then one API Gateway event deserialised and handed to {@code handleRequest}. By reflection, because the benchmarks
 * module does not depend on the samples: the class path is the shipped one. Argument {@code blog}: init and one
 * request; {@code blog-primed}: init, then {@code prime()} (what the function's CRaC {@code beforeCheckpoint} hook
 * runs before a SnapStart snapshot), then one request, printing {@code FIRST_RESPONSE_MS} for the request alone:
 * the share of a SnapStart restore-to-first-response that runs in the function (the memory restore itself is
 * Lambda's and cannot run here).
 */
public final class ColdStartBlog {
  private static final String EVENT = "{\"version\":\"2.0\",\"routeKey\":\"POST /blog\",\"rawPath\":\"/blog\","
      + "\"requestContext\":{\"requestId\":\"bench-1\",\"http\":{\"method\":\"POST\",\"path\":\"/blog\"}},"
      + "\"body\":\"{\\\"topic\\\":\\\"Serverless generative models on the cloud\\\"}\",\"isBase64Encoded\":false}";

  private ColdStartBlog() {}

  public static void main(String[] args) throws Exception {
    long t0 = System.nanoTime();
    Class<?> handlerClass = Class.forName("dev.genaiaws.samples.blog.BlogHandler");
    Class<?> eventClass = Class.forName("com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent");
    Class<?> contextClass = Class.forName("com.amazonaws.services.lambda.runtime.Context");
    Object handler = handlerClass.getConstructor().newInstance();
    Method handle = handlerClass.getMethod("handleRequest", eventClass, contextClass);
    long restore = 0;
    if ("blog-primed".equals(args[0])) {
      Object primed = handlerClass.getMethod("prime").invoke(handler);
      if (!Boolean.TRUE.equals(primed)) {
        throw new IllegalStateException("priming failed: see the log above");
      }
      restore = System.nanoTime();
    }
    Object event = new ObjectMapper().readValue(EVENT, eventClass);
    Object response = handle.invoke(handler, event, null);
    long t1 = System.nanoTime();
    Object status = response.getClass().getMethod("getStatusCode").invoke(response);
    if (!Integer.valueOf(200).equals(status)) {
      throw new IllegalStateException("the function answered " + status + ": "
          + response.getClass().getMethod("getBody").invoke(response));
    }
    System.out.println("MAIN_MS=" + (t1 - t0) / 1e6);
    if (restore != 0) {
      System.out.println("FIRST_RESPONSE_MS=" + (t1 - restore) / 1e6);
    }
  }
}
