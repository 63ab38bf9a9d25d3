package dk.overgang.inmate;

/** Remand (varetægt), sentenced (afsoner) or released. Stored lower-case. */
public enum CustodyStatus {
    REMAND, SENTENCED, RELEASED;

    public String code() {
        return name().toLowerCase();
    }

    public static CustodyStatus fromCode(String code) {
        return valueOf(code.toUpperCase());
    }
}
