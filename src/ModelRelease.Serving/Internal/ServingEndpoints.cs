using System.Diagnostics;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using ModelRelease.Onnx;

namespace ModelRelease.Serving.Internal;

/// <summary>The REST handlers: TF Serving's predict, status and metadata under <c>/v1/models/</c>, and <c>/metrics</c>.</summary>
internal sealed class ServingEndpoints
{
    // A request that loses its version to a reload between picking and holding it routes again on the newer
    // snapshot, which was published before the old version was retired, so a few tries always suffice.
    private const int RouteAttempts = 8;

    // Messages quote input names ('text'); the default encoder would send them as \u0027.
    private static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly VersionTable _table;
    private readonly WeightedRouter _router;
    private readonly ServingMetrics _metrics;
    private readonly Action<string>? _log;

    public ServingEndpoints(VersionTable table, WeightedRouter router, ServingMetrics metrics, Action<string>? log)
    {
        _table = table;
        _router = router;
        _metrics = metrics;
        _log = log;
    }

    public async Task PostAsync(HttpContext context, string? rest)
    {
        var path = ModelPath.Parse(rest);
        if (path is null || path.Metadata || path.Verb != "predict")
        {
            await ErrorAsync(context, StatusCodes.Status404NotFound, $"No such endpoint: POST {context.Request.Path}. Predict is POST /v1/models/<model>[/versions/<n>|/labels/<label>]:predict.").ConfigureAwait(false);
            return;
        }

        var (version, status, error) = Hold(path);
        if (version is null)
        {
            await ErrorAsync(context, status, error!).ConfigureAwait(false);
            return;
        }

        var clock = Stopwatch.StartNew();
        var metrics = _metrics.For(version.Model, version.Name);
        var failed = true;
        try
        {
            context.Response.Headers["X-Model-Version"] = version.Name;
            context.Response.Headers["X-Model-Version-Number"] = version.Number.ToString(CultureInfo.InvariantCulture);
            var (code, body) = await PredictAsync(version, metrics, context).ConfigureAwait(false);
            failed = code != StatusCodes.Status200OK;
            clock.Stop();
            await WriteAsync(context, code, body).ConfigureAwait(false);
        }
        finally
        {
            metrics.Record(clock.Elapsed, failed);
            version.Release();
        }
    }

    public async Task GetAsync(HttpContext context, string? rest)
    {
        var path = ModelPath.Parse(rest);
        if (path is null || path.Verb is not null)
        {
            await ErrorAsync(context, StatusCodes.Status404NotFound, $"No such endpoint: GET {context.Request.Path}. Status is GET /v1/models/<model>[/versions/<n>|/labels/<label>], metadata adds /metadata.").ConfigureAwait(false);
            return;
        }

        if (path.Metadata)
        {
            await MetadataAsync(context, path).ConfigureAwait(false);
            return;
        }

        var history = _table.History(path.Model);
        if (history.Count == 0)
        {
            await ErrorAsync(context, StatusCodes.Status404NotFound, NotFound(path.Model)).ConfigureAwait(false);
            return;
        }

        long? number = path.Version;
        if (path.Label is { } label)
        {
            if (!_table.Current.Models.TryGetValue(path.Model, out var view) || !view.Labels.TryGetValue(label, out var labelled))
            {
                await ErrorAsync(context, StatusCodes.Status404NotFound, $"Model '{path.Model}' has no version labelled '{label}'.").ConfigureAwait(false);
                return;
            }

            number = labelled;
        }

        var states = history.Select(v => v.State()).Where(s => number is null || s.Number == number).ToList();
        if (states.Count == 0)
        {
            await ErrorAsync(context, StatusCodes.Status404NotFound, $"Model '{path.Model}' has no version {number}; it has {string.Join(", ", history.Select(v => v.Number))}.").ConfigureAwait(false);
            return;
        }

        var statuses = new JsonArray();
        foreach (var state in states)
        {
            statuses.Add(new JsonObject
            {
                ["version"] = state.Number.ToString(CultureInfo.InvariantCulture),
                ["state"] = ServingMetrics.StateName(state.State),
                ["status"] = new JsonObject
                {
                    ["error_code"] = state.Error is null ? "OK" : "UNKNOWN",
                    ["error_message"] = state.Error ?? "",
                },
            });
        }

        await WriteAsync(context, StatusCodes.Status200OK, new JsonObject { ["model_version_status"] = statuses }).ConfigureAwait(false);
    }

    public Task MetricsAsync(HttpContext context)
    {
        context.Response.ContentType = PrometheusText.ContentType;
        return context.Response.WriteAsync(_metrics.Render(_table), context.RequestAborted);
    }

