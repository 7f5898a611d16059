namespace DeepSeek.Observe.Testing;

/// <summary>
/// The real servers that tests/run.sh starts on loopback and announces through environment variables. A test that
/// claims PostgreSQL or RabbitMQ behaviour fails, never skips, when its server was not provided.
/// </summary>
public static class TestServers
{
    /// <summary>Connection string of a role that may create databases (<c>OBSERVE_TEST_POSTGRES</c>).</summary>
    public static string Postgres => Require("OBSERVE_TEST_POSTGRES", "Host=127.0.0.1;Username=observe_test;Password=...;Database=postgres");

    /// <summary>AMQP URI of the test broker (<c>OBSERVE_TEST_RABBITMQ</c>).</summary>
    public static string RabbitMq => Require("OBSERVE_TEST_RABBITMQ", "amqp://guest:guest@127.0.0.1:5672/");

    /// <summary>The promtool executable (<c>OBSERVE_TEST_PROMTOOL</c>, default <c>promtool</c> on PATH).</summary>
    public static string Promtool => Environment.GetEnvironmentVariable("OBSERVE_TEST_PROMTOOL") is { Length: > 0 } path ? path : "promtool";

    /// <summary>The Prometheus server binary (<c>OBSERVE_TEST_PROMETHEUS</c>, default <c>prometheus</c> on PATH).</summary>
    public static string Prometheus => Environment.GetEnvironmentVariable("OBSERVE_TEST_PROMETHEUS") is { Length: > 0 } path ? path : "prometheus";

    private static string Require(string variable, string example) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{variable} is not set. Run the tests through tests/run.sh, which starts the servers, "
                + $"or export it yourself (e.g. {variable}='{example}').");
}
