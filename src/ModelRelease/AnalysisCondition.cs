using System.Globalization;
using ModelRelease.Internal;
using NCalc;
using NCalc.Exceptions;

namespace ModelRelease;

/// <summary>
/// A canary analysis condition, such as <c>canary &lt;= 1.2 * stable and canary &lt; 500</c>: a comparison of the
/// canary's measurement (<c>canary</c>) with numbers and the stable version's (<c>stable</c>). The language is small
/// on purpose: numbers, <c>+ - * /</c>, unary <c>-</c>, <c>&lt; &lt;= &gt; &gt;= == !=</c>, <c>and</c>/<c>or</c>/<c>not</c>
/// (or <c>&amp;&amp;</c>, <c>||</c>, <c>!</c>), parentheses, and <c>abs(x)</c>, <c>min(x, y)</c>, <c>max(x, y)</c>.
/// </summary>
/// <remarks>
/// The text is parsed once by NCalc's parser into a tree, then type-checked and evaluated by this library's own code;
/// NCalc's evaluator never runs, so a condition cannot call a function or read a value it was not given. Note that
/// <c>not</c> binds tighter than a comparison: write <c>not (canary &gt; 1)</c>. Arithmetic is IEEE: a division by
/// zero gives an infinity, and every comparison with NaN is false.
/// </remarks>
public sealed class AnalysisCondition : IEquatable<AnalysisCondition>
{
    /// <summary>The longest condition accepted; real ones fit on a line.</summary>
    public const int MaxLength = 1000;

    private const string Help = "Use canary, stable, numbers, + - * /, < <= > >= == !=, and/or/not, abs(), min(), max().";

    private readonly LogicalExpression _tree;

    private AnalysisCondition(string text, LogicalExpression tree, bool usesStable)
    {
        Text = text;
        _tree = tree;
        UsesStable = usesStable;
    }

    /// <summary>The condition as written.</summary>
    public string Text { get; }

    /// <summary>True when the condition reads the stable version's measurement, so one must be taken.</summary>
    public bool UsesStable { get; }

    /// <summary>Parses and type-checks <paramref name="text"/>.</summary>
    /// <exception cref="RegistryException">The text does not parse, names something unknown, or does not compare; the message quotes it and says what is allowed.</exception>
    public static AnalysisCondition Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new RegistryException($"A condition is empty. Write a comparison, e.g. canary <= 0.01 or canary <= 1.2 * stable. {Help}");
        }

        var shown = DisplayText.Escape(text);
        if (text.Length > MaxLength)
        {
            throw new RegistryException($"Condition \"{shown[..60]}…\" is {text.Length} characters long; the limit is {MaxLength}. Split it into a success and a failure condition, or into several checks.");
        }

        LogicalExpression tree;
        try
        {
            // Single '=' is refused so that "canary = 1" is not read as a comparison by one reader and an assignment
            // by another; integers are read as 64-bit so a large literal does not overflow.
            var options = new LogicalExpressionParserOptions { DisallowSingleEquals = true, IntegerNumberType = IntegerNumberType.Int64 };
            tree = LogicalExpressionParser.Parse(text, options, CultureInfo.InvariantCulture, CancellationToken.None);
        }
        catch (Exception e) when (e is NCalcException or InvalidOperationException or FormatException or OverflowException or ArgumentException)
        {
            throw new RegistryException($"Condition \"{shown}\" does not parse: {DisplayText.Escape(e.Message.TrimEnd('.'))}. {Help}", e);
        }

        var usesStable = false;
        try
        {
            if (ConditionChecker.Check(tree, ref usesStable) != ConditionType.Boolean)
            {
                throw new ConditionProblem("a condition must compare, e.g. canary <= 0.01");
            }
        }
        catch (ConditionProblem problem)
        {
            throw new RegistryException($"Condition \"{shown}\": {problem.Message}. {Help}");
        }

        return new AnalysisCondition(text, tree, usesStable);
    }

    /// <summary>Whether the condition holds for these measurements.</summary>
    /// <exception cref="InvalidOperationException">The condition uses stable and <paramref name="stable"/> is null; callers check <see cref="UsesStable"/> first.</exception>
    public bool Evaluate(double canary, double? stable)
    {
        if (UsesStable && stable is null)
        {
            throw new InvalidOperationException($"Condition \"{Text}\" compares with the stable version, but no stable measurement was given.");
        }

        return ConditionEvaluator.Truth(_tree, canary, stable ?? double.NaN);
    }

    /// <summary>True when both conditions have the same text.</summary>
    public bool Equals(AnalysisCondition? other) => other is not null && Text == other.Text;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as AnalysisCondition);

    /// <inheritdoc />
    public override int GetHashCode() => Text.GetHashCode(StringComparison.Ordinal);

    /// <summary><see cref="Text"/>.</summary>
    public override string ToString() => Text;
}
