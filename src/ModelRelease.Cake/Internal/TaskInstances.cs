namespace ModelRelease.Cake.Internal;

/// <summary>Creates each task the first time the engine needs it, so tasks that are not part of the run are never constructed.</summary>
internal sealed class TaskInstances(TaskCatalog catalog, Func<Type, IPipelineTask> create)
{
    private readonly Dictionary<string, IPipelineTask> _created = new(StringComparer.OrdinalIgnoreCase);

    public IPipelineTask Get(string name)
    {
        if (!_created.TryGetValue(name, out var task))
        {
            task = create(catalog.Get(name).Type);
            _created[name] = task;
        }

        return task;
    }
}
