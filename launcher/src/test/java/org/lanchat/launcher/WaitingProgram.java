package org.lanchat.launcher;

/** A program for the launcher to start in tests that runs until stopped: prints its process id, then waits. */
public final class WaitingProgram {
    private WaitingProgram() {
    }

    public static void main(String[] args) throws InterruptedException {
        System.out.println("running " + ProcessHandle.current().pid());
        System.out.flush();
        Thread.sleep(120_000);
    }
}
