import io.juxta.kernel.protocol.ZmtpSocket;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The ROUTER+PUB echo of bench/JeromqEcho.java on the kernel's own ZeroMQ sockets, for bench/zmq_echo.py: each
 * request is published on PUB and sent back on ROUTER, on the reading thread ("direct") or from another thread
 * ("handoff"), which writes to the peer's connection itself, as the kernel's worker-link reader does.
 *
 *     java -cp "dist/target/juxta/lib/*" bench/ZmtpEcho.java SHELL_PORT PUB_PORT [direct|handoff]
 */
public class ZmtpEcho {
    public static void main(String[] args) {
        boolean handoff = args.length > 2 && args[2].equals("handoff");
        ZmtpSocket router = new ZmtpSocket(ZmtpSocket.Type.ROUTER, "router",
                new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), 1 << 20, 1 << 20);
        ZmtpSocket pub = new ZmtpSocket(ZmtpSocket.Type.PUB, "pub",
                new InetSocketAddress("127.0.0.1", Integer.parseInt(args[1])), 1 << 20, 1 << 20);
        Thread pubThread = new Thread(() -> pub.run(frames -> { }), "pub");
        pubThread.setDaemon(true);
        pubThread.start();
        ExecutorService other = Executors.newSingleThreadExecutor();
        router.run(frames -> {
            Runnable echo = () -> {
                pub.publish(List.of("echo".getBytes(), frames.get(1)));
                router.route(frames);
            };
            if (handoff) {
                other.execute(echo);
            } else {
                echo.run();
            }
        });
    }
}
