using System.Text;
using System.Text.Json;
using ModelRelease.Internal;

namespace ModelRelease;

/// <summary>What validation found for a candidate: every check in order, and the stable version it was compared with.</summary>
/// <param name="Model">The model the candidate is for.</param>
/// <param name="Checks">The checks, in the order they ran: the artifact first, then each metric rule's.</param>
/// <param name="Baseline">The name of the stable version the metrics were compared with; null when there was none (a first release).</param>
public sealed record ValidationReport(string Model, IReadOnlyList<ValidationCheck> Checks, string? Baseline)
{
    /// <summary>True when every check passed.</summary>
    public bool Passed => Checks.All(c => c.Passed);

    /// <summary><see cref="Blessing.Blessed"/> when every check passed, else <see cref="Blessing.Rejected"/>.</summary>
    public Blessing Verdict => Passed ? Blessing.Blessed : Blessing.Rejected;

    /// <summary>The checks that failed, in order.</summary>
    public IReadOnlyList<ValidationCheck> Failures => Checks.Where(c => !c.Passed).ToList();

    /// <summary>
    /// Where the baseline's metrics came from: null when they are the ones recorded with the stable version, else a
    /// note such as "scored with the candidate on eval/holdout.jsonl (sha256:…)".
    /// </summary>
    public string? BaselineSource { get; init; }

    /// <summary>
    /// More evidence recorded with the verdict, by name (e.g. <c>evaluation</c>, <c>infraValidation</c>): objects the
    /// audit log stores as JSON beside the checks.
    /// </summary>
    public IReadOnlyDictionary<string, object?> Attachments { get; init; } = new Dictionary<string, object?>();

    /// <summary>The report as compact JSON, for the audit log: model, verdict, baseline, every check and the attachments.</summary>
    public string Evidence()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, JsonInput.Writer(indented: false)))
        {
            json.WriteStartObject();
            json.WriteString("model", Model);
            json.WriteString("verdict", Passed ? "blessed" : "rejected");
            json.WriteString("baseline", Baseline);
            json.WriteStartArray("checks");
            foreach (var check in Checks)
            {
                json.WriteStartObject();
                json.WriteString("name", check.Name);
                json.WriteString("actual", check.Actual);
                json.WriteString("expected", check.Expected);
                json.WriteBoolean("passed", check.Passed);
                if (check.Note is not null)
                {
                    json.WriteString("note", check.Note);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            if (BaselineSource is not null)
            {
                json.WriteString("baselineSource", BaselineSource);
            }

            foreach (var (name, attachment) in Attachments.OrderBy(a => a.Key, StringComparer.Ordinal))
            {
                json.WritePropertyName(name);
                JsonSerializer.Serialize(json, attachment, attachment?.GetType() ?? typeof(object));
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The failed checks as one sentence each, joined by "; "; empty when every check passed.</summary>
    public string FailureText() =>
        string.Join("; ", Failures.Select(f => f.Note ?? $"{f.Name} is {f.Actual}, expected {f.Expected}"));

    /// <summary>
    /// One line for logs and the blessing reason: the failed checks, e.g.
    /// <c>rejected: accuracy 0.78 &lt; 0.85 (at least); accuracy dropped 0.06 vs stable v2 (max 0.01)</c>, or how many
    /// checks passed and against which stable version.
    /// </summary>
    public string Summary()
    {
        var failures = Failures;
        if (failures.Count > 0)
        {
            return "rejected: " + FailureText();
        }

        var against = Baseline is null ? "no stable version to compare with" : $"compared with stable {Baseline}";
        return $"blessed: all {Checks.Count} checks passed ({against})";
    }
}
