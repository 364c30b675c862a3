package org.socialcrm.tenancy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A TCP proxy in front of PostgreSQL that holds every chunk the server answers for a while before passing it on, and
 * records what the client wrote before the first answer since {@link #reset()}. The client cannot react to an answer
 * it has not received, so that record is exactly what it sent without waiting: its pipelined messages.
 */
final class AnswerDelayingProxy implements AutoCloseable {

    private static final long ANSWER_DELAY_MILLIS = 100;

    private final ServerSocket server;
    private final String targetHost;
    private final int targetPort;
    private final ByteArrayOutputStream beforeFirstAnswer = new ByteArrayOutputStream();
    private boolean answered;

    AnswerDelayingProxy(String targetHost, int targetPort) throws IOException {
        this.server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        Thread acceptor = new Thread(this::accept, "answer-delaying-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    synchronized void reset() {
        beforeFirstAnswer.reset();
        answered = false;
    }

    /** What the client wrote since {@link #reset()} before it was passed any answer, as Latin-1 text. */
    synchronized String sentBeforeFirstAnswer() {
        return beforeFirstAnswer.toString(StandardCharsets.ISO_8859_1);
    }

    private synchronized void clientWrote(byte[] buffer, int length) {
        if (!answered) {
            beforeFirstAnswer.write(buffer, 0, length);
        }
    }

    private synchronized void answering() {
        answered = true;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket database = new Socket(targetHost, targetPort);
                client.setTcpNoDelay(true);
                database.setTcpNoDelay(true);
                pump(client.getInputStream(), database.getOutputStream(), false);
                pump(database.getInputStream(), client.getOutputStream(), true);
            } catch (IOException e) {
                return;
            }
        }
    }

    private void pump(InputStream in, OutputStream out, boolean answers) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[64 * 1024];
            try (in; out) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    if (answers) {
                        Thread.sleep(ANSWER_DELAY_MILLIS);
                        answering();
                    } else {
                        clientWrote(buffer, read);
                    }
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // the connection ends
            }
        }, answers ? "proxy-answers" : "proxy-requests");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
