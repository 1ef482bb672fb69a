package org.sparkradiomics.jobs.s3;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.Filter;
import org.apache.logging.log4j.core.Layout;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/**
 * Captures every log event of the test JVM (Spark, Hadoop S3A, the AWS SDK, Delta, ours) while open, at INFO for
 * everything and DEBUG for S3A, the AWS SDK and our packages, while the console keeps showing only what it showed
 * before (WARN). Used to assert that credentials never reach a log line. {@link #close()} restores the levels.
 */
final class LogCapture implements AutoCloseable {
  static final List<String> DEBUG_LOGGERS = List.of("org.apache.hadoop.fs.s3a", "software.amazon.awssdk",
      "org.sparkradiomics");

  private final LoggerContext ctx;
  private final Capture appender;
  private final Level rootLevel;
  private final Map<String, Appender> rootAppenders;

  LogCapture() {
    ctx = (LoggerContext) LogManager.getContext(false);
    Configuration cfg = ctx.getConfiguration();
    LoggerConfig root = cfg.getRootLogger();
    rootLevel = root.getLevel();
    rootAppenders = Map.copyOf(root.getAppenders());
    appender = new Capture();
    appender.start();
    cfg.addAppender(appender);
    // existing appenders (the console) keep the old threshold; the capture sees everything from INFO (DEBUG below)
    for (Map.Entry<String, Appender> e : rootAppenders.entrySet()) {
      root.removeAppender(e.getKey());
      root.addAppender(e.getValue(), rootLevel, null);
    }
    root.addAppender(appender, Level.ALL, null);
    root.setLevel(Level.INFO);
    for (String name : DEBUG_LOGGERS) {
      LoggerConfig lc = new LoggerConfig(name, Level.DEBUG, true);
      cfg.addLogger(name, lc);
    }
    ctx.updateLoggers();
  }

  /** Formatted messages (and thrown exceptions' text) captured so far. */
  List<String> lines() {
    synchronized (appender.lines) {
      return new ArrayList<>(appender.lines);
    }
  }

  @Override
  public void close() {
    Configuration cfg = ctx.getConfiguration();
    LoggerConfig root = cfg.getRootLogger();
    root.removeAppender(appender.getName());
    for (Map.Entry<String, Appender> e : rootAppenders.entrySet()) {
      root.removeAppender(e.getKey());
      root.addAppender(e.getValue(), null, null);
    }
    root.setLevel(rootLevel);
    for (String name : DEBUG_LOGGERS) {
      cfg.removeLogger(name);
    }
    ctx.updateLoggers();
    appender.stop();
  }

  private static final class Capture extends AbstractAppender {
    final List<String> lines = new ArrayList<>();

    Capture() {
      super("radiomics-log-capture", (Filter) null, (Layout<? extends Serializable>) null, true,
          Property.EMPTY_ARRAY);
    }

    @Override
    public void append(LogEvent event) {
      StringBuilder b = new StringBuilder();
      b.append(event.getLevel()).append(' ').append(event.getLoggerName()).append(": ")
          .append(event.getMessage().getFormattedMessage());
      Throwable t = event.getThrown();
      while (t != null) {
        b.append(" | ").append(t);
        t = t.getCause();
      }
      synchronized (lines) {
        lines.add(b.toString());
      }
    }
  }
}
