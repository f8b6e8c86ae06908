using System.Text.Json;
using static ModelRelease.Internal.PolicyFileKeys;

namespace ModelRelease.Internal;

/// <summary>
/// Reads a policy file strictly: an unknown key, a value of the wrong type or a tolerance that does not fit the
/// metric's goal is an error naming the key, because a typo silently ignored is a gate silently open.
/// </summary>
internal sealed class PolicyFileReader
{
    private const string Example = "a policy file looks like {\"model\": \"sentiment\", \"metrics\": {\"accuracy\": {\"goal\": \"higher\", \"atLeast\": 0.85}}}";

    private readonly string _source;

    internal PolicyFileReader(string source) => _source = source;

    public static ReleasePolicy Read(string json, string source)
    {
        var reader = new PolicyFileReader(source);
        using var document = JsonInput.Parse(json, source, Example);
        var policy = reader.Policy(document.RootElement);
        try
        {
            policy.Validate();
        }
        catch (RegistryException e)
        {
            throw new RegistryException($"{source}: {e.Message}", e);
        }

        return policy;
    }

    private ReleasePolicy Policy(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw Error($"the policy must be a JSON object, not {JsonInput.Describe(root)}; {Example}.");
        }

        var properties = JsonInput.Properties(root, _source, "at the top level");
        foreach (var property in properties)
        {
            if (!TopLevel.Contains(property.Name))
            {
                throw UnknownKey(property.Name, "at the top level", TopLevel);
            }
        }

        var model = properties.FirstOrDefault(p => p.Name == Model);
        if (model.Value.ValueKind == JsonValueKind.Undefined)
        {
            throw Error($"there is no \"{Model}\". Name the model the policy governs, e.g. \"{Model}\": \"sentiment\".");
        }

        var policy = new ReleasePolicy(Text(model.Value, Model, "\"sentiment\""));
        foreach (var property in properties)
        {
            policy = property.Name switch
            {
                Artifact => policy with { Artifact = Format(property.Value) },
                Metrics => policy with { Metrics = Rules(property.Value) },
                CanarySteps => policy with { CanarySteps = Steps(property.Value) },
                Keep => policy with { Keep = WholeNumber(property.Value, Keep, "5") },
                PolicyFileKeys.Analysis => policy with { Analysis = new PolicyFileAnalysisReader(_source).Checks(property.Value) },
                PolicyFileKeys.Routers => policy with { Routers = new PolicyFileRouterReader(_source).Routers(property.Value) },
                _ => policy,
            };
        }

