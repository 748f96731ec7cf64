package dev.harrier.detect.sigma;

import java.util.List;

/**
 * What {@link SigmaCompiler#compile} produced: the rule set of every valid rule and the errors (parse errors of the
 * inputs, then compile errors), each naming source and line.
 */
public record CompileResult(CompiledRuleSet ruleSet, List<SigmaError> errors) {
    public CompileResult {
        errors = List.copyOf(errors);
    }
}
