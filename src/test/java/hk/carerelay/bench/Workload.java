package hk.carerelay.bench;

/** One kind of process instance the bench drives from start to end. */
interface Workload {

    String name();

    /** User tasks per instance, each found, claimed and completed. */
    int userTasks();

    /** Drives instance number {@code index} through every step, timing each phase. */
    void run(int index, Phases phases);

    /** How many instances of this workload have ended so far (to check that every run really finished its instances). */
    long finished();
}
