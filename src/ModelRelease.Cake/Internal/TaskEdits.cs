namespace ModelRelease.Cake.Internal;

/// <summary>
/// The host's <c>Replace</c> and <c>Without</c> calls, applied to the discovered task types before the catalog is
/// built. A replacement takes the stock task's name and place: its dependencies, and every edge other tasks declare
/// to the stock type, which then lead to the replacement. A removed task leaves no edge; a task that still depends on
/// it is refused when the catalog resolves its edges, so a release never runs without a step it was built on.
/// </summary>
internal sealed class TaskEdits
{
    private readonly List<(Type Stock, Type Replacement)> _replacements = [];
    private readonly List<Type> _removals = [];

    public void Replace(Type stock, Type replacement) => _replacements.Add((stock, replacement));

    public void Remove(Type task)
    {
        if (!_removals.Contains(task))
        {
            _removals.Add(task);
        }
    }

    public TaskCatalog BuildCatalog(IReadOnlyCollection<Type> discovered)
    {
        Check(discovered);
        var replaced = _replacements.ToDictionary(r => r.Stock, r => r.Replacement);
        var replacementTypes = replaced.Values.ToHashSet();
        var definitions = new List<TaskDefinition>();
        foreach (var type in discovered.Where(t => !_removals.Contains(t) && !replacementTypes.Contains(t)))
        {
            var definition = TaskDiscovery.Describe(type);
            definitions.Add(replaced.TryGetValue(type, out var replacement) ? TaskDiscovery.Replace(definition, replacement) : definition);
        }

        var removed = _removals.ToDictionary(t => t, t => TaskDiscovery.Describe(t).Name);
        return new TaskCatalog(definitions, replaced, removed);
    }

    private void Check(IReadOnlyCollection<Type> discovered)
    {
        foreach (var (stock, replacement) in _replacements)
        {
            var call = $"Replace<{stock.Name}, {replacement.Name}>()";
            if (!discovered.Contains(stock))
            {
                throw new PipelineDefinitionException(
                    $"{call}: {stock.FullName} is not among the host's tasks, so there is nothing to replace. Add its assembly with AddAssembly, or add {replacement.Name} as a task of its own with AddTask<{replacement.Name}>().");
            }

            if (stock == replacement)
            {
                throw new PipelineDefinitionException($"{call} replaces {stock.Name} with itself: give the type that takes its place.");
            }

            if (_replacements.FirstOrDefault(r => r.Stock == stock && r.Replacement != replacement) is { Stock: not null } other)
            {
                throw new PipelineDefinitionException(
                    $"{stock.Name} is replaced twice, by {replacement.Name} and by {other.Replacement.Name}: one task takes its place; keep one Replace call.");
            }

            if (_replacements.FirstOrDefault(r => r.Replacement == replacement && r.Stock != stock) is { Stock: not null } twice)
            {
                throw new PipelineDefinitionException(
                    $"{replacement.Name} replaces both {stock.Name} and {twice.Stock.Name}: one type can take one task's place; derive a second type for the other.");
            }

            if (_replacements.Any(r => r.Stock == replacement))
            {
                throw new PipelineDefinitionException(
                    $"{replacement.Name} replaces {stock.Name} and is itself replaced: replace {stock.Name} with the last type directly.");
            }

            if (_removals.Contains(stock) || _removals.Contains(replacement))
            {
                var removed = _removals.Contains(stock) ? stock : replacement;
                throw new PipelineDefinitionException(
                    $"{removed.Name} is both in {call} and removed with Without<{removed.Name}>(): keep the one you mean.");
            }
        }

        foreach (var removal in _removals.Where(r => !discovered.Contains(r)))
        {
            throw new PipelineDefinitionException(
                $"Without<{removal.Name}>(): {removal.FullName} is not among the host's tasks, so there is nothing to remove. Check the type, or drop the call.");
        }
    }
}
