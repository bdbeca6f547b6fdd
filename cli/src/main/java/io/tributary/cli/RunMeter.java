package io.tributary.cli;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a benchmark run costs the process: CPU time (all of it, and by thread name) over the stretches between
 * {@link #resume()} and {@link #pause()}, so that preparing floods between them is not counted; heap peak and GC
 * from {@link #start()} on. Virtual threads run on carrier threads, so their CPU shows under the carriers' names.
 */
final class RunMeter {

    /** The measured figures; {@code busiestThreadsCpuSeconds} the few threads that used most CPU, busiest first. */
    record Figures(double cpuSeconds, long heapPeakBytes, long gcCount, long gcMillis,
                   Map<String, Double> busiestThreadsCpuSeconds) {
    }

    private final OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
    private final Map<String, Long> threadCpuNs = new HashMap<>();
    private Map<Long, Long> threadCpuAtResumeNs = Map.of();
    private long processCpuAtResumeNs;
    private long processCpuNs;
    private long gcCountAtStart;
    private long gcMillisAtStart;

    /** Starts from a clean heap, so that the peak is the run's own. */
    void start() {
        System.gc();
        heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
        gcCountAtStart = gcCount();
        gcMillisAtStart = gcMillis();
    }

    void resume() {
        threadCpuAtResumeNs = threadCpuNow(null);
        processCpuAtResumeNs = os.getProcessCpuTime();
    }

    void pause() {
        processCpuNs += os.getProcessCpuTime() - processCpuAtResumeNs;
        Map<Long, String> names = new HashMap<>();
        threadCpuNow(names).forEach((id, cpuNs) -> threadCpuNs.merge(names.get(id),
                cpuNs - threadCpuAtResumeNs.getOrDefault(id, 0L), Long::sum));
    }

    Figures figures() {
        Map<String, Double> busiest = new LinkedHashMap<>();
        threadCpuNs.entrySet().stream().filter(entry -> entry.getValue() >= 5_000_000).sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(6)
                .forEach(entry -> busiest.put(entry.getKey(), Math.round(entry.getValue() / 1e7) / 100.0));
        return new Figures(processCpuNs / 1e9, heapPools.stream().mapToLong(pool -> pool.getPeakUsage().getUsed())
                .sum(), gcCount() - gcCountAtStart, gcMillis() - gcMillisAtStart, busiest);
    }

    /** CPU time by platform thread id; fills {@code names} (id to name) when given. */
    private Map<Long, Long> threadCpuNow(Map<Long, String> names) {
        Map<Long, Long> cpu = new HashMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) {
                continue; // ended meanwhile
            }
            long cpuNs = threads.getThreadCpuTime(info.getThreadId());
            if (cpuNs >= 0) {
                cpu.put(info.getThreadId(), cpuNs);
                if (names != null) {
                    names.put(info.getThreadId(), info.getThreadName());
                }
            }
        }
        return cpu;
    }

    private static long gcCount() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
    }
}
