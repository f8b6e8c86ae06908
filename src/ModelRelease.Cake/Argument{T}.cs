using Cake.Core;
using ModelRelease.Cake.Internal;

namespace ModelRelease.Cake;

/// <summary>
/// A typed <c>--name=value</c> argument; create one with the factories on <see cref="Argument"/>
/// (<c>Argument.Int32("weight", "canary traffic percentage", 10).Between(1, 99)</c>). It is immutable: each
/// <c>With…</c>, <see cref="Required"/>, range or <see cref="Check"/> returns a new declaration, so a task can take a
/// shared one and give it its own meaning (<c>ReleaseArguments.Version.WithDescription("the version to canary")</c>)
/// without writing the name, type or range again.
/// </summary>
/// <typeparam name="T">What the value is read as; nullable when the argument has no default.</typeparam>
public sealed class Argument<T> : Argument
{
    private readonly ArgumentKind<T> _kind;
    private readonly bool _hasDefault;
    private readonly (bool Has, T Value) _min;
    private readonly (bool Has, T Value) _max;
    private readonly IReadOnlyList<Func<T, string?>> _checks;
    private readonly string? _example;

    internal Argument(string name, string description, ArgumentKind<T> kind)
        : this(CheckName(name), description, kind, hasDefault: false, defaultValue: default!)
    {
    }

    internal Argument(string name, string description, ArgumentKind<T> kind, T defaultValue)
        : this(CheckName(name), description, kind, hasDefault: true, defaultValue)
    {
    }

    private Argument(string name, string description, ArgumentKind<T> kind, bool hasDefault, T defaultValue)
    {
        ArgumentNullException.ThrowIfNull(description);
        Name = name;
        Description = description;
        _kind = kind;
        _hasDefault = hasDefault;
        Default = defaultValue;
        _checks = [];
    }

    private Argument(Argument<T> from, string? description = null, string? example = null, bool? required = null, (bool, T)? min = null, (bool, T)? max = null, Func<T, string?>? check = null)
    {
        Name = from.Name;
        Description = description ?? from.Description;
        _example = example ?? from._example;
        IsRequired = required ?? from.IsRequired;
        _kind = from._kind;
        _hasDefault = from._hasDefault;
        Default = from.Default;
        _min = min ?? from._min;
        _max = max ?? from._max;
        _checks = check is null ? from._checks : [.. from._checks, check];
    }

    /// <inheritdoc />
    public override string Name { get; }

    /// <inheritdoc />
    public override string Description { get; }

    /// <summary>
    /// A right value for error messages: the declared example (<see cref="WithExample"/>), else the default (brought
    /// into range), else an end of the range; null for a switch, or text without one.
    /// </summary>
    public override string? Example =>
        _example ?? (IsFlag ? null
            : _hasDefault && Default is not null ? _kind.Format(Clamp(Default))
            : _min.Has ? _kind.Format(_min.Value)
            : _max.Has ? _kind.Format(_max.Value)
            : null);

    /// <inheritdoc />
    public override bool IsRequired { get; }

    /// <inheritdoc />
    public override bool IsFlag => _kind.IsFlag;

    /// <summary>The value when the argument is absent: the factory's default, else null (false for a switch).</summary>
    public T Default { get; }

