package dev.npv.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Peak memory of a phase: JVM heap pools (reset per phase) and process resident set (VmHWM). */
final class Mem {
  private Mem() {
  }

  /** Collects garbage and resets both peaks: the start of a phase. */
  static void reset() {
    System.gc();
    for (MemoryPoolMXBean b : ManagementFactory.getMemoryPoolMXBeans()) {
      b.resetPeakUsage();
    }
    resetRss();
  }

  /**
   * Resets VmHWM to the current resident set by writing 5 to clear_refs (Linux >= 4.0); if refused,
   * VmHWM stays process-wide. Cheap: used between invariants too.
   */
  static void resetRss() {
    try {
      Files.writeString(Path.of("/proc/self/clear_refs"), "5");
    } catch (IOException | RuntimeException e) {
      // not Linux, or not allowed: VmHWM is then the process's peak
    }
  }

  static Map<String, Long> peak() {
    long heap = 0;
    for (MemoryPoolMXBean b : ManagementFactory.getMemoryPoolMXBeans()) {
      if (b.getType() == MemoryType.HEAP) {
        heap += b.getPeakUsage().getUsed();
      }
    }
    Map<String, Long> m = new LinkedHashMap<>();
    m.put("peakHeapMiB", heap >> 20);
    m.put("peakRssMiB", peakRssMiB());
    return m;
  }

  static long peakRssMiB() {
    long kib = status("VmHWM");
    return kib < 0 ? -1 : kib >> 10;
  }

  /** A /proc/self/status field in KiB, or -1. */
  static long status(String field) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith(field + ":")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux
    }
    return -1;
  }
}
