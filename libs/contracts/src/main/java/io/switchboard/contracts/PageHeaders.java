package io.switchboard.contracts;

/**
 * The HTTP header that carries a page cursor where the body cannot: on a CSV page of the organization usage and
 * costs reports, the {@code next_page} a JSON page would hold. Billing writes it and the ingress relays it, so both
 * name it from here.
 */
public final class PageHeaders {

    public static final String NEXT_PAGE = "X-Next-Page";

    private PageHeaders() {
    }
}
