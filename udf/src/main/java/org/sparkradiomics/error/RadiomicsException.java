package org.sparkradiomics.error;

/** A failure with a typed {@link ErrorKind}, so callers can quarantine instead of crash. */
public class RadiomicsException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final ErrorKind kind;

  public RadiomicsException(ErrorKind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public RadiomicsException(ErrorKind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public ErrorKind kind() {
    return kind;
  }

  @Override
  public String toString() {
    return kind + ": " + getMessage();
  }
}
