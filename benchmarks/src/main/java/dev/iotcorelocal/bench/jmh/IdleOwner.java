package dev.iotcorelocal.bench.jmh;

import dev.iotcorelocal.session.SessionOwner;

/** A session owner that is never woken or taken over: the benchmarks drain the sessions themselves. */
final class IdleOwner implements SessionOwner {
    static final IdleOwner INSTANCE = new IdleOwner();

    private IdleOwner() {
    }

    @Override
    public void wake() {
    }

    @Override
    public void takeOver() {
    }
}
