import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * A ROUTER+PUB echo on JeroMQ, for bench/zmq_echo.py: each request is published on PUB and sent
 * back on ROUTER. "direct" answers on the polling thread; "handoff" goes through another thread and
 * a wake-up pipe, as the kernel's replies do; "blocking" waits in the ROUTER's own recv instead of a
 * ZMQ.Poller.
 *
 *     java -cp "dist/target/juxta/lib/*" bench/JeromqEcho.java SHELL_PORT PUB_PORT [direct|handoff|blocking]
 */
public class JeromqEcho {
    public static void main(String[] args) throws Exception {
        boolean handoff = args.length > 2 && args[2].equals("handoff");
        try (ZContext context = new ZContext(1)) {
            ZMQ.Socket router = context.createSocket(SocketType.ROUTER);
            ZMQ.Socket pub = context.createSocket(SocketType.PUB);
            router.setSndHWM(0);
            pub.setSndHWM(0);
            router.bind("tcp://127.0.0.1:" + args[0]);
            pub.bind("tcp://127.0.0.1:" + args[1]);
            Pipe wakeup = Pipe.open();
            wakeup.source().configureBlocking(false);
            ConcurrentLinkedQueue<byte[][]> outbox = new ConcurrentLinkedQueue<>();
            ExecutorService other = Executors.newSingleThreadExecutor();
            if (args.length > 2 && args[2].equals("blocking")) {
                while (!Thread.currentThread().isInterrupted()) {
                    byte[] id = router.recv(0);
                    echo(router, pub, id, router.recv(0));
                }
                return;
            }
            ZMQ.Poller poller = context.createPoller(2);
            int routerIndex = poller.register(router, ZMQ.Poller.POLLIN);
            int wakeIndex = poller.register(wakeup.source(), ZMQ.Poller.POLLIN);
            ByteBuffer sink = ByteBuffer.allocate(64);
            while (!Thread.currentThread().isInterrupted()) {
                poller.poll(-1);
                if (poller.pollin(wakeIndex)) {
                    while (wakeup.source().read(sink.clear()) > 0) {
                        // drained
                    }
                }
                byte[][] out;
                while ((out = outbox.poll()) != null) {
                    echo(router, pub, out[0], out[1]);
                }
                if (!poller.pollin(routerIndex)) {
                    continue;
                }
                byte[] id;
                while ((id = router.recv(ZMQ.DONTWAIT)) != null) {
                    byte[] payload = router.recv(0);
                    if (!handoff) {
                        echo(router, pub, id, payload);
                        continue;
                    }
                    byte[] from = id;
                    other.execute(() -> {
                        outbox.add(new byte[][] {from, payload});
                        synchronized (wakeup) {
                            try {
                                wakeup.sink().write(ByteBuffer.wrap(new byte[] {1}));
                            } catch (java.io.IOException e) {
                                throw new java.io.UncheckedIOException(e);
                            }
                        }
                    });
                }
            }
        }
    }

    private static void echo(ZMQ.Socket router, ZMQ.Socket pub, byte[] id, byte[] payload) {
        pub.send(payload, 0);
        router.send(id, ZMQ.SNDMORE);
        router.send(payload, 0);
    }
}
