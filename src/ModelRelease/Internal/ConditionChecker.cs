using NCalc;

namespace ModelRelease.Internal;

/// <summary>
/// Type-checks a condition's NCalc tree against the small language analysis allows: the names canary and stable,
/// numbers, arithmetic, comparisons of numbers, and/or/not of comparisons, abs/min/max. Anything else NCalc can parse
/// (strings, dates, if(), in, like, bit operators, other functions) is refused with a <see cref="ConditionProblem"/>,
/// so the evaluator only ever sees trees it knows how to compute.
/// </summary>
internal static class ConditionChecker
{
    public const string Canary = "canary";
    public const string Stable = "stable";

    public static readonly IReadOnlyDictionary<string, int> Functions = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase)
    {
        ["abs"] = 1,
        ["min"] = 2,
        ["max"] = 2,
    };

    /// <summary>The type of <paramref name="expression"/>; sets <paramref name="usesStable"/> when it reads stable.</summary>
    public static ConditionType Check(LogicalExpression expression, ref bool usesStable)
    {
        switch (expression)
        {
            case ValueExpression value:
                return value.Type is NCalc.ValueType.Integer or NCalc.ValueType.Float
                    ? ConditionType.Number
                    : throw new ConditionProblem(value.Type == NCalc.ValueType.Boolean
                        ? $"'{value.Value}' is a constant, not a measurement; compare canary or stable instead"
                        : $"{Describe(value)} is not a number; conditions compute with numbers only");

            case Identifier identifier:
                return CheckName(identifier.Name, ref usesStable);

            case UnaryExpression unary:
                return CheckUnary(unary, ref usesStable);

            case BinaryExpression binary:
                return CheckBinary(binary, ref usesStable);

            case Function function:
                return CheckFunction(function, ref usesStable);

            case TernaryExpression:
                throw new ConditionProblem("'? :' is not allowed; write two conditions (success and failure) instead");

            default:
                throw new ConditionProblem($"a {expression.GetType().Name} is not allowed here");
        }
    }

    private static ConditionType CheckName(string name, ref bool usesStable)
    {
        if (name == Canary)
        {
            return ConditionType.Number;
        }

        if (name == Stable)
        {
            usesStable = true;
            return ConditionType.Number;
        }

        var near = new[] { Canary, Stable }.FirstOrDefault(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase) || Distance(n, name) <= 2);
        var hint = near is null ? "" : $" (did you mean '{near}'?)";
        throw new ConditionProblem($"unknown name '{DisplayText.Escape(name)}'{hint}");
    }

    private static ConditionType CheckUnary(UnaryExpression unary, ref bool usesStable)
    {
        var operand = Check(unary.Expression, ref usesStable);
        switch (unary.Type)
        {
            case UnaryExpressionType.Negate or UnaryExpressionType.Positive:
                return operand == ConditionType.Number
                    ? ConditionType.Number
                    : throw new ConditionProblem("'-' needs a number, not a comparison");
            case UnaryExpressionType.Not:
                // NCalc binds 'not' tighter than comparisons: "not canary > 1" is "(not canary) > 1".
                return operand == ConditionType.Boolean
                    ? ConditionType.Boolean
                    : throw new ConditionProblem("'not' needs a comparison, not a number; put the comparison in parentheses, e.g. not (canary > 1)");
            default:
                throw new ConditionProblem($"the operator {unary.Type} is not allowed");
        }
    }

    private static ConditionType CheckBinary(BinaryExpression binary, ref bool usesStable)
    {
        var symbol = Symbol(binary.Type) ?? throw new ConditionProblem($"the operator {Unsupported(binary.Type)} is not allowed");
        var left = Check(binary.LeftExpression, ref usesStable);
        var right = Check(binary.RightExpression, ref usesStable);
        switch (binary.Type)
        {
            case BinaryExpressionType.And or BinaryExpressionType.Or:
                return left == ConditionType.Boolean && right == ConditionType.Boolean
                    ? ConditionType.Boolean
                    : throw new ConditionProblem($"'{symbol}' joins comparisons, but one side is a number; compare it, e.g. canary < 500 {symbol} canary <= 1.2 * stable");
            case BinaryExpressionType.Plus or BinaryExpressionType.Minus or BinaryExpressionType.Times or BinaryExpressionType.Div:
                return left == ConditionType.Number && right == ConditionType.Number
                    ? ConditionType.Number
                    : throw new ConditionProblem($"'{symbol}' computes with numbers, but one side is a comparison");
            default:
                return left == ConditionType.Number && right == ConditionType.Number
                    ? ConditionType.Boolean
                    : throw new ConditionProblem($"'{symbol}' compares numbers, but one side is already a comparison; join comparisons with and/or, e.g. canary > 1 and canary < 5");
        }
    }

    private static ConditionType CheckFunction(Function function, ref bool usesStable)
    {
        var name = function.Identifier.Name;
        if (!Functions.TryGetValue(name, out var arity))
        {
            throw new ConditionProblem($"unknown function '{DisplayText.Escape(name)}()'");
        }

        if (function.Parameters.Count != arity)
        {
            throw new ConditionProblem($"{name.ToLowerInvariant()}() takes {arity} argument{(arity == 1 ? "" : "s")}, not {function.Parameters.Count}");
        }

        foreach (var parameter in function.Parameters)
        {
            if (Check(parameter, ref usesStable) != ConditionType.Number)
            {
                throw new ConditionProblem($"{name.ToLowerInvariant()}() takes numbers, not a comparison");
            }
        }

        return ConditionType.Number;
    }

    /// <summary>The operator as the error messages and the help show it, or null when conditions do not allow it.</summary>
    public static string? Symbol(BinaryExpressionType type) => type switch
    {
        BinaryExpressionType.And => "and",
        BinaryExpressionType.Or => "or",
        BinaryExpressionType.Plus => "+",
        BinaryExpressionType.Minus => "-",
        BinaryExpressionType.Times => "*",
        BinaryExpressionType.Div => "/",
        BinaryExpressionType.Lesser => "<",
        BinaryExpressionType.LesserOrEqual => "<=",
        BinaryExpressionType.Greater => ">",
        BinaryExpressionType.GreaterOrEqual => ">=",
        BinaryExpressionType.Equal => "==",
        BinaryExpressionType.NotEqual => "!=",
        _ => null,
    };

    private static string Unsupported(BinaryExpressionType type) => type switch
    {
        BinaryExpressionType.Modulo => "'%'",
        BinaryExpressionType.Exponentiation => "'**'",
        BinaryExpressionType.BitwiseAnd => "'&'",
        BinaryExpressionType.BitwiseOr => "'|'",
        BinaryExpressionType.BitwiseXOr => "'^'",
        BinaryExpressionType.LeftShift => "'<<'",
        BinaryExpressionType.RightShift => "'>>'",
        BinaryExpressionType.Coalesce => "'??'",
        BinaryExpressionType.In => "'in'",
        BinaryExpressionType.NotIn => "'not in'",
        BinaryExpressionType.Like => "'like'",
        BinaryExpressionType.NotLike => "'not like'",
        var other => other.ToString(),
    };

    private static string Describe(ValueExpression value) => value.Type switch
    {
        NCalc.ValueType.String or NCalc.ValueType.Char => $"the text '{DisplayText.Escape(value.Value?.ToString())}'",
        var other => $"the {other.ToString().ToLowerInvariant()} {DisplayText.Escape(value.Value?.ToString())}",
    };

    // Levenshtein distance, for "did you mean": the names are short, so the quadratic table costs nothing.
    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            previous = current;
        }

        return previous[b.Length];
    }
}
