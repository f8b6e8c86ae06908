using ModelRelease.Onnx;

namespace ModelRelease.Serving.Internal;

/// <summary>
/// One loaded (or loading, or failed) version of a model. Requests hold it (<see cref="TryAcquire"/> /
/// <see cref="Release"/>), and a retired version is disposed only when the last request holding it has answered,
/// so a label move never pulls a model out from under a request.
/// </summary>
internal sealed class ServedVersion
{
    private readonly object _gate = new();
    private OnnxModel? _model;
    private int _inFlight;
    private ServedState _state = ServedState.Start;
    private string? _error;

    private readonly Action<string>? _log;

    public ServedVersion(string model, long number, string name, string directory, Action<string>? log)
    {
        _log = log;
        Model = model;
        Number = number;
        Name = name;
        Directory = directory;
    }

    public string Model { get; }

    public long Number { get; }

    public string Name { get; }

    public string Directory { get; }

    /// <summary>The loaded model; only valid while the caller holds the version.</summary>
    public OnnxModel Onnx => _model ?? throw new InvalidOperationException($"{Model} version {Number} is not loaded");

    public ServedVersionState State()
    {
        lock (_gate)
        {
            return new ServedVersionState(Number, Name, _state, _error);
        }
    }

    public bool IsAvailable
    {
        get
        {
            lock (_gate)
            {
                return _state == ServedState.Available;
            }
        }
    }

    /// <summary>Loads the model: Loading, then Available, or End with the error. Returns the error, null when loaded.</summary>
    public string? Load()
    {
        lock (_gate)
        {
            _state = ServedState.Loading;
        }

        try
        {
            var model = OnnxModel.Load(Directory);
            lock (_gate)
            {
                _model = model;
                _state = ServedState.Available;
            }

            return null;
        }
        catch (Exception e) when (e is ModelLoadException or IOException or UnauthorizedAccessException)
        {
            lock (_gate)
            {
                _state = ServedState.End;
                _error = e.Message;
            }

            return e.Message;
        }
    }

    /// <summary>Holds the version for one request; false when it is no longer available (the caller routes again).</summary>
    public bool TryAcquire()
    {
        lock (_gate)
        {
            if (_state != ServedState.Available)
            {
                return false;
            }

            _inFlight++;
            return true;
        }
    }

    public void Release()
    {
        lock (_gate)
        {
            _inFlight--;
            if (_state == ServedState.Unloading && _inFlight == 0)
            {
                Unload();
            }
        }
    }

    /// <summary>Takes no new requests; unloads now if none holds it, else when the last one releases it. True when already unloaded.</summary>
    public bool Retire()
    {
        lock (_gate)
        {
            if (_state == ServedState.End)
            {
                return true;
            }

            _state = ServedState.Unloading;
            if (_inFlight == 0)
            {
                Unload();
            }

            return _state == ServedState.End;
        }
    }

    private void Unload()
    {
        _model?.Dispose();
        _model = null;
        _state = ServedState.End;
        _log?.Invoke($"Unloaded {Model} version {Number} ({Name}).");
    }
}
