package dev.genaiaws.samples.blog;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A Lambda {@link Context} for tests: a request id and a logger that keeps what was logged. */
final class TestContext implements Context {
  private final String requestId;
  private final List<String> lines = new CopyOnWriteArrayList<>();

  TestContext(String requestId) {
    this.requestId = requestId;
  }

  List<String> logged() {
    return List.copyOf(lines);
  }

  String allLogs() {
    return String.join("\n", lines);
  }

  @Override
  public String getAwsRequestId() {
    return requestId;
  }

  @Override
  public String getLogGroupName() {
    return "/aws/lambda/blog";
  }

  @Override
  public String getLogStreamName() {
    return "2026/11/23/[$LATEST]0123456789abcdef";
  }

  @Override
  public String getFunctionName() {
    return "blog";
  }

  @Override
  public String getFunctionVersion() {
    return "$LATEST";
  }

  @Override
  public String getInvokedFunctionArn() {
    return "arn:aws:lambda:us-east-1:123456789012:function:blog";
  }

  @Override
  public CognitoIdentity getIdentity() {
    return null;
  }

  @Override
  public ClientContext getClientContext() {
    return null;
  }

  @Override
  public int getRemainingTimeInMillis() {
    return 60_000;
  }

  @Override
  public int getMemoryLimitInMB() {
    return 1024;
  }

  @Override
  public LambdaLogger getLogger() {
    return new LambdaLogger() {
      @Override
      public void log(String message) {
        lines.add(message);
      }

      @Override
      public void log(byte[] message) {
        lines.add(new String(message, StandardCharsets.UTF_8));
      }
    };
  }
}
