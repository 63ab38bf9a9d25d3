package dk.overgang.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/**
 * Issue 16: what the contract deprecates, the answers say (RFC 9745 Deprecation, RFC 8594 Sunset).
 * That the dates are the contract's is ContractOperationsTest's.
 */
class DeprecationHeadersTest {

    @Test
    void theHeadersOfADeprecatedOperation() {
        var notice = DeprecationHeaders.notice("2027-01-01", "2028-01-01");
        assertEquals("@1798761600", notice.deprecation(), "RFC 9745: a structured date, seconds since the epoch");
        assertEquals("Sat, 1 Jan 2028 00:00:00 GMT", notice.sunset(), "RFC 8594: an HTTP date");
        assertNull(DeprecationHeaders.notice("2027-02-01", "").sunset(), "no sunset named, none sent");
    }
}
