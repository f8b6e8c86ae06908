using System.Diagnostics;
using System.Globalization;
using Spectre.Console;

namespace ModelRelease.Pipelines.Output;

/// <summary>
/// Shows a long push while it copies: a Spectre progress bar on an interactive terminal, a plain line every few
/// seconds elsewhere (CI logs, pipes), nothing for a push that is done within <see cref="QuietFor"/>. The push runs
/// on a worker thread; this thread only draws the latest figures the copy reported.
/// </summary>
internal sealed class PushProgressView : IProgress<PushProgress>
{
    /// <summary>A push this quick shows nothing but its summary line.</summary>
    private static readonly TimeSpan QuietFor = TimeSpan.FromSeconds(2);

    private static readonly TimeSpan PlainEvery = TimeSpan.FromSeconds(5);

    private PushProgress? _latest;

    /// <inheritdoc />
    public void Report(PushProgress value) => Volatile.Write(ref _latest, value);

    /// <summary>Runs <paramref name="push"/> (given this view as its progress) and shows its progress on <paramref name="console"/>.</summary>
    public static T Run<T>(IAnsiConsole console, Func<IProgress<PushProgress>, T> push)
    {
        var view = new PushProgressView();
        // A thread of its own, not the pool's: a starved pool could start the push late, and the view would then
        // wait out its quiet time on a push that has not begun.
        var work = Task.Factory.StartNew(() => push(view), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        if (!Finished(work, QuietFor))
        {
            var capabilities = console.Profile.Capabilities;
            if (capabilities.Interactive && capabilities.Ansi)
            {
                console.Progress().AutoClear(true).Start(context => view.DrawBar(context, work));
            }
            else
            {
                view.PrintLines(console, work);
            }
        }

        return work.GetAwaiter().GetResult();
    }

    /// <summary>"1.1 GB in 1.3 s (826 MB/s)": the summary line's size, time and throughput.</summary>
    public static string Throughput(long bytes, TimeSpan elapsed)
    {
        var seconds = Math.Max(elapsed.TotalSeconds, 0.001);
        var rate = (long)(bytes / seconds);
        return $"{ByteSize.Format(bytes)} in {seconds.ToString("0.0", CultureInfo.InvariantCulture)} s ({ByteSize.Format(rate)}/s)";
    }

    /// <summary>Waits for the push without throwing its failure here: the caller rethrows it as itself, not wrapped.</summary>
    private static bool Finished(Task work, TimeSpan timeout) => ((IAsyncResult)work).AsyncWaitHandle.WaitOne(timeout);

    private void DrawBar(ProgressContext context, Task work)
    {
        var bar = context.AddTask("Copying and hashing", maxValue: 1);
        while (!Finished(work, TimeSpan.FromMilliseconds(100)))
        {
            if (Volatile.Read(ref _latest) is { } now)
            {
                bar.Value = now.Fraction;
                bar.Description = $"Copying and hashing: {ByteSize.Format(now.BytesCopied)} of {ByteSize.Format(now.TotalBytes)}, {now.FilesCopied}/{now.TotalFiles} files";
            }
        }

        bar.Value = 1;
    }

    private void PrintLines(IAnsiConsole console, Task work)
    {
        var clock = Stopwatch.StartNew();
        do
        {
            if (Volatile.Read(ref _latest) is { } now)
            {
                console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"Copying and hashing: {now.Fraction * 100:0}%, {ByteSize.Format(now.BytesCopied)} of {ByteSize.Format(now.TotalBytes)}, {now.FilesCopied}/{now.TotalFiles} files, {clock.Elapsed.TotalSeconds + QuietFor.TotalSeconds:0} s"));
            }
        }
        while (!Finished(work, PlainEvery));
    }
}
