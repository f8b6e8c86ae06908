using Spectre.Console;
using Spectre.Console.Rendering;

namespace ModelRelease.Cake.Internal;

/// <summary>
/// The host's Spectre console, made on the first use of anything of Spectre's (a table, a tree, a prompt, its profile).
/// Until then <see cref="MarkupLines"/> writes its simple lines to <see cref="Writer"/> itself, as the console would:
/// making the console (capabilities, encoding, its defaults) costs a release step's start as much as its label move,
/// and a label move prints nothing else.
/// </summary>
internal sealed class DeferredConsole(Func<IAnsiConsole> create, TextWriter writer, bool ansi, Func<int> width) : IAnsiConsole
{
    private readonly Lazy<IAnsiConsole> _console = new(create);

    /// <summary>True once Spectre's console exists; from then on every line goes through it.</summary>
    public bool IsCreated => _console.IsValueCreated;

    /// <summary>Standard output, the writer the console is made over.</summary>
    public TextWriter Writer => writer;

    /// <summary>True when the console writes escapes (the standard 16 colours); false for none at all.</summary>
    public bool Ansi => ansi;

    /// <summary>The columns a line may take, as the console's profile will say.</summary>
    public int Width => width();

    public Profile Profile => _console.Value.Profile;

    public IAnsiConsoleCursor Cursor => _console.Value.Cursor;

    public IAnsiConsoleInput Input => _console.Value.Input;

    public IExclusivityMode ExclusivityMode => _console.Value.ExclusivityMode;

    public RenderPipeline Pipeline => _console.Value.Pipeline;

    public void Clear(bool home) => _console.Value.Clear(home);

    public void Write(IRenderable renderable) => _console.Value.Write(renderable);

    public void WriteAnsi(Action<AnsiWriter> action) => _console.Value.WriteAnsi(action);
}
