using System.Reflection;
using Cake.Core;

namespace ModelRelease.Cake.Internal;

/// <summary>Maps a failure to the exit code of the CLI contract, looking through the wrappers the engine and reflection add.</summary>
internal static class ExceptionClassifier
{
    public static Exception Unwrap(Exception exception)
    {
        while (true)
        {
            switch (exception)
            {
                case AggregateException { InnerExceptions.Count: 1 } aggregate:
                    exception = aggregate.InnerExceptions[0];
                    continue;
                case TargetInvocationException { InnerException: { } inner }:
                    exception = inner;
                    continue;
                case CakeReportException { InnerException: { } reported }:
                    // The engine wraps a task's failure to carry its report; the cause is inside.
                    exception = reported;
                    continue;
                default:
                    return exception;
            }
        }
    }

    public static int ExitCodeFor(Exception exception) => Unwrap(exception) switch
    {
        GateRejectedException => ExitCodes.GateRejected,
        PipelineUsageException => ExitCodes.UsageError,
        _ => ExitCodes.TaskFailed,
    };
}