    private async Task<(int Code, JsonObject Body)> PredictAsync(ServedVersion version, VersionMetrics metrics, HttpContext context)
    {
        try
        {
            using var request = await PredictRequest.ReadAsync(context.Request.Body, context.RequestAborted).ConfigureAwait(false);
            var predictions = new JsonArray();
            var correct = new List<bool>();
            for (var i = 0; i < request.Instances.Count; i++)
            {
                IReadOnlyDictionary<string, JsonNode?> outputs;
                try
                {
                    outputs = version.Onnx.Predict(request.Instances[i]);
                }
                catch (ModelInputException e)
                {
                    throw new FormatException($"instances[{i}]: {e.Message}", e);
                }

                predictions.Add(new JsonObject(outputs.Select(o => KeyValuePair.Create(o.Key, o.Value))));
                if (request.Labels is { } labels && PredictedClass.Of(outputs) is { } predicted)
                {
                    correct.Add(predicted == labels[i]);
                }
            }

            metrics.RecordLabelled(correct);
            return (StatusCodes.Status200OK, new JsonObject { ["predictions"] = predictions });
        }
        catch (FormatException e)
        {
            return (StatusCodes.Status400BadRequest, new JsonObject { ["error"] = e.Message });
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _log?.Invoke($"{version.Model} version {version.Number} ({version.Name}) failed a prediction: {e.Message}");
            return (StatusCodes.Status500InternalServerError, new JsonObject { ["error"] = $"{version.Model} version {version.Number} failed the prediction: {e.Message}" });
        }
    }

    private async Task MetadataAsync(HttpContext context, ModelPath path)
    {
        var (version, status, error) = Hold(path);
        if (version is null)
        {
            await ErrorAsync(context, status, error!).ConfigureAwait(false);
            return;
        }

        try
        {
            var signature = version.Onnx.Signature;
            var definition = new JsonObject
            {
                ["inputs"] = Tensors(signature.Inputs, OnnxModel.DisplayName),
                ["outputs"] = Tensors(signature.Outputs, OnnxModel.DisplayName),
                ["method_name"] = "tensorflow/serving/predict",
            };
            await WriteAsync(context, StatusCodes.Status200OK, new JsonObject
            {
                ["model_spec"] = new JsonObject { ["name"] = version.Model, ["signature_name"] = "", ["version"] = version.Number.ToString(CultureInfo.InvariantCulture) },
                ["metadata"] = new JsonObject { ["signature_def"] = new JsonObject { ["signature_def"] = new JsonObject { ["serving_default"] = definition } } },
            }).ConfigureAwait(false);
        }
        finally
        {
            version.Release();
        }
    }

    private static JsonObject Tensors(IReadOnlyList<TensorSpec> tensors, Func<string, string> displayName)
    {
        var result = new JsonObject();
        foreach (var tensor in tensors)
        {
            result[displayName(tensor.Name)] = new JsonObject
            {
                ["dtype"] = tensor.ElementType,
                ["tensor_shape"] = new JsonObject { ["dim"] = new JsonArray(tensor.Shape.Select(d => (JsonNode)new JsonObject { ["size"] = d.ToString(CultureInfo.InvariantCulture) }).ToArray()) },
                ["name"] = tensor.Name,
            };
        }

        return result;
    }

    /// <summary>Picks the version the request goes to and holds it; or the status and message to answer with.</summary>
    private (ServedVersion? Version, int Status, string? Error) Hold(ModelPath path)
    {
        for (var attempt = 0; attempt < RouteAttempts; attempt++)
        {
            if (!_table.Current.Models.TryGetValue(path.Model, out var view))
            {
                return (null, StatusCodes.Status404NotFound, NotFound(path.Model));
            }

            ServedVersion? version;
            if (path.Version is { } number)
            {
                if (!view.Versions.TryGetValue(number, out version))
                {
                    return (null, StatusCodes.Status404NotFound, $"Model '{path.Model}' does not serve version {number}; it serves {Numbers(view)}.");
                }
            }
            else if (path.Label is { } label)
            {
                if (!view.Labels.TryGetValue(label, out var labelled) || !view.Versions.TryGetValue(labelled, out version))
                {
                    return (null, StatusCodes.Status404NotFound, $"Model '{path.Model}' has no version labelled '{label}'; its labels are {string.Join(", ", view.Labels.Keys.Order(StringComparer.Ordinal))}.");
                }
            }
            else
            {
                version = _router.Pick(view);
            }

            if (version is null || (path.Version is not null || path.Label is not null) && !version.IsAvailable)
            {
                var what = version is null ? "no version" : $"version {version.Number} ({ServingMetrics.StateName(version.State().State)})";
                return (null, StatusCodes.Status503ServiceUnavailable, $"{path.Describe()} has {what} loaded to answer; see GET /v1/models/{path.Model} for its versions' states.");
            }

            if (version.TryAcquire())
            {
                return (version, StatusCodes.Status200OK, null);
            }
        }

        return (null, StatusCodes.Status503ServiceUnavailable, $"{path.Describe()} is being reloaded; try again.");
    }

    private string NotFound(string model)
    {
        var served = _table.Current.Models.Keys.Order(StringComparer.Ordinal).ToList();
        return $"Servable not found for request: model '{model}' is not served here; served models: {(served.Count == 0 ? "none" : string.Join(", ", served))}.";
    }

    private static string Numbers(ModelView view) => view.Versions.Count == 0 ? "none" : string.Join(", ", view.Versions.Keys.Order());

    private static Task ErrorAsync(HttpContext context, int status, string message) =>
        WriteAsync(context, status, new JsonObject { ["error"] = message });

    private static async Task WriteAsync(HttpContext context, int status, JsonObject body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString(Readable), context.RequestAborted).ConfigureAwait(false);
    }
}
