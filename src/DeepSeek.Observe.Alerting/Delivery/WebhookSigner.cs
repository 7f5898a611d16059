using System.Security.Cryptography;
using System.Text;

namespace DeepSeek.Observe.Alerting.Delivery;

/// <summary>
/// Signs webhook bodies with HMAC-SHA256 so a receiver can check a request came from us and was not altered. The
/// signature covers the exact body bytes, which the outbox stores, so every retry carries the same signature.
/// </summary>
public sealed class WebhookSigner
{
    /// <summary>The header carrying <c>sha256=&lt;lower-case hex&gt;</c>, the convention GitHub's webhooks made familiar.</summary>
    public const string SignatureHeader = "X-Observe-Signature";

    private const string Prefix = "sha256=";

    private readonly byte[]? _key;

    public WebhookSigner(byte[]? key) => _key = key is { Length: > 0 } ? key : null;

    /// <summary>Whether bodies are signed (a key was configured).</summary>
    public bool IsEnabled => _key is not null;

    /// <summary>Reads a key file: its bytes without trailing whitespace, since editors and <c>echo</c> add a newline.</summary>
    public static byte[] ReadKey(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var length = bytes.Length;
        while (length > 0 && bytes[length - 1] is (byte)'\n' or (byte)'\r' or (byte)' ' or (byte)'\t')
        {
            length--;
        }

        return bytes[..length];
    }

    /// <summary>The header value for <paramref name="body"/>, or null when signing is off.</summary>
    public string? Sign(ReadOnlySpan<byte> body) => _key is null ? null : Compute(_key, body);

    /// <summary>The header value for <paramref name="body"/> under <paramref name="key"/>; what a receiver recomputes.</summary>
    public static string Compute(ReadOnlySpan<byte> key, ReadOnlySpan<byte> body)
    {
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(key, body, mac);
        return Prefix + Convert.ToHexStringLower(mac);
    }

    /// <summary>Checks a received header in constant time (so timing reveals nothing about the expected value).</summary>
    public static bool Verify(ReadOnlySpan<byte> key, ReadOnlySpan<byte> body, string? header) =>
        header is not null
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Compute(key, body)), Encoding.ASCII.GetBytes(header));
}
