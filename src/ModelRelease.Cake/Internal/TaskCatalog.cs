namespace ModelRelease.Cake.Internal;

/// <summary>
/// The discovered tasks with their dependency edges resolved to names. Building it checks the whole graph, so a
/// cycle or a dangling dependency is reported at start-up, whatever the target.
/// </summary>
internal sealed class TaskCatalog
{
    private readonly Dictionary<string, TaskDefinition> _byName;
    private readonly Dictionary<string, List<string>> _dependencies;

    /// <param name="definitions">The tasks.</param>
    /// <param name="replaced">Stock type → the type that took its place (<c>Replace</c>): an edge to either leads to the replacement.</param>
    /// <param name="removed">Types removed with <c>Without</c>, with the name they had: a task may not depend on one.</param>
    public TaskCatalog(
        IEnumerable<TaskDefinition> definitions,
        IReadOnlyDictionary<Type, Type>? replaced = null,
        IReadOnlyDictionary<Type, string>? removed = null)
    {
        Tasks = definitions.OrderBy(d => d.Name, StringComparer.OrdinalIgnoreCase).ToList();
        _byName = new Dictionary<string, TaskDefinition>(StringComparer.OrdinalIgnoreCase);
        foreach (var task in Tasks)
        {
            if (!_byName.TryAdd(task.Name, task))
            {
                throw new PipelineDefinitionException(SameNameMessage(task.Name, _byName[task.Name].Type, task.Type));
            }
        }

        var byType = Tasks.ToDictionary(t => t.Type);
        foreach (var (stock, replacement) in replaced ?? new Dictionary<Type, Type>())
        {
            byType[stock] = byType[replacement];
        }

        removed ??= new Dictionary<Type, string>();
        _dependencies = Tasks.ToDictionary(t => t.Name, _ => new List<string>(), StringComparer.OrdinalIgnoreCase);
        foreach (var task in Tasks)
        {
            foreach (var type in task.DependsOn)
            {
                if (removed.TryGetValue(type, out var name))
                {
                    throw new PipelineDefinitionException(
                        $"Task '{task.Name}' ({task.Type.Name}) depends on '{name}', which Without<{type.Name}>() removes. Remove '{task.Name}' too " +
                        $"(Without<{task.Type.Name}>()), or keep '{name}' and put your own task in its place (Replace<{type.Name}, YourTask>()).");
                }

                AddEdge(task.Name, Resolve(task, type, byType, "depends on").Name);
            }

            // A removed task's place in another's dependencies goes with it: nothing is left that needs it.
            foreach (var type in task.DependeeOf.Where(t => !removed.ContainsKey(t)))
            {
                AddEdge(Resolve(task, type, byType, "is a dependee of").Name, task.Name);
            }

            foreach (var argument in task.Arguments.Where(a => HostOptions.Names.Contains(a.Name.ToLowerInvariant())))
            {
                throw new PipelineDefinitionException(
                    $"Task '{task.Name}' declares the argument --{argument.Name}, which the host reads itself ({string.Join(", ", HostOptions.Names.Select(n => "--" + n))}): give it another name.");
            }
        }

        FindCycle();
    }

    public IReadOnlyList<TaskDefinition> Tasks { get; }

    /// <summary>Task name → the names it depends on, in declaration order (dependees appended).</summary>
    public IReadOnlyDictionary<string, List<string>> Dependencies => _dependencies;

    public IEnumerable<string> Names => Tasks.Select(t => t.Name);

    public TaskDefinition? Find(string name) => _byName.GetValueOrDefault(name);

    public TaskDefinition Get(string name) => _byName[name];

    /// <summary>A derived task found next to its base takes the base's name; say how to use it in the base's place.</summary>
    private static string SameNameMessage(string name, Type first, Type second)
    {
        var (baseType, derived) = second.IsSubclassOf(first) ? (first, second) : first.IsSubclassOf(second) ? (second, first) : (null, null);
        if (baseType is null || derived is null)
        {
            return $"Two tasks are named '{name}': {first.FullName} and {second.FullName}. Give one of them another [TaskName].";
        }

        return $"Two tasks are named '{name}': {baseType.FullName} and {derived.FullName}, which derives from it and inherits its name. " +
               $"To run {derived.Name} in {baseType.Name}'s place, call host.Replace<{baseType.Name}, {derived.Name}>(); to keep both, give {derived.Name} its own [TaskName].";
    }

    /// <summary>The same edge declared twice (IsDependentOn on one side, IsDependeeOf on the other) is one edge; Cake would refuse the second.</summary>
    private void AddEdge(string task, string dependency)
    {
        var list = Dependencies[task];
        if (!list.Contains(dependency, StringComparer.OrdinalIgnoreCase))
        {
            list.Add(dependency);
        }
    }

    private static TaskDefinition Resolve(TaskDefinition task, Type type, Dictionary<Type, TaskDefinition> byType, string relation)
    {
        if (byType.TryGetValue(type, out var found))
        {
            return found;
        }

        if (!typeof(IPipelineTask).IsAssignableFrom(type) || type.IsAbstract)
        {
            throw new PipelineDefinitionException(
                $"Task '{task.Name}' {relation} {type.FullName}, which is not a task: give a concrete type deriving from PipelineTask<T> or AsyncPipelineTask<T>.");
        }

        throw new PipelineDefinitionException(
            $"Task '{task.Name}' {relation} {type.FullName}, which is not in the assemblies given to the host: add its assembly with AddAssembly or the type with AddTask.");
    }

    private void FindCycle()
    {
        var done = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var path = new List<string>();
        foreach (var task in Tasks)
        {
            Visit(task.Name, done, path);
        }
    }

    private void Visit(string name, HashSet<string> done, List<string> path)
    {
        if (done.Contains(name))
        {
            return;
        }

        var at = path.FindIndex(p => string.Equals(p, name, StringComparison.OrdinalIgnoreCase));
        if (at >= 0)
        {
            var cycle = string.Join(" -> ", path.Skip(at).Append(name));
            throw new PipelineDefinitionException($"The task graph has a cycle: {cycle}. Remove one of these dependencies.");
        }

        path.Add(name);
        foreach (var dependency in Dependencies[name])
        {
            Visit(dependency, done, path);
        }

        path.RemoveAt(path.Count - 1);
        done.Add(name);
    }
}
