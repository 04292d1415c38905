package io.switchboard.ingress.payloads;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.switchboard.contracts.events.ChatMessage;
import io.switchboard.contracts.events.JobRequested;
import io.switchboard.ingress.IngressConfig;

/**
 * The one place a prompt may be logged: the messages of a job the ingress accepted, for a tenant that opted in to
 * payload logging ({@code switchboard.ingress.payload-logging.tenants}), redacted by {@link PayloadRedaction}, under
 * this class's logger so that a log pipeline can route or drop it on its own.
 */
@ApplicationScoped
public class PayloadLog {

    private static final Logger LOG = Logger.getLogger(PayloadLog.class);
    /** A line a log pipeline still takes whole; the rest of a long conversation is counted, not shown. */
    static final int MAX_CHARS = 4096;

    private final Set<String> optedIn;

    PayloadLog(IngressConfig config) {
        this.optedIn = config.payloadLogging().tenants().orElse(Set.of());
    }

    public void accepted(JobRequested job) {
        if (!optedIn.contains(job.tenantId())) {
            return;
        }
        LOG.infof("job %s of tenant %s payload (redacted): %s", job.jobId(), job.tenantId(),
                shown(PayloadRedaction.redact(describe(job))));
    }

    private static String describe(JobRequested job) {
        StringBuilder text = new StringBuilder();
        for (ChatMessage message : job.request().messages()) {
            text.append(text.isEmpty() ? "" : " | ").append(message.role()).append(": ")
                    .append(message.content() == null ? "" : message.content());
            if (message.hasToolCalls()) {
                text.append(" tool_calls=").append(message.toolCalls());
            }
        }
        return text.toString();
    }

    private static String shown(String text) {
        return text.length() <= MAX_CHARS ? text
                : text.substring(0, MAX_CHARS) + "... (" + (text.length() - MAX_CHARS) + " more characters)";
    }
}
