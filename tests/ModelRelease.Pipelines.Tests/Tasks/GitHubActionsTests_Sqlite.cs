using ModelRelease.Tests.Registry;

namespace ModelRelease.Pipelines.Tests.Tasks;

/// <summary>The <see cref="GitHubActionsTests"/> on a SQLite file in the serving root.</summary>
public sealed class GitHubActionsTests_Sqlite() : GitHubActionsTests(StoreKind.Sqlite);
