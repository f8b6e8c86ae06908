using System.Text.Json;
using static ModelRelease.Internal.PolicyFileKeys;

namespace ModelRelease.Internal;

/// <summary>
/// Reads a policy file's <c>"analysis"</c> array, as strictly as the rest of the file: unknown keys, wrong types and
/// conditions or query templates that do not parse are errors when the file loads, naming the check and the key.
/// </summary>
internal sealed class PolicyFileAnalysisReader
{
    private const string Example =
        "{\"name\": \"error-rate\", \"source\": \"prometheus\", \"query\": \"sum(rate(errors_total{version=\\\"{{version}}\\\"}[5m]))\", \"successCondition\": \"canary <= 1.2 * stable\"}";

    private readonly string _source;
    private readonly PolicyFileReader _values;

    public PolicyFileAnalysisReader(string source)
    {
        _source = source;
        _values = new PolicyFileReader(source);
    }

    public List<AnalysisCheck> Checks(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw _values.Error($"\"{Analysis}\" must be an array of checks, not {JsonInput.Describe(value)}, e.g. \"{Analysis}\": [{Example}].");
        }

        return value.EnumerateArray().Select((check, i) => Check(check, i)).ToList();
    }

    private AnalysisCheck Check(JsonElement value, int index)
    {
        var where = $"{Analysis}[{index}]";
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw _values.Error($"{where} must be an object, not {JsonInput.Describe(value)}, e.g. {Example}.");
        }

        var properties = JsonInput.Properties(value, _source, $"in {where}");
        foreach (var property in properties)
        {
            if (!CheckKeys.Contains(property.Name))
            {
                throw _values.UnknownKey(property.Name, $"in {where}", CheckKeys);
            }
        }

        var name = _values.Text(Required(properties, Name, where, "\"error-rate\""), $"{where}.{Name}", "\"error-rate\"");
        var path = $"{Analysis}.{DisplayText.Escape(name)}";
        var source = _values.Text(Required(properties, Source, path, "\"prometheus\""), $"{path}.{Source}", "\"prometheus\"");
        var query = _values.Text(Required(properties, Query, path, "\"sum(rate(errors_total{version=\\\"{{version}}\\\"}[5m]))\""), $"{path}.{Query}", "\"…\"");
        Required(properties, SuccessCondition, path, "\"canary <= 0.01\"");

        var check = Build(() => AnalysisCheck.Create(name, source, query), $"{path}.{Query}");
        foreach (var property in properties)
        {
            var key = property.Name;
            var at = $"{path}.{key}";
            check = key switch
            {
                SuccessCondition => Build(() => check.SucceedsWhen(_values.Text(property.Value, at, "\"canary <= 1.2 * stable\"")), at),
                FailureCondition => Build(() => check.FailsWhen(_values.Text(property.Value, at, "\"canary > 2 * stable\"")), at),
                Interval => check with { Interval = Duration(property.Value, at) },
                Count => check with { Count = _values.WholeNumber(property.Value, at, "5") },
                FailureLimit => check with { FailureLimit = _values.WholeNumber(property.Value, at, "1") },
                InconclusiveLimit => check with { InconclusiveLimit = _values.WholeNumber(property.Value, at, "1") },
                ConsecutiveErrorLimit => check with { ConsecutiveErrorLimit = _values.WholeNumber(property.Value, at, "4") },
                _ => check,
            };
        }

        return check;
    }

    private JsonElement Required(IReadOnlyList<JsonProperty> properties, string key, string where, string example)
    {
        var property = properties.FirstOrDefault(p => p.Name == key);
        return property.Value.ValueKind != JsonValueKind.Undefined
            ? property.Value
            : throw _values.Error($"{where} has no \"{key}\". Add it, e.g. \"{key}\": {example}; a check looks like {Example}.");
    }

    private TimeSpan Duration(JsonElement value, string path)
    {
        var text = _values.Text(value, path, "\"30s\"");
        return DurationText.Parse(text)
            ?? throw _values.Error($"{path} is \"{DisplayText.Escape(text)}\", which is not a duration. Write a number and a unit: \"500ms\", \"30s\", \"5m\" or \"1h\".");
    }

    // The builders' messages already name the check; the key path says where in the file to fix it.
    private AnalysisCheck Build(Func<AnalysisCheck> build, string path)
    {
        try
        {
            return build();
        }
        catch (RegistryException e) when (!e.Message.StartsWith(_source + ":", StringComparison.Ordinal))
        {
            throw _values.Error($"{path}: {e.Message}");
        }
    }
}
