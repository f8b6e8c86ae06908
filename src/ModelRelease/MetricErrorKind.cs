namespace ModelRelease;

/// <summary>Why a metric source could not answer a query.</summary>
public enum MetricErrorKind
{
    /// <summary>The source could not be reached: connection refused, unknown host, missing file.</summary>
    Unreachable,

    /// <summary>The source did not answer in time.</summary>
    Timeout,

    /// <summary>The source answered with an HTTP status that is not success.</summary>
    HttpStatus,

    /// <summary>The answer was not in the expected shape (not JSON, missing fields, a value that is not a number).</summary>
    MalformedResponse,

    /// <summary>The source refused the query itself (a PromQL syntax error, an unknown function).</summary>
    QueryRejected,

    /// <summary>The query returned several values where one number was needed.</summary>
    NotAScalar,
}
