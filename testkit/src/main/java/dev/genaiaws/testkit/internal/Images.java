package dev.genaiaws.testkit.internal;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;

/** Draws small, valid, deterministic images (a seeded gradient with a few shapes) in memory. */
public final class Images {
  private Images() {}

  /** Encodes a {@code width}×{@code height} image for {@code seed} as PNG (or JPEG for "jpeg"). */
  public static byte[] render(int width, int height, long seed, String format) {
    SplittableRandom r = new SplittableRandom(seed);
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    try {
      g.setPaint(
          new GradientPaint(
              0, 0, new Color(r.nextInt(0xFFFFFF)), width, height, new Color(r.nextInt(0xFFFFFF))));
      g.fillRect(0, 0, width, height);
      for (int i = 0; i < 3; i++) {
        g.setColor(new Color(r.nextInt(0xFFFFFF)));
        g.fillOval(
            r.nextInt(Math.max(1, width)),
            r.nextInt(Math.max(1, height)),
            width / 4 + 1,
            height / 4 + 1);
      }
    } finally {
      g.dispose();
    }
    String fmt = "jpeg".equalsIgnoreCase(format) || "jpg".equalsIgnoreCase(format) ? "jpeg" : "png";
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(img, fmt, out)) {
        throw new IOException("no ImageIO writer for " + fmt);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