        return policy;
    }

    private ArtifactFormat Format(JsonElement value)
    {
        var text = Text(value, Artifact, "\"onnx\"");
        return Formats.TryGetValue(text, out var format)
            ? format
            : throw Error($"\"{Artifact}\" is \"{DisplayText.Escape(text)}\", which is not a format this tool knows. Use one of {Quoted(Formats.Keys)}.");
    }

    private List<MetricRule> Rules(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw Error($"\"{Metrics}\" must be an object of metric name → rule, not {JsonInput.Describe(value)}, e.g. \"{Metrics}\": {{\"accuracy\": {{\"goal\": \"higher\", \"atLeast\": 0.85}}}}.");
        }

        var rules = new List<MetricRule>();
        foreach (var metric in JsonInput.Properties(value, _source, $"in \"{Metrics}\""))
        {
            if (string.IsNullOrWhiteSpace(metric.Name))
            {
                throw Error($"\"{Metrics}\" has a metric with an empty name. Name it as the evaluation reports it, e.g. \"accuracy\".");
            }

            rules.Add(Rule(metric.Name, metric.Value));
        }

        return rules;
    }

    private MetricRule Rule(string name, JsonElement value)
    {
        var path = $"{Metrics}.{DisplayText.Escape(name)}";
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw Error($"{path} must be an object, not {JsonInput.Describe(value)}, e.g. {{\"{Goal}\": \"higher\", \"{AtLeast}\": 0.85}}.");
        }

        var properties = JsonInput.Properties(value, _source, $"in {path}");
        var goal = Goal(properties, path);
        var valid = MetricKeys(goal);
        var rule = new MetricRule(name, goal);
        string? toleranceKey = null;
        foreach (var property in properties)
        {
            var key = property.Name;
            if (!valid.Contains(key))
            {
                throw ToleranceKeys(Opposite(goal)).Contains(key)
                    ? Error($"{path} has \"{key}\", but its goal is \"{GoalName(goal)}\", so it regresses by {(goal == MetricGoal.HigherIsBetter ? "dropping" : "growing")}. Use {Quoted(ToleranceKeys(goal))} instead.")
                    : UnknownKey(key, $"in {path}", valid);
            }

            if (ToleranceKeys(goal).Contains(key))
            {
                if (toleranceKey is not null)
                {
                    throw Error($"{path} gives two tolerances, \"{toleranceKey}\" and \"{key}\". Keep one: an absolute amount or a percentage of the stable value.");
                }

                toleranceKey = key;
            }

            rule = key switch
            {
                AtLeast => rule with { AtLeast = Number(property.Value, $"{path}.{key}", "0.85") },
                AtMost => rule with { AtMost = Number(property.Value, $"{path}.{key}", "120") },
                MaxDrop or MaxIncrease => rule with { Tolerance = RegressionTolerance.Absolute(Tolerance(property.Value, $"{path}.{key}", "0.01")) },
                MaxDropPercent or MaxIncreasePercent => rule with { Tolerance = RegressionTolerance.Percent(Tolerance(property.Value, $"{path}.{key}", "10")) },
                Required => rule with { Required = Boolean(property.Value, $"{path}.{key}") },
                _ => rule,
            };
        }

        return rule;
    }

    private MetricGoal Goal(IReadOnlyList<JsonProperty> properties, string path)
    {
        var goal = properties.FirstOrDefault(p => p.Name == PolicyFileKeys.Goal);
        if (goal.Value.ValueKind == JsonValueKind.Undefined)
        {
            throw Error($"{path} has no \"{PolicyFileKeys.Goal}\". Say which way the metric improves: \"{PolicyFileKeys.Goal}\": \"{Higher}\" (accuracy) or \"{Lower}\" (latency, loss).");
        }

        return Text(goal.Value, $"{path}.{PolicyFileKeys.Goal}", $"\"{Higher}\"") switch
        {
            Higher => MetricGoal.HigherIsBetter,
            Lower => MetricGoal.LowerIsBetter,
            var other => throw Error($"{path}.{PolicyFileKeys.Goal} is \"{DisplayText.Escape(other)}\". Use \"{Higher}\" (bigger is better) or \"{Lower}\" (smaller is better)."),
        };
    }

    private List<int> Steps(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw Error($"\"{CanarySteps}\" must be an array of traffic percentages, not {JsonInput.Describe(value)}, e.g. \"{CanarySteps}\": [10, 50].");
        }

        return value.EnumerateArray().Select((step, i) => WholeNumber(step, $"{CanarySteps}[{i}]", "10")).ToList();
    }

    internal string Text(JsonElement value, string path, string example) =>
        value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw WrongType(path, "a string", value, example);

    private double Number(JsonElement value, string path, string example) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && double.IsFinite(number)
            ? number
            : throw WrongType(path, "a finite number", value, example);

    private double Tolerance(JsonElement value, string path, string example)
    {
        var amount = Number(value, path, example);
        return amount >= 0
            ? amount
            : throw Error($"{path} is {NumberText.Exact(amount)}; a tolerance is how far the metric may move the wrong way, so give 0 or more, e.g. {example}.");
    }

    internal int WholeNumber(JsonElement value, string path, string example) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number)
            ? number
            : throw WrongType(path, "a whole number", value, example);

    private bool Boolean(JsonElement value, string path) =>
        value.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? value.GetBoolean()
            : throw WrongType(path, "true or false", value, "false");

    internal RegistryException WrongType(string path, string expected, JsonElement value, string example)
    {
        // An array item has no key of its own to show in the example; a keyed value is shown with its key.
        var key = path.Split('.')[^1];
        var sample = key.Contains('[', StringComparison.Ordinal) ? example : $"\"{key}\": {example}";
        return Error($"{path} must be {expected}, not {JsonInput.Describe(value)}. Write it like {sample}.");
    }

    internal RegistryException UnknownKey(string key, string where, IReadOnlyCollection<string> valid)
    {
        var near = valid.FirstOrDefault(v => string.Equals(v, key, StringComparison.OrdinalIgnoreCase));
        var hint = near is null ? "" : $" Did you mean \"{near}\"?";
        return Error($"unknown key \"{DisplayText.Escape(key)}\" {where}.{hint} Valid keys: {string.Join(", ", valid)}.");
    }

    internal RegistryException Error(string problem) => new($"{_source}: {problem}");

    private static MetricGoal Opposite(MetricGoal goal) =>
        goal == MetricGoal.HigherIsBetter ? MetricGoal.LowerIsBetter : MetricGoal.HigherIsBetter;

    private static string GoalName(MetricGoal goal) => goal == MetricGoal.HigherIsBetter ? Higher : Lower;

    private static string Quoted(IEnumerable<string> values) => string.Join(" or ", values.Select(v => $"\"{v}\""));
}
