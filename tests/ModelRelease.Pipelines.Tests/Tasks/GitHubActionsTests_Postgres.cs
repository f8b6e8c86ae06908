using ModelRelease.Tests.Registry;

namespace ModelRelease.Pipelines.Tests.Tasks;

/// <summary>The <see cref="GitHubActionsTests"/> on a fresh PostgreSQL database.</summary>
public sealed class GitHubActionsTests_Postgres() : GitHubActionsTests(StoreKind.Postgres);
