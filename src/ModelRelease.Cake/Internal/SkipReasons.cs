namespace ModelRelease.Cake.Internal;

/// <summary>
/// Why each skipped task was skipped in this run. Cake's criteria carry one fixed message, set when the task is
/// registered; a task's reason depends on the run (<c>--skip-validation given</c>), so the criteria record it here
/// and the step printer and the report read it back.
/// </summary>
internal sealed class SkipReasons
{
    private readonly Dictionary<string, string> _reasons = new(StringComparer.OrdinalIgnoreCase);

    public void Record(string task, string reason) => _reasons[task] = reason;

    public string? For(string task) => _reasons.GetValueOrDefault(task);
}
