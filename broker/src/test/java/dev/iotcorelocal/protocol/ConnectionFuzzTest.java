package dev.iotcorelocal.protocol;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.iotcorelocal.session.Session;
import dev.iotcorelocal.testsupport.NettyLeakGuard;

/**
 * Coverage-guided fuzzing (Jazzer) of whole connections: three client slots on the real pipeline
 * and broker core send sequences of valid, mangled and raw packets, split anywhere, with closes
 * and time passing between them. After every sequence:
 * <ul>
 *   <li>nothing was thrown from the pipeline or a task, and the broker logged no unexpected error;
 *   <li>everything written to a client was whole packets Netty's own codec decodes (OutboundOracle);
 *   <li>with every connection closed, the index holds exactly the subscriptions of the sessions
 *       that remain, and no session with expiry 0 remains;
 *   <li>once every session has expired, no session and no subscription is left;
 *   <li>every buffer handed in was released, and Netty reported no leak.
 * </ul>
 * The build replays the committed inputs in {@code ConnectionFuzzTestInputs/}; fuzz it with
 * {@code benchmarks/fuzz-long.sh connection} (docs/hardening.md).
 */
class ConnectionFuzzTest {
    static {
        UnexpectedErrorWatch.install();
    }

    @FuzzTest
    void packetSequencesKeepTheBrokerConsistent(FuzzedDataProvider data) {
        NettyLeakGuard.assertNoLeakReported();
        FuzzBroker broker = new FuzzBroker();
        ClientScript script = new ClientScript(data, broker);
        try {
            script.run();
            checkConsistent(broker);
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError(e.getMessage() + "\nafter these steps of three clients:" + script.trace(), e);
        }
    }

    private static void checkConsistent(FuzzBroker broker) {
        for (int slot = 0; slot < FuzzBroker.SLOTS; slot++) {
            broker.close(slot);
        }
        int subscriptionsOfSessions = 0;
        for (Session session : broker.sessions()) {
            String clientId = session.clientId();
            check(!session.isOnline(), "session " + clientId + " is online with every connection closed");
            check(session.expiryInterval() > 0, "session " + clientId + " with expiry 0 outlived its connection");
            subscriptionsOfSessions += session.subscriptionCount();
        }
        check(broker.index().size() == subscriptionsOfSessions, "the index holds " + broker.index().size()
                + " subscriptions, the remaining sessions " + subscriptionsOfSessions);

        broker.closeAllAndExpire();
        check(broker.registry().size() == 0, broker.registry().size() + " sessions left after every expiry");
        check(broker.index().size() == 0, broker.index().size() + " subscriptions left after every session ended");
        check(broker.unreleasedInbound() == 0, broker.unreleasedInbound() + " inbound buffers never released");
        UnexpectedErrorWatch.assertNoneLogged();
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new AssertionError(message);
        }
    }
}
