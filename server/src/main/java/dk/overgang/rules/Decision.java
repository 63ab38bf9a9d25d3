package dk.overgang.rules;

/** What a rule decided, and why, in plain Danish ending with the rule it applied. */
public record Decision<T>(RuleId rule, T value, String reason) {
}
