package io.switchboard.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Where the figures were measured; they mean little without it. */
public final class Machine {

    private Machine() {
    }

    public static Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("cpu", firstValue(Path.of("/proc/cpuinfo"), "model name"));
        m.put("memory", memory());
        m.put("os", osRelease() + " (kernel " + System.getProperty("os.version") + ", " + System.getProperty("os.arch") + ")");
        m.put("jdk", System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.version"));
        // the machine is shared: the load before the run says how much of it the run had
        String[] load = read(Path.of("/proc/loadavg")).split(" ");
        m.put("load_average_at_start", load.length >= 3 ? load[0] + " " + load[1] + " " + load[2] : "?");
        return m;
    }

    private static String memory() {
        String kb = firstValue(Path.of("/proc/meminfo"), "MemTotal").replace("kB", "").trim();
        try {
            return String.format(java.util.Locale.ROOT, "%.1f GiB", Long.parseLong(kb) / 1024.0 / 1024.0);
        } catch (NumberFormatException e) {
            return kb;
        }
    }

    private static String osRelease() {
        for (String line : read(Path.of("/etc/os-release")).split("\n")) {
            if (line.startsWith("PRETTY_NAME=")) {
                return line.substring("PRETTY_NAME=".length()).replace("\"", "");
            }
        }
        return System.getProperty("os.name");
    }

    private static String firstValue(Path file, String key) {
        for (String line : read(file).split("\n")) {
            if (line.startsWith(key)) {
                return line.substring(line.indexOf(':') + 1).trim();
            }
        }
        return "?";
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (Exception e) {
            return "";
        }
    }
}
