package org.physicsofai.atlas.store;

import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Waiting for work (a content hash, checks) that runs on another thread while a store writes. */
final class Checks {

    private Checks() {}

    /**
     * Waits until the work is done and returns its result, passing on its own exception. An interrupt
     * does not stop the wait: the caller holds statements it may keep only once the outcome is known;
     * the thread's interrupt status is set again afterwards.
     */
    static <T> T await(Future<T> work) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return work.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (CancellationException e) {
                    throw new IllegalStateException("The work on the contribution was cancelled", e);
                } catch (ExecutionException e) {
                    switch (e.getCause()) {
                        case RuntimeException runtime -> throw runtime;
                        case Error error -> throw error;
                        default -> throw new IllegalStateException(e.getCause());
                    }
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
