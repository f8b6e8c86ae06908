using NCalc;

namespace ModelRelease.Internal;

/// <summary>
/// Computes a condition that <see cref="ConditionChecker"/> accepted, in doubles. IEEE rules apply: x/0 is ±∞ (or NaN
/// for 0/0), and every comparison with NaN is false, so a NaN never makes a condition hold by accident.
/// </summary>
internal static class ConditionEvaluator
{
    public static bool Truth(LogicalExpression expression, double canary, double stable) => expression switch
    {
        UnaryExpression { Type: UnaryExpressionType.Not } not => !Truth(not.Expression, canary, stable),

        // Both sides are evaluated even when the first decides: conditions have no side effects, and that keeps the
        // evaluator a plain function of its tree.
        BinaryExpression { Type: BinaryExpressionType.And } and => Truth(and.LeftExpression, canary, stable) & Truth(and.RightExpression, canary, stable),
        BinaryExpression { Type: BinaryExpressionType.Or } or => Truth(or.LeftExpression, canary, stable) | Truth(or.RightExpression, canary, stable),
        BinaryExpression compare => Compare(compare.Type, Number(compare.LeftExpression, canary, stable), Number(compare.RightExpression, canary, stable)),
        _ => throw Unchecked(expression),
    };

    private static bool Compare(BinaryExpressionType type, double left, double right) => type switch
    {
        BinaryExpressionType.Lesser => left < right,
        BinaryExpressionType.LesserOrEqual => left <= right,
        BinaryExpressionType.Greater => left > right,
        BinaryExpressionType.GreaterOrEqual => left >= right,
        BinaryExpressionType.Equal => left == right,
        BinaryExpressionType.NotEqual => left != right,
        _ => throw new InvalidOperationException($"The condition checker let the operator {type} through."),
    };

    private static double Number(LogicalExpression expression, double canary, double stable) => expression switch
    {
        ValueExpression value => Convert.ToDouble(value.Value, System.Globalization.CultureInfo.InvariantCulture),
        Identifier { Name: ConditionChecker.Canary } => canary,
        Identifier { Name: ConditionChecker.Stable } => stable,
        UnaryExpression { Type: UnaryExpressionType.Negate } negate => -Number(negate.Expression, canary, stable),
        UnaryExpression { Type: UnaryExpressionType.Positive } positive => Number(positive.Expression, canary, stable),
        BinaryExpression binary => Arithmetic(binary.Type, Number(binary.LeftExpression, canary, stable), Number(binary.RightExpression, canary, stable)),
        Function function => Call(function, canary, stable),
        _ => throw Unchecked(expression),
    };

    private static double Arithmetic(BinaryExpressionType type, double left, double right) => type switch
    {
        BinaryExpressionType.Plus => left + right,
        BinaryExpressionType.Minus => left - right,
        BinaryExpressionType.Times => left * right,
        BinaryExpressionType.Div => left / right,
        _ => throw new InvalidOperationException($"The condition checker let the operator {type} through."),
    };

    private static double Call(Function function, double canary, double stable)
    {
        var arguments = function.Parameters.Select(p => Number(p, canary, stable)).ToArray();
        return function.Identifier.Name.ToLowerInvariant() switch
        {
            "abs" => Math.Abs(arguments[0]),
            "min" => Math.Min(arguments[0], arguments[1]),
            "max" => Math.Max(arguments[0], arguments[1]),
            var other => throw new InvalidOperationException($"The condition checker let the function {other} through."),
        };
    }

    private static InvalidOperationException Unchecked(LogicalExpression expression) =>
        new($"The condition checker let a {expression.GetType().Name} through.");
}
