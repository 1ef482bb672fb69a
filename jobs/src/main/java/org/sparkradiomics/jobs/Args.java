package org.sparkradiomics.jobs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Minimal {@code --name value} / {@code --flag} parser; unknown options are usage errors. */
public final class Args {
  private final Map<String, String> options = new HashMap<>();
  private final List<String> positional = new ArrayList<>();

  /**
   * @param valued options that take a value (without the leading dashes)
   * @param flags options without a value
   */
  public Args(String[] args, Set<String> valued, Set<String> flags) {
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.startsWith("--")) {
        String name = a.substring(2);
        String value = null;
        int eq = name.indexOf('=');
        if (eq >= 0) {
          value = name.substring(eq + 1);
          name = name.substring(0, eq);
        }
        if (flags.contains(name)) {
          options.put(name, "true");
        } else if (valued.contains(name)) {
          if (value == null) {
            if (i + 1 >= args.length) {
              throw new IllegalArgumentException("option --" + name + " needs a value");
            }
            value = args[++i];
          }
          options.put(name, value);
        } else {
          throw new IllegalArgumentException("unknown option --" + name);
        }
      } else {
        positional.add(a);
      }
    }
  }

  public String get(String name) {
    return options.get(name);
  }

  public String get(String name, String dflt) {
    return options.getOrDefault(name, dflt);
  }

  public String require(String name) {
    String v = options.get(name);
    if (v == null) {
      throw new IllegalArgumentException("missing required option --" + name);
    }
    return v;
  }

  public int getInt(String name, int dflt) {
    String v = options.get(name);
    if (v == null) {
      return dflt;
    }
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + name + " must be an integer, got '" + v + "'");
    }
  }

  public long getLong(String name, long dflt) {
    String v = options.get(name);
    if (v == null) {
      return dflt;
    }
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + name + " must be an integer, got '" + v + "'");
    }
  }

  public boolean flag(String name) {
    return options.containsKey(name);
  }

  public List<String> positional() {
    return positional;
  }
}
