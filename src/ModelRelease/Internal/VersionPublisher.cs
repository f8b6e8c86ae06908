namespace ModelRelease.Internal;

/// <summary>
/// The push of one version. The slow part (hashing and copying gigabytes) happens before the store is locked,
/// into a hidden directory inside <c>versions/</c> on the same filesystem (see <see cref="IncomingCopies"/>); under the lock the copy is renamed
/// into place, the row written and the serving view synced, then everything commits together. A crash before the
/// commit leaves a directory the store does not know, which the next change removes.
/// </summary>
internal sealed class VersionPublisher(ModelRegistry registry)
{
    private readonly RegistryOptions _options = registry.Options;

    /// <summary>
    /// Pushes <paramref name="request"/>: walks the artifact (refusing what the scan refuses), copies and hashes it in
    /// one pass into a hidden staging directory, then, under the lock, either keeps an existing version with the same
    /// bytes (the staging copy is deleted) or renames the copy into place and records it.
    /// </summary>
    public PushResult Push(PushRequest request, IProgress<PushProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var model = request.Model;
        var (git, dataset) = CheckInputs(request, _options);

        // Walked, not read: the copy below is the one read of the artifact's bytes, and the "same bytes already
        // pushed" question is settled by the digest of what it wrote.
        var artifact = ArtifactScanner.Walk(request.Artifact);
        bool modelIsNew, mayRepeat;
        using (var reader = registry.OpenRead())
        {
            modelIsNew = reader.CountVersions(model).Total == 0;

            // A --version name already recorded can only be the same bytes again or a refusal; and a live version of
            // exactly the same size and file count is likely the same bytes (a retrain that changed nothing). Either
            // way one hashing read settles it, without a copy that would be thrown away.
            mayRepeat = (request.VersionName is { } name && reader.FindVersion(model, name) is not null)
                || reader.Versions(model, VersionQuery.Live).Any(v => v.TotalBytes == artifact.TotalBytes && v.FileCount == artifact.FileCount);
        }

        if (mayRepeat && RepeatWithoutCopy(request) is { } repeated)
        {
            return repeated;
        }

        var versions = registry.Layout.VersionsDirectory(model);
        var incoming = Path.Combine(versions, IncomingCopies.NewName());
        string? published = null;
        var succeeded = false;

        // Write-ahead: the journal names the copy before it exists, so only a crash of this push can make it a
        // leftover, and clean-up can prove the directory is ModelRelease's before deleting it.
        var journal = new StepJournal(registry.Layout);
        var entry = journal.Begin("push", model, [incoming], [], registry.Now());
        try
        {
            var manifest = ArtifactStager.Stage(artifact, incoming, _options.Fault, progress);
            _options.Fault("after-copy");
            var result = registry.Change(model, precheck: null, writer =>
            {
                // The same bytes already pushed (by an earlier push, or another job while this one copied): keep that
                // version, and the finally below deletes the staging copy. A name taken by other bytes is refused here.
                if (Existing(writer, request, manifest) is { } existing)
                {
                    return new PushResult(RecordRepeat(writer, request, existing), Created: false);
                }

                var now = registry.Now();
                var (name, number) = NextName(writer.VersionNames(model), writer.MaxNumber(model), now, request.VersionName);
                var destination = registry.Layout.VersionDirectory(model, name);
                if (Path.Exists(destination))
                {
                    // No version of that name (in any letter case) is recorded, and this push did not make the
                    // directory: it is not provably ModelRelease's, so it is set aside, not deleted.
                    var aside = Quarantine.Move(registry.Layout, destination, now);
                    _options.Warn($"Moved {destination} to {aside}: the registry has no version '{name}' of '{model}'. Nothing was deleted: look at it, then delete it yourself.");
                }

                entry = journal.Extend(entry, creates: [destination]);
                Posix.Rename(incoming, destination);
                published = destination;
                Posix.FsyncDirectory(versions);
                _options.Fault("after-rename");

                var env = _options.Environment;
                var version = writer.InsertVersion(new VersionDraft(
                    model, name, number, manifest, git, dataset, request.Hyperparameters, request.Metrics, now,
                    env.Actor, env.Host, env.CiRunUrl, request.Blessing, request.BlessingReason) { CiWorkflow = env.CiWorkflow, CiJob = env.CiJob });
                writer.AppendEvent(registry.Event(model, EventKind.Push, null, null, name, request.Reason, PushEvidence(version), now));
                registry.Link(writer, model, name, ExecutionRole.Output);
                return new PushResult(version, Created: true);
            },
            undo: () =>
            {
                // Runs under the lock: the row never committed, so the copy must not stay under its final name.
                if (published is not null && Directory.Exists(published))
                {
                    FileTree.Delete(published);
                }
            });
            succeeded = true;
            return result;
        }
        finally
        {
            if (Directory.Exists(incoming))
            {
                FileTree.Delete(incoming);
            }

            // Settled either way now: committed, or undone by this process.
            journal.Complete(entry);
            if (!succeeded && modelIsNew)
            {
                // A failed first push leaves no empty directories. Only empty ones go: a second job pushing the same
                // new model has its copy in there, and the copier recreates missing parents anyway.
                var layout = registry.Layout;
                FileTree.DeleteEmptyDirectories(layout.VersionsDirectory(model), layout.ModelDirectory(model), layout.JournalDirectory, layout.StateDirectory, layout.Root);
            }
        }
    }

