package io.switchboard.evaluator.drift;

/** The last {@code capacity} observations, oldest first: what a change is confirmed on. */
final class RecentWindow {

    private final double[] ring;
    private int next;
    private int size;

    RecentWindow(int capacity) {
        ring = new double[capacity];
    }

    static RecentWindow of(int capacity, double[] oldestFirst) {
        RecentWindow window = new RecentWindow(capacity);
        int from = Math.max(0, oldestFirst.length - capacity);
        for (int i = from; i < oldestFirst.length; i++) {
            window.add(oldestFirst[i]);
        }
        return window;
    }

    void add(double value) {
        ring[next] = value;
        next = (next + 1) % ring.length;
        size = Math.min(size + 1, ring.length);
    }

    int size() {
        return size;
    }

    int capacity() {
        return ring.length;
    }

    /** The newest {@code count} observations, oldest first. */
    double[] last(int count) {
        return slice(count, 0);
    }

    /** {@code count} observations, oldest first, ending {@code skipNewest} before the newest. */
    double[] slice(int count, int skipNewest) {
        if (count < 0 || skipNewest < 0 || count + skipNewest > size) {
            throw new IllegalArgumentException("the window holds " + size + " observations, not " + count
                    + " before the newest " + skipNewest);
        }
        double[] out = new double[count];
        int start = Math.floorMod(next - skipNewest - count, ring.length);
        for (int i = 0; i < count; i++) {
            out[i] = ring[(start + i) % ring.length];
        }
        return out;
    }
}
