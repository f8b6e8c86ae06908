namespace ModelRelease.Cake;

/// <summary>
/// What the tasks of this run made, for the tasks and lifetimes after them: one typed result per type, the newest
/// kept. Push sets the version it pushed, Canary the step it took; a team's own task adds its result the same way
/// (<c>context.Results.Set(new SmokeTestResult(...))</c>) and a later one reads it (<c>context.Results.Find&lt;SmokeTestResult&gt;()</c>).
/// In a dry run the tasks set what their plans would make, so later tasks plan on it.
/// </summary>
public sealed class TaskResults
{
    private readonly Dictionary<Type, object> _results = [];

    /// <summary>Keeps <paramref name="result"/> as this run's <typeparamref name="T"/>, replacing an earlier one.</summary>
    public void Set<T>(T result)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(result);
        _results[typeof(T)] = result;
    }

    /// <summary>This run's <typeparamref name="T"/>, or null when no task has made one.</summary>
    public T? Find<T>()
        where T : class => _results.TryGetValue(typeof(T), out var result) ? (T)result : null;

    /// <summary>This run's <typeparamref name="T"/>.</summary>
    /// <exception cref="InvalidOperationException">No task of this run has made a <typeparamref name="T"/>: the task that makes it did not run before.</exception>
    public T Get<T>()
        where T : class => Find<T>() ?? throw new InvalidOperationException(
            $"No task of this run has made a {typeof(T).Name}. Run the task that makes it first: make it a dependency ([IsDependentOn]) or name it before this one as a target.");
}
