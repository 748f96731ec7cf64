package dev.harrier.detect.sigma;

import java.util.List;

/** Everything read from one file or string: the valid rules, correlations and filters, and the errors. */
public record ParseResult(
        List<SigmaRule> rules,
        List<SigmaCorrelation> correlations,
        List<SigmaFilter> filters,
        List<SigmaError> errors) {
    public ParseResult {
        rules = List.copyOf(rules);
        correlations = List.copyOf(correlations);
        filters = List.copyOf(filters);
        errors = List.copyOf(errors);
    }

    /** Whether no error was reported. */
    public boolean ok() {
        return errors.isEmpty();
    }
}
