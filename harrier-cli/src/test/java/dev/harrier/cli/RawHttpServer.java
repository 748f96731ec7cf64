package dev.harrier.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A deliberately broken HTTP/1.1 server on loopback for download tests. {@code /cut/...} declares the full length,
 * sends half of the body and drops the connection; {@code /stall/...} sends half and then goes silent, keeping the
 * connection open until the server is closed.
 */
final class RawHttpServer implements AutoCloseable {
    private final ServerSocket socket;
    private final byte[] body;
    private final Thread acceptor;
    private final List<Socket> open = new ArrayList<>();
    private final AtomicInteger served = new AtomicInteger();

    RawHttpServer(byte[] body) throws IOException {
        this.body = body;
        this.socket = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::acceptLoop, "raw-http");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + socket.getLocalPort() + path;
    }

    int served() {
        return served.get();
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket s = socket.accept();
                synchronized (open) {
                    open.add(s);
                }
                handle(s);
            } catch (IOException e) {
                return;
            }
        }
    }

    private void handle(Socket s) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
        String requestLine = in.readLine();
        String line;
        while ((line = in.readLine()) != null && !line.isEmpty()) {
            // skip headers
        }
        OutputStream out = s.getOutputStream();
        out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        out.write(body, 0, body.length / 2);
        out.flush();
        served.incrementAndGet();
        if (requestLine != null && requestLine.contains("/cut/")) {
            s.close();
        }
        // "/stall/": leave the socket open and silent
    }

    @Override
    public void close() throws IOException {
        socket.close();
        synchronized (open) {
            for (Socket s : open) {
                s.close();
            }
        }
    }
}