    /// <summary>The same argument with the meaning it has for one task ("the version to canary"); help lists each meaning with its tasks.</summary>
    /// <param name="description">What the argument means to the task that declares this.</param>
    public Argument<T> WithDescription(string description)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(description);
        return new(this, description: description);
    }

    /// <summary>The same argument with <paramref name="example"/> as the right value error messages show (<c>e.g. --model=sentiment</c>).</summary>
    /// <param name="example">A value as the command line would give it.</param>
    public Argument<T> WithExample(string example)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(example);
        return new(this, example: example);
    }

    /// <summary>The same argument, required: a task declaring this does not run without it (exit 2 before any task).</summary>
    public Argument<T> Required() => new(this, required: true);

    /// <summary>The same argument, refusing a value below <paramref name="min"/> or above <paramref name="max"/>.</summary>
    /// <param name="min">The least value allowed.</param>
    /// <param name="max">The greatest value allowed.</param>
    /// <exception cref="InvalidOperationException">The argument's values have no order (text, a path, a switch, choices).</exception>
    public Argument<T> Between(T min, T max)
    {
        RequireOrder(min);
        RequireOrder(max);
        return Comparer<T>.Default.Compare(min, max) > 0
            ? throw new ArgumentException($"--{Name}: the range {_kind.Format(min)} to {_kind.Format(max)} is empty; give the least value first.", nameof(min))
            : new(this, min: (true, min), max: (true, max));
    }

    /// <summary>The same argument, refusing a value below <paramref name="min"/>.</summary>
    /// <param name="min">The least value allowed.</param>
    /// <exception cref="InvalidOperationException">The argument's values have no order.</exception>
    public Argument<T> AtLeast(T min)
    {
        RequireOrder(min);
        return new(this, min: (true, min));
    }

    /// <summary>The same argument, refusing a value above <paramref name="max"/>.</summary>
    /// <param name="max">The greatest value allowed.</param>
    /// <exception cref="InvalidOperationException">The argument's values have no order.</exception>
    public Argument<T> AtMost(T max)
    {
        RequireOrder(max);
        return new(this, max: (true, max));
    }

    /// <summary>
    /// The same argument with a check of its own: <paramref name="problem"/> gets each given value (never the
    /// default) and returns why it is wrong, or null when it is fine. The host refuses a value with a problem as
    /// <c>--name: problem.</c> (exit 2), before any task runs.
    /// </summary>
    /// <param name="problem">Why a value is wrong, e.g. <c>name =&gt; Names.ModelProblem(name)</c>; null for a right one.</param>
    public Argument<T> Check(Func<T, string?> problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return new(this, check: problem);
    }

    /// <summary>The value in <paramref name="context"/>; the same as <c>context.Get(argument)</c>.</summary>
    /// <param name="context">The run's context.</param>
    public T Read(PipelineContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Get(this);
    }

    /// <inheritdoc />
    public override string ToString() => "--" + Name;

    internal override string HelpText
    {
        get
        {
            var details = new List<string>();
            if (_kind.Choices is { } choices)
            {
                details.Add(choices.Count == 2 ? $"{choices[0]} or {choices[1]}" : "one of " + string.Join(", ", choices));
            }
            else if (_kind.HelpNoun is { } noun)
            {
                details.Add(noun);
            }

            if (_min.Has || _max.Has)
            {
                details.Add(_min.Has && _max.Has ? $"{_kind.Format(_min.Value)} to {_kind.Format(_max.Value)}"
                    : _min.Has ? $"at least {_kind.Format(_min.Value)}"
                    : $"at most {_kind.Format(_max.Value)}");
            }

            if (_hasDefault && !IsFlag && Default is not null)
            {
                details.Add("default " + _kind.Format(Default));
            }

            return details.Count == 0 ? Description : $"{Description} ({string.Join(", ", details)})";
        }
    }

    internal override void ReadInto(PipelineContext context) => context.Get(this);

    /// <summary>Parses the value given in <paramref name="arguments"/>, or gives the default when it is absent.</summary>
    /// <exception cref="PipelineUsageException">The value is empty, given twice differently, not valid, out of range, or has a problem.</exception>
    internal T ReadFrom(ICakeArguments arguments, string workingDirectory)
    {
        var text = GivenText(arguments, Name, IsFlag);
        if (text is null)
        {
            return IsRequired
                ? throw new PipelineUsageException($"--{Name} is required ({Description}){ExampleText}.")
                : Default;
        }

        var parse = _kind.Parse(Name, text, workingDirectory);
        if (parse.Refusal is { } refusal)
        {
            throw new PipelineUsageException(refusal);
        }

        if (!parse.IsValid || !InRange(parse.Value))
        {
            throw new PipelineUsageException(InvalidMessage(text));
        }

        foreach (var check in _checks)
        {
            if (check(parse.Value) is { } problem)
            {
                throw new PipelineUsageException($"--{Name}: {problem}{(problem.EndsWith('.') || problem.EndsWith('?') ? string.Empty : ".")}");
            }
        }

        return parse.Value;
    }

    private string InvalidMessage(string text)
    {
        var given = $"--{Name}={ArgumentValues.Escape(text)} is not valid";
        if (_kind.Choices is { } choices)
        {
            return $"{given}: choose one of {string.Join(", ", choices)}.";
        }

        var range = _min.Has && _max.Has ? $" from {_kind.Format(_min.Value)} to {_kind.Format(_max.Value)}"
            : _min.Has ? $" of at least {_kind.Format(_min.Value)}"
            : _max.Has ? $" of at most {_kind.Format(_max.Value)}"
            : string.Empty;
        return $"{given}: give {_kind.Noun}{range}{_kind.Hint}{ExampleText}.";
    }

    /// <summary>", e.g. --weight=10", or nothing when there is no example.</summary>
    private string ExampleText => Example is { } example ? $", e.g. --{Name}={example}" : string.Empty;

    private bool InRange(T value) =>
        value is null
        || ((!_min.Has || Comparer<T>.Default.Compare(value, _min.Value) >= 0) && (!_max.Has || Comparer<T>.Default.Compare(value, _max.Value) <= 0));

    private T Clamp(T value) =>
        _min.Has && Comparer<T>.Default.Compare(value, _min.Value) < 0 ? _min.Value
        : _max.Has && Comparer<T>.Default.Compare(value, _max.Value) > 0 ? _max.Value
        : value;

    private void RequireOrder(T bound)
    {
        if (!_kind.IsOrdered)
        {
            throw new InvalidOperationException($"--{Name} takes {_kind.Noun}, which has no order: a range applies to numbers and durations. Use Check for other rules.");
        }

        if (bound is null)
        {
            throw new ArgumentNullException(nameof(bound), $"A bound of --{Name}'s range is null; give a value.");
        }
    }
}
