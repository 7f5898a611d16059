using System.Diagnostics.CodeAnalysis;

namespace DeepSeek.Observe.Messaging;

/// <summary>
/// A parsed AMQP URI (https://www.rabbitmq.com/docs/uri-spec): <c>amqp[s]://[user[:pass]@]host[:port][/vhost]</c>.
/// An absent or empty path is the default virtual host "/"; a path segment is URL-decoded, so "/%2F" is "/" too.
/// </summary>
public sealed record RabbitMqAddress(string Host, int Port, string VirtualHost, string Username, string Password, bool UseTls)
{
    private const int AmqpPort = 5672;
    private const int AmqpsPort = 5671;

    /// <summary>Parses <paramref name="value"/>; <paramref name="error"/> says what is wrong when it is not an AMQP URI.</summary>
    public static bool TryParse(string? value, [NotNullWhen(true)] out RabbitMqAddress? address, [NotNullWhen(false)] out string? error)
    {
        address = null;
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("amqp" or "amqps"))
        {
            error = $"'{value}' is not an AMQP URI (expected amqp://user:pass@host:5672/vhost)";
            return false;
        }

        if (string.IsNullOrEmpty(uri.Host))
        {
            error = $"'{Redact(value!)}' names no host";
            return false;
        }

        var tls = uri.Scheme == "amqps";
        var path = uri.AbsolutePath.TrimStart('/');
        var userInfo = uri.UserInfo.Split(':', 2);
        address = new RabbitMqAddress(
            uri.Host,
            uri.IsDefaultPort || uri.Port < 0 ? (tls ? AmqpsPort : AmqpPort) : uri.Port,
            path.Length == 0 ? "/" : Uri.UnescapeDataString(path),
            userInfo[0].Length == 0 ? "guest" : Uri.UnescapeDataString(userInfo[0]),
            userInfo.Length < 2 ? "guest" : Uri.UnescapeDataString(userInfo[1]),
            tls);
        error = null;
        return true;
    }

    /// <summary>The URI without its password, safe for logs and error messages.</summary>
    public static string Redact(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.UserInfo.Contains(':', StringComparison.Ordinal)
            ? value.Replace(uri.UserInfo, uri.UserInfo.Split(':')[0] + ":***", StringComparison.Ordinal)
            : value;

    /// <inheritdoc />
    public override string ToString() =>
        $"{(UseTls ? "amqps" : "amqp")}://{Username}@{Host}:{Port}/{Uri.EscapeDataString(VirtualHost)}";
}
