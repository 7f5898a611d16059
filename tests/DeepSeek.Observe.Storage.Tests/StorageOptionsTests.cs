using DeepSeek.Observe.Storage.Internal;

namespace DeepSeek.Observe.Storage.Tests;

public class StorageOptionsTests
{
    [Fact]
    public void Kind_WithoutConnectionString_IsEmbedded()
    {
        Assert.Equal(StoreKind.Embedded, new StorageOptions().Kind);
        Assert.Equal(StoreKind.PostgreSql, new StorageOptions { Postgres = "Host=127.0.0.1" }.Kind);
    }

    [Fact]
    public void Validate_UnparseableConnectionString_NamesTheSetting()
    {
        var result = new StorageOptionsValidator().Validate(null, new StorageOptions { Postgres = "Host=;=" });

        Assert.True(result.Failed);
        Assert.Contains("--postgres", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ConnectionStringWithoutHost_Fails()
    {
        var result = new StorageOptionsValidator().Validate(null, new StorageOptions { Postgres = "Username=x" });

        Assert.True(result.Failed);
        Assert.Contains("names no Host", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_Embedded_Succeeds()
    {
        Assert.True(new StorageOptionsValidator().Validate(null, new StorageOptions()).Succeeded);
    }

    [Fact]
    public void Redact_RemovesPassword()
    {
        var redacted = PostgresConnectionString.Redact("Host=db;Username=u;Password=hunter2;Database=observe");

        Assert.DoesNotContain("hunter2", redacted, StringComparison.Ordinal);
        Assert.Contains("Host=db", redacted, StringComparison.Ordinal);
        Assert.Contains("Database=observe", redacted, StringComparison.Ordinal);
    }
}