    /// <summary>
    /// Every check a push makes before it copies anything, and what it found: the request's names and values, git
    /// provenance (a clean tree when required), the dataset version, the artifact's scan and hashes, and a version
    /// the push resolves to (or a taken, pruned or case-alike name it refuses). Push, its dry-run plan and the check
    /// made before a verdict is recorded all call this, so none of them can refuse what the others accept.
    /// </summary>
    /// <param name="request">The push request.</param>
    /// <param name="warn">False to keep quiet about unknown provenance, for a check whose push will warn itself.</param>
    internal PreparedPush Prepare(PushRequest request, bool warn)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (git, dataset) = CheckInputs(request, warn ? _options : new RegistryOptions { Environment = _options.Environment });
        var artifact = ArtifactScanner.Scan(request.Artifact);
        using var reader = registry.OpenRead();
        // What the push reads under its lock (the names, and the writer's MaxNumber, pruned versions included), not
        // every version's row: a model with years of pruned history has thousands.
        var newest = reader.Versions(request.Model, new VersionQuery(Newest: 1));
        return new PreparedPush(
            request, git, dataset, artifact, reader.VersionNames(request.Model), newest.Count == 0 ? null : newest[^1].Number,
            Existing(reader, request, artifact.Manifest));
    }

    /// <summary>The checks of a push before its artifact is touched: the request, git provenance and the dataset version.</summary>
    private (GitProvenance Git, DatasetVersion Dataset) CheckInputs(PushRequest request, RegistryOptions options)
    {
        CheckRequest(registry, request);
        var git = Provenance(options, request);
        var dataset = DatasetVersionResolver.Resolve(request.DatasetVersion, request.Dataset);
        if (dataset.Source == DatasetVersionSource.Unknown)
        {
            options.Warn("No --dataset-version and no --dataset: the version's dataset is recorded as 'unknown', so it cannot be traced to its training data. Pass one of them.");
        }

        return (git, dataset);
    }

    /// <summary>The new version's name and serving number, given the names the model has used and its largest number so far.</summary>
    internal static (string Name, long Number) NextName(IEnumerable<string> names, long? newestNumber, DateTimeOffset now, string? givenName)
    {
        // Names are compared ignoring case, so two versions never share a directory on a case-insensitive filesystem.
        var taken = names.ToHashSet(StringComparer.OrdinalIgnoreCase);
        return VersionNumbering.Next(now, newestNumber, givenName, taken.Contains);
    }

    /// <summary>The checks a push makes on its request before reading anything; a push plan makes them too.</summary>
    internal static void CheckRequest(ModelRegistry registry, PushRequest request)
    {
        registry.RequireModelName(request.Model);
        RootGuard.RequireSeparate(registry.Layout, request.Artifact);
        if (request.VersionName is { } given)
        {
            RegistryRules.RequireNewVersionName(given);
        }

        RequireFinite(request.Metrics);
        RequireKeys(request.Hyperparameters);
    }

    internal static GitProvenance Provenance(RegistryOptions options, PushRequest request)
    {
        var env = options.Environment;
        var git = request.Git ?? GitProvenanceReader.Read(env.WorkingDirectory, env.Variable);
        if (git.Source == GitProvenanceSource.Unknown)
        {
            options.Warn($"No git repository around {env.WorkingDirectory} and no GITHUB_SHA: the version's commit is recorded as 'unknown'.");
        }

        if (request.RequireCleanGit && !git.IsClean)
        {
            throw new RegistryException(git.Source == GitProvenanceSource.Unknown
                ? $"The commit is unknown (no git repository around {env.WorkingDirectory} and no GITHUB_SHA), and a clean git tree is required. Run from the training repository, or drop --require-clean-git."
                : git.IsDirty == true
                    ? $"The git tree at commit {git.Commit[..Math.Min(12, git.Commit.Length)]} has uncommitted changes, and a clean tree is required. Commit or stash them, or drop --require-clean-git."
                    : "Whether the git tree is clean cannot be known outside a repository, and a clean tree is required. Run from a checkout, or drop --require-clean-git.");
        }

        return git;
    }

    /// <summary>A version the push resolves to without copying: the same name with the same bytes, or the same bytes under any name.</summary>
    internal static ModelVersion? Existing(IMetadataReader reader, PushRequest request, VersionManifest manifest)
    {
        if (request.VersionName is { } name && reader.FindVersion(request.Model, name) is { } named)
        {
            if (named.Digest != manifest.Digest)
            {
                throw new RegistryException(
                    $"Version '{name}' of model '{request.Model}' already exists with different content ({named.Digest[..19]}… vs {manifest.Digest[..19]}…). " +
                    "Versions are immutable: pick a new --version name, or leave it out for a timestamped one.");
            }

            if (named.IsPruned)
            {
                throw new RegistryException(
                    $"Version '{name}' of model '{request.Model}' was pruned; a name is never reused, so its audit trail stays unambiguous. Pick a new --version name.");
            }

            return named;
        }

        if (request.VersionName is { } wanted && reader.VersionNames(request.Model).FirstOrDefault(n => string.Equals(n, wanted, StringComparison.OrdinalIgnoreCase)) is { } lookalike)
        {
            throw new RegistryException(
                $"Version name '{wanted}' differs from the existing version '{lookalike}' of model '{request.Model}' only in letter case; " +
                "on a case-insensitive filesystem (macOS, Windows) they would share one directory. Pick a name that differs in more than case.");
        }

        return reader.FindVersionByDigest(request.Model, manifest.Digest);
    }

    /// <summary>
    /// Hashes the artifact without copying it and, when the store already holds those bytes (or refuses the name),
    /// settles the push as a repeat (or the refusal); null when the bytes are new after all, and the push copies.
    /// </summary>
    private PushResult? RepeatWithoutCopy(PushRequest request)
    {
        var manifest = ArtifactScanner.Scan(request.Artifact).Manifest;
        using (var reader = registry.OpenRead())
        {
            if (Existing(reader, request, manifest) is null)
            {
                return null;
            }
        }

        return TryRepeat(request, manifest);
    }

    /// <summary>
    /// Records a repeated push under the lock, or returns null when the version it matched is gone by then (pruned
    /// meanwhile): the push then copies as a new version instead of returning one without files.
    /// </summary>
    private PushResult? TryRepeat(PushRequest request, VersionManifest manifest) =>
        registry.Change(request.Model, precheck: null, writer =>
            Existing(writer, request, manifest) is { } current ? new PushResult(RecordRepeat(writer, request, current), Created: false) : null);

    private ModelVersion RecordRepeat(IMetadataWriter writer, PushRequest request, ModelVersion existing)
    {
        var evidence = JsonText.Write(json =>
        {
            json.WriteStartObject();
            json.WriteString("digest", existing.Digest);
            json.WriteString("requestedName", request.VersionName);
            json.WriteEndObject();
        });
        writer.AppendEvent(registry.Event(request.Model, EventKind.PushRepeated, null, null, existing.Name,
            request.Reason ?? "identical artifact already pushed; no new version", evidence, registry.Now()));
        registry.Link(writer, request.Model, existing.Name, ExecutionRole.Input);
        return existing;
    }

    private static string PushEvidence(ModelVersion version) => JsonText.Write(json =>
    {
        json.WriteStartObject();
        json.WriteString("digest", version.Digest);
        json.WriteNumber("number", version.Number);
        json.WriteNumber("files", version.FileCount);
        json.WriteNumber("bytes", version.TotalBytes);
        json.WriteEndObject();
    });

    private static void RequireFinite(IReadOnlyDictionary<string, double> metrics)
    {
        foreach (var (name, value) in metrics)
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                throw new RegistryException("A metric has an empty name. Give every metric a name, e.g. {\"accuracy\": 0.93}.");
            }

            if (!double.IsFinite(value))
            {
                throw new RegistryException($"Metric '{name}' is {value}, not a finite number. Fix the evaluation output.");
            }
        }
    }

    private static void RequireKeys(IReadOnlyDictionary<string, string> hyperparameters)
    {
        if (hyperparameters.Keys.Any(string.IsNullOrWhiteSpace))
        {
            throw new RegistryException("A hyperparameter has an empty name. Write them as name=value pairs, e.g. lr=0.001,epochs=10.");
        }
    }
}
