package dev.genaiaws.testkit.internal;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.eventstream.HeaderValue;
import software.amazon.eventstream.Message;

/** Encodes AWS event-stream messages with the {@code software.amazon.eventstream} library. */
public final class EventStreams {
  private EventStreams() {}

  /** An {@code :message-type=event} message. */
  public static byte[] event(String eventType, String contentType, byte[] payload) {
    Map<String, HeaderValue> h = new LinkedHashMap<>();
    h.put(":event-type", HeaderValue.fromString(eventType));
    h.put(":content-type", HeaderValue.fromString(contentType));
    h.put(":message-type", HeaderValue.fromString("event"));
    return encode(new Message(h, payload));
  }

  /** An {@code :message-type=exception} message carrying a modelled exception. */
  public static byte[] exception(String exceptionType, byte[] jsonPayload) {
    Map<String, HeaderValue> h = new LinkedHashMap<>();
    h.put(":exception-type", HeaderValue.fromString(exceptionType));
    h.put(":content-type", HeaderValue.fromString("application/json"));
    h.put(":message-type", HeaderValue.fromString("exception"));
    return encode(new Message(h, jsonPayload));
  }

  private static byte[] encode(Message m) {
    ByteBuffer b = m.toByteBuffer();
    byte[] out = new byte[b.remaining()];
    b.get(out);
    return out;
  }
}
