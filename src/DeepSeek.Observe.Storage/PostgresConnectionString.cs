using System.Diagnostics.CodeAnalysis;
using Npgsql;

namespace DeepSeek.Observe.Storage;

/// <summary>Validation and redaction of Npgsql connection strings for options, the CLI and log messages.</summary>
public static class PostgresConnectionString
{
    /// <summary>Whether <paramref name="value"/> is a usable Npgsql connection string; <paramref name="error"/> says why not.</summary>
    public static bool TryValidate(string? value, [NotNullWhen(false)] out string? error)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            error = "the connection string is empty";
            return false;
        }

        try
        {
            var builder = new NpgsqlConnectionStringBuilder(value);
            if (string.IsNullOrWhiteSpace(builder.Host))
            {
                error = "the connection string names no Host (expected e.g. 'Host=127.0.0.1;Username=observe;Database=observe')";
                return false;
            }
        }
        catch (ArgumentException ex)
        {
            error = $"not a valid Npgsql connection string ({ex.Message})";
            return false;
        }

        error = null;
        return true;
    }

    /// <summary>The connection string without its password, safe for logs and error messages.</summary>
    public static string Redact(string value)
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(value);
            var database = string.IsNullOrEmpty(builder.Database) ? "(default)" : builder.Database;
            return $"Host={builder.Host};Port={builder.Port};Database={database};Username={builder.Username}";
        }
        catch (ArgumentException)
        {
            return "(unparseable connection string)";
        }
    }
}
