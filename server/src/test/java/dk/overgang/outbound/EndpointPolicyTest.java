package dk.overgang.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dk.overgang.shared.InvalidFieldException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Issue 14, SSRF: outside dev only https to public addresses. */
class EndpointPolicyTest {

    private final EndpointPolicy production = new EndpointPolicy(false);

    @ParameterizedTest
    @ValueSource(strings = {"http://93.184.216.34/hook", "https://127.0.0.1/hook", "https://localhost/hook",
            "https://169.254.169.254/latest/meta-data", "https://10.1.2.3/", "https://192.168.0.10/", "https://172.16.5.4/",
            "https://100.64.0.1/", "https://[::1]/", "https://[fd00::1]/", "https://[fe80::1]/", "https://0.0.0.0/",
            "https://user:pw@93.184.216.34/", "https://93.184.216.34/#x", "not a url", "https:///nohost"})
    void refused(String endpoint) {
        InvalidFieldException e = assertThrows(InvalidFieldException.class, () -> production.validate(endpoint));
        assertEquals("endpoint", e.field());
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://93.184.216.34/hook", "https://[2606:2800:220:1:248:1893:25c8:1946]/x"})
    void publicAddressesAreAccepted(String endpoint) {
        assertEquals(endpoint, production.validate(endpoint).toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8099/hook", "http://localhost/hook"})
    void devAllowsLocalReceivers(String endpoint) {
        assertEquals(endpoint, new EndpointPolicy(true).validate(endpoint).toString());
    }
}
