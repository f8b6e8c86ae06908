namespace ModelRelease.Serving.Internal;

/// <summary>
/// The versions the server holds, kept in step with models.config and routing.json. A change is applied in the
/// order that never drops a request: new versions are loaded first, then the new routing snapshot is published,
/// then versions no longer asked for are retired (each unloads when its last request has answered).
/// </summary>
internal sealed class VersionTable
{
    public const string ModelsConfigFile = "models.config";
    public const string RoutingFile = "routing.json";

    private readonly string _root;
    private readonly IReadOnlyList<string>? _filter;
    private readonly Action<string>? _log;
    private readonly object _reconcile = new();
    private readonly object _historyGate = new();
    private readonly Dictionary<string, SortedDictionary<long, ServedVersion>> _history = new(StringComparer.Ordinal);
    private ServingSnapshot _current = ServingSnapshot.Empty;
    private string? _configText;
    private string? _routingText;
    private string? _lastProblem;

    public VersionTable(string root, IReadOnlyList<string>? filter, Action<string>? log)
    {
        _root = root;
        _filter = filter;
        _log = log;
    }

    public ServingSnapshot Current => Volatile.Read(ref _current);

    /// <summary>Every version the model has had, newest number first; empty for a model never served.</summary>
    public IReadOnlyList<ServedVersion> History(string model)
    {
        lock (_historyGate)
        {
            return _history.TryGetValue(model, out var versions) ? versions.Values.Reverse().ToList() : [];
        }
    }

    public IReadOnlyList<string> KnownModels()
    {
        lock (_historyGate)
        {
            return _history.Keys.Order(StringComparer.Ordinal).ToList();
        }
    }

    /// <summary>Re-reads both files and applies a change; a malformed file keeps what is served and is logged once.</summary>
    public void Reconcile()
    {
        lock (_reconcile)
        {
            var configText = Read(ModelsConfigFile);
            var routingText = Read(RoutingFile) ?? "{\"models\":{}}";
            if (configText is null || (configText == _configText && routingText == _routingText))
            {
                return;
            }

            IReadOnlyList<ServedModelConfig> config;
            IReadOnlyDictionary<string, IReadOnlyList<Route>> routing;
            try
            {
                config = ModelsConfigReader.Parse(configText);
                routing = RoutingReader.Parse(routingText);
            }
            catch (FormatException e)
            {
                var problem = $"Kept the models served so far: {e.Message}. Fix the file (ModelRelease's Verify --repair rewrites it from the registry).";
                if (problem != _lastProblem)
                {
                    _log?.Invoke(problem);
                    _lastProblem = problem;
                }

                return;
            }

            _lastProblem = null;
            if (_configText is not null)
            {
                _log?.Invoke($"The serving configuration changed under {_root}; applying it.");
            }

            Apply(config, routing);
            _configText = configText;
            _routingText = routingText;
        }
    }

    /// <summary>Retires every version (the server is stopping); they unload as their last requests answer.</summary>
    public void RetireAll()
    {
        lock (_reconcile)
        {
            var old = Current;
            Volatile.Write(ref _current, ServingSnapshot.Empty);
            foreach (var version in old.Models.Values.SelectMany(m => m.Versions.Values))
            {
                version.Retire();
            }
        }
    }

    private void Apply(IReadOnlyList<ServedModelConfig> config, IReadOnlyDictionary<string, IReadOnlyList<Route>> routing)
    {
        var old = Current;
        var models = new Dictionary<string, ModelView>(StringComparer.Ordinal);
        foreach (var model in config.Where(m => _filter is null || _filter.Contains(m.Name, StringComparer.Ordinal)))
        {
            old.Models.TryGetValue(model.Name, out var previous);
            var versions = new Dictionary<long, ServedVersion>();
            foreach (var number in model.Versions)
            {
                versions[number] = previous is not null && previous.Versions.TryGetValue(number, out var kept) ? kept : Load(model.Name, number);
            }

            models[model.Name] = new ModelView(model.Name, versions, model.Labels, routing.TryGetValue(model.Name, out var routes) ? routes : []);
        }

        Volatile.Write(ref _current, new ServingSnapshot(models));
        foreach (var (name, view) in old.Models)
        {
            foreach (var version in view.Versions.Values.Where(v => !models.TryGetValue(name, out var now) || !now.Versions.ContainsKey(v.Number)))
            {
                _log?.Invoke($"Unloading {name} version {version.Number} ({version.Name}): models.config no longer lists it.");
                version.Retire();
            }
        }
    }

    private ServedVersion Load(string model, long number)
    {
        var directory = VersionDirectory(_root, model, number);
        var version = new ServedVersion(model, number, VersionName(directory, number), directory, _log);
        lock (_historyGate)
        {
            if (!_history.TryGetValue(model, out var versions))
            {
                _history[model] = versions = [];
            }

            versions[number] = version;
        }

        var error = version.Load();
        _log?.Invoke(error is null
            ? $"Loaded {model} version {number} ({version.Name}) from {directory}."
            : $"Could not load {model} version {number} ({version.Name}); it gets no traffic: {error}");
        return version;
    }

    public static string VersionDirectory(string root, string model, long number) =>
        Path.Combine(root, model, ServingLayout.ServingDirectoryName, number.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The version's name: the <c>versions/&lt;name&gt;</c> its serving link points at, or the number for a plain directory.</summary>
    public static string VersionName(string directory, long number)
    {
        try
        {
            var target = new DirectoryInfo(directory).LinkTarget;
            if (target is not null)
            {
                return Path.GetFileName(target.TrimEnd('/', '\\'));
            }
        }
        catch (IOException)
        {
        }

        return number.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private string? Read(string file)
    {
        try
        {
            return File.ReadAllText(Path.Combine(_root, file));
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
        catch (IOException e)
        {
            _log?.Invoke($"Could not read {file}: {e.Message}; will try again.");
            return null;
        }
    }
}
