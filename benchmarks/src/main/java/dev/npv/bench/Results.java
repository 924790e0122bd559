package dev.npv.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Small helpers shared by the benchmark runs: timing, medians, phase records, machine facts, logging. */
final class Results {
  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private Results() {
  }

  static Map<String, Object> phase(double millis, Map<String, Long> mem, Map<String, ?> extra) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("millis", Math.round(millis * 10) / 10.0);
    m.putAll(mem);
    m.putAll(extra);
    return m;
  }

  static Map<String, Object> machine() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("availableProcessors", Runtime.getRuntime().availableProcessors());
    m.put("maxHeapMiB", Runtime.getRuntime().maxMemory() >> 20);
    m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
    m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
        + System.getProperty("os.arch"));
    try {
      Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name")).findFirst()
          .ifPresent(l -> m.put("cpu", l.substring(l.indexOf(':') + 1).trim()));
      m.put("memTotalMiB", Files.readAllLines(Path.of("/proc/meminfo")).stream()
          .filter(l -> l.startsWith("MemTotal"))
          .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) >> 10).findFirst().orElse(-1L));
      // The load when the run started: other work on the machine makes every time noisier.
      m.put("loadAverage", Files.readString(Path.of("/proc/loadavg")).trim());
    } catch (IOException e) {
      // not Linux
    }
    return m;
  }

  static double ms(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e6;
  }

  static double median(List<Double> xs) {
    List<Double> s = new ArrayList<>(xs);
    s.sort(null);
    int n = s.size();
    return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
  }

  static void log(String s) {
    System.err.println("[bench " + Instant.now() + "] " + s);
  }

  static String str(Object o) {
    if (o instanceof Double d) {
      return String.format(Locale.ROOT, Math.abs(d) < 10 ? "%.3f" : "%.1f", d);
    }
    return String.valueOf(o);
  }
}
