package dk.overgang.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Issue 16: what the contract deprecates, the answers say (RFC 9745 Deprecation, RFC 8594 Sunset). */
class DeprecationHeadersTest {

    @Test
    void aDeprecatedOperationGetsItsHeadersFromTheContract() {
        var notices = DeprecationHeaders.notices("""
                paths:
                  /api/v1/old/{id}:
                    get:
                      deprecated: true
                      x-deprecated-since: 2027-01-01
                      x-sunset: 2028-01-01
                    put:
                      deprecated: true
                      x-deprecated-since: '2027-02-01'
                  /api/v1/current:
                    get:
                      summary: fine
                """);
        assertEquals(2, notices.size());
        var get = notices.get("GET /api/v1/old/{id}");
        assertEquals("@1798761600", get.deprecation(), "RFC 9745: a structured date, seconds since the epoch");
        assertEquals("Sat, 1 Jan 2028 00:00:00 GMT", get.sunset(), "RFC 8594: an HTTP date");
        assertNull(notices.get("PUT /api/v1/old/{id}").sunset());
        assertThrows(IllegalStateException.class, () -> DeprecationHeaders.notices("""
                paths:
                  /x:
                    get:
                      deprecated: true
                """), "a deprecation needs its date");
    }

    @Test
    void nothingInTheContractIsDeprecatedToday() throws Exception {
        String contract = Files.readString(Path.of(System.getProperty("overgang.spec", "../api-spec/openapi.yaml")));
        assertTrue(DeprecationHeaders.notices(contract).isEmpty(), "the README says so; update it with the CHANGELOG");
    }
}
