package io.switchboard.evaluator.drift;

/** What one insert into an {@link Adwin} window found. */
public sealed interface AdwinSignal {

    /** The window was not cut on this insert. */
    record Unchanged() implements AdwinSignal {
    }

    /**
     * The window was cut: its older part differed from its newer part by more than chance allows.
     *
     * @param meanBefore the window's mean before the cut
     * @param meanAfter the window's mean after it, over the samples kept
     * @param samplesSinceChange the estimated change position: how many of the newest samples came after
     *        it (see {@link Adwin}); at most the window before the cut, often fewer than it keeps
     * @param meanSinceChange the mean of those samples
     * @param samplesDropped older samples the cut removed
     */
    record Change(double meanBefore, double meanAfter, long samplesSinceChange, double meanSinceChange,
            long samplesDropped) implements AdwinSignal {

        /** Whether the samples since the change are higher than the window they ended. */
        public boolean rose() {
            return meanSinceChange > meanBefore;
        }
    }

    /** Shared, so the common case allocates nothing. */
    Unchanged UNCHANGED = new Unchanged();
}
