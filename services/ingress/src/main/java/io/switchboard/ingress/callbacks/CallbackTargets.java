package io.switchboard.ingress.callbacks;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Decides where a callback may go: an absolute http(s) URL whose host is public, unless private
 * addresses are allowed. Checked when a job is submitted and again at each delivery, since a name can
 * resolve elsewhere later.
 */
@ApplicationScoped
public class CallbackTargets {

    private static final int MAX_URL_LENGTH = 2048;

    private final CallbackConfig config;

    CallbackTargets(CallbackConfig config) {
        this.config = config;
    }

    public boolean isAllowed(String url) {
        try {
            URI uri = new URI(url);
            if (url.length() > MAX_URL_LENGTH || uri.getHost() == null
                    || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                return false;
            }
            return config.allowPrivateAddresses() || isPublic(uri.getHost());
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    private static boolean isPublic(String host) {
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                        || address.isAnyLocalAddress() || address.isMulticastAddress()) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
