package org.lanchat.client.testing;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import org.lanchat.client.core.net.Connector;
import org.lanchat.discovery.trust.CertificateMismatchException;

/**
 * A connector with a switch: "unplug" cuts every socket it opened and refuses new ones until "plug" — a
 * network cable for tests, without touching the appliance.
 */
public final class GatedConnector implements Connector {
    private final Connector real;
    private final List<Socket> opened = new ArrayList<>();
    private boolean unplugged;

    public GatedConnector(Connector real) {
        this.real = real;
    }

    @Override
    public Socket open() throws IOException, CertificateMismatchException {
        synchronized (this) {
            if (unplugged) {
                throw new ConnectException("network unplugged (test)");
            }
        }
        Socket socket = real.open();
        synchronized (this) {
            opened.add(socket);
        }
        return socket;
    }

    public synchronized void unplug() {
        unplugged = true;
        for (Socket socket : opened) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // cutting the cable
            }
        }
        opened.clear();
    }

    public synchronized void plug() {
        unplugged = false;
    }
}
