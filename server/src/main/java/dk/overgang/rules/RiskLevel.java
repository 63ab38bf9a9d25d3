package dk.overgang.rules;

/** LS/RNR overall risk level. */
public enum RiskLevel {
    VERY_LOW, LOW, MEDIUM, HIGH, VERY_HIGH;

    /** R11: medium, high or very high risk can justify a prison-service mentor. */
    boolean justifiesMentor() {
        return this == MEDIUM || this == HIGH || this == VERY_HIGH;
    }
}
